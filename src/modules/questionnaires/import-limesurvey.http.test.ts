// LimeSurvey import through the builder's import page (issue 9 #8): a `.lss` file becomes a questionnaire with the
// report of what was not taken; a file that is not one, too large or too deeply nested is refused in French and
// nothing is created.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { postMultipart } from './test-support.ts';

const fixture = readFileSync(new URL('../../../test/fixtures/limesurvey/recensement-ls6.lss', import.meta.url), 'utf8');

describeEachApp('questionnaire import: LimeSurvey', (app) => {
  let coordinator: TestAgent;
  before(async () => {
    coordinator = await app().signedIn({ email: 'coord@reseau.fr', role: 'coordinator' });
  });

  const importLss = (content: string, filename = 'enquete.lss') =>
    postMultipart(app(), coordinator, '/coordination/questionnaires/importer', { format: 'limesurvey' }, [
      { field: 'file', filename, type: 'application/xml', content },
    ]);
  const count = async () =>
    Number(
      (
        await app()
          .database.db.selectFrom('questionnaires')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('the import page offers LimeSurvey', async () => {
    const page = await coordinator.get('/coordination/questionnaires');
    assert.match(page.body, /value="limesurvey"/);
    assert.match(page.body, /LimeSurvey \(structure \.lss, versions 3 à 6\)/);
  });

  test('a .lss file becomes a questionnaire in French, with the report of what was not taken', async () => {
    const before = await count();
    const res = await importLss(fixture);
    assert.equal(res.statusCode, 200, res.body.slice(0, 400));
    assert.match(res.body, /Questionnaire importé : Recensement IA \(essai\)/);
    assert.match(res.body, /type non pris en charge : équation/);
    assert.match(res.body, /sum\(AGENTS, 2\) &gt; 3|sum\(AGENTS, 2\) > 3/);
    assert.equal(await count(), before + 1);
  });

  test('a file that is not a .lss, or too deeply nested, is refused in French and nothing is created', async () => {
    const before = await count();
    const json = await importLss('{"pages": []}', 'enquete.json');
    assert.equal(json.statusCode, 422);
    assert.match(json.body, /n’est pas un fichier XML de LimeSurvey/);
    const deep = await importLss(`${'<a>'.repeat(3000)}${'</a>'.repeat(3000)}`);
    assert.equal(deep.statusCode, 422);
    assert.match(deep.body, /imbriqué trop profondément/);
    assert.equal(await count(), before);
  });
});
