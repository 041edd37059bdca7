import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import {
  createTestDatabase,
  describeEachDatabase,
  type TestDatabase,
  testDialects,
} from '../../../test/helpers/databases.ts';
import { seededRandom } from '../../../test/helpers/random.ts';
import { describeSharedData, sharedDataFile } from '../../../test/helpers/shared-data.ts';
import type { Db } from '../db/database.ts';
import { createSearchIndex, type SearchDocument, type SearchIndex } from './index.ts';

// The real public corpora of ../shared/data (Interconnectés, PSTW). The same behaviours are checked on a corpus of
// our own in index.db.test.ts, which runs on a plain clone.

/** The 33 sheets of the Interconnectés library: id = row number (1-based). */
function loadInterconnectes(): SearchDocument[] {
  const rows = parse(readFileSync(sharedDataFile('interconnectes/data.csv')), {
    columns: true,
    bom: true,
  }) as Record<string, string>[];
  return rows.map((r, i) => ({
    kind: 'use_case',
    id: i + 1,
    title: r.Nom_du_projet ?? '',
    body: r.Description_service ?? '',
  }));
}

/** The 1,617 public-sector AI cases of the PSTW landscape (Windows-1252): id = number of « PSTW-n ». */
function loadPstw(): SearchDocument[] {
  const text = iconv.decode(readFileSync(sharedDataFile('pstw/landscape-2024.csv')), 'win1252');
  const rows = parse(text, { columns: true, bom: true, relax_column_count: true }) as Record<string, string>[];
  return rows.map((r) => ({
    kind: 'pstw',
    id: Number((r['PSTW ID'] ?? '').replace('PSTW-', '')),
    title: r.Name ?? '',
    body: r.Description ?? '',
  }));
}

let interconnectes: SearchDocument[] = [];
let pstw: SearchDocument[] = [];

/** Ids found for a query, sorted (the match set, whatever the ranking). */
async function ids(index: SearchIndex, kind: string, query: string): Promise<number[]> {
  const { total, hits } = await index.search(kind, query, { limit: 1_000 });
  assert.equal(hits.length, total, `every hit returned for ${query}`);
  return hits.map((h) => h.id).sort((a, b) => a - b);
}

const SYNTAX = [
  '*',
  '(',
  ')',
  ':',
  '^',
  '-',
  '"',
  '«',
  '»',
  "'",
  '’',
  'NEAR',
  'AND',
  'OR',
  'NOT',
  '+',
  '\\',
  '{',
  '}',
  '[',
  ']',
  '~',
  '&',
  '|',
  '!',
  '<->',
  ':*',
  ';',
  '--',
  '/*',
  '%',
  '_',
  '😀',
  '\u0000',
  '\ud800',
  'é',
];

/** Queries mixing corpus words, fragments, engine syntax and symbols. */
function hostileQueries(count: number, seed: number): string[] {
  const next = seededRandom(seed);
  const words = interconnectes
    .flatMap((d) => `${d.title} ${d.body}`.split(/\s+/))
    .filter((w) => w.length > 1)
    .slice(0, 3_000);
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)] as T;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const parts: string[] = [];
    const n = 1 + Math.floor(next() * 6);
    for (let j = 0; j < n; j++) {
      const r = next();
      if (r < 0.45) parts.push(pick(words));
      else if (r < 0.6) parts.push(pick(words).slice(0, 1 + Math.floor(next() * 5)));
      else parts.push(pick(SYNTAX));
    }
    out.push(parts.join(next() < 0.7 ? ' ' : ''));
  }
  return out;
}

describeSharedData('search over the real public corpora', () => {
  interconnectes = loadInterconnectes();
  pstw = loadPstw();

  describeEachDatabase('French full-text search', (database) => {
    let index: SearchIndex;

    before(async () => {
      index = createSearchIndex(database().db, database().dialect);
      assert.equal(await index.upsertMany(interconnectes), 33);
    });

    it('finds a word whatever its accents, case or number', async () => {
      const energy = [1, 3, 28];
      assert.deepEqual(await ids(index, 'use_case', 'énergie '), energy);
      assert.deepEqual(await ids(index, 'use_case', 'energie '), energy);
      assert.deepEqual(await ids(index, 'use_case', 'ENERGIES '), energy);
      assert.deepEqual(await ids(index, 'use_case', 'eau '), [8, 12, 19, 28]);
      assert.deepEqual(await ids(index, 'use_case', 'eaux '), [8, 12, 19, 28]);
      assert.deepEqual(await ids(index, 'use_case', 'ilots '), [15]);
      assert.deepEqual(await ids(index, 'use_case', 'deliberation '), [14, 16, 23]);
      assert.deepEqual(await ids(index, 'use_case', 'conflit '), [16, 23]);
    });

    it('indexes words of any script the same way (no tokenizer of the engine in between)', async () => {
      await index.upsertMany([
        { kind: 'scripts', id: 1, title: 'Ελληνικά', body: 'Τεχνητή νοημοσύνη για τους δήμους.' },
        { kind: 'scripts', id: 2, title: '人工智能', body: '城市 交通 预测' },
        { kind: 'scripts', id: 3, title: 'الذكاء الاصطناعي', body: 'بلدية' },
        { kind: 'scripts', id: 4, title: 'Émojis 🚲🚌', body: 'Vélo ﬁable, x² et ½ — « Œuvre » !' },
      ]);
      assert.deepEqual(await ids(index, 'scripts', 'ελληνικα '), [1]);
      assert.deepEqual(await ids(index, 'scripts', 'ΝΟΗΜΟΣΥΝΗ '), [1]);
      assert.deepEqual(await ids(index, 'scripts', '交通 '), [2]);
      assert.deepEqual(await ids(index, 'scripts', 'بلدية '), [3]);
      assert.deepEqual(await ids(index, 'scripts', 'velo fiable oeuvre '), [4]);
      assert.deepEqual(await ids(index, 'scripts', '🚲 '), []);
    });

    it('requires every word and ignores stop words', async () => {
      assert.deepEqual(await ids(index, 'use_case', 'aide décision '), [1, 8, 18, 19, 24, 29]);
      assert.deepEqual(await ids(index, 'use_case', 'aide à la décision pour les agents '), [24, 29]);
      assert.deepEqual(await ids(index, 'use_case', 'cantine gaspillage '), [13, 29]);
      assert.deepEqual(await ids(index, 'use_case', 'cantine gaspillage climat '), []);
      assert.equal(await index.matchSql('use_case', 'de la des et ou '), null);
      assert.deepEqual(await index.search('use_case', ' l’ « » '), { total: 0, hits: [] });
    });

    it('matches quoted words only next to each other and in order', async () => {
      assert.deepEqual(await ids(index, 'use_case', 'réseau eau '), [12, 19]);
      assert.deepEqual(await ids(index, 'use_case', '"réseau d’eau"'), [12]);
      assert.deepEqual(await ids(index, 'use_case', 'service public '), [4, 7, 25, 31]);
      assert.deepEqual(await ids(index, 'use_case', '« services publics »'), [4, 25, 31]);
      assert.deepEqual(await ids(index, 'use_case', 'intelligence artificielle '), [21, 22, 24, 25, 31]);
      assert.deepEqual(await ids(index, 'use_case', '"artificielle intelligence"'), []);
      // Stop words between the words of a phrase are ignored on both sides.
      assert.deepEqual(await ids(index, 'use_case', '"aide à la décision"'), [1, 8, 18, 19, 24, 29]);
    });

    it('matches the last word as a prefix while the user is typing', async () => {
      assert.deepEqual(await ids(index, 'use_case', 'conver'), [26, 31]);
      assert.deepEqual(await ids(index, 'use_case', 'conversationnel '), [26, 31]);
      assert.deepEqual(await ids(index, 'use_case', 'délib'), [14, 16, 23, 24]);
      assert.deepEqual(await ids(index, 'use_case', 'aide décision agen'), [24, 29]);
      // A complete word typed without a trailing space still finds its other inflections.
      assert.deepEqual(await ids(index, 'use_case', 'fuite'), [12, 19]);
      assert.deepEqual(await ids(index, 'use_case', 'énergies'), await ids(index, 'use_case', 'énergies '));
      // The typed beginning of a word whose stem is shorter than what was typed (« développ… » → « developp »).
      assert.deepEqual(await ids(index, 'use_case', 'développem'), await ids(index, 'use_case', 'développement '));
    });

    it('ranks a title match above a body match (lower rank is better)', async () => {
      await index.upsertMany([
        {
          kind: 'ranking',
          id: 1,
          title: 'Plan vélo',
          body: 'Des pistes cyclables et du stationnement pour les vélos.',
        },
        { kind: 'ranking', id: 2, title: 'Stationnement', body: 'Compter les places libres en ville.' },
      ]);
      const { hits } = await index.search('ranking', 'stationnement ');
      assert.deepEqual(
        hits.map((h) => h.id),
        [2, 1],
      );
      assert.ok((hits[0]?.rank as number) < (hits[1]?.rank as number));
    });

    it('gives a subquery that the caller joins with its own tables and facets', async () => {
      const { db } = database();
      await db.schema
        .createTable('search_test_sheets')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('theme', 'text', (c) => c.notNull())
        .execute();
      const themes = parse(readFileSync(sharedDataFile('interconnectes/data.csv')), {
        columns: true,
        bom: true,
      }) as Record<string, string>[];
      await db
        .insertInto('search_test_sheets')
        .values(themes.map((r, i) => ({ id: i + 1, theme: r.Theme })))
        .execute();
      const m = await index.matchSql('use_case', 'données ');
      const unranked = await index.matchSql('use_case', 'données ', { rank: false });
      assert.ok(m && unranked);
      const facets = await db
        .selectFrom('search_test_sheets')
        .select(['theme', (eb) => eb.fn.countAll<number>().as('n')])
        .where('id', 'in', sql`(select doc_id from ${unranked} as m)`)
        .groupBy('theme')
        .orderBy('theme')
        .execute();
      const total = facets.reduce((s, f) => s + Number(f.n), 0);
      assert.equal(total, (await ids(index, 'use_case', 'données ')).length);
      const joined = await db
        .selectFrom(m.as('m'))
        .innerJoin('search_test_sheets as s', 's.id', 'm.doc_id')
        .select(['s.id', 's.theme', 'm.rank'])
        .orderBy('m.rank')
        .orderBy('s.id')
        .execute();
      assert.deepEqual(
        joined.map((r) => r.id).sort((a, b) => a - b),
        await ids(index, 'use_case', 'données '),
      );
    });

    it('suggests the nearest word of the corpus for a misspelt one, as written in the corpus', async () => {
      assert.equal(await index.suggest('use_case', 'enegrie'), 'énergie');
      assert.equal(await index.suggest('use_case', 'Enegrie '), 'Énergie ');
      assert.equal(await index.suggest('use_case', 'fuites d’eua potable '), 'fuites d’eau potable ');
      assert.equal(await index.suggest('use_case', 'cantines '), null, 'a known word');
      assert.equal(await index.suggest('use_case', 'xylophone '), null, 'nothing close');
      assert.equal(await index.suggest('use_case', '* ( ) " '), null);
    });

    it('finds the most similar sheets by content', async () => {
      // The two sheets on water leaks find each other first, and so do the two on road condition surveys.
      assert.equal((await index.similar('use_case', 12, 5))[0], 19);
      assert.equal((await index.similar('use_case', 19, 5))[0], 12);
      assert.equal((await index.similar('use_case', 30, 5))[0], 21);
      // The school canteen sheets are among the two nearest of each other (the « IADATA » series shares a title).
      assert.ok((await index.similar('use_case', 13, 2)).includes(29));
      assert.equal((await index.similar('use_case', 29, 5))[0], 13);
      const five = await index.similar('use_case', 16, 5);
      assert.equal(five.length, 5);
      assert.ok(!five.includes(16), 'never itself');
      assert.ok(five.slice(0, 2).includes(23), 'the other sheet on conflicts of interest');
      assert.equal((await index.similar('use_case', 23, 5))[0], 16);
      assert.deepEqual(await index.similar('use_case', 9999, 5), []);
    });

    it('highlights the found words in the best passage', () => {
      const doc = interconnectes[11] as SearchDocument;
      const segments = index.snippet(doc.body, 'fuites "eau potable" ', 160);
      assert.deepEqual(
        segments.filter((s) => s.match).map((s) => s.text),
        ['fuites', 'eau potable'],
      );
      assert.ok(segments.map((s) => s.text).join('').length <= 160 + 4);
    });

    it('replaces a document on upsert and forgets it on remove, keeping the vocabulary in step', async () => {
      const { db } = database();
      const count = async (word: string) =>
        Number(
          (
            await db
              .selectFrom('search_vocabulary')
              .select('doc_count')
              .where('kind', '=', 'notes')
              .where('word', '=', word)
              .executeTakeFirst()
          )?.doc_count ?? 0,
        );
      await index.upsert({
        kind: 'notes',
        id: 1,
        title: 'Compostage',
        body: 'Collecte des biodéchets en porte à porte.',
      });
      await index.upsert({ kind: 'notes', id: 2, title: 'Biodéchets', body: 'Compostage partagé dans les quartiers.' });
      assert.equal(await count('biodéchets'), 2);
      assert.deepEqual(await ids(index, 'notes', 'biodechet '), [1, 2]);
      await index.upsert({ kind: 'notes', id: 1, title: 'Éclairage public', body: 'Extinction de nuit.' });
      assert.deepEqual(await ids(index, 'notes', 'biodechets '), [2]);
      assert.deepEqual(await ids(index, 'notes', 'éclairage '), [1]);
      assert.equal(await count('biodéchets'), 1);
      assert.equal(await count('collecte'), 0);
      await index.remove('notes', 2);
      assert.deepEqual(await ids(index, 'notes', 'biodechets '), []);
      assert.equal(await count('biodéchets'), 0);
      await index.remove('notes', 2); // removing twice is harmless
      // Other kinds are untouched.
      assert.deepEqual(await ids(index, 'use_case', 'eau '), [8, 12, 19, 28]);
      await index.clear('notes');
      assert.deepEqual(await ids(index, 'notes', 'éclairage '), []);
      const left = await db.selectFrom('search_vocabulary').select('word').where('kind', '=', 'notes').execute();
      assert.deepEqual(left, []);
    });

    it('keeps the vocabulary equal to a recount of the documents, even with concurrent writers', async () => {
      const { db } = database();
      const docs = interconnectes.map((d) => ({ ...d, kind: 'concurrent' }));
      await index.upsertMany(docs.slice(0, 10));
      const outcomes = await Promise.allSettled([
        index.upsertMany(docs.slice(0, 20), { chunkSize: 5 }),
        index.upsertMany([...docs].reverse(), { chunkSize: 7 }),
        ...docs.slice(10, 25).map((d) => index.upsert({ ...d, body: `${d.body} Deuxième version du texte.` })),
        ...docs.slice(0, 5).map((d) => index.remove('concurrent', d.id)),
      ]);
      assert.deepEqual(
        outcomes.filter((o) => o.status === 'rejected'),
        [],
        'no writer failed (no deadlock)',
      );
      const contents = await db
        .selectFrom('search_documents as d')
        .innerJoin('search_contents as c', 'c.id', 'd.id')
        .select('c.words')
        .where('d.kind', '=', 'concurrent')
        .execute();
      const expected = new Map<string, number>();
      for (const r of contents) {
        for (const w of String(r.words).split(' ')) expected.set(w, (expected.get(w) ?? 0) + 1);
      }
      const vocabulary = await db
        .selectFrom('search_vocabulary')
        .select(['word', 'doc_count'])
        .where('kind', '=', 'concurrent')
        .execute();
      assert.deepEqual(new Map(vocabulary.map((v) => [v.word as string, Number(v.doc_count)])), expected);
      const stems = await db
        .selectFrom('search_terms')
        .select((eb) => eb.fn.sum<number>('doc_count').as('n'))
        .where('kind', '=', 'concurrent')
        .executeTakeFirst();
      assert.ok(Number(stems?.n) > 0);
      // The full-text side agrees with the stored documents (whichever writer won).
      assert.equal((await index.search('concurrent', 'deuxième ')).total, expected.get('deuxième') ?? 0);
      const projet = await db
        .selectFrom('search_terms')
        .select('doc_count')
        .where('kind', '=', 'concurrent')
        .where('stem', '=', 'projet')
        .executeTakeFirst();
      assert.equal((await index.search('concurrent', 'projets ')).total, Number(projet?.doc_count));
    });

    it('writes inside the caller’s transaction when bound to it', async () => {
      const db: Db = database().db;
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          await index.withDb(trx).upsert({ kind: 'drafts', id: 1, title: 'Brouillon', body: 'Texte provisoire.' });
          assert.deepEqual(await ids(index.withDb(trx), 'drafts', 'brouillon '), [1]);
          throw new Error('annulation');
        }),
        /annulation/,
      );
      assert.deepEqual(await ids(index, 'drafts', 'brouillon '), []);
    });

    it('rejects an invalid document with a clear error', async () => {
      await assert.rejects(index.upsert({ kind: '', id: 1, title: 'x', body: 'y' }), /type de document invalide/);
      await assert.rejects(
        index.upsert({ kind: 'notes', id: 1.5, title: 'x', body: 'y' }),
        /identifiant de document invalide/,
      );
    });

    it('indexes the 1,617 PSTW cases in bulk and searches them', async () => {
      assert.equal(await index.upsertMany(pstw, { chunkSize: 400 }), 1617);
      // Re-indexing the same documents changes nothing.
      assert.equal(await index.upsertMany(pstw), 1617);
      const chatbots = await ids(index, 'pstw', 'chatbot ');
      assert.ok(chatbots.length > 50, `${chatbots.length}`);
      assert.ok(chatbots.includes(42) && chatbots.includes(44) && chatbots.includes(47));
      // « Boîte » written without its accent in the description is found with it.
      assert.ok((await ids(index, 'pstw', 'bonne boîte ')).includes(46));
      const fraud = await ids(index, 'pstw', 'fraud detection ');
      const fraudPhrase = await ids(index, 'pstw', '"fraud detection"');
      assert.ok(fraudPhrase.length > 0 && fraudPhrase.length < fraud.length);
      assert.ok(fraudPhrase.every((id) => fraud.includes(id)));
      const page = await index.search('pstw', 'chatbot ', { limit: 10, offset: 10 });
      assert.equal(page.total, chatbots.length);
      assert.equal(page.hits.length, 10);
    });

    it('never lets a query syntax error through, whatever the input', async () => {
      const queries = [
        ...hostileQueries(150, 7),
        '* ( ) : ^ - " NEAR AND OR',
        'NEAR(eau énergie)',
        'eau:*',
        "'eau' & 'énergie'",
        'eau <-> énergie',
        '"""',
        '\\"eau\\"',
        "'; drop table search_documents; --",
        '😀'.repeat(100),
        'énergie '.repeat(1_500),
        'x'.repeat(10_000),
      ];
      for (const q of queries) {
        const r = await index.search('use_case', q, { limit: 5 });
        assert.ok(r.total >= 0, q);
        await index.suggest('use_case', q);
      }
    });
  });

  describe('SQLite and PostgreSQL match the same documents', { skip: testDialects.length < 2 }, () => {
    const bases: TestDatabase[] = [];
    const indexes: SearchIndex[] = [];

    before(async () => {
      for (const dialect of testDialects) {
        const base = await createTestDatabase(dialect);
        bases.push(base);
        const index = createSearchIndex(base.db, dialect);
        await index.upsertMany([...interconnectes, ...pstw]);
        indexes.push(index);
      }
    });
    after(async () => {
      for (const b of bases) await b.dispose();
    });

    async function same(kind: string, query: string) {
      const [a, b] = await Promise.all(indexes.map((i) => ids(i, kind, query)));
      assert.deepEqual(a, b, `${kind}: ${JSON.stringify(query)}`);
    }

    it('for French queries: words, inflections, phrases and prefixes', async () => {
      const queries = [
        'énergie ',
        'energies',
        'eau potable ',
        '"eau potable"',
        'réseau d’eau',
        'collectivités territoriales ',
        '« intelligence artificielle »',
        'aide à la décision',
        'conv',
        'ch',
        'développem',
        'déchets',
        'mobilité air ',
        'IA ',
      ];
      for (const q of queries) await same('use_case', q);
    });

    it('for English queries over 1,617 PSTW cases', async () => {
      const queries = [
        'chatbot ',
        'fraud detection ',
        '"fraud detection"',
        '"machine learning"',
        'traffic',
        'predic',
        'health care ',
        'tax',
        'covid ',
        'image recognition ',
        'natural language processing',
        'citizens',
      ];
      for (const q of queries) await same('pstw', q);
    });

    it('for hostile and random queries', async () => {
      for (const q of hostileQueries(200, 2024)) {
        await same('use_case', q);
        await same('pstw', q);
      }
    });

    it('for suggestions and similar documents', async () => {
      for (const q of ['enegrie', 'fuites d’eua', 'chatbto ', 'polution de l’air ', 'trafic ']) {
        const [a, b] = await Promise.all(indexes.map((i) => i.suggest('use_case', q)));
        assert.equal(a, b, q);
      }
      for (const id of [1, 12, 19, 24, 31]) {
        const [a, b] = await Promise.all(indexes.map((i) => i.similar('use_case', id, 5)));
        assert.deepEqual(a, b, `similar to ${id}`);
      }
      for (const id of [41, 42, 45, 100, 1000]) {
        const [a, b] = await Promise.all(indexes.map((i) => i.similar('pstw', id, 5)));
        assert.deepEqual(a, b, `similar to PSTW-${id}`);
      }
    });
  });
});
