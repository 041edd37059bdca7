/**
 * From a participation census response to the content of a draft initiative, question by question. The census is the
 * questionnaire « Participation citoyenne et politiques numériques » (questionnaires' catalogue) or any form that
 * keeps its question ids (`formats`, `sujets`, `publics`…): the mapping reads those ids and the choice labels of the
 * form itself. What the census does not ask (title, plain summary, dates…) is left for the authority to write. Pure.
 */
import {
  type Answers,
  allQuestions,
  type Form,
  hasChoices,
  isAnswered,
  OTHER_CODE,
  otherKey,
  type Question,
} from '../forms/index.ts';
import { emptyContent, formatLabel, type InitiativeContent, PUBLIC_CODES, topicLabel } from './model.ts';

/** Census format codes → initiative formats. */
const FORMAT_OF: Record<string, string> = {
  debat_public: 'public_debate',
  panel: 'citizen_convention',
  atelier: 'workshop',
  consultation_en_ligne: 'online_consultation',
  co_conception: 'workshop',
  budget_participatif: 'participatory_budget',
  instance: 'other',
  enquete: 'online_consultation',
};

/** Census subject codes → initiative topics. */
const TOPIC_OF: Record<string, string> = {
  inclusion: 'digital_inclusion',
  donnees: 'data',
  infrastructures: 'infrastructure_5g',
  ia: 'ai',
  demarches: 'public_services',
  sobriete: 'sobriety',
  capteurs: 'smart_city',
  education: 'digital_education',
};

/** The Manifesto commitment a topic most often puts into practice (pre-ticked; the authority checks them). */
const COMMITMENT_OF_TOPIC: Record<string, string> = {
  digital_inclusion: 'inclusion',
  infrastructure_5g: 'infrastructures',
  data: 'donnees',
  sobriety: 'sobriete',
};

/** True when responses to this form can become draft initiatives (it asks the census's formats and subjects). */
export function mapsToInitiative(form: Form): boolean {
  const ids = new Set(allQuestions(form).map((q) => q.id));
  return ids.has('formats') && ids.has('sujets') && ids.has('publics');
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

function labels(q: Question | undefined, codes: string[], answers: Answers): string[] {
  if (!q || !hasChoices(q)) return codes;
  return codes.map((c) =>
    c === OTHER_CODE ? str(answers[otherKey(q.id)]) || 'Autre' : (q.choices.find((x) => x.code === c)?.label ?? c),
  );
}

export function initiativeFromCensus(form: Form, answers: Answers): InitiativeContent {
  const questions = new Map(allQuestions(form).map((q) => [q.id, q]));
  const formats = list(answers.formats).filter((c) => c !== 'aucun');
  const mappedFormats = formats.map((c) => FORMAT_OF[c] ?? 'other');
  const format = mappedFormats.find((f) => f !== 'other') ?? mappedFormats[0] ?? null;
  const topics = [
    ...new Set(
      list(answers.sujets)
        .map((c) => TOPIC_OF[c])
        .filter((t): t is string => !!t),
    ),
  ];
  const publics = list(answers.publics).filter((c) => PUBLIC_CODES.includes(c));
  const far = [
    str(answers.eloignes_comment),
    str(answers.eloignes_freins) && `Ce qui a freiné : ${str(answers.eloignes_freins)}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  const helped = labels(questions.get('leviers'), list(answers.leviers), answers);
  const held = labels(questions.get('freins'), list(answers.freins), answers);
  const formatsText = labels(questions.get('formats'), formats, answers);
  const summary = [
    formatsText.length ? `Formats utilisés : ${formatsText.join(' ; ')}.` : '',
    typeof answers.nombre_demarches === 'number'
      ? `Démarches menées depuis trois ans : ${answers.nombre_demarches}.`
      : '',
    str(answers.debat_5g_recit),
  ]
    .filter(Boolean)
    .join('\n\n');
  const date = str(answers.derniere_demarche);
  const report = str(answers.compte_rendu);
  const content = emptyContent();
  return {
    ...content,
    title: `${format ? formatLabel(format) : 'Démarche participative'}${topics.length ? ` : ${topicLabel(topics[0]!).toLowerCase()}` : ''}`,
    summary,
    format,
    topics,
    publics,
    farFromDigital: far,
    startDate: /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null,
    outcomes: str(answers.resultats),
    obstacles: held.join('\n'),
    strengths: helped.join('\n'),
    resources: /^https?:\/\//.test(report) ? [{ label: 'Compte rendu public', url: report }] : [],
    commitments: [
      ...new Set([
        ...topics.map((t) => COMMITMENT_OF_TOPIC[t]).filter((c): c is string => !!c),
        ...(publics.includes('eloignes_numerique') ? ['inclusion'] : []),
        ...(isAnswered(answers.formats) && formats.length ? ['intelligence_collective'] : []),
      ]),
    ],
  };
}
