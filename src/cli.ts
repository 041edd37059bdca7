import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { migrations } from './migrations/index.ts';
import { createModules } from './modules/index.ts';
import { backupDatabase, restoreDatabase } from './platform/db/backup.ts';
import { openDatabase } from './platform/db/index.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { type Command, UsageError } from './platform/module.ts';
import { createPlatform } from './platform/platform.ts';
import { buildServer } from './server.ts';

export { type Command, UsageError };

/** Opens the configured database, migrates it and builds every module, for commands that act on data. */
export async function withModules<T>(
  fn: (ctx: { platform: ReturnType<typeof createPlatform>; modules: ReturnType<typeof createModules> }) => Promise<T>,
) {
  const config = loadConfig();
  const handle = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(handle.db, handle.dialect, migrations);
    const platform = createPlatform(config, handle);
    const modules = createModules(platform);
    try {
      return await fn({ platform, modules });
    } finally {
      await modules.close();
    }
  } finally {
    await handle.close();
  }
}

/** The platform's own commands (serve, migrate, seed, backup, restore). */
const builtinCommands: Record<string, Command> = {
  serve: {
    summary: 'Démarre le site web (migrations et contenu de démonstration compris).',
    usage: 'serve [--port N]',
    options: { port: { type: 'string', description: "port d'écoute (sinon PORT, ou 3000)" } },
    async run(values) {
      const started = performance.now();
      const config = loadConfig(values.port ? { ...process.env, PORT: values.port } : process.env);
      const server = await buildServer(config);
      await server.app.listen({ port: config.port, host: config.host });
      const ms = Math.round(performance.now() - started);
      const rss = Math.round(process.memoryUsage().rss / 1048576);
      console.log(`Bibliothèque IA des territoires : ${config.baseUrl} (démarré en ${ms} ms, ${rss} Mo en mémoire)`);
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return new Promise<number>(() => {});
    },
  },
  migrate: {
    summary: 'Applique les migrations en attente à la base configurée (DATABASE_URL).',
    usage: 'migrate',
    async run() {
      const config = loadConfig();
      const handle = openDatabase(config.databaseUrl);
      try {
        const applied = await migrateToLatest(handle.db, handle.dialect, migrations);
        console.log(applied.length ? `Migrations appliquées : ${applied.join(', ')}` : 'La base est déjà à jour.');
      } finally {
        await handle.close();
      }
      return 0;
    },
  },
  seed: {
    summary: 'Charge le code géographique officiel et, si demandé, le contenu de démonstration.',
    usage: 'seed [--no-demo]',
    options: { 'no-demo': { type: 'boolean', description: 'ne charger que les données de référence' } },
    async run(values) {
      await withModules(async ({ modules }) => {
        await modules.seed({ demo: !values['no-demo'], log: (line) => console.log(line) });
      });
      return 0;
    },
  },
  backup: {
    summary:
      'Copie cohérente de la base en cours de fonctionnement (API de sauvegarde SQLite, ou pg_dump), lisible par son seul propriétaire.',
    usage: 'backup --out FICHIER',
    options: { out: { type: 'string', description: 'fichier de destination' } },
    async run(values) {
      if (!values.out) throw new UsageError('--out FICHIER est obligatoire');
      const out = resolve(values.out);
      mkdirSync(dirname(out), { recursive: true });
      const config = loadConfig();
      await backupDatabase(config.databaseUrl, out);
      console.log(`Sauvegarde écrite : ${out}`);
      return 0;
    },
  },
  restore: {
    summary:
      'Restaure une sauvegarde (faite par backup) dans la base configurée, qui doit être vide sauf avec --force.',
    usage: 'restore --in FICHIER [--force]',
    options: {
      in: { type: 'string', description: 'fichier de sauvegarde (SQLite, ou pg_dump au format custom)' },
      force: {
        type: 'boolean',
        description: 'remplace le contenu d’une base qui n’est pas vide (arrêtez le site avant)',
      },
    },
    async run(values) {
      if (!values.in) throw new UsageError('--in FICHIER est obligatoire');
      const config = loadConfig();
      const tables = await restoreDatabase(config.databaseUrl, resolve(values.in), { force: !!values.force });
      const handle = openDatabase(config.databaseUrl);
      try {
        const applied = await migrateToLatest(handle.db, handle.dialect, migrations);
        if (applied.length) console.log(`Migrations appliquées après la restauration : ${applied.join(', ')}`);
      } finally {
        await handle.close();
      }
      console.log(`Sauvegarde restaurée : ${tables} tables.`);
      return 0;
    },
  },
};

/**
 * The commands of every module definition. They are listed from modules built on a throw-away in-memory database
 * (a module factory never touches the database), and run from modules built on the configured one.
 */
async function moduleCommands(): Promise<Record<string, Command>> {
  const handle = openDatabase('sqlite::memory:');
  try {
    const platform = createPlatform(
      loadConfig({ DATABASE_URL: 'sqlite::memory:', SESSION_SECRET: 'x'.repeat(32) }),
      handle,
    );
    return createModules(platform).commands;
  } finally {
    await handle.close();
  }
}

async function allCommands(): Promise<Record<string, Command>> {
  const fromModules = await moduleCommands();
  const out: Record<string, Command> = { ...builtinCommands };
  for (const [name, command] of Object.entries(fromModules)) {
    out[name] = {
      ...command,
      // The listed command is bound to the throw-away modules: run the same command of the real ones.
      run: (values, positionals) =>
        withModules(async ({ modules }) => {
          const real = modules.commands[name];
          if (!real) throw new Error(`commande absente des modules : ${name}`);
          return real.run(values, positionals);
        }),
    };
  }
  return out;
}

function helpFor(name: string, command: Command): string {
  const lines = [`Usage : bibliotheque-ia ${command.usage}`, '', command.summary];
  const opts = Object.entries(command.options ?? {});
  if (opts.length) {
    lines.push('', 'Options :');
    for (const [key, o] of opts) lines.push(`  --${key}${o.type === 'string' ? ' VALEUR' : ''}  ${o.description}`);
  }
  lines.push('  --help  affiche cette aide');
  void name;
  return lines.join('\n');
}

function globalHelp(commands: Record<string, Command>): string {
  const width = Math.max(...Object.keys(commands).map((k) => k.length));
  return [
    'Usage : bibliotheque-ia <commande> [options]',
    '',
    'Commandes :',
    ...Object.entries(commands).map(([k, c]) => `  ${k.padEnd(width)}  ${c.summary}`),
    '',
    "Aide d'une commande : bibliotheque-ia <commande> --help",
    "Configuration : variables d'environnement PORT, DATABASE_URL, BASE_URL, SMTP_URL, SESSION_SECRET, SEED_DEMO (voir README).",
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  // A platform command (serve above all) needs no list of the modules' commands: it builds the modules once, itself.
  const commands = name && Object.hasOwn(builtinCommands, name) ? builtinCommands : await allCommands();
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(globalHelp(commands));
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Commande inconnue : « ${name} ».\n\n${globalHelp(commands)}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(helpFor(name, command));
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: Object.fromEntries(
        Object.entries(command.options ?? {}).map(([k, o]) => [
          k,
          { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
    return await command.run(values, positionals);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 78;
    }
    if (e instanceof UsageError || (e as any).code?.startsWith?.('ERR_PARSE_ARGS')) {
      console.error(`Erreur : ${(e as Error).message}\n\n${helpFor(name, command)}`);
      return 2;
    }
    console.error(`Erreur : ${(e as Error).message}`);
    return 1;
  }
}
