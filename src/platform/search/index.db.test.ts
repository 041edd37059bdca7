import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import {
  createTestDatabase,
  describeEachDatabase,
  type TestDatabase,
  testDialects,
} from '../../../test/helpers/databases.ts';
import { seededRandom } from '../../../test/helpers/random.ts';
import type { Db } from '../db/database.ts';
import { createSearchIndex, type SearchDocument, type SearchIndex } from './index.ts';

// A small corpus of our own (French use-case sheets written for these tests), so that they run on a plain clone.
// The same behaviours are checked on the real public corpora in index.shared.test.ts.
const SHEETS: [title: string, body: string, theme: string][] = [
  [
    'Pilotage de l’énergie des écoles',
    'Des capteurs mesurent la consommation d’énergie des bâtiments scolaires et proposent des réglages.',
    'energie',
  ],
  [
    'Détection des fuites d’eau',
    'Le réseau d’eau potable est surveillé : un modèle repère les fuites à partir des débits nocturnes.',
    'eau',
  ],
  [
    'Assistant conversationnel pour l’accueil',
    'Un agent conversationnel répond aux questions des habitants sur les démarches de la mairie.',
    'relation',
  ],
  [
    'Réduire le gaspillage à la cantine',
    'Les restes des repas de la cantine scolaire sont pesés pour ajuster les commandes de repas.',
    'alimentation',
  ],
  [
    'Qualité de l’air en ville',
    'Des stations mesurent la pollution de l’air et l’énergie dépensée ; une prévision aide la décision des élus.',
    'environnement',
  ],
  ['Inspection des routes', 'Une caméra embarquée repère les nids-de-poule et l’état des chaussées.', 'voirie'],
  [
    'Aide à la décision pour les agents',
    'Un tableau de bord aide les agents à la décision sur l’entretien des routes.',
    'voirie',
  ],
  [
    'Gestion des eaux pluviales',
    'Les bassins et le réseau d’assainissement sont pilotés selon la prévision de pluie.',
    'eau',
  ],
  ['Tri des déchets', 'La reconnaissance d’images aide le tri des déchets au centre de collecte.', 'environnement'],
  [
    'Service public numérique',
    'Les services publics de la ville proposent une démarche en ligne pour suivre les délibérations du conseil.',
    'relation',
  ],
  [
    'Délibérations du conseil municipal',
    'Les délibérations du conseil sont résumées automatiquement et publiées pour les habitants.',
    'relation',
  ],
  [
    'Cantine et gaspillage alimentaire',
    'Une application prévoit le nombre de repas servis à la cantine pour limiter le gaspillage.',
    'alimentation',
  ],
];

/** The sheets as search documents of `kind`: id = position (1-based). */
function ownCorpus(kind = 'use_case'): SearchDocument[] {
  return SHEETS.map(([title, body], i) => ({ kind, id: i + 1, title, body }));
}

/** The theme of each sheet, by id (for the test that joins the match subquery with a table of its own). */
function ownThemes(): { id: number; theme: string }[] {
  return SHEETS.map(([, , theme], i) => ({ id: i + 1, theme }));
}

const corpus = ownCorpus();

/** Ids found for a query, sorted (the match set, whatever the ranking). */
async function ids(index: SearchIndex, kind: string, query: string): Promise<number[]> {
  const { total, hits } = await index.search(kind, query, { limit: 1_000 });
  assert.equal(hits.length, total, `every hit returned for ${query}`);
  return hits.map((h) => h.id).sort((a, b) => a - b);
}

const SYNTAX = ['*', '(', ')', ':', '^', '-', '"', '«', '»', "'", '’', 'NEAR', 'AND', 'OR', 'NOT', '+', '\\', '{'];
const MORE_SYNTAX = ['}', '[', ']', '~', '&', '|', '!', '<->', ':*', ';', '--', '/*', '%', '_', '😀', '\u0000'];

/** Queries mixing corpus words, fragments, engine syntax and symbols. */
function hostileQueries(count: number, seed: number): string[] {
  const next = seededRandom(seed);
  const words = corpus.flatMap((d) => `${d.title} ${d.body}`.split(/\s+/)).filter((w) => w.length > 1);
  const symbols = [...SYNTAX, ...MORE_SYNTAX, '\ud800', 'é'];
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)] as T;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const parts: string[] = [];
    const n = 1 + Math.floor(next() * 6);
    for (let j = 0; j < n; j++) {
      const r = next();
      if (r < 0.45) parts.push(pick(words));
      else if (r < 0.6) parts.push(pick(words).slice(0, 1 + Math.floor(next() * 5)));
      else parts.push(pick(symbols));
    }
    out.push(parts.join(next() < 0.7 ? ' ' : ''));
  }
  return out;
}

describeEachDatabase('French full-text search (our corpus)', (database) => {
  let index: SearchIndex;

  before(async () => {
    index = createSearchIndex(database().db, database().dialect);
    assert.equal(await index.upsertMany(corpus), corpus.length);
  });

  it('finds a word whatever its accents, case or number', async () => {
    assert.deepEqual(await ids(index, 'use_case', 'énergie '), [1, 5]);
    assert.deepEqual(await ids(index, 'use_case', 'energie '), [1, 5]);
    assert.deepEqual(await ids(index, 'use_case', 'ENERGIES '), [1, 5]);
    assert.deepEqual(await ids(index, 'use_case', 'eau '), [2, 8]);
    assert.deepEqual(await ids(index, 'use_case', 'eaux '), [2, 8]);
    assert.deepEqual(await ids(index, 'use_case', 'deliberation '), [10, 11]);
    assert.deepEqual(await ids(index, 'use_case', 'déchet '), [9]);
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
    assert.deepEqual(await ids(index, 'use_case', 'aide décision '), [5, 7]);
    assert.deepEqual(await ids(index, 'use_case', 'aide à la décision pour les agents '), [7]);
    assert.deepEqual(await ids(index, 'use_case', 'cantine gaspillage '), [4, 12]);
    assert.deepEqual(await ids(index, 'use_case', 'cantine gaspillage pluie '), []);
    assert.equal(await index.matchSql('use_case', 'de la des et ou '), null);
    assert.equal(await index.matchIds('use_case', 'de la des et ou '), null);
    assert.deepEqual(await index.search('use_case', ' l’ « » '), { total: 0, hits: [] });
  });

  it('matches quoted words only next to each other and in order', async () => {
    assert.deepEqual(await ids(index, 'use_case', 'réseau eau '), [2, 8]);
    assert.deepEqual(await ids(index, 'use_case', '"réseau d’eau"'), [2]);
    assert.deepEqual(await ids(index, 'use_case', 'conseil délibérations '), [10, 11]);
    assert.deepEqual(await ids(index, 'use_case', '« délibérations du conseil »'), [10, 11]);
    assert.deepEqual(await ids(index, 'use_case', '"conseil délibérations"'), []);
    // Stop words between the words of a phrase are ignored on both sides.
    assert.deepEqual(await ids(index, 'use_case', '"aide à la décision"'), [5, 7]);
  });

  it('matches the last word as a prefix while the user is typing', async () => {
    assert.deepEqual(await ids(index, 'use_case', 'conver'), [3]);
    assert.deepEqual(await ids(index, 'use_case', 'conversationnel '), [3]);
    assert.deepEqual(await ids(index, 'use_case', 'délib'), [10, 11]);
    assert.deepEqual(await ids(index, 'use_case', 'aide décision agen'), [7]);
    // A complete word typed without a trailing space still finds its other inflections.
    assert.deepEqual(await ids(index, 'use_case', 'fuite'), [2]);
    assert.deepEqual(await ids(index, 'use_case', 'énergies'), await ids(index, 'use_case', 'énergies '));
    assert.deepEqual(await ids(index, 'use_case', 'automatiquem'), await ids(index, 'use_case', 'automatiquement '));
  });

  it('gives every matching id best first, as a catalogue restricts its facet index to them', async () => {
    const all = await index.matchIds('use_case', 'cantine ');
    assert.ok(all);
    assert.deepEqual(
      [...all].sort((a, b) => a - b),
      [4, 12],
    );
    const { hits } = await index.search('use_case', 'cantine ');
    assert.deepEqual(
      [...all],
      hits.map((h) => h.id),
    );
  });

  it('ranks a title match above a body match (lower rank is better)', async () => {
    await index.upsertMany([
      { kind: 'ranking', id: 1, title: 'Plan vélo', body: 'Des pistes cyclables et du stationnement pour les vélos.' },
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
    await db.insertInto('search_test_sheets').values(ownThemes()).execute();
    const m = await index.matchSql('use_case', 'réseau ');
    const unranked = await index.matchSql('use_case', 'réseau ', { rank: false });
    assert.ok(m && unranked);
    const facets = await db
      .selectFrom('search_test_sheets')
      .select(['theme', (eb) => eb.fn.countAll<number>().as('n')])
      .where('id', 'in', sql`(select doc_id from ${unranked} as m)`)
      .groupBy('theme')
      .orderBy('theme')
      .execute();
    assert.deepEqual(
      facets.map((f) => [f.theme, Number(f.n)]),
      [['eau', 2]],
    );
    const joined = await db
      .selectFrom(m.as('m'))
      .innerJoin('search_test_sheets as s', 's.id', 'm.doc_id')
      .select(['s.id', 's.theme', 'm.rank'])
      .orderBy('m.rank')
      .orderBy('s.id')
      .execute();
    assert.deepEqual(
      joined.map((r) => r.id).sort((a, b) => a - b),
      await ids(index, 'use_case', 'réseau '),
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
    // The two canteen sheets find each other first, and so do the two on the council's deliberations.
    assert.equal((await index.similar('use_case', 4, 5))[0], 12);
    assert.equal((await index.similar('use_case', 12, 5))[0], 4);
    assert.equal((await index.similar('use_case', 10, 5))[0], 11);
    assert.equal((await index.similar('use_case', 11, 5))[0], 10);
    const three = await index.similar('use_case', 2, 3);
    assert.ok(three.length <= 3);
    assert.ok(!three.includes(2), 'never itself');
    assert.ok(three.includes(8), 'the other sheet on a water network');
    assert.deepEqual(await index.similar('use_case', 9999, 5), []);
  });

  it('highlights the found words in the best passage', () => {
    const doc = corpus[1] as SearchDocument;
    const segments = index.snippet(doc.body, 'fuites "eau potable" ', 160);
    assert.deepEqual(
      segments.filter((s) => s.match).map((s) => s.text),
      ['eau potable', 'fuites'],
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
    assert.deepEqual(await ids(index, 'use_case', 'eau '), [2, 8]);
    await index.clear('notes');
    assert.deepEqual(await ids(index, 'notes', 'éclairage '), []);
    const left = await db.selectFrom('search_vocabulary').select('word').where('kind', '=', 'notes').execute();
    assert.deepEqual(left, []);
  });

  it('keeps the vocabulary equal to a recount of the documents, even with concurrent writers', async () => {
    const { db } = database();
    const docs = [...ownCorpus('concurrent'), ...ownCorpus('concurrent').map((d) => ({ ...d, id: d.id + 100 }))];
    await index.upsertMany(docs.slice(0, 6));
    const outcomes = await Promise.allSettled([
      index.upsertMany(docs.slice(0, 14), { chunkSize: 5 }),
      index.upsertMany([...docs].reverse(), { chunkSize: 7 }),
      ...docs.slice(6, 18).map((d) => index.upsert({ ...d, body: `${d.body} Deuxième version du texte.` })),
      ...docs.slice(0, 4).map((d) => index.remove('concurrent', d.id)),
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
    // The full-text side agrees with the stored documents (whichever writer won).
    assert.equal((await index.search('concurrent', 'deuxième ')).total, expected.get('deuxième') ?? 0);
    const repas = await db
      .selectFrom('search_terms')
      .select('doc_count')
      .where('kind', '=', 'concurrent')
      .where('stem', '=', 'rep')
      .executeTakeFirst();
    assert.equal((await index.search('concurrent', 'repas ')).total, Number(repas?.doc_count ?? 0));
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

  it('indexes many documents in bulk and searches them', async () => {
    const next = seededRandom(11);
    const words = ['vélo', 'piste', 'école', 'cantine', 'énergie', 'réseau', 'pluie', 'route', 'tri', 'bus'];
    const bulk = Array.from({ length: 1_200 }, (_, i) => ({
      kind: 'bulk',
      id: i + 1,
      title: `Projet ${words[i % words.length]}`,
      body: Array.from({ length: 12 }, () => words[Math.floor(next() * words.length)]).join(' '),
    }));
    assert.equal(await index.upsertMany(bulk, { chunkSize: 400 }), 1_200);
    // Re-indexing the same documents changes nothing.
    assert.equal(await index.upsertMany(bulk), 1_200);
    const velo = await ids(index, 'bulk', 'vélo ');
    const expected = bulk.filter((d) => /vélo/.test(`${d.title} ${d.body}`)).map((d) => d.id);
    assert.deepEqual(velo, expected);
    const page = await index.search('bulk', 'vélo ', { limit: 10, offset: 10 });
    assert.equal(page.total, velo.length);
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

describe('SQLite and PostgreSQL match the same documents (our corpus)', { skip: testDialects.length < 2 }, () => {
  const bases: TestDatabase[] = [];
  const indexes: SearchIndex[] = [];

  before(async () => {
    for (const dialect of testDialects) {
      const base = await createTestDatabase(dialect);
      bases.push(base);
      const index = createSearchIndex(base.db, dialect);
      await index.upsertMany(corpus);
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
      '« délibérations du conseil »',
      'aide à la décision',
      'conv',
      'ca',
      'délib',
      'déchets',
      'pollution air ',
    ];
    for (const q of queries) await same('use_case', q);
  });

  it('for hostile and random queries', async () => {
    for (const q of hostileQueries(200, 2024)) await same('use_case', q);
  });

  it('for suggestions and similar documents', async () => {
    for (const q of ['enegrie', 'fuites d’eua', 'cantien ', 'polution de l’air ', 'délibératoin ']) {
      const [a, b] = await Promise.all(indexes.map((i) => i.suggest('use_case', q)));
      assert.equal(a, b, q);
    }
    for (const id of [1, 2, 4, 10, 12]) {
      const [a, b] = await Promise.all(indexes.map((i) => i.similar('use_case', id, 5)));
      assert.deepEqual(a, b, `similar to ${id}`);
    }
  });
});
