// The test runner's tiers (scripts/test-tiers.mjs) and the unit guard (scripts/test-tier-guard.mjs): under
// TEST_TIER=unit a database, a port or a process fails the test that opens it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
// @ts-expect-error plain JavaScript module of the runner, without types
import { suggestedName, tierOf } from '../../scripts/test-tiers.mjs';

describe('test tiers', () => {
  it('are named by the file suffix', () => {
    assert.equal(tierOf('src/modules/library/model.test.ts'), 'unit');
    assert.equal(tierOf('src/modules/library/store.db.test.ts'), 'db');
    assert.equal(tierOf('src/modules/library/routes.http.test.ts'), 'http');
    assert.equal(tierOf('src/modules/library/formats/pstw.shared.test.ts'), 'shared');
    assert.equal(tierOf('test/e2e/pages.test.ts'), 'e2e');
    assert.equal(tierOf('test/platform/http.test.ts'), 'unit', 'a file called http.test.ts is not the http tier');
    assert.equal(suggestedName('src/a/store.test.ts', 'db'), 'src/a/store.db.test.ts');
    assert.equal(suggestedName('src/a/pstw.db.test.ts', 'shared'), 'src/a/pstw.shared.test.ts');
  });
});

describe('the unit guard', { skip: process.env.TEST_TIER !== 'unit' && 'seulement sous TEST_TIER=unit' }, () => {
  const require = createRequire(import.meta.url);

  it('refuses SQLite', () => {
    const Database = require('better-sqlite3');
    const db = new Database(':memory:');
    assert.throws(() => db.prepare('select 1'), /Test unitaire : ouverture d’une base SQLite.*\*\.db\.test\.ts/);
    db.close();
  });

  it('refuses PostgreSQL', () => {
    const pg = require('pg');
    assert.throws(() => new pg.Client().connect(), /connexion à PostgreSQL/);
  });

  it('refuses a port and a process', () => {
    assert.throws(() => createServer().listen(0), /serveur à l’écoute.*\*\.http\.test\.ts/);
    assert.throws(() => spawnSync('true'), /lancement d’un processus/);
  });

  it('refuses the database and server helpers', async () => {
    // Through a variable: this file is pure, the import below is expected to fail (list-test-tiers reads imports).
    const helper = '../helpers/databases.ts';
    await assert.rejects(import(helper), /importé par un test unitaire/);
  });
});
