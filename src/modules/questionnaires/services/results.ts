/**
 * Reading what was answered: a campaign's results (public when the campaign says so, restricted questions only for
 * coordinators; read from counters kept up to date as responses change: results-aggregates.ts; public ones under
 * small-number protection: disclosure.ts, and without free texts unless the question allows it), the campaigns with public results, one response for
 * coordinators (and its files), and the responses' exports (streamed by the forms engine as CSV, XLSX or JSON).
 */

import { can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { CsvDialect } from '../../../platform/export/csv.ts';
import { notFound, ValidationError } from '../../../platform/http/errors.ts';
import {
  answerCells,
  answerHeader,
  type ExportFormat,
  type FormResults,
  organisationNames,
  type Question,
  questionsJson,
  type ResponsesExport,
  sectionTitles,
  streamExport,
  unionQuestions,
} from '../../forms/index.ts';
import { organisationTypeLabel } from '../../organisations/index.ts';
import { type CampaignState, campaignState } from '../campaigns.ts';
import { mapsToLibrary } from '../library-mapping.ts';
import { authorizeOr } from '../policy.ts';
import type { Campaign } from '../records.ts';
import { campaignOrThrow, type ServiceDeps } from './context.ts';
import { type CellStatus, type Disclosure, disclose, filterStatus } from './disclosure.ts';
import type { NetworkDisclosure } from './disclosure-networks.ts';
import { organisationLookup } from './respondents.ts';
import type { ResultsFilter } from './results-aggregates.ts';
import { createResultsNetworks, type ExportRow, resultsOfRows } from './results-networks.ts';

/** One value of a breakdown (authority type or région) and how many respond there, `null` when not published. */
export interface BreakdownOption {
  value: string;
  label: string;
  respondents: number | null;
  status: CellStatus;
}

/** What a results page shows (the view-model of views/results.tsx and of the public JSON). */
export interface ResultsModel {
  campaign: Campaign;
  state: CampaignState;
  /** null when the filter's results are withheld (small-number protection). */
  results: FormResults | null;
  /** Responses and distinct authorities counted (null when withheld). */
  counts: { responses: number; authorities: number } | null;
  /** Why the results are withheld: fewer respondents than the minimum, or hidden so that no one can subtract. */
  withheld: 'small' | 'secondary' | null;
  minCell: number;
  /** Public results: small-number protection and free texts only where the question allows. */
  protected: boolean;
  includeRestricted: boolean;
  /** A network (its id) narrows alone: with one, type and région are not applied (`combined` says they were asked). */
  filter: ResultsQueryFilter;
  /** A network was asked together with a type or a région: only the network was applied. */
  combined: boolean;
  versions: number[];
  filterOptions: {
    types: { value: string; label: string }[];
    regions: { value: string; label: string }[];
    networks: { value: string; label: string }[];
  };
  breakdown: { types: BreakdownOption[]; regions: BreakdownOption[]; networks: BreakdownOption[] };
}

/** What a results page can be narrowed to: an authority type and a région, or one network of authorities. */
export interface ResultsQueryFilter {
  organisationType?: string;
  regionCode?: string;
  network?: number;
}

/** The networks as breakdown options (French order), their respondents shown when published. */
function networkOptions(list: NetworkDisclosure[], protect: boolean): BreakdownOption[] {
  return list
    .filter((n) => n.respondents > 0)
    .map((n) => ({
      value: String(n.id),
      label: n.name,
      respondents: !protect || n.status === 'published' ? n.respondents : null,
      status: protect ? n.status : ('published' as const),
    }))
    .sort((a, b) => a.label.localeCompare(b.label, 'fr'));
}

/** Public results: free texts (answers and « Autre » precisions) only for the questions that allow it. */
function publicResults(results: FormResults): FormResults {
  return {
    ...results,
    questions: results.questions.map((r) => {
      if (r.question.publicText) return r;
      if (r.kind === 'texts') return { ...r, texts: [] };
      if (r.kind === 'choices') return { ...r, others: [] };
      return r;
    }),
  };
}

/** The types and régions that have respondents, with their counts when published (French order of labels). */
function breakdownOptions(d: Disclosure, regionNames: Map<string, string>, protect: boolean) {
  const list = (dimension: 'type' | 'region') => {
    const out: BreakdownOption[] = [];
    for (const [key, status] of d.status) {
      const [type, region] = key.split('\u0000') as [string, string];
      const value = dimension === 'type' ? type : region;
      if ((dimension === 'type' ? region : type) !== '*' || value === '*' || value === '') continue;
      const shown = !protect || status === 'published';
      out.push({
        value,
        label: dimension === 'type' ? organisationTypeLabel(value) : (regionNames.get(value) ?? value),
        respondents: shown ? (d.sizes.get(key) ?? 0) : null,
        status: protect ? status : 'published',
      });
    }
    return out.sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  };
  return { types: list('type'), regions: list('region') };
}

const READ = { forbidden: 'Seuls les coordinateurs du réseau peuvent consulter les réponses.' };

const HEADER = [
  'réponse',
  'collectivité',
  'SIREN',
  'code INSEE',
  'type de collectivité',
  'code région',
  'région',
  'code département',
  'département',
  'réseaux',
  'statut',
  'version du questionnaire',
  'commencée le',
  'mise à jour le',
  'envoyée le',
];

const IDS = [
  'response_id',
  'organisation',
  'siren',
  'insee_code',
  'organisation_type',
  'region_code',
  'region',
  'departement_code',
  'departement',
  'networks',
  'status',
  'version',
  'started_at',
  'updated_at',
  'submitted_at',
];

export function createResultsService(deps: ServiceDeps) {
  const { db, store, clock, ports, versions, aggregates } = deps;
  const lookup = organisationLookup(ports.organisations);
  const { networksByAuthority, withIdentifiers, networkResults, networksOf } = createResultsNetworks(deps);

  /** Results computed from every submitted response of a filter, oldest first (the counters' reference). */
  async function recomputed(campaign: Campaign, f: ResultsFilter, includeRestricted: boolean) {
    return resultsOfRows(store, campaign, await store.submittedAnswers(campaign.id, f), includeRestricted);
  }

  /** The small-number protection of a campaign's public results (counts per type × région). */
  async function disclosureOf(campaignId: number): Promise<Disclosure> {
    const [counts, minCell] = await Promise.all([store.breakdownCounts(campaignId), store.resultsMinCell(campaignId)]);
    return disclose(counts, minCell);
  }

  const service = {
    /**
     * Brings the results counters in line with a response changed by code other than this module's services
     * (data fixes, tests, benchmarks): inside `trx` when given, else in its own transaction.
     */
    responseChanged(responseId: number, trx?: Db): Promise<void> {
      return trx ? aggregates.sync(responseId, trx) : db.transaction().execute((t) => aggregates.sync(responseId, t));
    },

    /** A campaign's results from the counters only (null when they cannot serve the filter): tests, benchmarks. */
    async fromCounters(campaignId: number, filter: ResultsFilter, options: { includeRestricted: boolean }) {
      return aggregates.read(await campaignOrThrow(store, campaignId), filter, options);
    },

    /** Forgets a campaign's counters: the next read builds them from the responses. */
    invalidateCounters: (campaignId: number) => aggregates.invalidate(campaignId),

    /** A campaign's results computed from every response (what the counters must equal: tests, benchmarks). */
    async recompute(campaignId: number, filter: ResultsFilter, options: { includeRestricted: boolean }) {
      return recomputed(await campaignOrThrow(store, campaignId), filter, options.includeRestricted);
    },

    /**
     * A campaign's results: public ones for everyone (without restricted questions, free texts only where the
     * question allows it, no breakdown with fewer than the campaign's minimum of respondents), all for
     * coordinators on the coordination page. Read from counters kept up to date as responses change.
     */
    async results(
      actor: CurrentUser | null,
      campaignId: number,
      asked: ResultsQueryFilter,
      options: { coordination?: boolean } = {},
    ): Promise<ResultsModel> {
      if (options.coordination) authorizeOr(READ, actor, 'campaign.manage');
      const campaign = await campaignOrThrow(store, campaignId);
      // Results that are not public do not exist for visitors (404), and are refused to signed-in people (403).
      if (!actor && !can(actor, 'campaign.read_results', campaign))
        throw notFound('Ces résultats ne sont pas publics.');
      authorizeOr(
        { forbidden: 'Les résultats de cette campagne ne sont pas publics.' },
        actor,
        'campaign.read_results',
        campaign,
      );
      const includeRestricted = can(actor, 'question.read_restricted');
      const protect = !options.coordination;
      // A network narrows alone (its members cross types and régions).
      const combined = asked.network !== undefined && !!(asked.organisationType || asked.regionCode);
      const filter: ResultsQueryFilter =
        asked.network !== undefined
          ? { network: asked.network }
          : { organisationType: asked.organisationType, regionCode: asked.regionCode };
      // The counters first: they are built on this read when they are not yet (the network reads need them).
      const fromCounters = await aggregates.read(
        campaign,
        filter.network !== undefined
          ? {}
          : { organisationType: filter.organisationType, regionCode: filter.regionCode },
        { includeRestricted, texts: protect ? (q) => !!q.publicText : undefined },
      );
      const [divisions, disclosure] = await Promise.all([ports.organisations.divisions(), disclosureOf(campaign.id)]);
      const networks = await networksOf(campaign.id, disclosure);
      let status: CellStatus;
      let computed: NonNullable<typeof fromCounters>;
      if (filter.network !== undefined) {
        const members = networks.members.get(filter.network);
        if (!members) throw notFound("Ce réseau n'existe pas (ou plus).");
        const disclosed = networks.disclosed.find((n) => n.id === filter.network);
        status = protect ? (disclosed?.status ?? 'published') : 'published';
        computed = await networkResults(campaign, members, includeRestricted);
      } else {
        status = protect ? filterStatus(disclosure, filter.organisationType, filter.regionCode) : 'published';
        computed = fromCounters ?? (await recomputed(campaign, filter, includeRestricted));
      }
      const breakdown = {
        ...breakdownOptions(disclosure, divisions.regions, protect),
        networks: networkOptions(networks.disclosed, protect),
      };
      return {
        campaign,
        state: campaignState(campaign, clock.now()),
        results: status === 'published' ? (protect ? publicResults(computed.results) : computed.results) : null,
        counts:
          status === 'published' ? { responses: computed.results.responses, authorities: computed.authorities } : null,
        withheld: status === 'published' ? null : status,
        minCell: disclosure.minCell,
        protected: protect,
        includeRestricted,
        filter,
        combined,
        versions: status === 'published' ? computed.versions : [],
        filterOptions: {
          types: breakdown.types.map(({ value, label }) => ({ value, label })),
          regions: breakdown.regions.map(({ value, label }) => ({ value, label })),
          networks: breakdown.networks.map(({ value, label }) => ({ value, label })),
        },
        breakdown,
      };
    },

    /** The smallest number of respondents a breakdown of the public results may show (coordinators). */
    async setMinCell(actor: CurrentUser | null, campaignId: number, value: number, error?: string) {
      authorizeOr(READ, actor, 'campaign.manage');
      await campaignOrThrow(store, campaignId);
      if (error || !Number.isInteger(value) || value < 1 || value > 1000)
        throw new ValidationError(
          { minCell: error ?? 'Indiquez un nombre entier de répondants entre 1 et 1 000.' },
          'Le seuil de publication n’a pas été modifié.',
        );
      await store.setResultsMinCell(campaignId, value);
    },

    /** Campaigns whose results are public (opened ones only), newest first. */
    async publicResults() {
      const campaigns = await store.listCampaigns();
      const at = clock.now();
      return campaigns
        .filter((c) => c.resultsPublic && campaignState(c, at) !== 'scheduled')
        .map((c) => ({ id: c.id, title: c.title, state: campaignState(c, at), closesAt: c.closedAt ?? c.closesAt }));
    },

    /** One response, read-only, for coordinators. */
    async response(actor: CurrentUser | null, responseId: number) {
      authorizeOr(READ, actor, 'campaign.manage');
      const response = Number.isSafeInteger(responseId) && responseId > 0 ? await store.findResponse(responseId) : null;
      if (!response) throw notFound("Cette réponse n'existe pas.");
      const [campaign, version] = await Promise.all([
        campaignOrThrow(store, response.campaignId),
        versions.version(response.versionId),
      ]);
      const names = await organisationNames(Object.values(response.answers), lookup);
      return {
        response,
        campaign,
        version,
        organisationNames: names,
        mapsToLibrary: mapsToLibrary(version.content),
        libraryAvailable: !!ports.library,
        // A participation census response: the initiative drafted from it, or null (none yet); undefined: not one.
        initiative:
          ports.participation?.mapsToInitiative(version.content) && response.organisationId
            ? await ports.participation.initiativeOfResponse(response.id)
            : undefined,
      };
    },

    /** A file attached to any response, for coordinators. */
    async file(actor: CurrentUser | null, fileId: string) {
      authorizeOr(READ, actor, 'campaign.manage');
      const file = /^[A-Za-z0-9_-]{10,60}$/.test(fileId) ? await store.findFile(fileId) : null;
      if (!file) throw notFound('Ce fichier est introuvable.');
      return file;
    },

    /** Names of the organisations that organisation answers refer to (id → name), for display. */
    organisationNames: (values: unknown[]) => organisationNames(values, lookup),

    /**
     * The export of a campaign's responses, one row per response and one column per question (all versions,
     * matched by stable id), read in batches: memory stays flat. `ids` names the columns (`statut`…).
     */
    async responsesExport(
      actor: CurrentUser | null,
      campaignId: number,
    ): Promise<ResponsesExport<ExportRow> & { questions: Question[]; ids: string[] }> {
      authorizeOr(
        { forbidden: 'Seuls les coordinateurs du réseau peuvent exporter les réponses.' },
        actor,
        'campaign.manage',
      );
      const campaign = await campaignOrThrow(store, campaignId);
      // Every version of the questionnaire (newest first): a column per question that any of them asked.
      const used = await store.listVersions(campaign.questionnaireId);
      const numbers = new Map(used.map((v) => [v.id, v.number]));
      const questions = unionQuestions(used.map((v) => v.content));
      const groups = sectionTitles(used.map((v) => v.content));
      // Names beside codes, and instants as dates (time of Paris in CSV for people, date cells in XLSX).
      const divisions = await ports.organisations.divisions();
      const instant = (iso: string | null) => (iso ? new Date(iso) : '');
      // Identifiers (SIREN, INSEE code) read from the directory a batch at a time; networks by authority.
      const networkNames = await networksByAuthority();
      return {
        questions,
        header: [...HEADER, ...answerHeader(questions, groups)],
        ids: [...IDS, ...questions.map((q) => q.id)],
        rows: () => withIdentifiers(store.iterateResponses(campaignId, {}, 500), networkNames),
        cells: (r) => [
          r.id,
          r.organisationName ?? 'Réponse anonyme',
          r.siren,
          r.inseeCode,
          r.organisationType ? organisationTypeLabel(r.organisationType) : '',
          r.regionCode ?? '',
          r.regionCode ? (divisions.regions.get(r.regionCode) ?? '') : '',
          r.departementCode ?? '',
          r.departementCode ? (divisions.departements.get(r.departementCode) ?? '') : '',
          r.networks.join(' ; '),
          r.status === 'submitted' ? 'envoyée' : 'en cours',
          numbers.get(r.versionId) ?? '',
          instant(r.startedAt),
          instant(r.updatedAt),
          instant(r.submittedAt),
          ...answerCells(questions, r.answers),
        ],
        json: {
          head: {
            campaign: {
              id: campaign.id,
              title: campaign.title,
              opensAt: campaign.opensAt,
              closesAt: campaign.closesAt,
            },
            questions: questionsJson(questions, groups),
          },
          listKey: 'responses',
          item: (r) => ({
            id: r.id,
            organisationId: r.organisationId,
            organisation: r.organisationName,
            siren: r.siren || null,
            inseeCode: r.inseeCode || null,
            organisationType: r.organisationType,
            regionCode: r.regionCode,
            departementCode: r.departementCode,
            networks: r.networks,
            status: r.status,
            version: numbers.get(r.versionId) ?? 0,
            startedAt: r.startedAt,
            updatedAt: r.updatedAt,
            submittedAt: r.submittedAt,
            answers: r.answers,
          }),
        },
        filenameBase: `campagne-${campaignId}-reponses`,
      };
    },

    /** The export as a file, streamed (CSV, XLSX or JSON). `onError` hears a failure in the middle of the stream. */
    async exportFile(
      actor: CurrentUser | null,
      campaignId: number,
      format: ExportFormat,
      options: { onError?: (e: unknown) => void; csv?: CsvDialect } = {},
    ) {
      return streamExport(format, await service.responsesExport(actor, campaignId), options);
    },
  };
  return service;
}

export type ResultsService = ReturnType<typeof createResultsService>;
