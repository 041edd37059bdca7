// A new sheet takes the first free slug of its title (« velo », then « velo-2 »…): the store reads the slugs in use
// among a batch's titles and their numbered forms in one statement. On 100,000 sheets that read must go through the
// slug's unique index on both databases, never walk the table (it did on PostgreSQL, where `like` could not use the
// index under the database's collation: imports of files whose titles repeat slowed down as the library grew).
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEachDatabase } from '../../../../test/helpers/databases.ts';
import { explainStatements } from '../../../../test/helpers/plans.ts';
import { systemClock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import { filledContent } from '../fixtures.ts';
import { indexColumns } from '../services/search-catalogue.ts';
import { storeTestOrganisation } from '../test-support.ts';
import { createUseCaseKeysStore } from './keys.ts';
import { createUseCaseStore } from './use-cases.ts';

const SLUGS = ['velo', 'velo-2', 'velo-10', 'velo-electrique', 'velos', 'velomoteur', 'tri', 'tri-selectif', 'trier'];

describeEachDatabase('library store: slugs near a batch of titles', (db) => {
  let store: ReturnType<typeof createUseCaseKeysStore>;

  before(async () => {
    store = createUseCaseKeysStore(db().db);
    const orgId = await storeTestOrganisation(db().db as Db, 'other:slugs');
    const sheets = createUseCaseStore(db().db, systemClock, () => {}, indexColumns);
    await (db().db as Db).transaction().execute((trx) =>
      sheets.insertMany(
        SLUGS.map((slug) => ({
          slug,
          organisationId: orgId,
          state: 'published' as const,
          content: filledContent(slug),
          externalKey: null,
          createdBy: null,
        })),
        trx,
      ),
    );
  });

  it('gives the bases in use and every numbered form of those taken, and nothing else', async () => {
    const near = await store.slugsNear(['velo', 'tri', 'cantine', 'velo'], new Set());
    assert.deepEqual([...near].sort(), ['tri', 'tri-selectif', 'velo', 'velo-10', 'velo-2', 'velo-electrique']);
  });

  it('reads the numbered forms of a base named twice in the batch even when it is free', async () => {
    assert.deepEqual([...(await store.slugsNear(['trie', 'trie'], new Set(['trie'])))], []);
    assert.deepEqual([...(await store.slugsNear(['velos'], new Set(['velos'])))], ['velos']);
    assert.deepEqual([...(await store.slugsNear(['trier'], new Set()))], ['trier']);
  });

  it('reaches the slugs through the slug index, never by walking the table', async () => {
    const statements = await explainStatements(db(), (on) =>
      createUseCaseKeysStore(on).slugsNear(['velo', 'tri'], new Set(['velo'])),
    );
    assert.equal(statements.length, 2, 'the bases, then the numbered forms');
    for (const { sql, plan } of statements) {
      const text = plan.join(' | ');
      if (db().dialect === 'sqlite') {
        assert.ok(!plan.some((d) => /^SCAN use_cases\b/.test(d)), `${sql}\n${text}`);
        assert.ok(/INDEX sqlite_autoindex_use_cases_\d \(slug/.test(text), `${sql}\n${text}`);
      } else {
        // An index scan without an index condition would walk the whole index.
        assert.ok(!/Seq Scan on use_cases/.test(text), `${sql}\n${text}`);
        assert.ok(/Index (Only )?Scan (using|on) use_cases_slug_key/.test(text), `${sql}\n${text}`);
        assert.ok(/Index Cond: .*slug/.test(text), `${sql}\n${text}`);
      }
    }
  });
});
