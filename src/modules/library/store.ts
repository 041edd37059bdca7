/**
 * The only code that reads or writes the library's tables (use_cases, use_case_versions, use_case_events,
 * use_case_reports, library_api_tokens, library_state). Portable SQL through Kysely (SQLite and PostgreSQL).
 */
import { type Kysely, sql } from 'kysely';
import { now } from '../../platform/db/index.ts';
import { type ContentFacets, contentFacets, sortTitle } from './facets.ts';
import type { RevisionState, UseCaseContent, WorkflowState } from './model.ts';
import { withDefaults } from './model.ts';

/** A sheet row as the service sees it (content parsed, missing fields filled with empty values). */
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

export interface VersionRow {
  id: number;
  useCaseId: number;
  number: number;
  content: UseCaseContent;
  publishedAt: string;
  publishedBy: number | null;
}

export interface EventRow {
  id: number;
  useCaseId: number;
  at: string;
  actorUserId: number | null;
  event: string;
  comment: string | null;
}

export interface ReportRow {
  id: number;
  useCaseId: number;
  createdAt: string;
  reporterUserId: number | null;
  reporterEmail: string | null;
  message: string;
  status: 'open' | 'handled';
  handledAt: string | null;
  handledBy: number | null;
}

export interface TokenRow {
  id: number;
  organisationId: number;
  name: string;
  createdBy: number | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** What the facet index needs of a row. */
export interface IndexRow {
  id: number;
  organisationId: number;
  state: WorkflowState;
  facets: ContentFacets;
  sortTitle: string;
  updatedAt: string;
  startDate: string | null;
  changeSeq: number;
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

function toIndexRow(r: any): IndexRow {
  return {
    id: Number(r.id),
    organisationId: Number(r.organisation_id),
    state: r.state,
    facets: JSON.parse(r.facets),
    sortTitle: r.sort_title,
    updatedAt: r.content_updated_at ?? r.updated_at,
    startDate: r.start_date ?? null,
    changeSeq: Number(r.change_seq),
  };
}

const parse = (text: string | null): UseCaseContent | null => (text ? withDefaults(JSON.parse(text)) : null);

function toRow(r: any): UseCaseRow {
  return {
    id: Number(r.id),
    slug: r.slug,
    organisationId: Number(r.organisation_id),
    state: r.state,
    revision: r.revision_state ?? null,
    version: Number(r.version),
    content: parse(r.content)!,
    draftContent: parse(r.draft_content),
    externalKey: r.external_key ?? null,
    createdBy: r.created_by == null ? null : Number(r.created_by),
    updatedBy: r.updated_by == null ? null : Number(r.updated_by),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    submittedAt: r.submitted_at ?? null,
    publishedAt: r.published_at ?? null,
    contentUpdatedAt: r.content_updated_at ?? null,
    archivedAt: r.archived_at ?? null,
    archiveReason: r.archive_reason ?? null,
  };
}

/** Columns derived from the visible content (listing, sorting, facets). */
function derived(content: UseCaseContent) {
  return {
    title: content.title ?? '',
    sort_title: sortTitle(content.title),
    facets: JSON.stringify(contentFacets(content)),
    start_date: content.startDate,
  };
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

/** Changes to a sheet; `content` and `draftContent` are written as given (null clears the revision). */
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

/** `onWrite` is called whenever a change is numbered (the facet index then looks at the counter again). */
/** An error report row as the service sees it. */
function toReport(r: any): ReportRow {
  return {
    id: Number(r.id),
    useCaseId: Number(r.use_case_id),
    createdAt: r.created_at,
    reporterUserId: r.reporter_user_id == null ? null : Number(r.reporter_user_id),
    reporterEmail: r.reporter_email ?? null,
    message: r.message,
    status: r.status,
    handledAt: r.handled_at ?? null,
    handledBy: r.handled_by == null ? null : Number(r.handled_by),
  };
}

/** The row of a new sheet (first version), for single and batch inserts. */
function newRow(input: NewUseCase, seq: number, at: string) {
  return {
    slug: input.slug,
    organisation_id: input.organisationId,
    state: input.state,
    revision_state: null,
    version: 1,
    content: JSON.stringify(input.content),
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

export function createLibraryStore(db: Kysely<any>, onWrite: () => void = () => {}) {
  /** The next change sequence number, under the counter's row lock (commit order = sequence order). */
  async function nextSeq(trx: Kysely<any>): Promise<number> {
    onWrite();
    const row = await trx
      .updateTable('library_state')
      .set({ value: sql`value + 1` })
      .where('name', '=', 'change_seq')
      .returning('value')
      .executeTakeFirstOrThrow();
    return Number(row.value);
  }

  return {
    nextSeq,

    async currentSeq(): Promise<number> {
      const row = await db
        .selectFrom('library_state')
        .select('value')
        .where('name', '=', 'change_seq')
        .executeTakeFirst();
      return Number(row?.value ?? 0);
    },

    async insert(input: NewUseCase, trx: Kysely<any> = db): Promise<number> {
      const at = now();
      const seq = await nextSeq(trx);
      const row = await trx
        .insertInto('use_cases')
        .values(newRow(input, seq, at))
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    /**
     * Inserts many new sheets (imports) under one change sequence number, in chunks; ids in input order.
     * Published ones get their first version in the same statement batch.
     */
    async insertMany(inputs: readonly NewUseCase[], trx: Kysely<any>): Promise<number[]> {
      if (!inputs.length) return [];
      const at = now();
      const seq = await nextSeq(trx);
      const ids: number[] = [];
      for (let i = 0; i < inputs.length; i += 200) {
        const part = inputs.slice(i, i + 200);
        const rows = await trx
          .insertInto('use_cases')
          .values(part.map((input) => newRow(input, seq, at)))
          .returning(['id', 'slug'])
          .execute();
        // Match by slug (unique), whatever order the database returns.
        const bySlug = new Map(rows.map((r: any) => [r.slug as string, Number(r.id)]));
        const partIds = part.map((input) => bySlug.get(input.slug)!);
        ids.push(...partIds);
        const versions = part
          .map((input, k) => ({ input, id: partIds[k]! }))
          .filter(({ input }) => input.state === 'published')
          .map(({ input, id }) => ({
            use_case_id: id,
            number: 1,
            content: JSON.stringify(input.content),
            published_at: input.publishedAt ?? at,
            published_by: input.createdBy,
          }));
        if (versions.length) await trx.insertInto('use_case_versions').values(versions).execute();
      }
      return ids;
    },

    /**
     * Updates a sheet if it is still at `version` (optimistic concurrency). Returns the new version, or null when
     * someone else changed it first.
     */
    async update(id: number, version: number, changes: UseCaseChanges, trx: Kysely<any> = db): Promise<number | null> {
      const seq = await nextSeq(trx);
      const set: Record<string, unknown> = {
        version: version + 1,
        change_seq: seq,
        updated_at: now(),
      };
      if (changes.state !== undefined) set.state = changes.state;
      if (changes.revision !== undefined) set.revision_state = changes.revision;
      if (changes.content !== undefined) {
        set.content = JSON.stringify(changes.content);
        Object.assign(set, derived(changes.content));
      }
      if (changes.draftContent !== undefined) {
        set.draft_content = changes.draftContent ? JSON.stringify(changes.draftContent) : null;
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

    async findById(id: number, trx: Kysely<any> = db): Promise<UseCaseRow | null> {
      if (!Number.isSafeInteger(id) || id <= 0) return null;
      const r = await trx.selectFrom('use_cases').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toRow(r) : null;
    },

    async findByIds(ids: readonly number[]): Promise<UseCaseRow[]> {
      if (!ids.length) return [];
      const rows = await db
        .selectFrom('use_cases')
        .selectAll()
        .where('id', 'in', [...ids])
        .execute();
      const byId = new Map(rows.map((r: any) => [Number(r.id), toRow(r)]));
      return ids.map((id) => byId.get(id)).filter((r): r is UseCaseRow => !!r);
    },

    async findByExternalKey(key: string, trx: Kysely<any> = db): Promise<UseCaseRow | null> {
      const r = await trx.selectFrom('use_cases').selectAll().where('external_key', '=', key).executeTakeFirst();
      return r ? toRow(r) : null;
    },

    /** External keys already present among `keys` -> id and version (imports). */
    async idsByExternalKeys(keys: readonly string[], trx: Kysely<any> = db): Promise<Map<string, { id: number }>> {
      const out = new Map<string, { id: number }>();
      for (let i = 0; i < keys.length; i += 500) {
        const part = keys.slice(i, i + 500);
        const rows = await trx
          .selectFrom('use_cases')
          .select(['id', 'external_key'])
          .where('external_key', 'in', part)
          .execute();
        for (const r of rows as any[]) out.set(r.external_key, { id: Number(r.id) });
      }
      return out;
    },

    async slugTaken(slug: string, trx: Kysely<any> = db): Promise<boolean> {
      const r = await trx.selectFrom('use_cases').select('id').where('slug', '=', slug).executeTakeFirst();
      return !!r;
    },

    /** Slugs starting with `base` (to pick a free one in one query). */
    async slugsLike(base: string, trx: Kysely<any> = db): Promise<Set<string>> {
      const rows = await trx.selectFrom('use_cases').select('slug').where('slug', 'like', `${base}%`).execute();
      return new Set(rows.map((r: any) => r.slug as string));
    },

    /** Sheets of some organisations (editors' lists), newest change first. */
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
      return rows.map(toRow);
    },

    /** The published sheets of one organisation, by title (its page), with how many there are. */
    async publishedOfOrganisation(
      organisationId: number,
      limit: number,
    ): Promise<{ total: number; rows: { id: number; slug: string; title: string; facets: ContentFacets }[] }> {
      const [rows, count] = await Promise.all([
        db
          .selectFrom('use_cases')
          .select(['id', 'slug', 'title', 'facets'])
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
        total: Number((count as { n: number } | undefined)?.n ?? 0),
        rows: rows.map((r: any) => ({
          id: Number(r.id),
          slug: r.slug,
          title: r.title,
          facets: JSON.parse(r.facets) as ContentFacets,
        })),
      };
    },

    /** Sheets waiting for a coordinator: submitted, or published with a submitted revision. */
    async reviewQueue(): Promise<UseCaseRow[]> {
      const rows = await db
        .selectFrom('use_cases')
        .selectAll()
        .where((eb) => eb.or([eb('state', '=', 'submitted'), eb('revision_state', '=', 'submitted')]))
        .orderBy('submitted_at', 'asc')
        .orderBy('id', 'asc')
        .execute();
      return rows.map(toRow);
    },

    /** Published sheets by id, in batches (exports). */
    async publishedAfter(afterId: number, limit: number): Promise<UseCaseRow[]> {
      const rows = await db
        .selectFrom('use_cases')
        .selectAll()
        .where('state', '=', 'published')
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toRow);
    },

    /** The most recently changed published sheets (Atom feed). */
    async recentlyPublished(limit: number): Promise<UseCaseRow[]> {
      const rows = await db
        .selectFrom('use_cases')
        .selectAll()
        .where('state', '=', 'published')
        .orderBy('content_updated_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toRow);
    },

    async countByState(): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom('use_cases')
        .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('state')
        .execute();
      return Object.fromEntries(rows.map((r: any) => [r.state, Number(r.n)]));
    },

    /**
     * Sheets by id, a page at a time (`afterId`, `limit`), in every state (the caller keeps the published ones): the
     * full load of the facet index. Only the primary key is used (a condition on `state` makes both databases pick
     * the state index and sort every page: quadratic).
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
     * at a time by id. Served by the change_seq index: a few rows in the usual case.
     */
    async indexChanges(sinceSeq: number, afterId = 0, limit = 5000): Promise<IndexRow[]> {
      const rows = await db
        .selectFrom('use_cases')
        .select(INDEX_COLUMNS)
        .where('change_seq', '>', sinceSeq)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toIndexRow);
    },

    // -- versions -----------------------------------------------------------------------------------------------

    async insertVersion(
      input: { useCaseId: number; content: UseCaseContent; publishedBy: number | null; publishedAt?: string },
      trx: Kysely<any> = db,
    ): Promise<number> {
      const last = await trx
        .selectFrom('use_case_versions')
        .select((eb) => eb.fn.max('number').as('n'))
        .where('use_case_id', '=', input.useCaseId)
        .executeTakeFirst();
      const number = Number((last as any)?.n ?? 0) + 1;
      await trx
        .insertInto('use_case_versions')
        .values({
          use_case_id: input.useCaseId,
          number,
          content: JSON.stringify(input.content),
          published_at: input.publishedAt ?? now(),
          published_by: input.publishedBy,
        })
        .execute();
      return number;
    },

    async versions(useCaseId: number): Promise<Omit<VersionRow, 'content'>[]> {
      const rows = await db
        .selectFrom('use_case_versions')
        .select(['id', 'use_case_id', 'number', 'published_at', 'published_by'])
        .where('use_case_id', '=', useCaseId)
        .orderBy('number', 'desc')
        .execute();
      return rows.map((r: any) => ({
        id: Number(r.id),
        useCaseId: Number(r.use_case_id),
        number: Number(r.number),
        publishedAt: r.published_at,
        publishedBy: r.published_by == null ? null : Number(r.published_by),
      }));
    },

    async version(useCaseId: number, number: number): Promise<VersionRow | null> {
      const r: any = await db
        .selectFrom('use_case_versions')
        .selectAll()
        .where('use_case_id', '=', useCaseId)
        .where('number', '=', number)
        .executeTakeFirst();
      return r
        ? {
            id: Number(r.id),
            useCaseId: Number(r.use_case_id),
            number: Number(r.number),
            content: parse(r.content)!,
            publishedAt: r.published_at,
            publishedBy: r.published_by == null ? null : Number(r.published_by),
          }
        : null;
    },

    // -- events -------------------------------------------------------------------------------------------------

    async insertEvent(
      input: { useCaseId: number; actorUserId: number | null; event: string; comment?: string | null },
      trx: Kysely<any> = db,
    ): Promise<void> {
      await trx
        .insertInto('use_case_events')
        .values({
          use_case_id: input.useCaseId,
          at: now(),
          actor_user_id: input.actorUserId,
          event: input.event,
          comment: input.comment ?? null,
        })
        .execute();
    },

    async events(useCaseId: number, limit = 200): Promise<EventRow[]> {
      const rows = await db
        .selectFrom('use_case_events')
        .selectAll()
        .where('use_case_id', '=', useCaseId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r: any) => ({
        id: Number(r.id),
        useCaseId: Number(r.use_case_id),
        at: r.at,
        actorUserId: r.actor_user_id == null ? null : Number(r.actor_user_id),
        event: r.event,
        comment: r.comment ?? null,
      }));
    },

    // -- reports ------------------------------------------------------------------------------------------------

    async insertReport(
      input: { useCaseId: number; reporterUserId: number | null; reporterEmail: string | null; message: string },
      trx: Kysely<any> = db,
    ): Promise<number> {
      const row = await trx
        .insertInto('use_case_reports')
        .values({
          use_case_id: input.useCaseId,
          created_at: now(),
          reporter_user_id: input.reporterUserId,
          reporter_email: input.reporterEmail,
          message: input.message,
          status: 'open',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    async reports(filter: {
      organisationIds?: readonly number[] | null;
      status?: 'open' | 'handled';
      useCaseId?: number;
    }) {
      let q = db
        .selectFrom('use_case_reports as r')
        .innerJoin('use_cases as u', 'u.id', 'r.use_case_id')
        .select([
          'r.id',
          'r.use_case_id',
          'r.created_at',
          'r.reporter_user_id',
          'r.reporter_email',
          'r.message',
          'r.status',
          'r.handled_at',
          'r.handled_by',
          'u.title',
          'u.organisation_id',
        ]);
      if (filter.organisationIds) {
        if (!filter.organisationIds.length) return [];
        q = q.where('u.organisation_id', 'in', [...filter.organisationIds]);
      }
      if (filter.status) q = q.where('r.status', '=', filter.status);
      if (filter.useCaseId) q = q.where('r.use_case_id', '=', filter.useCaseId);
      const rows = await q.orderBy('r.id', 'desc').limit(500).execute();
      return rows.map((r: any) => ({
        ...toReport(r),
        title: r.title as string,
        organisationId: Number(r.organisation_id),
      }));
    },

    async findReport(id: number): Promise<(ReportRow & { organisationId: number }) | null> {
      if (!Number.isSafeInteger(id) || id <= 0) return null;
      const r: any = await db
        .selectFrom('use_case_reports as r')
        .innerJoin('use_cases as u', 'u.id', 'r.use_case_id')
        .selectAll('r')
        .select('u.organisation_id')
        .where('r.id', '=', id)
        .executeTakeFirst();
      return r ? { ...toReport(r), organisationId: Number(r.organisation_id) } : null;
    },

    /** Marks a report handled; false when it already was. */
    async handleReport(id: number, by: number, trx: Kysely<any> = db): Promise<boolean> {
      const r = await trx
        .updateTable('use_case_reports')
        .set({ status: 'handled', handled_at: now(), handled_by: by })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Personal data of a person (RGPD export): their reports. */
    async reportsBy(userId: number) {
      const rows = await db
        .selectFrom('use_case_reports')
        .select(['use_case_id', 'created_at', 'message', 'status'])
        .where('reporter_user_id', '=', userId)
        .orderBy('id')
        .execute();
      return rows.map((r: any) => ({
        useCaseId: Number(r.use_case_id),
        createdAt: r.created_at,
        message: r.message,
        status: r.status,
      }));
    },

    // -- API tokens ---------------------------------------------------------------------------------------------

    async insertToken(
      input: { organisationId: number; name: string; hash: string; createdBy: number },
      trx: Kysely<any> = db,
    ): Promise<number> {
      const row = await trx
        .insertInto('library_api_tokens')
        .values({
          organisation_id: input.organisationId,
          name: input.name,
          token_hash: input.hash,
          created_by: input.createdBy,
          created_at: now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    async tokens(organisationId: number): Promise<TokenRow[]> {
      const rows = await db
        .selectFrom('library_api_tokens')
        .select(['id', 'organisation_id', 'name', 'created_by', 'created_at', 'last_used_at', 'revoked_at'])
        .where('organisation_id', '=', organisationId)
        .orderBy('id', 'desc')
        .execute();
      return rows.map((r: any) => ({
        id: Number(r.id),
        organisationId: Number(r.organisation_id),
        name: r.name,
        createdBy: r.created_by == null ? null : Number(r.created_by),
        createdAt: r.created_at,
        lastUsedAt: r.last_used_at ?? null,
        revokedAt: r.revoked_at ?? null,
      }));
    },

    async tokenByHash(hash: string): Promise<(TokenRow & { createdBy: number | null }) | null> {
      const r: any = await db
        .selectFrom('library_api_tokens')
        .selectAll()
        .where('token_hash', '=', hash)
        .executeTakeFirst();
      return r
        ? {
            id: Number(r.id),
            organisationId: Number(r.organisation_id),
            name: r.name,
            createdBy: r.created_by == null ? null : Number(r.created_by),
            createdAt: r.created_at,
            lastUsedAt: r.last_used_at ?? null,
            revokedAt: r.revoked_at ?? null,
          }
        : null;
    },

    async touchToken(id: number): Promise<void> {
      await db.updateTable('library_api_tokens').set({ last_used_at: now() }).where('id', '=', id).execute();
    },

    async revokeToken(id: number, organisationId: number, trx: Kysely<any> = db): Promise<boolean> {
      const r = await trx
        .updateTable('library_api_tokens')
        .set({ revoked_at: now() })
        .where('id', '=', id)
        .where('organisation_id', '=', organisationId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}

export type LibraryStore = ReturnType<typeof createLibraryStore>;
