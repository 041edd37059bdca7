/**
 * Reading what was answered: a campaign's results (public when the campaign says so, restricted questions only for
 * coordinators; computed once per state of the responses), the campaigns with public results, one response for
 * coordinators (and its files), and the responses' exports (streamed by the forms engine as CSV, XLSX or JSON).
 */
import { can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { notFound } from '../../../platform/http/errors.ts';
import {
  type Answers,
  answerCells,
  computeResults,
  type ExportFormat,
  organisationNames,
  type Question,
  questionsJson,
  type ResponsesExport,
  streamExport,
  unionQuestions,
} from '../../forms/index.ts';
import { organisationTypeLabel } from '../../organisations/index.ts';
import { campaignState } from '../campaigns.ts';
import { mapsToLibrary } from '../library-mapping.ts';
import { authorizeOr } from '../policy.ts';
import type { Response, ResponseFilter } from '../records.ts';
import { campaignOrThrow, type ServiceDeps } from './context.ts';
import { organisationLookup } from './respondents.ts';

const READ = { forbidden: 'Seuls les coordinateurs du réseau peuvent consulter les réponses.' };

const HEADER = [
  'réponse',
  'collectivité',
  'type de collectivité',
  'région',
  'département',
  'statut',
  'version du questionnaire',
  'commencée le',
  'mise à jour le',
  'envoyée le',
];

const IDS = [
  'response_id',
  'organisation',
  'organisation_type',
  'region_code',
  'departement_code',
  'status',
  'version',
  'started_at',
  'updated_at',
  'submitted_at',
];

export function createResultsService(deps: ServiceDeps) {
  const { store, clock, ports, versions } = deps;
  const lookup = organisationLookup(ports.organisations);

  /** Computed results by campaign and filter, with the state of the responses they were computed from. */
  const cache = new Map<string, { stamp: string; results: ReturnType<typeof computeResults>; versions: number[] }>();

  async function computed(campaign: { id: number; versionId: number }, f: ResponseFilter, includeRestricted: boolean) {
    // Results only change when a response is sent or reopened: computed once per state of the responses.
    const key = JSON.stringify([campaign.id, campaign.versionId, f, includeRestricted]);
    const stamp = await store.responsesStamp(campaign.id, f);
    const cached = cache.get(key);
    if (cached && cached.stamp === stamp) return cached;
    const rows = await store.answersOf(campaign.id, f);
    const versionIds = [...new Set([campaign.versionId, ...rows.map((r) => r.versionId)])];
    const used = (await store.findVersions(versionIds)).sort((a, b) => b.number - a.number);
    const parsed = (function* () {
      for (const r of rows) yield JSON.parse(r.answers) as Answers;
    })();
    const results = computeResults(
      used.map((v) => v.content),
      parsed,
      { includeRestricted },
    );
    const entry = { stamp, results, versions: used.map((v) => v.number) };
    if (cache.size >= 50) cache.delete(cache.keys().next().value!);
    cache.set(key, entry);
    return entry;
  }

  const service = {
    /**
     * A campaign's results: public ones for everyone (without restricted questions), all for coordinators.
     * `coordination`: the coordinators' page of the results (coordinators only, whatever the campaign).
     */
    async results(
      actor: CurrentUser | null,
      campaignId: number,
      filter: { organisationType?: string; regionCode?: string },
      options: { coordination?: boolean } = {},
    ) {
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
      const { results, versions: numbers } = await computed(
        campaign,
        { status: 'submitted', ...filter },
        includeRestricted,
      );
      const [divisions, followUp] = await Promise.all([ports.organisations.divisions(), store.followUp(campaignId)]);
      return {
        campaign,
        state: campaignState(campaign, clock.now()),
        results,
        includeRestricted,
        filter,
        versions: numbers,
        filterOptions: {
          types: [...new Set(followUp.map((f) => f.organisationType))].map((t) => ({
            value: t,
            label: organisationTypeLabel(t),
          })),
          regions: [...new Set(followUp.map((f) => f.regionCode).filter(Boolean) as string[])]
            .map((c) => ({ value: c, label: divisions.regions.get(c) ?? c }))
            .sort((a, b) => a.label.localeCompare(b.label, 'fr')),
        },
      };
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
    ): Promise<ResponsesExport<Response> & { questions: Question[]; ids: string[] }> {
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
      return {
        questions,
        header: [...HEADER, ...questions.map((q) => q.label)],
        ids: [...IDS, ...questions.map((q) => q.id)],
        rows: () => store.iterateResponses(campaignId, {}, 500),
        cells: (r) => [
          r.id,
          r.organisationName ?? 'Réponse anonyme',
          r.organisationType ? organisationTypeLabel(r.organisationType) : '',
          r.regionCode ?? '',
          r.departementCode ?? '',
          r.status === 'submitted' ? 'envoyée' : 'en cours',
          numbers.get(r.versionId) ?? '',
          r.startedAt,
          r.updatedAt,
          r.submittedAt ?? '',
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
            questions: questionsJson(questions),
          },
          listKey: 'responses',
          item: (r) => ({
            id: r.id,
            organisationId: r.organisationId,
            organisation: r.organisationName,
            organisationType: r.organisationType,
            regionCode: r.regionCode,
            departementCode: r.departementCode,
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
      options: { onError?: (e: unknown) => void } = {},
    ) {
      return streamExport(format, await service.responsesExport(actor, campaignId), options);
    },
  };
  return service;
}

export type ResultsService = ReturnType<typeof createResultsService>;
