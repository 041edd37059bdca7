/**
 * Page types of the questionnaires module checked in a real browser (test/e2e/page-suite.ts). The answering and
 * coordination pages are checked with their own scenario in test/e2e/questionnaires.test.ts; the campaign pages of
 * issue 9 (preview with its error state, dashboard and its filters, an authority's several responses) are checked
 * here on the demo site's census campaign.
 */
import type { Page } from 'playwright-core';
import type { E2ePage, E2eSite } from '../../platform/module.ts';
import type { OrganisationsApi } from '../organisations/index.ts';
import { PARTICIPATION_KEY } from './catalogue/participation.ts';
import { DEMO_CAMPAIGN_TITLE } from './seed.ts';
import { CLI_ACTOR } from './services/context.ts';
import type { QuestionnairesApi } from './services/index.ts';

const api = (site: E2eSite) => site.api('questionnaires') as QuestionnairesApi;

/** The demo census campaign (several responses per authority). */
async function demoCampaign(site: E2eSite): Promise<number> {
  const campaign = (await api(site).campaigns.list(CLI_ACTOR)).find((c) => c.title === DEMO_CAMPAIGN_TITLE);
  if (!campaign) throw new Error('campagne de démonstration introuvable sur le site de test');
  return campaign.id;
}

/** A campaign prepared and not launched (its preview shows the launch form), made once per site. */
const prepared = new WeakMap<E2eSite, Promise<number>>();
function preparedCampaign(site: E2eSite): Promise<number> {
  let id = prepared.get(site);
  if (!id) {
    id = (async () => {
      const svc = api(site);
      const census = (await svc.questionnaires.list(CLI_ACTOR)).find((q) => q.catalogueKey === 'recensement-ia');
      if (!census) throw new Error('questionnaire du recensement introuvable');
      const created = await svc.campaigns.create(CLI_ACTOR, {
        questionnaireId: census.id,
        title: 'Recensement à lancer',
        description: 'Campagne préparée pour la vérification des pages.',
        opensAt: new Date(Date.now() - 86_400_000).toISOString(),
        closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        targets: { types: ['metropole'], regions: [], departements: [], organisationIds: [], sirens: [] },
        sirenList: '',
        publicLink: false,
        resultsPublic: false,
        libraryAuto: false,
        reminderDays: [],
        prepareOnly: true,
      });
      return created.id;
    })();
    prepared.set(site, id);
  }
  return id;
}

/** A questionnaire with groups (an imported SurveyJS panel with a condition), imported once per site. */
const grouped = new WeakMap<E2eSite, Promise<number>>();
function groupedQuestionnaire(site: E2eSite): Promise<number> {
  let id = grouped.get(site);
  if (!id) {
    const survey = {
      title: 'Questionnaire à groupes',
      pages: [
        {
          name: 'projets',
          title: 'Vos projets',
          elements: [
            { type: 'boolean', name: 'aUnProjet', title: 'Avez-vous un projet ?' },
            {
              type: 'panel',
              name: 'projet',
              title: 'Le projet',
              description: 'Décrivez votre principal projet.',
              visibleIf: '{aUnProjet} = true',
              elements: [{ type: 'text', name: 'nomProjet', title: 'Nom du projet' }],
            },
          ],
        },
      ],
    };
    id = api(site)
      .questionnaires.importFile(CLI_ACTOR, { format: 'surveyjs', text: JSON.stringify(survey) })
      .then((r) => r.id);
    grouped.set(site, id);
  }
  return id;
}

/**
 * A reference network with the demo campaign's respondents as members (once per site), for the results broken down
 * by network.
 */
const networked = new WeakMap<E2eSite, Promise<number>>();
function demoNetwork(site: E2eSite): Promise<number> {
  let id = networked.get(site);
  if (!id) {
    id = (async () => {
      const organisations = site.api('organisations') as OrganisationsApi;
      const networks = await organisations.ensureReferenceNetworks();
      const network = networks.find((n) => n.code === 'france-urbaine') ?? networks[0];
      if (!network) throw new Error('aucun réseau de référence sur le site de test');
      const dash = await api(site).campaigns.dashboard(CLI_ACTOR, await demoCampaign(site));
      await organisations.addNetworkMembers(
        network.code,
        dash.followUp.map((f) => f.organisationId),
      );
      return network.id;
    })();
    networked.set(site, id);
  }
  return id;
}

/**
 * Two campaigns of the participation questionnaire with public results, prepared (not launched), made once per site:
 * the comparison pages (the census campaign's choice labels come from the library's lists).
 */
const compared = new WeakMap<E2eSite, Promise<[number, number]>>();
function participationCampaigns(site: E2eSite): Promise<[number, number]> {
  let ids = compared.get(site);
  if (!ids) {
    ids = (async () => {
      const svc = api(site);
      const q = (await svc.questionnaires.list(CLI_ACTOR)).find((x) => x.catalogueKey === PARTICIPATION_KEY);
      if (!q) throw new Error('questionnaire de participation introuvable');
      const make = async (title: string) =>
        (
          await svc.campaigns.create(CLI_ACTOR, {
            questionnaireId: q.id,
            title,
            description: 'Campagne préparée pour la vérification de la comparaison.',
            opensAt: new Date(Date.now() - 86_400_000).toISOString(),
            closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
            targets: { types: ['metropole'], regions: [], departements: [], organisationIds: [], sirens: [] },
            sirenList: '',
            publicLink: false,
            resultsPublic: true,
            libraryAuto: false,
            reminderDays: [],
            prepareOnly: true,
          })
        ).id;
      return [await make('Participation 2025'), await make('Participation 2026')] as [number, number];
    })();
    compared.set(site, ids);
  }
  return ids;
}

/** Chooses the same campaign twice in the comparison form: the error summary. */
async function compareWithItself(page: Page) {
  const first = page.locator('#champ-a option').nth(1);
  const value = await first.getAttribute('value');
  await page.selectOption('#champ-a', value!);
  await page.selectOption('#champ-b', value!);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Comparer' }).click()]);
}

/** Sends the launch form without ticking the confirmation: the error summary. */
async function launchUnconfirmed(page: Page) {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Lancer la campagne' }).click()]);
}

export const questionnairesE2ePages: E2ePage[] = [
  { name: 'recensements', path: '/recensements', as: ['visitor', 'member'] },
  { name: 'comparer deux campagnes : le choix', path: '/recensements/comparer', as: ['visitor'] },
  {
    name: 'comparer deux campagnes : la même deux fois',
    path: async (site) => {
      await participationCampaigns(site);
      return '/coordination/campagnes/comparer';
    },
    as: ['coordinator'],
    act: compareWithItself,
  },
  {
    name: 'comparer deux campagnes : la comparaison (coordination)',
    path: async (site) => {
      const [a, b] = await participationCampaigns(site);
      return `/coordination/campagnes/comparer?a=${a}&b=${b}`;
    },
    as: ['coordinator'],
  },
  {
    name: 'comparer deux campagnes : la comparaison publique',
    path: async (site) => {
      const [a, b] = await participationCampaigns(site);
      return `/recensements/comparer?a=${a}&b=${b}`;
    },
    as: ['visitor'],
  },
  {
    name: 'résultats publics d’un réseau',
    path: async (site) => `/recensements/${await demoCampaign(site)}/resultats?reseau=${await demoNetwork(site)}`,
    as: ['visitor'],
  },
  {
    name: 'résultats d’un réseau (coordination)',
    path: async (site) =>
      `/coordination/campagnes/${(await participationCampaigns(site))[0]}/resultats?reseau=${await demoNetwork(site)}`,
    as: ['coordinator'],
  },
  {
    name: 'constructeur : questionnaire à groupes',
    path: async (site) => `/coordination/questionnaires/${await groupedQuestionnaire(site)}`,
    as: ['coordinator'],
  },
  {
    name: 'constructeur : formulaire d’un groupe',
    path: async (site) => `/coordination/questionnaires/${await groupedQuestionnaire(site)}/groupes/projet`,
    as: ['coordinator'],
  },
  {
    name: 'aperçu d’un questionnaire à groupes',
    path: async (site) => `/coordination/questionnaires/${await groupedQuestionnaire(site)}/apercu`,
    as: ['coordinator'],
  },
  {
    name: 'aperçu d’une campagne avant lancement',
    path: async (site) => `/coordination/campagnes/${await preparedCampaign(site)}/apercu`,
    as: ['coordinator'],
  },
  {
    name: 'aperçu d’une campagne : lancement sans confirmation',
    path: async (site) => `/coordination/campagnes/${await preparedCampaign(site)}/apercu`,
    as: ['coordinator'],
    act: launchUnconfirmed,
  },
  {
    name: 'suivi d’une campagne',
    path: async (site) => `/coordination/campagnes/${await demoCampaign(site)}`,
    as: ['coordinator'],
  },
  {
    name: 'suivi d’une campagne filtré (aucun résultat)',
    path: async (site) => `/coordination/campagnes/${await demoCampaign(site)}?envoi=echec&statut=submitted`,
    as: ['coordinator'],
  },
  {
    name: 'réponses d’une collectivité (une par projet)',
    path: async (site) => {
      const svc = api(site);
      const dash = await svc.campaigns.dashboard(CLI_ACTOR, await demoCampaign(site));
      const first = dash.followUp[0];
      if (!first) throw new Error('la campagne de démonstration n’invite aucune collectivité');
      return new URL(await svc.invitations.linkOf(CLI_ACTOR, first.invitationId)).pathname;
    },
  },
];
