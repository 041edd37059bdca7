/**
 * What other modules ask about the members of authorities: who to mail (library notifications, campaign
 * invitations), a signed-in person's roles (every request), a person's authorities (their account page) and the
 * personal data held here (RGPD export and erasure).
 */
import type { Db } from '../../../platform/db/database.ts';
import type { MembershipRole, MembershipStatus } from '../model.ts';
import type { OrganisationsContext } from './context.ts';

/** A person's authority or request, as their account page lists it. */
export interface PersonAuthority {
  organisationId: number;
  name: string;
  role: MembershipRole;
  status: MembershipStatus;
  href: string;
}

export function createMembersDirectory(context: OrganisationsContext) {
  const { memberships: store, ports } = context;

  return {
    /** E-mail addresses of an authority's active members (any role). */
    async memberEmails(organisationId: number): Promise<string[]> {
      const ids = await store.activeMemberIds(organisationId);
      return ids.length ? (await ports.people.findUsers(ids)).map((u) => u.email) : [];
    },

    /** E-mail addresses of the active members of several authorities (campaign invitations), by authority. */
    async contactEmails(organisationIds: number[]): Promise<Map<number, string[]>> {
      const byOrg = await store.activeMemberIdsOf(organisationIds);
      const userIds = [...new Set([...byOrg.values()].flat())];
      const users = userIds.length ? await ports.people.findUsers(userIds) : [];
      const emailOf = new Map(users.filter((u) => !u.disabled).map((u) => [u.id, u.email]));
      const out = new Map<number, string[]>();
      for (const [org, ids] of byOrg) {
        out.set(
          org,
          ids.map((id) => emailOf.get(id)).filter((e): e is string => !!e),
        );
      }
      return out;
    },

    /** A person's active memberships, for the signed-in user of each request. */
    activeRolesOfUser: (userId: number) => store.activeRolesOfUser(userId),

    countActiveMembers: (organisationId: number) => store.countActiveMembers(organisationId),

    /** A person's authorities and requests, for their account page (accounts module). */
    async authoritiesOf(userId: number): Promise<PersonAuthority[]> {
      const rows = await store.membershipsOfUser(userId);
      return rows.map((m) => ({
        organisationId: m.organisationId,
        name: m.organisation.name,
        role: m.role,
        status: m.status,
        href: `/collectivites/${m.organisationId}`,
      }));
    },

    /** Personal data held here (RGPD export): the person's memberships and requests with their messages. */
    async exportPersonalData(userId: number) {
      const rows = await store.membershipsOfUser(userId);
      return rows.map((m) => ({
        organisation: m.organisation.name,
        role: m.role,
        status: m.status,
        message: m.message,
        requestedAt: m.requestedAt,
        decidedAt: m.decidedAt,
      }));
    },

    /** Erases the person's memberships and requests, inside the account deletion's transaction. */
    async erasePersonalData(userId: number, trx: Db): Promise<void> {
      await store.deleteMembershipsOfUser(userId, trx);
    },
  };
}

export type MembersDirectory = ReturnType<typeof createMembersDirectory>;
