/**
 * The only code that reads or writes the questionnaires module's tables: questionnaires, questionnaire_versions,
 * campaigns, invitations, responses, response_files.
 */
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { type Dialect, now } from '../../platform/db/index.ts';
import { findOne, insertId } from '../../platform/db/rows.ts';
import type { TargetSpec } from './campaigns.ts';
import type { Answers, Questionnaire } from './model.ts';

export interface QuestionnaireRow {
  id: number;
  catalogueKey: string | null;
  title: string;
  draft: Questionnaire;
  draftRevision: number;
  latestVersion: number;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

export interface VersionRow {
  id: number;
  questionnaireId: number;
  number: number;
  content: Questionnaire;
  publishedAt: string;
  publishedBy: number | null;
}

export interface CampaignRow {
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
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface AuthoritySnapshot {
  organisationId: number;
  organisationName: string;
  organisationType: string;
  regionCode: string | null;
  departementCode: string | null;
}

export interface InvitationRow extends AuthoritySnapshot {
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
}

export type ResponseStatus = 'in_progress' | 'submitted';

export interface ResponseRow {
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
}

/** One line of a campaign's follow-up: an invited authority and where its response stands. */
export interface FollowUpRow extends AuthoritySnapshot {
  invitationId: number;
  revokedAt: string | null;
  expiresAt: string;
  sentAt: string | null;
  remindersSent: number;
  lastReminderAt: string | null;
  responseId: number | null;
  status: 'not_started' | ResponseStatus;
  progress: number;
  updatedAt: string | null;
  submittedAt: string | null;
}

export interface FileRow {
  id: string;
  responseId: number;
  questionId: string;
  name: string;
  type: string;
  size: number;
  createdAt: string;
}

const json = <T>(text: unknown, fallback: T): T => {
  if (typeof text !== 'string') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toQuestionnaire(r: any): QuestionnaireRow {
  return {
    id: Number(r.id),
    catalogueKey: r.catalogue_key ?? null,
    title: r.title,
    draft: json<Questionnaire>(r.draft, { title: r.title, language: 'fr', pages: [] }),
    draftRevision: Number(r.draft_revision),
    latestVersion: Number(r.latest_version),
    createdBy: num(r.created_by),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    archivedAt: r.archived_at ?? null,
  };
}

function toVersion(r: any): VersionRow {
  return {
    id: Number(r.id),
    questionnaireId: Number(r.questionnaire_id),
    number: Number(r.number),
    content: json<Questionnaire>(r.content, { title: '', language: 'fr', pages: [] }),
    publishedAt: r.published_at,
    publishedBy: num(r.published_by),
  };
}

function toCampaign(r: any): CampaignRow {
  return {
    id: Number(r.id),
    questionnaireId: Number(r.questionnaire_id),
    versionId: Number(r.version_id),
    title: r.title,
    description: r.description ?? '',
    opensAt: r.opens_at,
    closesAt: r.closes_at,
    closedAt: r.closed_at ?? null,
    targets: json<TargetSpec>(r.targets, { types: [], regions: [], departements: [], organisationIds: [], sirens: [] }),
    publicTokenHash: r.public_token_hash ?? null,
    publicTokenNonce: r.public_token_nonce ?? null,
    resultsPublic: Number(r.results_public) === 1,
    libraryAuto: Number(r.library_auto) === 1,
    reminderDays: String(r.reminder_days ?? '')
      .split(',')
      .filter(Boolean)
      .map(Number),
    invitationsSentAt: r.invitations_sent_at ?? null,
    createdBy: num(r.created_by),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toInvitation(r: any): InvitationRow {
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
  };
}

export function toResponse(r: any): ResponseRow {
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
  };
}

export interface ResponseFilter {
  status?: ResponseStatus;
  organisationType?: string;
  regionCode?: string;
}

/** Narrows a query on `responses` to the filter's status, type of authority and région. */
function whereFilter<O>(q: SelectQueryBuilder<any, any, O>, filter: ResponseFilter): SelectQueryBuilder<any, any, O> {
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.organisationType) q = q.where('organisation_type', '=', filter.organisationType);
  if (filter.regionCode) q = q.where('region_code', '=', filter.regionCode);
  return q;
}

export function createQuestionnairesStore(db: Kysely<any>, dialect: Dialect) {
  return {
    // -- questionnaires -----------------------------------------------------------------------------------------

    async insertQuestionnaire(
      input: { catalogueKey?: string | null; draft: Questionnaire; createdBy: number | null },
      trx: Kysely<any> = db,
    ): Promise<number> {
      const at = now();
      return insertId(trx, 'questionnaires', {
        catalogue_key: input.catalogueKey ?? null,
        title: input.draft.title,
        draft: JSON.stringify(input.draft),
        draft_revision: 1,
        latest_version: 0,
        created_by: input.createdBy,
        created_at: at,
        updated_at: at,
      });
    },

    async findQuestionnaire(id: number, trx: Kysely<any> = db): Promise<QuestionnaireRow | null> {
      return findOne(trx, 'questionnaires', { id }, toQuestionnaire);
    },

    async findByCatalogueKey(key: string): Promise<QuestionnaireRow | null> {
      return findOne(db, 'questionnaires', { catalogue_key: key }, toQuestionnaire);
    },

    async listQuestionnaires(
      options: { publishedOnly?: boolean } = {},
    ): Promise<(QuestionnaireRow & { campaignCount: number })[]> {
      let q = db
        .selectFrom('questionnaires as q')
        .selectAll('q')
        .select((eb) =>
          eb
            .selectFrom('campaigns as c')
            .whereRef('c.questionnaire_id', '=', 'q.id')
            .select(eb.fn.countAll().as('n'))
            .as('campaign_count'),
        )
        .where('q.archived_at', 'is', null);
      if (options.publishedOnly) q = q.where('q.latest_version', '>', 0);
      const rows = await q.orderBy('q.updated_at', 'desc').orderBy('q.id', 'desc').execute();
      return rows.map((r: any) => ({ ...toQuestionnaire(r), campaignCount: Number(r.campaign_count ?? 0) }));
    },

    /** Saves the builder's working copy if nobody saved since `expectedRevision`. */
    async updateDraft(
      id: number,
      draft: Questionnaire,
      expectedRevision: number,
      trx: Kysely<any> = db,
    ): Promise<boolean> {
      const result = await trx
        .updateTable('questionnaires')
        .set({
          draft: JSON.stringify(draft),
          title: draft.title,
          draft_revision: expectedRevision + 1,
          updated_at: now(),
        })
        .where('id', '=', id)
        .where('draft_revision', '=', expectedRevision)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async archiveQuestionnaire(id: number, trx: Kysely<any> = db): Promise<void> {
      await trx
        .updateTable('questionnaires')
        .set({ archived_at: now(), updated_at: now() })
        .where('id', '=', id)
        .execute();
    },

    // -- versions -------------------------------------------------------------------------------------------------

    async insertVersion(
      input: { questionnaireId: number; number: number; content: Questionnaire; publishedBy: number | null },
      trx: Kysely<any> = db,
    ): Promise<number> {
      const id = await insertId(trx, 'questionnaire_versions', {
        questionnaire_id: input.questionnaireId,
        number: input.number,
        content: JSON.stringify(input.content),
        published_at: now(),
        published_by: input.publishedBy,
      });
      await trx
        .updateTable('questionnaires')
        .set({ latest_version: input.number, updated_at: now() })
        .where('id', '=', input.questionnaireId)
        .execute();
      return id;
    },

    async findVersion(id: number, trx: Kysely<any> = db): Promise<VersionRow | null> {
      return findOne(trx, 'questionnaire_versions', { id }, toVersion);
    },

    async findVersionByNumber(questionnaireId: number, number: number): Promise<VersionRow | null> {
      return findOne(db, 'questionnaire_versions', { questionnaire_id: questionnaireId, number }, toVersion);
    },

    async listVersions(questionnaireId: number): Promise<VersionRow[]> {
      const rows = await db
        .selectFrom('questionnaire_versions')
        .selectAll()
        .where('questionnaire_id', '=', questionnaireId)
        .orderBy('number', 'desc')
        .execute();
      return rows.map(toVersion);
    },

    async findVersions(ids: number[]): Promise<VersionRow[]> {
      if (!ids.length) return [];
      const rows = await db.selectFrom('questionnaire_versions').selectAll().where('id', 'in', ids).execute();
      return rows.map(toVersion);
    },

    // -- campaigns ------------------------------------------------------------------------------------------------

    async insertCampaign(
      input: Omit<CampaignRow, 'id' | 'createdAt' | 'updatedAt' | 'invitationsSentAt'>,
      trx: Kysely<any> = db,
    ): Promise<number> {
      const at = now();
      return insertId(trx, 'campaigns', {
        questionnaire_id: input.questionnaireId,
        version_id: input.versionId,
        title: input.title,
        description: input.description,
        opens_at: input.opensAt,
        closes_at: input.closesAt,
        closed_at: input.closedAt,
        targets: JSON.stringify(input.targets),
        public_token_hash: input.publicTokenHash,
        public_token_nonce: input.publicTokenNonce,
        results_public: input.resultsPublic ? 1 : 0,
        library_auto: input.libraryAuto ? 1 : 0,
        reminder_days: input.reminderDays.join(','),
        created_by: input.createdBy,
        created_at: at,
        updated_at: at,
      });
    },

    async findCampaign(id: number, trx: Kysely<any> = db): Promise<CampaignRow | null> {
      return findOne(trx, 'campaigns', { id }, toCampaign);
    },

    async findCampaignByPublicHash(hash: string): Promise<CampaignRow | null> {
      return findOne(db, 'campaigns', { public_token_hash: hash }, toCampaign);
    },

    async listCampaigns(filter: { questionnaireId?: number } = {}): Promise<CampaignRow[]> {
      let q = db.selectFrom('campaigns').selectAll();
      if (filter.questionnaireId) q = q.where('questionnaire_id', '=', filter.questionnaireId);
      const rows = await q.orderBy('opens_at', 'desc').orderBy('id', 'desc').execute();
      return rows.map(toCampaign);
    },

    async updateCampaign(
      id: number,
      patch: Partial<{
        title: string;
        description: string;
        closesAt: string;
        closedAt: string | null;
        resultsPublic: boolean;
        libraryAuto: boolean;
        publicTokenHash: string | null;
        publicTokenNonce: string | null;
        invitationsSentAt: string;
        reminderDays: number[];
      }>,
      trx: Kysely<any> = db,
    ): Promise<void> {
      const set: Record<string, unknown> = { updated_at: now() };
      if (patch.title !== undefined) set.title = patch.title;
      if (patch.description !== undefined) set.description = patch.description;
      if (patch.closesAt !== undefined) set.closes_at = patch.closesAt;
      if (patch.closedAt !== undefined) set.closed_at = patch.closedAt;
      if (patch.resultsPublic !== undefined) set.results_public = patch.resultsPublic ? 1 : 0;
      if (patch.libraryAuto !== undefined) set.library_auto = patch.libraryAuto ? 1 : 0;
      if (patch.publicTokenHash !== undefined) set.public_token_hash = patch.publicTokenHash;
      if (patch.publicTokenNonce !== undefined) set.public_token_nonce = patch.publicTokenNonce;
      if (patch.invitationsSentAt !== undefined) set.invitations_sent_at = patch.invitationsSentAt;
      if (patch.reminderDays !== undefined) set.reminder_days = patch.reminderDays.join(',');
      await trx.updateTable('campaigns').set(set).where('id', '=', id).execute();
    },

    /** Campaigns whose invitations are due to be mailed (opening reached, not yet sent). */
    async campaignsToAnnounce(at: string): Promise<CampaignRow[]> {
      const rows = await db
        .selectFrom('campaigns')
        .selectAll()
        .where('invitations_sent_at', 'is', null)
        .where('opens_at', '<=', at)
        .where('closes_at', '>', at)
        .where('closed_at', 'is', null)
        .execute();
      return rows.map(toCampaign);
    },

    // -- invitations ----------------------------------------------------------------------------------------------

    async insertInvitations(
      rows: (AuthoritySnapshot & {
        campaignId: number;
        nonce: string;
        tokenHash: string;
        expiresAt: string;
        contactEmails: string[];
      })[],
      trx: Kysely<any> = db,
    ): Promise<void> {
      const at = now();
      for (let i = 0; i < rows.length; i += 200) {
        await trx
          .insertInto('invitations')
          .values(
            rows.slice(i, i + 200).map((r) => ({
              campaign_id: r.campaignId,
              organisation_id: r.organisationId,
              organisation_name: r.organisationName,
              organisation_type: r.organisationType,
              region_code: r.regionCode,
              departement_code: r.departementCode,
              contact_emails: JSON.stringify(r.contactEmails),
              nonce: r.nonce,
              token_hash: r.tokenHash,
              expires_at: r.expiresAt,
              created_at: at,
            })),
          )
          .execute();
      }
    },

    async findInvitation(id: number, trx: Kysely<any> = db): Promise<InvitationRow | null> {
      return findOne(trx, 'invitations', { id }, toInvitation);
    },

    async findInvitationByHash(hash: string): Promise<InvitationRow | null> {
      return findOne(db, 'invitations', { token_hash: hash }, toInvitation);
    },

    async findInvitationOf(
      campaignId: number,
      organisationId: number,
      trx: Kysely<any> = db,
    ): Promise<InvitationRow | null> {
      return findOne(trx, 'invitations', { campaign_id: campaignId, organisation_id: organisationId }, toInvitation);
    },

    async listInvitations(campaignId: number, ids?: number[]): Promise<InvitationRow[]> {
      let q = db.selectFrom('invitations').selectAll().where('campaign_id', '=', campaignId);
      if (ids) {
        if (!ids.length) return [];
        q = q.where('id', 'in', ids);
      }
      const rows = await q.orderBy('organisation_name').orderBy('id').execute();
      return rows.map(toInvitation);
    },

    /** Invitations of the authorities someone belongs to, in campaigns of any state (for « Mes recensements »). */
    async invitationsOfOrganisations(organisationIds: number[]): Promise<InvitationRow[]> {
      if (!organisationIds.length) return [];
      const rows = await db
        .selectFrom('invitations')
        .selectAll()
        .where('organisation_id', 'in', organisationIds)
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toInvitation);
    },

    async updateInvitation(
      id: number,
      patch: Partial<{ revokedAt: string | null; nonce: string; tokenHash: string; expiresAt: string; sentAt: string }>,
      trx: Kysely<any> = db,
    ): Promise<void> {
      const set: Record<string, unknown> = {};
      if (patch.revokedAt !== undefined) set.revoked_at = patch.revokedAt;
      if (patch.nonce !== undefined) set.nonce = patch.nonce;
      if (patch.tokenHash !== undefined) set.token_hash = patch.tokenHash;
      if (patch.expiresAt !== undefined) set.expires_at = patch.expiresAt;
      if (patch.sentAt !== undefined) set.sent_at = patch.sentAt;
      if (!Object.keys(set).length) return;
      await trx.updateTable('invitations').set(set).where('id', '=', id).execute();
    },

    async markReminded(ids: number[], trx: Kysely<any> = db): Promise<void> {
      if (!ids.length) return;
      await trx
        .updateTable('invitations')
        .set({ reminders_sent: sql`reminders_sent + 1`, last_reminder_at: now() })
        .where('id', 'in', ids)
        .execute();
    },

    async markSent(campaignId: number, trx: Kysely<any> = db): Promise<void> {
      const at = now();
      await trx
        .updateTable('invitations')
        .set({ sent_at: at })
        .where('campaign_id', '=', campaignId)
        .where('sent_at', 'is', null)
        .execute();
      await trx
        .updateTable('campaigns')
        .set({ invitations_sent_at: at, updated_at: at })
        .where('id', '=', campaignId)
        .execute();
    },

    /** Every invited authority with where its response stands. */
    async followUp(campaignId: number): Promise<FollowUpRow[]> {
      const rows = await db
        .selectFrom('invitations as i')
        .leftJoin('responses as r', (j) =>
          j.onRef('r.campaign_id', '=', 'i.campaign_id').onRef('r.organisation_id', '=', 'i.organisation_id'),
        )
        .select([
          'i.id as invitation_id',
          'i.organisation_id',
          'i.organisation_name',
          'i.organisation_type',
          'i.region_code',
          'i.departement_code',
          'i.revoked_at',
          'i.expires_at',
          'i.sent_at',
          'i.reminders_sent',
          'i.last_reminder_at',
          'r.id as response_id',
          'r.status',
          'r.progress',
          'r.updated_at',
          'r.submitted_at',
        ])
        .where('i.campaign_id', '=', campaignId)
        .orderBy('i.organisation_name')
        .orderBy('i.id')
        .execute();
      return rows.map((r: any) => ({
        invitationId: Number(r.invitation_id),
        organisationId: Number(r.organisation_id),
        organisationName: r.organisation_name,
        organisationType: r.organisation_type,
        regionCode: r.region_code ?? null,
        departementCode: r.departement_code ?? null,
        revokedAt: r.revoked_at ?? null,
        expiresAt: r.expires_at,
        sentAt: r.sent_at ?? null,
        remindersSent: Number(r.reminders_sent ?? 0),
        lastReminderAt: r.last_reminder_at ?? null,
        responseId: num(r.response_id),
        status: r.response_id ? r.status : 'not_started',
        progress: Number(r.progress ?? 0),
        updatedAt: r.updated_at ?? null,
        submittedAt: r.submitted_at ?? null,
      }));
    },

    // -- responses ------------------------------------------------------------------------------------------------

    async findResponse(id: number, trx: Kysely<any> = db): Promise<ResponseRow | null> {
      return findOne(trx, 'responses', { id }, toResponse);
    },

    async findResponseOf(
      campaignId: number,
      organisationId: number,
      trx: Kysely<any> = db,
    ): Promise<ResponseRow | null> {
      return findOne(trx, 'responses', { campaign_id: campaignId, organisation_id: organisationId }, toResponse);
    },

    async findResponseByAnonymousHash(hash: string): Promise<ResponseRow | null> {
      return findOne(db, 'responses', { anonymous_token_hash: hash }, toResponse);
    },

    /** Creates a response; for an authority, returns the existing one when two agents start at the same time. */
    async insertResponse(
      input: {
        campaignId: number;
        versionId: number;
        authority: AuthoritySnapshot | null;
        anonymousTokenHash: string | null;
        userId: number | null;
        currentPage: string | null;
      },
      trx: Kysely<any> = db,
    ): Promise<ResponseRow> {
      const at = now();
      const values = {
        campaign_id: input.campaignId,
        version_id: input.versionId,
        organisation_id: input.authority?.organisationId ?? null,
        organisation_name: input.authority?.organisationName ?? null,
        organisation_type: input.authority?.organisationType ?? null,
        region_code: input.authority?.regionCode ?? null,
        departement_code: input.authority?.departementCode ?? null,
        anonymous_token_hash: input.anonymousTokenHash,
        answers: '{}',
        revisions: '{}',
        version: 1,
        status: 'in_progress',
        current_page: input.currentPage,
        progress: 0,
        started_at: at,
        updated_at: at,
        updated_by: input.userId,
      };
      let q = trx.insertInto('responses').values(values);
      if (input.authority) q = q.onConflict((oc) => oc.columns(['campaign_id', 'organisation_id']).doNothing());
      const row = await q.returning('id').executeTakeFirst();
      if (row) return (await this.findResponse(Number(row.id), trx))!;
      return (await this.findResponseOf(input.campaignId, input.authority!.organisationId, trx))!;
    },

    /**
     * Writes answers if the response is still at `expectedVersion` (optimistic concurrency); returns false when
     * someone saved in between.
     */
    async saveAnswers(
      id: number,
      expectedVersion: number,
      patch: {
        answers: Answers;
        revisions: Record<string, number>;
        currentPage?: string | null;
        progress: number;
        userId: number | null;
        status?: ResponseStatus;
        submittedAt?: string | null;
        submittedBy?: number | null;
        reopenedAt?: string;
        respondentEmail?: string | null;
      },
      trx: Kysely<any> = db,
    ): Promise<boolean> {
      const set: Record<string, unknown> = {
        answers: JSON.stringify(patch.answers),
        revisions: JSON.stringify(patch.revisions),
        version: expectedVersion + 1,
        progress: patch.progress,
        updated_at: now(),
        updated_by: patch.userId,
      };
      if (patch.currentPage !== undefined) set.current_page = patch.currentPage;
      if (patch.status !== undefined) set.status = patch.status;
      if (patch.submittedAt !== undefined) set.submitted_at = patch.submittedAt;
      if (patch.submittedBy !== undefined) set.submitted_by = patch.submittedBy;
      if (patch.reopenedAt !== undefined) set.reopened_at = patch.reopenedAt;
      if (patch.respondentEmail !== undefined) set.respondent_email = patch.respondentEmail;
      const result = await trx
        .updateTable('responses')
        .set(set)
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async setCurrentPage(id: number, page: string): Promise<void> {
      await db.updateTable('responses').set({ current_page: page }).where('id', '=', id).execute();
    },

    async setLibraryUseCase(id: number, useCaseId: number, trx: Kysely<any> = db): Promise<void> {
      await trx.updateTable('responses').set({ library_use_case_id: useCaseId }).where('id', '=', id).execute();
    },

    async countResponses(campaignId: number): Promise<{ status: ResponseStatus; n: number }[]> {
      const rows = await db
        .selectFrom('responses')
        .select(['status', (eb) => eb.fn.countAll().as('n')])
        .where('campaign_id', '=', campaignId)
        .groupBy('status')
        .execute();
      return rows.map((r: any) => ({ status: r.status, n: Number(r.n) }));
    },

    /**
     * Responses of a campaign in id order, `batch` at a time (keyset pagination): memory stays flat whatever the
     * number of responses.
     */
    async *iterateResponses(campaignId: number, filter: ResponseFilter = {}, batch = 500): AsyncGenerator<ResponseRow> {
      let after = 0;
      for (;;) {
        const q = db.selectFrom('responses').selectAll().where('campaign_id', '=', campaignId).where('id', '>', after);
        const rows = await whereFilter(q, filter).orderBy('id').limit(batch).execute();
        for (const r of rows) yield toResponse(r);
        if (rows.length < batch) return;
        after = Number(rows[rows.length - 1].id);
      }
    },

    /** Changes whenever the responses a result counts change (number, or latest update): the results cache key. */
    async responsesStamp(campaignId: number, filter: ResponseFilter = {}): Promise<string> {
      const q = db
        .selectFrom('responses')
        .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('updated_at').as('at'), eb.fn.max('id').as('last')])
        .where('campaign_id', '=', campaignId);
      const r: any = await whereFilter(q, filter).executeTakeFirst();
      return `${Number(r?.n ?? 0)}:${r?.at ?? ''}:${r?.last ?? ''}`;
    },

    /** The answers of a campaign's responses only (what results need), in one query. */
    async answersOf(
      campaignId: number,
      filter: ResponseFilter = {},
    ): Promise<{ versionId: number; answers: string }[]> {
      const q = db.selectFrom('responses').select(['version_id', 'answers']).where('campaign_id', '=', campaignId);
      const rows = await whereFilter(q, filter).execute();
      return rows.map((r: any) => ({ versionId: Number(r.version_id), answers: r.answers }));
    },

    // -- files ----------------------------------------------------------------------------------------------------

    async insertFile(
      input: { id: string; responseId: number; questionId: string; name: string; type: string; content: Buffer },
      trx: Kysely<any> = db,
    ): Promise<void> {
      await trx
        .insertInto('response_files')
        .values({
          id: input.id,
          response_id: input.responseId,
          question_id: input.questionId,
          name: input.name,
          type: input.type,
          size: input.content.length,
          content: input.content,
          created_at: now(),
        })
        .execute();
    },

    async findFile(id: string): Promise<(FileRow & { content: Buffer }) | null> {
      const r: any = await db.selectFrom('response_files').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r) return null;
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
    },

    async deleteFilesExcept(
      responseId: number,
      questionId: string,
      keepId: string | null,
      trx: Kysely<any> = db,
    ): Promise<void> {
      let q = trx
        .deleteFrom('response_files')
        .where('response_id', '=', responseId)
        .where('question_id', '=', questionId);
      if (keepId) q = q.where('id', '<>', keepId);
      await q.execute();
    },

    dialect,
  };
}

export type QuestionnairesStore = ReturnType<typeof createQuestionnairesStore>;
