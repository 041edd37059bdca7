/**
 * The only code that reads or writes the tables of responsible AI (`ethics_assessments`, `ethics_notices`).
 */
import type { Selectable } from 'kysely';
import { settingsCounter } from '../../platform/catalogue/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Answers } from '../forms/index.ts';
import { type ConditionsContent, contentOf } from './conditions.ts';
import type { Assessment, AssessmentKind } from './model.ts';
import type { NoticeContent } from './notice.ts';
import type { EthicsAssessmentsTable, EthicsConditionsTable, EthicsNoticesTable } from './tables.ts';
import './tables.ts';

const nullableId = (v: number | null) => (v == null ? null : Number(v));

function parseObject<T>(text: string | null): T {
  try {
    const v = text ? JSON.parse(text) : {};
    return (v && typeof v === 'object' && !Array.isArray(v) ? v : {}) as T;
  } catch {
    return {} as T;
  }
}

/** THE mapper of `ethics_assessments` rows. */
function toAssessment(r: Selectable<EthicsAssessmentsTable>): Assessment {
  return {
    id: Number(r.id),
    useCaseId: Number(r.use_case_id),
    organisationId: Number(r.organisation_id),
    kind: r.kind,
    number: Number(r.number),
    status: r.status,
    answers: parseObject<Answers>(r.answers),
    revisions: parseObject<Record<string, number>>(r.revisions),
    currentPage: r.current_page ?? null,
    version: Number(r.version),
    published: Number(r.published) === 1,
    publishedAt: r.published_at ?? null,
    signedAt: r.signed_at ?? null,
    signedBy: nullableId(r.signed_by),
    signedName: r.signed_name ?? null,
    createdBy: nullableId(r.created_by),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface Notice {
  id: number;
  useCaseId: number;
  organisationId: number;
  number: number;
  status: 'draft' | 'published';
  content: NoticeContent;
  version: number;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** THE mapper of `ethics_notices` rows. */
function toNotice(r: Selectable<EthicsNoticesTable>): Notice {
  const content = parseObject<Partial<NoticeContent>>(r.content);
  return {
    id: Number(r.id),
    useCaseId: Number(r.use_case_id),
    organisationId: Number(r.organisation_id),
    number: Number(r.number),
    status: r.status,
    content: { summary: content.summary ?? '', sections: Array.isArray(content.sections) ? content.sections : [] },
    version: Number(r.version),
    publishedAt: r.published_at ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** One version of the network's « conditions de réussite ». */
export interface ConditionsVersion {
  id: number;
  number: number;
  status: 'draft' | 'published';
  content: ConditionsContent;
  version: number;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** THE mapper of `ethics_conditions` rows. */
function toConditions(r: Selectable<EthicsConditionsTable>): ConditionsVersion {
  return {
    id: Number(r.id),
    number: Number(r.number),
    status: r.status,
    content: contentOf(parseObject(r.content)),
    version: Number(r.version),
    publishedAt: r.published_at ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The versioned texts (transparency notices, « conditions de réussite »): a draft changes at its version, then is published. */
type DraftTable = 'ethics_notices' | 'ethics_conditions';

/** Changes the draft `id` of `table` at `version`; false if it changed meanwhile or was published. */
async function saveDraft(
  trx: Db,
  table: DraftTable,
  id: number,
  version: number,
  content: unknown,
  userId: number,
  at: string,
): Promise<boolean> {
  const result = await trx
    .updateTable(table)
    .set({ content: JSON.stringify(content), version: version + 1, updated_by: userId, updated_at: at })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Publishes the draft `id` of `table` at `version`; false if it changed meanwhile or was published. */
async function publishDraft(
  trx: Db,
  table: DraftTable,
  id: number,
  version: number,
  userId: number | null,
  at: string,
): Promise<boolean> {
  const result = await trx
    .updateTable(table)
    .set({ status: 'published', version: version + 1, published_at: at, published_by: userId, updated_at: at })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The network's « conditions de réussite » (`ethics_conditions`) and the network-wide reads of its evidence. */
function conditionsStore(db: Db, clock: Clock) {
  return {
    // ---- the network's « conditions de réussite » ------------------------------------------------------------

    /** Every version, newest first. */
    async conditions(trx: Db = db): Promise<ConditionsVersion[]> {
      const rows = await trx.selectFrom('ethics_conditions').selectAll().orderBy('number', 'desc').execute();
      return rows.map(toConditions);
    },

    /** A new draft numbered after the last version, in the caller's transaction. */
    async insertConditions(
      content: ConditionsContent,
      userId: number | null,
      trx: Db = db,
    ): Promise<ConditionsVersion> {
      const last = await trx
        .selectFrom('ethics_conditions')
        .select((eb) => eb.fn.max('number').as('n'))
        .executeTakeFirst();
      const now = clock.iso();
      const row = await trx
        .insertInto('ethics_conditions')
        .values({
          number: Number(last?.n ?? 0) + 1,
          status: 'draft',
          content: JSON.stringify(content),
          created_by: userId,
          updated_by: userId,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toConditions(row);
    },

    /** Changes the draft at `version`; false if it changed meanwhile or was published. */
    async saveConditions(id: number, version: number, content: ConditionsContent, userId: number, trx: Db = db) {
      return saveDraft(trx, 'ethics_conditions', id, version, content, userId, clock.iso());
    },

    async publishConditions(id: number, version: number, userId: number | null, trx: Db = db): Promise<boolean> {
      return publishDraft(trx, 'ethics_conditions', id, version, userId, clock.iso());
    },

    /**
     * Across the network: the answers of the latest SIGNED self-assessment and French-law checklist of each sheet,
     * and the sheets with a published notice (the evidence of the « conditions de réussite »).
     */
    async networkSigned(): Promise<{
      self: Map<number, Answers>;
      law: Map<number, Answers>;
      notices: Set<number>;
    }> {
      const rows = await db
        .selectFrom('ethics_assessments')
        .select(['use_case_id', 'kind', 'number', 'answers'])
        .where('status', '=', 'signed')
        .where('kind', 'in', ['self', 'law'])
        .orderBy('use_case_id')
        .orderBy('number')
        .execute();
      const self = new Map<number, Answers>();
      const law = new Map<number, Answers>();
      for (const r of rows)
        (r.kind === 'self' ? self : law).set(Number(r.use_case_id), parseObject<Answers>(r.answers));
      const published = await db
        .selectFrom('ethics_notices')
        .select('use_case_id')
        .where('status', '=', 'published')
        .execute();
      return { self, law, notices: new Set(published.map((r) => Number(r.use_case_id))) };
    },
  };
}

/**
 * Moves whenever the library's view of a sheet may change (an assessment signed, published or withdrawn, a notice
 * published): the library's catalogue reads it at every query (one key lookup) and reloads the sheets' status.
 */
export const statusChanges = (db: Db) => settingsCounter(db, 'ethics.change_seq');

export function createEthicsStore(db: Db, clock: Clock) {
  const changes = statusChanges(db);
  return {
    ...conditionsStore(db, clock),
    async find(id: number, trx: Db = db): Promise<Assessment | null> {
      const row = await trx.selectFrom('ethics_assessments').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toAssessment(row) : null;
    },

    /** The assessments of a sheet, newest number first within each kind. */
    async ofUseCase(useCaseId: number, kind?: AssessmentKind): Promise<Assessment[]> {
      let q = db.selectFrom('ethics_assessments').selectAll().where('use_case_id', '=', useCaseId);
      if (kind) q = q.where('kind', '=', kind);
      const rows = await q.orderBy('kind').orderBy('number', 'desc').execute();
      return rows.map(toAssessment);
    },

    /** A new assessment (the next number of its sheet and kind), in the caller's transaction. */
    async insert(
      input: {
        useCaseId: number;
        organisationId: number;
        kind: AssessmentKind;
        answers: Answers;
        userId: number | null;
      },
      trx: Db = db,
    ): Promise<Assessment> {
      const last = await trx
        .selectFrom('ethics_assessments')
        .select((eb) => eb.fn.max('number').as('n'))
        .where('use_case_id', '=', input.useCaseId)
        .where('kind', '=', input.kind)
        .executeTakeFirst();
      const now = clock.iso();
      const row = await trx
        .insertInto('ethics_assessments')
        .values({
          use_case_id: input.useCaseId,
          organisation_id: input.organisationId,
          kind: input.kind,
          number: Number(last?.n ?? 0) + 1,
          status: 'draft',
          answers: JSON.stringify(input.answers),
          revisions: '{}',
          created_by: input.userId,
          updated_by: input.userId,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toAssessment(row);
    },

    /** Writes answers if nobody wrote since `version` (drafts only); false otherwise. */
    async saveAnswers(
      id: number,
      version: number,
      input: { answers: Answers; revisions: Record<string, number>; currentPage?: string; userId: number | null },
    ): Promise<boolean> {
      const result = await db
        .updateTable('ethics_assessments')
        .set({
          answers: JSON.stringify(input.answers),
          revisions: JSON.stringify(input.revisions),
          ...(input.currentPage !== undefined ? { current_page: input.currentPage } : {}),
          version: version + 1,
          updated_by: input.userId,
          updated_at: clock.iso(),
        })
        .where('id', '=', id)
        .where('version', '=', version)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Signs a draft at `version` (its answers pruned of hidden ones); false if it changed meanwhile. */
    async sign(
      id: number,
      version: number,
      input: { answers: Answers; userId: number | null; name: string },
      trx: Db = db,
    ): Promise<boolean> {
      const now = clock.iso();
      const result = await trx
        .updateTable('ethics_assessments')
        .set({
          status: 'signed',
          answers: JSON.stringify(input.answers),
          signed_at: now,
          signed_by: input.userId,
          signed_name: input.name,
          version: version + 1,
          updated_by: input.userId,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('version', '=', version)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await changes.next(trx);
      return true;
    },

    async setPublished(id: number, published: boolean, userId: number | null, trx: Db = db): Promise<void> {
      const now = clock.iso();
      await trx
        .updateTable('ethics_assessments')
        .set({
          published: published ? 1 : 0,
          published_at: published ? now : null,
          updated_by: userId,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('status', '=', 'signed')
        .execute();
      await changes.next(trx);
    },

    /** Deletes a draft (never a signed assessment). */
    async deleteDraft(id: number): Promise<boolean> {
      const result = await db
        .deleteFrom('ethics_assessments')
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },

    // ---- notices -----------------------------------------------------------------------------------------------

    async notices(useCaseId: number): Promise<Notice[]> {
      const rows = await db
        .selectFrom('ethics_notices')
        .selectAll()
        .where('use_case_id', '=', useCaseId)
        .orderBy('number', 'desc')
        .execute();
      return rows.map(toNotice);
    },

    async insertNotice(
      input: { useCaseId: number; organisationId: number; content: NoticeContent; userId: number | null },
      trx: Db = db,
    ): Promise<Notice> {
      const last = await trx
        .selectFrom('ethics_notices')
        .select((eb) => eb.fn.max('number').as('n'))
        .where('use_case_id', '=', input.useCaseId)
        .executeTakeFirst();
      const now = clock.iso();
      const row = await trx
        .insertInto('ethics_notices')
        .values({
          use_case_id: input.useCaseId,
          organisation_id: input.organisationId,
          number: Number(last?.n ?? 0) + 1,
          status: 'draft',
          content: JSON.stringify(input.content),
          created_by: input.userId,
          updated_by: input.userId,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toNotice(row);
    },

    /** Changes a draft notice at `version`; false if it changed meanwhile or is published. */
    async saveNotice(id: number, version: number, content: NoticeContent, userId: number): Promise<boolean> {
      return saveDraft(db, 'ethics_notices', id, version, content, userId, clock.iso());
    },

    async publishNotice(id: number, version: number, userId: number | null, trx: Db = db): Promise<boolean> {
      if (!(await publishDraft(trx, 'ethics_notices', id, version, userId, clock.iso()))) return false;
      await changes.next(trx);
      return true;
    },

    // ---- personal data -----------------------------------------------------------------------------------------

    /** The most recently published notice versions (the library's Atom feed), newest first. */
    async recentPublishedNotices(limit: number): Promise<Notice[]> {
      const rows = await db
        .selectFrom('ethics_notices')
        .selectAll()
        .where('status', '=', 'published')
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toNotice);
    },

    /** What a person signed or started (RGPD export). */
    async byPerson(userId: number) {
      const rows = await db
        .selectFrom('ethics_assessments')
        .select(['id', 'use_case_id', 'kind', 'number', 'status', 'signed_at', 'signed_name', 'created_at'])
        .where((eb) => eb.or([eb('signed_by', '=', userId), eb('created_by', '=', userId)]))
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        useCaseId: Number(r.use_case_id),
        kind: r.kind,
        number: Number(r.number),
        status: r.status,
        signedAt: r.signed_at,
        signedName: r.signed_name,
        createdAt: r.created_at,
      }));
    },

    /**
     * The account is deleted: its signatures keep « compte supprimé » instead of the name; the conditions' versions it
     * wrote or published lose their writer.
     */
    async erasePerson(userId: number, trx: Db): Promise<void> {
      await trx
        .updateTable('ethics_assessments')
        .set({ signed_name: 'compte supprimé', signed_by: null })
        .where('signed_by', '=', userId)
        .execute();
      await trx.updateTable('ethics_assessments').set({ created_by: null }).where('created_by', '=', userId).execute();
      await trx.updateTable('ethics_assessments').set({ updated_by: null }).where('updated_by', '=', userId).execute();
      // The network's « conditions de réussite » stay (a publication of the working group), without their writer.
      for (const column of ['created_by', 'updated_by', 'published_by'] as const)
        await trx
          .updateTable('ethics_conditions')
          .set({ [column]: null })
          .where(column, '=', userId)
          .execute();
    },
  };
}

export type EthicsStore = ReturnType<typeof createEthicsStore>;
