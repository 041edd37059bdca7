/**
 * What the index says about words and documents beyond matching: « did you mean » (the nearest known words of the
 * corpus) and similar documents (shared distinctive stems). Both read the vocabulary tables the writers keep.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { parseQuery, queryWords, UNINDEXED_OCCURRENCE } from './analyzer.ts';
import { checkId, checkKind, chunks, cpLength, editDistance, prefixUpperBound, splitWords } from './documents.ts';
import type { SearchBackend } from './index.ts';

const SIMILAR_TERMS = 12;
/** Stems in more documents than this say little about a document's subject (and would be slow to gather). */
const SIMILAR_MAX_DOC_FREQUENCY = 5_000;

export async function suggestQuery(db: Db, kind: string, query: string): Promise<string | null> {
  checkKind(kind);
  const q = parseQuery(query);
  const words = queryWords(q);
  if (!words.length) return null;
  const stems = [...new Set(words.map((w) => w.word.stem))];
  const known = new Set(
    (
      (await db
        .selectFrom('search_terms')
        .select('stem')
        .where('kind', '=', kind)
        .where('stem', 'in', stems)
        .execute()) as { stem: string }[]
    ).map((r) => r.stem),
  );
  const replacements: { start: number; end: number; text: string }[] = [];
  for (const { word, prefix } of words) {
    if (known.has(word.stem) || /\p{N}/u.test(word.folded) || cpLength(word.folded) < 3) continue;
    if (prefix) {
      const started = await db
        .selectFrom('search_vocabulary')
        .select('word')
        .where('kind', '=', kind)
        .where('folded', '>=', word.folded)
        .where('folded', '<', prefixUpperBound(word.folded))
        .limit(1)
        .execute();
      if (started.length) continue;
    }
    const f = word.folded;
    const n = cpLength(f);
    const max = n <= 4 ? 1 : 2;
    const first = Array.from(f)[0] as string;
    const second = Array.from(f)[1] as string;
    const candidates = (await db
      .selectFrom('search_vocabulary')
      .select(['word', 'folded', 'doc_count'])
      .where('kind', '=', kind)
      .where(sql<boolean>`length(folded) between ${n - max} and ${n + max}`)
      .where((eb) =>
        eb.or([
          eb(sql`substr(folded, 1, 1)`, '=', first),
          eb(sql`substr(folded, 2, 1)`, '=', second),
          eb(sql`substr(folded, 1, 1)`, '=', second),
        ]),
      )
      .execute()) as { word: string; folded: string; doc_count: number }[];
    let best: { word: string; folded: string; distance: number; count: number } | null = null;
    for (const c of candidates) {
      const distance = editDistance(f, c.folded, max);
      if (distance > max) continue;
      const count = Number(c.doc_count);
      if (
        !best ||
        distance < best.distance ||
        (distance === best.distance && count > best.count) ||
        (distance === best.distance && count === best.count && c.word < best.word)
      ) {
        best = { word: c.word, folded: c.folded, distance, count };
      }
    }
    if (!best) continue;
    let text = best.word;
    const firstChar = word.surface[0] ?? '';
    if (firstChar !== firstChar.toLowerCase()) text = text[0]?.toUpperCase() + text.slice(1);
    replacements.push({ start: word.start, end: word.end, text });
  }
  if (!replacements.length) return null;
  let out = q.text;
  for (const r of replacements.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, r.start) + r.text + out.slice(r.end);
  }
  return out;
}

export async function similarDocuments(
  db: Db,
  backend: SearchBackend,
  kind: string,
  id: number,
  limit = 5,
): Promise<number[]> {
  checkKind(kind);
  checkId(id);
  const n = Math.max(0, Math.min(100, Math.floor(limit) || 0));
  if (!n) return [];
  const doc = await db
    .selectFrom('search_documents as d')
    .innerJoin('search_contents as c', 'c.id', 'd.id')
    .select(['c.title_terms', 'c.body_terms'])
    .where('d.kind', '=', kind)
    .where('d.doc_id', '=', id)
    .executeTakeFirst();
  if (!doc) return [];
  const tf = new Map<string, number>();
  for (const s of splitWords(doc.title_terms)) tf.set(s, (tf.get(s) ?? 0) + 3);
  for (const s of splitWords(doc.body_terms)) tf.set(s, (tf.get(s) ?? 0) + 1);
  const candidates = [...tf.keys()].filter(
    (s) => s !== UNINDEXED_OCCURRENCE && !/^\p{N}+$/u.test(s) && cpLength(s) >= 2,
  );
  if (!candidates.length) return [];
  const countRow = (await db
    .selectFrom('search_documents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', kind)
    .executeTakeFirst()) as { n: number } | undefined;
  const total = Number(countRow?.n ?? 0);
  const df = new Map<string, number>();
  for (const part of chunks(candidates, 500)) {
    const rows = (await db
      .selectFrom('search_terms')
      .select(['stem', 'doc_count'])
      .where('kind', '=', kind)
      .where('stem', 'in', part)
      .execute()) as { stem: string; doc_count: number }[];
    for (const r of rows) df.set(r.stem, Number(r.doc_count));
  }
  // Distinctive terms: shared with at least one other document, but not with most of them.
  const scored = candidates
    .map((stem) => {
      const d = df.get(stem) ?? 0;
      return { stem, d, weight: Math.sqrt(tf.get(stem) ?? 0) * Math.log(1 + total / Math.max(1, d)) };
    })
    .filter((t) => t.d >= 2 && t.d <= Math.max(2, Math.min(total * 0.5, SIMILAR_MAX_DOC_FREQUENCY)))
    .sort((a, b) => b.weight - a.weight || (a.stem < b.stem ? -1 : 1))
    .slice(0, SIMILAR_TERMS);
  if (!scored.length) return [];
  // Each shared stem scores its weight, twice when it is in the other document's title too.
  // Integer weights: sums are exact, so both databases order ties the same way.
  const parts = scored.flatMap((t) => {
    const w = sql.lit(Math.max(1, Math.round(t.weight * 1000)));
    return [false, true].map(
      (titleOnly) =>
        sql`select m.doc_id as doc_id, ${w} as w from ${backend.matchSql(
          kind,
          backend.render({ op: 'term', stem: t.stem, prefix: false, titleOnly }),
          false,
        )} as m`,
    );
  });
  const rows = await sql<{ doc_id: number }>`select u.doc_id as doc_id, sum(u.w) as score from (${sql.join(
    parts,
    sql` union all `,
  )}) as u where u.doc_id <> ${id} group by u.doc_id order by score desc, u.doc_id asc limit ${n}`.execute(db);
  return rows.rows.map((r) => Number(r.doc_id));
}
