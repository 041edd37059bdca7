/**
 * Random answer sets for any form of the forms engine (tests and benchmarks), with the shapes real answers take
 * (codes, « Autre » precisions, unknown codes from older versions, rankings, numbers with decimals and negatives,
 * dates, free texts) and some questions left unanswered; or, with `plausible`, only answers a person could give today.
 */
import {
  type Answers,
  allQuestions,
  type Form,
  OTHER_CODE,
  otherKey,
  type Question,
} from '../../src/modules/forms/index.ts';

const WORDS = ['prévision', 'cantine', 'eau', 'fuites', 'éclairage', 'chatbot', 'courrier', 'voirie', 'déchets'];
const MORE_WORDS = [...WORDS, 'agents', 'habitants', 'données'];

/**
 * `skip`: the share of questions left unanswered (default 0.2). `plausible`: only answers a person could give today
 * (codes of the current choices, at most `maxChoices`, every matrix row, whole numbers from 0, texts of 4 to 23
 * words), as the benchmarks store them; without it, the awkward shapes too.
 */
export function randomAnswers(
  form: Form,
  rnd: () => number,
  options: { skip?: number; plausible?: boolean } = {},
): Answers {
  const skip = options.skip ?? 0.2;
  const answers: Answers = {};
  for (const q of allQuestions(form)) {
    if (rnd() < skip) continue;
    Object.assign(answers, (options.plausible && plausibleAnswer(q, rnd)) || randomAnswer(q, rnd));
  }
  return answers;
}

/** A plausible answer where it differs from `randomAnswer`'s (null: the same). */
function plausibleAnswer(q: Question, rnd: () => number): Answers | null {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  switch (q.type) {
    case 'single_choice':
    case 'dropdown':
      return { [q.id]: pick(q.choices).code };
    case 'multiple_choice':
      return {
        [q.id]: q.choices
          .filter(() => rnd() < 0.25)
          .map((c) => c.code)
          .slice(0, q.maxChoices ?? 99),
      };
    case 'matrix':
      return { [q.id]: Object.fromEntries(q.rows.map((r) => [r.code, pick(q.columns).code])) };
    case 'number':
      return { [q.id]: Math.floor(rnd() * 50) };
    case 'short_text':
    case 'long_text':
      return { [q.id]: Array.from({ length: 4 + Math.floor(rnd() * 20) }, () => pick(MORE_WORDS)).join(' ') };
    default:
      return null;
  }
}

/** An answer to one question, awkward shapes included (its « Autre » precision with it); {} for none. */
function randomAnswer(q: Question, rnd: () => number): Answers {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const answers: Answers = {};
  switch (q.type) {
    case 'single_choice':
    case 'dropdown': {
      const r = rnd();
      if (q.allowOther && r < 0.15) {
        answers[q.id] = OTHER_CODE;
        if (rnd() < 0.8) answers[otherKey(q.id)] = `autre ${pick(WORDS)} ${Math.floor(rnd() * 100)}`;
      } else answers[q.id] = r < 0.2 ? `ancien_${Math.floor(rnd() * 3)}` : pick(q.choices).code;
      break;
    }
    case 'multiple_choice': {
      const codes = q.choices.filter(() => rnd() < 0.3).map((c) => c.code);
      if (q.allowOther && rnd() < 0.2) {
        codes.push(OTHER_CODE);
        answers[otherKey(q.id)] = `autre ${pick(WORDS)}`;
      }
      if (rnd() < 0.1) codes.push('ancien_code');
      answers[q.id] = codes;
      break;
    }
    case 'matrix':
      answers[q.id] = Object.fromEntries(
        q.rows.filter(() => rnd() < 0.8).map((r) => [r.code, rnd() < 0.05 ? 'ancienne' : pick(q.columns).code]),
      );
      break;
    case 'ranking': {
      const codes = q.choices.map((c) => c.code);
      for (let i = codes.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [codes[i], codes[j]] = [codes[j]!, codes[i]!];
      }
      answers[q.id] = codes.slice(0, 1 + Math.floor(rnd() * codes.length));
      break;
    }
    case 'yes_no':
      answers[q.id] = rnd() < 0.5;
      break;
    case 'scale':
      answers[q.id] = 1 + Math.floor(rnd() * q.max);
      break;
    case 'number':
      answers[q.id] = rnd() < 0.3 ? Math.round((rnd() - 0.3) * 10_000) / 100 : Math.floor(rnd() * 50);
      break;
    case 'date':
      answers[q.id] = `${2018 + Math.floor(rnd() * 7)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}`;
      break;
    case 'short_text':
    case 'long_text':
      answers[q.id] = Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => pick(WORDS)).join(' ');
      break;
    case 'email':
      answers[q.id] = `contact${Math.floor(rnd() * 1000)}@commune.fr`;
      break;
    case 'url':
      answers[q.id] = `https://www.commune${Math.floor(rnd() * 1000)}.fr/projet`;
      break;
    default:
      break;
  }
  return answers;
}
