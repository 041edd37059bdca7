/**
 * Batched statements of the library's tables for imports (one statement for a whole batch of rows instead of one per
 * row, and nothing held for the whole file): the slugs a batch of new use cases could collide with, and the change
 * number of use cases written without showing yet (an import shows its new sheets every few seconds, not per batch).
 */
import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Dialect } from '../../platform/db/index.ts';

/** Bases looked up per statement (each is a parameter; SQLite allows 32,766, PostgreSQL 65,535). */
const BASES_PER_STATEMENT = 500;
/** Bases already taken looked up per statement by their numbered forms (`base-2`, `base-3`…): one LIKE each. */
const LIKES_PER_STATEMENT = 50;

/** `dialect`: on SQLite the numbered forms are found with GLOB, which (unlike LIKE) reads the slug's unique index. */
export function createImportStore(db: Db, dialect: Dialect) {
  return {
    /**
     * The number new use cases take when they must not show yet: one above the library's change counter, which does
     * not move (the catalogues that read it load nothing). They show when the counter next moves, whoever moves it:
     * the counter's row is locked (a no-op update), so a writer moving it meanwhile commits after this transaction.
     */
    async pendingSeq(trx: Db): Promise<number> {
      const row = await trx
        .updateTable('library_state')
        .set({ value: sql<number>`value` })
        .where('name', '=', 'change_seq')
        .returning('value')
        .executeTakeFirstOrThrow();
      return Number(row.value) + 1;
    },

    /**
     * The slugs in use among `bases` (exactly), and every slug `<base>-…` of the bases that are taken or named twice
     * in `repeated`: what is needed to pick, for each base, the first free one of `base`, `base-2`, `base-3`…
     */
    async slugsNear(bases: readonly string[], repeated: ReadonlySet<string>, trx: Db = db): Promise<Set<string>> {
      const taken = new Set<string>();
      const distinct = [...new Set(bases)];
      for (let i = 0; i < distinct.length; i += BASES_PER_STATEMENT) {
        const part = distinct.slice(i, i + BASES_PER_STATEMENT);
        const rows = await trx.selectFrom('use_cases').select('slug').where('slug', 'in', part).execute();
        for (const r of rows) taken.add(r.slug);
      }
      const numbered = distinct.filter((b) => taken.has(b) || repeated.has(b));
      for (let i = 0; i < numbered.length; i += LIKES_PER_STATEMENT) {
        const part = numbered.slice(i, i + LIKES_PER_STATEMENT);
        const rows = await trx
          .selectFrom('use_cases')
          .select('slug')
          .where((eb) =>
            eb.or(
              part.map((b) =>
                dialect === 'sqlite' ? sql<SqlBool>`slug glob ${`${b}-*`}` : eb('slug', 'like', `${b}-%`),
              ),
            ),
          )
          .execute();
        for (const r of rows) taken.add(r.slug);
      }
      return taken;
    },
  };
}
