// The citizens' voice demo content, on both databases: a thread on a demo sheet with an official answer first, a
// message waiting and one hidden by three reports (in the editor's queue, never on the page), the refused terms; the
// inhabitant posts at once (their first message waits), the coordinator sees the terms; seeding twice adds nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../test/helpers/app.ts';
import { DEMO_ACCOUNTS } from '../accounts/index.ts';
import './tables.ts';
import { signInDemo } from '../../../test/helpers/demo.ts';
import { contribute } from './test-support.ts';

describeEachApp('voice demo content', (app) => {
  test('every demo role can try contributions and moderation at once; seeding twice adds nothing', async () => {
    await app().server.modules.seed({ demo: true, log: () => {} });
    const db = app().server.platform.db;
    const official = await db
      .selectFrom('voice_messages')
      .selectAll()
      .where('official', '=', 1)
      .executeTakeFirstOrThrow();
    const sheetId = Number(official.target_id);
    const api = (await app().agent().get(`/api/v1/use-cases/${sheetId}/contributions`)).json();
    assert.equal(api.items[0].official, true);
    assert.ok(api.items.length >= 4);
    const statuses = await db.selectFrom('voice_messages').select('status').execute();
    assert.ok(statuses.some((s) => s.status === 'pending'));
    assert.ok(statuses.some((s) => s.status === 'reported'));
    const page = await app().agent().get(`/bibliotheque/${sheetId}`);
    assert.match(page.body, /Réponse officielle de/);
    assert.doesNotMatch(page.body, /Encore un gadget payé avec nos impôts/, 'the reported message is hidden');

    const signIn = (email: string, n: number) => signInDemo(app(), email, n);
    const editor = await signIn(DEMO_ACCOUNTS.find((a) => a.membership === 'editor')!.email, 1);
    const queue = await editor.get('/moderation');
    assert.match(queue.body, /Encore un gadget payé avec nos impôts/);
    assert.match(queue.body, /En attente de validation/);
    const inhabitant = await signIn(DEMO_ACCOUNTS.find((a) => a.email.startsWith('habitant'))!.email, 2);
    const posted = await contribute(inhabitant, sheetId, {
      message: 'Merci pour ces explications',
      pseudonyme: 'Hugo H.',
    });
    assert.equal(posted.statusCode, 302);
    assert.match((await inhabitant.get(`/bibliotheque/${sheetId}`)).body, /Vos messages en attente/);
    const coordinator = await signIn(DEMO_ACCOUNTS.find((a) => a.role === 'coordinator')!.email, 3);
    assert.match((await coordinator.get('/moderation/mots')).body, /casino en ligne/);

    const count = (await db.selectFrom('voice_messages').select('id').execute()).length;
    await app().server.modules.seed({ demo: true, log: () => {} });
    assert.equal((await db.selectFrom('voice_messages').select('id').execute()).length, count);
  });
});
