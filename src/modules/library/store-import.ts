/**
 * Batched reads of the library's tables for imports (one statement for a whole batch of rows instead of one per row,
 * and nothing held for the whole file): the slugs a batch of new use cases could collide with.
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
