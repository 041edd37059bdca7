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
  /** Optimistic concurrency of the edit page (migration 0008). */
  version: Defaulted<number>;
  /** The authority's public contact address (migration 0008). */
  contact_email: string | null;
  logo_url: string | null;
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

/** Who changed which identifier or public field of an authority, when (migration 0008). */
export interface OrganisationChangesTable {
  id: Id;
  organisation_id: number;
  /** siret | contact_email | website | logo_url */
  field: string;
  old_value: string | null;
  new_value: string | null;
  /** A user id; null for an import or the system. */
  changed_by: number | null;
  /** saisie | import | formulaire */
  source: Defaulted<string>;
  changed_at: string;
}

/** A professional contact of an authority (migration 0008); e-mail stored lower-case, one per authority. */
export interface OrganisationContactsTable {
  id: Id;
  organisation_id: number;
  name: string;
  function: Defaulted<string>;
  email: string;
  phone: string | null;
  source: Defaulted<string>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: Defaulted<number>;
}

/** A network of authorities (France urbaine, Les Interconnectés…) as data (migration 0008). */
export interface NetworksTable {
  id: Id;
  code: string;
  name: string;
  description: Defaulted<string>;
  website: string | null;
  created_at: string;
  updated_at: string;
}

export interface NetworkMembersTable {
  network_id: number;
  organisation_id: number;
  source: Defaulted<string>;
  added_at: string;
}

export interface NetworkCoordinatorsTable {
  network_id: number;
  user_id: number;
  added_at: string;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    organisations: OrganisationsTable;
    memberships: MembershipsTable;
    organisation_changes: OrganisationChangesTable;
    organisation_contacts: OrganisationContactsTable;
    networks: NetworksTable;
    network_members: NetworkMembersTable;
    network_coordinators: NetworkCoordinatorsTable;
  }
}
