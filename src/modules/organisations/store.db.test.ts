import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEachDatabase } from '../../../test/helpers/databases.ts';
import { now } from '../../platform/db/index.ts';
import { type GeoOrganisation, loadGeography } from './geo.ts';
import { createOrganisationsStore, type OrganisationsStore } from './store.ts';

let geography: GeoOrganisation[] = [];

describeEachDatabase('organisations store', (database) => {
  let store: OrganisationsStore;
  const names = async (filter: Parameters<OrganisationsStore['search']>[0], limit = 5) =>
    (await store.search(filter, { limit, offset: 0 })).rows.map((r) => r.name);
  const codes = async (filter: Parameters<OrganisationsStore['search']>[0], limit = 5) =>
    (await store.search(filter, { limit, offset: 0 })).rows.map((r) => r.code);

  before(async () => {
    if (!geography.length) geography = await loadGeography();
    store = createOrganisationsStore(database().db, database().dialect);
    await store.upsertGeography(geography);
  });

  it('holds the whole geographic code after the bulk load', async () => {
    const counts = await store.countByType();
    assert.equal(counts.departement, 101);
    assert.equal(counts.region, 18);
    assert.ok(counts.commune! > 34_000);
    assert.equal(await store.countBySource('cog'), geography.length);
    const lyon = await store.findByCode('epci:200046977');
    assert.equal(lyon?.name, 'Métropole de Lyon');
    assert.equal(lyon?.type, 'metropole');
    assert.equal(lyon?.departementCode, '69');
    const paris = await store.findByCode('commune:75056');
    assert.ok(paris!.postcodes.includes('75116'));
    assert.ok(paris!.population! > 2_000_000);
  });

  it('reloads idempotently: same rows, same ids, fields completed by hand kept', async () => {
    const before = await store.findByCode('commune:69123');
    await database()
      .db.updateTable('organisations')
      .set({ website: 'https://www.lyon.fr/', name: 'Nom modifié' })
      .where('code', '=', 'commune:69123')
      .execute();
    await store.upsertGeography(geography);
    assert.equal(await store.countBySource('cog'), geography.length);
    const after = await store.findByCode('commune:69123');
    assert.equal(after?.id, before?.id);
    assert.equal(after?.name, 'Lyon', 'official name restored');
    assert.equal(after?.website, 'https://www.lyon.fr/', 'website kept');
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

  it('finds many organisations by SIREN at once (imports)', async () => {
    const sirens = ['216901231', '200046977', '000000000', '216901231'];
    const found = await store.findBySirens(sirens);
    assert.deepEqual(found.map((o) => o.code).sort(), ['commune:69123', 'epci:200046977']);
    for (const o of found) assert.deepEqual(await store.findBySiren(o.siren!), [o]);
    assert.deepEqual(await store.findBySirens([]), []);
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
    const metropoles = await store.search({ type: 'metropole' }, { limit: 100, offset: 0 });
    assert.ok(metropoles.total >= 20 && metropoles.total <= 25);
    assert.equal(metropoles.rows[0]!.name, 'Métropole du Grand Paris', 'largest first');
    const inRhone = await store.search({ type: 'commune', departementCode: '69' }, { limit: 3, offset: 0 });
    assert.equal(inRhone.rows[0]!.name, 'Lyon');
    assert.ok(inRhone.total > 200);
    const depsInBretagne = await names({ type: 'departement', regionCode: '53', sort: 'nom' }, 10);
    assert.deepEqual(depsInBretagne, ["Côtes-d'Armor", 'Finistère', 'Ille-et-Vilaine', 'Morbihan']);
    const page2 = await store.search({ type: 'departement', regionCode: '53', sort: 'nom' }, { limit: 2, offset: 2 });
    assert.deepEqual(
      page2.rows.map((r) => r.name),
      ['Ille-et-Vilaine', 'Morbihan'],
    );
    assert.equal(page2.total, 4);
  });

  it('lists départements and régions for filters', async () => {
    const { departements, regions } = await store.divisions();
    assert.equal(departements.length, 101);
    assert.equal(regions.length, 18);
    assert.deepEqual(
      departements.find((d) => d.code === '35'),
      { code: '35', name: 'Ille-et-Vilaine', regionCode: '53' },
    );
  });

  it('keeps memberships: request, decide once, reopen after a refusal, roles', async () => {
    const db = database().db;
    const at = now();
    const user = await db
      .insertInto('users')
      .values({ email: `agent-${Date.now()}@exemple.fr`, name: 'Agent', created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const userId = Number(user.id);
    const org = (await store.findByCode('commune:35238'))!; // Rennes
    const id = await store.insertRequest({ userId, organisationId: org.id, message: 'Service numérique' });
    assert.equal((await store.findMembershipOf(userId, org.id))?.status, 'pending');
    assert.equal((await store.pendingRequests([org.id])).length, 1);
    assert.equal(
      (await store.pendingRequests(null)).some((m) => m.id === id && m.organisation.name === 'Rennes'),
      true,
    );

    assert.equal(await store.decide(id, { status: 'refused', role: 'member', by: userId }), true);
    assert.equal(await store.decide(id, { status: 'active', role: 'member', by: userId }), false, 'decided once');
    assert.equal(await store.reopenRequest(id, 'Je suis bien à la DSI'), true);
    assert.equal((await store.findMembership(id))?.message, 'Je suis bien à la DSI');
    assert.equal(await store.decide(id, { status: 'active', role: 'editor', by: userId }), true);
    assert.deepEqual(await store.editorIds(org.id), [userId]);
    assert.equal(await store.countActiveMembers(org.id), 1);
    assert.equal(await store.setRole(id, 'member'), true);
    assert.deepEqual(await store.editorIds(org.id), []);
    const mine = await store.membershipsOfUser(userId);
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.organisation.name, 'Rennes');
    assert.equal(await store.deleteMembership(id), true);
    assert.equal(await store.findMembership(id), null);
  });

  it('keeps its own markers in the settings table', async () => {
    assert.equal(await store.getSetting('organisations.test'), null);
    await store.setSetting('organisations.test', 'a');
    await store.setSetting('organisations.test', 'b');
    assert.equal(await store.getSetting('organisations.test'), 'b');
  });
});
