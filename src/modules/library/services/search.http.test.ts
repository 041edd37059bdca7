import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { manualClock } from '../../../platform/clock.ts';
import { openDatabase } from '../../../platform/db/index.ts';
import { createPlatform } from '../../../platform/platform.ts';
import { createModules } from '../../index.ts';
import { FIELDS } from '../fields.ts';
import { everything, libraryOf, person, publishUseCase } from '../test-support.ts';
import { libraryServicesOf } from './index.ts';

describeEachApp('library: search', (app) => {
  let member: CurrentUser;
  let coordinator: CurrentUser;
  let id = 0;
  const library = () => libraryOf(app());

  test('setup', async () => {
    const orgId = await app().createOrganisation({
      name: 'Ville de Lumière',
      type: 'commune',
      departementCode: '69',
      regionCode: '84',
    });
    member = await person(app(), 'agent@lumiere.fr', 'user', [orgId]);
    coordinator = await person(app(), 'coord@reseau.fr', 'coordinator');
    ({ id } = await publishUseCase(library(), member, coordinator, 'Détection des fuites d’eau', {
      marker: 'w1',
      content: {
        description: 'Des capteurs acoustiques repèrent les fuites sur le réseau d’énergie et d’eau potable.',
        projectStatus: 'deployment',
      },
    }));
  });

  test('an anonymous visitor sees public fields only; search and facets find the use case', async () => {
    const page = await library().reading.useCasePage(null, id);
    assert.equal(page.useCase.access, 'public');
    assert.equal(page.useCase.content.contactEmail, undefined);
    assert.equal(page.useCase.content.internalNotes, undefined);
    assert.equal(page.working, null);
    const json = JSON.stringify(page);
    for (const f of FIELDS) if (f.access !== 'public') assert.ok(!json.includes(`w1:${f.key}`), `${f.key} fuit`);

    const found = await library().search.query(null, everything('energie'));
    assert.deepEqual(
      found.items.map((i) => i.useCase.id),
      [id],
    );
    assert.ok(
      found.items[0]!.snippet?.some((s) => s.match),
      'extrait surligné',
    );
    const none = await library().search.query(null, { ...everything('fuite'), filters: { status: ['exploration'] } });
    assert.equal(none.total, 0);
    assert.equal(
      none.facets.status.find((f) => f.code === 'deployment')?.count,
      1,
      'le facette statut montre les autres valeurs',
    );
    const byDep = await library().search.query(null, { ...everything(), filters: { departement: ['69'] } });
    assert.equal(byDep.total, 1);
    const typo = await library().search.query(null, everything('captuers'));
    assert.equal(typo.total, 0);
    assert.equal(typo.suggestion, 'capteurs');
  });

  test('a change made through one instance is seen at once through another sharing the database', async () => {
    // Two more server processes, as behind a load balancer: their own connections, services and facet indexes, and
    // their own clocks (moved by the test instead of waiting).
    const instance = () => {
      const clock = manualClock();
      const handle = openDatabase(app().database.url, { poolSize: 2 });
      const platform = createPlatform(app().server.platform.config, handle, { clock });
      createModules(platform);
      return { clock, handle, library: libraryServicesOf(platform) };
    };
    const a = instance();
    const b = instance();
    /** How long another process's writes may take to show (none on PostgreSQL; see COUNTER_TRUST_MS). */
    const otherProcessDelay = (clock: typeof a.clock) =>
      clock.advance({ milliseconds: app().database.dialect === 'sqlite' ? 300 : 0 });
    try {
      const before = await b.library.search.query(null, everything());
      const beforeHere = await a.library.search.query(null, everything());
      assert.equal(before.total, beforeHere.total);

      const { id: zorglub, version } = await publishUseCase(
        a.library,
        member,
        coordinator,
        'Zorglub : tri des encombrants',
      );
      // PostgreSQL: at once. SQLite serves from one process; another process's writes show within 250 ms.
      otherProcessDelay(b.clock);
      const seen = await b.library.search.query(null, everything('zorglub'));
      assert.deepEqual(
        seen.items.map((i) => i.useCase.id),
        [zorglub],
      );
      const all = await b.library.search.query(null, everything());
      assert.equal(all.total, before.total + 1);
      const experimenting = (r: typeof all) => r.facets.status.find((f) => f.code === 'experimentation')?.count ?? 0;
      assert.equal(experimenting(all), experimenting(before) + 1);
      const stats = await b.library.search.statistics();
      assert.equal(stats.total, before.total + 1);

      // And back: archived through the other instance, gone here at once.
      await b.library.workflow.act(coordinator, zorglub, 'archive', { version, reason: 'Projet arrêté.' });
      otherProcessDelay(a.clock);
      assert.equal((await a.library.search.query(null, everything('zorglub'))).total, 0);
      assert.equal((await a.library.search.query(null, everything())).total, beforeHere.total);
      assert.equal(experimenting(await a.library.search.query(null, everything())), experimenting(beforeHere));
    } finally {
      for (const i of [a, b]) {
        await i.library.search.close();
        await i.handle.close();
      }
    }
  });

  test('closing waits for the background work (the index being built) and starts none afterwards', async () => {
    const handle = openDatabase(app().database.url, { poolSize: 2 });
    const platform = createPlatform(app().server.platform.config, handle);
    createModules(platform);
    const twin = libraryServicesOf(platform).search;
    try {
      assert.equal(twin.version(), 0);
      twin.warm();
      await twin.close();
      // The index was built before `close` returned; nothing runs once it has.
      assert.ok(twin.version() > 0);
      const version = twin.version();
      twin.warm();
      assert.equal(twin.version(), version);
    } finally {
      await handle.close();
    }
  });
});
