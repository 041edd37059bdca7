/**
 * The tables of meetings (migration 0027_meetings.ts), merged into the application's `DB` interface. Column names
 * are the real SQL names; store.ts maps rows to camelCase records with one mapper per table.
 */
import type { Defaulted, Id } from '../../platform/db/database.ts';

export interface MeetingsTable {
  id: Id;
  group_id: number;
  title: string;
  description: Defaulted<string>;
  starts_at: string;
  ends_at: string;
  place: string | null;
  video_url: string | null;
  visibility: string;
  capacity: number | null;
  status: Defaulted<string>;
  sequence: Defaulted<number>;
  version: Defaulted<number>;
  created_by: number | null;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface MeetingAgendaItemsTable {
  id: Id;
  meeting_id: number;
  position: number;
  title: string;
  speaker_name: string | null;
  speaker_function: string | null;
  speaker_guest: Defaulted<number>;
}

export interface MeetingDocumentsTable {
  id: Id;
  meeting_id: number;
  position: number;
  title: string;
  url: string;
  phase: string;
}

export interface MeetingRegistrationsTable {
  id: Id;
  meeting_id: number;
  user_id: number;
  status: string;
  mode: string;
  attended: number | null;
  created_at: string;
  updated_at: string;
}

export interface MeetingMinutesTable {
  id: Id;
  meeting_id: number;
  revision: number;
  body: string;
  publication: string;
  author_id: number | null;
  created_at: string;
}

export interface MeetingDecisionsTable {
  id: Id;
  meeting_id: number;
  position: number;
  text: string;
}

export interface MeetingActionsTable {
  id: Id;
  meeting_id: number;
  group_id: number;
  title: string;
  owner_id: number | null;
  due_date: string | null;
  status: string;
  version: Defaulted<number>;
  created_at: string;
  updated_at: string;
}

export interface MeetingRemindersTable {
  meeting_id: number;
  kind: string;
  starts_at: string;
  sent_at: string;
}

export interface MeetingFeedTokensTable {
  id: Id;
  user_id: number;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    meetings: MeetingsTable;
    meeting_agenda_items: MeetingAgendaItemsTable;
    meeting_documents: MeetingDocumentsTable;
    meeting_registrations: MeetingRegistrationsTable;
    meeting_minutes: MeetingMinutesTable;
    meeting_decisions: MeetingDecisionsTable;
    meeting_actions: MeetingActionsTable;
    meeting_reminders: MeetingRemindersTable;
    meeting_feed_tokens: MeetingFeedTokensTable;
  }
}
