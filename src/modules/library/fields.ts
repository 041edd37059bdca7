/**
 * The catalogue of every field of a use case (« fiche »): one entry per field with its French label and hint,
 * type, reference list, form step, access level, Interconnectés column names and Eurocities ATS attribute.
 *
 * This catalogue drives the form steps, validation, the presenter (who sees what), the exports and the open-data
 * field documentation. Add a field here and everything follows.
 *
 * Access levels (who may read a field):
 * - public: everyone, including anonymous visitors, the API, exports, feeds and search;
 * - members: members of the network (people belonging to any authority, coordinators, administrators);
 * - editors: only the people who write the authority's use cases (its members), coordinators and administrators.
 *
 * The levels follow the Interconnectés data model (`data-model.md`: « Public » -> public, « Restreint » -> members),
 * with these decisions of ours, each documented on the field (`accessNote`):
 * - the transparency fields that only their `schema.json` lists (risks, AI Act category, proportionality, decision
 *   scope, effectiveness, explainability, reversibility, objection) are public: they are what citizens need, and the
 *   Eurocities standard and French law (CRPA L. 311-3-1, L. 312-1-3) make this information public;
 * - the AI techniques (`type_algorithme`, « Restreint » there) are public: the library facets, statistics and the
 *   Eurocities standard (`methods_and_models`) show them; the algorithm's name, description and operations stay
 *   restricted as Interconnectés marks them;
 * - the new fields French law and the European standards add are public, except the DPIA link (often an internal
 *   document: members) and the contact's name (personal data: members, like the contact e-mail);
 * - internal notes and budget details are for the authority's editors only.
 *
 * Pure data, no I/O.
 */
import type {
  AiActRiskCode,
  AudienceCode,
  AutomationLevelCode,
  BudgetBandCode,
  CommonsCategoryCode,
  DataAccessCode,
  DataSourceCode,
  EffectivenessGapCode,
  ExplainabilityCode,
  HostingCode,
  ImplementationCode,
  LanguageCode,
  ProjectStatusCode,
  ReferenceListKey,
  SourceLicenceCode,
  SubThemeCode,
  TechniqueCode,
  ThemeCode,
} from './reference.ts';

// ---------------------------------------------------------------------------------------------------------------
// The content of a use case
// ---------------------------------------------------------------------------------------------------------------

/** A link to a dataset used by the system. */
export interface DatasetLink {
  title: string;
  url: string;
}

/**
 * Everything a use case says. Empty text is `null`, empty lists are `[]`. Dates: `startDate`/`endDate` are partial ISO
 * dates (« 2024 », « 2024-03 » or « 2024-03-15 »: the precision people know); other dates are full ISO dates.
 */
export interface UseCaseContent {
  // Le projet
  title: string | null;
  summary: string | null;
  /** « En bref, en langage clair »: short sentences without jargon, shown first to visitors. */
  plainSummary: string | null;
  description: string | null;
  goal: string | null;
  partners: string | null;
  serviceUrl: string | null;
  logoUrl: string | null;
  // Thème et publics
  theme: ThemeCode | null;
  subThemes: SubThemeCode[];
  commonsCategory: CommonsCategoryCode | null;
  audiences: AudienceCode[];
  // Avancement
  projectStatus: ProjectStatusCode | null;
  startDate: string | null;
  endDate: string | null;
  abandonReason: string | null;
  /** « Retour d'expérience »: what worked, what did not. */
  lessonsLearned: string | null;
  // Localisation
  latitude: number | null;
  longitude: number | null;
  // Moyens et contact
  implementation: ImplementationCode | null;
  funding: string | null;
  budgetBand: BudgetBandCode | null;
  budgetDetails: string | null;
  hosting: HostingCode | null;
  contactName: string | null;
  contactEmail: string | null;
  internalNotes: string | null;
  // L'algorithme
  algorithmName: string | null;
  algorithmDescription: string | null;
  algorithmOperations: string | null;
  techniques: TechniqueCode[];
  environmentalImpact: string | null;
  sourceCodeUrl: string | null;
  sourceCodeLicence: SourceLicenceCode | null;
  resourcesUrl: string | null;
  // Les données
  dataSources: DataSourceCode[];
  dataSourceDetails: string | null;
  dataAccess: DataAccessCode | null;
  datasets: DatasetLink[];
  // Décisions et droits des personnes
  automationLevel: AutomationLevelCode | null;
  legalBasis: string | null;
  humanOversight: string | null;
  decisionScope: string | null;
  decisionsPerYear: number | null;
  affectedPublic: string | null;
  objectionProcedure: string | null;
  reversibility: string | null;
  // Risques et évaluation
  riskAssessment: string | null;
  aiActRiskCategory: AiActRiskCode | null;
  proportionality: string | null;
  effectivenessGap: EffectivenessGapCode | null;
  explainability: ExplainabilityCode | null;
  dpiaUrl: string | null;
  nextReviewDate: string | null;
  // Métadonnées (not in the form)
  infoUpdatedOn: string | null;
  language: LanguageCode | null;
}

export type ContentKey = keyof UseCaseContent;

/** A use case with nothing filled in. */
export function emptyContent(): UseCaseContent {
  return {
    title: null,
    summary: null,
    plainSummary: null,
    description: null,
    goal: null,
    partners: null,
    serviceUrl: null,
    logoUrl: null,
    theme: null,
    subThemes: [],
    commonsCategory: null,
    audiences: [],
    projectStatus: null,
    startDate: null,
    endDate: null,
    abandonReason: null,
    lessonsLearned: null,
    latitude: null,
    longitude: null,
    implementation: null,
    funding: null,
    budgetBand: null,
    budgetDetails: null,
    hosting: null,
    contactName: null,
    contactEmail: null,
    internalNotes: null,
    algorithmName: null,
    algorithmDescription: null,
    algorithmOperations: null,
    techniques: [],
    environmentalImpact: null,
    sourceCodeUrl: null,
    sourceCodeLicence: null,
    resourcesUrl: null,
    dataSources: [],
    dataSourceDetails: null,
    dataAccess: null,
    datasets: [],
    automationLevel: null,
    legalBasis: null,
    humanOversight: null,
    decisionScope: null,
    decisionsPerYear: null,
    affectedPublic: null,
    objectionProcedure: null,
    reversibility: null,
    riskAssessment: null,
    aiActRiskCategory: null,
    proportionality: null,
    effectivenessGap: null,
    explainability: null,
    dpiaUrl: null,
    nextReviewDate: null,
    infoUpdatedOn: null,
    language: 'fr',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Access levels and form steps
// ---------------------------------------------------------------------------------------------------------------

export type AccessLevel = 'public' | 'members' | 'editors';
export const ACCESS_LEVELS: readonly AccessLevel[] = ['public', 'members', 'editors'];
const ACCESS_RANK: Record<AccessLevel, number> = { public: 0, members: 1, editors: 2 };

/** True when someone with access `granted` may read a field of level `required`. */
export function canRead(granted: AccessLevel, required: AccessLevel): boolean {
  return ACCESS_RANK[granted] >= ACCESS_RANK[required];
}

export const ACCESS_LABELS: Record<AccessLevel, string> = {
  public: 'Public',
  members: 'Membres du réseau',
  editors: 'La collectivité seulement',
};

export type FormStepKey =
  | 'project'
  | 'classification'
  | 'progress'
  | 'location'
  | 'means'
  | 'algorithm'
  | 'data'
  | 'decisions'
  | 'risks';

export interface FormStep {
  key: FormStepKey;
  /** Page title (« Le projet »). */
  title: string;
  /** One sentence under the title. */
  intro: string;
  /** URL segment of the step page. */
  slug: string;
}

/** The form's steps, in order (GOV.UK style: one topic per page, then a check-your-answers page). */
export const FORM_STEPS: readonly FormStep[] = [
  {
    key: 'project',
    slug: 'projet',
    title: 'Le projet',
    intro: 'Présentez le projet comme à un collègue d’une autre collectivité : à quoi il sert et pour qui.',
  },
  {
    key: 'classification',
    slug: 'themes',
    title: 'Thème et publics',
    intro: 'Ces choix permettent de retrouver la fiche et de la rapprocher de projets semblables.',
  },
  {
    key: 'progress',
    slug: 'avancement',
    title: 'Avancement',
    intro: 'Où en est le projet aujourd’hui ?',
  },
  {
    key: 'location',
    slug: 'localisation',
    title: 'Localisation',
    intro: 'Le point affiché sur la carte. Sans coordonnées, la carte utilise le siège de la collectivité.',
  },
  {
    key: 'means',
    slug: 'moyens',
    title: 'Moyens et contact',
    intro: 'Ces informations sont réservées aux membres du réseau, sauf mention contraire.',
  },
  {
    key: 'algorithm',
    slug: 'algorithme',
    title: 'L’algorithme',
    intro: 'Décrivez le système d’IA : ce qu’il fait et comment, avec des mots simples.',
  },
  {
    key: 'data',
    slug: 'donnees',
    title: 'Les données',
    intro: 'Quelles données le système utilise-t-il, et comment sont-elles obtenues ?',
  },
  {
    key: 'decisions',
    slug: 'decisions',
    title: 'Décisions et droits des personnes',
    intro: 'Le système contribue-t-il à des décisions qui concernent des personnes ? Comment peuvent-elles réagir ?',
  },
  {
    key: 'risks',
    slug: 'risques',
    title: 'Risques et évaluation',
    intro: 'Les risques identifiés, les mesures prises et le suivi prévu.',
  },
];

export function formStep(key: FormStepKey): FormStep {
  const step = FORM_STEPS.find((s) => s.key === key);
  if (!step) throw new Error(`Étape inconnue : ${key}`);
  return step;
}

// ---------------------------------------------------------------------------------------------------------------
// Field definitions
// ---------------------------------------------------------------------------------------------------------------

export type FieldType =
  /** One line of text. */
  | 'text'
  /** Several paragraphs. */
  | 'longtext'
  | 'email'
  | 'url'
  /** Full ISO date (AAAA-MM-JJ). */
  | 'date'
  /** Partial ISO date: year, year-month or full date. */
  | 'partialDate'
  | 'integer'
  | 'number'
  /** One code of a reference list. */
  | 'code'
  /** Several codes of a reference list. */
  | 'codes'
  /** A list of `{ title, url }`. */
  | 'links';

/** When a field must be filled before a use case is submitted for review. */
export type Requirement =
  | 'always'
  | 'never'
  /** When the project status is « Abandonné ». */
  | 'when_abandoned'
  /** When the system contributes to decisions about people (automation level other than « Sans décision »). */
  | 'when_decisions';

export interface FieldDef<K extends ContentKey = ContentKey> {
  key: K;
  /** French label, as shown above the input and on the use case page. */
  label: string;
  /** Help under the label (GOV.UK « hint »). */
  hint?: string;
  type: FieldType;
  /** Reference list of `code`/`codes` fields. */
  list?: ReferenceListKey;
  /** Maximum number of codes or links. */
  maxItems?: number;
  /** Maximum length of text, in characters. */
  maxLength?: number;
  min?: number;
  max?: number;
  /** Form step; null for fields the system fills (metadata). */
  step: FormStepKey | null;
  access: AccessLevel;
  /** Why the access level differs from the Interconnectés marking or was decided by us (documentation). */
  accessNote?: string;
  required: Requirement;
  /** Error message when the field is required and empty (French, GOV.UK style). */
  requiredMessage?: string;
  /** Names in Interconnectés files: `schema` = their schema.json and 16-column public file, `full` = 27-column model. */
  interconnectes?: { schema?: string; full?: string };
  /** Attribute of the Eurocities Algorithmic Transparency Standard (v0.3.1) this field feeds. */
  ats?: string;
  /** Full-text search weight (public fields only are indexed). */
  search?: 'A' | 'B' | 'C';
  /** A facet of the library page. */
  facet?: boolean;
}

const LONG = 20_000;
const SHORT = 300;

/** Every field of a use case, in form order. */
export const FIELDS: readonly FieldDef[] = [
  // -- Le projet ------------------------------------------------------------------------------------------------
  {
    key: 'title',
    label: 'Nom du projet',
    hint: 'Le nom sous lequel le projet ou le service est connu, par exemple « Prévision des repas des cantines ».',
    type: 'text',
    maxLength: 200,
    step: 'project',
    access: 'public',
    required: 'always',
    requiredMessage: 'Saisissez le nom du projet.',
    interconnectes: { schema: 'Nom_du_projet', full: 'nom_projet' },
    ats: 'name',
    search: 'A',
  },
  {
    key: 'summary',
    label: 'Résumé en une phrase',
    hint: 'Affiché dans les résultats de recherche. 200 caractères au plus.',
    type: 'text',
    maxLength: 200,
    step: 'project',
    access: 'public',
    required: 'never',
    ats: 'description_short',
    search: 'B',
  },
  {
    // Shown first on the sheet page, and by consultations beside their questions.
    key: 'plainSummary',
    label: 'En bref, en langage clair',
    hint: 'Expliquez le projet à un habitant qui ne connaît pas l’IA : ce que fait le système, pour qui, et ce qui change pour lui. Des phrases courtes (20 mots au plus), sans sigle ni jargon. 600 caractères au plus.',
    type: 'longtext',
    maxLength: 600,
    step: 'project',
    access: 'public',
    accessNote: 'Ajouté par nous (langage clair) ; public : il s’adresse aux habitants.',
    required: 'never',
    search: 'B',
  },
  {
    key: 'description',
    label: 'Description du service et de ses usages',
    hint: 'À quoi sert ce service ? Qui l’utilise ? Quels bénéfices sont attendus ?',
    type: 'longtext',
    maxLength: LONG,
    step: 'project',
    access: 'public',
    required: 'always',
    requiredMessage: 'Décrivez le service et ses usages.',
    interconnectes: { schema: 'Description_service', full: 'usage_description' },
    ats: 'goal',
    search: 'B',
  },
  {
    key: 'goal',
    label: 'Objectif poursuivi',
    hint: 'La finalité du traitement : le problème public que le projet veut résoudre et le résultat visé.',
    type: 'longtext',
    maxLength: LONG,
    step: 'project',
    access: 'public',
    accessNote: 'Ajouté au modèle Interconnectés (finalité du traitement) ; public comme dans le standard Eurocities.',
    required: 'never',
    ats: 'goal',
    search: 'B',
  },
  {
    key: 'partners',
    label: 'Partenaires associés',
    hint: 'Partenaires académiques, experts, techniques ou financeurs, séparés par des virgules.',
    type: 'text',
    maxLength: 1000,
    step: 'project',
    access: 'public',
    required: 'never',
    interconnectes: { schema: 'Partenaires', full: 'partenaires' },
    search: 'C',
  },
  {
    key: 'serviceUrl',
    label: 'Lien vers le projet',
    hint: 'Page d’information ou accès au service : adresse complète, commençant de préférence par https:// (http:// est accepté).',
    type: 'url',
    maxLength: 2000,
    step: 'project',
    access: 'public',
    required: 'never',
    interconnectes: { schema: 'URL_Service', full: 'url_information' },
    ats: 'documentation',
  },
  {
    key: 'logoUrl',
    label: 'Image ou logo',
    hint: 'Adresse d’une image PNG, JPEG ou WebP de 500 Ko au plus, commençant par https:// (ou http://) : le site en garde une copie. Sans image, le logo de la collectivité est utilisé.',
    type: 'url',
    maxLength: 2000,
    step: 'project',
    access: 'public',
    required: 'never',
    interconnectes: { schema: 'URL_Logo', full: 'image' },
  },
  // -- Thème et publics -----------------------------------------------------------------------------------------
  {
    key: 'theme',
    label: 'Thème principal',
    hint: 'La grande politique publique concernée.',
    type: 'code',
    list: 'themes',
    step: 'classification',
    access: 'public',
    required: 'always',
    requiredMessage: 'Choisissez le thème principal.',
    interconnectes: { schema: 'Theme', full: 'theme' },
    ats: 'domain',
    facet: true,
  },
  {
    key: 'subThemes',
    label: 'Sous-thèmes',
    hint: 'Un ou deux sous-thèmes, de n’importe quel thème.',
    type: 'codes',
    list: 'subThemes',
    maxItems: 2,
    step: 'classification',
    access: 'public',
    required: 'never',
    interconnectes: { schema: 'Sous_Theme', full: 'sous_theme' },
    ats: 'keywords',
    facet: true,
  },
  {
    key: 'commonsCategory',
    label: 'Catégorie de commun',
    hint: 'Le type de problème résolu, pour rapprocher les projets qui pourraient être mutualisés.',
    type: 'code',
    list: 'commonsCategories',
    step: 'classification',
    access: 'public',
    accessNote: 'Ajouté au modèle Interconnectés pour la mise en commun.',
    required: 'always',
    requiredMessage: 'Choisissez la catégorie de commun (« Autre » si aucune ne convient).',
    ats: 'keywords',
    facet: true,
  },
  {
    key: 'audiences',
    label: 'Publics du service',
    hint: 'À qui s’adresse le service ? Plusieurs choix possibles.',
    type: 'codes',
    list: 'audiences',
    step: 'classification',
    access: 'public',
    required: 'always',
    requiredMessage: 'Choisissez au moins un public.',
    interconnectes: { schema: 'Audience', full: 'audience_service' },
    facet: true,
  },
  // -- Avancement -----------------------------------------------------------------------------------------------
  {
    key: 'projectStatus',
    label: 'Statut du projet',
    type: 'code',
    list: 'projectStatuses',
    step: 'progress',
    access: 'public',
    required: 'always',
    requiredMessage: 'Choisissez le statut du projet.',
    interconnectes: { schema: 'Statut_du_projet', full: 'projet_status' },
    ats: 'status',
    facet: true,
  },
  {
    key: 'startDate',
    label: 'Date de démarrage',
    hint: 'Au moins l’année ; le mois si vous le connaissez. Par exemple 2024 ou 03/2024.',
    type: 'partialDate',
    step: 'progress',
    access: 'public',
    required: 'always',
    requiredMessage: 'Saisissez la date de démarrage du projet (au moins l’année).',
    interconnectes: { schema: 'Date_de_demarrage', full: 'projet_date' },
  },
  {
    key: 'endDate',
    label: 'Date de fin',
    hint: 'Pour un projet terminé ou abandonné. Au moins l’année.',
    type: 'partialDate',
    step: 'progress',
    access: 'public',
    required: 'never',
  },
  {
    key: 'abandonReason',
    label: 'Raisons de l’abandon',
    hint: 'Expliquez les raisons et les difficultés rencontrées : elles sont utiles aux autres collectivités.',
    type: 'longtext',
    maxLength: LONG,
    step: 'progress',
    access: 'public',
    required: 'when_abandoned',
    requiredMessage: 'Expliquez pourquoi le projet a été abandonné.',
    interconnectes: { schema: 'status_abandon' },
    ats: 'remark',
    search: 'C',
  },
  {
    // Read by responsible AI (the network's « conditions de réussite » quote it beside the sheet).
    key: 'lessonsLearned',
    label: 'Retour d’expérience',
    hint: 'Ce qui a fonctionné, ce qui n’a pas fonctionné, ce que vous feriez autrement : ces retours nourrissent les conditions de réussite du réseau.',
    type: 'longtext',
    maxLength: LONG,
    step: 'progress',
    access: 'public',
    required: 'never',
    search: 'C',
  },
  // -- Localisation ---------------------------------------------------------------------------------------------
  {
    key: 'latitude',
    label: 'Latitude',
    hint: 'En degrés décimaux, par exemple 45.7640.',
    type: 'number',
    min: -90,
    max: 90,
    step: 'location',
    access: 'public',
    required: 'never',
    interconnectes: { schema: 'Latitude' },
  },
  {
    key: 'longitude',
    label: 'Longitude',
    hint: 'En degrés décimaux, par exemple 4.8357.',
    type: 'number',
    min: -180,
    max: 180,
    step: 'location',
    access: 'public',
    required: 'never',
    interconnectes: { schema: 'Longitude' },
  },
  // -- Moyens et contact ----------------------------------------------------------------------------------------
  {
    key: 'implementation',
    label: 'Développement et mise en œuvre',
    type: 'code',
    list: 'implementationModes',
    step: 'means',
    access: 'members',
    required: 'always',
    requiredMessage: 'Indiquez comment le projet a été développé.',
    interconnectes: { schema: 'mise_en_oeuvre', full: 'mise_en_oeuvre' },
  },
  {
    key: 'funding',
    label: 'Financement',
    hint: 'Le guichet de financement : budget propre, Fonds vert, CRTE, France 2030, FEDER, DIAT…',
    type: 'text',
    maxLength: SHORT,
    step: 'means',
    access: 'members',
    required: 'never',
    interconnectes: { schema: 'financement', full: 'financement' },
  },
  {
    key: 'budgetBand',
    label: 'Budget annuel',
    hint: 'Un ordre de grandeur du budget annuel consacré au service.',
    type: 'code',
    list: 'budgetBands',
    step: 'means',
    access: 'members',
    required: 'never',
    interconnectes: { schema: 'budget', full: 'Budget' },
  },
  {
    key: 'budgetDetails',
    label: 'Détail du budget',
    hint: 'Montants, lignes budgétaires, coûts de fonctionnement. Visible seulement par votre collectivité.',
    type: 'longtext',
    maxLength: 5000,
    step: 'means',
    access: 'editors',
    accessNote: 'Champ ajouté ; le détail des montants reste interne à la collectivité.',
    required: 'never',
  },
  {
    key: 'hosting',
    label: 'Hébergement du service',
    hint: 'Où sont hébergées les données ?',
    type: 'code',
    list: 'hosting',
    step: 'means',
    access: 'members',
    required: 'always',
    requiredMessage: 'Indiquez où sont hébergées les données (« Ne sait pas » est possible).',
    interconnectes: { schema: 'herbergement', full: 'herbergement' },
  },
  {
    key: 'contactName',
    label: 'Nom du contact',
    hint: 'La personne ou le service qui suit le projet.',
    type: 'text',
    maxLength: SHORT,
    step: 'means',
    access: 'members',
    accessNote: 'Donnée personnelle : réservée aux membres du réseau, comme l’adresse du contact.',
    required: 'never',
    ats: 'contact_name',
  },
  {
    key: 'contactEmail',
    label: 'Adresse électronique du contact',
    hint: 'De préférence une adresse de service, par exemple numerique@ville.fr.',
    type: 'email',
    maxLength: 254,
    step: 'means',
    access: 'members',
    required: 'always',
    requiredMessage: 'Saisissez l’adresse électronique du contact.',
    interconnectes: { schema: 'projet_contact', full: 'projet_contact' },
    ats: 'contact_email',
  },
  {
    key: 'internalNotes',
    label: 'Notes internes',
    hint: 'Pour votre équipe seulement : points d’attention, suites à donner.',
    type: 'longtext',
    maxLength: LONG,
    step: 'means',
    access: 'editors',
    accessNote: 'Champ ajouté, interne à la collectivité.',
    required: 'never',
  },
  // -- L'algorithme ---------------------------------------------------------------------------------------------
  {
    key: 'algorithmName',
    label: 'Nom de l’algorithme',
    hint: 'S’il n’a pas de nom, la décision qu’il met en œuvre, par exemple « attribution des places en crèche ».',
    type: 'text',
    maxLength: SHORT,
    step: 'algorithm',
    access: 'members',
    required: 'always',
    requiredMessage: 'Saisissez le nom de l’algorithme ou la décision qu’il met en œuvre.',
    interconnectes: { schema: 'nom_algorithme', full: 'nom_algorithme' },
  },
  {
    key: 'algorithmDescription',
    label: 'Description de l’algorithme',
    hint: 'À quoi sert cet algorithme ? Quelles tâches accomplit-il ?',
    type: 'longtext',
    maxLength: LONG,
    step: 'algorithm',
    access: 'members',
    required: 'never',
    interconnectes: { schema: 'algorithme_description', full: 'algorithme_description' },
    ats: 'description',
  },
  {
    key: 'algorithmOperations',
    label: 'Opérations effectuées',
    hint: 'Les opérations techniques : entrées, traitements, sorties, paramètres principaux.',
    type: 'longtext',
    maxLength: LONG,
    step: 'algorithm',
    access: 'members',
    required: 'never',
    interconnectes: { schema: 'algorithme_operations', full: 'algorithme_operations' },
    ats: 'description',
  },
  {
    key: 'techniques',
    label: 'Techniques utilisées',
    hint: 'Plusieurs choix possibles. Laissez vide si vous ne savez pas.',
    type: 'codes',
    list: 'techniques',
    step: 'algorithm',
    access: 'public',
    accessNote:
      '« Restreint » chez Interconnectés ; public ici car la bibliothèque, ses statistiques et le standard Eurocities (methods_and_models) l’affichent.',
    required: 'never',
    interconnectes: { schema: 'type_algorithme', full: 'type_algorithme' },
    ats: 'methods_and_models',
    facet: true,
  },
  {
    key: 'environmentalImpact',
    label: 'Impact environnemental',
    hint: 'Un score ou une estimation (Green Algorithms, consommation d’énergie, matériel utilisé…).',
    type: 'longtext',
    maxLength: 5000,
    step: 'algorithm',
    access: 'members',
    required: 'never',
    interconnectes: { schema: 'impact_environnement', full: 'impact_environnement' },
  },
  {
    key: 'sourceCodeUrl',
    label: 'Lien vers le code source',
    hint: 'Dépôt public du code, par exemple sur code.gouv.fr, GitLab ou GitHub.',
    type: 'url',
    maxLength: 2000,
    step: 'algorithm',
    access: 'public',
    required: 'never',
    ats: 'codebase_url',
  },
  {
    key: 'sourceCodeLicence',
    label: 'Licence du code source',
    type: 'code',
    list: 'sourceLicences',
    step: 'algorithm',
    access: 'public',
    required: 'never',
  },
  {
    key: 'resourcesUrl',
    label: 'Lien vers des ressources techniques',
    hint: 'Documentation technique, modèle, base de données…',
    type: 'url',
    maxLength: 2000,
    step: 'algorithm',
    access: 'members',
    required: 'never',
    interconnectes: { schema: 'url_ressources', full: 'url_ressource' },
    ats: 'product_information',
  },
  // -- Les données ----------------------------------------------------------------------------------------------
  {
    key: 'dataSources',
    label: 'Sources des données',
    hint: 'Qui fournit les données d’entraînement et d’utilisation ? Plusieurs choix possibles.',
    type: 'codes',
    list: 'dataSources',
    step: 'data',
    access: 'members',
    required: 'always',
    requiredMessage: 'Choisissez au moins une source de données (« Ne sait pas » est possible).',
    interconnectes: { schema: 'donnees_source', full: 'donnees_source' },
    ats: 'source_data',
  },
  {
    key: 'dataSourceDetails',
    label: 'Précisions sur les données',
    hint: 'Par exemple : capteurs, images satellites, fichiers métier, données des demandeurs.',
    type: 'longtext',
    maxLength: 5000,
    step: 'data',
    access: 'members',
    required: 'never',
    ats: 'source_data',
  },
  {
    key: 'dataAccess',
    label: 'Mode de collecte des données',
    hint: 'Comment les données sont-elles collectées et mises à jour ?',
    type: 'code',
    list: 'dataAccessModes',
    step: 'data',
    access: 'members',
    required: 'always',
    requiredMessage: 'Indiquez le mode de collecte des données (« Ne sait pas » est possible).',
    interconnectes: { schema: 'donnees_acces', full: 'donnees_acces' },
    ats: 'connected_data_sources',
  },
  {
    key: 'datasets',
    label: 'Jeux de données utilisés',
    hint: 'Liens vers les jeux de données publiés, par exemple sur data.gouv.fr.',
    type: 'links',
    maxItems: 20,
    step: 'data',
    access: 'public',
    required: 'never',
    ats: 'source_data',
  },
  // -- Décisions et droits des personnes ------------------------------------------------------------------------
  {
    key: 'automationLevel',
    label: 'Niveau d’automatisation',
    hint: 'Le rôle du système dans les décisions qui concernent des personnes.',
    type: 'code',
    list: 'automationLevels',
    step: 'decisions',
    access: 'public',
    required: 'always',
    requiredMessage: 'Choisissez le niveau d’automatisation.',
    ats: 'human_intervention',
  },
  {
    key: 'legalBasis',
    label: 'Base légale',
    hint: 'Le texte ou la délibération qui fonde le traitement, par exemple « délibération du conseil du 12 mars 2024 ».',
    type: 'longtext',
    maxLength: 5000,
    step: 'decisions',
    access: 'public',
    required: 'when_decisions',
    requiredMessage: 'Indiquez la base légale du traitement.',
    ats: 'lawful_basis',
  },
  {
    key: 'humanOversight',
    label: 'Contrôle humain',
    hint: 'Qui vérifie les résultats, à quelle fréquence, et qui peut les corriger ?',
    type: 'longtext',
    maxLength: LONG,
    step: 'decisions',
    access: 'public',
    required: 'when_decisions',
    requiredMessage: 'Décrivez le contrôle humain sur les résultats du système.',
    ats: 'human_intervention',
  },
  {
    key: 'decisionScope',
    label: 'Portée des décisions',
    hint: 'Externe (concerne des usagers) ou interne (procédure de l’administration) ? Précisez.',
    type: 'longtext',
    maxLength: 5000,
    step: 'decisions',
    access: 'public',
    accessNote:
      'Présent dans le schéma Interconnectés (decision) ; public comme les autres informations de transparence.',
    required: 'never',
    interconnectes: { schema: 'decision' },
    ats: 'decision_making_process',
  },
  {
    key: 'decisionsPerYear',
    label: 'Nombre de décisions par an',
    hint: 'Un ordre de grandeur, en chiffres.',
    type: 'integer',
    min: 0,
    max: 1_000_000_000,
    step: 'decisions',
    access: 'public',
    required: 'never',
  },
  {
    key: 'affectedPublic',
    label: 'Personnes concernées',
    hint: 'Qui est concerné par les résultats du système, et de quelle manière ?',
    type: 'longtext',
    maxLength: 5000,
    step: 'decisions',
    access: 'public',
    required: 'never',
    ats: 'impact',
    search: 'C',
  },
  {
    key: 'objectionProcedure',
    label: 'Procédure de contestation',
    hint: 'Comment une personne peut-elle s’opposer à l’usage ou au résultat de l’algorithme, et auprès de qui ?',
    type: 'longtext',
    maxLength: 5000,
    step: 'decisions',
    access: 'public',
    accessNote: 'Présent dans le schéma Interconnectés (objection) ; public : c’est une information due aux personnes.',
    required: 'when_decisions',
    requiredMessage: 'Décrivez comment une personne peut contester le résultat.',
    interconnectes: { schema: 'objection' },
    ats: 'objection_procedure',
  },
  {
    key: 'reversibility',
    label: 'Réversibilité',
    hint: 'Peut-on annuler complètement les effets de l’algorithme si nécessaire ? Que faut-il pour cela ?',
    type: 'longtext',
    maxLength: 5000,
    step: 'decisions',
    access: 'public',
    accessNote: 'Présent dans le schéma Interconnectés (reversibilite).',
    required: 'never',
    interconnectes: { schema: 'reversibilite' },
    ats: 'rollback',
  },
  // -- Risques et évaluation ------------------------------------------------------------------------------------
  {
    key: 'riskAssessment',
    label: 'Évaluation des risques',
    hint: 'La méthode d’évaluation utilisée, les risques identifiés et les mesures d’atténuation.',
    type: 'longtext',
    maxLength: LONG,
    step: 'risks',
    access: 'public',
    accessNote: 'Présent dans le schéma Interconnectés (risque) ; public comme dans le standard Eurocities.',
    required: 'never',
    interconnectes: { schema: 'risque' },
    ats: 'risks',
  },
  {
    key: 'aiActRiskCategory',
    label: 'Catégorie de risque (règlement européen sur l’IA)',
    type: 'code',
    list: 'aiActRiskCategories',
    step: 'risks',
    access: 'public',
    accessNote: 'Présent dans le schéma Interconnectés (risque_categorie).',
    required: 'never',
    interconnectes: { schema: 'risque_categorie' },
    ats: 'risk_category',
  },
  {
    key: 'proportionality',
    label: 'Proportionnalité',
    hint: 'Pourquoi l’algorithme est-il nécessaire ? Quel bénéfice par rapport à une solution sans IA ?',
    type: 'longtext',
    maxLength: LONG,
    step: 'risks',
    access: 'public',
    accessNote: 'Présent dans le schéma Interconnectés (proportionalite).',
    required: 'never',
    interconnectes: { schema: 'proportionalite' },
    ats: 'proportionality',
  },
  {
    key: 'effectivenessGap',
    label: 'Écart entre objectifs et résultats',
    hint: 'Le système répond-il aux objectifs attendus ?',
    type: 'code',
    list: 'effectivenessGaps',
    step: 'risks',
    access: 'public',
    accessNote: 'Présent dans le schéma Interconnectés (erreur).',
    required: 'never',
    interconnectes: { schema: 'erreur' },
    ats: 'performance',
  },
  {
    key: 'explainability',
    label: 'Explicabilité',
    hint: 'Le fonctionnement peut-il être expliqué simplement au public ?',
    type: 'code',
    list: 'explainabilityLevels',
    step: 'risks',
    access: 'public',
    accessNote: 'Présent dans le schéma Interconnectés (explicabilite).',
    required: 'never',
    interconnectes: { schema: 'explicabilite' },
  },
  {
    key: 'dpiaUrl',
    label: 'Lien vers l’analyse d’impact (AIPD)',
    hint: 'L’analyse d’impact relative à la protection des données, si elle a été réalisée.',
    type: 'url',
    maxLength: 2000,
    step: 'risks',
    access: 'members',
    accessNote: 'Champ ajouté ; une AIPD est souvent un document interne : réservée aux membres du réseau.',
    required: 'never',
    ats: 'DPIA_url',
  },
  {
    key: 'nextReviewDate',
    label: 'Date du prochain réexamen',
    hint: 'Quand la fiche et le système seront-ils réexaminés ?',
    type: 'date',
    step: 'risks',
    access: 'public',
    required: 'never',
    ats: 'revision_date',
  },
  // -- Métadonnées ----------------------------------------------------------------------------------------------
  {
    key: 'infoUpdatedOn',
    label: 'Date de mise à jour des informations',
    type: 'date',
    step: null,
    access: 'public',
    required: 'never',
    interconnectes: { schema: 'Date_de_derniere_mise_a_jour', full: 'date' },
    ats: 'last_change_date',
  },
  {
    key: 'language',
    label: 'Langue de la fiche',
    type: 'code',
    list: 'languages',
    step: null,
    access: 'public',
    required: 'never',
    ats: 'lang',
  },
];

const FIELD_BY_KEY = new Map<string, FieldDef>(FIELDS.map((f) => [f.key, f]));

export function fieldDef<K extends ContentKey>(key: K): FieldDef<K> {
  const f = FIELD_BY_KEY.get(key);
  if (!f) throw new Error(`Champ inconnu : ${key}`);
  return f as FieldDef<K>;
}

export function isContentKey(key: unknown): key is ContentKey {
  return typeof key === 'string' && FIELD_BY_KEY.has(key);
}

/** The fields of a form step, in order. */
export function fieldsOfStep(step: FormStepKey): readonly FieldDef[] {
  return FIELDS.filter((f) => f.step === step);
}

/** The fields a given access level may read. */
export function readableFields(access: AccessLevel): readonly FieldDef[] {
  return FIELDS.filter((f) => canRead(access, f.access));
}

export const PUBLIC_FIELDS: readonly FieldDef[] = readableFields('public');

// ---------------------------------------------------------------------------------------------------------------
// Organisation columns (part of every Interconnectés row; they come from the authority, not from the use case)
// ---------------------------------------------------------------------------------------------------------------

export interface OrganisationColumnDef {
  key: 'organisationName' | 'organisationSiret' | 'organisationType';
  label: string;
  access: AccessLevel;
  interconnectes: { schema: string; full: string };
  ats?: string;
}

export const ORGANISATION_COLUMNS: readonly OrganisationColumnDef[] = [
  {
    key: 'organisationName',
    label: 'Collectivité ou organisation porteuse',
    access: 'public',
    interconnectes: { schema: 'Nom_collectivite', full: 'coll_nom' },
    ats: 'organization',
  },
  {
    key: 'organisationSiret',
    label: 'SIRET de la collectivité',
    access: 'public',
    interconnectes: { schema: 'SIRET', full: 'coll_siret' },
  },
  {
    key: 'organisationType',
    label: 'Type de collectivité',
    access: 'public',
    interconnectes: { schema: 'Type_de_collectivite', full: 'coll_type' },
  },
];

/** The 16 columns of the Interconnectés public file, in their order (`data.csv`). */
export const INTERCONNECTES_PUBLIC_COLUMNS = [
  'Nom_collectivite',
  'Nom_du_projet',
  'SIRET',
  'Latitude',
  'Longitude',
  'Type_de_collectivite',
  'Date_de_demarrage',
  'Statut_du_projet',
  'Partenaires',
  'Description_service',
  'Theme',
  'Sous_Theme',
  'Audience',
  'URL_Service',
  'URL_Logo',
  'Date_de_derniere_mise_a_jour',
] as const;
export type InterconnectesPublicColumn = (typeof INTERCONNECTES_PUBLIC_COLUMNS)[number];

/** The 27 columns of the Interconnectés full model (`beta-full-model.csv`), in their order. */
export const INTERCONNECTES_FULL_COLUMNS = [
  'coll_nom',
  'nom_projet',
  'coll_siret',
  'coll_type',
  'projet_date',
  'projet_status',
  'partenaires',
  'projet_contact',
  'financement',
  'Budget',
  'usage_description',
  'mise_en_oeuvre',
  'theme',
  'sous_theme',
  'audience_service',
  'herbergement',
  'nom_algorithme',
  'algorithme_description',
  'algorithme_operations',
  'type_algorithme',
  'impact_environnement',
  'donnees_source',
  'donnees_acces',
  'url_information',
  'url_ressource',
  'image',
  'date',
] as const;

// ---------------------------------------------------------------------------------------------------------------
// Open-data field documentation
// ---------------------------------------------------------------------------------------------------------------

export interface FieldDocumentation {
  key: string;
  label: string;
  description: string;
  type: FieldType | 'siret';
  list: ReferenceListKey | null;
  access: AccessLevel;
  accessNote: string | null;
  interconnectesColumn: string | null;
  interconnectesFullColumn: string | null;
  atsAttribute: string | null;
}

/** The documentation of the fields published in the open data (public fields), generated from the catalogue. */
export function openDataFieldDocumentation(): FieldDocumentation[] {
  const organisation: FieldDocumentation[] = ORGANISATION_COLUMNS.map((c) => ({
    key: c.key,
    label: c.label,
    description:
      c.key === 'organisationSiret' ? 'Numéro SIRET (14 chiffres, sans espace) de l’organisation porteuse.' : c.label,
    type: c.key === 'organisationSiret' ? 'siret' : c.key === 'organisationType' ? 'code' : 'text',
    list: c.key === 'organisationType' ? 'authorityTypes' : null,
    access: c.access,
    accessNote: null,
    interconnectesColumn: c.interconnectes.schema,
    interconnectesFullColumn: c.interconnectes.full,
    atsAttribute: c.ats ?? null,
  }));
  const fields = PUBLIC_FIELDS.map((f) => ({
    key: f.key,
    label: f.label,
    description: f.hint ?? f.label,
    type: f.type,
    list: f.list ?? null,
    access: f.access,
    accessNote: f.accessNote ?? null,
    interconnectesColumn: f.interconnectes?.schema ?? null,
    interconnectesFullColumn: f.interconnectes?.full ?? null,
    atsAttribute: f.ats ?? null,
  }));
  return [...organisation, ...fields];
}
