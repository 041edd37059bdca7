/**
 * Plain language on the sheet page (pure): the glossary's words linked in the sheet's texts, and the readability
 * check of the « En bref, en langage clair » summary (sentences too long for a reader in a hurry).
 */
import { FIELDS, FORM_STEPS, type UseCaseContent } from '../fields.ts';
import type { GlossarySegment } from '../ports.ts';

/** Words per sentence past which the writer is warned (plain-language guides say 15 to 20). */
export const PLAIN_SENTENCE_WORDS = 20;

/** The sentences of `text` longer than `maxWords` words (their first words, to point at them). */
export function longSentences(text: string, maxWords = PLAIN_SENTENCE_WORDS): { words: number; start: string }[] {
  return text
    .split(/(?<=[.!?…])\s+|\n+/u)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => ({ words: s.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length, sentence: s }))
    .filter((s) => s.words > maxWords)
    .map((s) => ({ words: s.words, start: s.sentence.split(/\s+/u).slice(0, 6).join(' ') }));
}

/**
 * The sheet's long texts cut into segments with the glossary's words marked: the « En bref » summary is its own
 * section, then each form step is one (a term is linked at its first occurrence in each). Only the fields present in
 * `content` (what the reader may see) are read.
 */
export function linkSheetTexts(
  content: Partial<UseCaseContent>,
  link: (text: string, seen: Set<string>) => GlossarySegment[],
): Record<string, GlossarySegment[]> {
  const out: Record<string, GlossarySegment[]> = {};
  if (typeof content.plainSummary === 'string' && content.plainSummary)
    out.plainSummary = link(content.plainSummary, new Set());
  for (const step of FORM_STEPS) {
    const seen = new Set<string>();
    for (const f of FIELDS) {
      if (f.step !== step.key || f.type !== 'longtext' || f.key === 'plainSummary') continue;
      const value = content[f.key];
      if (typeof value === 'string' && value) out[f.key] = link(value, seen);
    }
  }
  return out;
}
