/** One mapper per table: a row as the database returns it → the module's record (records.ts). */
import type { Selectable } from 'kysely';
import type { Answers, Form } from '../../forms/index.ts';
import type { TargetSpec } from '../campaigns.ts';
import type {
  Campaign,
  Invitation,
  QuestionnaireRecord,
  QuestionnaireVersion,
  Response,
  ResponseFile,
} from '../records.ts';
import type {
  CampaignsTable,
  InvitationsTable,
  QuestionnairesTable,
  QuestionnaireVersionsTable,
  ResponseFilesTable,
  ResponsesTable,
} from '../tables.ts';

/** A JSON column, or `fallback` when it is missing or unreadable. */
export function json<T>(text: unknown, fallback: T): T {
  if (typeof text !== 'string') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** A nullable integer column (PostgreSQL may return big integers as text). */
export const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

const emptyTargets = (): TargetSpec => ({ types: [], regions: [], departements: [], organisationIds: [], sirens: [] });

export function toQuestionnaire(r: Selectable<QuestionnairesTable>): QuestionnaireRecord {
  return {
    id: Number(r.id),
    catalogueKey: r.catalogue_key ?? null,
    title: r.title,
    draft: json<Form>(r.draft, { title: r.title, language: 'fr', pages: [] }),
    draftRevision: Number(r.draft_revision),
    latestVersion: Number(r.latest_version),
    createdBy: num(r.created_by),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    archivedAt: r.archived_at ?? null,
  };
}

export function toVersion(r: Selectable<QuestionnaireVersionsTable>): QuestionnaireVersion {
  return {
    id: Number(r.id),
    questionnaireId: Number(r.questionnaire_id),
    number: Number(r.number),
    content: json<Form>(r.content, { title: '', language: 'fr', pages: [] }),
    publishedAt: r.published_at,
    publishedBy: num(r.published_by),
  };
}

export function toCampaign(r: Selectable<CampaignsTable>): Campaign {
  return {
    id: Number(r.id),
    questionnaireId: Number(r.questionnaire_id),
    versionId: Number(r.version_id),
    title: r.title,
    description: r.description ?? '',
    opensAt: r.opens_at,
    closesAt: r.closes_at,
    closedAt: r.closed_at ?? null,
    targets: { ...emptyTargets(), ...json<Partial<TargetSpec>>(r.targets, {}) },
    publicTokenHash: r.public_token_hash ?? null,
    publicTokenNonce: r.public_token_nonce ?? null,
    resultsPublic: Number(r.results_public) === 1,
    libraryAuto: Number(r.library_auto) === 1,
    reminderDays: String(r.reminder_days ?? '')
      .split(',')
      .filter(Boolean)
      .map(Number),
    invitationsSentAt: r.invitations_sent_at ?? null,
    launchedAt: r.launched_at ?? null,
    responsesMode: r.responses_mode === 'several' ? 'several' : 'one',
    createdBy: num(r.created_by),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toInvitation(r: Selectable<InvitationsTable>): Invitation {
  return {
    id: Number(r.id),
    campaignId: Number(r.campaign_id),
    organisationId: Number(r.organisation_id),
    organisationName: r.organisation_name,
    organisationType: r.organisation_type,
    regionCode: r.region_code ?? null,
    departementCode: r.departement_code ?? null,
    contactEmails: json<string[]>(r.contact_emails, []),
    nonce: r.nonce,
    tokenHash: r.token_hash,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at ?? null,
    sentAt: r.sent_at ?? null,
    remindersSent: Number(r.reminders_sent ?? 0),
    lastReminderAt: r.last_reminder_at ?? null,
    createdAt: r.created_at,
    recipientCount: Number(r.recipient_count ?? -1),
    deliveredCount: Number(r.delivered_count ?? 0),
    failedCount: Number(r.failed_count ?? 0),
    lastError: r.last_error ?? null,
  };
}

export function toResponse(r: Selectable<ResponsesTable>): Response {
  return {
    id: Number(r.id),
    campaignId: Number(r.campaign_id),
    versionId: Number(r.version_id),
    organisationId: num(r.organisation_id),
    organisationName: r.organisation_name ?? null,
    organisationType: r.organisation_type ?? null,
    regionCode: r.region_code ?? null,
    departementCode: r.departement_code ?? null,
    answers: json<Answers>(r.answers, {}),
    revisions: json<Record<string, number>>(r.revisions, {}),
    version: Number(r.version),
    status: r.status,
    currentPage: r.current_page ?? null,
    progress: Number(r.progress ?? 0),
    startedAt: r.started_at,
    updatedAt: r.updated_at,
    updatedBy: num(r.updated_by),
    submittedAt: r.submitted_at ?? null,
    submittedBy: num(r.submitted_by),
    reopenedAt: r.reopened_at ?? null,
    respondentEmail: r.respondent_email ?? null,
    libraryUseCaseId: num(r.library_use_case_id),
    number: Number(r.number ?? 1),
  };
}

export function toResponseFile(r: Selectable<ResponseFilesTable>): ResponseFile & { content: Buffer } {
  return {
    id: r.id,
    responseId: Number(r.response_id),
    questionId: r.question_id,
    name: r.name,
    type: r.type,
    size: Number(r.size),
    createdAt: r.created_at,
    content: Buffer.from(r.content),
  };
}
