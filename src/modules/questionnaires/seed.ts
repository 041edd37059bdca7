/**
 * Demo content of the questionnaires module (demo mode only): one open campaign of the AI census sent to the
 * métropoles, with a few example responses written for this project (every one says it is an example), so that the
 * dashboard, the results and the exports have something to show. Idempotent: found by its title.
 */

import type { Clock } from '../../platform/clock.ts';
import type { Answers } from '../forms/index.ts';
import { AI_CENSUS_KEY } from './catalogue/index.ts';
import type { OrganisationDirectory } from './ports.ts';
import { CLI_ACTOR } from './services/context.ts';
import type { QuestionnairesApi } from './services/index.ts';

export const DEMO_CAMPAIGN_TITLE = 'Recensement des démarches d’IA 2025 (démonstration)';

const EXAMPLE = 'Exemple de démonstration : ';

/** Example answers; `submit` says whether the example response is sent or left in progress. */
const EXAMPLES: { answers: Answers; submit: boolean }[] = [
  {
    submit: true,
    answers: {
      contact_nom: 'Direction des sports (exemple)',
      contact_email: 'sports@exemple.fr',
      nom_projet: 'Prévision de la fréquentation des piscines',
      resume: 'Anticiper l’affluence pour adapter les ouvertures de bassins et les plannings des maîtres-nageurs.',
      description: `${EXAMPLE}à partir des entrées des trois dernières années, de la météo et du calendrier scolaire, un modèle prévoit la fréquentation de chaque piscine à sept jours. Les plannings sont ajustés chaque semaine.`,
      objectif: 'Réduire les fermetures de bassins faute de personnel et les attentes aux heures de pointe.',
      date_debut: '2023-03',
      statut: 'deployment',
      theme: 'attractiveness',
      sous_themes: ['culture_leisure'],
      publics: ['general_public', 'agents'],
      techniques: ['machine_learning'],
      categorie_commun: 'forecasting',
      sources_donnees: ['internal_dataset', 'open_data'],
      details_donnees:
        'Billetterie des piscines depuis 2019, prévisions de Météo-France, calendrier des vacances scolaires.',
      acces_donnees: 'automated',
      hebergement: 'internal',
      mise_en_oeuvre: 'in_house',
      budget: 'below_50k',
      automatisation: 'no_decision',
      risque_ai_act: 'minimal',
      explicabilite: 'easy',
      transparence: {
        information: 'fait',
        aipd: 'sans_objet',
        documentation: 'fait',
        biais: 'en_cours',
        code_source: 'prevu',
      },
      aipd_publiee: false,
      satisfaction: 4,
      enseignements: 'Associer les chefs de bassin dès le départ : ce sont eux qui savent quand le modèle se trompe.',
      mise_en_commun: 'partager',
      conditions_partage: ['licence', 'accompagnement'],
    },
  },
  {
    submit: true,
    answers: {
      contact_email: 'eau@exemple.fr',
      nom_projet: 'Détection des fuites sur le réseau d’eau potable',
      description: `${EXAMPLE}les débits mesurés la nuit par les compteurs de sectorisation sont comparés à leur niveau habituel ; un écart durable signale une fuite probable aux équipes d’intervention.`,
      date_debut: '2024-01',
      statut: 'experimentation',
      theme: 'ecological_transition',
      sous_themes: ['water_management'],
      publics: ['agents'],
      techniques: ['machine_learning'],
      categorie_commun: 'anomaly_detection',
      sources_donnees: ['internal_dataset'],
      acces_donnees: 'api',
      hebergement: 'third_party_cloud',
      mise_en_oeuvre: 'service_providers',
      partenaires: 'Régie des eaux, un laboratoire universitaire d’hydrologie.',
      budget: 'from_50k_to_100k',
      automatisation: 'decision_support',
      decisions_par_an: 400,
      risque_ai_act: 'minimal',
      explicabilite: 'complex',
      transparence: {
        information: 'en_cours',
        aipd: 'sans_objet',
        documentation: 'en_cours',
        biais: 'non_prevu',
        code_source: 'non_prevu',
      },
      satisfaction: 3,
      mise_en_commun: 'discuter',
    },
  },
  {
    submit: true,
    answers: {
      contact_email: 'proprete@exemple.fr',
      nom_projet: 'Repérage des dépôts sauvages sur photos',
      description: `${EXAMPLE}les photos prises par les agents de propreté devaient être classées automatiquement par type de déchet pour orienter la bonne équipe.`,
      date_debut: '2022-05',
      statut: 'abandoned',
      raison_abandon:
        'Trop peu de photos étiquetées pour entraîner un modèle fiable, et un classement à la main finalement rapide.',
      date_fin: '2023-02',
      theme: 'ecological_transition',
      sous_themes: ['waste_circular_economy'],
      publics: ['agents'],
      techniques: ['computer_vision'],
      categorie_commun: 'other',
      sources_donnees: ['internal_dataset'],
      automatisation: 'no_decision',
      transparence: {
        information: 'non_prevu',
        aipd: 'sans_objet',
        documentation: 'fait',
        biais: 'non_prevu',
        code_source: 'non_prevu',
      },
      satisfaction: 1,
      enseignements: 'Vérifier d’abord le volume de données disponibles ; une règle simple suffisait.',
      mise_en_commun: 'non',
    },
  },
  {
    submit: false,
    answers: {
      nom_projet: 'Aide à la réponse aux courriers des habitants',
      description: `${EXAMPLE}un assistant propose aux agents un premier brouillon de réponse aux courriers les plus fréquents, relu et signé par le service.`,
      statut: 'exploration',
      theme: 'citizenship',
      techniques: ['generative_ai', 'nlp'],
      categorie_commun: 'conversational_assistant',
    },
  },
];

/** What the demo campaign is made with: the module's services, the organisations directory and the clock. */
export interface DemoDeps {
  api: QuestionnairesApi;
  directory: Pick<OrganisationDirectory, 'list'>;
  clock: Clock;
}

export async function seedDemoCampaign(
  { api, directory, clock }: DemoDeps,
  log: (line: string) => void = () => {},
): Promise<number> {
  if ((await api.campaigns.list(CLI_ACTOR)).some((c) => c.title === DEMO_CAMPAIGN_TITLE)) return 0;
  const censusId = await api.questionnaires.catalogueId(AI_CENSUS_KEY);
  if (!censusId) return 0;
  const metropoles = await directory.list({ type: 'metropole' }, { limit: 25, offset: 0 });
  if (!metropoles.rows.length) {
    log('Recensements : aucune métropole trouvée (code géographique non chargé ?), pas de campagne de démonstration.');
    return 0;
  }
  // The demo agents' commune (Nantes, SIREN 214401093) is invited too, without an example answer: every demo role
  // has a census to answer at once (« Mon espace », /recensements).
  const demoCommune = (await directory.list({ type: 'commune', q: '214401093' }, { limit: 1, offset: 0 })).rows;
  const day = 86_400_000;
  const { id } = await api.campaigns.create(CLI_ACTOR, {
    questionnaireId: censusId,
    title: DEMO_CAMPAIGN_TITLE,
    description:
      'Campagne de démonstration : les réponses affichées sont des exemples rédigés pour présenter la plateforme.',
    opensAt: new Date(clock.millis() - 10 * day).toISOString(),
    closesAt: new Date(clock.millis() + 60 * day).toISOString(),
    targets: {
      types: [],
      regions: [],
      departements: [],
      organisationIds: [...metropoles.rows, ...demoCommune].map((o) => o.id),
      sirens: [],
    },
    sirenList: '',
    publicLink: true,
    resultsPublic: true,
    libraryAuto: false,
    reminderDays: [],
  });
  const dash = await api.campaigns.dashboard(CLI_ACTOR, id);
  let count = 0;
  const examples = dash.followUp.filter((f) => !demoCommune.some((c) => c.id === f.organisationId));
  for (const [i, example] of EXAMPLES.entries()) {
    const invitation = examples[i];
    if (!invitation) break;
    const token = (await api.invitations.linkOf(CLI_ACTOR, invitation.invitationId)).split('/').pop()!;
    // The AI census takes one response per project: each example is the first project of its authority.
    const added = await api.respondents.addResponse(await api.respondents.openInvitation(token, null));
    let respondent = await api.respondents.openInvitation(token, null, added.response.id);
    await api.responses.autosave(respondent, {
      baseVersion: 0,
      answers: { collectivite: String(invitation.organisationId), ...example.answers },
    });
    if (example.submit) {
      respondent = await api.respondents.openInvitation(token, null, added.response.id);
      await api.responses.submit(respondent, { baseVersion: respondent.response!.version });
    }
    count++;
  }
  log(
    `Recensements : campagne de démonstration créée (${metropoles.rows.length} métropoles invitées, ${count} réponses d’exemple).`,
  );
  return count;
}
