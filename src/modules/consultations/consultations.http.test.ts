// Consultations before deployment (issue 13 point 5), on both databases, with a manual clock: an authority's
// « responsable » opens a consultation on one of its published sheets; it opens and closes with the clock; anonymous
// answers are refused when the trap field is filled, twice from one browser or past the per-address limit; a
// signed-in consultation asks visitors to sign in and takes one answer per person (exported, then erased with the
// account); public results (pages and API) follow the small-number rule and never show free texts, which the editors
// see; the synthesis is published after closing only; every decision is in the audit log; « Mon espace » lists what
// waits.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent, type TestApp } from '../../../test/helpers/app.ts';
import { publishedSheet } from '../../../test/helpers/sheets.ts';
import { type ManualClock, manualClock } from '../../platform/clock.ts';
import './tables.ts';

const idIn = (location: string | undefined) => {
  const m = /^\/consultations\/(\d+)/.exec(String(location));
  assert.ok(m, `adresse de consultation attendue, reçu ${location}`);
  return Number(m[1]);
};

/** A valid anonymous answer (the three questions asked below). */
const ANSWER = { avis: 'c2', comprehension: '4', remarques: 'Je m’appelle Camille Secret et je suis inquiète.' };

/** A visitor (own cookie jar, unless `agent` is given) answering a consultation from `address`. */
async function answerAsVisitor(
  app: TestApp<ManualClock>,
  id: number,
  form: Record<string, string>,
  address = '198.51.100.1',
  agent?: TestAgent,
) {
  const a = agent ?? app.agent();
  await a.get(`/consultations/${id}`);
  const res = await a.request({
    method: 'POST',
    url: `/consultations/${id}/repondre`,
    form: { _csrf: a.csrfToken, ...form },
    headers: { 'x-forwarded-for': address },
  });
  return { res, agent: a };
}

describeEachApp<ManualClock>(
  'consultations: lifecycle, answers, abuse, results and synthesis',
  (app) => {
    let editor: TestAgent;
    let otherEditor: TestAgent;
    let member: TestAgent;
    let sheetId: number;
    let anonymousId: number;
    let signedInId: number;
    const db = () => app().server.platform.db;
    const answersOf = async (id: number) =>
      (await db().selectFrom('consultation_answers').selectAll().where('consultation_id', '=', id).execute()).length;
    const visitorPost = (id: number, form: Record<string, string>, address?: string, agent?: TestAgent) =>
      answerAsVisitor(app(), id, form, address, agent);

    /** The editor's form: a consultation from 2 to 10 March 2026, with overrides. */
    const fields = (over: Record<string, string | string[]> = {}) => ({
      titre: 'Un assistant pour les démarches ?',
      fiche: String(sheetId),
      ouverture: '2026-03-02',
      cloture: '2026-03-10',
      mode: 'anonymous',
      questions: ['avis', 'comprehension', 'remarques'],
      ...over,
    });

    before(async () => {
      const orgA = await app().createOrganisation({ name: 'Ville de Consultville', type: 'commune' });
      const orgB = await app().createOrganisation({ name: 'Ville Voisine', type: 'commune' });
      editor = await app().signedIn({
        email: 'responsable@consultville.fr',
        memberships: [{ organisationId: orgA, role: 'editor' }],
      });
      member = await app().signedIn({
        email: 'membre@consultville.fr',
        memberships: [{ organisationId: orgA, role: 'member' }],
      });
      otherEditor = await app().signedIn({
        email: 'responsable@voisine.fr',
        memberships: [{ organisationId: orgB, role: 'editor' }],
      });
      const coordinator = await app().signedIn({ email: 'coord@consult.fr', role: 'coordinator' });
      sheetId = (await publishedSheet(app(), orgA, member, coordinator, 'consultation')).id;
    });

    test('a « responsable » opens a consultation on a published sheet of the authority; it is audited', async () => {
      const form = await editor.get('/consultations/nouvelle');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, new RegExp(`<option value="${sheetId}"`));
      const res = await editor.post('/consultations/nouvelle', fields({ introduction: 'Nous voulons savoir.' }));
      assert.equal(res.statusCode, 302, res.body.slice(0, 500));
      anonymousId = idIn(res.headers.location);
      const audit = await db()
        .selectFrom('audit_log')
        .select(['action', 'subject_id'])
        .where('action', '=', 'consultation.created')
        .execute();
      assert.deepEqual(audit, [{ action: 'consultation.created', subject_id: String(anonymousId) }]);
      const signed = await editor.post(
        '/consultations/nouvelle',
        fields({ titre: 'Avec un compte', mode: 'signed_in', questions: ['avis'] }),
      );
      assert.equal(signed.statusCode, 302, signed.body.slice(0, 500));
      signedInId = idIn(signed.headers.location);
    });

    test('bad input is refused in French and nothing is saved; others’ sheets and simple members are refused', async () => {
      const before = (await db().selectFrom('consultations').select('id').execute()).length;
      const empty = await editor.post('/consultations/nouvelle', { fiche: String(sheetId) });
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /Saisissez le titre de la consultation/);
      assert.match(empty.body, /Saisissez la date d’ouverture/);
      assert.match(empty.body, /Choisissez qui peut répondre/);
      assert.match(empty.body, /Choisissez au moins une question/);
      const reversed = await editor.post(
        '/consultations/nouvelle',
        fields({ ouverture: '2026-03-10', cloture: '2026-03-02' }),
      );
      assert.match(reversed.body, /La clôture doit suivre l’ouverture/);
      const badJson = await editor.post('/consultations/nouvelle', fields({ surveyjs: '{ pas du json' }));
      assert.match(badJson.body, /n’est pas du JSON valide/);
      const foreign = await otherEditor.post('/consultations/nouvelle', fields());
      assert.equal(foreign.statusCode, 422);
      assert.match(foreign.body, /que sur une fiche de votre collectivité/);
      assert.equal((await member.get('/consultations/nouvelle')).statusCode, 403);
      assert.equal((await app().agent().post('/consultations/nouvelle', {})).statusCode, 401);
      assert.equal((await db().selectFrom('consultations').select('id').execute()).length, before);
    });

    test('a SurveyJS questionnaire can replace the templates', async () => {
      const survey = {
        pages: [
          {
            name: 'p1',
            elements: [
              { type: 'radiogroup', name: 'usage', title: 'Utiliseriez-vous ce service ?', choices: ['oui', 'non'] },
            ],
          },
        ],
      };
      const res = await editor.post(
        '/consultations/nouvelle',
        fields({ titre: 'Importée', ouverture: '2026-03-05', cloture: '2026-03-20', surveyjs: JSON.stringify(survey) }),
      );
      assert.equal(res.statusCode, 302, res.body.slice(0, 500));
      const page = await app()
        .agent()
        .get(`/api/v1/consultations/${idIn(res.headers.location)}`);
      assert.deepEqual(
        page.json().questions.map((q: { id: string; label: string }) => [q.id, q.label]),
        [['usage', 'Utiliseriez-vous ce service ?']],
      );
    });

    test('before opening: answers are refused, the page says when it opens, the editor may still change it', async () => {
      const { res } = await visitorPost(anonymousId, ANSWER);
      assert.equal(res.statusCode, 409);
      assert.match((await app().agent().get(`/consultations/${anonymousId}`)).body, /n’est pas encore ouverte/);
      const edit = await editor.get(`/consultations/${anonymousId}/modifier`);
      assert.equal(edit.statusCode, 200);
      const version = /name="version" value="(\d+)"/.exec(edit.body)![1]!;
      const changed = await editor.post(
        `/consultations/${anonymousId}/modifier`,
        fields({ version, titre: 'Un assistant pour vos démarches ?' }),
      );
      assert.equal(changed.statusCode, 302, changed.body.slice(0, 300));
      const stale = await editor.post(`/consultations/${anonymousId}/modifier`, {
        version,
        titre: 'x',
        mode: 'anonymous',
        questions: ['avis'],
        ouverture: '2026-03-02',
        cloture: '2026-03-10',
      });
      assert.equal(stale.statusCode, 409);
    });

    test('open by the clock: wrong answers are refused with their messages, a good one is kept once per browser', async () => {
      app().clock.advance({ days: 1 });
      const page = await app().agent().get(`/consultations/${anonymousId}`);
      assert.match(page.body, /Envoyer mes réponses/);
      assert.match(
        page.body,
        /<h2 id="projet-titre">Le projet en bref<\/h2><p class="prose">Valeur consultation:plainSummary<\/p>/,
      );
      assert.equal((await editor.get(`/consultations/${anonymousId}/modifier`)).statusCode, 409, 'open: no change');
      const missing = await visitorPost(anonymousId, { remarques: 'x' });
      assert.equal(missing.res.statusCode, 422);
      assert.match(missing.res.body, /error-summary/);
      assert.equal(await answersOf(anonymousId), 0);

      const trap = await visitorPost(anonymousId, { ...ANSWER, site_web: 'http://spam.example' });
      assert.equal(trap.res.statusCode, 422);
      assert.match(trap.res.body, /ressemble à un envoi automatique/);
      assert.match(trap.res.body, /<a href="#champ-_formulaire">/);
      assert.match(trap.res.body, /<form[^>]* id="champ-_formulaire"/);
      assert.equal(await answersOf(anonymousId), 0);

      const ok = await visitorPost(anonymousId, ANSWER, '198.51.100.2');
      assert.equal(ok.res.statusCode, 302, ok.res.body.slice(0, 300));
      assert.ok(ok.agent.cookies.has(`bia_consultation_${anonymousId}`));
      assert.match((await ok.agent.get(`/consultations/${anonymousId}`)).body, /votre réponse est enregistrée/);
      const again = await visitorPost(anonymousId, ANSWER, '198.51.100.3', ok.agent);
      assert.equal(again.res.statusCode, 409);
      assert.match(again.res.body, /déjà été envoyée depuis ce navigateur/);
      assert.equal(await answersOf(anonymousId), 1);
      const stored = await db()
        .selectFrom('consultation_answers')
        .selectAll()
        .where('consultation_id', '=', anonymousId)
        .executeTakeFirstOrThrow();
      assert.equal(stored.user_id, null, 'anonymous: tied to no account');
      assert.doesNotMatch(String(stored.address_hash), /198\.51/);
    });

    test('one address may send at most ten answers an hour to a consultation; the next hour it may again', async () => {
      for (let i = 0; i < 10; i++) {
        const { res } = await visitorPost(anonymousId, ANSWER, '203.0.113.9');
        assert.equal(res.statusCode, 302, `réponse ${i + 1} : ${res.statusCode}`);
      }
      const eleventh = await visitorPost(anonymousId, ANSWER, '203.0.113.9');
      assert.equal(eleventh.res.statusCode, 429);
      assert.match(eleventh.res.body, /Trop de réponses/);
      assert.equal((await visitorPost(anonymousId, ANSWER, '203.0.113.10')).res.statusCode, 302, 'another address');
      app().clock.advance({ hours: 1, minutes: 1 });
      assert.equal((await visitorPost(anonymousId, ANSWER, '203.0.113.9')).res.statusCode, 302);
      assert.equal(await answersOf(anonymousId), 13);
    });

    test('a signed-in consultation: visitors must sign in, one answer per person', async () => {
      const page = await app().agent().get(`/consultations/${signedInId}`);
      assert.match(page.body, /Se connecter pour répondre/);
      assert.equal((await visitorPost(signedInId, { avis: 'c1' })).res.statusCode, 401);
      const citizen = await app().signedIn({ email: 'habitante@exemple.fr' });
      const first = await citizen.post(`/consultations/${signedInId}/repondre`, { avis: 'c1' });
      assert.equal(first.statusCode, 302, first.body.slice(0, 300));
      citizen.cookies.delete(`bia_consultation_${signedInId}`);
      const second = await citizen.post(`/consultations/${signedInId}/repondre`, { avis: 'c3' });
      assert.equal(second.statusCode, 409);
      assert.match(second.body, /Vous avez déjà répondu/);
      const exported = (await citizen.get('/compte/donnees.json')).json();
      assert.deepEqual(
        exported.consultations.answers.map((a: { consultationId: number; answers: object }) => [
          a.consultationId,
          a.answers,
        ]),
        [[signedInId, { avis: 'c1' }]],
      );
      const deleted = await citizen.post('/compte/supprimer', { confirm: 'oui' });
      assert.equal(deleted.statusCode, 303, deleted.body.slice(0, 300));
      assert.equal(await answersOf(signedInId), 0, 'erased with the account');
      const other = await app().signedIn({ email: 'voisin@exemple.fr' });
      assert.equal((await other.post(`/consultations/${signedInId}/repondre`, { avis: 'c2' })).statusCode, 302);
    });

    test('the synthesis waits for the closing; « Mon espace » says it waits', async () => {
      const early = await editor.post(`/consultations/${anonymousId}/synthese`, {
        synthese: 'x',
        changements: 'y',
        version: '1',
      });
      assert.equal(early.statusCode, 409);
      app().clock.advance({ days: 10 });
      assert.match((await editor.get('/mon-espace')).body, /Synthèses de consultation à publier/);
      assert.equal((await visitorPost(anonymousId, ANSWER, '192.0.2.1')).res.statusCode, 409, 'closed');
    });

    test('public results follow the small-number rule and never show free texts; the editors see them', async () => {
      const closedPage = (await app().agent().get(`/consultations/${anonymousId}`)).body;
      assert.match(closedPage, /13 réponses reçues/);
      assert.match(closedPage, /Que pensez-vous de l’utilisation/);
      assert.doesNotMatch(closedPage, /Camille Secret/);
      const api = (await app().agent().get(`/api/v1/consultations/${anonymousId}`)).json();
      assert.equal(api.results.withheld, false);
      assert.equal(api.answers, 13);
      assert.doesNotMatch(JSON.stringify(api), /Camille Secret/);
      const avis = api.results.questions.find((q: { id: string }) => q.id === 'avis');
      assert.equal(avis.options.find((o: { code: string }) => o.code === 'c2').count, 13);
      assert.match((await editor.get(`/consultations/${anonymousId}/gestion`)).body, /Camille Secret/);
      assert.equal((await otherEditor.get(`/consultations/${anonymousId}/gestion`)).statusCode, 403);

      const small = (await app().agent().get(`/consultations/${signedInId}`)).body;
      assert.match(small, /Moins de 5 réponses : les résultats ne sont pas publiés/);
      const smallApi = (await app().agent().get(`/api/v1/consultations/${signedInId}`)).json();
      assert.deepEqual(smallApi.results, { min_cell: 5, withheld: true, questions: [] });
    });

    test('after closing, the synthesis and what changed are published, checked and audited', async () => {
      const form = await editor.get(`/consultations/${anonymousId}/synthese`);
      const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
      const empty = await editor.post(`/consultations/${anonymousId}/synthese`, {
        version,
        synthese: '',
        changements: '',
      });
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /Écrivez la synthèse/);
      assert.equal(
        (await member.post(`/consultations/${anonymousId}/synthese`, { version, synthese: 'a', changements: 'b' }))
          .statusCode,
        403,
      );
      const ok = await editor.post(`/consultations/${anonymousId}/synthese`, {
        version,
        synthese: 'Les habitants veulent garder un agent joignable.',
        changements: 'Un agent reste joignable à l’accueil.',
      });
      assert.equal(ok.statusCode, 302, ok.body.slice(0, 300));
      const page = (await app().agent().get(`/consultations/${anonymousId}`)).body;
      assert.match(page, /Les habitants veulent garder un agent joignable/);
      assert.match(page, /Ce que la consultation a changé/);
      const api = (await app().agent().get(`/api/v1/consultations/${anonymousId}`)).json();
      assert.equal(api.changes, 'Un agent reste joignable à l’accueil.');
      assert.equal(api.synthesis_published_at, '2026-03-12T10:01:00.000Z');
      const list = (await app().agent().get('/api/v1/consultations')).json();
      assert.ok(list.items.some((i: { id: number; state: string }) => i.id === anonymousId && i.state === 'closed'));
      const audit = await db()
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'consultation.synthesis_published')
        .execute();
      assert.equal(audit.length, 1);
      assert.doesNotMatch((await editor.get('/mon-espace')).body, /Un assistant pour vos démarches/);
      assert.equal((await app().agent().get('/api/v1/consultations/999999')).statusCode, 404);
      const doc = (await app().agent().get('/api/openapi.json')).json();
      assert.deepEqual(doc.paths['/api/v1/consultations/{id}'].get.tags, ['consultations']);
      assert.ok(doc.paths['/api/v1/consultations'].get);
      assert.ok(doc.tags.some((t: { name: string }) => t.name === 'consultations'));
      const sheet = await app().agent().get(`/bibliotheque/${sheetId}`);
      assert.match(sheet.body, /<h2 id="consultations-title">Consultations des habitants<\/h2>/);
      assert.match(
        sheet.body,
        new RegExp(`<a href="/consultations/${anonymousId}">Un assistant pour vos démarches \\?</a>`),
      );
    });
  },
  {},
  { clock: () => manualClock('2026-03-01T09:00:00Z') },
);
