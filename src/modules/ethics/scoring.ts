/**
 * Scores of a self-assessment, pure functions (explained on the result page by `SCORING_RULE`):
 * each question answered « Oui » counts 1 point, « En partie » ½, « Non » 0; « Ne s'applique pas » and unanswered
 * questions are left out. The score of a requirement (or of a principle) is its points over the questions counted,
 * as a percentage rounded to the nearest whole number; no question counted gives no score (null).
 */
import type { Answers } from '../forms/index.ts';
import {
  ANSWER_NA,
  ANSWER_NO,
  ANSWER_PARTLY,
  ANSWER_YES,
  type AssessmentQuestion,
  evidenceId,
  PRINCIPLES,
  type PrincipleCode,
  QUESTIONS,
  REQUIREMENTS,
} from './altai.ts';

export const SCORING_RULE = [
  'Chaque question répondue « Oui » compte 1 point, « En partie » ½ point, « Non » 0 point.',
  'Les questions « Ne s’applique pas » et celles laissées sans réponse ne comptent pas.',
  'Le score d’une exigence est la somme de ses points divisée par le nombre de ses questions comptées, en pourcentage arrondi à l’unité.',
  'Le score d’un principe de la Déclaration de Montréal se calcule de même sur les questions rattachées à ce principe (une question peut servir plusieurs principes).',
];

export interface Score {
  code: string;
  label: string;
  /** 0–100, or null when no question counts. */
  score: number | null;
  /** Questions counted (answered, applicable). */
  counted: number;
  /** Questions of the group. */
  total: number;
  notApplicable: number;
  unanswered: number;
}

/** The points of one answer: 1, ½, 0, or null (left out). */
export function pointsOf(answer: unknown): number | null {
  if (answer === ANSWER_YES) return 1;
  if (answer === ANSWER_PARTLY) return 0.5;
  if (answer === ANSWER_NO) return 0;
  return null;
}

export function scoreOf(code: string, label: string, questions: AssessmentQuestion[], answers: Answers): Score {
  let points = 0;
  let counted = 0;
  let notApplicable = 0;
  let unanswered = 0;
  for (const question of questions) {
    const answer = answers[question.id];
    const p = pointsOf(answer);
    if (p !== null) {
      points += p;
      counted++;
    } else if (answer === ANSWER_NA) notApplicable++;
    else unanswered++;
  }
  return {
    code,
    label,
    score: counted ? Math.round((points * 100) / counted) : null,
    counted,
    total: questions.length,
    notApplicable,
    unanswered,
  };
}

export function requirementScores(answers: Answers): Score[] {
  return REQUIREMENTS.map((r) =>
    scoreOf(
      r.code,
      r.label,
      QUESTIONS.filter((q) => q.requirement === r.code),
      answers,
    ),
  );
}

export function principleScores(answers: Answers): Score[] {
  return PRINCIPLES.map((p) =>
    scoreOf(
      p.code,
      p.label,
      QUESTIONS.filter((q) => q.principles.includes(p.code as PrincipleCode)),
      answers,
    ),
  );
}

/** The overall score: the same rule over every question. */
export function overallScore(answers: Answers): Score {
  return scoreOf('ensemble', 'Ensemble', QUESTIONS, answers);
}

export interface Gap {
  questionId: string;
  requirement: string;
  requirementLabel: string;
  question: string;
  answer: 'non' | 'partiel';
  recommendation: string;
}

/** The questions answered « Non » (first) or « En partie », each with its recommendation, in requirement order. */
export function gaps(answers: Answers): Gap[] {
  const label = new Map(REQUIREMENTS.map((r) => [r.code, r.label]));
  const out: Gap[] = [];
  for (const wanted of [ANSWER_NO, ANSWER_PARTLY] as const) {
    for (const q of QUESTIONS) {
      if (answers[q.id] !== wanted) continue;
      out.push({
        questionId: q.id,
        requirement: q.requirement,
        requirementLabel: label.get(q.requirement) ?? q.requirement,
        question: q.label,
        answer: wanted,
        recommendation: q.recommendation,
      });
    }
  }
  return out;
}

/** Evidence links given, by question id. */
export function evidence(answers: Answers): { questionId: string; question: string; href: string }[] {
  return QUESTIONS.flatMap((q) => {
    const href = answers[evidenceId(q.id)];
    return typeof href === 'string' && pointsOf(answers[q.id]) ? [{ questionId: q.id, question: q.label, href }] : [];
  });
}

export interface ScoreChange {
  code: string;
  label: string;
  previous: number | null;
  current: number | null;
  /** current − previous, when both exist. */
  delta: number | null;
}

/** Requirement by requirement, how the score moved since the previous assessment. */
export function compareScores(previous: Score[], current: Score[]): ScoreChange[] {
  return current.map((c) => {
    const p = previous.find((x) => x.code === c.code);
    const before = p?.score ?? null;
    return {
      code: c.code,
      label: c.label,
      previous: before,
      current: c.score,
      delta: before !== null && c.score !== null ? c.score - before : null,
    };
  });
}
