/**
 * The French-law checklist, as a form of the engine: first the project's situation (individual decisions, size of
 * the administration, personal data, online service), then, for each obligation that follows, « done? » and a link
 * to the proof. `lawChecklist` says which obligations apply and why (pure rules, mirrored by the form's display
 * conditions). The explanations are ours; the articles are those of the CRPA, the GDPR, the CGCT and the law of
 * 11 February 2005.
 *
 * Pure code only.
 */
import type { Answers, Element, Form } from '../forms/index.ts';

const LEGIFRANCE_CRPA = 'https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000031366350/';
const GDPR = 'https://eur-lex.europa.eu/eli/reg/2016/679/oj';
const CNIL_DPIA = 'https://www.cnil.fr/fr/RGPD-analyse-impact-protection-des-donnees-aipd';

/** The exemption from the online publication of L312-1-3, in words, with its sources (shown on the page). */
export const PUBLICATION_EXEMPTION = {
  rule: 'La publication en ligne des règles des principaux traitements algorithmiques (article L312-1-3 du CRPA) ne s’impose pas aux administrations de moins de 50 agents ou salariés en équivalent temps plein, ni aux communes et groupements de moins de 3 500 habitants.',
  sources: [
    'CRPA, article L312-1-3 : exception des personnes morales dont l’effectif est inférieur à un seuil fixé par décret ;',
    'décret n° 2016-1922 du 28 décembre 2016 : seuil fixé à 50 agents ou salariés ;',
    'CGCT, article L1112-23 : obligations de publication en ligne des collectivités de plus de 3 500 habitants et de leurs groupements.',
  ],
  caution:
    'L’exemption ne porte que sur la publication en ligne : la mention explicite sur la décision (L311-3-1) et la communication des règles sur demande (R311-3-1-2) restent dues par toutes les administrations.',
};

/** The GDPR criteria for a data protection impact assessment (EDPB guidelines; two or more: a DPIA is required). */
export const DPIA_CRITERIA = [
  { code: 'evaluation', label: 'Évaluation ou notation des personnes, profilage' },
  { code: 'decision_automatique', label: 'Décision automatique avec effet juridique ou important' },
  { code: 'surveillance', label: 'Surveillance systématique (par exemple d’un espace public)' },
  { code: 'sensibles', label: 'Données sensibles ou très personnelles (santé, situation sociale, infractions…)' },
  { code: 'grande_echelle', label: 'Traitement à grande échelle' },
  { code: 'croisement', label: 'Croisement ou combinaison de fichiers' },
  { code: 'vulnerables', label: 'Personnes vulnérables (enfants, personnes âgées, bénéficiaires d’aides, agents)' },
  { code: 'innovation', label: 'Usage innovant ou nouvelle technologie (dont l’IA)' },
  { code: 'exclusion', label: 'Traitement qui peut priver d’un droit, d’un service ou d’un contrat' },
] as const;

export interface LawItemDef {
  code: string;
  label: string;
  /** What must be done, in our words. */
  what: string;
  source: string;
  href: string;
}

export const LAW_ITEMS: LawItemDef[] = [
  {
    code: 'mention',
    label: 'Mention explicite sur la décision',
    what: 'Toute décision individuelle prise sur le fondement d’un traitement algorithmique mentionne ce traitement et indique que la personne peut demander les règles qui le définissent.',
    source: 'CRPA, article L311-3-1',
    href: LEGIFRANCE_CRPA,
  },
  {
    code: 'communication',
    label: 'Communication des règles sur demande',
    what: 'À sa demande, la personne reçoit, sous une forme intelligible : le degré et le mode de contribution du traitement à la décision ; les données traitées et leurs sources ; les paramètres et leur pondération appliqués à sa situation ; les opérations effectuées.',
    source: 'CRPA, article R311-3-1-2',
    href: LEGIFRANCE_CRPA,
  },
  {
    code: 'publication',
    label: 'Publication en ligne des règles du traitement',
    what: 'Les règles qui définissent les principaux traitements algorithmiques fondant des décisions individuelles sont publiées en ligne.',
    source: 'CRPA, article L312-1-3',
    href: LEGIFRANCE_CRPA,
  },
  {
    code: 'decision_automatisee',
    label: 'Décision entièrement automatisée',
    what: 'Une décision fondée exclusivement sur un traitement automatisé et produisant des effets juridiques ou importants n’est permise que dans les cas prévus, avec des garanties : intervention humaine possible, droit de présenter ses observations et de contester la décision.',
    source: 'RGPD, article 22',
    href: GDPR,
  },
  {
    code: 'aipd',
    label: 'Analyse d’impact relative à la protection des données (AIPD)',
    what: 'Un traitement susceptible d’engendrer un risque élevé pour les personnes fait l’objet d’une analyse d’impact avant sa mise en œuvre ; deux critères ou plus parmi ceux du comité européen de la protection des données la rendent en principe obligatoire.',
    source: 'RGPD, article 35',
    href: CNIL_DPIA,
  },
  {
    code: 'accessibilite',
    label: 'Accessibilité numérique du service',
    what: 'Les services en ligne des collectivités sont accessibles aux personnes handicapées (conformité au RGAA) et publient une déclaration d’accessibilité.',
    source: 'Loi n° 2005-102 du 11 février 2005, article 47',
    href: 'https://accessibilite.numerique.gouv.fr/',
  },
];

const yes = (question: string) => ({ question, op: 'equals' as const, value: true });
const no = (question: string) => ({ question, op: 'equals' as const, value: false });

/** When each item's « done » and « proof » questions are shown (mirrors `applies` below). */
const ITEM_CONDITIONS = {
  mention: yes('decisions'),
  communication: yes('decisions'),
  publication: {
    all: [yes('decisions'), { question: 'effectif', op: 'equals' as const, value: '50_plus' }, no('petite_commune')],
  },
  decision_automatisee: yes('decision_automatique'),
  aipd: yes('donnees_personnelles'),
  accessibilite: yes('service_en_ligne'),
};

function itemElements(item: LawItemDef): Element[] {
  const visibleIf = ITEM_CONDITIONS[item.code as keyof typeof ITEM_CONDITIONS];
  return [
    {
      id: `${item.code}_info`,
      type: 'info',
      title: `${item.label} (${item.source})`,
      paragraphs: [item.what],
      visibleIf,
    },
    { id: `${item.code}_fait`, type: 'yes_no', label: `${item.label} : est-ce fait ?`, visibleIf },
    {
      id: `${item.code}_preuve`,
      type: 'url',
      label: `${item.label} : lien vers la preuve (facultatif)`,
      hint: 'Modèle de courrier, page publiée, délibération, analyse… adresse en https://',
      visibleIf: { all: [visibleIf, yes(`${item.code}_fait`)] },
    },
  ];
}

export const lawForm: Form = {
  id: 'ethics-law',
  version: 1,
  title: 'Obligations du droit français',
  description:
    'Les obligations qui s’appliquent à un traitement algorithmique d’une administration : information des personnes, publication, protection des données, accessibilité.',
  language: 'fr',
  pages: [
    {
      id: 'situation',
      title: 'Situation du projet',
      description: 'Vos réponses déterminent les obligations qui s’appliquent au projet.',
      elements: [
        {
          id: 'decisions',
          type: 'yes_no',
          label:
            'Le système sert-il à prendre des décisions individuelles (accorder une aide, attribuer une place, sanctionner, classer une demande…) ?',
          hint: 'Même si un agent signe la décision : il suffit qu’elle soit prise « sur le fondement » du traitement.',
          required: true,
        },
        {
          id: 'decision_automatique',
          type: 'yes_no',
          label:
            'Une décision est-elle prise sans intervention humaine réelle, avec un effet juridique ou important pour la personne ?',
          hint: 'Un agent qui se contente de valider sans examiner ne compte pas comme une intervention humaine réelle.',
          required: true,
          visibleIf: yes('decisions'),
        },
        {
          id: 'effectif',
          type: 'single_choice',
          label: 'Combien d’agents compte votre administration (en équivalent temps plein) ?',
          required: true,
          choices: [
            { code: 'moins_50', label: 'Moins de 50' },
            { code: '50_plus', label: '50 ou plus' },
          ],
        },
        {
          id: 'petite_commune',
          type: 'yes_no',
          label: 'Votre collectivité est-elle une commune, ou un groupement de communes, de moins de 3 500 habitants ?',
          required: true,
        },
        {
          id: 'donnees_personnelles',
          type: 'yes_no',
          label:
            'Le système traite-t-il des données personnelles, même indirectement (identifiants, adresses, images) ?',
          required: true,
        },
        {
          id: 'criteres_aipd',
          type: 'multiple_choice',
          label: 'Lesquels de ces critères le traitement remplit-il ?',
          hint: 'Deux critères ou plus : une analyse d’impact (AIPD) est en principe obligatoire.',
          choices: DPIA_CRITERIA.map((c) => ({ code: c.code, label: c.label })),
          visibleIf: yes('donnees_personnelles'),
        },
        {
          id: 'service_en_ligne',
          type: 'yes_no',
          label:
            'Le système ou ses résultats sont-ils proposés par un site, une application ou une borne (au public ou aux agents) ?',
          required: true,
        },
      ],
    },
    {
      id: 'obligations',
      title: 'Obligations',
      description: 'Pour chaque obligation qui s’applique au projet : est-elle remplie, et où en est la preuve ?',
      elements: [
        {
          id: 'obligations_intro',
          type: 'info',
          paragraphs: [
            'Seules les obligations qui s’appliquent au projet, d’après la page précédente, sont affichées. Si aucune ne l’est, aucune de ces obligations ne s’applique : vous pouvez relire et signer.',
          ],
        },
        ...LAW_ITEMS.flatMap(itemElements),
      ],
    },
  ],
};

export interface LawItem extends LawItemDef {
  /** true / false, or null while the situation is not answered. */
  applies: boolean | null;
  /** Why it applies or not, in one sentence. */
  reason: string;
  done: boolean | null;
  proof: string | null;
}

const bool = (v: unknown): boolean | null => (v === true ? true : v === false ? false : null);

function applicability(code: string, a: Answers): { applies: boolean | null; reason: string } {
  const decisions = bool(a.decisions);
  switch (code) {
    case 'mention':
    case 'communication':
      if (decisions === null)
        return { applies: null, reason: 'Dites d’abord si le système fonde des décisions individuelles.' };
      return decisions
        ? { applies: true, reason: 'Le système fonde des décisions individuelles.' }
        : { applies: false, reason: 'Le système ne fonde aucune décision individuelle.' };
    case 'publication': {
      if (decisions === false) return { applies: false, reason: 'Le système ne fonde aucune décision individuelle.' };
      if (a.effectif === 'moins_50')
        return { applies: false, reason: 'Exemptée : administration de moins de 50 agents.' };
      if (a.petite_commune === true)
        return { applies: false, reason: 'Exemptée : commune ou groupement de moins de 3 500 habitants.' };
      if (decisions === null || a.effectif === undefined || bool(a.petite_commune) === null)
        return { applies: null, reason: 'Répondez aux questions sur les décisions, l’effectif et la population.' };
      return { applies: true, reason: 'Décisions individuelles, 50 agents ou plus, plus de 3 500 habitants.' };
    }
    case 'decision_automatisee': {
      if (decisions === false || bool(a.decision_automatique) === false)
        return { applies: false, reason: 'Aucune décision n’est prise sans intervention humaine réelle.' };
      if (bool(a.decision_automatique) === null)
        return { applies: null, reason: 'Dites si une décision est entièrement automatisée.' };
      return { applies: true, reason: 'Une décision est prise sans intervention humaine réelle.' };
    }
    case 'aipd': {
      const personal = bool(a.donnees_personnelles);
      if (personal === null) return { applies: null, reason: 'Dites si le système traite des données personnelles.' };
      if (!personal) return { applies: false, reason: 'Aucune donnée personnelle n’est traitée.' };
      const n = Array.isArray(a.criteres_aipd) ? a.criteres_aipd.length : 0;
      return n >= 2
        ? {
            applies: true,
            reason: `${n} critères du comité européen de la protection des données sont remplis (deux suffisent).`,
          }
        : {
            applies: false,
            reason: `${n === 0 ? 'Aucun critère' : 'Un seul critère'} rempli : l’analyse n’est pas obligatoire en principe, mais reste conseillée pour un système d’IA.`,
          };
    }
    case 'accessibilite': {
      const online = bool(a.service_en_ligne);
      if (online === null)
        return { applies: null, reason: 'Dites si le système est proposé par un site, une application ou une borne.' };
      return online
        ? { applies: true, reason: 'Le service est proposé en ligne.' }
        : { applies: false, reason: 'Aucune interface en ligne.' };
    }
    default:
      return { applies: null, reason: '' };
  }
}

/** Each obligation: applies (and why), done, proof. */
export function lawChecklist(answers: Answers): LawItem[] {
  return LAW_ITEMS.map((item) => {
    const { applies, reason } = applicability(item.code, answers);
    const proof = answers[`${item.code}_preuve`];
    return {
      ...item,
      applies,
      reason,
      done: applies ? bool(answers[`${item.code}_fait`]) : null,
      proof: applies && typeof proof === 'string' ? proof : null,
    };
  });
}
