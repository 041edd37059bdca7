/** Transition shim (forms engine extraction): import these from ../forms/index.ts. Removed at integration. */
export {
  conditionToExpression,
  type Expr,
  ExpressionError,
  expressionToCondition,
  fromSurveyJs,
  htmlToParagraphs,
  type Operand,
  parseExpression,
  type ReportEntry,
  SURVEYJS_CUSTOM_PROPERTIES,
  type SurveyJsExport,
  type SurveyJsExportOptions as ExportOptions,
  type SurveyJsImport,
  toSurveyJs,
} from '../forms/index.ts';
