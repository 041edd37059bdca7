// The questionnaires service against both databases: the catalogue, the builder's draft with optimistic
// concurrency, immutable versions, import and export. No other module is involved (stub ports).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase } from '../../../test/helpers/databases.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { AI_CENSUS_KEY, PARTICIPATION_KEY } from './catalogue/index.ts';
import type { QuestionnairesApi } from './index.ts';
import { coordinatorActor, servicesOn, userActor } from './test-support.ts';

async function rejects(promise: Promise<unknown>, status: number, pattern: RegExp) {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof HttpError, String(e));
    assert.equal(e.status, status, e.message);
    assert.match(`${e.message} ${JSON.stringify(e.fields ?? {})}`, pattern);
    return true;
  });
}

describeEachDatabase('questionnaires: catalogue, drafts, versions, import and export', (db) => {
  const coordinator = coordinatorActor();
  let api: QuestionnairesApi;
  let censusId: number;
  let participationId: number;

  before(async () => {
    api = servicesOn(db()).api;
    [censusId, participationId] = (await api.questionnaires.installCatalogue()) as [number, number];
  });

  test('installs the two catalogue questionnaires once, published as version 1', async () => {
    const svc = api.questionnaires;
    const again = await svc.installCatalogue();
    assert.deepEqual(again, [censusId, participationId]);
    const list = await svc.list(coordinator);
    const keys = list
      .map((q) => q.catalogueKey)
      .filter(Boolean)
      .sort();
    assert.deepEqual(keys, [AI_CENSUS_KEY, PARTICIPATION_KEY].sort());
    const census = await svc.published(censusId);
    assert.equal(census.version, 1);
    assert.equal(census.title, "Recensement des démarches d'IA");
  });

  test('only coordinators manage questionnaires', async () => {
    await rejects(api.questionnaires.list(userActor()), 403, /coordinateurs/);
    await rejects(api.questionnaires.list(null), 401, /connecter/);
  });

  test('edits a draft with optimistic concurrency and publishes immutable versions', async () => {
    const svc = api.questionnaires;
    const id = await svc.createBlank(coordinator, 'Essai de versions');
    const { questionnaire } = await svc.get(coordinator, id);
    const draft = structuredClone(questionnaire.draft);
    draft.pages[0]!.elements.push({ id: 'nom', type: 'short_text', label: 'Votre nom', required: true });
    const revision = await svc.saveDraft(coordinator, id, questionnaire.draftRevision, draft);
    // A second coordinator who started from the old revision is refused, not silently overwriting.
    await rejects(svc.saveDraft(coordinator, id, questionnaire.draftRevision, draft), 409, /modifié ce questionnaire/);
    // A draft that breaks a rule is refused with the path and a French message.
    const broken = structuredClone(draft);
    broken.pages[0]!.elements.push({ id: 'nom', type: 'short_text', label: 'Doublon' });
    await rejects(svc.saveDraft(coordinator, id, revision, broken), 422, /déjà utilisé/);
    const v1 = await svc.publish(coordinator, id, revision);
    assert.equal(v1.number, 1);
    await rejects(svc.publish(coordinator, id, revision), 422, /Rien n'a changé/);
    const edited = structuredClone(draft);
    edited.pages[0]!.elements[1] = { id: 'nom', type: 'short_text', label: 'Votre nom complet', required: true };
    const r2 = await svc.saveDraft(coordinator, id, revision, edited);
    const v2 = await svc.publish(coordinator, id, r2);
    assert.equal(v2.number, 2);
    const stillV1 = await svc.published(id, 1);
    assert.equal((stillV1.pages[0]!.elements[1] as { label: string }).label, 'Votre nom', 'la version 1 ne change pas');
  });

  test('imports SurveyJS and our format, and exports both', async () => {
    const svc = api.questionnaires;
    const imported = await svc.importFile(coordinator, {
      format: 'surveyjs',
      text: JSON.stringify({
        title: 'Import',
        pages: [
          {
            name: 'p',
            elements: [
              // SurveyJS allows spaces and accents in a name; our ids do not: renamed, and the report says so.
              { type: 'text', name: 'Ville de résidence' },
              { type: 'expression', name: 'e' },
            ],
          },
        ],
      }),
    });
    assert.ok(
      imported.report.some((r) => /Ville de résidence.*devenu « /.test(r.message)),
      JSON.stringify(imported.report),
    );
    assert.ok(imported.report.some((r) => /valeurs calculées/.test(r.message)));
    await rejects(
      svc.importFile(coordinator, { format: 'native', text: '{ "title": "x",\n "pages": [' }),
      422,
      /JSON valide \(ligne 2\)/,
    );
    await rejects(
      svc.importFile(coordinator, { format: 'native', text: '{"title": "x", "language": "fr", "pages": []}' }),
      422,
      /au moins une page/,
    );
    const exported = await svc.exportFile(coordinator, censusId, { format: 'native' });
    const back = await svc.importFile(coordinator, { format: 'native', text: JSON.stringify(exported.json) });
    const copy = await svc.get(coordinator, back.id);
    assert.equal(copy.questionnaire.draft.pages.length, (await svc.published(censusId)).pages.length);
    const sj = await svc.exportFile(null, censusId, { format: 'surveyjs' });
    assert.equal((sj.json as { pages: { name: string }[] }).pages[0]!.name, 'collectivite');
  });
});
