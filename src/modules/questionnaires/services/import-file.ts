/**
 * Reading a questionnaire file (our JSON format or SurveyJS's): parse, convert, validate — pure work, run in a worker
 * thread for large files (questionnaires.ts `importFile`), so that a big file never stalls the server. The result is
 * plain data: the validated questionnaire serialised (so that the main thread neither copies the object back nor
 * serialises it again to store it) and the conversion report, or the French messages by field.
 */
import {
  type Form,
  fromLimeSurvey,
  fromSurveyJs,
  type Issue,
  type ReportEntry,
  validateForm,
} from '../../forms/index.ts';

export type ImportFormat = 'native' | 'surveyjs' | 'limesurvey';

export type ReadQuestionnaireResult =
  /** The validated questionnaire as JSON text (serialised where it was read: a worker for a large file). */
  | { ok: true; title: string; json: string; report: ReportEntry[] }
  | { ok: false; message: string; fields: Record<string, string> };

/** Where a JSON parse error is, as a line number (null when unknown). */
export function jsonErrorLine(text: string, message: string): number | null {
  const position = /position (\d+)/.exec(message);
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  if (position) return text.slice(0, Number(position[1])).split('\n').length;
  if (/end of JSON/i.test(message)) return text.trimEnd().split('\n').length;
  return null;
}

function fieldsOf(issues: Issue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const i of issues) fields[i.path || 'questionnaire'] ??= i.message;
  return fields;
}

/** Parses, converts (SurveyJS, LimeSurvey) and validates a questionnaire file. */
export function readQuestionnaireFile(input: { format: ImportFormat; text: string }): ReadQuestionnaireResult {
  if (input.format === 'limesurvey') {
    const imported = fromLimeSurvey(input.text);
    if (!imported.questionnaire) {
      return {
        ok: false,
        message: 'Ce questionnaire LimeSurvey ne peut pas être importé.',
        fields: fieldsOf(imported.issues),
      };
    }
    return validated(imported.questionnaire, imported.report);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const line = jsonErrorLine(input.text, (e as Error).message);
    return {
      ok: false,
      message: 'Le fichier ne peut pas être lu.',
      fields: { file: `Le fichier n'est pas un JSON valide${line ? ` (ligne ${line})` : ''}.` },
    };
  }
  let draft: unknown = parsed;
  let report: ReportEntry[] = [];
  if (input.format === 'surveyjs') {
    const imported = fromSurveyJs(parsed);
    if (!imported.questionnaire) {
      return {
        ok: false,
        message: 'Ce questionnaire SurveyJS ne peut pas être importé.',
        fields: fieldsOf(imported.issues),
      };
    }
    draft = imported.questionnaire;
    report = imported.report;
  } else if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    delete (parsed as Record<string, unknown>).id;
    delete (parsed as Record<string, unknown>).version;
  }
  return validated(draft, report);
}

function validated(draft: unknown, report: ReportEntry[]): ReadQuestionnaireResult {
  const result = validateForm(draft);
  if (!result.ok) {
    return { ok: false, message: 'Le questionnaire contient des erreurs.', fields: fieldsOf(result.issues) };
  }
  const content: Partial<Form> = { ...result.questionnaire };
  delete content.id;
  delete content.version;
  return { ok: true, title: result.questionnaire.title, json: JSON.stringify(content), report };
}
