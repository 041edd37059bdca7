/**
 * The tables of commons (migration 0019_commons.ts), merged into the application's `DB` interface. Column names are
 * the real SQL names; store.ts maps rows to camelCase records with one mapper per table.
 */
import type { Defaulted, Id } from '../../platform/db/database.ts';

export interface CommonsTable {
  id: Id;
  name: string;
  summary: string;
  kind: string;
  status: string;
  licence: string | null;
  repository_url: string | null;
  download_url: string | null;
  documentation_url: string | null;
  /** JSON array of library theme codes. */
  themes: Defaulted<string>;
  commons_category: string | null;
  /** JSON array of { name, email } (publiccode.yml maintenance contacts): private. */
  contacts: Defaulted<string>;
  version: Defaulted<number>;
  created_by: number | null;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface CommonsOrganisationsTable {
  commons_id: number;
  organisation_id: number;
  role: 'maintainer' | 'user' | 'contributor';
}

export interface CommonsUseCasesTable {
  commons_id: number;
  use_case_id: number;
}

export interface CommonsNewsTable {
  id: Id;
  commons_id: number;
  date: string;
  title: string;
  body: Defaulted<string>;
  release: string | null;
  created_by: number | null;
  created_at: string;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    commons: CommonsTable;
    commons_organisations: CommonsOrganisationsTable;
    commons_use_cases: CommonsUseCasesTable;
    commons_news: CommonsNewsTable;
  }
}
