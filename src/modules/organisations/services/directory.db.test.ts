import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { describeEachDatabase } from '../../../../test/helpers/databases.ts';
import type { Db } from '../../../platform/db/database.ts';
import { type DbHandle, openDatabase } from '../../../platform/db/index.ts';
import { type GeoOrganisation, loadGeography } from '../geo.ts';
import { type OrganisationFilter, parseOrganisationQuery } from '../model.ts';
import { contextOf, directoryOf, testPlatform } from '../test-support.ts';
import type { DirectoryService } from './directory.ts';

let geography: GeoOrganisation[] = [];

/**
 * The SQL the directory answered with before it became a catalogue (word starts matched with LIKE, ranked in SQL):
 * the reference its answers are compared with. Ties by code in binary order (as the catalogue, on both databases).
 */
async function sqlList(db: Db, dialect: string, filter: OrganisationFilter, limit: number) {
  const spaced = sql<string>`(' ' || search_text)`;
  const binary = (column: string) => (dialect === 'postgres' ? sql.raw(`${column} collate "C"`) : sql.raw(column));
  let q = db.selectFrom('organisations');
  if (filter.type) q = q.where('type', '=', filter.type);
  if (filter.regionCode) q = q.where('region_code', '=', filter.regionCode);
  if (filter.departementCode) q = q.where('departement_code', '=', filter.departementCode);
  const query = filter.q ? parseOrganisationQuery(filter.q) : null;
  if (query) {
    for (const alternatives of query.terms) {
      q = q.where((eb) => eb.or(alternatives.map((t) => eb(spaced, 'like', `% ${t}%`))));
    }
  }
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  let ordered = q.select('code');
  if (query) {
    const key = query.key;
    ordered = ordered.orderBy(
      sql`case when ${spaced} like ${`  ${key} |%`} or ${spaced} like ${` ${key}`} then 0
        when ${spaced} like ${`  ${key}%`} or ${spaced} like ${` ${key}%`} then 1
        when ${spaced} like ${`% ${key}%|%`} then 2 else 3 end`,
    );
  }
  if (filter.sort === 'nom' && !query) ordered = ordered.orderBy(binary('search_text')).orderBy(binary('code'));
  else ordered = ordered.orderBy(sql`coalesce(population, -1)`, 'desc').orderBy(binary('code'));
  const rows = await ordered.limit(limit).execute();
  return { total: Number(total), codes: rows.map((r) => r.code) };
}

describeEachDatabase('authority directory (catalogue)', (database) => {
  let directory: DirectoryService;
  const names = async (filter: OrganisationFilter, limit = 5) =>
    (await directory.list(filter, { limit, offset: 0 })).rows.map((r) => r.name);
  const codes = async (filter: OrganisationFilter, limit = 5) =>
    (await directory.list(filter, { limit, offset: 0 })).rows.map((r) => r.code);

  before(async () => {
    if (!geography.length) geography = await loadGeography();
    const platform = testPlatform(database());
    await contextOf(platform).organisations.upsertGeography(geography);
    directory = directoryOf(platform);
  });

  it('finds « st etienne » as Saint-Étienne first, then by population', async () => {
    const found = await names({ q: 'st etienne' });
    assert.equal(found[0], 'Saint-Étienne');
    assert.ok(found.includes('Saint-Étienne Métropole'));
    assert.ok(found.includes('Saint-Étienne-du-Rouvray'));
  });

  it('finds by postcode, INSEE code, SIREN and SIRET', async () => {
    assert.equal((await codes({ q: '69003' }))[0], 'commune:69123');
    assert.equal((await codes({ q: '69123' }))[0], 'commune:69123');
    assert.deepEqual(await codes({ q: '216 901 231' }), ['commune:69123']);
    assert.deepEqual(await codes({ q: '200 046 977 00019' }), ['epci:200046977']);
    assert.deepEqual(await codes({ q: '2A004' }), ['commune:2A004']);
  });

  it('ranks the exact name first, then names starting with the query', async () => {
    assert.deepEqual((await codes({ q: 'paris' })).slice(0, 2), ['commune:75056', 'departement:75']);
    assert.equal((await names({ q: 'metropole de lyon' }))[0], 'Métropole de Lyon');
    assert.equal((await names({ q: 'Bordeaux' }))[0], 'Bordeaux');
    assert.equal((await names({ q: 'bordeaux m' }))[0], 'Bordeaux Métropole');
  });

  it('finds communautés de communes by their written-out kind', async () => {
    const found = await codes({ q: 'communauté de communes faucigny' });
    assert.deepEqual(found, ['epci:200000172']);
  });

  it('filters by type, région and département, and counts the total', async () => {
    const metropoles = await directory.list({ type: 'metropole' }, { limit: 100, offset: 0 });
    assert.ok(metropoles.total >= 20 && metropoles.total <= 25);
    assert.equal(metropoles.rows[0]!.name, 'Métropole du Grand Paris', 'largest first');
    const inRhone = await directory.list({ type: 'commune', departementCode: '69' }, { limit: 3, offset: 0 });
    assert.equal(inRhone.rows[0]!.name, 'Lyon');
    assert.ok(inRhone.total > 200);
    const depsInBretagne = await names({ type: 'departement', regionCode: '53', sort: 'nom' }, 10);
    assert.deepEqual(depsInBretagne, ["Côtes-d'Armor", 'Finistère', 'Ille-et-Vilaine', 'Morbihan']);
    const page2 = await directory.list({ type: 'departement', regionCode: '53', sort: 'nom' }, { limit: 2, offset: 2 });
    assert.deepEqual(
      page2.rows.map((r) => r.name),
      ['Ille-et-Vilaine', 'Morbihan'],
    );
    assert.equal(page2.total, 4);
  });

  it('answers like the SQL ranking it replaced: same totals, same order', async () => {
    const filters: OrganisationFilter[] = [
      {},
      { sort: 'nom' },
      { type: 'commune', sort: 'nom' },
      { type: 'commune', departementCode: '2A' },
      { regionCode: '84', sort: 'nom' },
      { q: 'paris' },
      { q: 'saint' },
      { q: 'st' },
      { q: 'ste marie' },
      { q: 'le ' },
      { q: 'la roche' },
      { q: "l'hay" },
      { q: 'CC du pays' },
      { q: 'communaute d agglomeration' },
      { q: 'metropole' },
      { q: '75' },
      { q: '690' },
      { q: '13001' },
      { q: '2A0' },
      { q: '217 500 016' },
      { q: '24350013900189' },
      { q: 'bordeaux m' },
      { q: 'val', type: 'commune' },
      { q: 'mont', departementCode: '63' },
      { q: 'saint', regionCode: '53', sort: 'nom' },
      { q: 'zzzzqqq' },
      { q: '!!!' },
    ];
    const db: Db = database().db;
    for (const filter of filters) {
      const expected = await sqlList(db, database().dialect, filter, 60);
      const got = await directory.list(filter, { limit: 60, offset: 0 });
      const label = JSON.stringify(filter);
      assert.equal(got.total, expected.total, label);
      assert.deepEqual(
        got.rows.map((r) => r.code),
        expected.codes,
        label,
      );
    }
  });

  it('follows a reload of the geographic code: rows changed in place are found by their new name', async () => {
    const context = contextOf(testPlatform(database()));
    const renamed = geography.map((g) => (g.code === 'commune:35238' ? { ...g, name: 'Rennes-la-Nouvelle' } : g));
    await context.organisations.upsertGeography(renamed);
    assert.deepEqual(await codes({ q: 'rennes la nouvelle' }), ['commune:35238']);
    await context.organisations.upsertGeography(geography);
    assert.deepEqual(await codes({ q: 'rennes la nouvelle' }), []);
    assert.equal((await names({ q: 'rennes' }))[0], 'Rennes');
  });
});

describeEachDatabase('authority directory across server instances', (database) => {
  let twin: DbHandle;
  let here: DirectoryService;
  let there: DirectoryService;

  before(async () => {
    const platform = testPlatform(database());
    if (!geography.length) geography = await loadGeography();
    await contextOf(platform).organisations.upsertGeography(geography.filter((g) => g.type === 'region'));
    here = directoryOf(platform);
    twin = openDatabase(database().url, { poolSize: 2 });
    there = directoryOf(testPlatform(twin));
  });
  after(async () => {
    await here.close();
    await there.close();
    await twin.close();
  });

  it('finds a body added through one instance at once through the other, on both databases', async () => {
    assert.equal((await there.list({ q: 'syndicat des eaux' }, { limit: 5, offset: 0 })).total, 0);
    assert.equal((await here.list({}, { limit: 5, offset: 0 })).total, 18);
    const context = contextOf(testPlatform(database()));
    const id = await context.db.transaction().execute((trx) =>
      context.organisations.insertOther(
        {
          name: 'Syndicat des eaux du Brivadois',
          type: 'syndicat_mixte',
          siren: '254300882',
          siret: null,
          website: null,
          departementCode: '43',
          regionCode: '84',
        },
        trx,
      ),
    );
    const seen = await there.list({ q: 'syndicat des eaux' }, { limit: 5, offset: 0 });
    assert.deepEqual(
      seen.rows.map((r) => r.id),
      [id],
    );
    assert.equal((await there.list({ regionCode: '84' }, { limit: 50, offset: 0 })).total, 2);
    assert.equal((await here.list({ q: '254300882' }, { limit: 5, offset: 0 })).rows[0]?.id, id);
  });

  it('finds a body added by a test factory (no counter taken) at once too', async () => {
    const id = await contextOf(testPlatform(database())).organisations.insertGiven(
      { name: 'Organisme de la fabrique', type: 'autre' },
      'test:fabrique',
    );
    assert.equal((await there.list({ q: 'fabrique' }, { limit: 5, offset: 0 })).rows[0]?.id, id);
  });
});
