// Loaded before every test file (`node --import ./scripts/test-tier-guard.mjs --test …`, see scripts/test.mjs).
// Under TEST_TIER=unit a test must stay pure: opening a database (SQLite or PostgreSQL), listening on a port or
// starting a process fails the test at once, with the name it should have. Other tiers: nothing happens.
import childProcess from 'node:child_process';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

if (process.env.TEST_TIER === 'unit') {
  const require = createRequire(import.meta.url);
  const refuse = (what, name) => {
    throw new Error(
      `Test unitaire : ${what}. Un fichier *.test.ts reste pur (ni base, ni serveur, ni processus) : ` +
        `renommez-le en ${name} (voir scripts/test-tiers.mjs), ou utilisez des données en mémoire.`,
    );
  };

  // better-sqlite3: every statement goes through prepare/exec/pragma (opening the file alone does nothing useful).
  try {
    const Database = require('better-sqlite3');
    for (const method of ['prepare', 'exec', 'pragma', 'transaction', 'backup']) {
      if (typeof Database.prototype[method] !== 'function') continue;
      Database.prototype[method] = function refused() {
        refuse('ouverture d’une base SQLite', '*.db.test.ts');
      };
    }
  } catch {}

  // pg: a client or a pool connects before any query.
  try {
    const pg = require('pg');
    const Client = pg.Client ?? pg.default?.Client;
    if (Client) {
      Client.prototype.connect = function refused() {
        refuse('connexion à PostgreSQL', '*.db.test.ts');
      };
    }
  } catch {}

  // A server on a port (fastify.listen, http.createServer().listen…). inject() needs no port but a database.
  net.Server.prototype.listen = function refused() {
    refuse('serveur à l’écoute sur un port', '*.http.test.ts');
  };

  // Processes (serve, the CLI, a browser). esbuild's own service process (tsx, the client build) stays allowed.
  for (const method of ['spawn', 'spawnSync', 'fork', 'exec', 'execFile', 'execSync', 'execFileSync']) {
    const original = childProcess[method];
    if (typeof original !== 'function') continue;
    childProcess[method] = function guarded(command, ...rest) {
      if (/esbuild/.test(String(command))) return original.call(this, command, ...rest);
      refuse(`lancement d’un processus (child_process.${method} ${String(command)})`, '*.http.test.ts');
    };
  }
  syncBuiltinESMExports();
}
