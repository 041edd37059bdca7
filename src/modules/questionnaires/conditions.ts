/** Transition shim (forms engine extraction): import these from ../forms/index.ts. Removed at integration. */
export {
  evaluate,
  isAnswered,
  isVisible,
  visibleElementIds,
  visiblePageIds,
  visibleQuestions,
} from '../forms/index.ts';
