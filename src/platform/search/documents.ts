/**
 * Documents as the index stores them: checked, analysed into title and body stems and word forms (the vocabulary of
 * « did you mean »), and the small text helpers the index's statements share. Pure code.
 */
import { foldWord, forEachTerm, MAX_OCCURRENCES, stemFolded, UNINDEXED_OCCURRENCE } from './analyzer.ts';

/** A document to index. `kind` separates corpora (e.g. 'use_case'); `id` is the caller's own id. */
export interface SearchDocument {
  kind: string;
  id: number;
  /** Weighted higher than the body. */
  title: string;
  body: string;
}

/** At most this many stems of one document are indexed (PostgreSQL positions stop at 16,383). */
export const MAX_INDEXED_TERMS = 16_000;
const MAX_TITLE_TERMS = 1_000;

export interface AnalysedDocument {
  kind: string;
  id: number;
  titleStems: string[];
  bodyStems: string[];
  /** Distinct word forms (non-stop words). */
  words: string[];
  /** The distinct stems of `words` (each word's `wordInfo` stem), for the vocabulary's counts. */
  wordStems: string[];
}

export function checkKind(kind: unknown): string {
  if (typeof kind !== 'string' || !kind || kind.length > 64) {
    throw new Error(`Index de recherche : type de document invalide (${JSON.stringify(kind)})`);
  }
  return kind;
}

export function checkId(id: unknown): number {
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
    throw new Error(`Index de recherche : identifiant de document invalide (${String(id)})`);
  }
  return id;
}

export function analyseDocument(doc: SearchDocument): AnalysedDocument {
  const kind = checkKind(doc?.kind);
  const id = checkId(doc?.id);
  // Each word with its stem (as `wordInfo` gives it: the vocabulary counts both).
  const words = new Map<string, string>();
  const occurrences = new Map<string, number>();
  const collect = (text: unknown, max: number): string[] => {
    const stems: string[] = [];
    if (max <= 0) return stems;
    forEachTerm(typeof text === 'string' ? text : '', (word, stem) => {
      const seen = (occurrences.get(stem) ?? 0) + 1;
      occurrences.set(stem, seen);
      stems.push(seen > MAX_OCCURRENCES ? UNINDEXED_OCCURRENCE : stem);
      words.set(word, stem);
      return stems.length < max;
    });
    return stems;
  };
  const titleStems = collect(doc.title, MAX_TITLE_TERMS);
  const bodyStems = collect(doc.body, MAX_INDEXED_TERMS - titleStems.length);
  return { kind, id, titleStems, bodyStems, words: [...words.keys()].sort(), wordStems: [...new Set(words.values())] };
}

export interface WordInfo {
  folded: string;
  stem: string;
}

/** Word forms kept (bounded: imports bring unique words, numbers and names, that must not grow the heap). */
const WORD_INFO_LIMIT = 20_000;
const wordInfoCache = new Map<string, WordInfo>();
export function wordInfo(word: string): WordInfo {
  let info = wordInfoCache.get(word);
  if (!info) {
    const folded = foldWord(word);
    info = { folded, stem: stemFolded(folded) };
    if (wordInfoCache.size >= WORD_INFO_LIMIT) wordInfoCache.clear();
    wordInfoCache.set(word, info);
  }
  return info;
}

export function splitWords(s: string | null | undefined): string[] {
  return s ? s.split(' ').filter(Boolean) : [];
}

/** Number of code points (what SQL substr/length count on both databases). */
export function cpLength(s: string): number {
  return Array.from(s).length;
}

/** Smallest string greater than every string starting with `prefix` (binary order). */
export function prefixUpperBound(prefix: string): string {
  const cps = Array.from(prefix);
  const last = (cps.pop() as string).codePointAt(0) as number;
  let next = last + 1;
  if (next >= 0xd800 && next <= 0xdfff) next = 0xe000;
  return cps.join('') + String.fromCodePoint(Math.min(next, 0x10ffff));
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), stopping above `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (Math.abs(s.length - t.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= s.length; i++) {
    rows.push(new Array<number>(t.length + 1).fill(0));
    (rows[i] as number[])[0] = i;
  }
  for (let j = 0; j <= t.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= s.length; i++) {
    const row = rows[i] as number[];
    const prev = rows[i - 1] as number[];
    let best = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        v = Math.min(v, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
  }
  return (rows[s.length] as number[])[t.length] as number;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
