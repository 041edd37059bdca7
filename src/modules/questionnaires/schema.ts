/** Transition shim (forms engine extraction): import these from ../forms/index.ts. Removed at integration. */
export {
  ConditionDocumentSchema,
  ConditionSchema,
  ElementSchema,
  FormDocumentSchema as QuestionnaireDocumentSchema,
  FormSchema as QuestionnaireSchema,
  InfoBlockSchema,
  PageSchema,
  QuestionSchema,
  ValidationSchema,
} from '../forms/index.ts';
