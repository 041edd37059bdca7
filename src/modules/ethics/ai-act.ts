/**
 * The AI Act classification wizard: a few questions (a form of the engine) lead to the category of the system under
 * Regulation (EU) 2024/1689, with the article behind it, the deployer's obligations that follow and the dates they
 * apply from. The questions and explanations are ours; the categories, articles and dates are those of the
 * Regulation (articles 5, 6, 26, 27, 50, 113 and Annex III).
 *
 * The category codes are the library's (`aiActRiskCategories`): unacceptable, high, limited, minimal.
 * Pure code only.
 */
import type { Answers, Form } from '../forms/index.ts';

export const AI_ACT_URL = 'https://eur-lex.europa.eu/eli/reg/2024/1689/oj';

/** Article 5(1): prohibited practices (those that may concern an authority's project). */
export const PROHIBITED = [
  {
    code: 'manipulation',
    point: 'a',
    label:
      'Influencer le comportement des personnes à leur insu (techniques subliminales ou manipulatrices) au point de leur nuire',
  },
  {
    code: 'vulnerabilites',
    point: 'b',
    label:
      'Exploiter la vulnérabilité de personnes (âge, handicap, situation sociale ou économique) pour altérer leur comportement',
  },
  {
    code: 'notation_sociale',
    point: 'c',
    label:
      'Noter les personnes d’après leur comportement social ou leur personnalité, avec un traitement défavorable qui en découle (notation sociale)',
  },
  {
    code: 'prediction_infraction',
    point: 'd',
    label:
      'Prédire le risque qu’une personne commette une infraction à partir de son seul profil ou de ses traits de personnalité',
  },
  {
    code: 'moissonnage_visages',
    point: 'e',
    label:
      'Constituer une base de reconnaissance faciale en moissonnant sans cible des images d’internet ou de vidéoprotection',
  },
  {
    code: 'emotions_travail',
    point: 'f',
    label:
      'Reconnaître les émotions des personnes sur le lieu de travail ou dans un établissement d’enseignement (hors raison médicale ou de sécurité)',
  },
  {
    code: 'categorisation_biometrique',
    point: 'g',
    label:
      'Déduire d’images biométriques l’origine, les opinions, la religion, la vie ou l’orientation sexuelle des personnes',
  },
  {
    code: 'identification_temps_reel',
    point: 'h',
    label:
      'Identifier des personnes à distance et en temps réel par biométrie dans l’espace public, à des fins répressives',
  },
] as const;

/** Annex III: the high-risk areas that concern authorities. */
export const HIGH_RISK_AREAS = [
  {
    code: 'biometrie',
    point: '1',
    label:
      'Identification biométrique à distance, catégorisation biométrique ou reconnaissance des émotions (autorisées)',
  },
  {
    code: 'infrastructures',
    point: '2',
    label: 'Composant de sécurité d’une infrastructure critique : eau, gaz, chauffage, électricité, trafic routier',
  },
  {
    code: 'education',
    point: '3',
    label: 'Éducation et formation : admission, orientation, évaluation des élèves, surveillance des examens',
  },
  {
    code: 'emploi',
    point: '4',
    label: 'Emploi : recrutement, sélection des candidatures, promotion, répartition des tâches, évaluation des agents',
  },
  {
    code: 'prestations',
    point: '5',
    label:
      'Accès aux prestations et services publics essentiels : éligibilité, attribution, réduction ou retrait d’une aide ; tri des appels d’urgence',
  },
  {
    code: 'repression',
    point: '6',
    label: 'Activités répressives : évaluation de risques, fiabilité des preuves, profilage dans une enquête',
  },
  { code: 'migration', point: '7', label: 'Migration, asile et contrôle aux frontières' },
  {
    code: 'justice_democratie',
    point: '8',
    label: 'Administration de la justice et processus démocratiques (influencer le résultat d’une élection ou le vote)',
  },
] as const;

/** Article 50: transparency obligations. */
export const TRANSPARENCY_CASES = [
  {
    code: 'dialogue',
    paragraph: '1',
    label: 'Des personnes échangent directement avec le système (assistant conversationnel, agent vocal)',
  },
  {
    code: 'contenus_generes',
    paragraph: '2',
    label: 'Le système produit des images, sons, vidéos ou textes de synthèse',
  },
  {
    code: 'emotions_autorisees',
    paragraph: '3',
    label: 'Le système reconnaît des émotions ou catégorise des personnes par biométrie (hors cas interdits)',
  },
  {
    code: 'hypertrucage',
    paragraph: '4',
    label:
      'Le système produit des hypertrucages, ou des textes publiés pour informer le public sur des questions d’intérêt public',
  },
] as const;

const NONE = 'aucun';

export const aiActForm: Form = {
  id: 'ethics-ai-act',
  version: 1,
  title: 'Classification au titre du règlement européen sur l’IA',
  description:
    'Quatre étapes au plus pour situer le système dans le règlement (UE) 2024/1689 et connaître vos obligations de déployeur. Le résultat renseigne la catégorie de la fiche ; vous pouvez le réviser à tout moment.',
  language: 'fr',
  pages: [
    {
      id: 'interdits',
      title: 'Pratiques interdites',
      description:
        'L’article 5 interdit certaines pratiques, quel que soit le déployeur. Cochez celles que le système réalise.',
      elements: [
        {
          id: 'pratiques_interdites',
          type: 'multiple_choice',
          label: 'Le système réalise-t-il l’une de ces pratiques ?',
          hint: 'Cochez « Aucune de ces pratiques » si aucune ne correspond.',
          required: true,
          choices: [
            ...PROHIBITED.map((p) => ({ code: p.code, label: p.label })),
            { code: NONE, label: 'Aucune de ces pratiques' },
          ],
        },
      ],
    },
    {
      id: 'haut_risque',
      title: 'Domaines à haut risque',
      description:
        'L’annexe III liste les domaines où un système est à haut risque. Voici ceux qui concernent les collectivités.',
      elements: [
        {
          id: 'domaines',
          type: 'multiple_choice',
          label: 'Le système est-il utilisé dans l’un de ces domaines ?',
          hint: 'Cochez « Aucun de ces domaines » si aucun ne correspond.',
          required: true,
          choices: [
            ...HIGH_RISK_AREAS.map((a) => ({ code: a.code, label: a.label })),
            { code: NONE, label: 'Aucun de ces domaines' },
          ],
        },
        {
          id: 'profilage',
          type: 'yes_no',
          label:
            'Le système établit-il le profil de personnes (évaluer ou prédire leur situation, leur comportement, leur fiabilité…) ?',
          hint: 'Un système de l’annexe III qui établit des profils est toujours à haut risque (article 6, paragraphe 3).',
          required: true,
          visibleIf: {
            all: [
              { question: 'domaines', op: 'answered' },
              { question: 'domaines', op: 'not_contains', value: NONE },
            ],
          },
        },
        {
          id: 'tache_limitee',
          type: 'yes_no',
          label:
            'Le système se borne-t-il à une tâche procédurale étroite, à améliorer un travail humain déjà fait ou à préparer une évaluation faite par un agent, sans peser de façon importante sur la décision ?',
          hint: 'C’est l’exception de l’article 6, paragraphe 3. Si vous la retenez, documentez votre analyse avant la mise en service.',
          required: true,
          visibleIf: {
            all: [
              { question: 'domaines', op: 'answered' },
              { question: 'domaines', op: 'not_contains', value: NONE },
              { question: 'profilage', op: 'equals', value: false },
            ],
          },
        },
      ],
    },
    {
      id: 'transparence',
      title: 'Transparence',
      description: 'L’article 50 impose d’informer les personnes dans certains cas, quel que soit le niveau de risque.',
      elements: [
        {
          id: 'cas_transparence',
          type: 'multiple_choice',
          label: 'Le système relève-t-il de l’un de ces cas ?',
          hint: 'Cochez « Aucun de ces cas » si aucun ne correspond.',
          required: true,
          choices: [
            ...TRANSPARENCY_CASES.map((c) => ({ code: c.code, label: c.label })),
            { code: NONE, label: 'Aucun de ces cas' },
          ],
        },
      ],
    },
  ],
};

export type AiActCategory = 'unacceptable' | 'high' | 'limited' | 'minimal';

export const CATEGORY_LABELS: Record<AiActCategory, string> = {
  unacceptable: 'Pratique interdite',
  high: 'Système à haut risque',
  limited: 'Obligations de transparence',
  minimal: 'Risque minimal',
};

export interface Classification {
  category: AiActCategory;
  /** The articles behind the category, in words (« Article 5, paragraphe 1, point c »). */
  articles: string[];
  /** Why, in one sentence. */
  reason: string;
  /** What a public body deploying the system must do. */
  obligations: string[];
  /** When the obligations apply (article 113). */
  dates: { date: string; what: string }[];
  /** Article 50 obligations that come on top of the category (a high-risk chatbot also says it is one). */
  transparency: string[];
}

const chosen = (answers: Answers, id: string): string[] => {
  const v = answers[id];
  return Array.isArray(v) ? v.filter((c) => c !== NONE) : [];
};

const DATE_PROHIBITIONS = {
  date: '2025-02-02',
  what: 'Interdictions de l’article 5 et obligation de maîtrise de l’IA des agents (article 4).',
};
const DATE_GENERAL = {
  date: '2026-08-02',
  what: 'Obligations des systèmes à haut risque de l’annexe III (dont l’article 26 et l’analyse d’impact de l’article 27) et obligations de transparence de l’article 50.',
};
const DATE_EXISTING_PUBLIC = {
  date: '2030-08-02',
  what: 'Systèmes à haut risque déjà mis sur le marché avant le 2 août 2026 et destinés à des autorités publiques : mise en conformité au plus tard (article 111).',
};

const TRANSPARENCY_DUTIES: Record<string, string> = {
  dialogue:
    'Dire aux personnes qu’elles échangent avec un système d’IA, sauf si c’est évident (article 50, paragraphe 1).',
  contenus_generes:
    'Vérifier que les contenus de synthèse sont marqués comme tels par le fournisseur (article 50, paragraphe 2).',
  emotions_autorisees:
    'Informer les personnes exposées à la reconnaissance des émotions ou à la catégorisation biométrique (article 50, paragraphe 3).',
  hypertrucage:
    'Indiquer que le contenu a été généré ou manipulé par une IA, y compris pour un texte d’intérêt public non relu par une personne responsable (article 50, paragraphe 4).',
};

const HIGH_RISK_DUTIES = [
  'Utiliser le système selon la notice du fournisseur et confier le contrôle humain à des agents compétents, formés et disposant de l’autorité nécessaire (article 26, paragraphes 1 et 2).',
  'Veiller à ce que les données d’entrée que vous maîtrisez soient pertinentes et représentatives (article 26, paragraphe 4).',
  'Surveiller le fonctionnement, suspendre l’utilisation et prévenir le fournisseur en cas de risque ou d’incident grave (article 26, paragraphe 5).',
  'Conserver les journaux générés automatiquement au moins six mois (article 26, paragraphe 6).',
  'Informer les agents et leurs représentants avant la mise en service sur le lieu de travail (article 26, paragraphe 7).',
  'Enregistrer l’utilisation du système dans la base de données de l’Union, en tant qu’autorité publique (article 26, paragraphe 8, et article 49).',
  'Informer les personnes qu’une décision les concernant est prise ou aidée par le système (article 26, paragraphe 11) et leur expliquer, à leur demande, le rôle du système dans la décision (article 86).',
  'Réaliser, avant la première utilisation, l’analyse d’impact sur les droits fondamentaux et en notifier les résultats à l’autorité de surveillance (article 27) ; elle complète l’analyse d’impact relative à la protection des données (AIPD).',
];

/** The category that the answers lead to, with its articles, the deployer's obligations and dates. */
export function classify(answers: Answers): Classification {
  const prohibited = PROHIBITED.filter((p) => chosen(answers, 'pratiques_interdites').includes(p.code));
  const areas = HIGH_RISK_AREAS.filter((a) => chosen(answers, 'domaines').includes(a.code));
  const cases = TRANSPARENCY_CASES.filter((c) => chosen(answers, 'cas_transparence').includes(c.code));
  const transparency = cases.map((c) => TRANSPARENCY_DUTIES[c.code]!);
  const transparencyArticles = cases.map((c) => `Article 50, paragraphe ${c.paragraph}`);
  const literacy =
    'Former les agents qui utilisent le système à l’IA, à ses possibilités et à ses risques (article 4).';

  if (prohibited.length) {
    return {
      category: 'unacceptable',
      articles: prohibited.map((p) => `Article 5, paragraphe 1, point ${p.point}`),
      reason:
        'Le système réalise une pratique interdite par l’article 5 : il ne peut pas être mis en service ni utilisé.',
      obligations: ['Ne pas mettre le système en service, ou cesser de l’utiliser.'],
      dates: [DATE_PROHIBITIONS],
      transparency: [],
    };
  }
  const profiling = answers.profilage === true;
  const narrow = answers.tache_limitee === true;
  if (areas.length && (profiling || !narrow)) {
    return {
      category: 'high',
      articles: [
        'Article 6, paragraphe 2',
        ...areas.map((a) => `Annexe III, point ${a.point}`),
        ...(profiling ? ['Article 6, paragraphe 3 (profilage)'] : []),
        'Articles 26 et 27',
        ...transparencyArticles,
      ],
      reason: profiling
        ? 'Le système relève d’un domaine de l’annexe III et établit le profil de personnes : il est à haut risque.'
        : 'Le système relève d’un domaine de l’annexe III et pèse sur les décisions : il est à haut risque.',
      obligations: [...HIGH_RISK_DUTIES, literacy],
      dates: [DATE_PROHIBITIONS, DATE_GENERAL, DATE_EXISTING_PUBLIC],
      transparency,
    };
  }
  const exception = areas.length > 0;
  const exceptionDuty = exception
    ? [
        'Documenter pourquoi l’exception de l’article 6, paragraphe 3 s’applique, avant la mise en service, et tenir cette analyse à disposition des autorités (article 6, paragraphe 4).',
      ]
    : [];
  if (cases.length) {
    return {
      category: 'limited',
      articles: [...transparencyArticles, ...(exception ? ['Article 6, paragraphe 3'] : [])],
      reason: 'Le système n’est pas à haut risque mais relève des obligations de transparence de l’article 50.',
      obligations: [...transparency, ...exceptionDuty, literacy],
      dates: [DATE_PROHIBITIONS, DATE_GENERAL],
      transparency,
    };
  }
  return {
    category: 'minimal',
    articles: exception ? ['Article 6, paragraphe 3', 'Article 95'] : ['Article 95'],
    reason:
      'Le système ne relève ni des pratiques interdites, ni du haut risque, ni de l’article 50 : pas d’obligation particulière, des codes de conduite volontaires sont encouragés (article 95).',
    obligations: [...exceptionDuty, literacy],
    dates: [DATE_PROHIBITIONS],
    transparency: [],
  };
}

export const DATES_NOTE =
  'Dates fixées par l’article 113 du règlement (UE) 2024/1689 (et l’article 111 pour les systèmes déjà en service). Vérifiez qu’un texte ultérieur ne les a pas modifiées.';
