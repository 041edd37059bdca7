// Questionnaire imports under a size limit (issue 8, finding 10): the 4 MB, 120,000-choice file that blocked the
// server is refused by the default limit with a French 413 naming the limit; with the limit raised (configuration),
// it is imported, and a duplicate code among its choices is still reported at its place.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { postMultipart, questionnairesOf } from './test-support.ts';

/** The questionnaire of the probe: one dropdown of 120,000 communes (about 4 MB of JSON). */
function bigQuestionnaire(duplicateAt?: number): string {
  const choices = Array.from({ length: 120_000 }, (_, i) => ({ code: `c${i}`, label: `Commune n° ${i}` }));
  if (duplicateAt !== undefined) choices[duplicateAt] = { code: 'c5', label: 'Doublon' };
  return JSON.stringify({
    title: 'Toutes les communes',
    language: 'fr',
    pages: [{ id: 'p1', title: 'Commune', elements: [{ id: 'commune', type: 'dropdown', label: 'Commune', choices }] }],
  });
}

const importFile = (app: Parameters<typeof postMultipart>[0], agent: TestAgent, content: string) =>
  postMultipart(app, agent, '/coordination/questionnaires/importer', { format: 'native' }, [
    { field: 'file', filename: 'communes.json', type: 'application/json', content },
  ]);

describeEachApp('questionnaire import: the default size limit', (app) => {
  let coordinator: TestAgent;
  before(async () => {
    coordinator = await app().signedIn({ email: 'coord@reseau.fr', role: 'coordinator' });
  });

  test('the 4 MB, 120,000-choice file is refused with a 413 naming the limit, and nothing is created', async () => {
    const content = bigQuestionnaire();
    assert.ok(content.length > 3_500_000, `${content.length} octets`);
    const before = (await questionnairesOf(app()).questionnaires.list(await coordinatorUser())).length;
    const res = await importFile(app(), coordinator, content);
    assert.equal(res.statusCode, 413);
    assert.match(res.body, /pèse \d+,\d Mo : un fichier de questionnaire ne peut pas dépasser 1 Mo\./);
    const after = (await questionnairesOf(app()).questionnaires.list(await coordinatorUser())).length;
    assert.equal(after, before);
  });

  async function coordinatorUser() {
    const row = await app()
      .database.db.selectFrom('users')
      .select('id')
      .where('email', '=', 'coord@reseau.fr')
      .executeTakeFirstOrThrow();
    return (await app().server.modules.loadUser(Number(row.id)))!;
  }
});

describeEachApp(
  'questionnaire import: a limit raised by configuration',
  (app) => {
    let coordinator: TestAgent;
    before(async () => {
      coordinator = await app().signedIn({ email: 'coord@reseau.fr', role: 'coordinator' });
    });

    test('the 120,000-choice file is imported', async () => {
      const res = await importFile(app(), coordinator, bigQuestionnaire());
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      assert.match(res.body, /Toutes les communes/);
    });

    test('a duplicate code among the 120,000 choices is still found, with the element and its first use', async () => {
      const res = await importFile(app(), coordinator, bigQuestionnaire(119_999));
      assert.equal(res.statusCode, 422);
      assert.match(
        res.body,
        /L(&#39;|')élément 120000 reprend un code : le code « c5 » est utilisé deux fois .*d(&#39;|')abord par l(&#39;|')élément 6\./,
      );
    });
  },
  { UPLOAD_LIMIT_QUESTIONNAIRE_MO: '8' },
);
