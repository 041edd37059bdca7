// The real public files in ../shared/data (beside the repository, not in it). Tests that read them are named
// `*.shared.test.ts` and wrap their cases in `describeSharedData`: they run when the folder exists, are skipped
// (with a note) on a plain clone, and FAIL under CI=true when it is missing — as PostgreSQL and Chromium do.
// The ordinary tests use the fixtures we wrote under test/fixtures/ instead.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Absolute path of ../shared/data (SHARED_DATA_DIR overrides it). */
export const SHARED_DATA_DIR = process.env.SHARED_DATA_DIR || join(ROOT, '..', 'shared', 'data');
export const sharedDataPresent = existsSync(SHARED_DATA_DIR);

if (!sharedDataPresent && process.env.CI === 'true') {
  throw new Error(`Données publiques absentes en CI : ${SHARED_DATA_DIR} (../shared/data est requis sous CI=true)`);
}

/** The absolute path of a file of ../shared/data, e.g. sharedDataFile('pstw/landscape-2024.csv'). */
export function sharedDataFile(relative: string): string {
  return join(SHARED_DATA_DIR, relative);
}

/** A describe block that runs only when ../shared/data exists (and must, under CI=true). */
export function describeSharedData(name: string, fn: () => void | Promise<void>) {
  if (!sharedDataPresent) {
    describe(name, { skip: `../shared/data absent (${SHARED_DATA_DIR})` }, () => {});
    return;
  }
  describe(name, fn);
}
