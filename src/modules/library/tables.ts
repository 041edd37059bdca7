/**
 * The library's tables (migration 0004_library.ts), merged into the application's `DB` interface. Column names are
 * the real SQL names; store.ts maps each table's rows to camelCase records with one mapper per table.
 */
import type { ColumnType } from 'kysely';
import type { Defaulted, Id } from '../../platform/db/database.ts';

/** Workflow state of a use case (see workflow.ts). */
export type UseCaseStateColumn = 'draft' | 'submitted' | 'changes_requested' | 'published' | 'archived';
/** State of the pending revision of a published use case (null: none). */
export type RevisionStateColumn = 'draft' | 'submitted' | 'changes_requested';

/**
 * One row per use case. `content` is what readers see (the published version, or the draft before the first
 * publication); `draft_content` is the pending revision of a published use case. `title`, `sort_title`, `facets`
 * and `start_date` are derived from `content` for listings and the facet index; `change_seq` numbers the change.
 */
export interface UseCasesTable {
  id: Id;
  slug: string;
  organisation_id: number;
  state: UseCaseStateColumn;
  revision_state: RevisionStateColumn | null;
  version: Defaulted<number>;
  /** JSON of the content. */
  content: string;
  /** JSON of the pending revision's content. */
  draft_content: string | null;
  external_key: string | null;
  title: Defaulted<string>;
  sort_title: Defaulted<string>;
  /** JSON of the content's facet values. */
  facets: Defaulted<string>;
  start_date: string | null;
  change_seq: Defaulted<number>;
  created_by: number | null;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  published_at: string | null;
  content_updated_at: string | null;
  archived_at: string | null;
  archive_reason: string | null;
}

/** Counters of the library (`change_seq`, incremented under a row lock: commit order = sequence order). */
export interface LibraryStateTable {
  name: string;
  value: number;
}

/** Every published version of a use case (public history and comparisons). */
export interface UseCaseVersionsTable {
  id: Id;
  use_case_id: number;
  number: number;
  /**
   * JSON of the published content; null: the sheet's content as it is now (the latest version, while the sheet's
   * content is still the one it published: the store writes the copy before that content changes).
   */
  content: string | null;
  published_at: string;
  published_by: number | null;
}

/** The workflow log and the review comments. */
export interface UseCaseEventsTable {
  id: Id;
  use_case_id: number;
  at: string;
  actor_user_id: number | null;
  event: string;
  comment: string | null;
  /** JSON array of the field keys a review decision concerns. */
  fields: string | null;
  /** JSON of the content a reviewer judged when requesting changes (the baseline of the next review's diff). */
  snapshot: string | null;
}

/** « Signaler une erreur » reports. */
export interface UseCaseReportsTable {
  id: Id;
  use_case_id: number;
  created_at: string;
  reporter_user_id: number | null;
  reporter_email: string | null;
  message: string;
  status: Defaulted<'open' | 'handled'>;
  handled_at: string | null;
  handled_by: number | null;
}

/** Per-authority API tokens (only their hash is stored). */
export interface LibraryApiTokensTable {
  id: Id;
  organisation_id: number;
  name: string;
  token_hash: string;
  created_by: number | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** Chosen at creation (migration 0007); null only in a database migrated half-way. */
  expires_at: string | null;
}

/** A sheet's logo as the server fetched and checked it (migration 0013), named by its content hash. */
export interface LibraryLogosTable {
  /** « <sha256>.<png|jpg|webp> ». */
  file: string;
  content_type: string;
  size: number;
  /** blob (SQLite) / bytea (PostgreSQL); at most 500 KB. */
  content: ColumnType<Buffer | Uint8Array, Buffer, Buffer>;
  created_at: string;
}

/** Which logo was fetched for which address (migration 0013). */
export interface LibraryLogoSourcesTable {
  /** SHA-256 of the address, hexadecimal. */
  url_hash: string;
  url: string;
  file: string;
  fetched_at: string;
}

/** Review reminders sent (migration 0018): one per published sheet and due date. */
export interface UseCaseReviewRemindersTable {
  id: Id;
  use_case_id: number;
  due_on: string;
  recipients: Defaulted<number>;
  sent_at: string;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    use_cases: UseCasesTable;
    library_state: LibraryStateTable;
    use_case_versions: UseCaseVersionsTable;
    use_case_events: UseCaseEventsTable;
    use_case_reports: UseCaseReportsTable;
    library_api_tokens: LibraryApiTokensTable;
    library_logos: LibraryLogosTable;
    library_logo_sources: LibraryLogoSourcesTable;
    use_case_review_reminders: UseCaseReviewRemindersTable;
  }
}
