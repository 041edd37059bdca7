// Real `serve` processes for the tests and benchmarks that need one (durability, scale-out, bench/):
// `node bin/bibliotheque-ia.js serve` on a free port of 127.0.0.1, started and stopped like an operator would.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (test/helpers/../..). */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A TCP port free on 127.0.0.1 at the time of the call. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** Milliseconds from spawn to the first 200 on the readiness path. */
  readyMs: number;
  /** What the server printed on stdout/stderr so far. */
  output(): string;
  /** The exit code once the process has ended (-1 when killed by a signal), null while it runs. */
  exitCode(): number | null;
  /** SIGTERM, then SIGKILL after 10 s if the process is still there; resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * The Node flags of `npm start` (package.json `scripts.start`), so that tests and benchmarks run the server exactly
 * as it is shipped (heap limit included).
 */
export function startNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const match = /^node\s+(.*?)\s*bin\/bibliotheque-ia\.js serve$/.exec(pkg.scripts?.start ?? '');
  if (!match) throw new Error(`package.json scripts.start a une forme inattendue : « ${pkg.scripts?.start} »`);
  return match[1] ? match[1].split(/\s+/) : [];
}

/**
 * Spawns `node bin/bibliotheque-ia.js serve` (the real command) on a free port and waits until `readyPath` answers
 * 200. The process gets NODE_ENV=production, LOG_LEVEL=warn, PORT, HOST and BASE_URL; `env` adds to (or overrides)
 * that: DATABASE_URL, DATA_DIR, SESSION_SECRET… Throws with the server's output if it exits or is not ready in time
 * (then it is killed).
 */
export async function spawnServe(options: {
  env: Record<string, string>;
  readyPath?: '/healthz' | '/readyz';
  timeoutMs?: number;
}): Promise<ServeProcess> {
  const readyPath = options.readyPath ?? '/healthz';
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const started = performance.now();
  // BENCH_SERVE_CPU_PROF=<dir> (benchmarks): the server writes a CPU profile there when it stops.
  const prof = process.env.BENCH_SERVE_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVE_CPU_PROF}`]
    : [];
  const child = spawn(
    process.execPath,
    [...startNodeFlags(), ...prof, join(ROOT, 'bin', 'bibliotheque-ia.js'), 'serve'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        HOST: '127.0.0.1',
        BASE_URL: url,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', (d) => {
    output += d;
  });
  child.stderr!.on('data', (d) => {
    output += d;
  });
  let exited: number | null = null;
  child.on('exit', (code) => {
    exited = code ?? -1;
  });
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (exited !== null) throw new Error(`serve s'est arrêté (code ${exited}) avant d'être prêt :\n${output}`);
    try {
      if ((await fetch(`${url}${readyPath}`)).status === 200) break;
    } catch {}
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`serve n'a pas répondu sur ${url}${readyPath} à temps :\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return {
    url,
    child,
    readyMs: performance.now() - started,
    output: () => output,
    exitCode: () => exited,
    async stop() {
      if (exited !== null) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      });
    },
  };
}
