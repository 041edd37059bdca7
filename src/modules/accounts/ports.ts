/**
 * What the accounts module needs from other modules, wired in src/modules/index.ts from their `api` (read lazily:
 * organisations needs accounts' api too) and from the module list itself (personal data, admin links).
 */
import type { CurrentUser, MembershipRole } from '../../platform/auth/user.ts';
import type { HubLink, PersonalData } from '../../platform/module.ts';
import type { MyAuthority } from './model.ts';

/** One module's personal data, as the module list collects them (assemble.ts `personalData`). */
export interface PersonalDataSource {
  /** The module's name (the key of its part of the export). */
  module: string;
  data: PersonalData;
}

export interface AccountsPorts {
  /** The authorities a person belongs to or asked to join, with their status (organisations). */
  authoritiesOf(userId: number): Promise<MyAuthority[]>;
  /** A signed-in person's active memberships (organisations). */
  activeMembershipsOf(userId: number): Promise<CurrentUser['memberships']>;
  /** Every module's personal data but accounts' own (each definition's `personalData`): RGPD export and deletion. */
  personalData(): PersonalDataSource[];
  /** Other modules' administration pages (each definition's `hubLinks.admin`), on the dashboard /admin. */
  adminLinks(): HubLink[];
  /** Demo seed: the id of the authority with this code (`commune:44109`), or null (organisations). */
  organisationIdByCode(code: string): Promise<number | null>;
  /** Demo seed: makes `userId` an active member of the authority, decided by `actor` (organisations). */
  setMembership(
    actor: CurrentUser,
    input: { userId: number; organisationId: number; role: MembershipRole },
  ): Promise<unknown>;
}
