/** Route × role case of the sheets' logos (library/services/logos.ts): stored images everyone may read. */
import { createHash } from 'node:crypto';
import type { Case } from './cases.ts';

/** The smallest PNG signature followed by a header chunk: enough for the route, which serves what is stored. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

export const LOGOS_CASES: Record<string, Case> = {
  'GET /bibliotheque/logos/:file': {
    module: 'library',
    request: async (w) => {
      const file = `${createHash('sha256').update(PNG).digest('hex')}.png`;
      // The logo as the fetch job keeps it (migration 0013): one row per image, named by its content hash.
      await w.app.server.platform.db
        .insertInto('library_logos')
        .values({ file, content_type: 'image/png', size: PNG.length, content: PNG, created_at: '2026-03-01T09:00:00Z' })
        .onConflict((oc) => oc.column('file').doNothing())
        .execute();
      return { url: `/bibliotheque/logos/${file}` };
    },
  },
};
