import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDatabase, type TestDatabase } from '../../../test/helpers/databases.ts';
import { type ManualClock, manualClock } from '../../platform/clock.ts';
import { createAccountsStore } from './store.ts';

/** An instant `ms` from the suite's clock. */
const inMs = (db: TestDatabase<ManualClock>, ms: number) => new Date(db.clock.millis() + ms).toISOString();

describeEachDatabase<ManualClock>(
  'Accounts store',
  (db) => {
    const inOneHour = () => inMs(db(), 3600_000);

    test('creates users with lower-cased addresses, finds them by address, id and OpenID subject', async () => {
      const store = createAccountsStore(db().db, db().clock);
      const u = await store.create({
        email: ' Jeanne@Ville.FR',
        name: 'Jeanne',
        passwordHash: null,
        role: 'user',
        confirmed: true,
        oidcSubject: 'sub-1',
      });
      assert.equal(u.email, 'jeanne@ville.fr');
      assert.ok(u.emailConfirmedAt);
      assert.equal((await store.findByEmail('JEANNE@ville.fr'))?.id, u.id);
      assert.equal((await store.findById(u.id))?.name, 'Jeanne');
      assert.equal((await store.findByOidcSubject('sub-1'))?.id, u.id);
      assert.equal(await store.findById(Number.NaN), null);
      await assert.rejects(
        store.create({ email: 'jeanne@ville.fr', name: '', passwordHash: null, role: 'user', confirmed: false }),
      );
    });

    test('a token is used once: the second use, an expired token and a wrong purpose find nothing', async () => {
      const store = createAccountsStore(db().db, db().clock);
      const u = await store.create({
        email: 'jeton@ville.fr',
        name: '',
        passwordHash: null,
        role: 'user',
        confirmed: false,
      });
      await store.createToken({ hash: 'h-ok', purpose: 'reset', userId: u.id, expiresAt: inOneHour() });
      await store.createToken({ hash: 'h-old', purpose: 'reset', userId: u.id, expiresAt: inMs(db(), 60_000) });
      assert.equal(await store.tokenUser('h-old', 'reset'), u.id, 'valid for a minute');
      db().clock.advance({ minutes: 1 });
      assert.equal(await store.tokenUser('h-ok', 'reset'), u.id);
      assert.equal(await store.tokenUser('h-ok', 'magic'), null);
      assert.equal(await store.consumeToken('h-ok', 'magic'), null);
      const [a, b] = await Promise.all([store.consumeToken('h-ok', 'reset'), store.consumeToken('h-ok', 'reset')]);
      assert.deepEqual([a, b].sort(), [null, u.id].sort(), 'exactly one of two concurrent uses succeeds');
      assert.equal(await store.consumeToken('h-ok', 'reset'), null);
      assert.equal(await store.consumeToken('h-old', 'reset'), null);
      assert.equal(await store.tokenUser('h-old', 'reset'), null);
    });

    test('revoking tokens makes every outstanding link of that purpose unusable', async () => {
      const store = createAccountsStore(db().db, db().clock);
      const u = await store.create({
        email: 'revoque@ville.fr',
        name: '',
        passwordHash: null,
        role: 'user',
        confirmed: false,
      });
      await store.createToken({ hash: 'r-1', purpose: 'reset', userId: u.id, expiresAt: inOneHour() });
      await store.createToken({ hash: 'm-1', purpose: 'magic', userId: u.id, expiresAt: inOneHour() });
      await store.revokeTokens(u.id, 'reset');
      assert.equal(await store.consumeToken('r-1', 'reset'), null);
      assert.equal(await store.consumeToken('m-1', 'magic'), u.id);
    });

    test('lists users by name with a literal, case-insensitive search, and counts them', async () => {
      const store = createAccountsStore(db().db, db().clock);
      await store.create({
        email: 'zoe@liste.fr',
        name: 'Zoé Martin',
        passwordHash: null,
        role: 'admin',
        confirmed: true,
      });
      await store.create({
        email: 'adam@liste.fr',
        name: 'adam 100%',
        passwordHash: null,
        role: 'coordinator',
        confirmed: true,
      });
      const all = await store.list({ q: 'liste.fr', limit: 10, offset: 0 });
      assert.equal(all.total, 2);
      assert.deepEqual(
        all.rows.map((r) => r.email),
        ['adam@liste.fr', 'zoe@liste.fr'],
      );
      assert.deepEqual(
        (await store.list({ q: 'MARTIN', limit: 10, offset: 0 })).rows.map((r) => r.email),
        ['zoe@liste.fr'],
      );
      assert.deepEqual(
        (await store.list({ q: '100%', limit: 10, offset: 0 })).rows.map((r) => r.email),
        ['adam@liste.fr'],
      );
      assert.equal((await store.list({ q: '%', limit: 10, offset: 0 })).total, 1);
      const page2 = await store.list({ q: 'liste.fr', limit: 1, offset: 1 });
      assert.equal(page2.total, 2);
      assert.deepEqual(
        page2.rows.map((r) => r.email),
        ['zoe@liste.fr'],
      );
      const counts = await store.countByStatus();
      assert.ok(counts.admins >= 1 && counts.coordinators >= 1 && counts.total >= 2);
      assert.equal(
        (await store.activeWithRole('coordinator')).some((u) => u.email === 'adam@liste.fr'),
        true,
      );
    });

    test('purging removes only the expired links of that person', async () => {
      const store = createAccountsStore(db().db, db().clock);
      const u = await store.create({
        email: 'purge@ville.fr',
        name: '',
        passwordHash: null,
        role: 'user',
        confirmed: false,
      });
      const v = await store.create({
        email: 'autre@ville.fr',
        name: '',
        passwordHash: null,
        role: 'user',
        confirmed: false,
      });
      const soon = inMs(db(), 60_000);
      await store.createToken({ hash: 'p-old', purpose: 'magic', userId: u.id, expiresAt: soon });
      await store.createToken({ hash: 'p-new', purpose: 'magic', userId: u.id, expiresAt: inOneHour() });
      await store.createToken({ hash: 'p-other', purpose: 'magic', userId: v.id, expiresAt: soon });
      db().clock.advance({ minutes: 2 });
      await store.purgeExpiredTokens(u.id);
      const left = await db()
        .db.selectFrom('auth_tokens')
        .select('id')
        .where('id', 'like', 'p-%')
        .orderBy('id')
        .execute();
      assert.deepEqual(
        left.map((r) => r.id),
        ['p-new', 'p-other'],
      );
    });

    test('counts active administrators other than one', async () => {
      const store = createAccountsStore(db().db, db().clock);
      const a = await store.create({
        email: 'a1@admins.fr',
        name: '',
        passwordHash: null,
        role: 'admin',
        confirmed: true,
      });
      const before = await store.countActiveAdmins(a.id);
      const b = await store.create({
        email: 'a2@admins.fr',
        name: '',
        passwordHash: null,
        role: 'admin',
        confirmed: true,
      });
      assert.equal(await store.countActiveAdmins(a.id), before + 1);
      await store.update(b.id, { disabledAt: db().clock.iso() });
      assert.equal(await store.countActiveAdmins(a.id), before);
    });
  },
  { clock: () => manualClock(new Date()) },
);
