/**
 * Answers: validation against a form version (French, per-question messages), pruning of hidden answers, page-level
 * validation and progress. Reading a posted HTML form is in input.ts, merging concurrent saves in merge.ts.
 *
 * Pure and free of Node APIs (like conditions.ts), so that a client island may reuse it.
 * Rule of thumb: normalisation never fails, it keeps what was typed; validation judges.
 */
import { isAnswered, visibleElementIds } from './conditions.ts';
import {
  type Answers,
  type AnswerValue,
  allQuestions,
  compilePattern,
  type FileAnswer,
  type Form,
  OTHER_CODE,
  otherKey,
  type Question,
} from './model.ts';

// ---------------------------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------------------------

export const MESSAGES = {
  required: 'Ce champ est obligatoire',
  requiredChoice: 'Choisissez une réponse',
  requiredMultiple: 'Cochez au moins une réponse',
  requiredYesNo: 'Répondez par oui ou par non',
  requiredMatrixAll: 'Répondez pour chaque ligne du tableau',
  requiredMatrixOne: 'Répondez pour au moins une ligne du tableau',
  requiredRanking: 'Classez tous les éléments',
  requiredOrganisation: 'Choisissez une collectivité',
  requiredFile: 'Joignez un fichier',
  email: 'Saisissez une adresse e-mail valide, par exemple nom@commune.fr',
  url: 'Saisissez une adresse web valide commençant par https://, par exemple https://www.commune.fr',
  number: 'Saisissez un nombre, par exemple 12 ou 3,5',
  date: 'Saisissez une date valide, par exemple 15/03/2024',
  month: 'Saisissez un mois valide, par exemple 03/2024',
  pattern: "La réponse n'a pas le format attendu",
  choice: 'Choisissez une réponse dans la liste',
  other: 'Précisez votre réponse « Autre »',
  yesNo: 'Répondez par oui ou par non',
  rankingDistinct: 'Attribuez un rang différent à chaque élément, de 1 au nombre d’éléments',
  organisation: 'Choisissez une collectivité dans la liste',
  file: "Le fichier joint n'a pas pu être enregistré, joignez-le à nouveau",
  minLength: (n: number) => `Saisissez au moins ${n} caractère${n > 1 ? 's' : ''}`,
  maxLength: (n: number) => `Saisissez au plus ${n} caractère${n > 1 ? 's' : ''}`,
  min: (n: number) => `Saisissez un nombre supérieur ou égal à ${formatNumber(n)}`,
  max: (n: number) => `Saisissez un nombre inférieur ou égal à ${formatNumber(n)}`,
  scale: (max: number) => `Choisissez une valeur de 1 à ${max}`,
  minChoices: (n: number) => `Cochez au moins ${n} réponse${n > 1 ? 's' : ''}`,
  maxChoices: (n: number) => `Cochez au plus ${n} réponse${n > 1 ? 's' : ''}`,
  matrixRow: (row: string) => `Répondez pour la ligne « ${row} »`,
  matrixColumn: (row: string) => `Choisissez une réponse de la liste pour la ligne « ${row} »`,
  fileSize: (max: number) => `Le fichier doit faire au plus ${formatBytes(max)}`,
  fileType: (accept: string[]) => `Le fichier doit être au format ${accept.map(mimeLabel).join(', ')}`,
};

export function formatNumber(n: number): string {
  return String(n).replace('.', ',');
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${formatNumber(Math.round((n / (1024 * 1024)) * 10) / 10)} Mo`;
  if (n >= 1024) return `${formatNumber(Math.round((n / 1024) * 10) / 10)} Ko`;
  return `${n} octets`;
}

const MIME_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/*': 'image',
  'text/csv': 'CSV',
  'text/plain': 'texte',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (DOCX)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (XLSX)',
  'application/msword': 'Word (DOC)',
  'application/vnd.ms-excel': 'Excel (XLS)',
};

export function mimeLabel(mime: string): string {
  return MIME_LABELS[mime] ?? mime;
}

/** True when a file of this MIME type is accepted by the list (`image/*` accepts every image). */
export function mimeAccepted(mime: string, accept: readonly string[]): boolean {
  const type = mime.toLowerCase();
  return accept.some((a) => a === type || (a.endsWith('/*') && type.startsWith(a.slice(0, -1))));
}

// ---------------------------------------------------------------------------------------------------------------
// Format checks
// ---------------------------------------------------------------------------------------------------------------

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isEmail(s: string): boolean {
  return s.length <= 254 && EMAIL.test(s) && !s.includes('..') && !s.startsWith('.') && !s.includes('.@');
}

export function isWebUrl(s: string): boolean {
  if (!/^https?:\/\//i.test(s)) return false;
  try {
    const u = new URL(s);
    return (
      (u.protocol === 'http:' || u.protocol === 'https:') && (u.hostname.includes('.') || u.hostname === 'localhost')
    );
  } catch {
    return false;
  }
}

/** A real calendar date `AAAA-MM-JJ`. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

export function isIsoMonth(s: string): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  return !!m && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

function length(s: string): number {
  return [...s].length;
}

function isFileAnswer(v: unknown): v is FileAnswer {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    typeof (v as FileAnswer).id === 'string' &&
    typeof (v as FileAnswer).name === 'string' &&
    typeof (v as FileAnswer).size === 'number' &&
    typeof (v as FileAnswer).type === 'string'
  );
}

function isStringRecord(v: unknown): v is Record<string, string> {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string')
  );
}

function choiceCodes(q: Question): string[] {
  if (q.type === 'single_choice' || q.type === 'dropdown' || q.type === 'multiple_choice') {
    return [...q.choices.map((c) => c.code), ...(q.allowOther ? [OTHER_CODE] : [])];
  }
  if (q.type === 'ranking') return q.choices.map((c) => c.code);
  return [];
}

/** True when the question's answer includes the « Autre » option. */
export function usesOther(q: Question, value: AnswerValue | undefined): boolean {
  if (!('allowOther' in q) || !q.allowOther) return false;
  return value === OTHER_CODE || (Array.isArray(value) && value.includes(OTHER_CODE));
}

// ---------------------------------------------------------------------------------------------------------------
// One question
// ---------------------------------------------------------------------------------------------------------------

/**
 * Errors of one (visible) question's answer, keyed by field: the question id, and `id.other` for the free text of
 * the « Autre » option. Empty object when valid.
 */
export function questionErrors(q: Question, answers: Answers): Record<string, string> {
  const value = answers[q.id];
  const errors: Record<string, string> = {};
  const fail = (message: string) => {
    errors[q.id] = message;
    return errors;
  };
  if (!isAnswered(value)) {
    if (!q.required) return errors;
    switch (q.type) {
      case 'single_choice':
      case 'dropdown':
      case 'scale':
        return fail(MESSAGES.requiredChoice);
      case 'multiple_choice':
        return fail(MESSAGES.requiredMultiple);
      case 'yes_no':
        return fail(MESSAGES.requiredYesNo);
      case 'matrix':
        return fail(q.allRowsRequired ? MESSAGES.requiredMatrixAll : MESSAGES.requiredMatrixOne);
      case 'ranking':
        return fail(MESSAGES.requiredRanking);
      case 'organisation':
        return fail(MESSAGES.requiredOrganisation);
      case 'file':
        return fail(MESSAGES.requiredFile);
      default:
        return fail(MESSAGES.required);
    }
  }
  const v = q.validation ?? {};
  switch (q.type) {
    case 'short_text':
    case 'long_text':
    case 'email':
    case 'url': {
      if (typeof value !== 'string') return fail(MESSAGES.required);
      if (q.type === 'email' && !isEmail(value)) return fail(MESSAGES.email);
      if (q.type === 'url' && !isWebUrl(value)) return fail(MESSAGES.url);
      if (v.minLength !== undefined && length(value) < v.minLength) return fail(MESSAGES.minLength(v.minLength));
      if (v.maxLength !== undefined && length(value) > v.maxLength) return fail(MESSAGES.maxLength(v.maxLength));
      if (v.pattern !== undefined && !compilePattern(v.pattern).test(value)) {
        return fail(v.patternMessage ?? MESSAGES.pattern);
      }
      return errors;
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail(MESSAGES.number);
      if (v.min !== undefined && value < v.min) return fail(MESSAGES.min(v.min));
      if (v.max !== undefined && value > v.max) return fail(MESSAGES.max(v.max));
      return errors;
    }
    case 'date': {
      const month = q.precision === 'month';
      if (typeof value !== 'string' || !(month ? isIsoMonth(value) : isIsoDate(value))) {
        return fail(month ? MESSAGES.month : MESSAGES.date);
      }
      return errors;
    }
    case 'scale':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > q.max) {
        return fail(MESSAGES.scale(q.max));
      }
      return errors;
    case 'yes_no':
      if (typeof value !== 'boolean') return fail(MESSAGES.yesNo);
      return errors;
    case 'single_choice':
    case 'dropdown':
      if (typeof value !== 'string' || !choiceCodes(q).includes(value)) return fail(MESSAGES.choice);
      if (value === OTHER_CODE && q.allowOther && !isAnswered(answers[otherKey(q.id)])) {
        errors[otherKey(q.id)] = MESSAGES.other;
      }
      return errors;
    case 'multiple_choice': {
      const codes = choiceCodes(q);
      if (!Array.isArray(value) || !value.every((c) => codes.includes(c)) || new Set(value).size !== value.length) {
        return fail(MESSAGES.choice);
      }
      if (q.minChoices !== undefined && value.length < q.minChoices) return fail(MESSAGES.minChoices(q.minChoices));
      if (q.maxChoices !== undefined && value.length > q.maxChoices) return fail(MESSAGES.maxChoices(q.maxChoices));
      if (value.includes(OTHER_CODE) && q.allowOther && !isAnswered(answers[otherKey(q.id)])) {
        errors[otherKey(q.id)] = MESSAGES.other;
      }
      return errors;
    }
    case 'matrix': {
      if (!isStringRecord(value)) return fail(MESSAGES.requiredMatrixOne);
      const columns = q.columns.map((c) => c.code);
      for (const row of q.rows) {
        const cell = value[row.code];
        if (cell === undefined || cell === '') {
          if (q.required && q.allRowsRequired) return fail(MESSAGES.matrixRow(row.label));
        } else if (!columns.includes(cell)) return fail(MESSAGES.matrixColumn(row.label));
      }
      const rows = q.rows.map((r) => r.code);
      if (Object.keys(value).some((k) => !rows.includes(k))) return fail(MESSAGES.choice);
      return errors;
    }
    case 'ranking': {
      const codes = choiceCodes(q);
      if (!Array.isArray(value)) return fail(MESSAGES.rankingDistinct);
      if (value.length !== codes.length || !codes.every((c) => value.includes(c)))
        return fail(MESSAGES.requiredRanking);
      return errors;
    }
    case 'organisation':
      if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(value)) return fail(MESSAGES.organisation);
      return errors;
    case 'file':
      if (!isFileAnswer(value)) return fail(MESSAGES.file);
      if (value.size > q.maxSizeBytes) return fail(MESSAGES.fileSize(q.maxSizeBytes));
      if (!mimeAccepted(value.type, q.accept)) return fail(MESSAGES.fileType(q.accept));
      return errors;
    default:
      return errors;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Whole form / one page
// ---------------------------------------------------------------------------------------------------------------

/**
 * Keeps only the answers of visible questions (and the « Autre » text when that option is chosen); drops hidden
 * questions' answers and keys that are not questions of this version.
 */
export function pruneHidden(questionnaire: Form, answers: Answers): Answers {
  const visible = visibleElementIds(questionnaire, answers);
  const out: Answers = {};
  for (const q of allQuestions(questionnaire)) {
    if (!visible.has(q.id)) continue;
    const value = answers[q.id];
    if (!isAnswered(value)) continue;
    out[q.id] = value;
    const other = answers[otherKey(q.id)];
    if (usesOther(q, value) && isAnswered(other)) out[otherKey(q.id)] = other;
  }
  return out;
}

export interface AnswersValidation {
  valid: boolean;
  /** Field key (question id, or `id.other`) → French message, in form order. */
  errors: Record<string, string>;
  /** The answers with hidden and unknown ones removed: what is kept. */
  answers: Answers;
}

/**
 * Validates answers against a form version. Only visible questions are checked (hidden ones are neither
 * required nor kept). With `pageId`, only that page's questions are checked (visibility still uses all answers).
 */
export function validateAnswers(
  questionnaire: Form,
  answers: Answers,
  options: { pageId?: string } = {},
): AnswersValidation {
  const visible = visibleElementIds(questionnaire, answers);
  const pages = options.pageId ? questionnaire.pages.filter((p) => p.id === options.pageId) : questionnaire.pages;
  if (options.pageId && pages.length === 0) throw new Error(`Page inconnue : ${options.pageId}`);
  const errors: Record<string, string> = {};
  for (const page of pages) {
    for (const element of page.elements) {
      if (element.type === 'info' || !visible.has(element.id)) continue;
      Object.assign(errors, questionErrors(element, answers));
    }
  }
  return { valid: Object.keys(errors).length === 0, errors, answers: pruneHidden(questionnaire, answers) };
}

/** Page-by-page answering: validates one page. */
export function validatePage(questionnaire: Form, pageId: string, answers: Answers): AnswersValidation {
  return validateAnswers(questionnaire, answers, { pageId });
}

export interface Progress {
  answered: number;
  total: number;
  /** 0–100, rounded down (100 only when everything counted is answered). */
  percent: number;
}

/**
 * Progress: answered visible required questions over visible required questions. A form without any
 * visible required question counts all visible questions instead.
 */
export function progress(
  questionnaire: Form,
  answers: Answers,
  all: readonly Question[] = allQuestions(questionnaire),
): Progress {
  const visible = visibleElementIds(questionnaire, answers);
  const questions = all.filter((q) => visible.has(q.id));
  const required = questions.filter((q) => q.required);
  const counted = required.length ? required : questions;
  const answered = counted.filter((q) => isAnswered(answers[q.id])).length;
  const total = counted.length;
  return { answered, total, percent: total === 0 ? 100 : Math.floor((answered * 100) / total) };
}

/** Applies a JSON patch of answers (autosave): `null` deletes a key, other values replace it. */
export function mergeAnswers(previous: Answers, patch: Record<string, AnswerValue | null | undefined>): Answers {
  const out: Answers = { ...previous };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined || !isAnswered(value)) delete out[key];
    else out[key] = value;
  }
  return out;
}
