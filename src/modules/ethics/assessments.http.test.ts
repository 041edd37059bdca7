// Responsible AI through the pages and the API, on both databases: a member starts a self-assessment of a published
// sheet, fills it page by page (kept however partial), cannot sign it incomplete, signs it complete (dated, signed);
// it stays private to the authority and the coordinators until published; a new version starts from the previous
// answers and its result compares with it; concurrent saves never overwrite silently; the AI Act wizard's result
// fills the sheet's AI Act field; the French-law checklist states the exemption rule and its sources; restricted
// answers never reach a visitor or another authority on any new page or API route.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { assessmentIdIn, publishedSheet, selfPages } from './test-support.ts';

describeEachApp('responsible AI: assessments of a sheet', (app) => {
  let member: TestAgent;
  let coordinator: TestAgent;
  let visitor: TestAgent;
  let outsider: TestAgent;
  let sheet: { id: number; path: string };
  let selfId: number;
  // A restricted answer (an evidence link) that only the authority and the coordinators may read.
  const SECRET = 'https://intranet.exemple.fr/preuve-confidentielle-7q3';

  before(async () => {
    const orgA = await app().createOrganisation({ name: 'Commune Éthique', type: 'commune', siren: '213502388' });
    const orgB = await app().createOrganisation({ name: 'Autre Métropole', type: 'metropole', siren: '200046977' });
    member = await app().signedIn({
      email: 'agathe@ethique.fr',
      memberships: [{ organisationId: orgA, role: 'member' }],
    });
    outsider = await app().signedIn({
      email: 'resp@autre.fr',
      memberships: [{ organisationId: orgB, role: 'editor' }],
    });
    coordinator = await app().signedIn({ email: 'coord@reseau.fr', role: 'coordinator' });
    visitor = app().agent();
    sheet = await publishedSheet(app(), orgA, member, coordinator, 'et1');
  });

  test('a member starts a self-assessment: the first page of the form, one draft per sheet and kind', async () => {
    const sheetPage = await visitor.get(sheet.path);
    assert.match(sheetPage.body, /href="\/bibliotheque\/\d+-[a-z0-9-]+\/ia-responsable"/, 'the sheet page links to it');
    const overview = await member.get(`${sheet.path}/ia-responsable`);
    assert.equal(overview.statusCode, 200);
    assert.match(overview.body, /Commencer \(auto-évaluation\)/);
    const started = await member.post(`${sheet.path}/ia-responsable/auto-evaluation`);
    assert.equal(started.statusCode, 302);
    assert.match(String(started.headers.location), /\/page\/humain$/);
    selfId = assessmentIdIn(started.headers.location);
    const again = await member.post(`${sheet.path}/ia-responsable/auto-evaluation`);
    assert.equal(assessmentIdIn(again.headers.location), selfId, 'the draft is continued, not duplicated');
    const page = await member.get(String(started.headers.location));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Action humaine et contrôle humain/);
    assert.match(page.body, /Ne s’applique pas/);
    assert.match(page.body, /data-autosave="\/ia-responsable\/evaluations\/\d+\/enregistrer"/);
  });

  test('a partial assessment is kept; signing it incomplete is refused with what is missing', async () => {
    const base = `/ia-responsable/evaluations/${selfId}`;
    const page = await member.get(`${base}/page/humain`);
    const version = /name="_version" value="(\d+)"/.exec(page.body)![1]!;
    const saved = await member.post(`${base}/page/humain`, {
      _version: version,
      h_information: 'oui',
      h_information_preuve: SECRET,
      action: 'save',
    });
    assert.equal(saved.statusCode, 302);
    const result = await member.get(base);
    assert.match(result.body, /Brouillon/);
    const v = /name="version" value="(\d+)"/.exec(result.body)![1]!;
    const refused = await member.post(`${base}/signer`, { version: v });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /L’évaluation n’est pas complète/);
    assert.match(refused.body, /page\/robustesse#champ-r_menaces/);
    // Nothing was lost.
    assert.match((await member.get(`${base}/page/humain`)).body, new RegExp(SECRET.replace(/[./]/g, '\\$&')));
  });

  test('a wrong evidence link is shown back with a French message, the answer kept', async () => {
    const base = `/ia-responsable/evaluations/${selfId}`;
    const page = await member.get(`${base}/page/humain`);
    const version = /name="_version" value="(\d+)"/.exec(page.body)![1]!;
    const wrong = await member.post(`${base}/page/humain`, {
      _version: version,
      h_information: 'oui',
      h_information_preuve: 'pas une adresse',
      action: 'next',
    });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Il y a un problème/);
    assert.match(wrong.body, /pas une adresse/);
    const fixed = await member.post(`${base}/page/humain`, {
      _version: /name="_version" value="(\d+)"/.exec(wrong.body)![1]!,
      h_information: 'oui',
      h_information_preuve: SECRET,
      action: 'save',
    });
    assert.equal(fixed.statusCode, 302);
  });

  test('private until published: visitors and other authorities get 404, the coordinator reads it', async () => {
    const base = `/ia-responsable/evaluations/${selfId}`;
    for (const who of [visitor, outsider]) {
      for (const url of [base, `${base}/page/humain`]) {
        const r = await who.get(url);
        assert.ok([404, 302].includes(r.statusCode), `${url} → ${r.statusCode}`);
        assert.doesNotMatch(r.body, /preuve-confidentielle/);
      }
      const api = await who.get(`/api/v1/use-cases/${sheet.id}/assessments`);
      assert.equal(api.statusCode, 200);
      assert.deepEqual(api.json().items, []);
      const overview = await who.get(`${sheet.path}/ia-responsable`);
      assert.equal(overview.statusCode, 200);
      assert.doesNotMatch(overview.body, /Version 1/);
    }
    const coord = await coordinator.get(base);
    assert.equal(coord.statusCode, 200);
    assert.match(coord.body, /preuve-confidentielle/);
  });

  test('complete, signed (dated, by whom), then published: everyone reads the result, radar and scores', async () => {
    const base = `/ia-responsable/evaluations/${selfId}`;
    const pages = selfPages((id) => (id.startsWith('h_') ? 'oui' : id.startsWith('r_') ? 'non' : 'partiel'));
    for (const [pageId, answers] of Object.entries(pages)) {
      const page = await member.get(`${base}/page/${pageId}`);
      const version = /name="_version" value="(\d+)"/.exec(page.body)![1]!;
      const extra: Record<string, string> = pageId === 'humain' ? { h_information_preuve: SECRET } : {};
      const posted = await member.post(`${base}/page/${pageId}`, { _version: version, ...answers, ...extra });
      assert.equal(posted.statusCode, 302, `${pageId} : ${posted.body.slice(0, 200)}`);
    }
    const before = await member.get(base);
    const v = /name="version" value="(\d+)"/.exec(before.body)![1]!;
    const signed = await member.post(`${base}/signer`, { version: v });
    assert.equal(signed.statusCode, 302);
    const result = await member.get(base);
    assert.match(result.body, /signée le .* par agathe/);
    assert.match(result.body, /Comment les scores sont calculés/);
    assert.match(result.body, /<svg[^>]*class="radar-svg"/);
    assert.match(result.body, /Score par principe de la Déclaration de Montréal/);
    // Robustness all « Non »: 0 %; human agency all « Oui »: 100 %.
    assert.match(result.body, /Robustesse technique et sécurité<\/th><td>0 %/);
    assert.match(result.body, /Action humaine et contrôle humain<\/th><td>100 %/);
    assert.match(result.body, /Recommandation : Associez le RSSI/);
    // A signed assessment no longer changes.
    const frozen = await member.post(`${base}/page/humain`, { _version: '1', h_information: 'non' });
    assert.equal(frozen.statusCode, 409);

    assert.equal((await visitor.get(base)).statusCode, 404, 'signed but not published: still private');
    const published = await member.post(`${base}/publier`, { publier: '1' });
    assert.equal(published.statusCode, 302);
    const seen = await visitor.get(base);
    assert.equal(seen.statusCode, 200);
    assert.match(seen.body, /Signée et publiée/);
    assert.doesNotMatch(seen.body, /Publier l’évaluation|Retirer la publication/);
    const api = await visitor.get(`/api/v1/use-cases/${sheet.id}/assessments`);
    const items = api.json().items;
    assert.equal(items.length, 1);
    assert.equal(items[0].kind, 'self');
    assert.equal(items[0].signed_by, 'agathe');
    assert.equal(items[0].result.requirements.find((r: { code: string }) => r.code === 'robustesse').score, 0);
  });

  test('a new version starts from the previous answers; its result compares requirement by requirement', async () => {
    const started = await member.post(`${sheet.path}/ia-responsable/auto-evaluation`);
    const id = assessmentIdIn(started.headers.location);
    assert.notEqual(id, selfId);
    const base = `/ia-responsable/evaluations/${id}`;
    const page = await member.get(`${base}/page/robustesse`);
    assert.match(page.body, /value="non" checked/);
    const version = /name="_version" value="(\d+)"/.exec(page.body)![1]!;
    const answers = selfPages(() => 'oui').robustesse!;
    assert.equal((await member.post(`${base}/page/robustesse`, { _version: version, ...answers })).statusCode, 302);
    const result = await member.get(base);
    const v = /name="version" value="(\d+)"/.exec(result.body)![1]!;
    assert.equal((await member.post(`${base}/signer`, { version: v })).statusCode, 302);
    const compared = await member.get(base);
    assert.match(compared.body, /Version 1, signée le/);
    assert.match(
      compared.body,
      /Robustesse technique et sécurité<\/th><td>0 %<\/td><td>100 %<\/td><td><span class="score-up">\+100 points/,
    );
    // The visitor sees v2 only once published, and the comparison only with what is published.
    assert.equal((await visitor.get(base)).statusCode, 404);
  });

  test('concurrent saves: the autosave of a stale page keeps the other person’s answer and reports it', async () => {
    const started = await member.post(`${sheet.path}/ia-responsable/obligations`);
    const id = assessmentIdIn(started.headers.location);
    const url = `/ia-responsable/evaluations/${id}/enregistrer`;
    const json = (body: unknown) =>
      member.request({
        method: 'POST',
        url,
        json: body,
        headers: { 'x-csrf-token': member.csrfToken, accept: 'application/json' },
      });
    const first = await json({ baseVersion: 1, answers: { decisions: true }, page: 'situation' });
    assert.equal(first.statusCode, 200, first.body);
    const stale = await json({ baseVersion: 1, answers: { decisions: false }, page: 'situation' });
    assert.equal(stale.statusCode, 200);
    assert.deepEqual(stale.json().conflicts, [{ key: 'decisions', yours: false, theirs: true }]);
    const unknown = await json({ baseVersion: 3, answers: { inconnue: 'x' } });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.json().error.fields.inconnue, /n'existe pas/);
    const outsiderSave = await outsider.request({
      method: 'POST',
      url,
      json: { baseVersion: 3, answers: { decisions: false } },
      headers: { 'x-csrf-token': outsider.csrfToken, accept: 'application/json' },
    });
    assert.equal(outsiderSave.statusCode, 404);
  });

  test('French-law checklist: the exemption rule and its sources are on the page', async () => {
    const started = await member.post(`${sheet.path}/ia-responsable/obligations`);
    const id = assessmentIdIn(started.headers.location);
    const base = `/ia-responsable/evaluations/${id}`;
    const page = await member.get(`${base}/page/situation`);
    const version = /name="_version" value="(\d+)"/.exec(page.body)![1]!;
    await member.post(`${base}/page/situation`, {
      _version: version,
      decisions: 'oui',
      decision_automatique: 'non',
      effectif: 'moins_50',
      petite_commune: 'non',
      donnees_personnelles: 'non',
      service_en_ligne: 'oui',
    });
    const result = await member.get(base);
    assert.match(result.body, /Exemptée : administration de moins de 50 agents/);
    assert.match(result.body, /décret n° 2016-1922 du 28 décembre 2016/);
    assert.match(result.body, /CGCT, article L1112-23/);
    assert.match(result.body, /CRPA, article L311-3-1/);
  });

  test('AI Act wizard → high risk (Annex III point 5); applied to the sheet through the library, by members only', async () => {
    const started = await member.post(`${sheet.path}/ia-responsable/reglement-ia`);
    const id = assessmentIdIn(started.headers.location);
    assert.match(String(started.headers.location), /\/page\/interdits$/);
    const base = `/ia-responsable/evaluations/${id}`;
    const post = async (pageId: string, answers: Record<string, string | string[]>) => {
      const page = await member.get(`${base}/page/${pageId}`);
      const version = /name="_version" value="(\d+)"/.exec(page.body)![1]!;
      return member.post(`${base}/page/${pageId}`, { _version: version, ...answers });
    };
    await post('interdits', { pratiques_interdites: 'aucun' });
    await post('haut_risque', { domaines: 'prestations', profilage: 'oui' });
    await post('transparence', { cas_transparence: 'dialogue' });
    const draft = await member.get(base);
    assert.match(draft.body, /Catégorie : Système à haut risque/);
    assert.match(draft.body, /Annexe III, point 5/);
    assert.match(draft.body, /article 27/);
    const v = /name="version" value="(\d+)"/.exec(draft.body)![1]!;
    assert.equal((await member.post(`${base}/signer`, { version: v })).statusCode, 302);
    assert.equal((await outsider.post(`${base}/appliquer`)).statusCode, 404);
    const applied = await member.post(`${base}/appliquer`);
    assert.equal(applied.statusCode, 302);
    const row = (await app().server.modules.services.library.findUseCase(sheet.id))!;
    // A published sheet gets the category in its revision (published after review).
    assert.equal((row.draftContent ?? row.content).aiActRiskCategory, 'high');
  });
});
