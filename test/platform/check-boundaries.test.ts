// The import rule checked by `npm run check` (scripts/check-boundaries.mjs), on small trees written under .tmp/.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain JavaScript module of the tools, without types
import { importsOf, main } from '../../scripts/check-boundaries.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const trees: string[] = [];

/** Writes a tree of files under .tmp/ and returns its folder. */
function tree(files: Record<string, string>): string {
  const dir = join(ROOT, '.tmp', `boundaries-${randomBytes(4).toString('hex')}`);
  trees.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function check(dir: string): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = main(['--root', dir], (line: string) => lines.push(line));
  return { code, lines };
}

/** A house that follows every rule. */
const CLEAN: Record<string, string> = {
  'src/config.ts': 'export interface Config { port: number }\nexport function loadConfig() {}\n',
  'src/platform/platform.ts': "import type { Config } from '../config.ts';\nexport type P = Config;\n",
  'src/platform/util.ts': "import { type Config } from '../config.ts';\nexport const x = (c: Config) => c;\n",
  'src/modules/a/index.ts': "export { thing } from './store.ts';\nexport type { Row } from './store.ts';\n",
  'src/modules/a/store.ts': 'export const thing = 1;\nexport interface Row { id: number }\n',
  'src/modules/a/browser.ts': 'export const pure = 1;\n',
  'src/modules/a/store.test.ts':
    "import { thing } from './store.ts';\nimport { b } from '../b/index.ts';\nimport '../../../test/helpers/app.ts';\n",
  'src/modules/b/index.ts':
    "import { thing } from '../a/index.ts';\nimport type { Row } from '../a/index.ts';\nexport const b = thing;\nexport type R = Row;\n",
  'src/modules/index.ts': "import { b } from './b/index.ts';\nexport const modules = [b];\n",
  'src/server.ts': "import { modules } from './modules/index.ts';\nexport const s = modules;\n",
  'client/island.ts':
    "import { pure } from '../src/modules/a/browser.ts';\nimport { x } from '../src/platform/util.ts';\n",
  'test/helpers/app.ts': "import { thing } from '../../src/modules/a/index.ts';\nexport const app = thing;\n",
  'test/e2e/pages.test.ts': "import { pure } from '../../src/modules/a/browser.ts';\n",
};

after(() => {
  for (const dir of trees) rmSync(dir, { recursive: true, force: true });
});

describe('the boundary check', () => {
  it('passes a tree that follows the rules', () => {
    const { code, lines } = check(tree(CLEAN));
    assert.deepEqual(lines, ['Frontières des modules : aucune violation.']);
    assert.equal(code, 0);
  });

  it("fails on a module importing another module's internals, naming the file, the line and the target", () => {
    const dir = tree({
      ...CLEAN,
      'src/modules/b/service.ts': [
        '// A module that reaches into another one.',
        "import { thing } from '../a/index.ts';",
        "import { type Row } from '../a/store.ts';",
        'export const s = thing;',
      ].join('\n'),
    });
    const { code, lines } = check(dir);
    assert.equal(code, 1);
    assert.equal(lines.filter((l) => l.includes('→')).length, 1, lines.join('\n'));
    assert.match(lines[0]!, /^src\/modules\/b\/service\.ts:3 → src\/modules\/a\/store\.ts \(un module n'importe/);
  });

  it('fails on each kind of violation', () => {
    const dir = tree({
      ...CLEAN,
      // the platform reaches a module, and a value of the config
      'src/platform/bad.ts':
        "import { thing } from '../modules/a/index.ts';\nimport { loadConfig } from '../config.ts';\n",
      // a module imports the application
      'src/modules/a/wiring.ts': "import { s } from '../../server.ts';\n",
      // a module's test imports another module's internals
      'src/modules/b/b.test.ts': "import { thing } from '../a/store.ts';\n",
      // an island imports a module's index (server code) instead of its browser surface
      'client/bad.ts': "import { thing } from '../src/modules/a/index.ts';\n",
      // a test helper reaches into a module; a dynamic import counts too
      'test/helpers/factories.ts': "export const load = () => import('../../src/modules/a/store.ts');\n",
      // the module list wires an internal
      'src/modules/assemble.ts': "import { thing } from './a/store.ts';\n",
      // production code of a module imports test/
      'src/modules/b/seed.ts': "import { app } from '../../../test/helpers/app.ts';\n",
    });
    const { code, lines } = check(dir);
    assert.equal(code, 1);
    const found = lines.filter((l) => l.includes('→')).map((l) => l.replace(/ \(.*$/, ''));
    assert.deepEqual(found.sort(), [
      'client/bad.ts:1 → src/modules/a/index.ts',
      'src/modules/a/wiring.ts:1 → src/server.ts',
      'src/modules/assemble.ts:1 → src/modules/a/store.ts',
      'src/modules/b/b.test.ts:1 → src/modules/a/store.ts',
      'src/modules/b/seed.ts:1 → test/helpers/app.ts',
      'src/platform/bad.ts:1 → src/modules/a/index.ts',
      'src/platform/bad.ts:2 → src/config.ts',
      'test/helpers/factories.ts:1 → src/modules/a/store.ts',
    ]);
  });
});

describe('reading imports', () => {
  it('finds static, re-exported, side-effect and dynamic imports, with their lines, and type-only ones', () => {
    const source = [
      "import a from 'a';", // 1
      'import {', // 2
      '  type B,', // 3
      '  type C,', // 4
      "} from './types.ts';", // 5
      "import type { D } from './d.ts';", // 6
      "export { e } from './e.ts';", // 7
      "export * from './f.ts';", // 8
      "import './side.ts';", // 9
      "const g = await import('./g.ts');", // 10
      "import { h, type H } from './h.ts';", // 11
      "import * as i from './i.ts';", // 12
    ].join('\n');
    assert.deepEqual(
      importsOf(source).map((x: { specifier: string; line: number; typeOnly: boolean }) => [
        x.specifier,
        x.line,
        x.typeOnly,
      ]),
      [
        ['a', 1, false],
        ['./types.ts', 5, true],
        ['./d.ts', 6, true],
        ['./e.ts', 7, false],
        ['./f.ts', 8, false],
        ['./side.ts', 9, false],
        ['./g.ts', 10, false],
        ['./h.ts', 11, false],
        ['./i.ts', 12, false],
      ],
    );
  });

  it('ignores comments, strings, templates, regular expressions and French text in JSX', () => {
    const source = [
      "// import { x } from '../a/store.ts';",
      "/* export * from '../a/store.ts'; */",
      'const s = "import { x } from \'../a/store.ts\'";',
      "const t = `import('../a/store.ts') $" + "{1 + 1} from '../a/store.ts'`;",
      "const r = /from '..\\/a\\/store.ts'/;",
      "const page = <p>L'accessibilité d'abord</p>;",
      "import { ok } from './ok.ts';",
      'const u = Array.from(list);',
      'const meta = import.meta.url;',
    ].join('\n');
    assert.deepEqual(
      importsOf(source).map((x: { specifier: string; line: number }) => `${x.specifier}:${x.line}`),
      ['./ok.ts:7'],
    );
  });
});
