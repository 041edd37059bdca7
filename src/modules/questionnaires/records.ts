/**
 * The records of the questionnaires module, as the store returns them and the services pass them around:
 * questionnaires (with their builder draft), published versions, campaigns, invitations, responses and their files.
 * camelCase, JSON columns parsed, 0/1 columns as booleans (one mapper per table: store/mappers.ts).
 */

import type { Answers, Form } from '../forms/index.ts';
import type { TargetSpec } from './campaigns.ts';

export interface QuestionnaireRecord {
  id: number;
  catalogueKey: string | null;
  title: string;
  draft: Form;
  draftRevision: number;
  latestVersion: number;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

export interface QuestionnaireVersion {
  id: number;
  questionnaireId: number;
  number: number;
  content: Form;
  publishedAt: string;
  publishedBy: number | null;
}

export interface Campaign {
  id: number;
  questionnaireId: number;
  versionId: number;
  title: string;
  description: string;
  opensAt: string;
  closesAt: string;
  closedAt: string | null;
  targets: TargetSpec;
  publicTokenHash: string | null;
  publicTokenNonce: string | null;
  resultsPublic: boolean;
  libraryAuto: boolean;
  reminderDays: number[];
  invitationsSentAt: string | null;
  /** null: prepared, previewed, not launched yet. */
  launchedAt: string | null;
  responsesMode: ResponsesMode;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

/** One response per authority, or several (one per project: the AI census). */
export type ResponsesMode = 'one' | 'several';

/** What invitations and responses keep of the organisation when it was invited (dashboards filter on it). */
export interface OrganisationSnapshot {
  organisationId: number;
  organisationName: string;
  organisationType: string;
  regionCode: string | null;
  departementCode: string | null;
}

export interface Invitation extends OrganisationSnapshot {
  id: number;
  campaignId: number;
  contactEmails: string[];
  nonce: string;
  tokenHash: string;
  expiresAt: string;
  revokedAt: string | null;
  sentAt: string | null;
  remindersSent: number;
  lastReminderAt: string | null;
  createdAt: string;
  recipientCount: number;
  deliveredCount: number;
  failedCount: number;
  lastError: string | null;
}

export type ResponseStatus = 'in_progress' | 'submitted';

export interface Response {
  id: number;
  campaignId: number;
  versionId: number;
  organisationId: number | null;
  organisationName: string | null;
  organisationType: string | null;
  regionCode: string | null;
  departementCode: string | null;
  answers: Answers;
  revisions: Record<string, number>;
  version: number;
  status: ResponseStatus;
  currentPage: string | null;
  progress: number;
  startedAt: string;
  updatedAt: string;
  updatedBy: number | null;
  submittedAt: string | null;
  submittedBy: number | null;
  reopenedAt: string | null;
  respondentEmail: string | null;
  libraryUseCaseId: number | null;
  /** 1, 2… among the responses of one authority (one per project). */
  number: number;
}

/** One line of a campaign's follow-up: an invited organisation and where its responses stand. */
export type { FollowUpRow as FollowUp } from './store/follow-up.ts';

export interface ResponseFile {
  id: string;
  responseId: number;
  questionId: string;
  name: string;
  type: string;
  size: number;
  createdAt: string;
}

export interface ResponseFilter {
  status?: ResponseStatus;
  organisationType?: string;
  regionCode?: string;
}
