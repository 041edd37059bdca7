import { parseQuery, type SearchQuery, stemFolded, type Token, tokenize } from './analyzer.ts';

/** A piece of a snippet; `match` pieces are the words the query found (render them in <mark>). */
export interface SnippetSegment {
  text: string;
  match: boolean;
}

interface Hit {
  start: number;
  end: number;
  clause: number;
}

/** Where each query clause occurs in the tokens, as character ranges of the text. */
function findHits(tokens: Token[], query: SearchQuery): Hit[] {
  const hits: Hit[] = [];
  const words = tokens.filter((t) => t.stem !== null);
  /** Every place where these stems follow each other. */
  const sequence = (stems: readonly string[], clause: number) => {
    for (let i = 0; i + stems.length <= words.length; i++) {
      let ok = true;
      for (let j = 0; j < stems.length; j++) {
        if (words[i + j]?.stem !== stems[j]) {
          ok = false;
          break;
        }
      }
      if (ok) {
        hits.push({ start: (words[i] as Token).start, end: (words[i + stems.length - 1] as Token).end, clause });
      }
    }
  };
  query.clauses.forEach((clause, index) => {
    if (clause.type === 'term') {
      const { folded, stem } = clause.word;
      const prefixStem = clause.prefix ? stemFolded(folded) : '';
      for (const t of words) {
        const s = t.stem as string;
        const ok = clause.prefix ? t.folded.startsWith(folded) || s.startsWith(folded) || s === prefixStem : s === stem;
        if (ok) hits.push({ start: t.start, end: t.end, clause: index });
      }
      return;
    }
    sequence(
      clause.words.map((w) => w.stem),
      index,
    );
  });
  // Words found through synonyms count for the first clause of the expression they replace.
  for (const e of query.expansions ?? []) for (const stems of e.alternatives) sequence(stems, e.from);
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  // Merge overlapping ranges (a phrase and a term on the same word).
  const merged: Hit[] = [];
  for (const h of hits) {
    const last = merged[merged.length - 1];
    if (last && h.start < last.end) last.end = Math.max(last.end, h.end);
    else merged.push({ ...h });
  }
  return merged;
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ');
}

/**
 * The best passage of `text` for `query`, at most `maxLength` characters (plus « … » marks where the text was
 * cut), as segments where the found words are flagged. Pure and identical whatever the database. The window is
 * the one showing the most different query clauses, then the most occurrences; without any match, the beginning
 * of the text. Whitespace runs are collapsed to one space.
 */
export function snippet(text: string, query: string | SearchQuery, maxLength = 240): SnippetSegment[] {
  const source = typeof text === 'string' ? text : '';
  if (!source.trim()) return [];
  const max = Math.max(20, Math.floor(Number.isFinite(maxLength) ? maxLength : 240));
  const q = typeof query === 'string' ? parseQuery(query) : query;
  const tokens = tokenize(source);
  const hits = q.clauses.length ? findHits(tokens, q) : [];

  let from = 0;
  let to = source.length;
  if (source.length > max) {
    let best = { start: 0, score: -1 };
    const context = Math.floor(max / 4);
    for (const h of hits) {
      // Start a little before the hit on a word start (or at the very beginning of the text), or right on it.
      const lower = Math.max(0, h.start - context);
      const index = tokens.findIndex((t) => t.start >= lower);
      const before = index <= 0 ? 0 : Math.min((tokens[index] as Token).start, h.start);
      for (const start of before === h.start ? [before] : [before, h.start]) {
        const end = start + max;
        const inside = hits.filter((o) => o.start >= start && o.end <= end);
        const score = new Set(inside.map((o) => o.clause)).size * 10_000 + inside.length;
        if (score > best.score) best = { start, score };
      }
    }
    from = best.start;
    to = from + max;
    // End on a word boundary: after the last token that fits entirely.
    const fitting = tokens.filter((t) => t.start >= from && t.end <= to);
    const lastFit = fitting[fitting.length - 1];
    if (lastFit) to = lastFit.end;
  }

  const segments: SnippetSegment[] = [];
  const push = (s: string, match: boolean) => {
    if (!s) return;
    const last = segments[segments.length - 1];
    if (last && last.match === match) last.text += s;
    else segments.push({ text: s, match });
  };
  if (from > 0) push('… ', false);
  let pos = from;
  for (const h of hits) {
    if (h.end <= from || h.start >= to) continue;
    const s = Math.max(h.start, from);
    const e = Math.min(h.end, to);
    push(collapse(source.slice(pos, s)), false);
    push(collapse(source.slice(s, e)), true);
    pos = e;
  }
  push(collapse(source.slice(pos, to)), false);
  if (to < source.length) push(' …', false);
  // Trim outer whitespace of the whole snippet.
  const first = segments[0];
  if (first && !first.match) first.text = first.text.replace(/^\s+/, '');
  const last = segments[segments.length - 1];
  if (last && !last.match) last.text = last.text.replace(/\s+$/, '');
  return segments.filter((s) => s.text.length > 0);
}
