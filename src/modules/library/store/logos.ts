/**
 * `library_logos` and `library_logo_sources` (migration 0013): sheets' logos as the server fetched and checked them
 * (services/logos.ts), in the database so that every server instance sharing it serves the same images.
 */
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';

export interface StoredLogo {
  data: Buffer;
  type: string;
}

export function createLogoStore(db: Db, clock: Clock) {
  return {
    /**
     * Keeps an image (idempotent: the same bytes have the same name) and notes it as the one fetched for the
     * address, in one transaction.
     */
    async saveLogo(input: { file: string; type: string; data: Buffer; url: string; urlHash: string }): Promise<void> {
      const at = clock.iso();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('library_logos')
          .values({
            file: input.file,
            content_type: input.type,
            size: input.data.length,
            content: input.data,
            created_at: at,
          })
          .onConflict((oc) => oc.column('file').doNothing())
          .execute();
        await trx
          .insertInto('library_logo_sources')
          .values({ url_hash: input.urlHash, url: input.url, file: input.file, fetched_at: at })
          .onConflict((oc) => oc.column('url_hash').doUpdateSet({ url: input.url, file: input.file, fetched_at: at }))
          .execute();
      });
    },

    /** The image fetched for each address hash that has one (hash → file). */
    async logoFilesFor(urlHashes: readonly string[]): Promise<Map<string, string>> {
      if (!urlHashes.length) return new Map();
      const rows = await db
        .selectFrom('library_logo_sources')
        .select(['url_hash', 'file'])
        .where('url_hash', 'in', [...new Set(urlHashes)])
        .execute();
      return new Map(rows.map((r) => [r.url_hash, r.file]));
    },

    /** A stored image's bytes and type, or null. */
    async readLogo(file: string): Promise<StoredLogo | null> {
      const row = await db
        .selectFrom('library_logos')
        .select(['content', 'content_type'])
        .where('file', '=', file)
        .executeTakeFirst();
      return row ? { data: Buffer.from(row.content), type: row.content_type } : null;
    },
  };
}

export type LogoStore = ReturnType<typeof createLogoStore>;
