/** Route × role case of the sheets' logos (library/services/logos.ts): stored images everyone may read. */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Case } from './cases.ts';

/** The smallest PNG signature followed by a header chunk: enough for the route, which serves what is stored. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

export const LOGOS_CASES: Record<string, Case> = {
  'GET /bibliotheque/logos/:file': {
    module: 'library',
    request: async (w) => {
      const file = `${createHash('sha256').update(PNG).digest('hex')}.png`;
      const dir = join(w.app.server.platform.config.uploadsDir, 'logos');
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, file), PNG);
      return { url: `/bibliotheque/logos/${file}` };
    },
  },
};
