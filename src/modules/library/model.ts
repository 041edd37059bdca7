/**
 * The library's domain, in one import: use cases (« fiches ») and their content, validation per form step, the
 * review workflow as a pure state machine, the presenter that decides which fields a viewer may read, the diff of two
 * versions, import records and the API schemas. Pure code only (no I/O), split by subject under model/.
 */
export type { AccessLevel, ContentKey, DatasetLink, FormStepKey, UseCaseContent } from './fields.ts';
export { emptyContent } from './fields.ts';
export * from './model/content.ts';
export * from './model/imports.ts';
export * from './model/presenter.ts';
export * from './model/schemas.ts';
export * from './model/values.ts';
export * from './model/workflow.ts';
