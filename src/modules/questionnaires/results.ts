/** Transition shim (forms engine extraction): import these from ../forms/index.ts. Removed at integration. */
export {
  cellText,
  computeResults,
  csvCell,
  type FormResults as CampaignResults,
  type OptionCount,
  type QuestionResult,
  unionQuestions,
} from '../forms/index.ts';
