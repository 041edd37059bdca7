import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { libraryOf, person } from '../test-support.ts';
import { IMPORT_BATCH } from './import.ts';
import { SEARCH_KIND } from './search.ts';

// An import counts the vocabulary of « did you mean » (words and stems with their numbers of documents) when its new
// sheets show, not at each batch: once it is done, the counts are exactly a recount of the indexed documents, whatever
// the number of batches written between two showings.
const HEADER = 'Nom_collectivite,Nom_du_projet,SIRET,Description_service';
const WORDS = ['compostage', 'éclairage', 'cantine', 'stationnement', 'inondation', 'archives', 'piscine'];
const file = (rows: number, edition: string) =>
  [
    HEADER,
    ...Array.from(
      { length: rows },
      (_, i) =>
        `Ville de Paris,Projet ${i + 1},21750001600019,Suivi ${WORDS[i % WORDS.length]} ${edition} numéro ${i * 7}.`,
    ),
  ].join('\n');

const saved = { ...IMPORT_BATCH };
const setBatch = (values: Partial<Record<keyof typeof IMPORT_BATCH, number>>) =>
  Object.assign(IMPORT_BATCH as Record<string, number>, values);

describeEachApp('library imports: the search vocabulary equals a recount of the documents', (app) => {
  let admin: CurrentUser;
  after(() => setBatch(saved));

  /** The stored vocabulary of the library's documents, and the same counted again from their words. */
  async function vocabularies() {
    const { db } = app().server.platform;
    const contents = await db
      .selectFrom('search_documents as d')
      .innerJoin('search_contents as c', 'c.id', 'd.id')
      .select('c.words')
      .where('d.kind', '=', SEARCH_KIND)
      .execute();
    const recount = new Map<string, number>();
    for (const r of contents) for (const w of String(r.words).split(' ')) recount.set(w, (recount.get(w) ?? 0) + 1);
    const stored = await db
      .selectFrom('search_vocabulary')
      .select(['word', 'doc_count'])
      .where('kind', '=', SEARCH_KIND)
      .execute();
    return { stored: new Map(stored.map((v) => [String(v.word), Number(v.doc_count)])), recount };
  }

  test('setup', async () => {
    admin = await person(app(), 'admin@reseau.fr', 'admin');
  });

  test('after an import of many batches shown once, and after a re-import that changes every text', async () => {
    setBatch({ first: 4, min: 4, max: 4, showEveryMs: Number.POSITIVE_INFINITY });
    const first = await libraryOf(app()).imports.importFile(admin, {
      format: 'interconnectes',
      data: file(30, 'premier'),
    });
    assert.deepEqual([first.errorCount, first.created], [0, 30]);
    let v = await vocabularies();
    assert.equal(v.stored.get('premier'), 30);
    assert.equal(v.stored.get('compostage'), 5);
    assert.deepEqual(v.stored, v.recount);

    // Each sheet's text changes: the words it loses are counted out, the new ones in.
    const second = await libraryOf(app()).imports.importFile(admin, {
      format: 'interconnectes',
      data: file(30, 'second'),
    });
    assert.deepEqual([second.errorCount, second.updated], [0, 30]);
    v = await vocabularies();
    assert.equal(v.stored.get('premier'), undefined);
    assert.equal(v.stored.get('second'), 30);
    assert.deepEqual(v.stored, v.recount);
    setBatch(saved);
  });
});
