// Public pages are rate-limited per address for visitors without an account (issue 8, finding 1).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { manualClock } from '../../src/platform/clock.ts';
import { describeEachApp } from '../helpers/app.ts';

describeEachApp(
  'the rate limit of public pages',
  (app) => {
    test('a visitor reading more pages than PAGES_RATE_LIMIT in a minute gets 429 with Retry-After', async () => {
      const visitor = app().agent();
      const headers = { 'x-forwarded-for': '198.51.100.7' };
      for (let i = 0; i < 20; i++) {
        assert.equal((await visitor.get(`/bibliotheque?junk=${i}`, headers)).statusCode, 200, `page ${i + 1}`);
      }
      const refused = await visitor.get('/bibliotheque?junk=21', headers);
      assert.equal(refused.statusCode, 429);
      assert.match(refused.body, /Trop de pages demandées/);
      assert.ok(Number(refused.headers['retry-after']) > 0);
      // Another address, and a person signed in, are not affected.
      assert.equal((await visitor.get('/bibliotheque', { 'x-forwarded-for': '198.51.100.8' })).statusCode, 200);
      const member = await app().signedIn({ email: 'lecture@limite.fr' });
      assert.equal((await member.get('/bibliotheque', headers)).statusCode, 200);
      // The window is one minute.
      app().clock.advance({ minutes: 1 });
      assert.equal((await visitor.get('/bibliotheque', headers)).statusCode, 200);
    });
  },
  { PAGES_RATE_LIMIT: '20' },
  { clock: () => manualClock('2026-03-01T09:00:00Z') },
);
