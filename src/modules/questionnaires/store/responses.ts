/** Responses (answers as JSON, optimistic concurrency by version number) and the files attached to them. */
import { type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { Clock } from '../../../platform/clock.ts';
import type { DB, Db } from '../../../platform/db/database.ts';
import type { Answers } from '../../forms/index.ts';
import type {
  Campaign,
  OrganisationSnapshot,
  Response,
  ResponseFile,
  ResponseFilter,
  ResponseStatus,
} from '../records.ts';
import type { ResponsesTable } from '../tables.ts';
import { toCampaign, toResponse, toResponseFile } from './mappers.ts';

/** Narrows a query on `responses` to the filter's status, type of organisation and région. */
function whereFilter<O>(
  q: SelectQueryBuilder<DB, 'responses', O>,
  filter: ResponseFilter,
): SelectQueryBuilder<DB, 'responses', O> {
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.organisationType) q = q.where('organisation_type', '=', filter.organisationType);
  if (filter.regionCode) q = q.where('region_code', '=', filter.regionCode);
  return q;
}

export interface AnswersPatch {
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
}

/** Every column of `responses` (the compiler checks none is missing), read beside a campaign's under a prefix. */
const RESPONSE_COLUMNS = Object.keys({
  id: 1,
  campaign_id: 1,
  version_id: 1,
  organisation_id: 1,
  organisation_name: 1,
  organisation_type: 1,
  region_code: 1,
  departement_code: 1,
  anonymous_token_hash: 1,
  answers: 1,
  revisions: 1,
  version: 1,
  status: 1,
  current_page: 1,
  progress: 1,
  started_at: 1,
  updated_at: 1,
  updated_by: 1,
  submitted_at: 1,
  submitted_by: 1,
  reopened_at: 1,
  respondent_email: 1,
  library_use_case_id: 1,
  number: 1,
} satisfies Record<keyof ResponsesTable, 1>) as (keyof ResponsesTable)[];

/** An autosave's write: the answers and what goes with them (never the status). */
export interface AutosaveWrite {
  id: number;
  expectedVersion: number;
  answers: Answers;
  revisions: Record<string, number>;
  /** undefined: the current page is left as it is. */
  currentPage?: string | null;
  progress: number;
  userId: number | null;
  /** undefined: the address is left as it is. */
  respondentEmail?: string | null;
  updatedAt: string;
  /** Written only while this campaign is, in the database, still open with these dates (not closed meanwhile). */
  campaign: Pick<Campaign, 'id' | 'opensAt' | 'closesAt' | 'closedAt' | 'launchedAt'>;
}

/**
 * Writes several autosaves in ONE statement (one round trip whatever their number), each only if its response is
 * still at its `expectedVersion` (the optimistic check of saveAnswers, row by row) and its campaign still open
 * with the dates the caller checked (the caller checks the time); returns the ids written. At most one write per
 * response: with two, which one would apply is not defined. A single statement commits by itself.
 */
async function saveAutosaves(writes: AutosaveWrite[], trx: Db): Promise<Set<number>> {
  if (!writes.length) return new Set();
  const int = (v: number | null) => sql`cast(${v} as integer)`;
  const text = (v: string | null) => sql`cast(${v} as text)`;
  const rows = writes.map(
    (w) =>
      sql`(${sql.join([
        int(w.id),
        int(w.expectedVersion),
        text(JSON.stringify(w.answers)),
        text(JSON.stringify(w.revisions)),
        int(w.progress),
        int(w.userId),
        text(w.updatedAt),
        int(w.currentPage === undefined ? 0 : 1),
        text(w.currentPage ?? null),
        int(w.respondentEmail === undefined ? 0 : 1),
        text(w.respondentEmail ?? null),
        int(w.campaign.id),
        text(w.campaign.opensAt),
        text(w.campaign.closesAt),
      ])})`,
  );
  // Portable: a CTE of VALUES, UPDATE … FROM and RETURNING (PostgreSQL; SQLite ≥ 3.35).
  const result = await sql<{ id: number }>`
    with w(id, expected, answers, revisions, progress, updated_by, updated_at, set_page, current_page, set_email,
           respondent_email, campaign_id, opens_at, closes_at) as (values ${sql.join(rows)})
    update responses set
      answers = w.answers, revisions = w.revisions, version = w.expected + 1, progress = w.progress,
      updated_at = w.updated_at, updated_by = w.updated_by,
      current_page = case when w.set_page = 1 then w.current_page else responses.current_page end,
      respondent_email = case when w.set_email = 1 then w.respondent_email else responses.respondent_email end
    from w
    where responses.id = w.id and responses.version = w.expected and responses.campaign_id = w.campaign_id
      and exists (
        select 1 from campaigns c
        where c.id = w.campaign_id and coalesce(c.closed_at, '') = '' and c.launched_at is not null
          and c.opens_at = w.opens_at and c.closes_at = w.closes_at)
    returning responses.id`.execute(trx);
  return new Set(result.rows.map((r) => Number(r.id)));
}

/**
 * The campaign of a public link and the response of the browser holding `anonymousHash` (null: none yet), read
 * in ONE query: what every request of a public respondent (each autosave) reads first.
 */
async function findPublicCampaignAndResponse(
  db: Db,
  publicHash: string,
  anonymousHash: string | null,
): Promise<{ campaign: Campaign; response: Response | null } | null> {
  const row = await db
    .selectFrom('campaigns')
    .leftJoin('responses', (join) => join.on('responses.anonymous_token_hash', '=', anonymousHash ?? ''))
    .selectAll('campaigns')
    .select(RESPONSE_COLUMNS.map((c) => sql<unknown>`${sql.ref(`responses.${c}`)}`.as(`response_${c}`)))
    .where('campaigns.public_token_hash', '=', publicHash)
    .executeTakeFirst();
  if (!row) return null;
  const prefixed = row as unknown as Record<string, unknown>;
  const response =
    anonymousHash !== null && prefixed.response_id !== null && prefixed.response_id !== undefined
      ? toResponse(
          Object.fromEntries(RESPONSE_COLUMNS.map((c) => [c, prefixed[`response_${c}`]])) as Selectable<ResponsesTable>,
        )
      : null;
  return { campaign: toCampaign(row), response };
}

export function createResponseStore(db: Db, clock: Clock) {
  async function findResponse(id: number, trx: Db = db): Promise<Response | null> {
    const row = await trx.selectFrom('responses').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toResponse(row) : null;
  }

  /** The (first) response of an organisation to a campaign. */
  async function findResponseOf(campaignId: number, organisationId: number, trx: Db = db): Promise<Response | null> {
    const row = await trx
      .selectFrom('responses')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .where('organisation_id', '=', organisationId)
      .orderBy('number')
      .limit(1)
      .executeTakeFirst();
    return row ? toResponse(row) : null;
  }

  return {
    findResponse,
    findResponseOf,

    /** Every response of an organisation to a campaign (one per project), by number. */
    async responsesOfOrganisation(campaignId: number, organisationId: number): Promise<Response[]> {
      const rows = await db
        .selectFrom('responses')
        .selectAll()
        .where('campaign_id', '=', campaignId)
        .where('organisation_id', '=', organisationId)
        .orderBy('number')
        .execute();
      return rows.map(toResponse);
    },

    findPublicCampaignAndResponse: (publicHash: string, anonymousHash: string | null) =>
      findPublicCampaignAndResponse(db, publicHash, anonymousHash),

    async findResponseByAnonymousHash(hash: string): Promise<Response | null> {
      const row = await db
        .selectFrom('responses')
        .selectAll()
        .where('anonymous_token_hash', '=', hash)
        .executeTakeFirst();
      return row ? toResponse(row) : null;
    },

    /**
     * Creates a response. For an organisation: its first one (`another` false: the existing one is returned when two
     * agents start at the same time), or one more (`another`: the next number, one per project).
     */
    async insertResponse(
      input: {
        campaignId: number;
        versionId: number;
        organisation: OrganisationSnapshot | null;
        anonymousTokenHash: string | null;
        userId: number | null;
        currentPage: string | null;
        another?: boolean;
      },
      trx: Db = db,
    ): Promise<Response> {
      const at = clock.iso();
      for (let attempt = 0; attempt < 20; attempt++) {
        let number = 1;
        if (input.organisation && input.another) {
          const last = await trx
            .selectFrom('responses')
            .select((eb) => eb.fn.max('number').as('n'))
            .where('campaign_id', '=', input.campaignId)
            .where('organisation_id', '=', input.organisation.organisationId)
            .executeTakeFirst();
          number = Number(last?.n ?? 0) + 1;
        }
        let q = trx.insertInto('responses').values({
          campaign_id: input.campaignId,
          version_id: input.versionId,
          organisation_id: input.organisation?.organisationId ?? null,
          organisation_name: input.organisation?.organisationName ?? null,
          organisation_type: input.organisation?.organisationType ?? null,
          region_code: input.organisation?.regionCode ?? null,
          departement_code: input.organisation?.departementCode ?? null,
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
          number,
        });
        if (input.organisation)
          q = q.onConflict((oc) => oc.columns(['campaign_id', 'organisation_id', 'number']).doNothing());
        // The row as written, in the same round trip (deadline day: hundreds of first saves at once).
        const row = await q.returningAll().executeTakeFirst();
        if (row) return toResponse(row);
        if (!input.another) return (await findResponseOf(input.campaignId, input.organisation!.organisationId, trx))!;
        // Someone else took this number meanwhile: the next one.
      }
      throw new Error('numéro de réponse introuvable après 20 essais');
    },

    /**
     * Writes answers if the response is still at `expectedVersion` (optimistic concurrency); returns false when
     * someone saved in between.
     */
    async saveAnswers(id: number, expectedVersion: number, patch: AnswersPatch, trx: Db = db): Promise<boolean> {
      const result = await trx
        .updateTable('responses')
        .set({
          answers: JSON.stringify(patch.answers),
          revisions: JSON.stringify(patch.revisions),
          version: expectedVersion + 1,
          progress: patch.progress,
          updated_at: clock.iso(),
          updated_by: patch.userId,
          current_page: patch.currentPage,
          status: patch.status,
          submitted_at: patch.submittedAt,
          submitted_by: patch.submittedBy,
          reopened_at: patch.reopenedAt,
          respondent_email: patch.respondentEmail,
        })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    saveAutosaves: (writes: AutosaveWrite[], trx: Db = db) => saveAutosaves(writes, trx),

    /** Links a response to the library use case drafted from it (once: an existing link is kept). */
    async setLibraryUseCase(id: number, useCaseId: number, trx: Db = db): Promise<boolean> {
      const result = await trx
        .updateTable('responses')
        .set({ library_use_case_id: useCaseId })
        .where('id', '=', id)
        .where('library_use_case_id', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async countResponses(campaignId: number): Promise<{ status: ResponseStatus; n: number }[]> {
      const rows = await db
        .selectFrom('responses')
        .select(['status', (eb) => eb.fn.countAll().as('n')])
        .where('campaign_id', '=', campaignId)
        .groupBy('status')
        .execute();
      return rows.map((r) => ({ status: r.status, n: Number(r.n) }));
    },

    /**
     * Responses of a campaign in id order, `batch` at a time (keyset pagination): memory stays flat whatever the
     * number of responses.
     */
    async *iterateResponses(campaignId: number, filter: ResponseFilter = {}, batch = 500): AsyncGenerator<Response> {
      let after = 0;
      for (;;) {
        const q = db.selectFrom('responses').selectAll().where('campaign_id', '=', campaignId).where('id', '>', after);
        const rows = await whereFilter(q, filter).orderBy('id').limit(batch).execute();
        for (const r of rows) yield toResponse(r);
        if (rows.length < batch) return;
        after = Number(rows[rows.length - 1]!.id);
      }
    },

    /**
     * Changes whenever the responses a result counts change (their number, latest update, or any write: every write
     * raises a response's version): the results cache key.
     */
    async responsesStamp(campaignId: number, filter: ResponseFilter = {}): Promise<string> {
      const q = db
        .selectFrom('responses')
        .select((eb) => [
          eb.fn.countAll().as('n'),
          eb.fn.max('updated_at').as('at'),
          eb.fn.max('id').as('last'),
          eb.fn.sum('version').as('writes'),
        ])
        .where('campaign_id', '=', campaignId);
      const r = await whereFilter(q, filter).executeTakeFirst();
      return `${Number(r?.n ?? 0)}:${r?.at ?? ''}:${r?.last ?? ''}:${Number(r?.writes ?? 0)}`;
    },

    /** The answers of a campaign's responses only (what results need), in one query. */
    async answersOf(
      campaignId: number,
      filter: ResponseFilter = {},
    ): Promise<{ versionId: number; answers: string }[]> {
      const q = db.selectFrom('responses').select(['version_id', 'answers']).where('campaign_id', '=', campaignId);
      const rows = await whereFilter(q, filter).execute();
      return rows.map((r) => ({ versionId: Number(r.version_id), answers: r.answers }));
    },

    /** Responses whose answers were last written by `userId` or submitted by them (personal data). */
    async responsesOfUser(userId: number): Promise<Response[]> {
      const rows = await db
        .selectFrom('responses')
        .selectAll()
        .where((eb) => eb.or([eb('updated_by', '=', userId), eb('submitted_by', '=', userId)]))
        .orderBy('id')
        .execute();
      return rows.map(toResponse);
    },

    /** Forgets who wrote or sent responses, and the receipt address of those they sent (the answers stay). */
    async forgetUser(userId: number, trx: Db = db): Promise<void> {
      await trx.updateTable('responses').set({ updated_by: null }).where('updated_by', '=', userId).execute();
      await trx
        .updateTable('responses')
        .set({ submitted_by: null, respondent_email: null })
        .where('submitted_by', '=', userId)
        .execute();
    },

    // -- files ----------------------------------------------------------------------------------------------------

    async insertFile(
      input: { id: string; responseId: number; questionId: string; name: string; type: string; content: Buffer },
      trx: Db = db,
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
          created_at: clock.iso(),
        })
        .execute();
    },

    async findFile(id: string): Promise<(ResponseFile & { content: Buffer }) | null> {
      const row = await db.selectFrom('response_files').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toResponseFile(row) : null;
    },
  };
}
