/**
 * Synonyms: groups of expressions that mean the same thing to the people who search (« vidéoprotection »,
 * « vidéosurveillance », « caméra »), applied by expanding the query, once, in our code, before either database sees
 * it: a query that contains one expression of a group also finds the documents that contain any other expression of
 * that group. Because the expansion happens on the analysed query (stems), SQLite FTS5 and PostgreSQL tsvector match
 * exactly the same documents, and the index never needs rebuilding when the groups change.
 *
 * An expression is one or more words (« agent conversationnel »); it is analysed like any text (accents, case,
 * plurals, stop words: « modèle de langage » and « modèles de langage » are the same expression). In a query, an
 * expression is recognised on consecutive words (or a quoted phrase) with the same stems; several words of an
 * alternative must then be found next to each other, in order (a phrase).
 *
 * Pure code: the groups themselves are data kept by coordinators (synonyms-store.ts).
 */
import { analyze, type QueryClause, type QueryExpansion, type SearchQuery } from './analyzer.ts';

export type { QueryExpansion } from './analyzer.ts';

/** At most this many expressions in one group, and words in one expression. */
export const MAX_GROUP_EXPRESSIONS = 20;
export const MAX_EXPRESSION_WORDS = 6;
export const MAX_EXPRESSION_LENGTH = 80;

/** The groups, analysed: each expression as its stems, reachable from its first stem. */
export interface SynonymSet {
  /** First stem -> the expressions starting with it, longest first, each with its group's other expressions. */
  readonly byFirstStem: ReadonlyMap<string, readonly { stems: string[]; others: string[][] }[]>;
  readonly size: number;
}

export const NO_SYNONYMS: SynonymSet = { byFirstStem: new Map(), size: 0 };

const key = (stems: readonly string[]) => stems.join(' ');

/** Analyses groups of expressions (as written by coordinators) into a set the query expansion reads. */
export function compileSynonyms(groups: readonly (readonly string[])[]): SynonymSet {
  // An expression may be in several groups: its alternatives are the union of theirs.
  const others = new Map<string, { stems: string[]; others: Map<string, string[]> }>();
  let size = 0;
  for (const group of groups) {
    const expressions = new Map<string, string[]>();
    for (const text of group) {
      const stems = analyze(text);
      if (stems.length) expressions.set(key(stems), stems);
    }
    if (expressions.size < 2) continue;
    size++;
    for (const [k, stems] of expressions) {
      const entry = others.get(k) ?? { stems, others: new Map<string, string[]>() };
      others.set(k, entry);
      for (const [otherKey, otherStems] of expressions) if (otherKey !== k) entry.others.set(otherKey, otherStems);
    }
  }
  const byFirstStem = new Map<string, { stems: string[]; others: string[][] }[]>();
  for (const entry of others.values()) {
    const first = entry.stems[0]!;
    const list = byFirstStem.get(first) ?? [];
    byFirstStem.set(first, list);
    list.push({ stems: entry.stems, others: [...entry.others.values()] });
  }
  for (const list of byFirstStem.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  return { byFirstStem, size };
}

/** The stems of a clause when it is made of whole words (a term or a phrase). */
function clauseStems(c: QueryClause): string[] {
  return c.type === 'term' ? [c.word.stem] : c.words.map((w) => w.stem);
}

/**
 * The query with the synonyms of its expressions: `expansions` lists, left to right and without overlap, each run
 * of clauses that spells an expression of a group and the other expressions of that group. The clauses are left as
 * they are (highlighting and « did you mean » still read them).
 */
export function expandSynonyms(q: SearchQuery, set: SynonymSet): SearchQuery {
  if (!set.size || !q.clauses.length) return q;
  const expansions: QueryExpansion[] = [];
  let i = 0;
  while (i < q.clauses.length) {
    const clause = q.clauses[i]!;
    let matched: QueryExpansion | null = null;
    // A quoted phrase is an expression on its own; terms are read word by word.
    const first = clauseStems(clause);
    for (const candidate of set.byFirstStem.get(first[0]!) ?? []) {
      if (clause.type === 'phrase') {
        if (key(first) === key(candidate.stems)) matched = { from: i, to: i + 1, alternatives: candidate.others };
      } else {
        const n = candidate.stems.length;
        if (i + n > q.clauses.length) continue;
        let ok = true;
        for (let j = 0; j < n && ok; j++) {
          const c = q.clauses[i + j]!;
          ok = c.type === 'term' && c.word.stem === candidate.stems[j];
        }
        if (ok) matched = { from: i, to: i + n, alternatives: candidate.others };
      }
      if (matched) break;
    }
    if (matched) {
      expansions.push(matched);
      i = matched.to;
    } else i++;
  }
  return expansions.length ? { ...q, expansions } : q;
}
