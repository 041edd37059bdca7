/**
 * The `use_cases` table and its change counter (`library_state`): one row per use case, its content as JSON, the
 * columns derived from the visible content for listings and the facet index, and the change sequence number of every
 * write (commit order = sequence order, so a reader that saw sequence S has seen every change up to S).
 */
import { type RawBuilder, type Selectable, sql, type Updateable } from 'kysely';
import { readCounters } from '../../../platform/catalogue/change-counter.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { RevisionState, UseCaseContent, WorkflowState } from '../model.ts';
import { emptyContent, withDefaults } from '../model.ts';
import type { UseCasesTable } from '../tables.ts';

/** A use case as the services see it (content parsed, missing fields filled with empty values). */
export interface UseCaseRow {
  id: number;
  slug: string;
  organisationId: number;
  state: WorkflowState;
  revision: RevisionState | null;
  version: number;
  content: UseCaseContent;
  draftContent: UseCaseContent | null;
  externalKey: string | null;
  createdBy: number | null;
  updatedBy: number | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
  contentUpdatedAt: string | null;
  archivedAt: string | null;
  archiveReason: string | null;
}

/** What the facet index needs of a row. */
export interface IndexRow {
  id: number;
  organisationId: number;
  state: WorkflowState;
  /** The stored facet values (JSON written by `IndexColumns`, read by the search service). */
  facets: string;
  sortTitle: string;
  updatedAt: string;
  startDate: string | null;
  changeSeq: number;
}

export interface NewUseCase {
  slug: string;
  organisationId: number;
  state: WorkflowState;
  content: UseCaseContent;
  externalKey: string | null;
  createdBy: number | null;
  publishedAt?: string | null;
}

/** Changes to a use case; `content` and `draftContent` are written as given (null clears the revision). */
export interface UseCaseChanges {
  state?: WorkflowState;
  revision?: RevisionState | null;
  content?: UseCaseContent;
  draftContent?: UseCaseContent | null;
  organisationId?: number;
  updatedBy?: number | null;
  submittedAt?: string | null;
  publishedAt?: string | null;
  contentUpdatedAt?: string | null;
  archivedAt?: string | null;
  archiveReason?: string | null;
}

const INDEX_COLUMNS = [
  'id',
  'organisation_id',
  'state',
  'facets',
  'sort_title',
  'content_updated_at',
  'updated_at',
  'start_date',
  'change_seq',
] as const;

type IndexSelection = Pick<Selectable<UseCasesTable>, (typeof INDEX_COLUMNS)[number]>;

function toIndexRow(r: IndexSelection): IndexRow {
  return {
    id: Number(r.id),
    organisationId: Number(r.organisation_id),
    state: r.state,
    facets: r.facets,
    sortTitle: r.sort_title,
    updatedAt: r.content_updated_at ?? r.updated_at,
    startDate: r.start_date ?? null,
    changeSeq: Number(r.change_seq),
  };
}

const EMPTY = emptyContent() as unknown as Readonly<Record<string, unknown>>;

/**
 * A content as stored: JSON without the fields left empty (null, or a list without items), which `parseContent`
 * fills back. A sheet's content and its versions held 2.3 KB each for about 1.4 KB of values: a page each on SQLite
 * (two once compacted), compressed out of line by PostgreSQL (TOAST, past 2 KB) and not at all once compacted.
 */
export function contentJson(content: UseCaseContent): string {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(content)) {
    const empty = EMPTY[key];
    if (value === null && empty === null) continue;
    if (Array.isArray(value) && value.length === 0 && Array.isArray(empty)) continue;
    kept[key] = value;
  }
  return JSON.stringify(kept);
}

/** JSON content as stored -> complete content (missing fields filled). */
export const parseContent = (text: string | null): UseCaseContent | null =>
  text ? withDefaults(JSON.parse(text)) : null;

const nullableId = (v: number | null) => (v == null ? null : Number(v));

/** THE mapper of `use_cases` rows. */
export function toUseCaseRow(r: Selectable<UseCasesTable>): UseCaseRow {
  return {
    id: Number(r.id),
    slug: r.slug,
    organisationId: Number(r.organisation_id),
    state: r.state,
    revision: r.revision_state ?? null,
    version: Number(r.version),
    content: parseContent(r.content)!,
    draftContent: parseContent(r.draft_content),
    externalKey: r.external_key ?? null,
    createdBy: nullableId(r.created_by),
    updatedBy: nullableId(r.updated_by),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    submittedAt: r.submitted_at ?? null,
    publishedAt: r.published_at ?? null,
    contentUpdatedAt: r.content_updated_at ?? null,
    archivedAt: r.archived_at ?? null,
    archiveReason: r.archive_reason ?? null,
  };
}

/**
 * The columns the search service derives from the visible content for sorting and facets (the store does not know
 * what they mean): `sort_title` and `facets` (JSON).
 */
export type IndexColumns = (content: UseCaseContent) => { sort_title: string; facets: string };

/** The row of a new use case (first version), for single and batch inserts. */
function newRow(input: NewUseCase, seq: number, at: string, derived: (content: UseCaseContent) => object) {
  return {
    slug: input.slug,
    organisation_id: input.organisationId,
    state: input.state,
    revision_state: null,
    version: 1,
    content: contentJson(input.content),
    draft_content: null,
    external_key: input.externalKey,
    ...derived(input.content),
    change_seq: seq,
    created_by: input.createdBy,
    updated_by: input.createdBy,
    created_at: at,
    updated_at: at,
    published_at: input.publishedAt ?? null,
    content_updated_at: at,
  };
}

/**
 * The published version that holds no copy of its content (the sheet's own: history.ts) gets one, before the
 * sheet's content changes (only if the sheet is still at `version`: otherwise its update changes nothing).
 */
async function keepPublishedContent(id: number, version: number, trx: Db): Promise<void> {
  await trx
    .updateTable('use_case_versions')
    .set((eb) => ({
      content: eb.selectFrom('use_cases').select('content').where('id', '=', id).where('version', '=', version),
    }))
    .where('use_case_id', '=', id)
    .where('content', 'is', null)
    .where((eb) =>
      eb.exists(eb.selectFrom('use_cases').select('id').where('id', '=', id).where('version', '=', version)),
    )
    .execute();
}

/** The library's change counter, as a scalar subquery. */
const CHANGE_SEQ = sql`(select value from library_state where name = 'change_seq')`;

/** `onWrite` is called whenever a change is numbered (the facet index then looks at the counter again). */
export function createUseCaseStore(db: Db, clock: Clock, onWrite: () => void, indexColumns: IndexColumns) {
  /** Columns derived from the visible content (listing, sorting, facets). */
  const derived = (content: UseCaseContent) => ({
    title: content.title ?? '',
    start_date: content.startDate,
    ...indexColumns(content),
  });

  /** The next change sequence number, under the counter's row lock (commit order = sequence order). */
  async function nextSeq(trx: Db): Promise<number> {
    onWrite();
    const row = await trx
      .updateTable('library_state')
      .set({ value: sql<number>`value + 1` })
      .where('name', '=', 'change_seq')
      .returning('value')
      .executeTakeFirstOrThrow();
    return Number(row.value);
  }

  return {
    nextSeq,

    async currentSeq(): Promise<number> {
      return (await readCounters(db, [CHANGE_SEQ]))[0]!;
    },

    /** The library's change counter and other counters (`ChangeCounter.query`), read in one statement. */
    async currentSeqWith(others: readonly RawBuilder<unknown>[]): Promise<[number, ...number[]]> {
      const [seq = 0, ...rest] = await readCounters(db, [CHANGE_SEQ, ...others]);
      return [seq, ...rest];
    },

    async insert(input: NewUseCase, trx: Db = db): Promise<number> {
      const at = clock.iso();
      const seq = await nextSeq(trx);
      const row = await trx
        .insertInto('use_cases')
        .values(newRow(input, seq, at, derived))
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    /**
     * Inserts many new use cases (imports) under one change sequence number, in chunks; ids in input order.
     * Published ones get their first version in the same statement batch (without a copy of their content:
     * history.ts). `pending`: a number above the counter (`pendingSeq`) that the rows take without moving it (they
     * show when it next moves).
     */
    async insertMany(inputs: readonly NewUseCase[], trx: Db, pending?: number): Promise<number[]> {
      if (!inputs.length) return [];
      const at = clock.iso();
      const seq = pending ?? (await nextSeq(trx));
      const ids: number[] = [];
      for (let i = 0; i < inputs.length; i += 200) {
        const part = inputs.slice(i, i + 200);
        const rows = await trx
          .insertInto('use_cases')
          .values(part.map((input) => newRow(input, seq, at, derived)))
          .returning(['id', 'slug'])
          .execute();
        // Match by slug (unique), whatever order the database returns.
        const bySlug = new Map(rows.map((r) => [r.slug, Number(r.id)]));
        const partIds = part.map((input) => bySlug.get(input.slug)!);
        ids.push(...partIds);
        const versions = part
          .map((input, k) => ({ input, id: partIds[k]! }))
          .filter(({ input }) => input.state === 'published')
          .map(({ input, id }) => ({
            use_case_id: id,
            number: 1,
            // The sheet's own content (`update` writes the copy before it changes).
            content: null,
            published_at: input.publishedAt ?? at,
            published_by: input.createdBy,
          }));
        if (versions.length) await trx.insertInto('use_case_versions').values(versions).execute();
      }
      return ids;
    },

    /**
     * Updates a use case if it is still at `version` (optimistic concurrency). Returns the new version, or null when
     * someone else changed it first.
     */
    async update(id: number, version: number, changes: UseCaseChanges, trx: Db = db): Promise<number | null> {
      if (changes.content !== undefined) await keepPublishedContent(id, version, trx);
      const seq = await nextSeq(trx);
      const set: Updateable<UseCasesTable> = { version: version + 1, change_seq: seq, updated_at: clock.iso() };
      if (changes.state !== undefined) set.state = changes.state;
      if (changes.revision !== undefined) set.revision_state = changes.revision;
      if (changes.content !== undefined) {
        set.content = contentJson(changes.content);
        Object.assign(set, derived(changes.content));
      }
      if (changes.draftContent !== undefined) {
        set.draft_content = changes.draftContent ? contentJson(changes.draftContent) : null;
      }
      if (changes.organisationId !== undefined) set.organisation_id = changes.organisationId;
      if (changes.updatedBy !== undefined) set.updated_by = changes.updatedBy;
      if (changes.submittedAt !== undefined) set.submitted_at = changes.submittedAt;
      if (changes.publishedAt !== undefined) set.published_at = changes.publishedAt;
      if (changes.contentUpdatedAt !== undefined) set.content_updated_at = changes.contentUpdatedAt;
      if (changes.archivedAt !== undefined) set.archived_at = changes.archivedAt;
      if (changes.archiveReason !== undefined) set.archive_reason = changes.archiveReason;
      const result = await trx
        .updateTable('use_cases')
        .set(set)
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1 ? version + 1 : null;
    },

    async findById(id: number, trx: Db = db): Promise<UseCaseRow | null> {
      if (!Number.isSafeInteger(id) || id <= 0) return null;
      const r = await trx.selectFrom('use_cases').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toUseCaseRow(r) : null;
    },

    /** Use cases by id, in the order of `ids` (missing ones left out). */
    async findByIds(ids: readonly number[]): Promise<UseCaseRow[]> {
      if (!ids.length) return [];
      const rows = await db
        .selectFrom('use_cases')
        .selectAll()
        .where('id', 'in', [...ids])
        .execute();
      const byId = new Map(rows.map((r) => [Number(r.id), toUseCaseRow(r)]));
      return ids.map((id) => byId.get(id)).filter((r): r is UseCaseRow => !!r);
    },

    /**
     * The number new use cases take when they must not show yet (imports show their sheets every few hundred
     * milliseconds, not per batch): one above the change counter, which does not move (the catalogues that read it
     * load nothing). They show when the counter next moves, whoever moves it: the counter's row is locked (a no-op
     * update), so a writer moving it meanwhile commits after this transaction.
     */
    async pendingSeq(trx: Db): Promise<number> {
      const row = await trx
        .updateTable('library_state')
        .set({ value: sql<number>`value` })
        .where('name', '=', 'change_seq')
        .returning('value')
        .executeTakeFirstOrThrow();
      return Number(row.value) + 1;
    },

    /** Use cases of some organisations (editors' lists), newest change first. */
    async listByOrganisations(organisationIds: readonly number[], limit = 500): Promise<UseCaseRow[]> {
      if (!organisationIds.length) return [];
      const rows = await db
        .selectFrom('use_cases')
        .selectAll()
        .where('organisation_id', 'in', [...organisationIds])
        .orderBy('updated_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toUseCaseRow);
    },

    /** The published use cases of one organisation, by title (its page), with how many there are. */
    async publishedOfOrganisation(
      organisationId: number,
      limit: number,
    ): Promise<{ total: number; rows: { id: number; slug: string; title: string; content: UseCaseContent }[] }> {
      const [rows, count] = await Promise.all([
        db
          .selectFrom('use_cases')
          .select(['id', 'slug', 'title', 'content'])
          .where('organisation_id', '=', organisationId)
          .where('state', '=', 'published')
          .orderBy('sort_title')
          .orderBy('id')
          .limit(limit)
          .execute(),
        db
          .selectFrom('use_cases')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('organisation_id', '=', organisationId)
          .where('state', '=', 'published')
          .executeTakeFirst(),
      ]);
      return {
        total: Number(count?.n ?? 0),
        rows: rows.map((r) => ({
          id: Number(r.id),
          slug: r.slug,
          title: r.title,
          content: parseContent(r.content)!,
        })),
      };
    },

    /** Use cases waiting for a coordinator: submitted, or published with a submitted revision. */
    async reviewQueue(): Promise<UseCaseRow[]> {
      const rows = await db
        .selectFrom('use_cases')
        .selectAll()
        .where((eb) => eb.or([eb('state', '=', 'submitted'), eb('revision_state', '=', 'submitted')]))
        .orderBy('submitted_at', 'asc')
        .orderBy('id', 'asc')
        .execute();
      return rows.map(toUseCaseRow);
    },

    /** Published use cases by id, in batches (exports, reindexing). */
    async publishedAfter(afterId: number, limit: number): Promise<UseCaseRow[]> {
      const rows = await db
        .selectFrom('use_cases')
        .selectAll()
        .where('state', '=', 'published')
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toUseCaseRow);
    },

    /** The most recently changed published use cases (Atom feed). */
    async recentlyPublished(limit: number): Promise<UseCaseRow[]> {
      const rows = await db
        .selectFrom('use_cases')
        .selectAll()
        .where('state', '=', 'published')
        .orderBy('content_updated_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toUseCaseRow);
    },

    /** Published use cases by month of their first publication (« 2026-03 »), oldest first. */
    async publishedPerMonth(): Promise<{ month: string; count: number }[]> {
      const month = sql<string>`substr(published_at, 1, 7)`;
      const rows = await db
        .selectFrom('use_cases')
        .select([month.as('month'), (eb) => eb.fn.countAll<number>().as('n')])
        .where('state', '=', 'published')
        .where('published_at', 'is not', null)
        .groupBy(month)
        .orderBy(month)
        .execute();
      return rows.map((r) => ({ month: r.month, count: Number(r.n) }));
    },

    async countByState(): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom('use_cases')
        .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('state')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
    },

    /**
     * Use cases by id, a page at a time (`afterId`, `limit`), in every state (the caller keeps the published ones):
     * the full load of the facet index. Only the primary key is used (a condition on `state` makes both databases
     * pick the state index and sort every page: quadratic).
     */
    async indexRowsAfter(afterId: number, limit = 5000): Promise<IndexRow[]> {
      const rows = await db
        .selectFrom('use_cases')
        .select(INDEX_COLUMNS)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toIndexRow);
    },

    /**
     * Rows changed after a sequence number, in every state (the index drops what is no longer published), a page
     * at a time by id: ids from the change_seq index, then their rows. `+id` keeps the primary key out of the plan:
     * with `id > ? order by id`, SQLite walked it and read every row to find the few that changed (150–280 ms a
     * page at 100,000 sheets, each time an import showed new sheets).
     */
    async indexChanges(sinceSeq: number, afterId = 0, limit = 5000): Promise<IndexRow[]> {
      const changed = db
        .selectFrom('use_cases')
        .select('id')
        .where('change_seq', '>', sinceSeq)
        .where(sql<number>`+id`, '>', afterId)
        .orderBy(sql`+id`)
        .limit(limit);
      const rows = await db
        .selectFrom('use_cases')
        .select(INDEX_COLUMNS)
        .where('id', 'in', changed)
        .orderBy('id')
        .execute();
      return rows.map(toIndexRow);
    },
  };
}

/**
 * Reads over `use_cases` that other modules follow (the authority directory's counts, the working groups' digest),
 * and the logo addresses.
 */
export function createUseCaseCountsStore(db: Db) {
  return {
    /** Every logo address written in a use case (any state), once each. */
    async logoAddresses(): Promise<string[]> {
      const rows = await db
        .selectFrom('use_cases')
        .select('content')
        .where('content', 'like', '%"logoUrl":"%')
        .execute();
      const urls = new Set<string>();
      for (const r of rows) {
        const url = (JSON.parse(String(r.content)) as { logoUrl?: unknown }).logoUrl;
        if (typeof url === 'string' && url) urls.add(url);
      }
      return [...urls];
    },

    /**
     * Published use cases first published or whose content changed at or after `sinceIso`, among `ids` or of
     * `organisationIds` (working groups' digest), newest change first.
     */
    async publishedChangedSince(
      sinceIso: string,
      ids: readonly number[],
      organisationIds: readonly number[],
    ): Promise<UseCaseRow[]> {
      if (!ids.length && !organisationIds.length) return [];
      const rows = await db
        .selectFrom('use_cases')
        .selectAll()
        .where('state', '=', 'published')
        .where((eb) =>
          eb.or([
            ...(ids.length ? [eb('id', 'in', [...ids])] : []),
            ...(organisationIds.length ? [eb('organisation_id', 'in', [...organisationIds])] : []),
          ]),
        )
        .where((eb) => eb.or([eb('published_at', '>=', sinceIso), eb('content_updated_at', '>=', sinceIso)]))
        .orderBy('content_updated_at', 'desc')
        .orderBy('id', 'desc')
        .limit(200)
        .execute();
      return rows.map(toUseCaseRow);
    },

    /** Published use cases by organisation (organisations without any are absent). */
    async publishedCountsByOrganisation(): Promise<Map<number, number>> {
      const rows = await db
        .selectFrom('use_cases')
        .select((eb) => ['organisation_id', eb.fn.countAll<number>().as('n')])
        .where('state', '=', 'published')
        .groupBy('organisation_id')
        .execute();
      return new Map(rows.map((r) => [Number(r.organisation_id), Number(r.n)]));
    },
  };
}
