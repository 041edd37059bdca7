import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Dialect } from './index.ts';
import type { PortableMigration } from './schema.ts';

/** Runs every pending migration, in name order, on either database. Throws with the failing migration's name. */
export async function migrateToLatest(
  db: Kysely<any>,
  dialect: Dialect,
  migrations: Record<string, PortableMigration>,
): Promise<string[]> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(migrations)) out[name] = { up: (d) => m.up(d, dialect) };
      return out;
    },
  };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const where = failed ? ` (migration ${failed.migrationName})` : '';
    throw new Error(`Échec de la migration de la base${where} : ${(error as Error).message ?? error}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
