// The network's « conditions de réussite » through the pages, on both databases: only coordinators write and publish;
// visitors see the published version only (never a draft); a published version never changes (the next one is
// version n+1, the earlier one stays readable); the positions' text is never read as HTML; the evidence counts the
// published sheets; and each published version of a transparency notice is an entry of the library's Atom feed (a
// version in preparation is not).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { QUESTIONS } from './altai.ts';
import { assessmentIdIn, publishedSheet } from './test-support.ts';

const PATH = '/ia-responsable/conditions-de-reussite';
const form = (title: string, text: string, extra: Record<string, string> = {}) => ({
  version: '0',
  intro: 'Introduction du groupe de travail.',
  position_1_titre: title,
  position_1_texte: text,
  position_1_preuves: 'controle-humain',
  ...extra,
});
const versionIn = (body: string) => /name="version" value="(\d+)"/.exec(body)![1]!;

describeEachApp('responsible AI: the network’s conditions de réussite', (app) => {
  let member: TestAgent;
  let coordinator: TestAgent;
  let visitor: TestAgent;
  let sheet: { id: number; path: string };

  before(async () => {
    const org = await app().createOrganisation({ name: 'Commune Réussie', type: 'commune', siren: '213502388' });
    member = await app().signedIn({
      email: 'membre@reussie.fr',
      memberships: [{ organisationId: org, role: 'member' }],
    });
    coordinator = await app().signedIn({ email: 'coord@reseau.fr', role: 'coordinator' });
    visitor = app().agent();
    sheet = await publishedSheet(app(), org, member, coordinator, 'c1');
  });

  test('nothing published: the page shows the empty state and the evidence; only coordinators may write', async () => {
    const page = await visitor.get(PATH);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /aucune version publiée pour l’instant/);
    assert.match(page.body, /à partir de 1 fiche publiée/);
    assert.match(page.body, /id="exigences"/);
    // The lessons learned: the sheet's public « retour d'expérience » (library field), quoted with the sheet.
    assert.match(
      page.body,
      /<a href="\/bibliotheque\/\d+-[^"]+">Valeur c1:title<\/a> \(Commune Réussie\), retour d’expérience : <q>Valeur c1:lessonsLearned<\/q>/,
    );
    assert.equal((await member.get(`${PATH}/modifier`)).statusCode, 403);
    assert.equal((await member.post(`${PATH}/modifier`, form('Titre', 'Texte'))).statusCode, 403);
    const anonymous = await visitor.post(`${PATH}/modifier`, form('Titre', 'Texte'));
    assert.notEqual(anonymous.statusCode, 200);
    assert.equal((await coordinator.get(`${PATH}/modifier`)).statusCode, 200);
  });

  test('bad input: French messages per field, the text typed is kept, nothing is stored', async () => {
    const r = await coordinator.post(`${PATH}/modifier`, {
      ...form('', 'Un texte gardé'),
      action: 'publish',
    });
    assert.equal(r.statusCode, 422);
    assert.match(r.body, /Position 1 : donnez-lui un titre\./);
    assert.match(r.body, /Un texte gardé/);
    assert.doesNotMatch((await visitor.get(PATH)).body, /Un texte gardé/);
  });

  test('a draft stays private; publishing makes version 1 public, its markup shown as text', async () => {
    const saved = await coordinator.post(`${PATH}/modifier`, form('Valider chaque décision', 'Brouillon **secret**'));
    assert.equal(saved.statusCode, 302);
    assert.doesNotMatch((await visitor.get(PATH)).body, /Brouillon/);
    // Publishing a position linked to no evidence: refused on its checkboxes, the draft kept, nothing public.
    const draftEdit = await coordinator.get(`${PATH}/modifier`);
    const refused = await coordinator.post(`${PATH}/modifier`, {
      ...form('Valider chaque décision', 'Brouillon sans preuve'),
      position_1_preuves: '',
      version: versionIn(draftEdit.body),
      action: 'publish',
    });
    assert.equal(refused.statusCode, 422);
    assert.match(
      refused.body,
      /href="#champ-position_1_preuves">Position 1 : reliez-la à au moins un élément de preuve/,
    );
    assert.match((await coordinator.get(`${PATH}/modifier`)).body, /Brouillon sans preuve/);
    assert.doesNotMatch((await visitor.get(PATH)).body, /Brouillon/);
    const edit = await coordinator.get(`${PATH}/modifier`);
    const published = await coordinator.post(`${PATH}/modifier`, {
      ...form('Valider chaque décision', 'Un agent **valide**.\n\n- <script>alert(1)</script>'),
      version: versionIn(edit.body),
      action: 'publish',
    });
    assert.equal(published.statusCode, 302, published.body.slice(0, 300));
    const page = await visitor.get(PATH);
    assert.match(page.body, /version 1, publiée le/);
    assert.match(page.body, /Un agent <strong>valide<\/strong>\./);
    assert.match(page.body, /&lt;script>alert\(1\)&lt;\/script>/);
    assert.doesNotMatch(page.body, /<script>alert/);
    assert.match(page.body, /href="#controle-humain"/);
    assert.match(page.body, /id="controle-humain"/);
  });

  test('a published version never changes: the next publication is version 2, version 1 stays readable', async () => {
    const edit = await coordinator.get(`${PATH}/modifier`);
    assert.match(edit.body, /version 2/);
    const saved = await coordinator.post(`${PATH}/modifier`, form('Deuxième rédaction', 'Texte revu.'));
    assert.equal(saved.statusCode, 302);
    assert.match((await visitor.get(PATH)).body, /Valider chaque décision/);
    const again = await coordinator.get(`${PATH}/modifier`);
    const stale = await coordinator.post(`${PATH}/modifier`, { ...form('X', 'Y'), version: '0' });
    assert.equal(stale.statusCode, 409);
    const v2 = await coordinator.post(`${PATH}/modifier`, {
      ...form('Deuxième rédaction', 'Texte revu.'),
      version: versionIn(again.body),
      action: 'publish',
    });
    assert.equal(v2.statusCode, 302);
    const latest = await visitor.get(PATH);
    assert.match(latest.body, /version 2, publiée le/);
    assert.match(latest.body, /Deuxième rédaction/);
    const first = await visitor.get(`${PATH}/versions/1`);
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /Valider chaque décision/);
    assert.doesNotMatch(first.body, /Deuxième rédaction/);
    assert.equal((await visitor.get(`${PATH}/versions/3`)).statusCode, 404);
  });

  test('publishing a transparency notice adds an entry to the library’s Atom feed', async () => {
    const before = await visitor.get('/bibliotheque/flux.atom');
    assert.doesNotMatch(before.body, /Notice de transparence publiée/);
    await member.post(`${sheet.path}/notice/brouillon`);
    const edit = await member.get(`${sheet.path}/notice/modifier`);
    const fields: Record<string, string> = { action: 'publish', version: versionIn(edit.body) };
    for (const m of edit.body.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
      fields[m[1]!] = m[2]!.includes('compléter') || !m[2]!.trim() ? 'Texte de la collectivité.' : m[2]!;
    const published = await member.post(`${sheet.path}/notice/modifier`, fields);
    assert.equal(published.statusCode, 302, published.body.slice(0, 300));
    const feed = await visitor.get('/bibliotheque/flux.atom');
    assert.match(feed.body, /<title>Notice de transparence publiée : /);
    const entry = /<entry>(?:(?!<\/entry>)[\s\S])*notice#version-1(?:(?!<\/entry>)[\s\S])*<\/entry>/.exec(feed.body);
    assert.match(entry?.[0] ?? '', /<author><name>Commune Réussie<\/name><\/author>/, 'the entry names the authority');
    assert.match(feed.body, new RegExp(`<id>[^<]*/bibliotheque/${sheet.id}-[^<]*/notice#version-1</id>`));
    const page = await visitor.get(PATH);
    assert.match(page.body, /Notice de transparence publiée<\/dt>\s*<dd>moins de 5/);

    // An update: version 2 in preparation is not in the feed; once published, it is a new entry beside version 1.
    await member.post(`${sheet.path}/notice/brouillon`);
    const edit2 = await member.get(`${sheet.path}/notice/modifier`);
    const saved = await member.post(`${sheet.path}/notice/modifier`, {
      ...fields,
      resume: 'Résumé revu pour la version 2.',
      action: 'save',
      version: versionIn(edit2.body),
    });
    assert.equal(saved.statusCode, 302, saved.body.slice(0, 300));
    assert.doesNotMatch((await visitor.get('/bibliotheque/flux.atom')).body, /notice#version-2|Résumé revu/);
    const edit3 = await member.get(`${sheet.path}/notice/modifier`);
    const updated = await member.post(`${sheet.path}/notice/modifier`, {
      ...fields,
      resume: 'Résumé revu pour la version 2.',
      version: versionIn(edit3.body),
    });
    assert.equal(updated.statusCode, 302, updated.body.slice(0, 300));
    const feed2 = (await visitor.get('/bibliotheque/flux.atom')).body;
    assert.match(feed2, /<title>Notice de transparence mise à jour : /);
    assert.match(feed2, /<summary type="text">Version 2\. Résumé revu pour la version 2\.<\/summary>/);
    assert.match(feed2, /notice#version-1<\/id>/);
    assert.match(feed2, /notice#version-2<\/id>/);
  });

  test('the evidence is exact on a fixed set: five signed self-assessments, a draft that does not count', async () => {
    // Nine more communes' published sheets (ten in all); five get a signed, UNPUBLISHED self-assessment: every answer
    // « Oui » except robustness « Non »; two of them answer « Non » on the validation of each decision.
    const humanCount = QUESTIONS.filter((q) => q.requirement === 'humain').length;
    for (let i = 0; i < 9; i++) {
      const org = await app().createOrganisation({ name: `Commune Évaluée ${i}`, type: 'commune' });
      const agent = await app().signedIn({
        email: `agent${i}@evaluee.fr`,
        memberships: [{ organisationId: org, role: 'member' }],
      });
      const s = await publishedSheet(app(), org, agent, coordinator, `ev${i}`);
      if (i >= 5) continue;
      const id = assessmentIdIn((await agent.post(`${s.path}/ia-responsable/auto-evaluation`)).headers.location);
      const answers = Object.fromEntries(
        QUESTIONS.map((q) => [
          q.id,
          q.requirement === 'robustesse' || (i < 2 && q.id === 'h_validation') ? 'non' : 'oui',
        ]),
      );
      const saved = await agent.request({
        method: 'POST',
        url: `/ia-responsable/evaluations/${id}/enregistrer`,
        json: { baseVersion: 1, answers },
        headers: { 'x-csrf-token': agent.csrfToken, accept: 'application/json' },
      });
      assert.equal(saved.statusCode, 200, saved.body);
      const signed = await agent.post(`/ia-responsable/evaluations/${id}/signer`, {
        version: String(saved.json().version),
      });
      assert.equal(signed.statusCode, 302, signed.body.slice(0, 300));
    }
    // A draft on the first sheet, all « Oui »: drafts never count.
    const draft = assessmentIdIn((await member.post(`${sheet.path}/ia-responsable/auto-evaluation`)).headers.location);
    await member.request({
      method: 'POST',
      url: `/ia-responsable/evaluations/${draft}/enregistrer`,
      json: { baseVersion: 1, answers: Object.fromEntries(QUESTIONS.map((q) => [q.id, 'oui'])) },
      headers: { 'x-csrf-token': member.csrfToken, accept: 'application/json' },
    });

    const page = (await visitor.get(PATH)).body;
    const lowHuman = Math.round(((humanCount - 1) * 100) / humanCount);
    const humanMean = Math.round((3 * 100 + 2 * lowHuman) / 5);
    assert.match(page, /à partir des 10 fiches publiées/);
    assert.match(page, /Les plus faibles : Robustesse technique et sécurité \(0 %\)/);
    assert.match(page, /<th scope="row">Robustesse technique et sécurité<\/th><td>5<\/td><td>0 %<\/td>/);
    assert.match(
      page,
      new RegExp(`<th scope="row">Action humaine et contrôle humain</th><td>5</td><td>${humanMean} %</td>`),
    );
    assert.match(page, /Auto-évaluation signée<\/dt><dd>5 sur 10 projets/);
    // Three validate each decision: fewer than 5, not given.
    assert.match(page, /Contrôle humain de chaque décision<\/dt><dd>moins de 5 sur 10 projets/);
    // Ten communes: the authority type is detailed (10 projects, 5 signed self-assessments, no DPIA: « moins de 5 »).
    assert.match(
      page,
      /<th scope="row">Commune<\/th><td>10<\/td><td>moins de 5<\/td><td>5<\/td><td>moins de 5<\/td><td>moins de 5<\/td>/,
    );
  });
});
