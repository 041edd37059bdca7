// When the suggestions are recomputed without an event of the library, on both databases: a file imported (the
// library's imports emit no event, they move its change counter) is seen by the watch job within its period, and a
// start of the site (the reference seed, what follows a restored backup) queues the computation at once when the
// stored suggestions are older than the library; an unchanged library queues nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../test/helpers/app.ts';
import { fixtureText } from '../../../test/helpers/fixtures.ts';
import { multipartBody } from '../../../test/helpers/multipart.ts';
import { manualClock } from '../../platform/clock.ts';
import { COMPUTE_JOB, WATCH_EVERY_MS } from './services/compute.ts';
import { createPoolingStore } from './store.ts';

describeEachApp(
  'pooling: recomputed after imports and restores',
  (app) => {
    const store = () => createPoolingStore(app().server.platform.db);
    const pendingComputations = async () =>
      (
        await app()
          .server.platform.db.selectFrom('jobs')
          .select('id')
          .where('type', '=', COMPUTE_JOB)
          .where('status', '=', 'pending')
          .execute()
      ).length;
    /** Runs the due jobs, then those of the next 30-second window (the computation's debounce). */
    const runJobs = async () => {
      await app().server.runJobs();
      app().clock.advance({ seconds: 31 });
      await app().server.runJobs();
    };
    const importFile = async (format: 'interconnectes' | 'pstw', file: string) => {
      const admin = await app().signedIn({ email: `admin${Math.random()}@reseau.fr`, role: 'admin' });
      await admin.get('/admin/bibliotheque/import');
      const { payload, contentType } = multipartBody({ _csrf: admin.csrfToken!, format }, [
        { field: 'file', filename: 'fiches.csv', type: 'text/csv', content: fixtureText(file) },
      ]);
      const res = await app().server.app.inject({
        method: 'POST',
        url: '/admin/bibliotheque/import',
        headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType },
        payload,
      });
      assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    };
    const published = async () =>
      [...(await app().server.modules.services.library.publishedCounts()).values()].reduce((a, b) => a + b, 0);

    test('a start computes the suggestions of a site that has none, then watches the library', async () => {
      await app().server.modules.seed({ demo: false, log: () => {} });
      assert.equal(await pendingComputations(), 1);
      await runJobs();
      const run = await store().latestRun();
      assert.ok(run);
      assert.equal(run.sheets, 0);
    });

    test('an imported file is seen by the watch job within its period: the suggestions are recomputed', async () => {
      const before = (await store().latestRun())!;
      await importFile('interconnectes', 'interconnectes/data.csv');
      assert.ok((await published()) > 0, 'the fixture publishes sheets');
      await runJobs();
      assert.equal((await store().latestRun())!.id, before.id, 'nothing yet: an import emits no event');
      app().clock.advance({ milliseconds: WATCH_EVERY_MS });
      await runJobs();
      const after = (await store().latestRun())!;
      assert.notEqual(after.id, before.id);
      assert.equal(after.sheets, await published());
      assert.equal(after.libraryVersion, await app().server.modules.services.library.changeVersion());
    });

    test('an unchanged library: the next watch queues nothing, and neither does a start', async () => {
      const before = (await store().latestRun())!;
      app().clock.advance({ milliseconds: WATCH_EVERY_MS });
      await runJobs();
      await app().server.modules.seed({ demo: false, log: () => {} });
      assert.equal(await pendingComputations(), 0);
      assert.equal((await store().latestRun())!.id, before.id);
    });

    test('a start on a library changed since the stored suggestions (a restored backup) queues the computation at once', async () => {
      const before = (await store().latestRun())!;
      // The library moves while the site is stopped (a backup of another day restored, a command-line import).
      await importFile('pstw', 'pstw/landscape.csv');
      await app().server.modules.seed({ demo: false, log: () => {} });
      assert.equal(await pendingComputations(), 1);
      await runJobs();
      const after = (await store().latestRun())!;
      assert.notEqual(after.id, before.id);
      assert.equal(after.libraryVersion, await app().server.modules.services.library.changeVersion());
    });
  },
  {},
  { clock: () => manualClock('2026-03-02T09:00:00Z') },
);
