/**
 * The tables of citizens' voice (migration 0024_voice.ts), merged into the application's `DB` interface. Column names
 * are the real SQL names; store.ts maps rows to camelCase records.
 */
import type { Defaulted, Id } from '../../platform/db/database.ts';

export interface VoiceProfilesTable {
  user_id: number;
  pseudonym: string;
  /** The pseudonym folded (lower case, no accents, single spaces): unique. */
  pseudonym_key: string;
  blocked_at: string | null;
  blocked_by: number | null;
  blocked_reason: string | null;
  created_at: string;
}

export interface VoiceMessagesTable {
  id: Id;
  target_kind: string;
  target_id: number;
  organisation_id: number;
  author_id: number | null;
  kind: string;
  official: Defaulted<number>;
  body: string;
  status: string;
  hidden_reason: string | null;
  reports: Defaulted<number>;
  /** Reports already seen by a moderator who approved the message (only newer ones count). */
  reports_cleared: Defaulted<number>;
  address_key: string | null;
  decided_by: number | null;
  decided_at: string | null;
  created_at: string;
}

export interface VoiceReportsTable {
  message_id: number;
  user_id: number;
  reason: string;
  details: Defaulted<string>;
  created_at: string;
}

export interface VoiceFollowsTable {
  target_kind: string;
  target_id: number;
  user_id: number;
  created_at: string;
}

export interface VoiceSettingsTable {
  organisation_id: number;
  premoderation: string;
  updated_by: number | null;
  updated_at: string;
}

export interface VoiceBlockedWordsTable {
  id: Id;
  word: string;
  created_by: number | null;
  created_at: string;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    voice_profiles: VoiceProfilesTable;
    voice_messages: VoiceMessagesTable;
    voice_reports: VoiceReportsTable;
    voice_follows: VoiceFollowsTable;
    voice_settings: VoiceSettingsTable;
    voice_blocked_words: VoiceBlockedWordsTable;
  }
}
