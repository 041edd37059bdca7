/**
 * Reference lists of the library: data with stable codes and French labels, never strings scattered in code.
 *
 * Each list is `{ code, label, description? }[]` plus lookup helpers (`has`, `get`, `labelOf`, `match`).
 * `match` is tolerant: case, accents, punctuation, spacing, plural « s » and a unique leading part of a label are
 * forgiven, and each list carries aliases for the values found in the Interconnectés files and the PSTW dataset.
 *
 * The themes and sub-themes reuse the labels of the Interconnectés data standard (a shared vocabulary of French
 * local authorities); the theme a sub-theme belongs to is our own grouping (the standard does not say, and its own
 * data pairs sub-themes freely with themes, so any sub-theme may go with any theme).
 *
 * Pure data and functions, no I/O.
 */
import { foldText, ORGANISATION_TYPES, type OrganisationType } from '../organisations/index.ts';

// ---------------------------------------------------------------------------------------------------------------
// Machinery
// ---------------------------------------------------------------------------------------------------------------

export interface ReferenceItem<C extends string = string> {
  readonly code: C;
  readonly label: string;
  readonly description?: string;
}

export type ReferenceListKey =
  | 'themes'
  | 'subThemes'
  | 'projectStatuses'
  | 'techniques'
  | 'audiences'
  | 'authorityTypes'
  | 'budgetBands'
  | 'hosting'
  | 'implementationModes'
  | 'dataSources'
  | 'dataAccessModes'
  | 'aiActRiskCategories'
  | 'automationLevels'
  | 'effectivenessGaps'
  | 'explainabilityLevels'
  | 'commonsCategories'
  | 'sourceLicences'
  | 'languages'
  | 'countries';

export interface ReferenceList<C extends string = string, I extends ReferenceItem<C> = ReferenceItem<C>> {
  readonly key: ReferenceListKey;
  /** French name of the list (« Thèmes »). */
  readonly label: string;
  readonly items: readonly I[];
  readonly codes: readonly C[];
  has(code: unknown): code is C;
  get(code: string | null | undefined): I | undefined;
  /** The French label of a code; the code itself when unknown, '' for nothing. */
  labelOf(code: string | null | undefined): string;
  /** Tolerant lookup of a label, code or known alias (see module comment); null when nothing fits. */
  match(value: string | null | undefined): C | null;
}

/**
 * The comparison key of a label: lower case, accents folded, œ/æ expanded, punctuation and spacing collapsed,
 * « 50 k€ » written « 50k ». « Communauté D’agglomération » and « communaute d'agglomeration » share a key.
 */
export function normaliseLabel(value: string): string {
  return foldText(value.replace(/(\d)\s+(k|m)(?![a-z])/gi, '$1$2'));
}

/** The key with a final « s »/« x » removed from words of 4+ letters (« Mobilités » = « Mobilité »). */
function singularKey(key: string): string {
  return key
    .split(' ')
    .map((w) => (w.length > 3 ? w.replace(/[sx]$/, '') : w))
    .join(' ');
}

function defineList<const I extends readonly ReferenceItem[]>(
  key: ReferenceListKey,
  label: string,
  items: I,
  aliases: Readonly<Record<string, I[number]['code']>> = {},
): ReferenceList<I[number]['code'], I[number]> {
  type C = I[number]['code'];
  const byCode = new Map<string, I[number]>(items.map((i) => [i.code, i]));
  if (byCode.size !== items.length) throw new Error(`Liste ${key} : codes en double`);
  const exact = new Map<string, C>();
  const loose = new Map<string, C>();
  const add = (text: string, code: C) => {
    const k = normaliseLabel(text);
    if (!k) return;
    if (!exact.has(k)) exact.set(k, code);
    const s = singularKey(k);
    if (!loose.has(s)) loose.set(s, code);
  };
  for (const item of items) {
    add(item.code.replace(/_/g, ' '), item.code);
    add(item.label, item.code);
  }
  for (const [alias, code] of Object.entries(aliases)) {
    if (!byCode.has(code)) throw new Error(`Liste ${key} : alias « ${alias} » vers un code inconnu ${code}`);
    add(alias, code as C);
  }
  const labelKeys = items.map((i) => ({ code: i.code as C, key: singularKey(normaliseLabel(i.label)) }));
  return {
    key,
    label,
    items,
    codes: items.map((i) => i.code as C),
    has: (code: unknown): code is C => typeof code === 'string' && byCode.has(code),
    get: (code) => (code ? byCode.get(code) : undefined),
    labelOf: (code) => (code ? (byCode.get(code)?.label ?? code) : ''),
    match(value) {
      if (value == null) return null;
      const k = normaliseLabel(value);
      if (!k) return null;
      const direct = exact.get(k) ?? loose.get(singularKey(k));
      if (direct) return direct;
      // A unique leading part of a label, on a word boundary (« Transition écologique »).
      if (k.length < 5) return null;
      const s = singularKey(k);
      const candidates = labelKeys.filter((l) => l.key.startsWith(`${s} `));
      return candidates.length === 1 ? candidates[0]!.code : null;
    },
  };
}

export type CodeOf<L> = L extends ReferenceList<infer C, any> ? C : never;

// ---------------------------------------------------------------------------------------------------------------
// Themes and sub-themes
// ---------------------------------------------------------------------------------------------------------------

export const themes = defineList(
  'themes',
  'Thèmes',
  [
    {
      code: 'ecological_transition',
      label: 'Transition écologique et énergétique',
      description: 'Énergie, eau, déchets, biodiversité, air, risques naturels, agriculture.',
    },
    {
      code: 'attractiveness',
      label: 'Attractivité et développement',
      description: 'Économie locale, aménagement, immobilier, culture et loisirs.',
    },
    {
      code: 'citizenship',
      label: 'Citoyenneté, santé et solidarité',
      description: 'Relation aux usagers, santé, éducation, inclusion, participation citoyenne.',
    },
    {
      code: 'mobility',
      label: 'Mobilités',
      description: 'Trafic, transports, stationnement, logistique urbaine.',
    },
    {
      code: 'governance',
      label: 'Gouvernance et socles technologiques',
      description: 'Stratégie numérique, données, infrastructures, systèmes d’information, cybersécurité.',
    },
    {
      code: 'administration',
      label: 'Administration et organisation interne',
      description: 'Ressources humaines, assemblées, commande publique, rédaction et documents, appui juridique.',
    },
  ] as const,
  {
    'transition ecologique': 'ecological_transition',
    'transition energetique': 'ecological_transition',
    environnement: 'ecological_transition',
    'environmental protection': 'ecological_transition',
    attractivite: 'attractiveness',
    'developpement economique': 'attractiveness',
    citoyennete: 'citizenship',
    solidarite: 'citizenship',
    sante: 'citizenship',
    mobilite: 'mobility',
    transport: 'mobility',
    transports: 'mobility',
    gouvernance: 'governance',
    administration: 'administration',
    'organisation interne': 'administration',
  },
);
export type ThemeCode = CodeOf<typeof themes>;

export interface SubThemeItem extends ReferenceItem {
  /** The theme this sub-theme is listed under (grouping for forms and facets). */
  readonly theme: ThemeCode;
}

export const subThemes = defineList(
  'subThemes',
  'Sous-thèmes',
  [
    // Transition écologique et énergétique
    { code: 'energy_performance', label: 'Performance énergétique', theme: 'ecological_transition' },
    { code: 'public_lighting', label: 'Eclairage public', theme: 'ecological_transition' },
    { code: 'agriculture', label: 'Agriculture', theme: 'ecological_transition' },
    { code: 'water_management', label: 'Gestion de l’eau', theme: 'ecological_transition' },
    { code: 'waste_circular_economy', label: 'Déchets et économie circulaire', theme: 'ecological_transition' },
    { code: 'air_quality_noise', label: 'Qualité de l’air et nuisances sonores', theme: 'ecological_transition' },
    {
      code: 'biodiversity_natural_areas',
      label: 'Biodiversité et préservation des espaces naturels',
      theme: 'ecological_transition',
    },
    { code: 'risk_prevention', label: 'Prévention et gestion des risques', theme: 'ecological_transition' },
    // Attractivité et développement
    { code: 'economic_development', label: 'Commerce et développement économique', theme: 'attractiveness' },
    { code: 'construction_planning', label: 'Construction et aménagement', theme: 'attractiveness' },
    { code: 'real_estate', label: 'Immobilier', theme: 'attractiveness' },
    { code: 'culture_leisure', label: 'Culture et loisirs', theme: 'attractiveness' },
    // Citoyenneté, santé et solidarité
    { code: 'education', label: 'Education', theme: 'citizenship' },
    { code: 'health_access', label: 'Santé et accès aux soins', theme: 'citizenship' },
    { code: 'accessibility_disability', label: 'Accessibilité et handicap', theme: 'citizenship' },
    { code: 'user_relations', label: 'Lien social et relation aux usagers', theme: 'citizenship' },
    { code: 'digital_inclusion', label: 'Inclusion numérique', theme: 'citizenship' },
    { code: 'citizen_participation', label: 'Participation citoyenne', theme: 'citizenship' },
    // Mobilités
    { code: 'urban_logistics', label: 'Logistique urbaine', theme: 'mobility' },
    { code: 'multimodality', label: 'Multimodalités', theme: 'mobility' },
    { code: 'traffic_flows', label: 'Flux et trafic', theme: 'mobility' },
    { code: 'low_carbon_mobility', label: 'Mobilité décarbonée', theme: 'mobility' },
    { code: 'parking', label: 'Stationnement', theme: 'mobility' },
    // Gouvernance et socles technologiques
    { code: 'digital_twin', label: 'Modélisation et jumeau numérique', theme: 'governance' },
    { code: 'information_systems', label: 'Outillage système d’information', theme: 'governance' },
    { code: 'digital_infrastructure', label: 'Infrastructures numériques', theme: 'governance' },
    { code: 'digital_strategy', label: 'Gouvernance et stratégie numérique responsable', theme: 'governance' },
    { code: 'data_platform', label: 'Plateforme de données', theme: 'governance' },
    { code: 'cybersecurity', label: 'Cybersécurité', theme: 'governance' },
    // Administration et organisation interne
    { code: 'human_resources', label: 'Gestion des ressources humaines', theme: 'administration' },
    { code: 'assemblies', label: 'Gestion des assemblées', theme: 'administration' },
    { code: 'public_procurement', label: 'Gestion des marchés publics', theme: 'administration' },
    { code: 'document_management', label: 'Aide à la rédaction et gestion documentaire', theme: 'administration' },
    { code: 'legal_assistance', label: 'Aide juridique', theme: 'administration' },
  ] as const,
  {
    'jumeau numerique': 'digital_twin',
    eclairage: 'public_lighting',
    'gestion de l eau': 'water_management',
    eau: 'water_management',
    dechets: 'waste_circular_economy',
    'qualite de l air': 'air_quality_noise',
    biodiversite: 'biodiversity_natural_areas',
    'commande publique': 'public_procurement',
    'marches publics': 'public_procurement',
    'ressources humaines': 'human_resources',
    'relation aux usagers': 'user_relations',
    'relation usagers': 'user_relations',
    cybersecurite: 'cybersecurity',
    sante: 'health_access',
    handicap: 'accessibility_disability',
  },
);
export type SubThemeCode = CodeOf<typeof subThemes>;

/** The sub-themes listed under a theme, in display order. */
export function subThemesOf(theme: ThemeCode): readonly (typeof subThemes.items)[number][] {
  return subThemes.items.filter((s) => s.theme === theme);
}

// ---------------------------------------------------------------------------------------------------------------
// Project status (maturity), techniques, audiences
// ---------------------------------------------------------------------------------------------------------------

export const projectStatuses = defineList(
  'projectStatuses',
  'Statuts du projet',
  [
    {
      code: 'exploration',
      label: 'En exploration',
      description: 'Le besoin et les pistes sont étudiés ; rien n’est encore construit.',
    },
    {
      code: 'experimentation',
      label: 'En expérimentation',
      description: 'Une preuve de concept ou un pilote est en cours, sur un périmètre limité.',
    },
    {
      code: 'deployment',
      label: 'En déploiement',
      description: 'Le service est en production ou en cours de généralisation.',
    },
    { code: 'finished', label: 'Terminé', description: 'Le projet est arrivé à son terme.' },
    {
      code: 'abandoned',
      label: 'Abandonné',
      description: 'Le projet a été arrêté avant son terme ; les raisons sont expliquées sur la fiche.',
    },
  ] as const,
  {
    'en reflexion': 'exploration',
    reflexion: 'exploration',
    etude: 'exploration',
    'en construction': 'experimentation',
    poc: 'experimentation',
    'preuve de concept': 'experimentation',
    pilote: 'experimentation',
    'en production': 'deployment',
    deploye: 'deployment',
    deployee: 'deployment',
    terminee: 'finished',
    abandonnee: 'abandoned',
    // PSTW (JRC Public Sector Tech Watch) statuses
    planned: 'exploration',
    'in development': 'experimentation',
    pilot: 'experimentation',
    implemented: 'deployment',
    'not in use anymore': 'finished',
  },
);
export type ProjectStatusCode = CodeOf<typeof projectStatuses>;

export interface TechniqueItem extends ReferenceItem {
  /** False for the non-AI technologies found in public-sector registers (kept so that imports lose nothing). */
  readonly ai: boolean;
}

export const techniques = defineList(
  'techniques',
  'Techniques',
  [
    {
      code: 'machine_learning',
      label: 'Apprentissage automatique',
      description: 'Modèles statistiques appris sur des données (régression, arbres, classification…).',
      ai: true,
    },
    {
      code: 'neural_networks',
      label: 'Réseaux de neurones',
      description: 'Apprentissage profond, réseaux de neurones artificiels.',
      ai: true,
    },
    {
      code: 'nlp',
      label: 'Traitement automatique du langage',
      description: 'Analyse, classement ou extraction d’information dans des textes.',
      ai: true,
    },
    {
      code: 'generative_ai',
      label: 'IA générative',
      description: 'Production de textes, d’images ou de sons (grands modèles de langage…).',
      ai: true,
    },
    {
      code: 'computer_vision',
      label: 'Vision par ordinateur',
      description: 'Analyse d’images ou de vidéos : détection, reconnaissance, segmentation.',
      ai: true,
    },
    {
      code: 'speech_audio',
      label: 'Traitement de la parole et du son',
      description: 'Reconnaissance ou synthèse vocale, analyse de sons.',
      ai: true,
    },
    {
      code: 'planning_optimisation',
      label: 'Planification et optimisation',
      description: 'Recherche de la meilleure solution sous contraintes : tournées, plannings, affectations.',
      ai: true,
    },
    {
      code: 'knowledge_reasoning',
      label: 'Règles, raisonnement et connaissances',
      description: 'Systèmes experts, moteurs de règles, ontologies, raisonnement automatique.',
      ai: true,
    },
    {
      code: 'robotics',
      label: 'Robotique et automatisation',
      description: 'Robots, automates physiques ou logiciels.',
      ai: true,
    },
    {
      code: 'connected_vehicles',
      label: 'Véhicules connectés et autonomes',
      description: 'Navettes ou véhicules autonomes, véhicules connectés.',
      ai: true,
    },
    { code: 'other_ai', label: 'Autre technique d’IA', ai: true },
    {
      code: 'blockchain',
      label: 'Chaîne de blocs (hors IA)',
      description: 'Technologie non IA, présente dans les registres européens importés.',
      ai: false,
    },
    {
      code: 'extended_reality',
      label: 'Réalité virtuelle ou augmentée (hors IA)',
      description: 'Technologie non IA : réalité virtuelle, augmentée, mondes virtuels.',
      ai: false,
    },
    {
      code: 'quantum_computing',
      label: 'Informatique quantique (hors IA)',
      description: 'Technologie non IA.',
      ai: false,
    },
  ] as const,
  {
    // Interconnectés `type_algorithme`
    'machine learning': 'machine_learning',
    'traitement automatique du langage': 'nlp',
    tal: 'nlp',
    'computer vision': 'computer_vision',
    'reseaux de neurones': 'neural_networks',
    // PSTW AI subdomains and technologies
    'deep learning': 'neural_networks',
    'apprentissage profond': 'neural_networks',
    'natural language processing': 'nlp',
    'generative ai': 'generative_ai',
    'audio processing': 'speech_audio',
    'planning and scheduling': 'planning_optimisation',
    optimisation: 'planning_optimisation',
    optimization: 'planning_optimisation',
    searching: 'planning_optimisation',
    'automated reasoning': 'knowledge_reasoning',
    'knowledge representation': 'knowledge_reasoning',
    'systeme expert': 'knowledge_reasoning',
    'robotics and automation': 'robotics',
    'connected and automated vehicles': 'connected_vehicles',
    'multi agent systems': 'other_ai',
    'ai services': 'other_ai',
    'multiple ai techniques': 'other_ai',
    'multi ai techniques': 'other_ai',
    'ar vr': 'extended_reality',
    'virtual worlds': 'extended_reality',
    'quantum computing': 'quantum_computing',
  },
);
export type TechniqueCode = CodeOf<typeof techniques>;

export const audiences = defineList(
  'audiences',
  'Publics du service',
  [
    { code: 'general_public', label: 'Grand public' },
    { code: 'beneficiaries', label: 'Bénéficiaires', description: 'Bénéficiaires d’une prestation ou d’une aide.' },
    { code: 'agents', label: 'Agents', description: 'Agents de la collectivité ou de l’administration.' },
    { code: 'associations', label: 'Associations' },
    { code: 'elected_officials', label: 'Élus' },
    { code: 'businesses', label: 'Entreprises' },
    { code: 'local_authorities', label: 'Collectivités' },
    { code: 'schools', label: 'Établissements scolaires' },
    { code: 'health_facilities', label: 'Établissements de santé' },
  ] as const,
  {
    // Interconnectés labels (singular, some without accents)
    beneficiaire: 'beneficiaries',
    agent: 'agents',
    association: 'associations',
    elu: 'elected_officials',
    entreprise: 'businesses',
    'etablissement scolaire': 'schools',
    'etablissement sante': 'health_facilities',
    'etablissement de sante': 'health_facilities',
    // Found in the Interconnectés data: land developers are companies (private or semi-public).
    amenageurs: 'businesses',
    usagers: 'general_public',
    citoyens: 'general_public',
    habitants: 'general_public',
    // PSTW interaction types
    g2c: 'general_public',
    g2b: 'businesses',
    g2g: 'agents',
  },
);
export type AudienceCode = CodeOf<typeof audiences>;

// ---------------------------------------------------------------------------------------------------------------
// Authority types (owned by the organisations module; the library adds the Interconnectés vocabulary)
// ---------------------------------------------------------------------------------------------------------------

export const authorityTypes = defineList(
  'authorityTypes',
  'Types d’organisation',
  ORGANISATION_TYPES.map((t) => ({ code: t.code, label: t.label })) as readonly ReferenceItem<OrganisationType>[],
  {
    ville: 'commune',
    mairie: 'commune',
    municipalite: 'commune',
    ept: 'epci',
    'etablissement public territorial': 'epci',
    'etablissement public de cooperation intercommunale': 'epci',
    ca: 'communaute_agglomeration',
    cc: 'communaute_communes',
    cu: 'communaute_urbaine',
    'conseil departemental': 'departement',
    'conseil regional': 'region',
    syndicat: 'syndicat_mixte',
    'syndicat intercommunal': 'syndicat_mixte',
    operateur: 'operateur',
    // PSTW responsible organisation categories
    'local government': 'commune',
    'regional government': 'region',
    'central government': 'autre',
    'academic research': 'autre',
    consortium: 'autre',
    'private sector': 'autre',
    'european institution agency': 'autre',
    'non governmental': 'association',
    'community led': 'association',
  },
);
export type AuthorityTypeCode = OrganisationType;

// ---------------------------------------------------------------------------------------------------------------
// Means: budget, hosting, implementation, data
// ---------------------------------------------------------------------------------------------------------------

export const budgetBands = defineList(
  'budgetBands',
  'Budgets annuels',
  [
    { code: 'below_50k', label: 'Moins de 50 k€ par an' },
    { code: 'from_50k_to_100k', label: 'De 50 k€ à 100 k€ par an' },
    { code: 'above_100k', label: 'Plus de 100 k€ par an' },
  ] as const,
  {
    'moins de 50k': 'below_50k',
    'de 50k a 100k': 'from_50k_to_100k',
    'entre 50k et 100k': 'from_50k_to_100k',
    'plus de 100k': 'above_100k',
  },
);
export type BudgetBandCode = CodeOf<typeof budgetBands>;

export const hosting = defineList(
  'hosting',
  'Hébergements',
  [
    { code: 'third_party_cloud', label: 'Cloud chez un tiers' },
    { code: 'internal', label: 'En interne de l’administration' },
    { code: 'unknown', label: 'Ne sait pas' },
  ] as const,
  { 'en interne': 'internal', interne: 'internal', cloud: 'third_party_cloud', nsp: 'unknown' },
);
export type HostingCode = CodeOf<typeof hosting>;

export const implementationModes = defineList(
  'implementationModes',
  'Modes de réalisation',
  [
    { code: 'in_house', label: 'Projet développé en interne' },
    { code: 'external', label: 'Projet développé en externe' },
    { code: 'service_providers', label: 'Mobilisation de prestataires' },
    { code: 'public_procurement', label: 'Marché public' },
  ] as const,
  {
    interne: 'in_house',
    'en regie': 'in_house',
    externe: 'external',
    prestataire: 'service_providers',
    prestataires: 'service_providers',
    'mobilisation de prestataire': 'service_providers',
    // The Interconnectés files' own spelling (also what our Interconnectés export writes).
    'mobilisation de prestataire(s)': 'service_providers',
  },
);
export type ImplementationCode = CodeOf<typeof implementationModes>;

export const dataSources = defineList(
  'dataSources',
  'Sources des données',
  [
    { code: 'users', label: 'Les usagers', description: 'Données fournies par les usagers du service.' },
    { code: 'internal_dataset', label: 'Jeu de données interne' },
    { code: 'open_data', label: 'Données ouvertes (open data)' },
    { code: 'third_party', label: 'Données d’un tiers' },
    { code: 'unknown', label: 'Ne sait pas' },
  ] as const,
  { usager: 'users', 'open data': 'open_data', 'donnees ouvertes': 'open_data', nsp: 'unknown' },
);
export type DataSourceCode = CodeOf<typeof dataSources>;

export const dataAccessModes = defineList(
  'dataAccessModes',
  'Modes de collecte des données',
  [
    { code: 'api', label: 'Par API' },
    { code: 'automated', label: 'Collecte automatisée' },
    { code: 'manual', label: 'Récupération manuelle' },
    { code: 'unknown', label: 'Ne sait pas' },
  ] as const,
  { automatisee: 'automated', 'par recuperation manuelle': 'manual', manuelle: 'manual', nsp: 'unknown' },
);
export type DataAccessCode = CodeOf<typeof dataAccessModes>;

// ---------------------------------------------------------------------------------------------------------------
// Oversight: AI Act risk, automation, effectiveness, explainability
// ---------------------------------------------------------------------------------------------------------------

export const aiActRiskCategories = defineList(
  'aiActRiskCategories',
  'Catégories de risque du règlement européen sur l’IA',
  [
    {
      code: 'minimal',
      label: 'Risque minimal',
      description: 'Aucune obligation particulière au titre du règlement (ex. filtre, aide à la rédaction interne).',
    },
    {
      code: 'limited',
      label: 'Risque limité',
      description: 'Obligations de transparence : informer les personnes qu’elles interagissent avec une IA.',
    },
    {
      code: 'high',
      label: 'Risque élevé',
      description:
        'Usages de l’annexe III (accès aux prestations, emploi, éducation…) : gestion des risques, contrôle humain, documentation.',
    },
    {
      code: 'unacceptable',
      label: 'Inacceptable',
      description: 'Pratique interdite par le règlement (article 5).',
    },
  ] as const,
  {
    'minimal risk': 'minimal',
    'limited risk': 'limited',
    'high risk': 'high',
    'risque eleve': 'high',
    'haut risque': 'high',
    interdit: 'unacceptable',
  },
);
export type AiActRiskCode = CodeOf<typeof aiActRiskCategories>;

export const automationLevels = defineList('automationLevels', 'Niveaux d’automatisation', [
  {
    code: 'no_decision',
    label: 'Sans décision individuelle',
    description:
      'Le système produit des informations ou des analyses ; il ne concerne pas de décision sur une personne.',
  },
  {
    code: 'decision_support',
    label: 'Aide à la décision',
    description: 'Le système propose ; un agent examine chaque cas et décide.',
  },
  {
    code: 'automated_with_review',
    label: 'Décision automatisée sous contrôle humain',
    description: 'Le système décide ; des agents contrôlent les résultats et peuvent les corriger.',
  },
  {
    code: 'fully_automated',
    label: 'Décision entièrement automatisée',
    description:
      'Le système décide seul (décision fondée exclusivement sur un traitement algorithmique, article L. 311-3-1 du CRPA).',
  },
] as const);
export type AutomationLevelCode = CodeOf<typeof automationLevels>;

export const effectivenessGaps = defineList(
  'effectivenessGaps',
  'Écarts entre objectifs et résultats',
  [
    { code: 'low', label: 'Faible', description: 'Le système répond bien aux objectifs attendus.' },
    { code: 'medium', label: 'Moyen', description: 'Le système répond partiellement aux objectifs attendus.' },
    { code: 'high', label: 'Fort', description: 'Le système ne répond pas aux objectifs attendus.' },
  ] as const,
  { faible: 'low', moyen: 'medium', fort: 'high' },
);
export type EffectivenessGapCode = CodeOf<typeof effectivenessGaps>;

export const explainabilityLevels = defineList(
  'explainabilityLevels',
  'Niveaux d’explicabilité',
  [
    { code: 'easy', label: 'Facilement explicable au public' },
    { code: 'complex', label: 'Explicable mais complexe' },
    { code: 'not_explainable', label: 'Non explicable au public' },
  ] as const,
  // The Interconnectés scale grades the difficulty: « faible » means easy to explain.
  { faible: 'easy', moyen: 'complex', fort: 'not_explainable' },
);
export type ExplainabilityCode = CodeOf<typeof explainabilityLevels>;

// ---------------------------------------------------------------------------------------------------------------
// Commons (pooling) categories
// ---------------------------------------------------------------------------------------------------------------

export const commonsCategories = defineList(
  'commonsCategories',
  'Catégories de communs',
  [
    {
      code: 'forecasting',
      label: 'Prévision d’événements réguliers ou rares',
      description: 'Anticiper une fréquentation, une consommation, une crue, une panne…',
    },
    {
      code: 'anomaly_detection',
      label: 'Détection d’anomalies',
      description: 'Repérer des fuites, des dégradations, des écarts ou des fraudes dans des flux de données.',
    },
    {
      code: 'text_extraction',
      label: 'Reconnaissance et extraction de texte à partir d’images',
      description: 'Lire des documents numérisés, des formulaires, des plans ou des photos de panneaux.',
    },
    {
      code: 'aerial_shape_classification',
      label: 'Classification de formes sur images aériennes',
      description:
        'Reconnaître toitures, piscines, arbres, sols ou bâtiments sur des images aériennes ou satellitaires.',
    },
    {
      code: 'conversational_assistant',
      label: 'Assistants conversationnels',
      description: 'Agents conversationnels écrits ou vocaux, assistants de rédaction ou de recherche documentaire.',
    },
    {
      code: 'optimisation',
      label: 'Optimisation',
      description: 'Tournées, plannings, réglages d’installations, affectation de ressources.',
    },
    { code: 'other', label: 'Autre' },
  ] as const,
  {
    prevision: 'forecasting',
    'detection d anomalie': 'anomaly_detection',
    ocr: 'text_extraction',
    chatbot: 'conversational_assistant',
    'agent conversationnel': 'conversational_assistant',
    callbot: 'conversational_assistant',
    optimization: 'optimisation',
  },
);
export type CommonsCategoryCode = CodeOf<typeof commonsCategories>;

// ---------------------------------------------------------------------------------------------------------------
// Source code licences, languages, countries
// ---------------------------------------------------------------------------------------------------------------

/** SPDX identifiers of the licences French public bodies may use (decree 2021-1559), plus the usual others. */
export const sourceLicences = defineList(
  'sourceLicences',
  'Licences du code source',
  [
    { code: 'EUPL-1.2', label: 'EUPL 1.2' },
    { code: 'AGPL-3.0-or-later', label: 'GNU AGPL 3.0 ou ultérieure' },
    { code: 'GPL-3.0-or-later', label: 'GNU GPL 3.0 ou ultérieure' },
    { code: 'LGPL-3.0-or-later', label: 'GNU LGPL 3.0 ou ultérieure' },
    { code: 'MPL-2.0', label: 'Mozilla Public License 2.0' },
    { code: 'CECILL-2.1', label: 'CeCILL 2.1' },
    { code: 'CECILL-B', label: 'CeCILL-B' },
    { code: 'CECILL-C', label: 'CeCILL-C' },
    { code: 'Apache-2.0', label: 'Apache 2.0' },
    { code: 'MIT', label: 'MIT' },
    { code: 'BSD-2-Clause', label: 'BSD 2 clauses' },
    { code: 'BSD-3-Clause', label: 'BSD 3 clauses' },
    { code: 'proprietary', label: 'Licence propriétaire (code non libre)' },
    { code: 'other', label: 'Autre licence' },
  ] as const,
  { agpl: 'AGPL-3.0-or-later', gpl: 'GPL-3.0-or-later', eupl: 'EUPL-1.2', apache: 'Apache-2.0', cecill: 'CECILL-2.1' },
);
export type SourceLicenceCode = CodeOf<typeof sourceLicences>;

export const languages = defineList(
  'languages',
  'Langues',
  [
    { code: 'fr', label: 'Français' },
    { code: 'en', label: 'Anglais' },
  ] as const,
  { french: 'fr', english: 'en' },
);
export type LanguageCode = CodeOf<typeof languages>;

/** ISO 3166-1 alpha-2 codes (« EU » for the European Union) with French names, and the PSTW country names. */
export const countries = defineList(
  'countries',
  'Pays',
  [
    { code: 'FR', label: 'France' },
    { code: 'AD', label: 'Andorre' },
    { code: 'AL', label: 'Albanie' },
    { code: 'AT', label: 'Autriche' },
    { code: 'BE', label: 'Belgique' },
    { code: 'BG', label: 'Bulgarie' },
    { code: 'CH', label: 'Suisse' },
    { code: 'CY', label: 'Chypre' },
    { code: 'CZ', label: 'Tchéquie' },
    { code: 'DE', label: 'Allemagne' },
    { code: 'DK', label: 'Danemark' },
    { code: 'EE', label: 'Estonie' },
    { code: 'ES', label: 'Espagne' },
    { code: 'EU', label: 'Union européenne' },
    { code: 'FI', label: 'Finlande' },
    { code: 'GB', label: 'Royaume-Uni' },
    { code: 'GE', label: 'Géorgie' },
    { code: 'GR', label: 'Grèce' },
    { code: 'HR', label: 'Croatie' },
    { code: 'HU', label: 'Hongrie' },
    { code: 'IE', label: 'Irlande' },
    { code: 'IS', label: 'Islande' },
    { code: 'IT', label: 'Italie' },
    { code: 'LT', label: 'Lituanie' },
    { code: 'LU', label: 'Luxembourg' },
    { code: 'LV', label: 'Lettonie' },
    { code: 'MD', label: 'Moldavie' },
    { code: 'MK', label: 'Macédoine du Nord' },
    { code: 'MT', label: 'Malte' },
    { code: 'NL', label: 'Pays-Bas' },
    { code: 'NO', label: 'Norvège' },
    { code: 'PL', label: 'Pologne' },
    { code: 'PT', label: 'Portugal' },
    { code: 'RO', label: 'Roumanie' },
    { code: 'RS', label: 'Serbie' },
    { code: 'RU', label: 'Russie' },
    { code: 'SE', label: 'Suède' },
    { code: 'SI', label: 'Slovénie' },
    { code: 'SK', label: 'Slovaquie' },
    { code: 'SM', label: 'Saint-Marin' },
    { code: 'TR', label: 'Turquie' },
    { code: 'UA', label: 'Ukraine' },
  ] as const,
  {
    france: 'FR',
    andorra: 'AD',
    albania: 'AL',
    austria: 'AT',
    belgium: 'BE',
    bulgaria: 'BG',
    switzerland: 'CH',
    cyprus: 'CY',
    czechia: 'CZ',
    'czech republic': 'CZ',
    germany: 'DE',
    denmark: 'DK',
    estonia: 'EE',
    spain: 'ES',
    'european union': 'EU',
    finland: 'FI',
    'united kingdom': 'GB',
    uk: 'GB',
    georgia: 'GE',
    greece: 'GR',
    croatia: 'HR',
    hungary: 'HU',
    ireland: 'IE',
    iceland: 'IS',
    italy: 'IT',
    lithuania: 'LT',
    luxembourg: 'LU',
    latvia: 'LV',
    moldova: 'MD',
    'north macedonia': 'MK',
    malta: 'MT',
    netherlands: 'NL',
    'the netherlands': 'NL',
    norway: 'NO',
    poland: 'PL',
    portugal: 'PT',
    romania: 'RO',
    serbia: 'RS',
    russia: 'RU',
    sweden: 'SE',
    slovenia: 'SI',
    slovakia: 'SK',
    'san marino': 'SM',
    turkey: 'TR',
    ukraine: 'UA',
  },
);
export type CountryCode = CodeOf<typeof countries>;

// ---------------------------------------------------------------------------------------------------------------
// All lists
// ---------------------------------------------------------------------------------------------------------------

export const REFERENCE_LISTS = {
  themes,
  subThemes,
  projectStatuses,
  techniques,
  audiences,
  authorityTypes,
  budgetBands,
  hosting,
  implementationModes,
  dataSources,
  dataAccessModes,
  aiActRiskCategories,
  automationLevels,
  effectivenessGaps,
  explainabilityLevels,
  commonsCategories,
  sourceLicences,
  languages,
  countries,
} as const satisfies Record<ReferenceListKey, ReferenceList<any, any>>;

export function referenceList(key: ReferenceListKey): ReferenceList {
  return REFERENCE_LISTS[key] as unknown as ReferenceList;
}

// ---------------------------------------------------------------------------------------------------------------
// Interconnectés vocabulary (export): the exact values of their schema.json enums
// ---------------------------------------------------------------------------------------------------------------

/**
 * Our code -> the value written in an Interconnectés file, for every list their schema enumerates.
 * Where their enum is coarser than our list, the nearest value is used (documented on the open-data page):
 * « En exploration » is not in their `Statut_du_projet` enum and is written « En expérimentation »; every kind of
 * intercommunal body is « EPCI »; bodies outside their list are « Opérateur ».
 */
export const INTERCONNECTES_VALUES = {
  themes: {
    ecological_transition: 'Transition écologique et énergétique',
    attractiveness: 'Attractivité et développement',
    citizenship: 'Citoyenneté, santé et solidarité',
    mobility: 'Mobilités',
    governance: 'Gouvernance et socles technologiques',
    administration: 'Administration et organisation interne',
  },
  projectStatuses: {
    exploration: 'En expérimentation',
    experimentation: 'En expérimentation',
    deployment: 'En déploiement',
    finished: 'Terminée',
    abandoned: 'Abandonné',
  },
  audiences: {
    general_public: 'Grand public',
    beneficiaries: 'Bénéficiaire',
    agents: 'Agent',
    associations: 'Association',
    elected_officials: 'Elu',
    businesses: 'Entreprises',
    local_authorities: 'Collectivités',
    schools: 'Etablissement scolaire',
    health_facilities: 'Etablissement santé',
  },
  authorityTypes: {
    commune: 'Commune',
    metropole: 'EPCI',
    communaute_urbaine: 'EPCI',
    communaute_agglomeration: 'EPCI',
    communaute_communes: 'EPCI',
    epci: 'EPCI',
    departement: 'Département',
    region: 'Région',
    syndicat_mixte: 'Syndicat mixte',
    operateur: 'Opérateur',
    association: 'Opérateur',
    etablissement_public: 'Opérateur',
    laboratoire_etat: 'Opérateur',
    entreprise: 'Opérateur',
    autre: 'Opérateur',
  },
  budgetBands: { below_50k: 'moins de 50k€', from_50k_to_100k: 'de 50k€ à 100k€', above_100k: 'plus de 100k€' },
  hosting: { third_party_cloud: 'cloud chez un tiers', internal: "en interne de l'administration", unknown: 'NSP' },
  implementationModes: {
    in_house: 'Projet développé en interne',
    external: 'projet développé en externe',
    service_providers: 'mobilisation de prestataire(s)',
    public_procurement: 'marché public',
  },
  dataSources: {
    users: 'usager',
    internal_dataset: 'jeu de données interne',
    open_data: 'open data',
    third_party: "données d'un tiers",
    unknown: 'NSP',
  },
  dataAccessModes: { api: 'par API', automated: 'automatisée', manual: 'par récupération manuelle', unknown: 'NSP' },
  aiActRiskCategories: {
    minimal: 'risque minimal',
    limited: 'risque limité',
    high: 'risque élevé',
    unacceptable: 'inacceptable',
  },
  effectivenessGaps: { low: 'faible', medium: 'moyen', high: 'fort' },
  explainabilityLevels: { easy: 'faible', complex: 'moyen', not_explainable: 'fort' },
  /** `type_algorithme`: only the five AI families of their list; other techniques have no equivalent. */
  techniques: {
    machine_learning: 'Machine Learning',
    nlp: 'Traitement Automatique du langage',
    generative_ai: 'IA générative',
    computer_vision: 'Computer vision',
    neural_networks: 'Réseaux de neurones',
  },
} as const satisfies {
  themes: Record<ThemeCode, string>;
  projectStatuses: Record<ProjectStatusCode, string>;
  audiences: Record<AudienceCode, string>;
  authorityTypes: Record<AuthorityTypeCode, string>;
  budgetBands: Record<BudgetBandCode, string>;
  hosting: Record<HostingCode, string>;
  implementationModes: Record<ImplementationCode, string>;
  dataSources: Record<DataSourceCode, string>;
  dataAccessModes: Record<DataAccessCode, string>;
  aiActRiskCategories: Record<AiActRiskCode, string>;
  effectivenessGaps: Record<EffectivenessGapCode, string>;
  explainabilityLevels: Record<ExplainabilityCode, string>;
  techniques: Partial<Record<TechniqueCode, string>>;
};

// ---------------------------------------------------------------------------------------------------------------
// PSTW (JRC Public Sector Tech Watch) classifications -> our codes
// ---------------------------------------------------------------------------------------------------------------

/** COFOG level I -> theme. */
export const PSTW_COFOG_THEMES: Readonly<Record<string, ThemeCode>> = {
  'general public services': 'administration',
  'economic affairs': 'attractiveness',
  'public order and safety': 'citizenship',
  health: 'citizenship',
  'social protection': 'citizenship',
  'environmental protection': 'ecological_transition',
  education: 'citizenship',
  'housing and community amenities': 'attractiveness',
  'recreation culture and religion': 'attractiveness',
  defence: 'governance',
};

/** COFOG level II -> theme (overrides level I) and sub-theme, where the correspondence is clear. */
export const PSTW_COFOG2: Readonly<Record<string, { theme?: ThemeCode; subTheme?: SubThemeCode }>> = {
  transport: { theme: 'mobility' },
  'fuel and energy': { theme: 'ecological_transition', subTheme: 'energy_performance' },
  'agriculture forestry fishing and hunting': { theme: 'ecological_transition', subTheme: 'agriculture' },
  'mining manufacturing and construction': { subTheme: 'construction_planning' },
  'general economic commercial and labour affair': { subTheme: 'economic_development' },
  'waste management': { subTheme: 'waste_circular_economy' },
  'waste water management': { subTheme: 'water_management' },
  'water supply': { theme: 'ecological_transition', subTheme: 'water_management' },
  'pollution abatement': { subTheme: 'air_quality_noise' },
  'protection of biodiversity and landscape': { subTheme: 'biodiversity_natural_areas' },
  'street lighting': { theme: 'ecological_transition', subTheme: 'public_lighting' },
  'housing development': { subTheme: 'real_estate' },
  'community development': { subTheme: 'construction_planning' },
  'hospital services': { subTheme: 'health_access' },
  'public health services': { subTheme: 'health_access' },
  'outpatient services': { subTheme: 'health_access' },
  'health n e c': { subTheme: 'health_access' },
  'medical products appliances and equipment': { subTheme: 'health_access' },
  'r d health': { subTheme: 'health_access' },
  'sickness and disability': { subTheme: 'accessibility_disability' },
  'cultural services': { subTheme: 'culture_leisure' },
  'recreational and sporting services': { subTheme: 'culture_leisure' },
  'fire protection services': { theme: 'ecological_transition', subTheme: 'risk_prevention' },
  'civil defence': { theme: 'ecological_transition', subTheme: 'risk_prevention' },
  'pre primary and primary education': { subTheme: 'education' },
  'secondary education': { subTheme: 'education' },
  'post secondary non tertiary education': { subTheme: 'education' },
  'tertiary education': { subTheme: 'education' },
  'education not definable by level': { subTheme: 'education' },
  'subsidiary services to education': { subTheme: 'education' },
  'education n e c': { subTheme: 'education' },
  'r d education': { subTheme: 'education' },
};

/** PSTW application types -> commons category (the strongest signal; text clues refine it, see formats/pstw.ts). */
export const PSTW_APPLICATION_COMMONS: Readonly<Record<string, CommonsCategoryCode>> = {
  'prediction and planning': 'forecasting',
  'predictive enforcement processes': 'anomaly_detection',
  'supporting inspection processes': 'anomaly_detection',
  'management of auditing and logging': 'anomaly_detection',
  'improving cybersecurity': 'anomaly_detection',
  'engagement management': 'conversational_assistant',
  'tracking of goods and assets along the supply chain': 'optimisation',
};
