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

// ---- answers ---------------------------------------------------------------------------------------------------
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
// ---- builder ---------------------------------------------------------------------------------------------------
export {
  addElement,
  addPage,
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
  readElementForm,
  removeElement,
  removePage,
  replaceElement,
  uniqueId,
  updatePage,
} from './builder.ts';
// ---- display conditions (also bundled for the browser) ---------------------------------------------------------
export { evaluate, isAnswered, isVisible, visibleElementIds, visiblePageIds, visibleQuestions } from './conditions.ts';
// ---- streamed exports ------------------------------------------------------------------------------------------
export {
  answerCells,
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
export { applyForm, type FormBody, formValue, parseFrenchDate, parseFrenchNumber } from './input.ts';
export { type Conflict, type MergeResult, mergeConcurrent, pageKeys, sameAnswer } from './merge.ts';
// ---- format ----------------------------------------------------------------------------------------------------
export {
  type AllCondition,
  type Answers,
  type AnswerValue,
  type AnyCondition,
  allElements,
  allQuestions,
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
  QUESTION_TYPE_LABELS,
  QUESTION_TYPES,
  type Question,
  type QuestionType,
  type RankingQuestion,
  SCALE_MAXIMA,
  type ScaleQuestion,
  slugify,
  type TextQuestion,
  type Validation,
  type YesNoQuestion,
} from './model.ts';
// ---- results ---------------------------------------------------------------------------------------------------
export {
  cellText,
  computeResults,
  csvCell,
  type FormResults,
  type OptionCount,
  type QuestionResult,
  unionQuestions,
} from './results.ts';
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
// ---- SurveyJS --------------------------------------------------------------------------------------------------
export { type ExportOptions as SurveyJsExportOptions, type SurveyJsExport, toSurveyJs } from './surveyjs/export.ts';
export {
  conditionToExpression,
  type Expr,
  ExpressionError,
  expressionToCondition,
  type Operand,
  parseExpression,
} from './surveyjs/expressions.ts';
export { fromSurveyJs, type SurveyJsImport } from './surveyjs/import.ts';
export { htmlToParagraphs, type ReportEntry, SURVEYJS_CUSTOM_PROPERTIES } from './surveyjs/shared.ts';
// ---- structural validation -----------------------------------------------------------------------------------
export { type Issue, type ValidateOptions, type ValidationResult, validateForm } from './validate.ts';

// ---- builder and results views --------------------------------------------------------------------------------
export {
  ElementForm,
  type ElementFormProps,
  PageForm,
} from './views/builder/element-form.tsx';
export { ImportFields, ImportReport } from './views/builder/import.tsx';
export { describeCondition, FormOutline, type FormOutlineProps, SmallAction } from './views/builder/outline.tsx';
// ---- question components ---------------------------------------------------------------------------------------
export {
  ElementBlock,
  type OrganisationOption,
  type OrganisationPickerProps,
  QuestionField,
  type QuestionFieldProps,
} from './views/questions.tsx';
export { FormResultsList, OptionChart, QuestionResultBlock } from './views/results.tsx';
// ---- the module ------------------------------------------------------------------------------------------------
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
