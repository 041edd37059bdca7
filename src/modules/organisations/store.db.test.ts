import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEachDatabase } from '../../../test/helpers/databases.ts';
import { explainStatements } from '../../../test/helpers/plans.ts';
import { systemClock } from '../../platform/clock.ts';
import { type GeoOrganisation, loadGeography } from './geo.ts';
import type { MembershipsStore } from './store/memberships.ts';
import type { OrganisationsStore } from './store/organisations.ts';
import { createProfilesStore } from './store/profiles.ts';
import { accountsOf, contextOf, testPlatform } from './test-support.ts';

// The directory's search (list, ranking, filters) is tested in services/directory.db.test.ts.
let geography: GeoOrganisation[] = [];

describeEachDatabase('organisations store', (database) => {
  let store: OrganisationsStore;
  let memberships: MembershipsStore;

  before(async () => {
    if (!geography.length) geography = await loadGeography();
    const context = contextOf(testPlatform(database()));
    store = context.organisations;
    memberships = context.memberships;
    await store.upsertGeography(geography);
  });

  it('holds the whole geographic code after the bulk load', async () => {
    const counts = await store.countByType();
    assert.equal(counts.departement, 101);
    assert.equal(counts.region, 18);
    assert.ok(counts.commune! > 34_000);
    assert.equal(await store.countBySource('cog'), geography.length);
    assert.equal(await store.hasSource('cog'), true);
    assert.equal(await store.hasSource('import'), false);
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

  it('finds many organisations by SIREN at once (imports)', async () => {
    const sirens = ['216901231', '200046977', '000000000', '216901231'];
    const found = await store.findBySirens(sirens);
    assert.deepEqual(found.map((o) => o.code).sort(), ['commune:69123', 'epci:200046977']);
    for (const o of found) assert.deepEqual(await store.findBySiren(o.siren!), [o]);
    assert.deepEqual(await store.findBySirens([]), []);
  });

  it('reaches organisations by SIREN, SIRET and INSEE code through an index, never by walking the 36,000 rows', async () => {
    for (const column of ['siren', 'siret', 'insee_code'] as const) {
      const statements = await explainStatements(database(), (db) =>
        createProfilesStore(db, systemClock).refsBy(column, ['21690123100011', '21690123100029']),
      );
      assert.equal(statements.length, 1);
      const text = statements[0]!.plan.join(' | ');
      if (database().dialect === 'sqlite')
        assert.ok(!/^SCAN organisations\b/m.test(statements[0]!.plan.join('\n')), text);
      else assert.ok(/Index Cond: .*\b(siren|siret|insee_code)\b/.test(text) && !/Seq Scan/.test(text), text);
      assert.ok(/organisations_(siren|siret|insee)/.test(text), text);
    }
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
    const userId = await accountsOf(testPlatform(database())).createUser({
      email: 'agent@exemple.fr',
      name: 'Agent',
      role: 'user',
      password: null,
      confirmed: true,
    });
    const org = (await store.findByCode('commune:35238'))!; // Rennes
    const id = await memberships.insertRequest({ userId, organisationId: org.id, message: 'Service numérique' });
    assert.equal((await memberships.findMembershipOf(userId, org.id))?.status, 'pending');
    assert.equal((await memberships.pendingRequests([org.id])).length, 1);
    assert.equal(
      (await memberships.pendingRequests(null)).some((m) => m.id === id && m.organisation.name === 'Rennes'),
      true,
    );

    assert.equal(await memberships.decide(id, { status: 'refused', role: 'member', by: userId }), true);
    assert.equal(await memberships.decide(id, { status: 'active', role: 'member', by: userId }), false, 'decided once');
    assert.equal(await memberships.reopenRequest(id, 'Je suis bien à la DSI'), true);
    assert.equal((await memberships.findMembership(id))?.message, 'Je suis bien à la DSI');
    assert.equal(await memberships.decide(id, { status: 'active', role: 'editor', by: userId }), true);
    assert.deepEqual(await memberships.editorIds(org.id), [userId]);
    assert.equal(await memberships.countActiveMembers(org.id), 1);
    assert.equal(await memberships.setRole(id, 'member'), true);
    assert.deepEqual(await memberships.editorIds(org.id), []);
    const mine = await memberships.membershipsOfUser(userId);
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.organisation.name, 'Rennes');
    assert.equal(await memberships.deleteMembership(id), true);
    assert.equal(await memberships.findMembership(id), null);
  });

  it('keeps its own markers in the settings table', async () => {
    assert.equal(await store.getSetting('organisations.test'), null);
    await store.setSetting('organisations.test', 'a');
    await store.setSetting('organisations.test', 'b');
    assert.equal(await store.getSetting('organisations.test'), 'b');
  });
});
