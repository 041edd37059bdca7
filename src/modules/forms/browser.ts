/**
 * The part of the forms engine the browser island bundles (client/forms.ts): pure code, free of Node APIs, of
 * TypeBox and of the views. Everything here is also exported by index.ts.
 */

export { visibleElementIds } from './conditions.ts';
export { applyForm, type FormBody } from './input.ts';
export { pageKeys, sameAnswer } from './merge.ts';
export type { Answers, AnswerValue, Form } from './model.ts';
