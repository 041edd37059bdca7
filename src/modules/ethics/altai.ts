/**
 * The self-assessment, as a form of the engine: the seven requirements of the assessment list of the EU High-Level
 * Expert Group on AI (ALTAI, 2020), one page each, their sub-sections as information blocks, and questions WRITTEN BY
 * US for a local authority's project (ALTAI's structure and topics are facts; its sentences are not ours to copy).
 * Each question has a hint, « Ne s'applique pas » where it makes sense, a link to its evidence (asked when the answer
 * is « oui » or « en partie »), the recommendation shown when it is a gap, and the principles of the Montréal
 * Declaration for a responsible development of AI (2018) that it serves, so one assessment gives both readings.
 *
 * Data catalogue and pure code: the form is built once from the lists below.
 */
import type { Element, Form, Page } from '../forms/index.ts';

// ---------------------------------------------------------------------------------------------------------------
// The ten principles of the Montréal Declaration
// ---------------------------------------------------------------------------------------------------------------

export const PRINCIPLES = [
  { code: 'bien_etre', label: 'Bien-être' },
  { code: 'autonomie', label: 'Respect de l’autonomie' },
  { code: 'intimite', label: 'Protection de l’intimité et de la vie privée' },
  { code: 'solidarite', label: 'Solidarité' },
  { code: 'participation', label: 'Participation démocratique' },
  { code: 'equite', label: 'Équité' },
  { code: 'inclusion', label: 'Inclusion de la diversité' },
  { code: 'prudence', label: 'Prudence' },
  { code: 'responsabilite', label: 'Responsabilité' },
  { code: 'durabilite', label: 'Développement soutenable' },
] as const;
export type PrincipleCode = (typeof PRINCIPLES)[number]['code'];

// ---------------------------------------------------------------------------------------------------------------
// The seven requirements, their sub-sections and our questions
// ---------------------------------------------------------------------------------------------------------------

export interface Requirement {
  /** Page id of the form. */
  code: string;
  label: string;
  /** Our summary, shown at the top of its page. */
  summary: string;
  sections: { code: string; label: string }[];
}

export interface AssessmentQuestion {
  id: string;
  requirement: string;
  section: string;
  label: string;
  hint: string;
  /** « Ne s'applique pas » is offered. */
  na?: boolean;
  /** Shown in the list of gaps when the answer is « non » or « en partie ». */
  recommendation: string;
  principles: PrincipleCode[];
}

export const REQUIREMENTS: Requirement[] = [
  {
    code: 'humain',
    label: 'Action humaine et contrôle humain',
    summary:
      'Le système aide les agents et respecte la capacité de décider des habitants : il ne remplace pas le jugement humain sans garde-fou.',
    sections: [
      { code: 'autonomie', label: 'Autonomie des personnes' },
      { code: 'controle', label: 'Contrôle humain' },
    ],
  },
  {
    code: 'robustesse',
    label: 'Robustesse technique et sécurité',
    summary: 'Le système résiste aux attaques, se trompe le moins possible et prévoit quoi faire quand il se trompe.',
    sections: [
      { code: 'securite', label: 'Résistance aux attaques et sécurité' },
      { code: 'surete', label: 'Sûreté générale et plan de repli' },
      { code: 'exactitude', label: 'Exactitude' },
      { code: 'fiabilite', label: 'Fiabilité et reproductibilité' },
    ],
  },
  {
    code: 'donnees',
    label: 'Vie privée et gouvernance des données',
    summary:
      'Les données personnelles sont protégées et les données utilisées sont connues, de qualité et bien gardées.',
    sections: [
      { code: 'vie_privee', label: 'Protection de la vie privée' },
      { code: 'gouvernance', label: 'Gouvernance des données' },
    ],
  },
  {
    code: 'transparence',
    label: 'Transparence',
    summary: 'On peut retracer ce que le système a fait, l’expliquer aux personnes concernées et le dire publiquement.',
    sections: [
      { code: 'tracabilite', label: 'Traçabilité' },
      { code: 'explicabilite', label: 'Explicabilité' },
      { code: 'communication', label: 'Communication' },
    ],
  },
  {
    code: 'equite',
    label: 'Diversité, non-discrimination et équité',
    summary: 'Le système traite équitablement tous les publics, reste accessible à chacun et a été conçu avec eux.',
    sections: [
      { code: 'biais', label: 'Prévention des biais injustes' },
      { code: 'accessibilite', label: 'Accessibilité et conception universelle' },
      { code: 'parties_prenantes', label: 'Participation des parties prenantes' },
    ],
  },
  {
    code: 'societe',
    label: 'Bien-être sociétal et environnemental',
    summary:
      'Le projet sert les habitants, tient compte du travail des agents et limite son impact sur l’environnement.',
    sections: [
      { code: 'environnement', label: 'Environnement' },
      { code: 'travail', label: 'Travail et compétences' },
      { code: 'democratie', label: 'Société et démocratie' },
    ],
  },
  {
    code: 'responsabilite',
    label: 'Responsabilité',
    summary:
      'Quelqu’un répond du système, il peut être audité, ses risques sont suivis et on peut contester ses résultats.',
    sections: [
      { code: 'auditabilite', label: 'Auditabilité' },
      { code: 'risques', label: 'Gestion des risques et recours' },
    ],
  },
];

const q = (
  requirement: string,
  section: string,
  id: string,
  label: string,
  hint: string,
  recommendation: string,
  principles: PrincipleCode[],
  na = false,
): AssessmentQuestion => ({ id, requirement, section, label, hint, recommendation, principles, ...(na ? { na } : {}) });

export const QUESTIONS: AssessmentQuestion[] = [
  // 1. Action humaine et contrôle humain
  q(
    'humain',
    'autonomie',
    'h_information',
    'Les personnes concernées (habitants, agents) savent-elles qu’une partie du traitement est confiée à un système d’IA ?',
    'Par exemple une mention sur le formulaire, le courrier ou l’écran d’accueil.',
    'Informez les personnes, au moment où elles sont concernées, qu’un système d’IA intervient et dans quelle mesure.',
    ['autonomie'],
  ),
  q(
    'humain',
    'autonomie',
    'h_confiance',
    'Avez-vous vérifié que le système n’incite pas les agents à suivre ses propositions sans les examiner ?',
    'Consignes, formation, affichage du degré de confiance du résultat, contrôle d’un échantillon de décisions.',
    'Formez les agents aux limites du système et contrôlez régulièrement les propositions acceptées sans modification.',
    ['autonomie', 'prudence'],
  ),
  q(
    'humain',
    'controle',
    'h_validation',
    'Une personne identifiée valide-t-elle chaque décision qui produit des effets pour un habitant ou un agent ?',
    'Répondez « Ne s’applique pas » si le système ne contribue à aucune décision individuelle.',
    'Désignez qui valide les décisions et comment : une décision individuelle ne doit pas reposer sur le seul résultat du système.',
    ['autonomie', 'responsabilite'],
    true,
  ),
  q(
    'humain',
    'controle',
    'h_repli',
    'Un agent peut-il suspendre le système et revenir à un traitement manuel sans interrompre le service ?',
    'Par exemple traiter les demandes à la main pendant une panne ou une anomalie.',
    'Écrivez une procédure de repli manuel, désignez qui décide de l’activer et vérifiez qu’elle fonctionne.',
    ['prudence', 'responsabilite'],
  ),
  q(
    'humain',
    'controle',
    'h_formation',
    'Les agents qui utilisent ou supervisent le système ont-ils été formés à son fonctionnement et à ses limites ?',
    'Une demi-journée de prise en main avec les erreurs connues et la conduite à tenir suffit souvent.',
    'Organisez une formation courte : fonctionnement, erreurs connues, que faire quand le résultat paraît faux.',
    ['prudence', 'bien_etre'],
  ),
  // 2. Robustesse technique et sécurité
  q(
    'robustesse',
    'securite',
    'r_menaces',
    'Les risques de sécurité propres au système (données altérées, requêtes malveillantes, fuite de données) ont-ils été analysés avec votre référent sécurité ?',
    'Une analyse de risques ou la revue de la documentation de sécurité du prestataire est un bon début.',
    'Associez le RSSI ou le référent sécurité pour analyser les menaces propres à l’IA et suivez les mesures décidées.',
    ['prudence'],
  ),
  q(
    'robustesse',
    'securite',
    'r_contrat',
    'Le contrat avec le prestataire prévoit-il les mises à jour de sécurité, la notification des incidents et la réversibilité ?',
    'Répondez « Ne s’applique pas » pour un développement fait par vos équipes sans prestataire.',
    'Ajoutez au marché des clauses de sécurité, de notification des incidents et de réversibilité (récupérer données et paramètres).',
    ['prudence', 'responsabilite'],
    true,
  ),
  q(
    'robustesse',
    'surete',
    'r_erreurs',
    'Avez-vous identifié ce qui se passe quand le système se trompe, et qui en subit les conséquences ?',
    'Pensez aux erreurs les plus graves, même rares : refus injustifié, signalement à tort, information fausse.',
    'Listez les erreurs possibles et leurs conséquences pour les personnes, puis prévoyez une mesure pour chacune des plus graves.',
    ['prudence', 'bien_etre'],
  ),
  q(
    'robustesse',
    'exactitude',
    'r_qualite',
    'Mesurez-vous la qualité des résultats (taux d’erreur, précision) sur des données représentatives de votre territoire ?',
    'Les chiffres annoncés par un fournisseur portent sur ses propres données, pas forcément sur les vôtres.',
    'Choisissez un indicateur de qualité et mesurez-le avant la mise en service, puis régulièrement, sur vos propres données.',
    ['prudence'],
  ),
  q(
    'robustesse',
    'fiabilite',
    'r_suivi',
    'Un suivi régulier permet-il de repérer une dégradation des résultats dans le temps ?',
    'Les résultats changent quand les données ou le contexte changent (nouvelle population, nouvelle règle).',
    'Prévoyez une revue périodique des résultats (par exemple chaque trimestre) et un seuil qui déclenche une action.',
    ['prudence', 'responsabilite'],
  ),
  // 3. Vie privée et gouvernance des données
  q(
    'donnees',
    'vie_privee',
    'd_dpo',
    'Le délégué à la protection des données (DPO) a-t-il été consulté sur le projet ?',
    'Répondez « Ne s’applique pas » si le système ne traite aucune donnée personnelle, même indirectement.',
    'Consultez votre DPO dès la conception et inscrivez le traitement au registre des activités de traitement.',
    ['intimite', 'responsabilite'],
    true,
  ),
  q(
    'donnees',
    'vie_privee',
    'd_minimisation',
    'Le système n’utilise-t-il que les données personnelles nécessaires à sa finalité ?',
    'Posez-vous la question donnée par donnée ; les données sensibles demandent une justification particulière.',
    'Retirez les données qui ne servent pas directement la finalité et écrivez pourquoi celles qui restent sont utiles.',
    ['intimite'],
    true,
  ),
  q(
    'donnees',
    'vie_privee',
    'd_droits',
    'Les personnes peuvent-elles exercer simplement leurs droits (accès, rectification, opposition) sur leurs données ?',
    'Vérifiez aussi que le prestataire sait y donner suite dans les délais.',
    'Indiquez aux personnes comment exercer leurs droits et vérifiez que le prestataire peut y répondre.',
    ['intimite', 'autonomie'],
    true,
  ),
  q(
    'donnees',
    'gouvernance',
    'd_origine',
    'Connaissez-vous l’origine, la période et les limites des données qui entraînent ou alimentent le système ?',
    'Un modèle acheté « sur étagère » a été entraîné sur des données que le fournisseur doit pouvoir décrire.',
    'Documentez la provenance des données, leur période, leurs lacunes connues et qui en est responsable.',
    ['prudence', 'equite'],
  ),
  q(
    'donnees',
    'gouvernance',
    'd_acces',
    'L’accès aux données et aux résultats est-il réservé aux personnes qui en ont besoin, et tracé ?',
    'Profils d’accès, journal des consultations et des exports.',
    'Limitez les accès par profil et conservez une trace des consultations et des exports.',
    ['intimite'],
  ),
  // 4. Transparence
  q(
    'transparence',
    'tracabilite',
    't_journaux',
    'Les entrées, les résultats et les décisions prises sont-ils conservés de façon à pouvoir reconstituer un cas précis ?',
    'Il faut pouvoir répondre à la question « pourquoi ce résultat pour ce dossier, ce jour-là ? ».',
    'Conservez des journaux (entrées, version du modèle, résultat, décision de l’agent) pendant une durée définie.',
    ['responsabilite'],
  ),
  q(
    'transparence',
    'explicabilite',
    't_expliquer',
    'Savez-vous expliquer simplement à une personne pourquoi le système a produit un résultat qui la concerne ?',
    'Répondez « Ne s’applique pas » si aucun résultat ne concerne une personne en particulier.',
    'Préparez une explication type : données utilisées, critères principaux et leur poids, rôle de l’agent dans la décision.',
    ['autonomie', 'participation'],
    true,
  ),
  q(
    'transparence',
    'explicabilite',
    't_documentation',
    'Les agents disposent-ils d’une documentation du système (finalité, fonctionnement, limites connues) qu’ils comprennent ?',
    'Une fiche de deux pages tenue à jour vaut mieux qu’un long document technique que personne ne lit.',
    'Demandez ou rédigez une fiche descriptive du système et mettez-la à jour à chaque évolution.',
    ['responsabilite', 'prudence'],
  ),
  q(
    'transparence',
    'communication',
    't_public',
    'Le projet est-il présenté publiquement (site de la collectivité, fiche de la bibliothèque, délibération) ?',
    'La fiche publiée dans la bibliothèque compte.',
    'Publiez une présentation du projet et de ses règles de fonctionnement, par exemple une notice de transparence.',
    ['participation'],
  ),
  q(
    'transparence',
    'communication',
    't_dialogue',
    'Quand une personne échange avec le système (assistant conversationnel, réponse rédigée par l’IA), le lui dit-on clairement ?',
    'Répondez « Ne s’applique pas » si personne n’échange directement avec le système.',
    'Signalez clairement que la personne échange avec une IA et proposez toujours un contact humain.',
    ['autonomie'],
    true,
  ),
  // 5. Diversité, non-discrimination et équité
  q(
    'equite',
    'biais',
    'e_biais',
    'Avez-vous vérifié que les résultats ne défavorisent pas certains groupes (âge, sexe, quartier, handicap, origine) ?',
    'Comparer les résultats par groupe sur un échantillon suffit souvent à repérer les écarts importants.',
    'Comparez les résultats par groupe de population et corrigez ou encadrez les écarts injustifiés.',
    ['equite', 'inclusion'],
  ),
  q(
    'equite',
    'biais',
    'e_representativite',
    'Les données reflètent-elles la diversité de la population concernée, y compris les publics peu connectés ?',
    'Pensez aux territoires ruraux, aux personnes âgées, aux quartiers peu représentés dans les données.',
    'Repérez les publics sous-représentés dans les données et compensez (données complémentaires, contrôle humain renforcé).',
    ['equite', 'inclusion'],
  ),
  q(
    'equite',
    'accessibilite',
    'e_rgaa',
    'Le service est-il accessible aux personnes en situation de handicap (conformité au RGAA) ?',
    'Répondez « Ne s’applique pas » si le système n’a aucune interface pour le public ni pour les agents.',
    'Faites auditer l’accessibilité de l’interface et publiez sa déclaration d’accessibilité.',
    ['inclusion', 'equite'],
    true,
  ),
  q(
    'equite',
    'accessibilite',
    'e_alternative',
    'Une autre voie existe-t-elle pour les personnes qui ne peuvent pas ou ne veulent pas utiliser le service numérique ?',
    'Guichet, téléphone, accompagnement par un conseiller numérique ou un espace France services.',
    'Maintenez un accès humain (guichet, téléphone, accompagnement) pour ceux qui ne peuvent pas utiliser le service.',
    ['solidarite', 'inclusion'],
    true,
  ),
  q(
    'equite',
    'parties_prenantes',
    'e_concertation',
    'Les agents, les usagers ou leurs représentants ont-ils été associés à la conception ou à l’évaluation ?',
    'Atelier, comité d’usagers, consultation, test avec des agents volontaires.',
    'Associez les futurs utilisateurs et des usagers (atelier, comité, consultation) avant de généraliser.',
    ['participation', 'solidarite'],
  ),
  // 6. Bien-être sociétal et environnemental
  q(
    'societe',
    'environnement',
    's_impact',
    'Avez-vous estimé l’impact environnemental du système (calcul, stockage, matériel) et cherché à le réduire ?',
    'Un ordre de grandeur suffit : taille du modèle, fréquence d’utilisation, lieu d’hébergement.',
    'Estimez la consommation du système, préférez des modèles plus sobres et un hébergement à faible impact.',
    ['durabilite'],
  ),
  q(
    'societe',
    'environnement',
    's_alternatives',
    'Avez-vous comparé le système d’IA à des solutions plus simples qui répondraient au même besoin ?',
    'Une règle métier, un formulaire mieux conçu ou un tableau de bord suffisent parfois.',
    'Écrivez pourquoi l’IA est nécessaire au regard des solutions plus simples ou plus sobres.',
    ['durabilite', 'prudence'],
  ),
  q(
    'societe',
    'travail',
    's_agents',
    'Les effets sur le travail des agents (tâches, compétences, charge) ont-ils été évalués et discutés avec eux ?',
    'Y compris avec les représentants du personnel, dans les instances du dialogue social.',
    'Présentez le projet aux instances du dialogue social et suivez l’évolution des tâches et des compétences.',
    ['bien_etre', 'solidarite'],
  ),
  q(
    'societe',
    'democratie',
    's_benefice',
    'Le bénéfice attendu pour les habitants est-il défini et mesuré ?',
    'Délai de réponse, qualité du service, économies réinvesties : un indicateur suivi vaut mieux qu’une intention.',
    'Définissez le bénéfice attendu pour les habitants et un indicateur pour vérifier qu’il est atteint.',
    ['bien_etre'],
  ),
  q(
    'societe',
    'democratie',
    's_debat',
    'Avez-vous vérifié que le système n’influence pas de façon déloyale l’information des habitants ou le débat public ?',
    'Répondez « Ne s’applique pas » si le système ne produit ni ne trie aucune information destinée au public.',
    'Encadrez les contenus produits ou triés par le système qui touchent au débat public : relecture humaine, origine indiquée.',
    ['participation', 'autonomie'],
    true,
  ),
  // 7. Responsabilité
  q(
    'responsabilite',
    'auditabilite',
    'a_responsable',
    'Une personne ou un service est-il désigné comme responsable du système et de ses effets ?',
    'Un service pilote et un élu référent, connus en interne et du public.',
    'Désignez un responsable du système (service et élu) et faites-le savoir en interne comme au public.',
    ['responsabilite'],
  ),
  q(
    'responsabilite',
    'auditabilite',
    'a_audit',
    'Le système peut-il être audité par un tiers (accès à la documentation, aux journaux, au prestataire) ?',
    'Un audit peut être demandé par un contrôleur, un juge, la CNIL ou décidé par la collectivité elle-même.',
    'Prévoyez dans le contrat la possibilité d’un audit indépendant et l’accès aux informations nécessaires.',
    ['responsabilite'],
  ),
  q(
    'responsabilite',
    'risques',
    'a_registre',
    'Les risques du projet sont-ils suivis dans un registre, avec une mesure et un responsable pour chacun ?',
    'Un tableau partagé revu à chaque étape du projet suffit.',
    'Tenez un registre des risques revu à chaque étape, avec une mesure et un responsable par risque.',
    ['prudence', 'responsabilite'],
  ),
  q(
    'responsabilite',
    'risques',
    'a_recours',
    'Une personne qui conteste un résultat peut-elle obtenir un réexamen par un agent, et sait-elle comment faire ?',
    'Répondez « Ne s’applique pas » si aucun résultat ne concerne une personne en particulier.',
    'Indiquez comment demander un réexamen par un agent et dans quel délai il est fait.',
    ['autonomie', 'equite'],
    true,
  ),
  q(
    'responsabilite',
    'risques',
    'a_bilan',
    'Un bilan du projet (résultats, incidents, réclamations) est-il prévu et présenté aux élus ?',
    'Un point annuel en commission ou en conseil permet de décider de continuer, corriger ou arrêter.',
    'Planifiez un bilan annuel présenté aux élus, avec les incidents et les réclamations reçues.',
    ['participation', 'responsabilite'],
  ),
];

// ---------------------------------------------------------------------------------------------------------------
// The answers and the form
// ---------------------------------------------------------------------------------------------------------------

export const ANSWER_YES = 'oui';
export const ANSWER_PARTLY = 'partiel';
export const ANSWER_NO = 'non';
export const ANSWER_NA = 'na';

/** The question id of a question's evidence link. */
export const evidenceId = (questionId: string) => `${questionId}_preuve`;

function questionElements(question: AssessmentQuestion): Element[] {
  return [
    {
      id: question.id,
      type: 'single_choice',
      label: question.label,
      hint: question.hint,
      required: true,
      choices: [
        { code: ANSWER_YES, label: 'Oui' },
        { code: ANSWER_PARTLY, label: 'En partie' },
        { code: ANSWER_NO, label: 'Non' },
        ...(question.na ? [{ code: ANSWER_NA, label: 'Ne s’applique pas' }] : []),
      ],
    },
    {
      id: evidenceId(question.id),
      type: 'url',
      label: 'Lien vers la preuve (facultatif)',
      hint: 'Le document qui l’établit : délibération, procédure, rapport, clause du contrat… adresse en https://',
      visibleIf: {
        any: [
          { question: question.id, op: 'equals', value: ANSWER_YES },
          { question: question.id, op: 'equals', value: ANSWER_PARTLY },
        ],
      },
    },
  ];
}

function requirementPage(requirement: Requirement, index: number): Page {
  const elements: Element[] = [];
  for (const section of requirement.sections) {
    elements.push({ id: `${requirement.code}_${section.code}`, type: 'info', title: section.label, paragraphs: [] });
    for (const question of QUESTIONS) {
      if (question.requirement === requirement.code && question.section === section.code)
        elements.push(...questionElements(question));
    }
  }
  return {
    id: requirement.code,
    title: `${index + 1}. ${requirement.label}`,
    description: requirement.summary,
    elements,
  };
}

export const selfAssessmentForm: Form = {
  id: 'ethics-self',
  version: 1,
  title: 'Auto-évaluation d’un projet d’IA',
  description:
    'Sept exigences pour une IA digne de confiance, posées pour un projet de collectivité. Vos réponses sont enregistrées au fur et à mesure ; elles restent visibles de votre collectivité et des coordinateurs du réseau tant que vous ne publiez pas l’évaluation signée.',
  language: 'fr',
  pages: REQUIREMENTS.map(requirementPage),
};

// ---------------------------------------------------------------------------------------------------------------
// Guidance: the references behind the assessment, with our own summary
// ---------------------------------------------------------------------------------------------------------------

export interface Reference {
  name: string;
  href: string;
  summary: string;
}

export const REFERENCES: Reference[] = [
  {
    name: 'ALTAI — liste d’évaluation pour une IA digne de confiance (Commission européenne, 2020)',
    href: 'https://digital-strategy.ec.europa.eu/en/library/assessment-list-trustworthy-artificial-intelligence-altai-self-assessment',
    summary:
      'Le groupe d’experts de haut niveau sur l’IA a décliné sept exigences en une liste de vérification. Nous en reprenons la structure et les thèmes, avec des questions écrites pour les projets des collectivités.',
  },
  {
    name: 'Déclaration de Montréal pour un développement responsable de l’IA (2018)',
    href: 'https://declarationmontreal-iaresponsable.com/',
    summary:
      'Dix principes issus d’une démarche de délibération citoyenne. Chaque question de l’auto-évaluation est rattachée aux principes qu’elle sert : la même évaluation se lit aussi principe par principe.',
  },
  {
    name: 'Fing — Fondation internet nouvelle génération',
    href: 'https://fing.org/',
    summary:
      'Travaux de prospective sur la transparence et la redevabilité des systèmes algorithmiques. Utile pour associer les personnes concernées et rendre compte du fonctionnement d’un système (exigences Transparence et Diversité, non-discrimination et équité).',
  },
  {
    name: 'Ekitia',
    href: 'https://www.ekitia.fr/',
    summary:
      'Association qui promeut un partage et une valorisation éthiques des données, avec une charte et un accompagnement des acteurs publics et privés. Utile pour l’exigence Vie privée et gouvernance des données, surtout quand des données sont partagées entre partenaires.',
  },
];

/** Which references apply to a requirement (guidance shown on its page and with its gaps). */
export const GUIDANCE: Record<string, string[]> = {
  humain: ['ALTAI', 'Déclaration de Montréal'],
  robustesse: ['ALTAI'],
  donnees: ['Ekitia'],
  transparence: ['Fing'],
  equite: ['Fing'],
  societe: ['Déclaration de Montréal'],
  responsabilite: ['ALTAI'],
};

export function guidanceFor(requirement: string): Reference[] {
  const names = GUIDANCE[requirement] ?? [];
  return REFERENCES.filter((r) => names.some((n) => r.name.startsWith(n)));
}
