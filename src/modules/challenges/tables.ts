/**
 * The tables of challenges (migration 0021_challenges.ts), merged into the application's `DB` interface. Column
 * names are the real SQL names; store.ts maps rows to camelCase records with one mapper per table.
 */
import type { Defaulted, Id } from '../../platform/db/database.ts';

export interface ChallengesTable {
  id: Id;
  title: string;
  need: string;
  expected_result: Defaulted<string>;
  data: Defaulted<string>;
  hosting_constraints: Defaulted<string>;
  personal_data_constraints: Defaulted<string>;
  /** « AAAA-MM-JJ »: the last day to join. */
  join_deadline: string | null;
  /** JSON array of library theme codes. */
  themes: Defaulted<string>;
  commons_category: string | null;
  stage: string;
  abandon_reason: string | null;
  commons_id: number | null;
  stated_by_organisation_id: number | null;
  planned_scoping_on: string | null;
  planned_building_on: string | null;
  planned_publication_on: string | null;
  version: Defaulted<number>;
  created_by: number | null;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ChallengeStagesTable {
  id: Id;
  challenge_id: number;
  stage: string;
  reached_at: string;
  note: string | null;
  changed_by: number | null;
}

export interface ChallengeParticipantsTable {
  id: Id;
  challenge_id: number;
  organisation_id: number;
  role: string;
  brings: Defaulted<string>;
  joined_by: number | null;
  joined_at: string;
}

export interface ChallengeNewsTable {
  id: Id;
  challenge_id: number;
  title: string;
  body: Defaulted<string>;
  posted_at: string;
  created_by: number | null;
}

export interface ChallengeUseCasesTable {
  challenge_id: number;
  use_case_id: number;
}

export interface ChallengeInvitationsTable {
  challenge_id: number;
  organisation_id: number;
  invited_at: string;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    challenges: ChallengesTable;
    challenge_stages: ChallengeStagesTable;
    challenge_participants: ChallengeParticipantsTable;
    challenge_news: ChallengeNewsTable;
    challenge_use_cases: ChallengeUseCasesTable;
    challenge_invitations: ChallengeInvitationsTable;
  }
}
