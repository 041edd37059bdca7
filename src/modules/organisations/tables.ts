/**
 * The organisations module's tables (migration 0002_organisations_accounts.ts), merged into the application's `DB`
 * interface. Column names are the real SQL names; the store maps each table's rows to camelCase records with one
 * mapper per table. (`users` and `auth_tokens`, created by the same migration, belong to the accounts module.)
 */
import type { Defaulted, Id } from '../../platform/db/database.ts';

/** Where an organisation comes from: the official geographic code, an administrator, or a library import. */
export type OrganisationSourceColumn = 'cog' | 'admin' | 'import';

/** Authorities (collectivités) and other public bodies. */
export interface OrganisationsTable {
  id: Id;
  /** Stable code: 'commune:75056', 'epci:200046977', 'departement:75', 'region:11', 'other:<SIREN>', 'import:…'. */
  code: string;
  name: string;
  /** An organisation type code (model.ts ORGANISATION_TYPE_CODES). */
  type: string;
  insee_code: string | null;
  siren: string | null;
  siret: string | null;
  population: number | null;
  departement_code: string | null;
  region_code: string | null;
  /** Space-separated postcodes. */
  postcodes: Defaulted<string>;
  /** ISO 3166-1 alpha-2. */
  country: Defaulted<string>;
  website: string | null;
  latitude: number | null;
  longitude: number | null;
  /** Folded name and codes the directory is searched by (search-text.ts `searchText`). */
  search_text: Defaulted<string>;
  source: Defaulted<OrganisationSourceColumn>;
  created_at: string;
  updated_at: string;
}

export type MembershipRoleColumn = 'member' | 'editor';
export type MembershipStatusColumn = 'pending' | 'active' | 'refused';

/** A person's membership of an organisation, or their request to join it. One per (user, organisation). */
export interface MembershipsTable {
  id: Id;
  user_id: number;
  organisation_id: number;
  role: Defaulted<MembershipRoleColumn>;
  status: Defaulted<MembershipStatusColumn>;
  message: Defaulted<string>;
  requested_at: string;
  decided_at: string | null;
  decided_by: number | null;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    organisations: OrganisationsTable;
    memberships: MembershipsTable;
  }
}
