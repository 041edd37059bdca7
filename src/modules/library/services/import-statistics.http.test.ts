// An import refreshes the planner's statistics of the tables it writes as they grow (PostgreSQL): the servers beside
// it plan their reads of the new sheets from them (with the statistics of the empty library, reading the stems of a
// few hundred sheets scanned every document: up to 683 ms a statement during an import of 100,000 sheets).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import { BULK_ROWS } from '../../../platform/db/statistics.ts';
import { libraryOf, person } from '../test-support.ts';

const HEADER = 'Nom_collectivite,Nom_du_projet,SIRET,Description_service';
const file = (rows: number) =>
  [
    HEADER,
    ...Array.from(
      { length: rows },
      (_, i) =>
        `Ville de Paris,Tri des demandes ${i + 1},21750001600019,Un outil trie les demandes reçues par la mairie.`,
    ),
  ].join('\n');

describeEachApp('library imports: planner statistics follow the tables', (app) => {
  test('after an import of 1,000 sheets the planner counts them in every table the import wrote', async (t) => {
    const admin = await person(app(), 'admin@reseau.fr', 'admin');
    const report = await libraryOf(app()).imports.importFile(admin, {
      format: 'interconnectes',
      data: file(BULK_ROWS),
    });
    assert.deepEqual([report.errorCount, report.created], [0, BULK_ROWS]);
    if (app().server.platform.dialect !== 'postgres') return t.skip('statistiques PostgreSQL');
    const estimates = await sql<{ relname: string; n: number }>`select relname, reltuples::int as n from pg_class
      where relname in ('use_cases', 'use_case_versions', 'search_documents', 'search_contents')`.execute(
      app().server.platform.db,
    );
    assert.equal(estimates.rows.length, 4);
    for (const r of estimates.rows) assert.ok(Number(r.n) >= BULK_ROWS, `${r.relname} : ${r.n}`);
  });
});
