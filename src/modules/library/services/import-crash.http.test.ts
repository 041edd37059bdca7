// An import killed with SIGKILL in the middle (the real command, `bibliotheque-ia import`, in its own process) leaves
// whole batches and a recorded state that says exactly how many rows are in the database; importing the same file
// again resumes after them, and every row ends up there exactly once. On both databases.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { createImportStateStore } from '../store/imports.ts';
import { libraryOf, person } from '../test-support.ts';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const ROWS = 4000;
const HEADER = 'Nom_collectivite,Nom_du_projet,SIRET,Statut_du_projet,Description_service';
const TEXT =
  'Un outil aide les agents à trier les demandes reçues chaque jour, et chaque proposition est relue avant envoi. ';

function file(): string {
  const lines = [HEADER];
  for (let i = 1; i <= ROWS; i++) {
    lines.push(`Ville de Paris,Projet interrompu ${i},21750001600019,En déploiement,"${TEXT.repeat(4)}"`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

describeEachApp('library imports: killed in the middle, resumed without loss or duplicate', (app) => {
  let admin: CurrentUser;

  test('a SIGKILL leaves whole batches and the state; the same file resumes after them', async () => {
    admin = await person(app(), 'admin@reseau.fr', 'admin');
    const text = file();
    const path = join(app().database.dir, 'interrompu.csv');
    writeFileSync(path, text);
    const sha256 = createHash('sha256').update(text).digest('hex');
    const db = app().server.platform.db;
    const states = createImportStateStore(db);

    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin', 'bibliotheque-ia.js'), 'import', '--format', 'interconnectes', path],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          LOG_LEVEL: 'warn',
          DATABASE_URL: app().database.url,
          DATA_DIR: app().database.dir,
          SESSION_SECRET: 'test-secret-test-secret-test-secret-0123456789',
          BASE_URL: 'http://localhost:3000',
        },
        stdio: 'ignore',
      },
    );
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // Killed as soon as a batch is recorded (and before the last one).
    let killedAt = 0;
    for (let i = 0; i < 6000 && child.exitCode === null; i++) {
      const state = await states.get('interconnectes', sha256);
      if (state && state.position > 0) {
        child.kill('SIGKILL');
        killedAt = state.position;
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    if (child.exitCode === null && !killedAt) child.kill('SIGKILL');
    await exited;
    assert.ok(killedAt > 0, 'au moins un lot écrit avant l’arrêt');

    const state = (await states.get('interconnectes', sha256))!;
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('use_cases')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('external_key', 'like', 'interconnectes:21750001600019:projet-interrompu-%')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const written = await count();
    assert.equal(state.status, 'running', 'arrêté au milieu');
    // All or nothing per batch: what is in the database is exactly what the state says.
    assert.equal(written, state.position);
    assert.ok(written >= killedAt && written < ROWS);

    const resumed = await libraryOf(app()).imports.importFile(admin, { format: 'interconnectes', data: text });
    assert.deepEqual(resumed.errors, []);
    assert.equal(resumed.resumedAfter, state.position);
    assert.equal(resumed.created + resumed.unchanged, ROWS);
    assert.equal(await count(), ROWS, 'chaque ligne une seule fois');
    assert.equal((await states.get('interconnectes', sha256))?.status, 'done');
  });
});
