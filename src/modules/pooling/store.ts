/**
 * The only code that reads or writes the tables of pooling (`pooling_runs`, `pooling_suggestions`,
 * `pooling_interests`).
 */
import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { jsonArray } from '../../platform/db/json.ts';
import type { Group } from './model/similarity.ts';
import type { PoolingInterestsTable, PoolingRunsTable, PoolingSuggestionsTable } from './tables.ts';
import './tables.ts';

/** A sheet of a suggestion, as stored with it (the page is one read). */
export interface StoredSheet {
  id: number;
  title: string;
  path: string;
  authorityId: number;
}

export interface RunRecord {
  id: number;
  startedAt: string;
  finishedAt: string;
  sheets: number;
  groups: number;
  durationMs: number;
  maxStallMs: number;
  libraryVersion: number;
}

export interface SuggestionRecord {
  id: number;
  label: string;
  terms: string[];
  score: number;
  useCaseIds: number[];
  authorityIds: number[];
  interestedAuthorityIds: number[];
  sheets: StoredSheet[];
}

export interface InterestRecord {
  id: number;
  useCaseId: number;
  organisationId: number;
  sheetOrganisationId: number;
  userId: number | null;
  note: string | null;
  createdAt: string;
}

/** THE mapper of `pooling_runs` rows. */
function toRun(r: Selectable<PoolingRunsTable>): RunRecord {
  return {
    id: Number(r.id),
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    sheets: Number(r.sheets),
    groups: Number(r.groups),
    durationMs: Number(r.duration_ms),
    maxStallMs: Number(r.max_stall_ms),
    libraryVersion: Number(r.library_version),
  };
}

/** THE mapper of `pooling_suggestions` rows. */
function toSuggestion(r: Selectable<PoolingSuggestionsTable>): SuggestionRecord {
  return {
    id: Number(r.group_id),
    label: r.label,
    terms: jsonArray<string>(r.terms),
    score: Number(r.score_milli) / 1000,
    useCaseIds: jsonArray<number>(r.use_case_ids),
    authorityIds: jsonArray<number>(r.authority_ids),
    interestedAuthorityIds: jsonArray<number>(r.interested_authority_ids),
    sheets: jsonArray<StoredSheet>(r.sheets),
  };
}

/** THE mapper of `pooling_interests` rows. */
function toInterest(r: Selectable<PoolingInterestsTable>): InterestRecord {
  return {
    id: Number(r.id),
    useCaseId: Number(r.use_case_id),
    organisationId: Number(r.organisation_id),
    sheetOrganisationId: Number(r.sheet_organisation_id),
    userId: r.user_id === null ? null : Number(r.user_id),
    note: r.note ?? null,
    createdAt: r.created_at,
  };
}

const INSERT_BATCH = 200;

export function createPoolingStore(db: Db) {
  return {
    async latestRun(): Promise<RunRecord | null> {
      const r = await db.selectFrom('pooling_runs').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
      return r ? toRun(r) : null;
    },

    /**
     * The latest computation and one page of its suggestions, best first, in one query (the page's read). A page
     * past the last one gives no item (the run is then read alone).
     */
    async latestPage(page: {
      offset: number;
      limit: number;
    }): Promise<{ run: RunRecord | null; items: SuggestionRecord[] }> {
      const rows = await db
        .selectFrom('pooling_runs as r')
        .leftJoin('pooling_suggestions as s', 's.run_id', 'r.id')
        .select([
          'r.id as r_id',
          'r.started_at',
          'r.finished_at',
          'r.sheets as r_sheets',
          'r.groups',
          'r.duration_ms',
          'r.max_stall_ms',
          'r.library_version',
          's.id',
          's.run_id',
          's.group_id',
          's.rank',
          's.label',
          's.terms',
          's.score_milli',
          's.use_case_ids',
          's.authority_ids',
          's.interested_authority_ids',
          's.sheets',
        ])
        .where('r.id', '=', (eb) => eb.selectFrom('pooling_runs').select((e) => e.fn.max('id').as('latest')))
        .orderBy('s.rank')
        .offset(page.offset)
        .limit(page.limit)
        .execute();
      if (!rows.length) {
        if (page.offset === 0) return { run: null, items: [] };
        const latest = await db
          .selectFrom('pooling_runs')
          .selectAll()
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirst();
        return { run: latest ? toRun(latest) : null, items: [] };
      }
      const r = rows[0]!;
      const run = toRun({ ...r, id: r.r_id, sheets: r.r_sheets });
      const items = rows.flatMap((row) =>
        row.id === null ? [] : [toSuggestion(row as Selectable<PoolingSuggestionsTable>)],
      );
      return { run, items };
    },

    /** The latest computation's suggestions, best first. */
    async suggestions(runId: number, page: { offset: number; limit: number }): Promise<SuggestionRecord[]> {
      const rows = await db
        .selectFrom('pooling_suggestions')
        .selectAll()
        .where('run_id', '=', runId)
        .orderBy('rank')
        .offset(page.offset)
        .limit(page.limit)
        .execute();
      return rows.map(toSuggestion);
    },

    async suggestion(runId: number, groupId: number): Promise<SuggestionRecord | null> {
      const r = await db
        .selectFrom('pooling_suggestions')
        .selectAll()
        .where('run_id', '=', runId)
        .where('group_id', '=', groupId)
        .executeTakeFirst();
      return r ? toSuggestion(r) : null;
    },

    /** The suggestions that hold one of these sheets (a sheet is in at most one). */
    async suggestionOfSheet(runId: number, useCaseId: number): Promise<SuggestionRecord | null> {
      // The ids are a JSON array of numbers: a LIKE finds the candidates, the parsed list decides.
      const rows = await db
        .selectFrom('pooling_suggestions')
        .selectAll()
        .where('run_id', '=', runId)
        .where('use_case_ids', 'like', `%${useCaseId}%`)
        .execute();
      return rows.map(toSuggestion).find((s) => s.useCaseIds.includes(useCaseId)) ?? null;
    },

    /** Stores a computation and its groups, replacing the previous ones, in one transaction. */
    async replace(
      run: Omit<RunRecord, 'id' | 'groups'>,
      groups: readonly (Group & { sheets: StoredSheet[] })[],
      trx: Db,
    ): Promise<number> {
      const inserted = await trx
        .insertInto('pooling_runs')
        .values({
          started_at: run.startedAt,
          finished_at: run.finishedAt,
          sheets: run.sheets,
          groups: groups.length,
          duration_ms: run.durationMs,
          max_stall_ms: run.maxStallMs,
          library_version: run.libraryVersion,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const runId = Number(inserted.id);
      await trx.deleteFrom('pooling_suggestions').where('run_id', '<>', runId).execute();
      await trx.deleteFrom('pooling_runs').where('id', '<>', runId).execute();
      for (let i = 0; i < groups.length; i += INSERT_BATCH) {
        await trx
          .insertInto('pooling_suggestions')
          .values(
            groups.slice(i, i + INSERT_BATCH).map((g, k) => ({
              run_id: runId,
              group_id: g.id,
              rank: i + k + 1,
              label: g.label,
              terms: JSON.stringify(g.terms),
              score_milli: Math.round(g.score * 1000),
              use_case_ids: JSON.stringify(g.useCaseIds),
              authority_ids: JSON.stringify(g.authorityIds),
              interested_authority_ids: JSON.stringify(g.interestedAuthorityIds),
              sheets: JSON.stringify(g.sheets),
            })),
          )
          .execute();
      }
      return runId;
    },

    // ---- « Nous faisons pareil » ----

    async addInterest(input: Omit<InterestRecord, 'id'>, trx: Db): Promise<number> {
      const r = await trx
        .insertInto('pooling_interests')
        .values({
          use_case_id: input.useCaseId,
          organisation_id: input.organisationId,
          sheet_organisation_id: input.sheetOrganisationId,
          user_id: input.userId,
          note: input.note,
          created_at: input.createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(r.id);
    },

    async interest(id: number, db2: Db = db): Promise<InterestRecord | null> {
      const r = await db2.selectFrom('pooling_interests').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toInterest(r) : null;
    },

    async interestOf(useCaseId: number, organisationId: number, db2: Db = db): Promise<InterestRecord | null> {
      const r = await db2
        .selectFrom('pooling_interests')
        .selectAll()
        .where('use_case_id', '=', useCaseId)
        .where('organisation_id', '=', organisationId)
        .executeTakeFirst();
      return r ? toInterest(r) : null;
    },

    async interestsOnSheet(useCaseId: number): Promise<InterestRecord[]> {
      const rows = await db
        .selectFrom('pooling_interests')
        .selectAll()
        .where('use_case_id', '=', useCaseId)
        .orderBy('id')
        .execute();
      return rows.map(toInterest);
    },

    /** Interests in the sheets of these authorities, newest first. */
    async interestsInSheetsOf(organisationIds: readonly number[]): Promise<InterestRecord[]> {
      if (!organisationIds.length) return [];
      const rows = await db
        .selectFrom('pooling_interests')
        .selectAll()
        .where('sheet_organisation_id', 'in', organisationIds)
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toInterest);
    },

    /** Every interest, as the computation links them (sheet, interested authority). */
    async allLinks(): Promise<{ useCaseId: number; authorityId: number }[]> {
      const rows = await db
        .selectFrom('pooling_interests')
        .select(['use_case_id', 'organisation_id'])
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ useCaseId: Number(r.use_case_id), authorityId: Number(r.organisation_id) }));
    },

    async recentInterests(limit: number): Promise<InterestRecord[]> {
      const rows = await db.selectFrom('pooling_interests').selectAll().orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toInterest);
    },

    async removeInterest(id: number, trx: Db): Promise<void> {
      await trx.deleteFrom('pooling_interests').where('id', '=', id).execute();
    },

    // ---- RGPD ----

    /** What a person declared (export). */
    async byPerson(userId: number): Promise<{ interests: Omit<InterestRecord, 'userId'>[] }> {
      const rows = await db.selectFrom('pooling_interests').selectAll().where('user_id', '=', userId).execute();
      return { interests: rows.map(toInterest).map(({ userId: _u, ...rest }) => rest) };
    },

    /** Account deletion: the authority's interest stays, without the person nor their note. */
    async erasePerson(userId: number, trx: Db): Promise<void> {
      await trx
        .updateTable('pooling_interests')
        .set({ user_id: null, note: null })
        .where('user_id', '=', userId)
        .execute();
    },
  };
}

export type PoolingStore = ReturnType<typeof createPoolingStore>;
