/**
 * The tables of the questionnaires module (src/migrations/0005_questionnaires.ts), merged into the typed `DB`.
 * Column names are the real SQL names; the store maps each row to a camelCase record (store/mappers.ts).
 * Conventions: integer ids, ISO-8601 text timestamps, integer 0/1 booleans, JSON as text.
 */
import type { ColumnType } from 'kysely';
import type { Defaulted, Id } from '../../platform/db/database.ts';

export interface QuestionnairesTable {
  id: Id;
  /** Key of a questionnaire shipped with the product (catalogue), unique. */
  catalogue_key: string | null;
  title: string;
  /** JSON (our native format): the builder's working copy. */
  draft: string;
  /** Optimistic concurrency of the builder. */
  draft_revision: Defaulted<number>;
  /** Number of the last published version (0: never published). */
  latest_version: Defaulted<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface QuestionnaireVersionsTable {
  id: Id;
  questionnaire_id: number;
  number: number;
  /** JSON, immutable once written. */
  content: string;
  published_at: string;
  published_by: number | null;
}

export interface CampaignsTable {
  id: Id;
  questionnaire_id: number;
  version_id: number;
  title: string;
  description: Defaulted<string>;
  opens_at: string;
  closes_at: string;
  /** Closed early by a coordinator. */
  closed_at: string | null;
  /** JSON: how the authorities were chosen (TargetSpec). */
  targets: Defaulted<string>;
  public_token_hash: string | null;
  public_token_nonce: string | null;
  results_public: Defaulted<number>;
  /** AI census: a draft use case on submission. */
  library_auto: Defaulted<number>;
  /** Days before closing, comma-separated. */
  reminder_days: Defaulted<string>;
  invitations_sent_at: string | null;
  /** null: prepared, not launched yet (the coordinator previews it first). */
  launched_at: string | null;
  /** `one` response per authority, or `several` (one per project). */
  responses_mode: Defaulted<'one' | 'several'>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface InvitationsTable {
  id: Id;
  campaign_id: number;
  organisation_id: number;
  /** Snapshot of the authority when invited. */
  organisation_name: string;
  organisation_type: string;
  region_code: string | null;
  departement_code: string | null;
  /** JSON array of addresses the invitation is mailed to (besides the authority's members). */
  contact_emails: Defaulted<string>;
  /** With the server secret, derives the token (never stored). */
  nonce: string;
  token_hash: string;
  expires_at: string;
  revoked_at: string | null;
  sent_at: string | null;
  reminders_sent: Defaulted<number>;
  last_reminder_at: string | null;
  created_at: string;
  /** French sort key of the name (binary-collated on both databases). */
  sort_key: Defaulted<string>;
  /** Networks the authority belonged to when invited: `,3,7,` ('' for none). */
  networks: Defaulted<string>;
  /** Recipients at the last count (-1: not counted). */
  recipient_count: Defaulted<number>;
  delivered_count: Defaulted<number>;
  failed_count: Defaulted<number>;
  /** The last delivery error (SMTP), cleared by a later success. */
  last_error: string | null;
}

/** One mail (invitation, reminder n, renewed link n) to one recipient of an invitation: sent at most once. */
export interface InvitationDeliveriesTable {
  id: Id;
  invitation_id: number;
  campaign_id: number;
  /** `invite` | `remind:<n>` | `renew:<n>`. */
  mail: string;
  email: string;
  status: Defaulted<'pending' | 'sent' | 'failed'>;
  attempts: Defaulted<number>;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

export interface ResponsesTable {
  id: Id;
  campaign_id: number;
  version_id: number;
  /** null: anonymous (public link). */
  organisation_id: number | null;
  organisation_name: string | null;
  organisation_type: string | null;
  region_code: string | null;
  departement_code: string | null;
  anonymous_token_hash: string | null;
  /** JSON answers. */
  answers: Defaulted<string>;
  /** JSON: answer key → response version that last set it. */
  revisions: Defaulted<string>;
  version: Defaulted<number>;
  status: Defaulted<'in_progress' | 'submitted'>;
  current_page: string | null;
  /** Percent. */
  progress: Defaulted<number>;
  started_at: string;
  updated_at: string;
  updated_by: number | null;
  submitted_at: string | null;
  submitted_by: number | null;
  reopened_at: string | null;
  respondent_email: string | null;
  /** The library use case drafted from this response (set when the library reports it). */
  library_use_case_id: number | null;
  /** 1, 2… among the responses of one authority to one campaign (one per project). */
  number: Defaulted<number>;
}

export interface ResponseFilesTable {
  /** Random, unguessable. */
  id: string;
  response_id: number;
  question_id: string;
  name: string;
  type: string;
  size: number;
  /** blob (SQLite) / bytea (PostgreSQL). */
  content: ColumnType<Buffer | Uint8Array, Buffer, Buffer>;
  created_at: string;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    questionnaires: QuestionnairesTable;
    questionnaire_versions: QuestionnaireVersionsTable;
    campaigns: CampaignsTable;
    invitations: InvitationsTable;
    invitation_deliveries: InvitationDeliveriesTable;
    responses: ResponsesTable;
    response_files: ResponseFilesTable;
  }
}
