/**
 * Texts of a LimeSurvey survey by language, with the French text first and the others as a fallback.
 *
 * A multilingual survey often has texts that were never translated (empty in French, written only in the base
 * language). Taking the French text blindly would leave a question without a label and an answer option named by
 * its code; instead the text of the base language is taken, and the caller is told
 * which language it came from (to say so in the report: « à traduire »).
 *
 * LimeSurvey 3 keeps one row per language in the `questions`, `subquestions`, `groups` and `answers` sections;
 * LimeSurvey 4 and later keep the texts in `*_l10ns` sections joined by id (`qid`, `gid`, `aid`).
 */
import type { Row } from './read.ts';

export type ByLanguage = Map<string, string>;
export interface Picked {
  text: string;
  /** Set when the text is not in the preferred language: the language it was taken from. */
  from?: string;
}

/** Collects `field` of rows by `key`, one entry per language (rows without a language count as the preferred one). */
export function byKey(rows: Row[], key: string, field: string, preferred: string): Map<string, ByLanguage> {
  const out = new Map<string, ByLanguage>();
  for (const r of rows) {
    if (r[field] === undefined || r[key] === undefined) continue;
    const texts = out.get(r[key]) ?? new Map<string, string>();
    texts.set(r.language || preferred, r[field]);
    out.set(r[key], texts);
  }
  return out;
}

/**
 * The text in the first language of `order` where it is not empty once `plain` (markup removed) is applied; an
 * empty text when none has one.
 */
export function pick(texts: ByLanguage | undefined, order: string[], plain: (html: string) => string): Picked {
  if (!texts) return { text: '' };
  for (const [i, lang] of order.entries()) {
    const text = texts.get(lang);
    if (text !== undefined && plain(text)) return i === 0 ? { text } : { text, from: lang };
  }
  return { text: texts.get(order[0]) ?? '' };
}

/**
 * Languages to look in: the preferred one, then the base language (the one the survey was written in; the others
 * are translations of it, so a text found only in, say, Italian is not taken).
 */
export function languageOrder(preferred: string, base: string | undefined, languages: string[]): string[] {
  return [...new Set([preferred, base || languages[0] || ''].filter(Boolean))];
}
