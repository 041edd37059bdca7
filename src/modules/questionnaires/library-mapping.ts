/**
 * From a census response to the content of a library use case (« fiche »), question by question (`libraryField`), with the
 * library's own reading rules (`readFieldValue`), so that a draft never holds a value the library would refuse.
 * Pure code.
 */
import { type Answers, allQuestions, type Form, isAnswered, OTHER_CODE } from '../forms/index.ts';
import { type ContentKey, fieldDef, isContentKey, readFieldValue, type UseCaseContent } from '../library/index.ts';

/** The content of a draft use case mapped from a census response (the library's fields, already read). */
export type UseCaseDraftContent = Partial<UseCaseContent>;

export interface LibraryMapping {
  content: UseCaseDraftContent;
  /** Answers that could not be carried over, with the library's French reason. */
  skipped: { questionId: string; field: string; message: string }[];
}

/** True when responses to this questionnaire can become library use cases (it maps at least the project's name). */
export function mapsToLibrary(questionnaire: Form): boolean {
  return allQuestions(questionnaire).some((q) => q.libraryField === 'title');
}

export function libraryContent(questionnaire: Form, answers: Answers): LibraryMapping {
  const content: Record<string, unknown> = {};
  const skipped: LibraryMapping['skipped'] = [];
  for (const q of allQuestions(questionnaire)) {
    const key = q.libraryField;
    if (!key) continue;
    if (!isContentKey(key)) {
      skipped.push({ questionId: q.id, field: key, message: `Le champ « ${key} » n'existe pas dans la bibliothèque.` });
      continue;
    }
    let value = answers[q.id];
    if (!isAnswered(value)) continue;
    // The « Autre » option has no code in the library's lists: it is left out.
    if (Array.isArray(value)) value = value.filter((v) => v !== OTHER_CODE);
    else if (value === OTHER_CODE) continue;
    const field = fieldDef(key as ContentKey);
    const read = readFieldValue(field, value);
    if (read.error) {
      skipped.push({ questionId: q.id, field: key, message: read.error });
      continue;
    }
    if (read.value === null || (Array.isArray(read.value) && read.value.length === 0)) continue;
    content[key] = field.maxItems && Array.isArray(read.value) ? read.value.slice(0, field.maxItems) : read.value;
  }
  return { content: content as Partial<UseCaseContent>, skipped };
}
