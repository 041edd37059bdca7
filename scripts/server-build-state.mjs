// Whether the precompiled server (build/server/cli.js, written by scripts/build-server.mjs) matches the sources.
// Read by bin/bibliotheque-ia.js at every start, so it imports node:fs and node:path only (no esbuild, no tsx: they
// would cost the memory that the build saves).
//
// build/server/inputs.json lists every file of the repository the bundle was made from (the esbuild metafile's inputs,
// plus the build script and tsconfig.json) with its size and modification time as read BEFORE bundling. The build is
// fresh when each of them is still there with the same size and time: an edited, deleted or checked-out source (an
// added one is imported by an edited one) makes it stale, and the command then runs the TypeScript sources through tsx.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const BUILD_DIR = join('build', 'server');
export const ENTRY = join(BUILD_DIR, 'cli.js');
export const INPUTS = join(BUILD_DIR, 'inputs.json');

/** `{ fresh: true, entry }` or `{ fresh: false, reason }` (French, for `build-server --if-stale` and diagnostics). */
export function serverBuildState(root) {
  const entry = join(root, ENTRY);
  if (!existsSync(entry) || !existsSync(join(root, INPUTS)))
    return { fresh: false, reason: 'aucune version construite' };
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(join(root, INPUTS), 'utf8'));
  } catch {
    return { fresh: false, reason: `${INPUTS} illisible` };
  }
  for (const [path, { size, mtimeMs }] of Object.entries(recorded.files ?? {})) {
    let stat;
    try {
      stat = statSync(join(root, path));
    } catch {
      return { fresh: false, reason: `${path} a disparu` };
    }
    if (stat.size !== size || stat.mtimeMs !== mtimeMs) return { fresh: false, reason: `${path} a changé` };
  }
  if (!Object.keys(recorded.files ?? {}).length) return { fresh: false, reason: `${INPUTS} vide` };
  return { fresh: true, entry };
}
