/**
 * The only code that reads or writes the tables of commons (`commons`, `commons_organisations`,
 * `commons_use_cases`, `commons_news`). Changes are numbered by a change counter (settings « commons.change_seq »)
 * that the catalogue reads to stay fresh.
 */
import type { Selectable } from 'kysely';
import { settingsCounter } from '../../platform/catalogue/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { jsonArray } from '../../platform/db/json.ts';
import type {
  CommonsInput,
  CommonsKind,
  CommonsRecord,
  CommonsStatus,
  Contact,
  NewsRecord,
  OrganisationRole,
} from './model.ts';
import type { CommonsNewsTable, CommonsTable } from './tables.ts';
import './tables.ts';

interface Ties {
  maintainerIds: number[];
  userIds: number[];
  contributorIds: number[];
  useCaseIds: number[];
}

/** THE mapper of `commons` rows (with the ties read beside them). */
function toRecord(r: Selectable<CommonsTable>, ties: Ties): CommonsRecord {
  return {
    id: Number(r.id),
    name: r.name,
    summary: r.summary,
    kind: r.kind as CommonsKind,
    status: r.status as CommonsStatus,
    licence: r.licence ?? null,
    repositoryUrl: r.repository_url ?? null,
    downloadUrl: r.download_url ?? null,
    documentationUrl: r.documentation_url ?? null,
    themes: jsonArray<string>(r.themes),
    commonsCategory: r.commons_category ?? null,
    contacts: jsonArray<Contact>(r.contacts),
    ...ties,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** THE mapper of `commons_news` rows. */
function toNews(r: Selectable<CommonsNewsTable>): NewsRecord {
  return {
    id: Number(r.id),
    commonsId: Number(r.commons_id),
    date: r.date,
    title: r.title,
    body: r.body,
    release: r.release ?? null,
  };
}

export type CommonsStore = ReturnType<typeof createCommonsStore>;

export function createCommonsStore(db: Db) {
  const counter = settingsCounter(db, 'commons.change_seq');

  async function withTies(rows: Selectable<CommonsTable>[], on: Db = db): Promise<CommonsRecord[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => Number(r.id));
    const [orgs, sheets] = await Promise.all([
      on.selectFrom('commons_organisations').selectAll().where('commons_id', 'in', ids).execute(),
      on.selectFrom('commons_use_cases').selectAll().where('commons_id', 'in', ids).execute(),
    ]);
    const ties = new Map<number, Ties>(
      ids.map((id) => [id, { maintainerIds: [], userIds: [], contributorIds: [], useCaseIds: [] }]),
    );
    for (const o of orgs.sort((a, b) => Number(a.organisation_id) - Number(b.organisation_id))) {
      const t = ties.get(Number(o.commons_id))!;
      const list = o.role === 'maintainer' ? t.maintainerIds : o.role === 'user' ? t.userIds : t.contributorIds;
      list.push(Number(o.organisation_id));
    }
    for (const s of sheets.sort((a, b) => Number(a.use_case_id) - Number(b.use_case_id)))
      ties.get(Number(s.commons_id))!.useCaseIds.push(Number(s.use_case_id));
    return rows.map((r) => toRecord(r, ties.get(Number(r.id))!));
  }

  async function writeTies(trx: Db, id: number, input: CommonsInput) {
    await trx.deleteFrom('commons_organisations').where('commons_id', '=', id).execute();
    await trx.deleteFrom('commons_use_cases').where('commons_id', '=', id).execute();
    const orgs: { commons_id: number; organisation_id: number; role: OrganisationRole }[] = [
      ...new Set(input.maintainerIds),
    ].map((o) => ({ commons_id: id, organisation_id: o, role: 'maintainer' }));
    for (const o of new Set(input.userIds)) orgs.push({ commons_id: id, organisation_id: o, role: 'user' });
    for (const o of new Set(input.contributorIds))
      orgs.push({ commons_id: id, organisation_id: o, role: 'contributor' });
    if (orgs.length) await trx.insertInto('commons_organisations').values(orgs).execute();
    const sheets = [...new Set(input.useCaseIds)].map((u) => ({ commons_id: id, use_case_id: u }));
    if (sheets.length) await trx.insertInto('commons_use_cases').values(sheets).execute();
  }

  const columns = (input: CommonsInput) => ({
    name: input.name,
    summary: input.summary,
    kind: input.kind,
    status: input.status,
    licence: input.licence,
    repository_url: input.repositoryUrl,
    download_url: input.downloadUrl,
    documentation_url: input.documentationUrl,
    themes: JSON.stringify(input.themes),
    commons_category: input.commonsCategory,
    ...(input.contacts ? { contacts: JSON.stringify(input.contacts) } : {}),
  });

  return {
    counter,
    version: () => counter.read(),
    async find(id: number, on: Db = db): Promise<CommonsRecord | null> {
      const row = await on.selectFrom('commons').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? (await withTies([row], on))[0]! : null;
    },
    async findByIds(ids: readonly number[]): Promise<CommonsRecord[]> {
      if (!ids.length) return [];
      const rows = await db
        .selectFrom('commons')
        .selectAll()
        .where('id', 'in', [...ids])
        .execute();
      const byId = new Map((await withTies(rows)).map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id)).filter((r): r is CommonsRecord => !!r);
    },
    async findByRepository(url: string, on: Db = db): Promise<CommonsRecord | null> {
      const row = await on
        .selectFrom('commons')
        .selectAll()
        .where('repository_url', '=', url)
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      return row ? (await withTies([row], on))[0]! : null;
    },
    async rowsAfter(afterId: number, limit: number): Promise<CommonsRecord[]> {
      const rows = await db
        .selectFrom('commons')
        .selectAll()
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return withTies(rows);
    },
    /** The ids of the entries that use this sheet. */
    async usingSheet(useCaseId: number): Promise<number[]> {
      const rows = await db
        .selectFrom('commons_use_cases')
        .select('commons_id')
        .where('use_case_id', '=', useCaseId)
        .orderBy('commons_id')
        .execute();
      return rows.map((r) => Number(r.commons_id));
    },
    async insert(trx: Db, input: CommonsInput, actorId: number | null, now: string): Promise<number> {
      const row = await trx
        .insertInto('commons')
        .values({ ...columns(input), created_by: actorId, updated_by: actorId, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(row.id);
      await writeTies(trx, id, input);
      await counter.next(trx);
      return id;
    },
    /** Updates when the version is still `version`; false when someone changed it in between. */
    async update(
      trx: Db,
      id: number,
      version: number,
      input: CommonsInput,
      actorId: number | null,
      now: string,
    ): Promise<boolean> {
      const r = await trx
        .updateTable('commons')
        .set({ ...columns(input), version: version + 1, updated_by: actorId, updated_at: now })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await writeTies(trx, id, input);
      await counter.next(trx);
      return true;
    },
    async addNews(trx: Db, news: Omit<NewsRecord, 'id'>, actorId: number | null, now: string): Promise<number> {
      const row = await trx
        .insertInto('commons_news')
        .values({
          commons_id: news.commonsId,
          date: news.date,
          title: news.title,
          body: news.body,
          release: news.release,
          created_by: actorId,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.updateTable('commons').set({ updated_at: now }).where('id', '=', news.commonsId).execute();
      await counter.next(trx);
      return Number(row.id);
    },
    async newsOf(commonsId: number): Promise<NewsRecord[]> {
      const rows = await db
        .selectFrom('commons_news')
        .selectAll()
        .where('commons_id', '=', commonsId)
        .orderBy('date', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toNews);
    },
    /** The newest news of every entry (the Atom feed). */
    async latestNews(limit: number): Promise<NewsRecord[]> {
      const rows = await db
        .selectFrom('commons_news')
        .selectAll()
        .orderBy('date', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toNews);
    },
    /** What the entries say about a person (RGPD export): the entries and news they wrote. */
    async byPerson(userId: number) {
      const [entries, news] = await Promise.all([
        db.selectFrom('commons').select(['id', 'name', 'created_at']).where('created_by', '=', userId).execute(),
        db.selectFrom('commons_news').select(['id', 'title', 'date']).where('created_by', '=', userId).execute(),
      ]);
      return { entries, news };
    },
    async erasePerson(userId: number, trx: Db) {
      await trx.updateTable('commons').set({ created_by: null }).where('created_by', '=', userId).execute();
      await trx.updateTable('commons').set({ updated_by: null }).where('updated_by', '=', userId).execute();
      await trx.updateTable('commons_news').set({ created_by: null }).where('created_by', '=', userId).execute();
    },
  };
}
