// A large questionnaire file (over the 64 KB read in a worker thread) on both databases: on SQLite it is read AND
// stored by the worker with its own connection (writes there run on the calling thread); the questionnaire and its
// audit entry are written together, and a refused file leaves nothing behind.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase } from '../../../test/helpers/databases.ts';
import { manualClock } from '../../platform/clock.ts';
import { HttpError } from '../../platform/http/errors.ts';
import type { QuestionnairesApi } from './index.ts';
import { coordinatorActor, servicesOn } from './test-support.ts';

/** Our format, one dropdown of `n` choices: about 30 bytes per choice. */
function withChoices(title: string, n: number, duplicateLast = false): string {
  const choices = Array.from({ length: n }, (_, i) => ({ code: `c${i}`, label: `Commune ${i}` }));
  if (duplicateLast) choices.push({ code: 'c0', label: 'Commune en double' });
  return JSON.stringify({
    title,
    language: 'fr',
    pages: [{ id: 'p1', title: 'Commune', elements: [{ id: 'commune', type: 'dropdown', label: 'Commune', choices }] }],
  });
}

describeEachDatabase(
  'questionnaires: large file imported whole or not at all',
  (db) => {
    const coordinator = coordinatorActor(0);
    let api: QuestionnairesApi;
    let platform: ReturnType<typeof servicesOn>['platform'];

    before(() => {
      ({ api, platform } = servicesOn(db()));
    });

    const countTitled = async (title: string) => {
      const q = await platform.db
        .selectFrom('questionnaires')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('title', '=', title)
        .executeTakeFirstOrThrow();
      const a = await platform.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', 'questionnaire.created')
        .where('details', 'like', `%${title}%`)
        .executeTakeFirstOrThrow();
      return { questionnaires: Number(q.n), audits: Number(a.n) };
    };

    test('a 5,000-choice file is stored with every choice, its author time and its audit entry', async () => {
      const text = withChoices('Grand fichier de communes', 5000);
      assert.ok(text.length > 64 * 1024, `${text.length} octets`);
      const { id } = await api.questionnaires.importFile(coordinator, { format: 'native', text });
      const { questionnaire } = await api.questionnaires.get(coordinator, id);
      const choices = (questionnaire.draft.pages[0]!.elements[0] as { choices: { code: string }[] }).choices;
      assert.equal(choices.length, 5000);
      assert.equal(choices[4999]!.code, 'c4999');
      // The timestamps come from the service's clock, also when a worker thread wrote the row.
      assert.equal(questionnaire.createdAt, '2026-03-01T09:00:00.000Z');
      assert.deepEqual(await countTitled('Grand fichier de communes'), { questionnaires: 1, audits: 1 });
    });

    test('a large file with an error is refused with its French message, and nothing is written', async () => {
      const text = withChoices('Grand fichier refusé', 5000, true);
      await assert.rejects(api.questionnaires.importFile(coordinator, { format: 'native', text }), (e: unknown) => {
        assert.ok(e instanceof HttpError, String(e));
        assert.equal(e.status, 422);
        assert.match(JSON.stringify(e.fields ?? {}), /c0/);
        return true;
      });
      assert.deepEqual(await countTitled('Grand fichier refusé'), { questionnaires: 0, audits: 0 });
    });
  },
  { clock: () => manualClock('2026-03-01T09:00:00Z') },
);
