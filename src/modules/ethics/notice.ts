/**
 * The transparency notice of a sheet, generated in plain French from the sheet's PUBLIC fields and its signed
 * assessments, in two levels (as the UK algorithmic transparency standard does): a short summary for everyone, then
 * the detail, section by section. The authority edits it before publishing; a published notice never changes (a new
 * version is written instead). Pure code only.
 */
import { aiActRiskCategories, automationLevels, explainabilityLevels, techniques } from '../library/index.ts';
import { CATEGORY_LABELS, type Classification } from './ai-act.ts';
import type { LawItem } from './law.ts';
import type { Score } from './scoring.ts';

export interface NoticeSection {
  key: string;
  title: string;
  text: string;
}

export interface NoticeContent {
  summary: string;
  sections: NoticeSection[];
}

/** The sections of every notice, in order (their keys are stable: the edit form and the API use them). */
export const NOTICE_SECTIONS = [
  { key: 'objet', title: 'Ce que fait le système, et pourquoi' },
  { key: 'responsable', title: 'Qui en est responsable, et comment le contacter' },
  { key: 'decisions', title: 'Sa place dans les décisions' },
  { key: 'donnees', title: 'Les données utilisées et leurs sources' },
  { key: 'parametres', title: 'Les principaux paramètres' },
  { key: 'controle', title: 'Le contrôle humain' },
  { key: 'risques', title: 'Les risques et les mesures prises' },
  { key: 'droits', title: 'S’opposer, contester, demander une explication' },
  { key: 'revue', title: 'Dernière revue' },
] as const;

export const TO_COMPLETE = 'À compléter par la collectivité avant publication.';

export interface NoticeInput {
  title: string;
  organisationName: string;
  /** The sheet's public fields only. */
  content: Record<string, unknown>;
  /** Requirement scores of the latest signed self-assessment, if any. */
  selfScores: Score[] | null;
  aiAct: Classification | null;
  law: LawItem[] | null;
  /** Today (AAAA-MM-JJ), for the review date when the sheet has none. */
  today: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const sentence = (s: string) => (s && !/[.!?…]$/.test(s) ? `${s}.` : s);
const frenchDate = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return y && m && d ? `${Number(d)}/${m}/${y}` : iso;
};

export function generateNotice(input: NoticeInput): NoticeContent {
  const c = input.content;
  const purpose = [str(c.summary), str(c.goal) && `Objectif : ${lowerFirst(sentence(str(c.goal)))}`]
    .filter(Boolean)
    .join(' ');
  const automation = automationLevels.labelOf(str(c.automationLevel));
  const decisionParts = [
    automation && `Niveau d’automatisation : ${automation.toLowerCase()}.`,
    str(c.decisionScope) && sentence(str(c.decisionScope)),
    str(c.affectedPublic) && `Personnes concernées : ${lowerFirst(sentence(str(c.affectedPublic)))}`,
    str(c.legalBasis) && `Base légale : ${lowerFirst(sentence(str(c.legalBasis)))}`,
  ].filter(Boolean);
  const lawDecisions = input.law?.find((i) => i.code === 'mention');
  if (lawDecisions?.applies)
    decisionParts.push(
      'Les décisions individuelles prises avec l’aide du système le mentionnent, et les règles du traitement sont communiquées à toute personne qui le demande (code des relations entre le public et l’administration, articles L311-3-1 et R311-3-1-2).',
    );
  const technique = list(c.techniques)
    .map((t) => techniques.labelOf(t))
    .filter(Boolean);
  const explainability = explainabilityLevels.labelOf(str(c.explainability));
  const parameters = [
    technique.length ? `Techniques : ${technique.join(', ')}.` : '',
    explainability ? `Explicabilité : ${explainability.toLowerCase()}.` : '',
  ].filter(Boolean);
  const oversightScore = input.selfScores?.find((s) => s.code === 'humain')?.score;
  const oversight = [
    str(c.humanOversight) && sentence(str(c.humanOversight)),
    oversightScore !== undefined && oversightScore !== null
      ? `Auto-évaluation de la collectivité, exigence « action humaine et contrôle humain » : ${oversightScore} %.`
      : '',
  ].filter(Boolean);
  const category = input.aiAct
    ? CATEGORY_LABELS[input.aiAct.category]
    : aiActRiskCategories.labelOf(str(c.aiActRiskCategory));
  const risks = [
    str(c.riskAssessment) && sentence(str(c.riskAssessment)),
    category
      ? `Règlement européen sur l’IA : ${category.toLowerCase()}${input.aiAct ? ` (${input.aiAct.articles[0]})` : ''}.`
      : '',
    input.law?.find((i) => i.code === 'aipd')?.done
      ? 'Une analyse d’impact relative à la protection des données a été réalisée.'
      : '',
  ].filter(Boolean);
  const rights = [
    str(c.objectionProcedure) && sentence(str(c.objectionProcedure)),
    str(c.reversibility) && sentence(str(c.reversibility)),
    'Vous pouvez demander une explication sur une décision qui vous concerne et son réexamen par un agent.',
  ].filter(Boolean);
  const review = str(c.infoUpdatedOn) || input.today;
  const next = str(c.nextReviewDate);
  const texts: Record<string, string> = {
    objet: purpose || TO_COMPLETE,
    responsable: `${input.organisationName} est responsable de ce système. Service à contacter et adresse : ${TO_COMPLETE}`,
    decisions: decisionParts.join(' ') || TO_COMPLETE,
    donnees: TO_COMPLETE,
    parametres: parameters.join(' ') || TO_COMPLETE,
    controle: oversight.join(' ') || TO_COMPLETE,
    risques: risks.join(' ') || TO_COMPLETE,
    droits: rights.join(' '),
    revue: `Informations vérifiées le ${frenchDate(review)}.${next ? ` Prochaine revue prévue le ${frenchDate(next)}.` : ''}`,
  };
  const summary = [
    `${input.organisationName} utilise « ${input.title} »${str(c.summary) ? ` : ${lowerFirst(sentence(str(c.summary)))}` : '.'}`,
    automation ? `Niveau d’automatisation : ${automation.toLowerCase()}.` : '',
    'Vous pouvez demander une explication et le réexamen d’une décision par un agent.',
  ]
    .filter(Boolean)
    .join(' ');
  return { summary, sections: NOTICE_SECTIONS.map((s) => ({ key: s.key, title: s.title, text: texts[s.key]! })) };
}

/** « Les agents… » → « les agents… » after a colon; an acronym (« CNIL ») is kept. */
function lowerFirst(s: string): string {
  return /^\p{Lu}\p{Ll}/u.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

export const MAX_SUMMARY = 1_000;
export const MAX_SECTION = 5_000;

/** Reads the edit form of a notice: French messages for an empty summary or texts too long. */
export function readNoticeForm(body: Record<string, unknown>): {
  content: NoticeContent;
  errors: Record<string, string>;
} {
  const text = (name: string) => {
    const v = body[name];
    return (Array.isArray(v) ? String(v[v.length - 1] ?? '') : typeof v === 'string' ? v : '')
      .replace(/\r\n/g, '\n')
      .trim();
  };
  const errors: Record<string, string> = {};
  const summary = text('resume');
  if (!summary) errors.resume = 'Écrivez le résumé de la notice : quelques phrases pour tout le monde.';
  else if (summary.length > MAX_SUMMARY)
    errors.resume = `Le résumé dépasse ${MAX_SUMMARY} caractères (${summary.length}).`;
  const sections = NOTICE_SECTIONS.map((s) => {
    const t = text(`section_${s.key}`);
    if (!t) errors[`section_${s.key}`] = `Écrivez la partie « ${s.title} » (ou dites pourquoi elle ne s’applique pas).`;
    else if (t.length > MAX_SECTION)
      errors[`section_${s.key}`] = `La partie « ${s.title} » dépasse ${MAX_SECTION} caractères (${t.length}).`;
    return { key: s.key, title: s.title, text: t };
  });
  return { content: { summary, sections }, errors };
}

/** Sections still carrying the « à compléter » mark (publication is refused while there are some). */
export function incompleteSections(content: NoticeContent): string[] {
  return content.sections.filter((s) => s.text.includes(TO_COMPLETE)).map((s) => s.key);
}
