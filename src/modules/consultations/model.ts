/**
 * Consultations before deployment: the domain's types and pure rules (no I/O).
 *
 * - A consultation is open between `opensAt` and `closesAt` (instants read against the clock): before, « à venir »;
 *   after, « close ». Its questions are a form of the forms engine, made from our question templates (the
 *   questionnaires' builder is bound to questionnaire drafts and versions: mounting it for another owner would mean
 *   a second copy of its routes; a consultation needs a handful of well-chosen questions, and the SurveyJS import
 *   covers the rest).
 * - Answers are anonymous (no account, one per browser) or signed-in (one per person), a setting fixed before opening.
 * - Public results follow the census's small-number rule: nothing is published under `minCell` answers, and free
 *   texts only for the questions that allow it (`publicText`).
 */
import {
  allQuestions,
  computeResults,
  type Form,
  type FormResults,
  fromSurveyJs,
  type Question,
  validateForm,
} from '../forms/index.ts';

export type ConsultationMode = 'anonymous' | 'signed_in';
export const MODES: readonly ConsultationMode[] = ['anonymous', 'signed_in'];
export const MODE_LABELS: Record<ConsultationMode, string> = {
  anonymous: 'Sans compte (réponses anonymes, une par navigateur)',
  signed_in: 'Avec un compte (une réponse par personne connectée)',
};

export type ConsultationState = 'scheduled' | 'open' | 'closed';
export const STATE_LABELS: Record<ConsultationState, string> = {
  scheduled: 'À venir',
  open: 'Ouverte',
  closed: 'Close',
};

export const LIMITS = {
  titleMax: 200,
  introductionMax: 2000,
  synthesisMax: 10_000,
  changesMax: 5000,
  /** Answers accepted from one address per consultation and hour (a town hall's shared computer included). */
  perAddressPerHour: 10,
  /** The census's small-number rule: fewer answers than this, nothing is published. */
  minCell: 5,
  surveyJsMax: 200_000,
} as const;

export interface Consultation {
  id: number;
  organisationId: number;
  useCaseId: number;
  title: string;
  introduction: string;
  form: Form;
  opensAt: string;
  closesAt: string;
  mode: ConsultationMode;
  minCell: number;
  synthesis: string | null;
  changes: string | null;
  synthesisPublishedAt: string | null;
  version: number;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

/** Where a consultation stands at `now` (ISO). */
export function stateAt(c: Pick<Consultation, 'opensAt' | 'closesAt'>, now: string): ConsultationState {
  const t = Date.parse(now);
  if (t < Date.parse(c.opensAt)) return 'scheduled';
  if (t >= Date.parse(c.closesAt)) return 'closed';
  return 'open';
}

// ---------------------------------------------------------------------------------------------------------------
// Question templates
// ---------------------------------------------------------------------------------------------------------------

export interface QuestionTemplate {
  code: string;
  /** What the editor reads beside the checkbox. */
  summary: string;
  question: Question;
}

const choices = (...labels: string[]) => labels.map((label, i) => ({ code: `c${i + 1}`, label }));

/** Questions written by us for consultations before deployment, in the order they are asked. */
export const QUESTION_TEMPLATES: readonly QuestionTemplate[] = [
  {
    code: 'concerne',
    summary: 'Si la personne utilise le service concerné',
    question: {
      id: 'concerne',
      type: 'single_choice',
      label: 'Utilisez-vous le service concerné par ce projet ?',
      required: true,
      choices: choices('Oui, souvent', 'Oui, de temps en temps', 'Non, jamais', 'Je ne sais pas'),
    },
  },
  {
    code: 'comprehension',
    summary: 'Si l’explication du système est claire',
    question: {
      id: 'comprehension',
      type: 'scale',
      label: 'Après avoir lu l’explication, comprenez-vous ce que fera ce système ?',
      hint: '1 : pas du tout, 5 : très bien.',
      required: true,
      max: 5,
      minLabel: 'Pas du tout',
      maxLabel: 'Très bien',
    },
  },
  {
    code: 'avis',
    summary: 'L’avis général sur le projet',
    question: {
      id: 'avis',
      type: 'single_choice',
      label: 'Que pensez-vous de l’utilisation de ce système par la collectivité ?',
      required: true,
      choices: choices('Favorable', 'Plutôt favorable', 'Plutôt défavorable', 'Défavorable', 'Sans avis'),
    },
  },
  {
    code: 'inquietudes',
    summary: 'Ce qui inquiète (plusieurs choix, « autre » possible)',
    question: {
      id: 'inquietudes',
      type: 'multiple_choice',
      label: 'Qu’est-ce qui vous inquiète le plus ?',
      hint: 'Plusieurs réponses possibles.',
      choices: choices(
        'Que le système se trompe',
        'L’usage de mes données personnelles',
        'Moins de contact avec les agents',
        'Le coût pour la collectivité',
        'L’impact sur l’environnement',
        'Rien de particulier',
      ),
      allowOther: true,
    },
  },
  {
    code: 'agent',
    summary: 'Le besoin de pouvoir parler à un agent',
    question: {
      id: 'agent',
      type: 'yes_no',
      label: 'Voulez-vous pouvoir toujours vous adresser à un agent plutôt qu’au système ?',
    },
  },
  {
    code: 'information',
    summary: 'Comment être informé·e de la suite',
    question: {
      id: 'information',
      type: 'multiple_choice',
      label: 'Comment souhaitez-vous être informé·e de la suite du projet ?',
      hint: 'Plusieurs réponses possibles.',
      choices: choices('Le site de la collectivité', 'Le journal municipal', 'Une réunion publique', 'À l’accueil'),
    },
  },
  {
    code: 'remarques',
    summary: 'Une remarque libre (jamais publiée telle quelle)',
    question: {
      id: 'remarques',
      type: 'long_text',
      label: 'Avez-vous une remarque ou une suggestion ?',
      hint: 'N’écrivez pas d’information qui permettrait de vous reconnaître. 2 000 caractères au plus.',
      validation: { maxLength: 2000 },
    },
  },
];

export const TEMPLATE_CODES = QUESTION_TEMPLATES.map((t) => t.code);

/** The form of a consultation made from templates (in the templates' order). */
export function formFromTemplates(title: string, codes: readonly string[]): Form {
  return {
    title,
    language: 'fr',
    pages: [
      {
        id: 'consultation',
        title: 'Vos réponses',
        elements: QUESTION_TEMPLATES.filter((t) => codes.includes(t.code)).map((t) => structuredClone(t.question)),
      },
    ],
  };
}

/** The template codes a form was made from (to show the editor's choices back). */
export function templatesOf(form: Form): string[] {
  const ids = new Set(allQuestions(form).map((q) => q.id));
  return TEMPLATE_CODES.filter((c) => ids.has(c));
}

/** Question types a consultation may not ask (no uploads from anonymous people, no authority picker). */
const REFUSED_TYPES = new Set(['file', 'organisation']);

/**
 * A form imported from SurveyJS JSON (pasted text): the form, or one French message. File and authority questions are
 * refused: anonymous people upload nothing here.
 */
export function formFromSurveyJs(title: string, json: string): { form: Form } | { error: string } {
  if (json.length > LIMITS.surveyJsMax) return { error: `Le JSON SurveyJS dépasse ${LIMITS.surveyJsMax} caractères.` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { error: 'Le texte collé n’est pas du JSON valide : copiez le JSON complet du questionnaire SurveyJS.' };
  }
  const imported = fromSurveyJs(parsed);
  if (!imported.questionnaire || imported.issues.length) {
    const first = imported.issues[0];
    return { error: `Import SurveyJS impossible : ${first ? `${first.path} — ${first.message}` : 'aucune question'}.` };
  }
  const form: Form = { ...imported.questionnaire, title };
  const refused = allQuestions(form).find((q) => REFUSED_TYPES.has(q.type));
  if (refused)
    return { error: `La question « ${refused.label} » demande un fichier ou une collectivité : retirez-la.` };
  if (!allQuestions(form).length) return { error: 'Le questionnaire SurveyJS ne contient aucune question.' };
  const checked = validateForm(form);
  if (!checked.ok) return { error: `Questionnaire invalide : ${checked.issues[0]?.message ?? 'structure inconnue'}.` };
  return { form: checked.questionnaire };
}

// ---------------------------------------------------------------------------------------------------------------
// Results under the small-number rule
// ---------------------------------------------------------------------------------------------------------------

export interface ConsultationResults {
  /** Answers received. */
  answers: number;
  /** null when withheld: fewer answers than `minCell`. */
  results: FormResults | null;
  withheld: boolean;
  minCell: number;
}

/**
 * Results of a consultation. Public (`protect`): nothing under `minCell` answers, and free texts only where the
 * question allows it (the census's rule); the authority's editors see every answer's figures and texts.
 */
export function consultationResults(
  form: Form,
  answers: readonly Record<string, unknown>[],
  options: { protect: boolean; minCell: number },
): ConsultationResults {
  const total = answers.length;
  if (options.protect && total < options.minCell) {
    return { answers: total, results: null, withheld: true, minCell: options.minCell };
  }
  const results = computeResults([form], answers as never, { includeRestricted: !options.protect });
  if (!options.protect) return { answers: total, results, withheld: false, minCell: options.minCell };
  return {
    answers: total,
    withheld: false,
    minCell: options.minCell,
    results: {
      ...results,
      questions: results.questions.map((r) => {
        if (r.question.publicText) return r;
        if (r.kind === 'texts') return { ...r, texts: [] };
        if (r.kind === 'choices') return { ...r, others: [] };
        return r;
      }),
    },
  };
}
