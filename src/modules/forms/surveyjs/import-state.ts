/**
 * The state of one SurveyJS import, shared by the page, element and question converters: the French report, the ids
 * given so far, the questions already converted (for conditions), and the helpers that read choices, conditions and
 * properties we do not take.
 */
import { type Choice, CODE_PATTERN, type Condition, codify, ID_PATTERN, slugify } from '../model.ts';
import {
  type ConversionContext,
  ExpressionError,
  expressionToCondition,
  type KnownQuestion,
  parseExpression,
} from './expressions.ts';
import { capitalise, isObject, type Json, type ReportEntry, text } from './shared.ts';

/** Layout-only SurveyJS properties: dropped without a word. */
export const PRESENTATION = new Set([
  'startWithNewLine',
  'width',
  'minWidth',
  'maxWidth',
  'indent',
  'innerIndent',
  'titleLocation',
  'descriptionLocation',
  'hideNumber',
  'colCount',
  'placeholder',
  'placeHolder',
  'autocomplete',
  'size',
  'rows',
  'autoGrow',
  'allowResize',
  'acceptCarriageReturn',
  'separateSpecialChoices',
  'errorLocation',
  'inputSize',
  'textUpdateMode',
  'renderAs',
  'displayMode',
  'rateType',
  'rateDisplayMode',
  'scaleColorMode',
  'rateColorMode',
  'displayRateDescriptionsAsExtremeItems',
  'autoGenerate',
  'itemComponent',
  'showTitle',
  'state',
  'questionTitleLocation',
  'questionErrorLocation',
  'showNumber',
  'questionStartIndex',
  'navigationTitle',
  'navigationDescription',
  'requiredErrorText',
  'otherPlaceholder',
  'otherPlaceHolder',
  'otherErrorText',
  'storeOthersAsComment',
  'choicesOrder',
  'step',
  'storeDataAsText',
  'waitForUpload',
  'needConfirmRemoveFile',
  'showPreview',
  'imageHeight',
  'imageWidth',
  'alternateRows',
  'columnMinWidth',
  'rowTitleWidth',
  'hideIfChoicesEmpty',
  'hideIfRowsEmpty',
  'searchEnabled',
  'allowClear',
  'swapOrder',
  'longTap',
  'maxLength',
  'dataList',
  'inputMask',
  'commentPlaceholder',
  'commentPlaceHolder',
  'titleTagName',
  'useDisplayValuesInDynamicTexts',
]);

export interface ImportState {
  report: ReportEntry[];
  note(path: string, message: string): void;
  /**
   * An id for an element: its SurveyJS name when valid and free, otherwise a slug of it (or of its title) that takes
   * no other element's valid name; every change is reported.
   */
  takeId(wanted: unknown, fallbackText: string | undefined, path: string, what: string): string;
  /** Original SurveyJS name (and our id) → converted question, in order of appearance, for conditions. */
  known: Map<string, KnownQuestion>;
  ctx: ConversionContext;
}

/** Conditions waiting to be attached to an element. */
export interface Pending {
  /** Source path in the SurveyJS JSON. */
  path: string;
  name: string;
  expressions: string[];
}

export function createImportState(sourcePages: Json[], report: ReportEntry[]): ImportState {
  const note = (path: string, message: string) => {
    report.push({ path, message });
  };
  // Reserve every valid element name first, so that a slugified name never takes an existing one. SurveyJS names are
  // case-insensitive: `Age` and `age` are the same name (the second is a duplicate).
  const reserved = new Set<string>();
  const allNames = new Set<string>();
  const collect = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const el of elements) {
      if (!isObject(el)) continue;
      if (typeof el.name === 'string') {
        allNames.add(el.name.toLowerCase());
        if (ID_PATTERN.test(el.name) && el.name.length <= 60) reserved.add(el.name.toLowerCase());
      }
      collect(el.elements ?? el.questions);
    }
  };
  for (const p of sourcePages) collect(p.elements ?? p.questions);
  const used = new Set<string>();
  const takeId = (wanted: unknown, fallbackText: string | undefined, path: string, what: string): string => {
    const name = typeof wanted === 'string' ? wanted : '';
    if (name && ID_PATTERN.test(name) && name.length <= 60 && !used.has(name.toLowerCase())) {
      used.add(name.toLowerCase());
      return name;
    }
    let base = slugify(name || fallbackText || what, what === 'page' ? 'page' : 'question');
    let id = base;
    for (let n = 2; used.has(id) || (reserved.has(id) && id !== name.toLowerCase()); n++) {
      id = `${base.slice(0, 55)}_${n}`;
      if (n > 10_000) base = `${base}_x`;
    }
    used.add(id);
    if (!name) note(path, `${capitalise(what)} sans nom : identifiant « ${id} » attribué.`);
    else if (name !== id)
      note(
        path,
        `Identifiant « ${name} » ${used.has(name.toLowerCase()) && ID_PATTERN.test(name) ? 'en double' : 'invalide'} : devenu « ${id} ».`,
      );
    return id;
  };
  const known = new Map<string, KnownQuestion>();
  const ctx: ConversionContext = {
    lookup(name) {
      return known.get(name) ?? [...known].find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    },
    exists(name) {
      return allNames.has(name.toLowerCase());
    },
  };
  return { report, note, takeId, known, ctx };
}

/** Parses and attaches the conditions of an element or section (with its page's); one we cannot express is reported. */
export function attachCondition(state: ImportState, element: { id: string; visibleIf?: Condition }, pending: Pending) {
  if (pending.expressions.length === 0) return;
  try {
    const parts = pending.expressions.map((e) => expressionToCondition(parseExpression(e), state.ctx));
    const cond = parts.length === 1 ? parts[0] : { all: parts.flatMap((p) => ('all' in p ? p.all : [p])) };
    element.visibleIf = cond;
  } catch (e) {
    if (!(e instanceof ExpressionError)) throw e;
    state.note(
      `${pending.path}.visibleIf`,
      `Condition d'affichage « ${pending.expressions.join(' » et « ')} » non reprise (${e.message}) : « ${element.id} » sera toujours affiché.`,
    );
  }
}

const UNSUPPORTED_PROPERTIES: Record<string, string> = {
  enableIf: 'les conditions d’activation ne sont pas prises en charge',
  requiredIf: 'les conditions d’obligation ne sont pas prises en charge',
  readOnly: 'les questions en lecture seule ne sont pas prises en charge',
  defaultValue: 'les valeurs par défaut ne sont pas prises en charge',
  defaultValueExpression: 'les valeurs par défaut calculées ne sont pas prises en charge',
  correctAnswer: 'les bonnes réponses (quiz) ne sont pas prises en charge',
  showCommentArea: 'la zone de commentaire ne l’est pas ; ajoutez une question de texte',
  hasComment: 'la zone de commentaire ne l’est pas ; ajoutez une question de texte',
  validators: 'validation non reprise',
};

const COMMON_PROPERTIES = [
  'type',
  'name',
  'title',
  'description',
  'isRequired',
  'visibleIf',
  'visible',
  'restricted',
  'publicText',
  'libraryField',
];

/** Reports the properties of a question that neither the common reading nor its type's reading took. */
export function unknownProps(state: ImportState, el: Json, handled: string[], path: string, label: string) {
  for (const key of Object.keys(el)) {
    if (COMMON_PROPERTIES.includes(key) || handled.includes(key) || PRESENTATION.has(key)) continue;
    const why = Object.hasOwn(UNSUPPORTED_PROPERTIES, key) ? UNSUPPORTED_PROPERTIES[key] : undefined;
    state.note(`${path}.${key}`, `Propriété « ${key} » de la question ${label} non reprise${why ? ` : ${why}` : ''}.`);
  }
}

/** SurveyJS choices (values or `{ value, text }`) → our choices, with the SurveyJS value → code map. */
export function choicesOf(
  state: ImportState,
  list: unknown,
  path: string,
  label: string,
  what: string,
): { choices: Choice[]; values: Map<string, string> } {
  const choices: Choice[] = [];
  const values = new Map<string, string>();
  if (!Array.isArray(list)) return { choices, values };
  list.forEach((item, i) => {
    const raw = isObject(item) ? item.value : item;
    if (raw === undefined || raw === null || isObject(raw)) {
      state.note(`${path}[${i}]`, `Élément ${i + 1} (${what}) de la question ${label} sans valeur : ignoré.`);
      return;
    }
    const value = String(raw);
    let code = CODE_PATTERN.test(value) && value.length <= 60 ? value : codify(value);
    const base = code;
    for (let n = 2; choices.some((c) => c.code === code); n++) code = `${base.slice(0, 55)}_${n}`;
    if (code !== value)
      state.note(`${path}[${i}]`, `Code « ${value} » (${what}, question ${label}) devenu « ${code} ».`);
    const labelText = (isObject(item) ? text(item.text, `${path}[${i}].text`, state.report) : undefined) ?? value;
    if (isObject(item)) {
      for (const k of Object.keys(item)) {
        if (!['value', 'text'].includes(k))
          state.note(`${path}[${i}].${k}`, `Propriété « ${k} » du choix « ${value} » (question ${label}) non reprise.`);
      }
    }
    choices.push({ code, label: labelText.trim() || value });
    values.set(value, code);
  });
  return { choices, values };
}
