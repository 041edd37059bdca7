/** The commons commands of the `bibliotheque-ia` CLI. */
import { readFile, stat } from 'node:fs/promises';
import type { CurrentUser } from '../../platform/auth/user.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { type Command, UsageError } from '../../platform/module.ts';
import { MAX_PUBLICCODE_BYTES } from './publiccode.ts';
import type { CommonsServices } from './services/index.ts';

/** The command line acts as an administrator (recorded as nobody in the audit log). */
const CLI_ACTOR: CurrentUser = { id: 0, email: '', name: 'Ligne de commande', role: 'admin', memberships: [] };

export function commonsCommands(
  services: CommonsServices,
  out: (line: string) => void = (line) => console.log(line),
): Record<string, Command> {
  return {
    'commons:import-publiccode': {
      summary: 'Crée ou met à jour un commun depuis un fichier publiccode.yml',
      usage: 'commons:import-publiccode FICHIER [--mainteneur CODE_OU_SIREN]…',
      options: {
        mainteneur: {
          type: 'string',
          multiple: true,
          description: 'Organisme mainteneur d’un nouveau commun : son code (commune:44109) ou son SIREN',
        },
      },
      async run(values, positionals) {
        const file = positionals[0];
        if (!file) throw new UsageError('Indiquez le fichier publiccode.yml à importer.');
        let size: number;
        try {
          size = (await stat(file)).size;
        } catch {
          out(`Erreur : le fichier « ${file} » est introuvable.`);
          return 1;
        }
        // A huge file is refused before it is read (the parser says the same of a pasted text).
        if (size > MAX_PUBLICCODE_BYTES) {
          out(`Erreur : le fichier publiccode.yml pèse ${Math.ceil(size / 1024)} ko : 1 Mo au plus est accepté.`);
          return 1;
        }
        const data = await readFile(file);
        const maintainers = ([] as string[]).concat(values.mainteneur ?? []);
        try {
          const result = await services.publiccode.import(CLI_ACTOR, {
            data,
            maintainers: () =>
              services.writing.maintainersOf(CLI_ACTOR, { autres_mainteneurs: maintainers.join('\n') }),
          });
          out(
            `${result.created ? 'Commun créé' : 'Commun mis à jour'} : n° ${result.id} « ${result.reading.entry.name} » (/communs/${result.id})`,
          );
          out(`Clés reprises : ${result.reading.mapped.join(', ')}`);
          out(result.reading.notMapped.length ? 'Non repris :' : 'Tout le fichier a été repris.');
          for (const line of result.reading.notMapped) out(`  - ${line}`);
          return 0;
        } catch (e) {
          if (e instanceof ValidationError) {
            for (const message of Object.values(e.fields ?? {})) out(`Erreur : ${message}`);
            return 1;
          }
          throw e;
        }
      },
    },
  };
}
