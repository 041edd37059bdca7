/**
 * The keys a new use case must not collide with: the external keys of imported sheets (file and demo keys) and the
 * slugs of its address. Both are read for a whole batch at once, through their unique indexes.
 */
import type { Db } from '../../../platform/db/database.ts';

/** Slugs looked up per statement (each is a parameter; SQLite allows 32,766, PostgreSQL 65,535). */
const SLUG_BASES_PER_STATEMENT = 500;
/** Taken slugs whose numbered forms are looked up per statement (one range of the index each). */
const SLUG_RANGES_PER_STATEMENT = 50;

export function createUseCaseKeysStore(db: Db) {
  return {
    /** External keys already present among `keys` -> id (imports, demo content, drafts from other modules). */
    async idsByExternalKeys(keys: readonly string[], trx: Db = db): Promise<Map<string, { id: number }>> {
      const out = new Map<string, { id: number }>();
      for (let i = 0; i < keys.length; i += 500) {
        const part = keys.slice(i, i + 500);
        const rows = await trx
          .selectFrom('use_cases')
          .select(['id', 'external_key'])
          .where('external_key', 'in', part)
          .execute();
        for (const r of rows) if (r.external_key) out.set(r.external_key, { id: Number(r.id) });
      }
      return out;
    },

    /**
     * The slugs in use among `bases` (exactly), and every slug `<base>-…` of the bases that are taken or named twice
     * in `repeated`: what is needed to pick, for each base, the first free one of `base`, `base-2`, `base-3`… (one
     * statement for a whole batch of titles).
     *
     * The numbered forms are a range of the slug's unique index, [`base-`, `base.`) ('.' follows '-'), in binary
     * order on both databases (PostgreSQL: the column's collation is "C", migration 0029): never a walk of the
     * table, as `like` was on PostgreSQL (and on SQLite, where `like` ignores case).
     */
    async slugsNear(bases: readonly string[], repeated: ReadonlySet<string>, trx: Db = db): Promise<Set<string>> {
      const taken = new Set<string>();
      const distinct = [...new Set(bases)];
      for (let i = 0; i < distinct.length; i += SLUG_BASES_PER_STATEMENT) {
        const part = distinct.slice(i, i + SLUG_BASES_PER_STATEMENT);
        const rows = await trx.selectFrom('use_cases').select('slug').where('slug', 'in', part).execute();
        for (const r of rows) taken.add(r.slug);
      }
      const numbered = distinct.filter((b) => taken.has(b) || repeated.has(b));
      for (let i = 0; i < numbered.length; i += SLUG_RANGES_PER_STATEMENT) {
        const part = numbered.slice(i, i + SLUG_RANGES_PER_STATEMENT);
        const rows = await trx
          .selectFrom('use_cases')
          .select('slug')
          .where((eb) => eb.or(part.map((b) => eb.and([eb('slug', '>=', `${b}-`), eb('slug', '<', `${b}.`)]))))
          .execute();
        for (const r of rows) taken.add(r.slug);
      }
      return taken;
    },
  };
}
