/**
 * The forms engine: anything a person fills in (census questionnaires, ethics self-assessments, participation
 * forms). This file is its only public surface.
 *
 * - the format: `Form` (pages of elements: questions and information blocks, stable ids), TypeBox schemas,
 *   structural validation with French, path-located issues (`validateForm`);
 * - display conditions (`visibleIf` trees), the same code on the server and in the browser island;
 * - answers: validation per question and per page, pruning of hidden answers, progress, reading a posted HTML
 *   form, merging concurrent saves;
 * - question components (TSX) and the browser island (client/forms.ts, served as /assets/questionnaire.js);
 * - the builder's operations on a draft and its views;
 * - SurveyJS import and export; results across versions; streamed CSV / XLSX / JSON exports of responses.
 *
 * The engine knows nothing of campaigns or authorities: organisation questions read authorities through an
 * `OrganisationLookup` (the module's port, or an argument of `readOrganisationAnswer`), and their picker is drawn by
 * the consumer (`organisationPicker` option of the question components).
 */
import type { ModuleDefinition } from '../../platform/module.ts';
import type { Platform } from '../../platform/platform.ts';
import type { Question } from './model.ts';
import {
  type OrganisationAnswer,
  type OrganisationLookup,
  organisationNames,
  readOrganisationAnswer,
} from './organisations.ts';
import type { FormsPorts } from './ports.ts';

/** The product's one CSV cell writer (formulas neutralised), re-exported for the engine's consumers. */
export { csvCell } from '../../platform/export/csv.ts';
/** Answers: validation per question and per page, pruning of hidden answers, progress, messages. */
export {
  type AnswersValidation,
  formatBytes,
  formatNumber,
  isEmail,
  isIsoDate,
  isIsoMonth,
  isWebUrl,
  MESSAGES,
  mergeAnswers,
  mimeAccepted,
  mimeLabel,
  type Progress,
  progress,
  pruneHidden,
  questionErrors,
  usesOther,
  validateAnswers,
  validatePage,
} from './answers.ts';
/** The builder's operations on a draft (pure: each returns a new draft) and the reading of its element form. */
export {
  addElement,
  addPage,
  addSection,
  BuilderError,
  blankForm,
  CONDITION_ROWS,
  choiceLines,
  conditionRows,
  duplicateElement,
  type ElementFormResult,
  moveElement,
  movePage,
  newElement,
  parseChoiceLines,
  questionsBeforeSection,
  readElementForm,
  readSectionForm,
  removeElement,
  removePage,
  removeSection,
  replaceElement,
  uniqueId,
  updatePage,
  updateSection,
} from './builder.ts';
/** Display conditions (`visibleIf`), the same code on the server and in the browser island. */
export { evaluate, isAnswered, isVisible, visibleElementIds, visiblePageIds, visibleQuestions } from './conditions.ts';
/** Streamed exports of responses: CSV, XLSX (exceljs loaded on first use), JSON. */
export {
  answerCells,
  answerHeader,
  type Cell,
  csvChunks,
  EXPORT_CONTENT_TYPES,
  EXPORT_FORMATS,
  type ExportFormat,
  jsonChunks,
  questionsJson,
  type ResponsesExport,
  streamExport,
  xlsxStream,
} from './exports.ts';
/** Reading answers from a posted HTML form. */
export { applyForm, type FormBody, formValue, parseFrenchDate, parseFrenchNumber } from './input.ts';
/** LimeSurvey import (`.lss`), with a French report of what could not be taken. */
export { fromLimeSurvey, type LimeSurveyImport } from './limesurvey/import.ts';
/** Concurrent saves: per-key revisions, conflicts instead of silent overwrites. */
export { type Conflict, type MergeResult, mergeConcurrent, pageKeys, sameAnswer } from './merge.ts';
/** The format: types, vocabulary and pure helpers over the structure. */
export {
  type AllCondition,
  type Answers,
  type AnswerValue,
  type AnyCondition,
  allElements,
  allQuestions,
  allSections,
  type Choice,
  type ChoiceQuestion,
  CODE_PATTERN,
  CONDITION_OP_LABELS,
  CONDITION_OPS,
  type Comparison,
  type Condition,
  type ConditionOp,
  type ConditionValue,
  codify,
  compilePattern,
  conditionQuestions,
  type DateQuestion,
  type Element,
  type FileAnswer,
  type FileQuestion,
  type Form,
  findQuestion,
  hasChoices,
  ID_PATTERN,
  type InfoBlock,
  isComparison,
  isQuestion,
  LIBRARY_FIELD_PATTERN,
  MAX_FILE_SIZE_LIMIT,
  type MatrixQuestion,
  MIME_PATTERN,
  type MultipleChoiceQuestion,
  type NumberQuestion,
  OPS_BY_TYPE,
  OPS_WITH_VALUE,
  type OrganisationQuestion,
  OTHER_CODE,
  otherKey,
  type Page,
  type PageNode,
  pageTree,
  QUESTION_TYPE_LABELS,
  QUESTION_TYPES,
  type Question,
  type QuestionType,
  type RankingQuestion,
  type SaveShape,
  SCALE_MAXIMA,
  type ScaleQuestion,
  type Section,
  saveShape,
  sectionChain,
  sectionTitles,
  slugify,
  type TextQuestion,
  type Validation,
  type YesNoQuestion,
} from './model.ts';
/** Results across versions (questions matched by id) and export cells. */
export {
  cellText,
  computeResults,
  type FormResults,
  type OptionCount,
  type QuestionResult,
  unionQuestions,
} from './results.ts';
/** Results kept as counters (what one response adds; results from summed counters). */
export {
  type Contribution,
  cellsDelta,
  contribution,
  type ResultCell,
  type ResultText,
  resultsFromCells,
} from './results-cells.ts';
/** TypeBox schemas of the format (HTTP validation, OpenAPI). */
export {
  ConditionDocumentSchema,
  ConditionSchema,
  ElementSchema,
  FormDocumentSchema,
  FormSchema,
  InfoBlockSchema,
  PageSchema,
  QuestionSchema,
  ValidationSchema,
} from './schema.ts';
/** SurveyJS export. */
export { type ExportOptions as SurveyJsExportOptions, type SurveyJsExport, toSurveyJs } from './surveyjs/export.ts';
/** SurveyJS expressions ↔ our conditions. */
export {
  conditionToExpression,
  type Expr,
  ExpressionError,
  expressionToCondition,
  type Operand,
  parseExpression,
} from './surveyjs/expressions.ts';
/** SurveyJS import, with a French report of what could not be taken exactly. */
export { fromSurveyJs, type SurveyJsImport } from './surveyjs/import.ts';
/** SurveyJS: the import/export report and the custom properties to register. */
export { htmlToParagraphs, type ReportEntry, SURVEYJS_CUSTOM_PROPERTIES } from './surveyjs/shared.ts';
/** Structural validation with French, path-located issues. */
export { type Issue, type ValidateOptions, type ValidationResult, validateForm } from './validate.ts';
export { CONDITION_EDITOR_SCRIPT } from './views/builder/condition-editor.tsx';
/** Builder views: the element and page forms. */
export {
  ElementForm,
  type ElementFormProps,
  PageForm,
} from './views/builder/element-form.tsx';
/** Builder views: the import form fields and report. */
export { ImportFields, ImportReport } from './views/builder/import.tsx';
/** Builder views: a draft's outline with its actions; a condition in words. */
export { describeCondition, FormOutline, type FormOutlineProps, SmallAction } from './views/builder/outline.tsx';
export { SectionForm, type SectionFormProps } from './views/builder/section-form.tsx';
/** Question components (TSX); organisation questions draw the consumer’s picker. */
export {
  ElementBlock,
  type OrganisationOption,
  type OrganisationPickerProps,
  PageElements,
  QuestionField,
  type QuestionFieldProps,
} from './views/questions.tsx';
/** Results views: charts with their data tables, per question. */
export { FormResultsList, OptionChart, QuestionResultBlock } from './views/results.tsx';

/** The module's ports, and organisation questions read through an `OrganisationLookup`. */
export type { FormsPorts };
export { type OrganisationAnswer, type OrganisationLookup, organisationNames, readOrganisationAnswer };

/** What other modules' ports may be wired to: the engine's operations that need its own ports. */
export interface FormsApi {
  /** Reads an organisation question from a posted form (see `readOrganisationAnswer`), through the port. */
  readOrganisationAnswer(q: Question, form: Record<string, unknown>): Promise<OrganisationAnswer>;
  /** Names of the authorities that answers refer to (id → name), through the port. */
  organisationNames(values: unknown[]): Promise<Record<string, string>>;
}

/**
 * The forms module. It has no routes, tables or jobs of its own: a form is always some consumer's (a questionnaire
 * version, a self-assessment…), whose module stores it, authorises access to it and serves its pages with the
 * engine's functions and components.
 */
export function createFormsModule(_platform: Platform, ports: FormsPorts = {}): ModuleDefinition<FormsApi> {
  const lookup: OrganisationLookup = ports.organisations ?? {
    byIds: async () => [],
    search: async () => [],
  };
  return {
    name: 'forms',
    api: {
      readOrganisationAnswer: (q, form) => readOrganisationAnswer(q, form, lookup),
      organisationNames: (values) => organisationNames(values, lookup),
    },
  };
}
