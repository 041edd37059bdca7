// Results counters on both databases: after random answer sets and random changes (sent, edited while sent,
// reopened, sent again, deleted, answered on a newer version, authority snapshots that differ), the counters give
// exactly the results computed from every response, for every filter, and the stored counters are exactly those a
// rebuild from the responses makes.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase } from '../../../test/helpers/databases.ts';
import { seededRandom } from '../../../test/helpers/random.ts';
import { randomAnswers } from '../../../test/helpers/random-answers.ts';
import type { Db } from '../../platform/db/database.ts';
import { type Answers, type Form, findQuestion } from '../forms/index.ts';
import { createOrganisationsModule, type OrganisationsPorts } from '../organisations/index.ts';
import { aiCensus } from './catalogue/index.ts';
import type { QuestionnairesApi } from './index.ts';
import { CLI_ACTOR } from './services/context.ts';
import { publicCampaignInput, servicesOn } from './test-support.ts';

const TYPES = ['commune', 'metropole', 'departement'] as const;
const REGIONS = ['53', '84', '11'];

describeEachDatabase('results counters equal a recomputation', (db) => {
  let api: QuestionnairesApi;
  let campaignId: number;
  let versionIds: number[];
  let questionnaireId: number;
  const organisations: { id: number; type: string; region: string }[] = [];
  const rnd = seededRandom(2026);

  const filters = () => [
    {},
    ...TYPES.map((t) => ({ organisationType: t })),
    ...REGIONS.map((r) => ({ regionCode: r })),
    { organisationType: 'commune', regionCode: '53' },
    { organisationType: 'metropole', regionCode: '11' },
  ];

  async function assertEqualToRecomputation(label: string) {
    for (const filter of filters()) {
      for (const includeRestricted of [true, false]) {
        const counted = await api.results.fromCounters(campaignId, filter, { includeRestricted });
        assert.ok(counted, `${label} : les compteurs servent le filtre ${JSON.stringify(filter)}`);
        const computed = await api.results.recompute(campaignId, filter, { includeRestricted });
        assert.deepEqual(counted.results, computed.results, `${label} : ${JSON.stringify(filter)}`);
        assert.equal(counted.authorities, computed.authorities, `${label} : collectivités ${JSON.stringify(filter)}`);
        assert.deepEqual(counted.versions, computed.versions, `${label} : versions ${JSON.stringify(filter)}`);
      }
    }
  }

  async function storedCounters() {
    const cells = await db()
      .db.selectFrom('results_cells')
      .select(['organisation_type', 'region_code', 'question_id', 'cell', 'count'])
      .where('campaign_id', '=', campaignId)
      .execute();
    const texts = await db()
      .db.selectFrom('results_texts')
      .select(['response_id', 'organisation_type', 'region_code', 'question_id', 'kind', 'value'])
      .where('campaign_id', '=', campaignId)
      .execute();
    const key = (r: object) => JSON.stringify(Object.values(r).map(String));
    return {
      cells: cells.map(key).sort(),
      texts: texts.map(key).sort(),
    };
  }

  /** Writes a response as the response-writing code would, then updates the counters in the same transaction. */
  async function write(change: (trx: Db) => Promise<number>) {
    await (db().db as Db).transaction().execute(async (trx) => {
      const id = await change(trx);
      await api.results.responseChanged(id, trx);
    });
  }

  async function insertResponse(status: 'in_progress' | 'submitted', answers: Answers, versionId = versionIds[0]!) {
    // One response per authority (the campaign's rule today): an authority not used yet, or anonymous.
    const org = rnd() < 0.1 ? null : (organisations.splice(Math.floor(rnd() * organisations.length), 1)[0] ?? null);
    const at = db().clock.iso();
    let id = 0;
    await write(async (trx) => {
      const row = await trx
        .insertInto('responses')
        .values({
          campaign_id: campaignId,
          version_id: versionId,
          organisation_id: org?.id ?? null,
          organisation_name: org ? `Collectivité ${org.id}` : null,
          organisation_type: org?.type ?? null,
          // A snapshot may differ from the authority's current région (it moved): the snapshot counts.
          region_code: org ? (rnd() < 0.1 ? REGIONS[Math.floor(rnd() * REGIONS.length)]! : org.region) : null,
          answers: JSON.stringify(answers),
          revisions: '{}',
          version: 1,
          status,
          progress: 50,
          started_at: at,
          updated_at: at,
          submitted_at: status === 'submitted' ? at : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = Number(row.id);
      return id;
    });
    return id;
  }

  async function update(id: number, set: { status?: 'in_progress' | 'submitted'; answers?: Answers }) {
    await write(async (trx) => {
      await trx
        .updateTable('responses')
        .set({
          ...(set.status ? { status: set.status } : {}),
          ...(set.answers ? { answers: JSON.stringify(set.answers) } : {}),
        })
        .where('id', '=', id)
        .execute();
      return id;
    });
  }

  async function remove(id: number) {
    await write(async (trx) => {
      await trx.deleteFrom('responses').where('id', '=', id).execute();
      return id;
    });
  }

  before(async () => {
    const { platform, api: services } = servicesOn(db());
    api = services;
    // The authorities are made through the organisations module (creating one uses none of its ports).
    const directory = createOrganisationsModule(platform, {} as OrganisationsPorts).api;
    for (let i = 0; i < 160; i++) {
      const type = TYPES[i % TYPES.length]!;
      const region = REGIONS[Math.floor(i / 4) % REGIONS.length]!;
      const id = await directory.createOrganisation({ name: `Collectivité ${i}`, type, regionCode: region });
      organisations.push({ id, type, region });
    }
    const [censusId] = await api.questionnaires.installCatalogue();
    const at = db().clock.now().getTime();
    const campaign = await api.campaigns.create(
      CLI_ACTOR,
      publicCampaignInput(censusId!, 'Compteurs', at - 86_400_000, at + 30 * 86_400_000, { resultsPublic: true }),
    );
    campaignId = campaign.id;
    questionnaireId = censusId!;
    versionIds = [(await api.questionnaires.get(CLI_ACTOR, censusId!)).versions[0]!.id];
  });

  test('counters built on the first read from responses already sent equal the recomputation', async () => {
    for (let i = 0; i < 25; i++)
      await insertResponse(rnd() < 0.7 ? 'submitted' : 'in_progress', randomAnswers(aiCensus, rnd));
    await assertEqualToRecomputation('construction');
  });

  test('random sends, edits, reopenings, new sendings and deletions keep the counters exact', async () => {
    const ids: number[] = [];
    for (let step = 0; step < 60; step++) {
      const r = rnd();
      if (r < 0.35 || ids.length < 5) {
        ids.push(await insertResponse(rnd() < 0.8 ? 'submitted' : 'in_progress', randomAnswers(aiCensus, rnd)));
        continue;
      }
      const id = ids[Math.floor(rnd() * ids.length)]!;
      if (r < 0.55) await update(id, { answers: randomAnswers(aiCensus, rnd) });
      else if (r < 0.7) await update(id, { status: 'in_progress' });
      else if (r < 0.85) await update(id, { status: 'submitted', answers: randomAnswers(aiCensus, rnd) });
      else {
        await remove(id);
        ids.splice(ids.indexOf(id), 1);
      }
      if (step % 15 === 14) await assertEqualToRecomputation(`étape ${step}`);
    }
    await assertEqualToRecomputation('fin');
  });

  test('responses on a newer version (a label changed, a choice added) are counted with the union of versions', async () => {
    const census = await api.questionnaires.get(CLI_ACTOR, questionnaireId);
    const draft = structuredClone(census.versions[0]!.content) as Form;
    const statut = findQuestion(draft, 'statut') as any;
    statut.label = 'Où en est le projet ?';
    statut.choices.push({ code: 'abandonne', label: 'Abandonné' });
    const revision = census.questionnaire.draftRevision;
    await api.questionnaires.saveDraft(CLI_ACTOR, census.questionnaire.id, revision, draft);
    const published = await api.questionnaires.publish(CLI_ACTOR, census.questionnaire.id, revision + 1);
    versionIds = [published.id, ...versionIds];
    for (let i = 0; i < 8; i++) {
      const answers = randomAnswers(draft, rnd);
      if (i % 2) answers.statut = 'abandonne';
      await insertResponse('submitted', answers, published.id);
    }
    await assertEqualToRecomputation('nouvelle version');
  });

  test('the stored counters are exactly those a rebuild from the responses makes', async () => {
    const kept = await storedCounters();
    await api.results.invalidateCounters(campaignId);
    assert.deepEqual((await storedCounters()).cells, [], 'compteurs oubliés');
    await assertEqualToRecomputation('reconstruction');
    assert.deepEqual(await storedCounters(), kept);
  });
});
