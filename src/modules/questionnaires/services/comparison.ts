/**
 * Two census campaigns compared (issue 10, statistics): each campaign's results as the results service gives them —
 * read from the counters, with the same access rules (public results for everyone, all results for coordinators) and
 * the same small-number protection and free-text rule for the public — then put side by side question by question
 * (comparison-model.ts), with the authorities that answered both. Works for two campaigns of one questionnaire, or
 * of two questionnaires that share question ids. CSV through the platform writer.
 */
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { type CsvDialect, type CsvValue, toCsv } from '../../../platform/export/csv.ts';
import { HttpError, ValidationError } from '../../../platform/http/errors.ts';
import { authorizeOr } from '../policy.ts';
import { type ComparedQuestion, compareResults, shareQuestions } from './comparison-model.ts';
import type { ServiceDeps } from './context.ts';
import type { ResultsModel, ResultsService } from './results.ts';

/** Names of the authorities that answered both, listed for coordinators up to this many. */
const NAMES_SHOWN = 500;

export interface ComparisonModel {
  a: ResultsModel;
  b: ResultsModel;
  /** Empty when either side is withheld (small-number protection) or the campaigns share no question. */
  questions: ComparedQuestion[];
  /** The two campaigns have at least one question in common. */
  shared: boolean;
  /** Authorities that answered both: null when too few to publish (public comparison). */
  both: { count: number | null; names: string[] | null; more: number };
  protected: boolean;
  /** The larger of the two campaigns' minimums of respondents. */
  minCell: number;
}

export interface ComparableCampaign {
  id: number;
  title: string;
}

export function createComparisonService(deps: ServiceDeps, results: ResultsService) {
  const { store, ports, clock } = deps;
  const READ = { forbidden: 'Seuls les coordinateurs du réseau peuvent comparer toutes les campagnes.' };

  async function authoritiesOf(campaignId: number): Promise<Set<number>> {
    return new Set(await store.countedAuthorities(campaignId));
  }

  const service = {
    /** The campaigns one may compare: those with public results, or every launched one for coordinators. */
    async campaigns(actor: CurrentUser | null, coordination: boolean): Promise<ComparableCampaign[]> {
      if (!coordination) return (await results.publicResults()).map((c) => ({ id: c.id, title: c.title }));
      authorizeOr(READ, actor, 'campaign.manage');
      const at = clock.now().getTime();
      return (await store.listCampaigns())
        .filter((c) => c.launchedAt !== null || Date.parse(c.opensAt) <= at)
        .map((c) => ({ id: c.id, title: c.title }));
    },

    /** Two campaigns' results side by side (access and protection of each as on its own results page). */
    async compare(
      actor: CurrentUser | null,
      aId: number,
      bId: number,
      coordination: boolean,
    ): Promise<ComparisonModel> {
      if (coordination) authorizeOr(READ, actor, 'campaign.manage');
      if (aId === bId)
        throw new ValidationError(
          { b: 'Choisissez une seconde campagne différente de la première.' },
          'La comparaison demande deux campagnes différentes.',
        );
      // A campaign whose results are not public does not exist for visitors (404), like its results page.
      const [a, b] = await Promise.all([
        results.results(actor, aId, {}, { coordination }),
        results.results(actor, bId, {}, { coordination }),
      ]);
      const protect = !coordination;
      const minCell = Math.max(a.minCell, b.minCell);
      const shared = !!a.results && !!b.results && shareQuestions(a.results, b.results);
      const questions = a.results && b.results && shared ? compareResults(a.results, b.results) : [];
      const [inA, inB] = await Promise.all([authoritiesOf(aId), authoritiesOf(bId)]);
      const ids = [...inA].filter((id) => inB.has(id));
      const hidden = protect && ids.length > 0 && ids.length < minCell;
      let names: string[] | null = null;
      if (!protect) {
        const found = await ports.organisations.findByIds(ids.slice(0, 5000));
        names = found
          .map((o) => o.name)
          .sort((x, y) => x.localeCompare(y, 'fr'))
          .slice(0, NAMES_SHOWN);
      }
      return {
        a,
        b,
        questions,
        shared,
        both: {
          count: hidden ? null : ids.length,
          names,
          more: names ? Math.max(0, ids.length - names.length) : 0,
        },
        protected: protect,
        minCell,
      };
    },

    /** The comparison as a CSV file (one line per answer of each question compared). */
    async csv(
      actor: CurrentUser | null,
      aId: number,
      bId: number,
      coordination: boolean,
      dialect: CsvDialect,
    ): Promise<{ filename: string; body: string }> {
      const model = await service.compare(actor, aId, bId, coordination);
      // Nothing to write is said, not sent as an empty file: 409 with the reason.
      if (!model.questions.length)
        throw new HttpError(
          409,
          model.a.withheld || model.b.withheld ? 'withheld' : 'nothing_to_compare',
          model.a.withheld || model.b.withheld
            ? 'Comparaison non publiée : une des deux campagnes a trop peu de répondants.'
            : 'Ces deux campagnes n’ont aucune question en commun.',
        );
      // Each campaign's title in its own cell on every line: the file reads alone, filtered or sorted.
      const [titleA, titleB] = [model.a.campaign.title, model.b.campaign.title];
      const rows: CsvValue[][] = [
        [
          'identifiant de la question',
          'question',
          'ligne',
          'réponse',
          'première campagne',
          'nombre (première)',
          'part des répondants en % (première)',
          'seconde campagne',
          'nombre (seconde)',
          'part des répondants en % (seconde)',
          'écart (points de pourcentage ; différence des valeurs pour un nombre)',
        ],
      ];
      for (const q of model.questions) {
        const lines =
          q.kind === 'choices'
            ? q.options.map((o) => ({ row: '', o }))
            : q.kind === 'matrix'
              ? q.rows.flatMap((r) => r.options.map((o) => ({ row: r.label, o })))
              : [];
        for (const { row, o } of lines)
          rows.push([
            q.id,
            q.label,
            row,
            o.label,
            titleA,
            o.a?.count ?? '',
            o.a?.percent ?? '',
            titleB,
            o.b?.count ?? '',
            o.b?.percent ?? '',
            o.difference ?? '',
          ]);
        if (q.kind === 'number')
          for (const key of ['mean', 'median', 'min', 'max'] as const)
            rows.push([
              q.id,
              q.label,
              '',
              { mean: 'moyenne', median: 'médiane', min: 'minimum', max: 'maximum' }[key],
              titleA,
              q.a?.[key] ?? '',
              '',
              titleB,
              q.b?.[key] ?? '',
              '',
              q.a && q.b ? Math.round((q.b[key] - q.a[key]) * 100) / 100 : '',
            ]);
      }
      return { filename: `comparaison-${aId}-${bId}.csv`, body: toCsv(rows, dialect) };
    },
  };
  return service;
}

export type ComparisonService = ReturnType<typeof createComparisonService>;
