// RGPD for responsible AI, on both databases: the export of a person lists the assessments they started or signed;
// deleting the account keeps the signed assessment (the authority's record) but its signature says « compte
// supprimé » instead of the person's name, and no table keeps the user's id in a signature; the network's « conditions
// de réussite » a deleted coordinator published stay, without their writer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../test/helpers/app.ts';
import { assessmentIdIn, publishedSheet } from './test-support.ts';

describeEachApp('responsible AI: personal data', (app) => {
  test('exported, then the signature anonymised when the account is deleted', async () => {
    const orgId = await app().createOrganisation({ name: 'Commune RGPD', type: 'commune', siren: '213502388' });
    const signer = await app().signedIn({
      email: 'signataire@rgpd.fr',
      memberships: [{ organisationId: orgId, role: 'member' }],
    });
    const coordinator = await app().signedIn({ email: 'coord@reseau.fr', role: 'coordinator' });
    const sheet = await publishedSheet(app(), orgId, signer, coordinator, 'pd');
    const id = assessmentIdIn((await signer.post(`${sheet.path}/ia-responsable/reglement-ia`)).headers.location);
    const saved = await signer.request({
      method: 'POST',
      url: `/ia-responsable/evaluations/${id}/enregistrer`,
      json: {
        baseVersion: 1,
        answers: { pratiques_interdites: ['aucun'], domaines: ['aucun'], cas_transparence: ['aucun'] },
      },
      headers: { 'x-csrf-token': signer.csrfToken, accept: 'application/json' },
    });
    const signed = await signer.post(`/ia-responsable/evaluations/${id}/signer`, {
      version: String(saved.json().version),
    });
    assert.equal(signed.statusCode, 302);
    assert.match((await coordinator.get(`/ia-responsable/evaluations/${id}`)).body, /par signataire/);

    const exported = (await signer.get('/compte/donnees.json')).json();
    assert.deepEqual(
      exported.ethics.map((a: { id: number; kind: string; status: string; signedName: string }) => [
        a.id,
        a.kind,
        a.status,
        a.signedName,
      ]),
      [[id, 'ai_act', 'signed', 'signataire']],
    );

    const deleted = await signer.post('/compte/supprimer', { confirm: 'oui' });
    assert.equal(deleted.statusCode, 303, deleted.body);
    const page = await coordinator.get(`/ia-responsable/evaluations/${id}`);
    assert.equal(page.statusCode, 200, 'the signed assessment is kept');
    assert.match(page.body, /par compte supprimé/);
    assert.doesNotMatch(page.body, /par signataire/);
    const row = await app()
      .server.platform.db.selectFrom('ethics_assessments')
      .select(['signed_by', 'signed_name', 'created_by'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { signed_by: null, signed_name: 'compte supprimé', created_by: null });
  });

  test('a coordinator’s account deleted: the conditions de réussite they published stay, without their writer', async () => {
    const writer = await app().signedIn({ email: 'redactrice@reseau.fr', role: 'coordinator' });
    const published = await writer.post('/ia-responsable/conditions-de-reussite/modifier', {
      version: '0',
      action: 'publish',
      position_1_titre: 'Position gardée',
      position_1_texte: 'Un texte du groupe de travail.',
      position_1_preuves: 'exigences',
    });
    assert.equal(published.statusCode, 302, published.body.slice(0, 300));
    assert.equal((await writer.post('/compte/supprimer', { confirm: 'oui' })).statusCode, 303);
    assert.match((await app().agent().get('/ia-responsable/conditions-de-reussite')).body, /Position gardée/);
    const rows = await app()
      .server.platform.db.selectFrom('ethics_conditions')
      .select(['created_by', 'updated_by', 'published_by'])
      .execute();
    assert.deepEqual(rows, [{ created_by: null, updated_by: null, published_by: null }]);
  });
});
