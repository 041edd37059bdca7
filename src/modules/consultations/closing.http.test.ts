// A consultation closes at its closing instant for every reader at once (issue 13, point 5), on both databases:
// one second before, the page shows the form, the API and the list say « open », an answer is kept and the synthesis
// is refused; at the instant, the page has no form and says « close », the API, the list and the public list agree,
// an answer is refused and nothing is saved, « Mon espace » asks for the synthesis, and the synthesis is published.
// Closing is computed from the clock (no job has to run): the same instant for every reader.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { publishedSheet } from '../../../test/helpers/sheets.ts';
import { type ManualClock, manualClock } from '../../platform/clock.ts';
import './tables.ts';

const ANSWER = { avis: 'c1' };

describeEachApp<ManualClock>(
  'consultations: closing at the closing instant',
  (app) => {
    let editor: TestAgent;
    let id: number;
    let closesAt: string;
    const db = () => app().server.platform.db;
    const answers = async () =>
      (await db().selectFrom('consultation_answers').select('id').where('consultation_id', '=', id).execute()).length;
    /** A visitor answering from their own browser and address. */
    const answer = async (address: string) => {
      const agent = app().agent();
      const page = await agent.get(`/consultations/${id}`);
      const res = await agent.request({
        method: 'POST',
        url: `/consultations/${id}/repondre`,
        form: { _csrf: agent.csrfToken, ...ANSWER },
        headers: { 'x-forwarded-for': address },
      });
      return { page: page.body, res };
    };
    const apiState = async () => (await app().agent().get(`/api/v1/consultations/${id}`)).json().state as string;
    const listed = async () =>
      (await app().agent().get('/api/v1/consultations')).json().items.find((i: { id: number }) => i.id === id);
    /** The heading of the public list's group the consultation is in. */
    const group = async () => {
      const body = (await app().agent().get('/consultations')).body;
      const at = body.indexOf(`/consultations/${id}"`);
      assert.ok(at > 0, 'the consultation is listed');
      const headings = [...body.slice(0, at).matchAll(/<h2[^>]*>([^<]+)<\/h2>/g)];
      return headings.at(-1)?.[1];
    };

    before(async () => {
      const authority = await app().createOrganisation({ name: 'Ville Ponctuelle', type: 'commune' });
      editor = await app().signedIn({
        email: 'responsable@ponctuelle.fr',
        memberships: [{ organisationId: authority, role: 'editor' }],
      });
      const member = await app().signedIn({
        email: 'membre@ponctuelle.fr',
        memberships: [{ organisationId: authority, role: 'member' }],
      });
      const coordinator = await app().signedIn({ email: 'coord@ponctuelle.fr', role: 'coordinator' });
      const sheet = await publishedSheet(app(), authority, member, coordinator, 'ponctuelle');
      const res = await editor.post('/consultations/nouvelle', {
        titre: 'Un robot conversationnel à l’accueil ?',
        fiche: String(sheet.id),
        ouverture: '2026-03-02',
        cloture: '2026-03-10',
        mode: 'anonymous',
        questions: ['avis'],
      });
      assert.equal(res.statusCode, 302, res.body.slice(0, 300));
      id = Number(/\/consultations\/(\d+)/.exec(res.headers.location as string)![1]);
      closesAt = (await app().agent().get(`/api/v1/consultations/${id}`)).json().closes_at;
    });

    test('the closing day is included: it closes at 23:59 in Paris on that day', () => {
      assert.equal(new Date(closesAt).toISOString(), '2026-03-10T22:59:00.000Z');
    });

    test('one second before the closing instant, every reader sees it open', async () => {
      app().clock.set(new Date(Date.parse(closesAt) - 1000));
      const { page, res } = await answer('192.0.2.10');
      assert.match(page, new RegExp(`action="/consultations/${id}/repondre"`), 'the page shows the form');
      assert.equal(res.statusCode, 302, res.body.slice(0, 300));
      assert.equal(await answers(), 1);
      assert.equal(await apiState(), 'open');
      assert.equal((await listed()).state, 'open');
      assert.equal(await group(), 'Consultations ouvertes');
      assert.doesNotMatch((await editor.get('/mon-espace')).body, /Synthèses de consultation à publier/);
      const early = await editor.post(`/consultations/${id}/synthese`, {
        version: '1',
        synthese: 'Trop tôt',
        changements: 'Rien',
      });
      assert.equal(early.statusCode, 409, 'no synthesis while it is open');
    });

    test('at the closing instant, every reader sees it closed; an answer is refused and nothing is saved', async () => {
      app().clock.set(closesAt);
      const { page, res } = await answer('192.0.2.11');
      assert.doesNotMatch(page, new RegExp(`action="/consultations/${id}/repondre"`), 'no form any more');
      assert.match(page, /Close/);
      assert.match(page, /Synthèse/);
      assert.equal(res.statusCode, 409);
      assert.equal(await answers(), 1, 'nothing saved');
      assert.equal(await apiState(), 'closed');
      assert.equal((await listed()).state, 'closed');
      assert.equal(await group(), 'Consultations passées');
      assert.match((await editor.get('/mon-espace')).body, /Synthèses de consultation à publier/);
    });

    test('once closed, the synthesis is published for every reader and « Mon espace » stops asking for it', async () => {
      const form = await editor.get(`/consultations/${id}/synthese`);
      const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
      const ok = await editor.post(`/consultations/${id}/synthese`, {
        version,
        synthese: 'Les habitants préfèrent un agent à l’accueil.',
        changements: 'Le robot ne répondra qu’en dehors des heures d’ouverture.',
      });
      assert.equal(ok.statusCode, 302, ok.body.slice(0, 300));
      assert.match((await app().agent().get(`/consultations/${id}`)).body, /préfèrent un agent à l’accueil/);
      const api = (await app().agent().get(`/api/v1/consultations/${id}`)).json();
      assert.equal(api.synthesis_published_at, new Date(closesAt).toISOString());
      assert.equal((await listed()).synthesis_published, true);
      assert.doesNotMatch((await editor.get('/mon-espace')).body, /Synthèses de consultation à publier/);
    });
  },
  {},
  { clock: () => manualClock('2026-03-01T09:00:00Z') },
);
