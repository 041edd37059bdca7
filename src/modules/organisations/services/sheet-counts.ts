/**
 * How many sheets each authority has published, as the library tells it through the `sheets` port (this module never
 * reads the library's tables). The directory's catalogue keeps the count in its rows (the « avec des fiches » filter,
 * the count column, the « nombre de fiches » order) and follows the library's change counter: when it moves, the
 * counts are read again (one grouped query in the library) and only the authorities whose count changed are given to
 * the index again.
 */
import type { OrganisationsPorts } from '../ports.ts';
import type { DirectoryRow } from '../store/organisations.ts';

/** A directory row with its number of published sheets. */
export type CountedRow = DirectoryRow & { sheets: number };

export function createSheetCounts(port: OrganisationsPorts['sheets']) {
  /** The counts read at the library's version `version` (-1: never read). */
  let current = { version: -1, counts: new Map<number, number>() };
  /** The count each authority was last given to the index with (authorities with none are absent). */
  const given = new Map<number, number>();

  function withCounts(rows: readonly DirectoryRow[]): CountedRow[] {
    return rows.map((r) => {
      const sheets = current.counts.get(r.id) ?? 0;
      if (sheets) given.set(r.id, sheets);
      else given.delete(r.id);
      return { ...r, sheets };
    });
  }

  return {
    /** The library's version; the counts are read again when it moved since they were last read. */
    async version(): Promise<number> {
      const version = port ? await port.version() : 0;
      if (version !== current.version) {
        current = { version, counts: port ? await port.publishedByOrganisation() : new Map() };
      }
      return version;
    },

    /** Rows of a full load (from the first page, every earlier count is forgotten). */
    fullPage(rows: readonly DirectoryRow[], first: boolean): CountedRow[] {
      if (first) given.clear();
      return withCounts(rows);
    },

    /** Ids after `afterId` (ascending, at most `limit`) whose count differs from the one the index has. */
    changedAfter(afterId: number, limit: number): number[] {
      const ids = new Set<number>();
      for (const [id, n] of current.counts) if (id > afterId && given.get(id) !== n) ids.add(id);
      for (const id of given.keys()) if (id > afterId && !current.counts.has(id)) ids.add(id);
      return [...ids].sort((a, b) => a - b).slice(0, limit);
    },

    withCounts,

    /** Published sheets of each authority, as of the last look at the library. */
    of(id: number): number {
      return current.counts.get(id) ?? 0;
    },
  };
}

export type SheetCounts = ReturnType<typeof createSheetCounts>;
