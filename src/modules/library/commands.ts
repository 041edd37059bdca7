/**
 * The library's commands of `bibliotheque-ia`: export the published use cases, import an Interconnectés or PSTW
 * file, rebuild the search index. Same output as before the module list.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command, UsageError } from '../../platform/module.ts';
import type { ImportReport } from './services/import.ts';
import type { LibraryServices } from './services/index.ts';
import { EXPORT_FORMATS, type ExportFormat } from './services/open-data.ts';

function printReport(report: ImportReport) {
  const issues = (label: string, list: ImportReport['errors']) => {
    if (!list.length) return;
    console.log(`${label} (${list.length}) :`);
    for (const i of list.slice(0, 200))
      console.log(`  ligne ${i.line}${i.column ? `, colonne ${i.column}` : ''} : ${i.message}`);
    if (list.length > 200) console.log(`  … et ${list.length - 200} de plus`);
  };
  issues('Erreurs', report.errors);
  issues('Avertissements', report.warnings);
  if (report.errors.length) {
    console.log(`Le fichier contient des erreurs : rien n'a été enregistré (${report.rows} lignes lues).`);
    return;
  }
  console.log(
    `${report.dryRun ? 'Essai à blanc' : 'Import'} ${report.format} (${report.variant}) : ${report.rows} lignes, ` +
      `${report.created} fiches créées, ${report.updated} mises à jour, ${report.unchanged} inchangées ; ` +
      `organisations : ${report.organisationsMatched} reconnues, ${report.organisationsCreated} ajoutées ; ` +
      `${report.ms} ms (${Math.round((report.rows / Math.max(1, report.ms)) * 1000)} lignes/s).`,
  );
}

/** The commands, over the services of the module built for the command's database. */
export function libraryCommands(services: LibraryServices): Record<string, Command> {
  return {
    export: {
      summary: 'Écrit les fiches publiées (champs publics) dans le format demandé, comme la page « Données ouvertes ».',
      usage: 'export --format interconnectes|json|xlsx|ats [--out FICHIER]',
      options: {
        format: { type: 'string', description: 'interconnectes, json, xlsx ou ats' },
        out: {
          type: 'string',
          description: 'fichier de destination (sinon la sortie standard ; obligatoire pour xlsx)',
        },
      },
      async run(values) {
        const format = values.format as ExportFormat;
        if (!EXPORT_FORMATS.includes(format))
          throw new UsageError('--format doit valoir interconnectes, json, xlsx ou ats');
        if (format === 'xlsx' && !values.out) throw new UsageError('--out FICHIER est obligatoire pour le format xlsx');
        const file = await services.openData.exportFile(format);
        if (values.out) {
          writeFileSync(resolve(values.out), file.body);
          console.error(`${file.count} fiches écrites dans ${values.out}.`);
        } else process.stdout.write(file.body);
        return 0;
      },
    },
    import: {
      summary: 'Importe un fichier Interconnectés ou PSTW (idempotent ; rien n’est écrit si le fichier a une erreur).',
      usage: 'import --format interconnectes|pstw FICHIER [--dry-run] [--draft]',
      options: {
        format: { type: 'string', description: 'interconnectes ou pstw' },
        'dry-run': { type: 'boolean', description: 'vérifier le fichier sans rien enregistrer' },
        draft: { type: 'boolean', description: 'importer en brouillons à relire (sinon publiés)' },
      },
      async run(values, positionals) {
        const format = values.format;
        if (format !== 'interconnectes' && format !== 'pstw')
          throw new UsageError('--format doit valoir interconnectes ou pstw');
        const path = positionals[0];
        if (!path) throw new UsageError('indiquez le fichier à importer');
        const data = readFileSync(resolve(path));
        const report = await services.imports.importFile(
          null,
          { format, data, dryRun: !!values['dry-run'], asDraft: !!values.draft },
          { system: true },
        );
        printReport(report);
        return report.errors.length ? 1 : 0;
      },
    },
    'library:reindex': {
      summary: 'Reconstruit l’index de recherche des fiches publiées.',
      usage: 'library:reindex',
      async run() {
        await services.search.rebuild((line) => console.log(line));
        return 0;
      },
    },
  };
}
