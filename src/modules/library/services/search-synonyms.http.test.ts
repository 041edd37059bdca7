// Search finds the words people use (issue 10, point 5): synonym groups kept by coordinators apply to every search,
// the same on SQLite and PostgreSQL; a search that finds nothing searches its suggested spelling and says so.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../../test/helpers/app.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { everything, libraryOf, person, publishUseCase } from '../test-support.ts';

/** The ids the API finds for a text (every facet counted, as the library page does). */
async function found(agent: TestAgent, q: string): Promise<number[]> {
  const res = await agent.get(`/api/v1/use-cases?q=${encodeURIComponent(q)}&per_page=100`);
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { items: { id: number }[] }).items.map((i) => i.id).sort((a, b) => a - b);
}

/** The id of a group on the coordination page, by one of its expressions. */
function groupIdIn(html: string, expression: string): number {
  const rows = html.split('<tr>');
  const row = rows.find((r) => r.startsWith('<th scope="row">') && r.includes(expression));
  const m = row && /href="\/coordination\/synonymes\/(\d+)"/.exec(row);
  assert.ok(m, `groupe « ${expression} » absent de la page`);
  return Number(m[1]);
}

describeEachApp('library: synonyms of the search', (app) => {
  let member: CurrentUser;
  let coordinator: CurrentUser;
  let coordination: TestAgent;
  let visitor: TestAgent;
  const ids = { cameras: 0, chatbot: 0, forecast: 0, sensors: 0 };
  const library = () => libraryOf(app());

  test('setup', async () => {
    const orgId = await app().createOrganisation({ name: 'Ville de Vigie', type: 'commune' });
    member = await person(app(), 'agent@vigie.fr', 'user', [orgId]);
    coordinator = await person(app(), 'coord@reseau-vigie.fr', 'coordinator');
    const publish = async (title: string, description: string) =>
      (await publishUseCase(library(), member, coordinator, title, { content: { description } })).id;
    ids.cameras = await publish('Carrefours plus sûrs', 'Des caméras repèrent les véhicules à contresens.');
    ids.chatbot = await publish('Accueil à toute heure', 'Un agent conversationnel répond aux habitants la nuit.');
    ids.forecast = await publish('Repas des cantines', 'La prévision du nombre de repas réduit le gaspillage.');
    ids.sensors = await publish('Réseau d’eau', 'Des capteurs acoustiques signalent les fuites.');
    coordination = await app().signedIn({ email: 'synonymes@reseau-vigie.fr', role: 'coordinator' });
    visitor = app().agent();
  });

  test('without synonyms, « vidéoprotection » finds nothing and « prévoir » does not find « prévision »', async () => {
    assert.deepEqual(await found(visitor, 'vidéoprotection'), []);
    assert.deepEqual(await found(visitor, 'prévoir'), []);
  });

  test('a coordinator adds a group on the page: each of its words finds the sheets that use another', async () => {
    const page = await coordination.get('/coordination/synonymes');
    assert.equal(page.statusCode, 200, page.body);
    const added = await coordination.post('/coordination/synonymes', {
      expressions: 'vidéoprotection\nvidéosurveillance\ncaméra',
    });
    assert.equal(added.statusCode, 302, added.body);
    assert.deepEqual(await found(visitor, 'vidéoprotection'), [ids.cameras]);
    assert.deepEqual(await found(visitor, 'Vidéosurveillance '), [ids.cameras], 'accents, majuscules, mot entier');
    // The library page flags the word found through the synonym.
    const html = (await visitor.get('/bibliotheque?q=vid%C3%A9oprotection')).body;
    assert.match(html, /<mark>caméras<\/mark>/);
  });

  test('an expression of several words is found as an expression, in a query of several words too', async () => {
    const added = await coordination.post('/coordination/synonymes', {
      expressions: 'chatbot\nagent conversationnel\nassistant virtuel',
    });
    assert.equal(added.statusCode, 302, added.body);
    assert.deepEqual(await found(visitor, 'chatbot'), [ids.chatbot]);
    assert.deepEqual(await found(visitor, 'assistant virtuel'), [ids.chatbot]);
    assert.deepEqual(await found(visitor, 'chatbot habitants'), [ids.chatbot], 'les autres mots restent exigés');
    assert.deepEqual(await found(visitor, 'chatbot cantines'), []);
    // « agent » alone is not the expression « agent conversationnel »: no expansion.
    assert.deepEqual(await found(visitor, 'assistant'), []);
  });

  test('editing a group changes what the same text finds, at once', async () => {
    const list = (await coordination.get('/coordination/synonymes')).body;
    const id = groupIdIn(list, 'vidéoprotection');
    const edit = await coordination.get(`/coordination/synonymes/${id}`);
    assert.equal(edit.statusCode, 200);
    const version = /name="version" value="(\d+)"/.exec(edit.body)![1]!;
    const saved = await coordination.post(`/coordination/synonymes/${id}`, {
      expressions: 'vidéoprotection\nvidéosurveillance',
      version,
    });
    assert.equal(saved.statusCode, 302, saved.body);
    assert.deepEqual(await found(visitor, 'vidéoprotection'), [], '« caméra » n’est plus dans le groupe');
    // A second save from the same (now stale) form is a conflict: nothing is overwritten.
    const stale = await coordination.post(`/coordination/synonymes/${id}`, { expressions: 'a1\nb2', version });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /modifié par quelqu’un d’autre/);
    const removed = await coordination.post(`/coordination/synonymes/${id}/supprimer`, {
      version: String(Number(version) + 1),
    });
    assert.equal(removed.statusCode, 302, removed.body);
    assert.doesNotMatch((await coordination.get('/coordination/synonymes')).body, /vidéosurveillance/);
  });

  test('bad groups are refused with a French message, keeping what was typed', async () => {
    const one = await coordination.post('/coordination/synonymes', { expressions: 'photovoltaïque' });
    assert.equal(one.statusCode, 422);
    assert.match(one.body, /Indiquez au moins deux expressions, une par ligne/);
    assert.match(one.body, /photovoltaïque<\/textarea>/);
    const twins = await coordination.post('/coordination/synonymes', { expressions: 'Caméras\ncaméra' });
    assert.equal(twins.statusCode, 422);
    assert.match(twins.body, /se cherchent déjà de la même façon/);
    const stop = await coordination.post('/coordination/synonymes', { expressions: 'les\ncaméra' });
    assert.equal(stop.statusCode, 422);
    assert.match(stop.body, /aucun mot cherchable/);
  });

  test('only coordinators keep the synonyms: 403 for a member, nothing changes', async () => {
    const agent = app().agent();
    await agent.signInAs(member.email);
    assert.equal((await agent.get('/coordination/synonymes')).statusCode, 403);
    const tried = await agent.post('/coordination/synonymes', { expressions: 'caméra\nvidéoprotection' });
    assert.equal(tried.statusCode, 403);
    assert.deepEqual(await found(visitor, 'vidéoprotection'), []);
  });

  test('the default groups (reference data): « prévoir » finds « prévision », « LLM » a « modèle de langage »', async () => {
    assert.ok((await library().synonyms.seedDefaults()) > 5);
    assert.deepEqual(await found(visitor, 'prévoir'), [ids.forecast]);
    assert.deepEqual(await found(visitor, 'vidéoprotection'), [ids.cameras]);
    // Added once: a group a coordinator deletes stays deleted.
    assert.equal(await library().synonyms.seedDefaults(), 0);
  });

  test('a search that finds nothing searches its suggested spelling and says so on the page', async () => {
    const html = (await visitor.get('/bibliotheque?q=captuers')).body;
    assert.match(html, /Aucun résultat pour « captuers » ; résultats pour « capteurs »/);
    assert.ok(html.includes(`/bibliotheque/${ids.sensors}`), 'la fiche trouvée par la suggestion est listée');
    // The API answers what was asked (nothing) and gives the suggestion, without searching it.
    const api = (await visitor.get('/api/v1/use-cases?q=captuers')).json() as { total: number; suggestion: string };
    assert.equal(api.total, 0);
    assert.equal(api.suggestion, 'capteurs');
    const service = await library().search.query(null, everything('captuers'), { correct: true });
    assert.deepEqual(service.corrected, { from: 'captuers', to: 'capteurs' });
    assert.deepEqual(
      service.items.map((i) => i.useCase.id),
      [ids.sensors],
    );
  });
});
