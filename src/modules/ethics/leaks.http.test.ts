// Restricted assessment answers never leave the authority and the coordinators, on both databases: a draft
// self-assessment, a signed but unpublished checklist and a notice in preparation each carry a secret; every new page
// and API route (and the sheet's page, the library's API, search and feed, the network's « conditions de réussite »)
// is read as a visitor, a signed-in person without authority and an editor of another authority: no secret in any
// answer, and the conditions' evidence gives no figure from this lone authority's signed, unpublished checklist. The coordinator reads them (the
// secrets are really stored).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { assessmentIdIn, publishedSheet } from './test-support.ts';

const SECRETS = {
  draft: 'https://intranet.exemple.fr/secret-brouillon-4k2',
  signed: 'https://intranet.exemple.fr/secret-signe-9x1',
  notice: 'Texte confidentiel de la notice 7z8',
};

describeEachApp('responsible AI: no restricted answer leaks', (app) => {
  let member: TestAgent;
  let coordinator: TestAgent;
  let readers: Record<string, TestAgent>;
  let sheet: { id: number; path: string };
  const urls: string[] = [];

  before(async () => {
    const orgA = await app().createOrganisation({ name: 'Commune Secrète', type: 'commune', siren: '213502388' });
    const orgB = await app().createOrganisation({ name: 'Autre Commune', type: 'commune', siren: '200046977' });
    member = await app().signedIn({
      email: 'agent@secrete.fr',
      memberships: [{ organisationId: orgA, role: 'member' }],
    });
    coordinator = await app().signedIn({ email: 'coord@reseau.fr', role: 'coordinator' });
    readers = {
      visiteur: app().agent(),
      'compte sans collectivité': await app().signedIn({ email: 'habitant@exemple.fr' }),
      'responsable d’une autre collectivité': await app().signedIn({
        email: 'resp@autre.fr',
        memberships: [{ organisationId: orgB, role: 'editor' }],
      }),
    };
    sheet = await publishedSheet(app(), orgA, member, coordinator, 'lk');

    const start = async (kind: string) =>
      assessmentIdIn((await member.post(`${sheet.path}/ia-responsable/${kind}`)).headers.location);
    const save = async (id: number, answers: Record<string, unknown>) => {
      const r = await member.request({
        method: 'POST',
        url: `/ia-responsable/evaluations/${id}/enregistrer`,
        json: { baseVersion: 1, answers },
        headers: { 'x-csrf-token': member.csrfToken, accept: 'application/json' },
      });
      assert.equal(r.statusCode, 200, r.body);
      return r.json().version as number;
    };
    // A draft self-assessment with a private evidence link.
    const draft = await start('auto-evaluation');
    await save(draft, { h_information: 'oui', h_information_preuve: SECRETS.draft });
    // A signed French-law checklist, not published, with a private proof.
    const law = await start('obligations');
    const v = await save(law, {
      decisions: false,
      effectif: '50_plus',
      petite_commune: false,
      donnees_personnelles: false,
      service_en_ligne: true,
      accessibilite_fait: true,
      accessibilite_preuve: SECRETS.signed,
    });
    assert.equal(
      (await member.post(`/ia-responsable/evaluations/${law}/signer`, { version: String(v) })).statusCode,
      302,
    );
    // A published AI Act classification (what readers may see).
    const aiAct = await start('reglement-ia');
    const w = await save(aiAct, { pratiques_interdites: ['aucun'], domaines: ['aucun'], cas_transparence: ['aucun'] });
    await member.post(`/ia-responsable/evaluations/${aiAct}/signer`, { version: String(w) });
    await member.post(`/ia-responsable/evaluations/${aiAct}/publier`, { publier: '1' });
    // A notice in preparation with a private text.
    await member.post(`${sheet.path}/notice/brouillon`);
    const edit = await member.get(`${sheet.path}/notice/modifier`);
    const form: Record<string, string> = { action: 'save' };
    for (const m of edit.body.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
      form[m[1]!] = m[2]! || 'x';
    form.section_donnees = SECRETS.notice;
    form.version = /name="version" value="(\d+)"/.exec(edit.body)![1]!;
    assert.equal((await member.post(`${sheet.path}/notice/modifier`, form)).statusCode, 302);

    for (const id of [draft, law, aiAct]) {
      const base = `/ia-responsable/evaluations/${id}`;
      urls.push(base, `${base}/reprendre`, `${base}/page/humain`, `${base}/page/situation`, `${base}/page/obligations`);
    }
    urls.push(
      sheet.path,
      `${sheet.path}/ia-responsable`,
      `${sheet.path}/notice`,
      `${sheet.path}/notice/modifier`,
      `/api/v1/use-cases/${sheet.id}/assessments`,
      `/api/v1/use-cases/${sheet.id}/transparency-notice`,
      `/api/v1/use-cases/${sheet.id}`,
      '/bibliotheque?q=secret',
      '/bibliotheque/flux.atom',
      '/api/openapi.json',
      '/ia-responsable/conditions-de-reussite',
    );
  });

  test('the coordinator reads the private answers (they are stored)', async () => {
    const all = await Promise.all(urls.map((u) => coordinator.get(u)));
    const text = all.map((r) => r.body).join('\n');
    for (const secret of Object.values(SECRETS)) assert.ok(text.includes(secret), secret);
  });

  test('no reader outside the authority gets a private answer, on any page or API route', async () => {
    for (const [who, agent] of Object.entries(readers)) {
      for (const url of urls) {
        const r = await agent.get(url);
        for (const secret of Object.values(SECRETS))
          assert.ok(!r.body.includes(secret), `${who} : ${url} (${r.statusCode}) montre « ${secret} »`);
      }
      // What is published is readable: the AI Act classification, with its result.
      const api = await agent.get(`/api/v1/use-cases/${sheet.id}/assessments`);
      assert.deepEqual(
        api.json().items.map((i: { kind: string }) => i.kind),
        ['ai_act'],
      );
    }
  });

  test('the conditions de réussite show no figure computed from one authority’s private answers', async () => {
    const page = await readers.visiteur!.get('/ia-responsable/conditions-de-reussite');
    assert.equal(page.statusCode, 200);
    // One published sheet: every count and mean is withheld, its theme and authority type are not detailed.
    assert.match(page.body, /Auto-évaluation signée<\/dt><dd>moins de 5 sur 1 projet/);
    assert.match(page.body, /Analyse d’impact \(AIPD\) réalisée<\/dt><dd>moins de 5 sur 1 projet/);
    assert.doesNotMatch(page.body, /\d+ %/);
    assert.match(
      page.body,
      /<th scope="row">Commune<\/th><td>moins de 5<\/td><td>—<\/td><td>—<\/td><td>—<\/td><td>—<\/td>/,
    );
  });
});
