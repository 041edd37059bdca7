// RGPD for commons, on both databases: a person's export lists the entries and news they wrote; deleting the account
// keeps the entries (the maintainers' record) and no commons table keeps the user's id.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../test/helpers/app.ts';
import './tables.ts';
import { entryForm, entryIdIn } from './test-support.ts';

describeEachApp('commons: personal data', (app) => {
  test('exported, then authorship forgotten when the account is deleted; the entry stays', async () => {
    const orgId = await app().createOrganisation({ name: 'Commune RGPD', type: 'commune', siren: '213502388' });
    const author = await app().signedIn({
      email: 'auteur@rgpd.fr',
      memberships: [{ organisationId: orgId, role: 'member' }],
    });
    const id = entryIdIn(
      (await author.post('/communs/nouveau', entryForm({ mainteneurs: String(orgId) }))).headers.location,
    );
    assert.equal(
      (await author.post(`/communs/${id}/actualites`, { date: '2026-01-05', titre: 'Lancement' })).statusCode,
      302,
    );

    const exported = (await author.get('/compte/donnees.json')).json();
    assert.deepEqual(
      exported.commons.entries.map((e: { id: number; name: string }) => [Number(e.id), e.name]),
      [[id, 'Prévision des consommations d’eau']],
    );
    assert.deepEqual(
      exported.commons.news.map((n: { title: string }) => n.title),
      ['Lancement'],
    );

    const deleted = await author.post('/compte/supprimer', { confirm: 'oui' });
    assert.equal(deleted.statusCode, 303, deleted.body);
    assert.equal((await app().agent().get(`/communs/${id}`)).statusCode, 200, 'the entry is kept');
    const db = app().server.platform.db;
    const entry = await db
      .selectFrom('commons')
      .select(['created_by', 'updated_by'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(entry, { created_by: null, updated_by: null });
    const news = await db.selectFrom('commons_news').select('created_by').where('commons_id', '=', id).execute();
    assert.deepEqual(news, [{ created_by: null }]);
  });
});
