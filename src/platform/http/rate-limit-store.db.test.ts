import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDatabase } from '../../../test/helpers/databases.ts';
import { manualClock } from '../clock.ts';
import { databaseRateLimitStore, PURGE_EVERY_MS } from './rate-limit-store.ts';

describeEachDatabase(
  'the rate-limit store',
  (db) => {
    const hit = (store: InstanceType<ReturnType<typeof databaseRateLimitStore>>, key: string) =>
      new Promise<{ current: number; ttl: number }>((resolve, reject) =>
        store.incr(key, (err, result) => (err ? reject(err) : resolve(result!))),
      );
    const rows = async () =>
      Number(
        (
          await db()
            .db.selectFrom('rate_limits')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('counts hits per key within the window, and does not keep a row for every address ever seen', async () => {
      const Store = databaseRateLimitStore(db().db, db().clock);
      const store = new Store({ timeWindow: 60_000, routeInfo: { method: 'POST', url: '/connexion' } });
      assert.equal((await hit(store, '192.0.2.1')).current, 1);
      assert.equal((await hit(store, '192.0.2.1')).current, 2);
      for (let i = 0; i < 200; i++) await hit(store, `198.51.100.${i}`);
      assert.equal(await rows(), 201);
      db().clock.advance({ milliseconds: PURGE_EVERY_MS + 1 });
      assert.equal((await hit(store, '192.0.2.1')).current, 1);
      // The purge runs beside the hit: wait for it to land.
      for (let i = 0; i < 50 && (await rows()) > 1; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(await rows(), 1);
    });

    test('a per-instance route is counted in memory: same counts and window, no row written', async () => {
      const Store = databaseRateLimitStore(db().db, db().clock);
      const store = new Store({ timeWindow: 60_000 }).child({
        timeWindow: 60_000,
        perInstance: true,
        routeInfo: { method: 'POST', url: '/recensements/public/:token/enregistrer' },
      });
      const before = await rows();
      assert.equal((await hit(store as never, '192.0.2.7')).current, 1);
      assert.equal((await hit(store as never, '192.0.2.7')).current, 2);
      assert.equal((await hit(store as never, '192.0.2.8')).current, 1);
      db().clock.advance({ milliseconds: 60_001 });
      assert.equal((await hit(store as never, '192.0.2.7')).current, 1, 'a new window starts again at 1');
      assert.equal(await rows(), before);
    });
  },
  { clock: () => manualClock('2026-03-01T09:00:00Z') },
);
