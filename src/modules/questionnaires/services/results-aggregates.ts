/**
 * Results kept up to date as responses change: every change of a response (sent, reopened, edited, deleted…) calls
 * `sync(responseId, trx)` inside the transaction that makes the change, which subtracts what the response counted
 * for before and adds what it counts for now (forms engine: `contribution`). Reading a campaign's results then sums
 * counters instead of reading every response. The counters are built from the responses on the first read of a
 * campaign (databases from before the counters, or after `invalidate`), under the same lock as `sync`, so that a
 * response sent during the build is counted once. Exactly equal to a recomputation (results-aggregates.db.test.ts).
 */
import type { Db } from '../../../platform/db/database.ts';
import {
  type Answers,
  type Contribution,
  cellsDelta,
  contribution,
  type Form,
  type FormResults,
  type Question,
  type ResultCell,
  resultsFromCells,
  unionQuestions,
} from '../../forms/index.ts';
import { type Breakdown, type CountedResponse, rollups } from '../store/results.ts';
import type { QuestionnairesStore } from '../store.ts';

/** A filter of the results: undefined for every value, '' for « unknown » (anonymous responses). */
export type ResultsFilter = Partial<Breakdown>;

/** Questions whose answers are free texts, and those whose « Autre » precision is one. */
const TEXT_TYPES = new Set(['short_text', 'long_text', 'email', 'url']);
const CHOICE_TYPES = new Set(['single_choice', 'dropdown', 'multiple_choice']);

const sameBreakdown = (a: Breakdown, b: Breakdown) =>
  a.organisationType === b.organisationType && a.regionCode === b.regionCode;

/** The question types by id of a union: counters made with one set of types can be read with another only if equal. */
const typesOf = (questions: Question[]) => new Map(questions.map((q) => [q.id, q.type]));

/** The counters of one response: its answers' cells and the responses (per version) and authority it counts for. */
function cellsOf(questions: Question[], r: { versionId: number; organisationId: number | null; answers: Answers }) {
  const c: Contribution = contribution(questions, r.answers);
  c.cells.push({ questionId: '', cell: `v:${r.versionId}`, count: 1 });
  if (r.organisationId !== null) c.cells.push({ questionId: '', cell: `o:${r.organisationId}`, count: 1 });
  return c;
}

export function createResultsAggregates(deps: { db: Db; store: QuestionnairesStore }) {
  const { db, store } = deps;
  /** Published versions never change: their contents are kept by id. */
  const forms = new Map<number, { number: number; content: Form }>();

  async function versionsOf(questionnaireId: number, trx: Db) {
    const all = await store.versionsOf(questionnaireId, trx);
    for (const v of all) forms.set(v.id, { number: v.number, content: v.content });
    return all;
  }

  async function formsOf(ids: number[], questionnaireId: number, trx: Db = db) {
    if (ids.some((id) => !forms.has(id))) await versionsOf(questionnaireId, trx);
    return ids
      .filter((id) => forms.has(id))
      .map((id) => ({ id, ...forms.get(id)! }))
      .sort((a, b) => b.number - a.number);
  }

  const questionsOf = async (ids: number[], questionnaireId: number, trx: Db) =>
    unionQuestions((await formsOf(ids, questionnaireId, trx)).map((v) => v.content));

  /** Builds a campaign's counters from its submitted responses (inside `trx`, under the campaign's lock). */
  async function rebuild(campaign: { id: number; questionnaireId: number; versionId: number }, trx: Db) {
    await store.lockResults(campaign.id, trx);
    await store.clearResults(campaign.id, trx);
    const versionIds = [
      ...new Set([campaign.versionId, ...(await versionsOf(campaign.questionnaireId, trx)).map((v) => v.id)]),
    ];
    const questions = await questionsOf(versionIds, campaign.questionnaireId, trx);
    const cells = new Map<string, { breakdown: Breakdown; cells: Map<string, ResultCell> }>();
    let after = 0;
    for (;;) {
      const rows = await store.submittedAfter(campaign.id, after, 500, trx);
      const counted: CountedResponse[] = [];
      const texts: Parameters<typeof store.insertTexts>[1] = [];
      for (const r of rows) {
        const answers = JSON.parse(r.answers) as Answers;
        const c = cellsOf(questions, { ...r, answers });
        for (const b of rollups(r)) {
          const key = `${b.organisationType}\u0000${b.regionCode}`;
          const entry = cells.get(key) ?? { breakdown: b, cells: new Map<string, ResultCell>() };
          for (const cell of c.cells) {
            const k = `${cell.questionId}\u0000${cell.cell}`;
            const cur = entry.cells.get(k);
            if (cur) cur.count += cell.count;
            else entry.cells.set(k, { ...cell });
          }
          cells.set(key, entry);
        }
        for (const t of c.texts)
          texts.push({ ...t, responseId: r.id, organisationType: r.organisationType, regionCode: r.regionCode });
        counted.push({ ...r, responseId: r.id, campaignId: campaign.id });
      }
      await store.insertCounted(counted, trx);
      await store.insertTexts(campaign.id, texts, trx);
      if (rows.length < 500) break;
      after = rows[rows.length - 1]!.id;
    }
    for (const { breakdown, cells: list } of cells.values())
      await store.putCells(
        campaign.id,
        { organisationType: breakdown.organisationType, regionCode: breakdown.regionCode },
        [...list.values()],
        trx,
      );
    await store.setResultsState(campaign.id, versionIds, trx);
    return versionIds;
  }

  return {
    /**
     * Brings the counters in line with one response as it is now in `trx` (sent: counted with its answers; anything
     * else, or deleted: not counted). Call it in the transaction of every change of a response.
     */
    async sync(responseId: number, trx: Db): Promise<void> {
      const response = await store.findResponse(responseId, trx);
      const before = await store.counted(responseId, trx);
      const campaignId = response?.campaignId ?? before?.campaignId;
      if (!campaignId) return;
      await store.lockResults(campaignId, trx);
      const state = await store.resultsState(campaignId, trx);
      if (!state) return; // not built yet: the first read builds the counters from the responses
      const campaign = await store.findCampaign(campaignId, trx);
      if (!campaign) return;
      const now =
        response?.status === 'submitted'
          ? {
              campaignId,
              versionId: response.versionId,
              organisationId: response.organisationId,
              organisationType: response.organisationType ?? '',
              regionCode: response.regionCode ?? '',
              answers: response.answers,
            }
          : null;
      let versions = state.versions;
      if (now && !versions.includes(now.versionId)) {
        // A version the counters were not made with: kept if it gives no question another type, else rebuilt.
        const wider = [...versions, now.versionId];
        const [old, next] = await Promise.all([
          questionsOf(versions, campaign.questionnaireId, trx),
          questionsOf(wider, campaign.questionnaireId, trx),
        ]);
        const types = typesOf(next);
        if (old.some((q) => types.get(q.id) !== q.type)) {
          await store.clearResults(campaignId, trx);
          return;
        }
        versions = wider;
        await store.setResultsState(campaignId, versions, trx);
      }
      const questions = await questionsOf(versions, campaign.questionnaireId, trx);
      const minus = before ? cellsOf(questions, { ...before, answers: JSON.parse(before.answers) as Answers }) : null;
      const plus = now ? cellsOf(questions, now) : null;
      if (minus && plus && sameBreakdown(before!, now!)) {
        await store.addCells(campaignId, now!, cellsDelta(plus.cells, minus.cells), trx);
      } else {
        if (minus) await store.addCells(campaignId, before!, cellsDelta([], minus.cells), trx);
        if (plus) await store.addCells(campaignId, now!, plus.cells, trx);
      }
      await store.replaceTexts(campaignId, responseId, now, plus?.texts ?? [], trx);
      await store.setCounted(responseId, now ? { ...now, answers: JSON.stringify(now.answers) } : null, trx);
    },

    /** Forgets a campaign's counters: the next read builds them again from the responses. */
    invalidate: (campaignId: number, trx: Db = db) => store.clearResults(campaignId, trx),

    /** Builds a campaign's counters now (they are otherwise built on the first read). */
    rebuild: (campaign: { id: number; questionnaireId: number; versionId: number }) =>
      db.transaction().execute((trx) => rebuild(campaign, trx)),

    /**
     * A campaign's results for a filter, from the counters (built first if they are not), with the number of
     * responses and of distinct authorities. `null` when the counters cannot serve this filter (a question whose
     * type differs between the versions answered and the newest ones): the caller computes from the responses.
     */
    async read(
      campaign: { id: number; questionnaireId: number; versionId: number },
      filter: ResultsFilter,
      options: { includeRestricted: boolean; textLimit?: number; texts?: (q: Question) => boolean },
    ): Promise<{ results: FormResults; authorities: number; versions: number[] } | null> {
      let state = await store.resultsState(campaign.id);
      if (!state?.versions.includes(campaign.versionId)) {
        state = await db.transaction().execute(async (trx) => {
          await store.lockResults(campaign.id, trx);
          const fresh = await store.resultsState(campaign.id, trx);
          if (fresh?.versions.includes(campaign.versionId)) return fresh;
          return { versions: await rebuild(campaign, trx) };
        });
      }
      const textLimit = options.textLimit ?? 100;
      const [cells, authorities] = await Promise.all([
        store.sumCells(campaign.id, filter),
        store.authoritiesCounted(campaign.id, filter),
      ]);
      let responses = 0;
      const used = new Set([campaign.versionId]);
      for (const c of cells) {
        if (c.questionId !== '' || c.count <= 0 || !c.cell.startsWith('v:')) continue;
        responses += c.count;
        used.add(Number(c.cell.slice(2)));
      }
      if ([...used].some((id) => !state.versions.includes(id))) return null;
      const usedForms = await formsOf([...used], campaign.questionnaireId);
      const counted = typesOf(await questionsOf(state.versions, campaign.questionnaireId, db));
      const shown = unionQuestions(usedForms.map((v) => v.content));
      if (shown.some((q) => counted.get(q.id) !== q.type)) return null;
      // Free texts only for the questions shown whose texts are asked for (the public sees few of them).
      const wanted = shown
        .filter((q) => (options.includeRestricted || !q.restricted) && (options.texts?.(q) ?? true))
        .flatMap((q) => [
          ...(TEXT_TYPES.has(q.type) ? [{ questionId: q.id, kind: 't' as const }] : []),
          ...(CHOICE_TYPES.has(q.type) ? [{ questionId: q.id, kind: 'o' as const }] : []),
        ]);
      const texts = await store.latestTexts(campaign.id, filter, textLimit, wanted);
      return {
        results: resultsFromCells(
          usedForms.map((v) => v.content),
          { responses, cells, texts },
          { includeRestricted: options.includeRestricted, textLimit },
        ),
        authorities,
        versions: usedForms.map((v) => v.number),
      };
    },
  };
}

export type ResultsAggregates = ReturnType<typeof createResultsAggregates>;
