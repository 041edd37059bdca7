import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDatabase } from '../../../test/helpers/databases.ts';
import { manualClock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { createSynonymStore } from './synonyms-store.ts';

describeEachDatabase(
  'Synonym store: what searches read',
  (database) => {
    it('searches arriving together after a change all read the changed groups', async () => {
      const { dialect, clock } = database();
      const db = database().db as Db;
      const store = createSynonymStore(db, dialect, clock);
      const before = await store.current();
      await db.transaction().execute((trx) => store.create(['vidéoprotection', 'caméra'], trx));
      // The first one looks at the counter; the others arrive while it reads and wait for it, not for the old set.
      const seen = await Promise.all([store.current(), store.current(), store.current()]);
      for (const s of seen) {
        assert.ok(s.version > before.version, 'la version qui suit la modification');
        assert.notEqual(s.set, before.set, 'les groupes modifiés');
      }
      // Within the trust delay (the clock does not move), the same set again, without a look.
      assert.equal(await store.current(), seen[0]);
    });
  },
  { clock: () => manualClock('2026-03-01T09:00:00Z') },
);
