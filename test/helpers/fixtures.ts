// Files written by us under test/fixtures/, in the layouts of the real public files (Interconnectés, PSTW): the
// ordinary tests read these, so that a plain clone passes. The real files are read by the *.shared.test.ts files
// (test/helpers/shared-data.ts). test/fixtures/README.md says what each file is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of test/fixtures/. */
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** The absolute path of a fixture, e.g. fixtureFile('pstw/landscape.csv'). */
export function fixtureFile(relative: string): string {
  return join(FIXTURES_DIR, relative);
}

/** The bytes of a fixture (for the readers that decode Windows-1252 themselves). */
export function fixtureBytes(relative: string): Buffer {
  return readFileSync(fixtureFile(relative));
}

/** The text of a UTF-8 fixture. */
export function fixtureText(relative: string): string {
  return readFileSync(fixtureFile(relative), 'utf8');
}
