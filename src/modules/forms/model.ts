/**
 * Forms: our native JSON format (TypeScript types) and pure helpers over its structure.
 *
 * A form has pages; a page has elements; an element is a question or an information block.
 * Every element has a stable id (`[A-Za-z][A-Za-z0-9_]*`: a SurveyJS name such as `haveKids` is kept) that survives versions: results and exports match questions
 * across versions by this id. Display conditions (`visibleIf`) are trees of AND/OR comparisons on earlier answers.
 *
 * Pure code only (no I/O), free of Node APIs and of TypeBox: this file is also bundled for the browser (the answering
 * island). The TypeBox schemas of the format (HTTP validation, OpenAPI) are in schema.ts; the structural validation
 * (`validateForm`: any parsed JSON → the typed form or French, path-located issues) is in validate.ts.
 */
// ---------------------------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------------------------

export const QUESTION_TYPES = [
  'short_text',
  'long_text',
  'number',
  'email',
  'url',
  'date',
  'single_choice',
  'multiple_choice',
  'dropdown',
  'yes_no',
  'scale',
  'matrix',
  'ranking',
  'organisation',
  'file',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** French names of question types, for the builder and for messages. */
export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  short_text: 'Texte court',
  long_text: 'Texte long',
  number: 'Nombre',
  email: 'Adresse e-mail',
  url: 'Adresse web',
  date: 'Date',
  single_choice: 'Choix unique',
  multiple_choice: 'Choix multiples',
  dropdown: 'Liste déroulante',
  yes_no: 'Oui / non',
  scale: 'Échelle',
  matrix: 'Tableau de choix',
  ranking: 'Classement',
  organisation: 'Collectivité',
  file: 'Fichier',
};

export const CONDITION_OPS = [
  'equals',
  'differs',
  'contains',
  'not_contains',
  'answered',
  'not_answered',
  'greater',
  'less',
] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

export const CONDITION_OP_LABELS: Record<ConditionOp, string> = {
  equals: 'est égal à',
  differs: 'est différent de',
  contains: 'contient',
  not_contains: 'ne contient pas',
  answered: 'a une réponse',
  not_answered: 'n’a pas de réponse',
  greater: 'est supérieur à',
  less: 'est inférieur à',
};

/** Operators that compare with a value (the others test presence only). */
export const OPS_WITH_VALUE: readonly ConditionOp[] = [
  'equals',
  'differs',
  'contains',
  'not_contains',
  'greater',
  'less',
];

/** Which operators make sense for which question type. */
export const OPS_BY_TYPE: Record<QuestionType, readonly ConditionOp[]> = {
  short_text: ['equals', 'differs', 'contains', 'not_contains', 'answered', 'not_answered'],
  long_text: ['contains', 'not_contains', 'answered', 'not_answered'],
  email: ['equals', 'differs', 'contains', 'not_contains', 'answered', 'not_answered'],
  url: ['equals', 'differs', 'contains', 'not_contains', 'answered', 'not_answered'],
  number: ['equals', 'differs', 'greater', 'less', 'answered', 'not_answered'],
  scale: ['equals', 'differs', 'greater', 'less', 'answered', 'not_answered'],
  date: ['equals', 'differs', 'greater', 'less', 'answered', 'not_answered'],
  single_choice: ['equals', 'differs', 'answered', 'not_answered'],
  dropdown: ['equals', 'differs', 'answered', 'not_answered'],
  multiple_choice: ['contains', 'not_contains', 'answered', 'not_answered'],
  yes_no: ['equals', 'differs', 'answered', 'not_answered'],
  organisation: ['equals', 'differs', 'answered', 'not_answered'],
  matrix: ['answered', 'not_answered'],
  ranking: ['answered', 'not_answered'],
  file: ['answered', 'not_answered'],
};

/** Element ids and page ids: a stable slug (letters of either case, so that SurveyJS names such as `haveKids` stay). */
export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;
/**
 * Choice, row and column codes: letters, digits, `_`, `-` and `.` (reference codes such as `EUPL-1.2`; digits may
 * come first, SurveyJS values are often numbers).
 */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** The reserved choice code of the « Autre, précisez » option. */
export const OTHER_CODE = 'other';
/** Answers key of the free text of the « Autre » option of question `id`. */
export const otherKey = (id: string) => `${id}.other`;
export const SCALE_MAXIMA = [5, 10] as const;
/** Upper bound of `maxSizeBytes` for file questions (50 Mo). */
export const MAX_FILE_SIZE_LIMIT = 50 * 1024 * 1024;
export const MIME_PATTERN = /^[a-z]+\/(\*|[a-z0-9][a-z0-9.+-]*)$/;
export const LIBRARY_FIELD_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]*$/;

// ---------------------------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------------------------

export interface Choice {
  code: string;
  label: string;
}

export interface Validation {
  /** Text length bounds (short_text, long_text, email, url). */
  minLength?: number;
  maxLength?: number;
  /** Value bounds (number). */
  min?: number;
  max?: number;
  /** A regular expression the whole answer must match (short_text, long_text), like the HTML `pattern` attribute. */
  pattern?: string;
  /** The French message shown when the pattern does not match. */
  patternMessage?: string;
}

export type ConditionValue = string | number | boolean;
export interface Comparison {
  question: string;
  op: ConditionOp;
  value?: ConditionValue;
}
export interface AllCondition {
  all: Condition[];
}
export interface AnyCondition {
  any: Condition[];
}
export type Condition = AllCondition | AnyCondition | Comparison;

interface ElementBase {
  id: string;
  visibleIf?: Condition;
  /** The innermost section (of the same page) this element belongs to. */
  section?: string;
}

/**
 * A section groups consecutive elements of a page (a SurveyJS panel): an optional title and description, and a
 * display condition that applies to every element inside it. Sections nest through `parent` (a section declared
 * before it on the same page); the elements of a section, its subsections' included, follow one another.
 */
export interface Section {
  id: string;
  title?: string;
  description?: string;
  visibleIf?: Condition;
  parent?: string;
}

/**
 * Explanation between questions: an optional heading and plain text paragraphs (no markup). A block has a title,
 * at least one paragraph, or both (a SurveyJS panel becomes a block with its title).
 */
export interface InfoBlock extends ElementBase {
  type: 'info';
  title?: string;
  paragraphs: string[];
}

interface QuestionBase extends ElementBase {
  label: string;
  hint?: string;
  required?: boolean;
  validation?: Validation;
  /** Hidden from public results (shown to coordinators only). */
  restricted?: boolean;
  /**
   * Free texts written in answer (the text itself, or the precision of « Autre ») may be shown in public results.
   * Off by default: a free text can name a person or an authority.
   */
  publicText?: boolean;
  /** The library sheet field this answer fills when a response becomes a draft sheet. */
  libraryField?: string;
}

export interface TextQuestion extends QuestionBase {
  type: 'short_text' | 'long_text' | 'email' | 'url';
}
export interface NumberQuestion extends QuestionBase {
  type: 'number';
}
export interface DateQuestion extends QuestionBase {
  type: 'date';
  /** `day` (default): answers `AAAA-MM-JJ`; `month`: answers `AAAA-MM`. */
  precision?: 'day' | 'month';
}
export interface ChoiceQuestion extends QuestionBase {
  type: 'single_choice' | 'dropdown';
  choices: Choice[];
  allowOther?: boolean;
  otherLabel?: string;
}
export interface MultipleChoiceQuestion extends QuestionBase {
  type: 'multiple_choice';
  choices: Choice[];
  allowOther?: boolean;
  otherLabel?: string;
  minChoices?: number;
  maxChoices?: number;
}
export interface YesNoQuestion extends QuestionBase {
  type: 'yes_no';
}
export interface ScaleQuestion extends QuestionBase {
  type: 'scale';
  /** The scale always starts at 1. */
  max: 5 | 10;
  minLabel?: string;
  maxLabel?: string;
}
export interface MatrixQuestion extends QuestionBase {
  type: 'matrix';
  rows: Choice[];
  columns: Choice[];
  /** With `required`: every row needs an answer (otherwise one row is enough). */
  allRowsRequired?: boolean;
}
export interface RankingQuestion extends QuestionBase {
  type: 'ranking';
  choices: Choice[];
}
export interface OrganisationQuestion extends QuestionBase {
  type: 'organisation';
}
export interface FileQuestion extends QuestionBase {
  type: 'file';
  maxSizeBytes: number;
  /** Accepted MIME types (`application/pdf`, `image/*`). */
  accept: string[];
}

export type Question =
  | TextQuestion
  | NumberQuestion
  | DateQuestion
  | ChoiceQuestion
  | MultipleChoiceQuestion
  | YesNoQuestion
  | ScaleQuestion
  | MatrixQuestion
  | RankingQuestion
  | OrganisationQuestion
  | FileQuestion;

export type Element = Question | InfoBlock;

export interface Page {
  id: string;
  title: string;
  description?: string;
  elements: Element[];
  /** The page's sections, parents before their subsections. */
  sections?: Section[];
}

export interface Form {
  id?: string | number;
  version?: number;
  title: string;
  description?: string;
  language: 'fr';
  pages: Page[];
}

// ---------------------------------------------------------------------------------------------------------------
// Answers (types shared by conditions.ts and answers.ts)
// ---------------------------------------------------------------------------------------------------------------

/** A file answer: the stored file's reference, not its content. */
export interface FileAnswer {
  id: string;
  name: string;
  size: number;
  type: string;
}

/**
 * One answer. Well-formed answers by type: text types, date, organisation, single_choice, dropdown → string;
 * number, scale → number; multiple_choice, ranking → string[]; yes_no → boolean; matrix → { row: column };
 * file → FileAnswer. Raw, not yet valid values (a number typed as « douze », per-item ranks) are kept as typed
 * so that the form can show them back with an error.
 */
export type AnswerValue = string | number | boolean | string[] | Record<string, string> | FileAnswer;
export type Answers = Record<string, AnswerValue | undefined>;

// ---------------------------------------------------------------------------------------------------------------
// Helpers over the structure
// ---------------------------------------------------------------------------------------------------------------

export function isQuestion(element: Element): element is Question {
  return element.type !== 'info';
}

export function isComparison(condition: Condition): condition is Comparison {
  return 'question' in condition;
}

/** Every element, in form order. */
export function allElements(questionnaire: Form): Element[] {
  return questionnaire.pages.flatMap((p) => p.elements);
}

/** Every question, in form order. */
export function allQuestions(questionnaire: Form): Question[] {
  return allElements(questionnaire).filter(isQuestion);
}

/** What saving answers reads of a form on every save, worked out once per form object (`saveShape`). */
export interface SaveShape {
  /** Every question, in form order. */
  questions: readonly Question[];
  /** The keys an autosave may write: every question but file questions, and their « Autre » texts. */
  writableKeys: ReadonlySet<string>;
  pageIds: ReadonlySet<string>;
}

const saveShapes = new WeakMap<Form, SaveShape>();

/**
 * The save shape of a published form version, computed on its first save and kept as long as the version object
 * lives (a WeakMap keyed by the object: the versions' reader bounds how many are kept, and a dropped version takes
 * its entry with it). For forms never modified in place only — published versions; a builder draft is a new object
 * after each operation and is not read here.
 */
export function saveShape(form: Form): SaveShape {
  const known = saveShapes.get(form);
  if (known) return known;
  const questions = allQuestions(form);
  const shape: SaveShape = {
    questions,
    writableKeys: new Set(questions.flatMap((q) => (q.type === 'file' ? [] : [q.id, otherKey(q.id)]))),
    pageIds: new Set(form.pages.map((p) => p.id)),
  };
  saveShapes.set(form, shape);
  return shape;
}

export function findQuestion(questionnaire: Form, id: string): Question | undefined {
  return allQuestions(questionnaire).find((q) => q.id === id);
}

export function hasChoices(q: Question): q is ChoiceQuestion | MultipleChoiceQuestion | RankingQuestion {
  return q.type === 'single_choice' || q.type === 'dropdown' || q.type === 'multiple_choice' || q.type === 'ranking';
}

/** The sections an element of this page lies in, outermost first (empty outside any section). */
export function sectionChain(page: Page, sectionId: string | undefined): Section[] {
  const chain: Section[] = [];
  const byId = new Map((page.sections ?? []).map((s) => [s.id, s]));
  for (let id = sectionId; id !== undefined && chain.length <= byId.size; ) {
    const section = byId.get(id);
    if (!section) break;
    chain.unshift(section);
    id = section.parent;
  }
  return chain;
}

/** A page as a tree: its elements, grouped in their (nested) sections, in order. */
export type PageNode = { element: Element } | { section: Section; children: PageNode[] };

/**
 * Groups the elements of a page in their sections (each section once, where its first element is; a section with no
 * element is left out). The form is assumed valid (a section's elements follow one another).
 */
export function pageTree(page: Page): PageNode[] {
  const root: PageNode[] = [];
  const open: { section: Section; children: PageNode[] }[] = [];
  for (const element of page.elements) {
    const chain = sectionChain(page, element.section);
    let common = 0;
    while (common < open.length && common < chain.length && open[common]!.section.id === chain[common]!.id) common++;
    open.length = common;
    for (const section of chain.slice(common)) {
      const node = { section, children: [] as PageNode[] };
      (open.length ? open[open.length - 1]!.children : root).push(node);
      open.push(node);
    }
    (open.length ? open[open.length - 1]!.children : root).push({ element });
  }
  return root;
}

/**
 * For each question or block of the versions (newest first) that lies in a titled section: the titles of its
 * sections, outermost first, joined by « › » (results and exports name the group of a question so).
 */
export function sectionTitles(versions: readonly Form[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const form of versions) {
    for (const page of form.pages) {
      for (const element of page.elements) {
        if (element.id in out || !element.section) continue;
        const titles = sectionChain(page, element.section).flatMap((s) => (s.title ? [s.title] : []));
        if (titles.length) out[element.id] = titles.join(' › ');
      }
    }
  }
  return out;
}

/** Every section, in form order. */
export function allSections(questionnaire: Form): Section[] {
  return questionnaire.pages.flatMap((p) => p.sections ?? []);
}

/** Question ids referenced by a condition tree. */
export function conditionQuestions(condition: Condition): string[] {
  if (isComparison(condition)) return [condition.question];
  const children = 'all' in condition ? condition.all : condition.any;
  return children.flatMap(conditionQuestions);
}

/** Turns any label into a valid id: lower case, accents removed, other characters as `_`, starts with a letter. */
export function slugify(text: string, fallback = 'question'): string {
  let s = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!s) s = fallback;
  if (!/^[a-z]/.test(s)) s = `${fallback}_${s}`;
  return s.slice(0, 60).replace(/_+$/, '');
}

/** Turns any value into a valid choice code (digits may come first). */
export function codify(value: string): string {
  const s = value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/^[_-]+|[_-]+$/g, '')
    .slice(0, 60);
  return s || 'choix';
}

/** Compiles a validation pattern the way answers are checked: anchored on the whole value, Unicode mode. */
export function compilePattern(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, 'u');
}
