/**
 * Reading a LimeSurvey survey structure file (`.lss`, LimeSurvey 3 to 6) into plain tables.
 *
 * An `.lss` file is an XML `<document>` whose sections (`answers`, `groups`, `questions`, `subquestions`,
 * `question_attributes`, `surveys_languagesettings`, and from LimeSurvey 4 the `*_l10ns` translation sections) each
 * hold `<rows><row>` with one element per column. We keep every section as a list of `{ column: text }` rows.
 *
 * Bad input is refused before parsing: not XML, not a LimeSurvey survey, too large, too deeply nested, or with a
 * document type declaration (entities).
 */
import { XMLParser } from 'fast-xml-parser';

/** Files larger than this are refused (the upload limit of the HTTP route is usually lower). */
export const MAX_LSS_CHARS = 10 * 1024 * 1024;
/** An `.lss` file nests 5 levels deep; anything much deeper is not one. */
export const MAX_LSS_DEPTH = 12;

export type Row = Record<string, string>;
export interface LssTables {
  /** Survey languages, base language first. */
  languages: string[];
  sections: Record<string, Row[]>;
}

export type LssRead = { ok: true; tables: LssTables } | { ok: false; message: string };

/** The deepest element nesting of an XML text (a cheap scan, no parsing). */
export function xmlDepth(text: string, stopAt = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  const tag = /<(\/?)([A-Za-z_][\w.-]*)[^>]*?(\/?)>|<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    if (m[2] === undefined) continue;
    if (m[1]) depth--;
    else if (!m[3]) {
      depth++;
      if (depth > max) max = depth;
      if (max > stopAt) return max;
    }
  }
  return max;
}

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return '';
  return String(v);
}

/** Parses an `.lss` text into its tables, or a French message saying why it is not one. */
export function readLss(text: string): LssRead {
  const source = text.replace(/^\uFEFF/, '');
  if (source.length > MAX_LSS_CHARS) {
    return {
      ok: false,
      message: `Le fichier est trop volumineux (plus de ${MAX_LSS_CHARS / 1024 / 1024} Mo) pour un questionnaire LimeSurvey.`,
    };
  }
  const head = source.trimStart();
  if (!head.startsWith('<')) {
    return { ok: false, message: 'Le fichier n’est pas un fichier XML de LimeSurvey (.lss).' };
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(source)) {
    return { ok: false, message: 'Le fichier contient une déclaration de type de document, refusée par sécurité.' };
  }
  if (xmlDepth(source, MAX_LSS_DEPTH) > MAX_LSS_DEPTH) {
    return {
      ok: false,
      message: `Le fichier est imbriqué trop profondément (plus de ${MAX_LSS_DEPTH} niveaux) : ce n’est pas un fichier .lss.`,
    };
  }
  let parsed: any;
  try {
    const parser = new XMLParser({
      ignoreAttributes: true,
      parseTagValue: false,
      trimValues: true,
      processEntities: true,
      isArray: (_name, jpath) => String(jpath).endsWith('.rows.row') || String(jpath) === 'document.languages.language',
    });
    parsed = parser.parse(source, true);
  } catch (e) {
    const line = /line:?\s*(\d+)/i.exec((e as Error).message ?? '');
    return {
      ok: false,
      message: `Le fichier n’est pas un XML valide${line ? ` (ligne ${line[1]})` : ''}.`,
    };
  }
  const doc = parsed?.document;
  if (!doc || typeof doc !== 'object' || cell(doc.LimeSurveyDocType) !== 'Survey') {
    return {
      ok: false,
      message:
        'Le fichier n’est pas un questionnaire LimeSurvey : il faut l’export « Structure du questionnaire (.lss) ».',
    };
  }
  const sections: Record<string, Row[]> = {};
  for (const [name, section] of Object.entries(doc)) {
    const rows = (section as any)?.rows?.row;
    if (!Array.isArray(rows)) continue;
    sections[name] = rows
      .filter((r) => r && typeof r === 'object')
      .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, cell(v)])));
  }
  const languages = (Array.isArray(doc.languages?.language) ? doc.languages.language : []).map(cell).filter(Boolean);
  const base = sections.surveys?.[0]?.language;
  if (base && !languages.includes(base)) languages.unshift(base);
  if (!sections.questions?.length) {
    return { ok: false, message: 'Le questionnaire LimeSurvey ne contient aucune question.' };
  }
  return { ok: true, tables: { languages, sections } };
}
