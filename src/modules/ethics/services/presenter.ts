/**
 * The result of an assessment as a view-model (pure): scores, radar series, gaps and comparison for the
 * self-assessment; category, articles, obligations and dates for the AI Act wizard; the checklist for French law;
 * and, for every kind, the answers in words. Used by the result page and the JSON API alike.
 */
import { allQuestions, cellText, type Question, visibleElementIds } from '../../forms/index.ts';
import { type Classification, classify } from '../ai-act.ts';
import { guidanceFor, REQUIREMENTS, type Reference } from '../altai.ts';
import { type LawItem, lawChecklist } from '../law.ts';
import { type Assessment, FORMS, KIND_LABELS, statusText } from '../model.ts';
import {
  compareScores,
  evidence,
  type Gap,
  gaps,
  overallScore,
  principleScores,
  requirementScores,
  type Score,
  type ScoreChange,
} from '../scoring.ts';

export interface SelfResult {
  kind: 'self';
  overall: Score;
  requirements: Score[];
  principles: Score[];
  gaps: (Gap & { guidance: Reference[] })[];
  evidence: { questionId: string; question: string; href: string }[];
  comparison: { number: number; signedAt: string | null; changes: ScoreChange[]; principles: ScoreChange[] } | null;
}

export interface AiActResult {
  kind: 'ai_act';
  classification: Classification;
}

export interface LawResult {
  kind: 'law';
  items: LawItem[];
}

export type ResultDetail = SelfResult | AiActResult | LawResult;

export interface AnswerLine {
  page: string;
  question: string;
  answer: string;
}

export interface AssessmentResult {
  id: number;
  useCaseId: number;
  kind: Assessment['kind'];
  kindLabel: string;
  number: number;
  status: Assessment['status'];
  statusText: string;
  published: boolean;
  publishedAt: string | null;
  signedAt: string | null;
  signedBy: string | null;
  updatedAt: string;
  detail: ResultDetail;
  answers: AnswerLine[];
}

function answerLines(a: Assessment): AnswerLine[] {
  const form = FORMS[a.kind];
  const visible = visibleElementIds(form, a.answers);
  const lines: AnswerLine[] = [];
  for (const page of form.pages) {
    for (const e of page.elements) {
      if (e.type === 'info' || !visible.has(e.id)) continue;
      const text = cellText(e as Question, a.answers);
      if (text) lines.push({ page: page.title, question: (e as Question).label, answer: text });
    }
  }
  return lines;
}

export function presentResult(a: Assessment, previous: Assessment | null): AssessmentResult {
  let detail: ResultDetail;
  if (a.kind === 'self') {
    const requirements = requirementScores(a.answers);
    const principles = principleScores(a.answers);
    detail = {
      kind: 'self',
      overall: overallScore(a.answers),
      requirements,
      principles,
      gaps: gaps(a.answers).map((g) => ({ ...g, guidance: guidanceFor(g.requirement) })),
      evidence: evidence(a.answers),
      comparison: previous
        ? {
            number: previous.number,
            signedAt: previous.signedAt,
            changes: compareScores(requirementScores(previous.answers), requirements),
            principles: compareScores(principleScores(previous.answers), principles),
          }
        : null,
    };
  } else if (a.kind === 'ai_act') {
    detail = { kind: 'ai_act', classification: classify(a.answers) };
  } else {
    detail = { kind: 'law', items: lawChecklist(a.answers) };
  }
  return {
    id: a.id,
    useCaseId: a.useCaseId,
    kind: a.kind,
    kindLabel: KIND_LABELS[a.kind],
    number: a.number,
    status: a.status,
    statusText: statusText(a),
    published: a.published,
    publishedAt: a.publishedAt,
    signedAt: a.signedAt,
    signedBy: a.signedName,
    updatedAt: a.updatedAt,
    detail,
    answers: answerLines(a),
  };
}

/** Requirement codes in order (the radar's axes). */
export const REQUIREMENT_CODES = REQUIREMENTS.map((r) => r.code);
/** How many questions a form has (the API says it). */
export const questionCount = (kind: Assessment['kind']) => allQuestions(FORMS[kind]).length;
