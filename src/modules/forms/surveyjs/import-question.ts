/**
 * SurveyJS questions → ours: text (inputType email, number, date, month, url), comment, checkbox, tagbox,
 * radiogroup, dropdown, boolean, rating, matrix, ranking and file. One reader per SurveyJS type fills a draft
 * (our type, its properties, validation, the SurveyJS value → code map for conditions); what it cannot take is
 * reported in French.
 */
import { OTHER_CODE, type Question } from '../model.ts';
import type { KnownQuestion } from './expressions.ts';
import { choicesOf, type ImportState, unknownProps } from './import-state.ts';
import { DEFAULT_ACCEPT, DEFAULT_MAX_SIZE, EXTENSION_MIME, isObject, type Json, text } from './shared.ts';

/** What a type's reader builds. */
interface QuestionDraft {
  kind?: Question['type'];
  /** SurveyJS properties the reader took (the others are reported). */
  handled: string[];
  extra: Json;
  validation: Json;
  /** SurveyJS choice value (as text) → our code. */
  values: Map<string, string>;
  valueTrue?: unknown;
  valueFalse?: unknown;
}

/** Reads one SurveyJS type into the draft; false when the question cannot be taken (already reported). */
type Reader = (state: ImportState, el: Json, path: string, label: string, d: QuestionDraft) => boolean;

/** Converts one SurveyJS question, or returns null (reported) when it cannot be taken. */
export function convertQuestion(
  state: ImportState,
  el: Json,
  type: string,
  path: string,
  label: string,
): KnownQuestion | null {
  const { report } = state;
  const id = state.takeId(el.name, text(el.title, `${path}.title`, []), path, 'question');
  const base: Json = { id, label: text(el.title, `${path}.title`, report)?.trim() || String(el.name ?? id) };
  const hint = text(el.description, `${path}.description`, report);
  if (hint?.trim()) base.hint = hint.trim();
  if (el.isRequired === true) base.required = true;
  if (el.restricted === true) base.restricted = true;
  if (el.publicText === true) base.publicText = true;
  if (typeof el.libraryField === 'string' && el.libraryField) base.libraryField = el.libraryField;
  const d: QuestionDraft = { handled: [], extra: {}, validation: {}, values: new Map() };
  const reader = readerOf(type);
  if (!reader) {
    state.note(path, `Élément ${label} de type « ${type || '?'} » non repris : type inconnu.`);
    return null;
  }
  if (!reader(state, el, path, label, d)) return null;
  unknownProps(state, el, d.handled, path, label);
  const question = { ...base, type: d.kind, ...d.extra } as Json;
  if (Object.keys(d.validation).length) question.validation = d.validation;
  // Keep a stable key order: id, type, label…
  const ordered = { id: question.id, type: question.type, ...question } as unknown as Question;
  return { question: ordered, values: d.values, valueTrue: d.valueTrue, valueFalse: d.valueFalse };
}

function readerOf(type: string): Reader | undefined {
  switch (type) {
    case 'text':
    case '':
      return readText;
    case 'comment':
      return readComment;
    case 'checkbox':
    case 'tagbox':
    case 'radiogroup':
    case 'dropdown':
      return readChoices;
    case 'boolean':
      return readBoolean;
    case 'rating':
      return readRating;
    case 'matrix':
      return readMatrix;
    case 'ranking':
      return readRanking;
    case 'file':
      return readFile;
    default:
      return undefined;
  }
}

/** SurveyJS validators → our validation (only those `allowed` for the type; the others are reported). */
function readValidators(
  state: ImportState,
  el: Json,
  path: string,
  label: string,
  d: QuestionDraft,
  allowed: string[],
) {
  if (!Array.isArray(el.validators)) return;
  el.validators.forEach((v: unknown, i: number) => {
    const vp = `${path}.validators[${i}]`;
    if (!isObject(v)) return;
    const vt = String(v.type ?? '').toLowerCase();
    if (vt === 'numeric' && allowed.includes('numeric')) {
      if (typeof v.minValue === 'number') d.validation.min = v.minValue;
      if (typeof v.maxValue === 'number') d.validation.max = v.maxValue;
    } else if (vt === 'text' && allowed.includes('text')) {
      if (typeof v.minLength === 'number' && v.minLength > 0) d.validation.minLength = v.minLength;
      if (typeof v.maxLength === 'number' && v.maxLength > 0) d.validation.maxLength = v.maxLength;
      if (v.allowDigits === false) state.note(vp, `Question ${label} : l'interdiction des chiffres n'est pas reprise.`);
    } else if (vt === 'regex' && allowed.includes('regex') && typeof v.regex === 'string') {
      d.validation.pattern = regexToPattern(v.regex);
      const message = text(v.text, `${vp}.text`, state.report);
      if (message) d.validation.patternMessage = message;
    } else if (vt === 'email' && allowed.includes('email')) {
      d.kind = 'email';
    } else if (vt === 'answercount' && allowed.includes('answercount')) {
      if (typeof v.minCount === 'number' && v.minCount > 0) d.extra.minChoices = v.minCount;
      if (typeof v.maxCount === 'number' && v.maxCount > 0) d.extra.maxChoices = v.maxCount;
    } else {
      state.note(vp, `Règle de validation « ${vt || '?'} » de la question ${label} non reprise.`);
    }
  });
}

/** A SurveyJS regex validator searches the value; our patterns match the whole value. */
function regexToPattern(regex: string): string {
  const ours = /^\^\(\?:([\s\S]*)\)\$$/.exec(regex);
  if (ours) return ours[1]!;
  if (regex.startsWith('^') && /[^\\]\$$/.test(regex) && !regex.includes('|')) return regex.slice(1, -1);
  return `[\\s\\S]*(?:${regex})[\\s\\S]*`;
}

const readText: Reader = (state, el, path, label, d) => {
  const inputType = typeof el.inputType === 'string' ? el.inputType.toLowerCase() : 'text';
  d.handled = ['inputType', 'validators', 'min', 'max', 'maxLength', 'organisationPicker'];
  d.kind = 'short_text';
  if (el.organisationPicker === true) d.kind = 'organisation';
  else if (inputType === 'email') d.kind = 'email';
  else if (inputType === 'url') d.kind = 'url';
  else if (inputType === 'number') d.kind = 'number';
  else if (inputType === 'date') d.kind = 'date';
  else if (inputType === 'month') {
    d.kind = 'date';
    d.extra.precision = 'month';
  } else if (inputType !== 'text') {
    state.note(
      `${path}.inputType`,
      `Type de saisie « ${inputType} » de la question ${label} importé comme texte court.`,
    );
  }
  if (d.kind === 'number') {
    if (typeof el.min === 'number') d.validation.min = el.min;
    if (typeof el.max === 'number') d.validation.max = el.max;
    readValidators(state, el, path, label, d, ['numeric']);
  } else if (d.kind === 'short_text') {
    if (typeof el.maxLength === 'number' && el.maxLength > 0) d.validation.maxLength = el.maxLength;
    readValidators(state, el, path, label, d, ['text', 'regex', 'email']);
  } else if (d.kind === 'email' || d.kind === 'url') {
    if (typeof el.maxLength === 'number' && el.maxLength > 0) d.validation.maxLength = el.maxLength;
    readValidators(state, el, path, label, d, ['text', 'email']);
  } else {
    if ((el.min !== undefined || el.max !== undefined) && d.kind === 'date') {
      state.note(path, `Bornes de date de la question ${label} non reprises.`);
    }
    readValidators(state, el, path, label, d, []);
  }
  return true;
};

const readComment: Reader = (state, el, path, label, d) => {
  d.kind = 'long_text';
  d.handled = ['validators', 'maxLength'];
  if (typeof el.maxLength === 'number' && el.maxLength > 0) d.validation.maxLength = el.maxLength;
  readValidators(state, el, path, label, d, ['text', 'regex']);
  return true;
};

const CHOICE_PROPERTIES = [
  'choices',
  'showOtherItem',
  'hasOther',
  'otherText',
  'showNoneItem',
  'hasNone',
  'noneText',
  'showSelectAllItem',
  'hasSelectAll',
  'selectAllText',
  'maxSelectedChoices',
  'minSelectedChoices',
  'validators',
  'choicesByUrl',
  'choicesFromQuestion',
  'choicesFromQuestionMode',
];

/** checkbox, tagbox → multiple choice; radiogroup → single choice; dropdown → dropdown. */
const readChoices: Reader = (state, el, path, label, d) => {
  const { note, report } = state;
  const type = String(el.type ?? '').toLowerCase();
  const kind = type === 'radiogroup' ? 'single_choice' : type === 'dropdown' ? 'dropdown' : 'multiple_choice';
  d.kind = kind;
  d.handled = CHOICE_PROPERTIES;
  const c = choicesOf(state, el.choices, `${path}.choices`, label, 'choix');
  if (el.showOtherItem === true || el.hasOther === true) {
    if (c.choices.some((x) => x.code === OTHER_CODE)) {
      note(
        `${path}.showOtherItem`,
        `Question ${label} : un choix utilise déjà le code « other », l'option « Autre » n'est pas reprise.`,
      );
    } else {
      d.extra.allowOther = true;
      const otherLabel = text(el.otherText, `${path}.otherText`, report);
      if (otherLabel?.trim()) d.extra.otherLabel = otherLabel.trim();
    }
  }
  if (el.showNoneItem === true || el.hasNone === true) {
    let code = 'none';
    for (let n = 2; c.choices.some((x) => x.code === code); n++) code = `none_${n}`;
    c.choices.push({ code, label: text(el.noneText, `${path}.noneText`, report)?.trim() || 'Aucun' });
    c.values.set('none', code);
    if (kind === 'multiple_choice')
      note(
        `${path}.showNoneItem`,
        `Question ${label} : l'option « Aucun » est reprise comme un choix ordinaire (elle ne décoche plus les autres).`,
      );
  }
  if (el.showSelectAllItem === true || el.hasSelectAll === true) {
    note(`${path}.showSelectAllItem`, `Question ${label} : l'option « Tout sélectionner » n'est pas reprise.`);
  }
  if (el.choicesByUrl)
    note(`${path}.choicesByUrl`, `Question ${label} : les choix chargés depuis une adresse web ne sont pas repris.`);
  if (el.choicesFromQuestion)
    note(
      `${path}.choicesFromQuestion`,
      `Question ${label} : les choix recopiés d'une autre question ne sont pas repris.`,
    );
  if (c.choices.length === 0) {
    note(path, `Question ${label} sans aucun choix : non reprise.`);
    return false;
  }
  for (const [k, v] of c.values) d.values.set(k, v);
  d.extra.choices = c.choices;
  if (kind === 'multiple_choice') {
    if (typeof el.minSelectedChoices === 'number' && el.minSelectedChoices > 0)
      d.extra.minChoices = el.minSelectedChoices;
    if (typeof el.maxSelectedChoices === 'number' && el.maxSelectedChoices > 0)
      d.extra.maxChoices = el.maxSelectedChoices;
    readValidators(state, el, path, label, d, ['answercount']);
  } else readValidators(state, el, path, label, d, []);
  return true;
};

const readBoolean: Reader = (state, el, path, label, d) => {
  d.kind = 'yes_no';
  d.handled = ['labelTrue', 'labelFalse', 'valueTrue', 'valueFalse', 'swapOrder'];
  const yes = text(el.labelTrue, `${path}.labelTrue`, state.report);
  const no = text(el.labelFalse, `${path}.labelFalse`, state.report);
  if ((yes && yes.trim().toLowerCase() !== 'oui') || (no && no.trim().toLowerCase() !== 'non')) {
    state.note(path, `Question ${label} : libellés « ${yes ?? 'Oui'} » / « ${no ?? 'Non'} » remplacés par Oui / Non.`);
  }
  if (el.valueTrue !== undefined || el.valueFalse !== undefined) {
    d.valueTrue = el.valueTrue;
    d.valueFalse = el.valueFalse;
    state.note(path, `Question ${label} : les valeurs personnalisées (valueTrue/valueFalse) deviennent oui/non.`);
  }
  return true;
};

/** A standard rating (1 to 5 or 1 to 10) is a scale; any other becomes a single choice (reported). */
const readRating: Reader = (state, el, path, label, d) => {
  d.handled = ['rateMin', 'rateMax', 'rateStep', 'rateCount', 'rateValues', 'minRateDescription', 'maxRateDescription'];
  const min = typeof el.rateMin === 'number' ? el.rateMin : 1;
  const step = typeof el.rateStep === 'number' ? el.rateStep : 1;
  let max = typeof el.rateMax === 'number' ? el.rateMax : 5;
  if (typeof el.rateCount === 'number' && el.rateMax === undefined) max = min + (el.rateCount - 1) * step;
  const minLabel = text(el.minRateDescription, `${path}.minRateDescription`, state.report);
  const maxLabel = text(el.maxRateDescription, `${path}.maxRateDescription`, state.report);
  const rateValues: unknown[] | null = Array.isArray(el.rateValues) && el.rateValues.length ? el.rateValues : null;
  const numericValues = rateValues?.map((v) => (isObject(v) ? v.value : v));
  const isStandard = rateValues
    ? numericValues!.every((v, i) => Number(v) === i + 1) &&
      [5, 10].includes(numericValues!.length) &&
      rateValues.every((v) => !isObject(v) || v.text === undefined)
    : min === 1 && step === 1 && (max === 5 || max === 10);
  if (isStandard) {
    d.kind = 'scale';
    d.extra.max = rateValues ? rateValues.length : max;
    if (minLabel?.trim()) d.extra.minLabel = minLabel.trim();
    if (maxLabel?.trim()) d.extra.maxLabel = maxLabel.trim();
    for (let v = 1; v <= d.extra.max; v++) d.values.set(String(v), String(v));
    return true;
  }
  d.kind = 'single_choice';
  const items = rateValues ?? range(min, max, step);
  const c = choicesOf(state, items, `${path}.rateValues`, label, 'valeur');
  if (c.choices.length === 0) {
    state.note(path, `Question ${label} : échelle sans valeurs, non reprise.`);
    return false;
  }
  const first = c.choices[0]!;
  const last = c.choices[c.choices.length - 1]!;
  if (minLabel?.trim()) first.label = `${first.label} – ${minLabel.trim()}`;
  if (maxLabel?.trim()) last.label = `${last.label} – ${maxLabel.trim()}`;
  d.extra.choices = c.choices;
  for (const [k, v] of c.values) d.values.set(k, v);
  state.note(
    path,
    `Question ${label} : échelle ${rateValues ? 'à valeurs personnalisées' : `de ${min} à ${max}`} importée comme choix unique (nos échelles vont de 1 à 5 ou de 1 à 10).`,
  );
  return true;
};

function range(min: number, max: number, step: number): number[] {
  const out: number[] = [];
  if (step <= 0) return out;
  for (let v = min; v <= max + 1e-9 && out.length < 100; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

const readMatrix: Reader = (state, el, path, label, d) => {
  d.kind = 'matrix';
  d.handled = ['rows', 'columns', 'isAllRowRequired', 'eachRowRequired', 'cells'];
  const rows = choicesOf(state, el.rows, `${path}.rows`, label, 'ligne');
  const columns = choicesOf(state, el.columns, `${path}.columns`, label, 'colonne');
  if (rows.choices.length === 0 || columns.choices.length < 2) {
    state.note(path, `Tableau ${label} sans lignes ou avec moins de deux colonnes : non repris.`);
    return false;
  }
  d.extra = { rows: rows.choices, columns: columns.choices };
  if (el.isAllRowRequired === true || el.eachRowRequired === true) d.extra.allRowsRequired = true;
  if (el.cells) state.note(`${path}.cells`, `Tableau ${label} : les textes des cellules ne sont pas repris.`);
  return true;
};

const readRanking: Reader = (state, el, path, label, d) => {
  d.kind = 'ranking';
  d.handled = ['choices', 'selectToRankEnabled'];
  const c = choicesOf(state, el.choices, `${path}.choices`, label, 'élément');
  if (c.choices.length < 2) {
    state.note(path, `Classement ${label} avec moins de deux éléments : non repris.`);
    return false;
  }
  if (el.selectToRankEnabled === true)
    state.note(
      path,
      `Classement ${label} : le classement partiel n'est pas repris, tous les éléments seront à classer.`,
    );
  d.extra.choices = c.choices;
  return true;
};

const readFile: Reader = (state, el, path, label, d) => {
  const { note } = state;
  d.kind = 'file';
  d.handled = ['maxSize', 'acceptedTypes', 'allowMultiple', 'sourceType', 'allowImagesPreview'];
  if (typeof el.maxSize === 'number' && el.maxSize > 0) {
    d.extra.maxSizeBytes = Math.min(el.maxSize, 50 * 1024 * 1024);
    if (el.maxSize > d.extra.maxSizeBytes)
      note(`${path}.maxSize`, `Fichier ${label} : taille maximale ramenée à 50 Mo.`);
  } else {
    d.extra.maxSizeBytes = DEFAULT_MAX_SIZE;
    note(path, `Fichier ${label} : taille maximale non indiquée, 10 Mo retenus.`);
  }
  const accept: string[] = [];
  if (typeof el.acceptedTypes === 'string' && el.acceptedTypes.trim()) {
    for (const part of el.acceptedTypes
      .split(',')
      .map((s: string) => s.trim().toLowerCase())
      .filter(Boolean)) {
      const mime = part.startsWith('.') ? EXTENSION_MIME[part.slice(1)] : part;
      if (mime && /^[a-z]+\/(\*|[a-z0-9][a-z0-9.+-]*)$/.test(mime)) {
        if (!accept.includes(mime)) accept.push(mime);
      } else note(`${path}.acceptedTypes`, `Fichier ${label} : type « ${part} » non reconnu, ignoré.`);
    }
  }
  if (accept.length === 0) {
    accept.push(...DEFAULT_ACCEPT);
    note(path, `Fichier ${label} : types acceptés non indiqués, documents bureautiques, PDF et images retenus.`);
  }
  d.extra.accept = accept;
  if (el.allowMultiple === true)
    note(`${path}.allowMultiple`, `Fichier ${label} : un seul fichier par réponse est repris.`);
  return true;
};
