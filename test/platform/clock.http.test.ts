// Tests move time instead of sleeping or writing timestamps into tables: the app helpers hand a manual clock to
// buildServer (test/helpers/app.ts, `describeEachApp(…, { clock })`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { manualClock } from '../../src/platform/clock.ts';
import { describeEachApp } from '../helpers/app.ts';

describeEachApp(
  'a manual clock in the HTTP helpers',
  (app) => {
    test('is the clock of the application', () => {
      assert.equal(app().server.platform.clock, app().clock);
      assert.equal(app().clock.iso(), '2026-03-02T08:00:00.000Z');
    });

    test('a session ends when its time has passed, without waiting', async () => {
      const agent = await app().signedIn({ email: 'horloge@exemple.fr' });
      assert.equal((await agent.get('/compte')).statusCode, 200);
      app().clock.advance({ days: 29 });
      assert.equal((await agent.get('/compte')).statusCode, 200, 'encore connecté après 29 jours');
      app().clock.advance({ days: 2 });
      const after = await agent.get('/compte');
      assert.notEqual(after.statusCode, 200, 'la session a expiré après 31 jours');
    });
  },
  {},
  { clock: () => manualClock('2026-03-02T08:00:00Z') },
);
