// bin/bibliotheque-ia.js runs the precompiled server only when it matches the sources (scripts/server-build-state.mjs):
// every file the bundle was made from is still there with the same size and modification time.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
// @ts-expect-error: a plain ES module of the build tools, without types.
import { serverBuildState } from '../../scripts/server-build-state.mjs';

const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** A repository with two sources and a build made from them. */
function builtRepository(): string {
  const root = mkdtempSync(join(tmpdir(), 'server-build-'));
  roots.push(root);
  mkdirSync(join(root, 'src'), { recursive: true });
  mkdirSync(join(root, 'build', 'server'), { recursive: true });
  writeFileSync(join(root, 'src', 'cli.ts'), 'export const main = () => 0;\n');
  writeFileSync(join(root, 'src', 'config.ts'), 'export const port = 3000;\n');
  writeFileSync(join(root, 'build', 'server', 'cli.js'), 'export const main = () => 0;\n');
  record(root, ['src/cli.ts', 'src/config.ts']);
  return root;
}

function record(root: string, paths: string[]) {
  const files = Object.fromEntries(
    paths.map((p) => {
      const { size, mtimeMs } = statSync(join(root, p));
      return [p, { size, mtimeMs }];
    }),
  );
  writeFileSync(join(root, 'build', 'server', 'inputs.json'), JSON.stringify({ files }));
}

test('a build made from the sources as they are is fresh, and names its entry', () => {
  const root = builtRepository();
  assert.deepEqual(serverBuildState(root), { fresh: true, entry: join(root, 'build', 'server', 'cli.js') });
});

test('an edited source makes the build stale, even at the same size, even with an older date', () => {
  const root = builtRepository();
  writeFileSync(join(root, 'src', 'config.ts'), 'export const port = 3001;\n');
  assert.deepEqual(serverBuildState(root), { fresh: false, reason: 'src/config.ts a changé' });

  const other = builtRepository();
  utimesSync(join(other, 'src', 'cli.ts'), new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'));
  assert.deepEqual(serverBuildState(other), { fresh: false, reason: 'src/cli.ts a changé' });
});

test('a deleted source, a missing bundle or a missing or broken list of inputs make it stale', () => {
  const deleted = builtRepository();
  rmSync(join(deleted, 'src', 'cli.ts'));
  assert.deepEqual(serverBuildState(deleted), { fresh: false, reason: 'src/cli.ts a disparu' });

  const noBundle = builtRepository();
  rmSync(join(noBundle, 'build', 'server', 'cli.js'));
  assert.deepEqual(serverBuildState(noBundle), { fresh: false, reason: 'aucune version construite' });

  const noList = builtRepository();
  rmSync(join(noList, 'build', 'server', 'inputs.json'));
  assert.deepEqual(serverBuildState(noList), { fresh: false, reason: 'aucune version construite' });

  const broken = builtRepository();
  writeFileSync(join(broken, 'build', 'server', 'inputs.json'), '{ "files": ');
  assert.equal(serverBuildState(broken).fresh, false);

  const empty = builtRepository();
  record(empty, []);
  assert.equal(serverBuildState(empty).fresh, false);
});
