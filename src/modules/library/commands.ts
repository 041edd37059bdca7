/**
 * The library's commands of `bibliotheque-ia`: export the published use cases, import an Interconnectés or PSTW
 * file, rebuild the search index. Same output as before the module list.
 */

import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { csvDialectOf } from '../../platform/export/csv.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { type Command, UsageError } from '../../platform/module.ts';
import { parseSiren } from './formats/inventaire.ts';
import type { ImportReport } from './services/import.ts';
import type { LibraryServices } from './services/index.ts';
import { EXPORT_FORMATS, type ExportFormat } from './services/open-data.ts';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

/** The report of an import, in French; a dry run says what « would be » done, with the same counts. */
export function importReportLines(report: ImportReport): string[] {
  const out: string[] = [];
  const issues = (label: string, list: ImportReport['errors'], total: number) => {
    if (!total) return;
    out.push(`${label} (${total}) :`);
    for (const i of list.slice(0, 200)) {
      out.push(`  ligne ${i.line}${i.column ? `, colonne ${i.column}` : ''} : ${i.message}`);
    }
    if (total > 200) out.push(`  … et ${total - 200} de plus`);
  };
  issues('Erreurs', report.errors, report.errorCount);
  issues('Avertissements', report.warnings, report.warningCount);
  if (report.errorCount) {
    out.push(`Le fichier contient des erreurs : rien n’a été enregistré (${report.rows} lignes lues).`);
    return out;
  }
  const would = report.dryRun;
  const verb = (done: string, conditional: string) => (would ? conditional : done);
  if (report.resumedAfter) {
    out.push(
      `Reprise d’un import interrompu du même fichier : ${plural(report.resumedAfter, 'ligne déjà écrite', 'lignes déjà écrites')}.`,
    );
  }
  /** « 3 créées » / « 3 seraient créées », « 1 créée » / « 1 serait créée ». */
  const n = (count: number, one: string, many: string, wouldOne: string, wouldMany: string) =>
    `${count.toLocaleString('fr-FR')} ${would ? (count > 1 ? wouldMany : wouldOne) : count > 1 ? many : one}`;
  out.push(
    `${would ? 'Essai à blanc' : 'Import'} ${report.format} (${report.variant}) : ${plural(report.rows, 'ligne', 'lignes')} ; ` +
      `fiches : ${n(report.created, 'créée', 'créées', 'serait créée', 'seraient créées')}, ` +
      `${n(report.updated, 'mise à jour', 'mises à jour', 'serait mise à jour', 'seraient mises à jour')}, ` +
      `${n(report.unchanged, 'inchangée', 'inchangées', 'resterait inchangée', 'resteraient inchangées')} ; ` +
      `organisations : ${n(report.organisationsMatched, 'reconnue', 'reconnues', 'serait reconnue', 'seraient reconnues')}, ` +
      `${n(report.organisationsCreated, 'créée', 'créées', 'serait créée', 'seraient créées')} ; ` +
      `${report.ms} ms (${Math.round((report.rows / Math.max(1, report.ms)) * 1000)} lignes/s).`,
  );
  if (report.newOrganisations.length) {
    out.push(`Organisations ${verb('créées', 'qui seraient créées')} :`);
    for (const o of report.newOrganisations) out.push(`  ligne ${o.line} : ${o.name}`);
  }
  if (report.approximateMatches.length) {
    out.push(`Organisations ${verb('reconnues', 'qui seraient reconnues')} par leur nom (à vérifier) :`);
    for (const m of report.approximateMatches) {
      out.push(`  ligne ${m.line} : « ${m.name} » → « ${m.matchedName} » (${m.reason})`);
    }
  }
  if (report.siretsKept) {
    out.push(
      `SIRET du fichier ${verb('gardés', 'qui seraient gardés')} sur des collectivités qui n’en avaient pas : ${report.siretsKept}.`,
    );
  }
  if (report.leftInPlaceCount) {
    out.push(
      `${plural(report.leftInPlaceCount, 'fiche laissée', 'fiches laissées')} à leur organisation actuelle alors que le fichier en nomme une autre (--deplacer pour les déplacer) :`,
    );
    for (const l of report.leftInPlace.slice(0, 200))
      out.push(`  ligne ${l.line} : « ${l.title} » (fichier : ${l.fileOrganisation})`);
  }
  return out;
}

/** `export --format inventaire`: the inventory of public algorithms, of the network or of one authority. */
async function exportInventory(services: LibraryServices, values: Record<string, any>): Promise<number> {
  let siren: string | null = null;
  if (values.authority !== undefined) {
    siren = parseSiren(String(values.authority));
    if (!siren) {
      throw new UsageError(
        `--authority doit être le SIREN d’une collectivité (9 chiffres) : « ${values.authority} » n’en est pas un`,
      );
    }
  }
  if (values.separateur !== undefined && values.separateur !== 'virgule' && values.separateur !== 'point-virgule')
    throw new UsageError('--separateur doit valoir virgule ou point-virgule');
  const format = typeof values.out === 'string' && /\.xlsx$/i.test(values.out) ? 'xlsx' : 'csv';
  let file: Awaited<ReturnType<LibraryServices['inventory']['file']>>;
  try {
    file = await services.inventory.file(format, {
      dialect: csvDialectOf({ separateur: values.separateur as string | undefined }),
      siren,
    });
  } catch (e) {
    if (e instanceof HttpError && e.status === 404) {
      console.error(`Erreur : ${e.message}`);
      return 1;
    }
    throw e;
  }
  if (values.out) {
    writeFileSync(resolve(values.out), file.body);
    console.error(`Inventaire : ${file.count} fiches écrites dans ${values.out}.`);
  } else process.stdout.write(file.body);
  return 0;
}

/** The commands, over the services of the module built for the command's database. */
export function libraryCommands(services: LibraryServices): Record<string, Command> {
  return {
    export: {
      summary: 'Écrit les fiches publiées (champs publics) dans le format demandé, comme la page « Données ouvertes ».',
      usage:
        'export --format interconnectes|csv|json|xlsx|ats|inventaire [--authority SIREN] [--separateur virgule] [--out FICHIER]',
      options: {
        format: {
          type: 'string',
          description:
            'interconnectes, csv (pour tableur), json, xlsx, ats, ou inventaire (inventaire des algorithmes publics, ' +
            'article L312-1-3 du CRPA, colonnes de la fiche pratique d’Etalab ; XLSX si --out finit par .xlsx)',
        },
        authority: {
          type: 'string',
          description: 'inventaire : le SIREN d’une seule collectivité (sinon tout le réseau)',
        },
        separateur: {
          type: 'string',
          description: 'csv : « virgule » pour les programmes (sinon point-virgule, pour les tableurs français)',
        },
        out: {
          type: 'string',
          description: 'fichier de destination (sinon la sortie standard ; obligatoire pour xlsx)',
        },
      },
      async run(values) {
        if (values.format === 'inventaire') return exportInventory(services, values);
        if (values.authority !== undefined) throw new UsageError('--authority ne vaut que pour --format inventaire');
        const format = values.format as ExportFormat;
        if (!EXPORT_FORMATS.includes(format))
          throw new UsageError('--format doit valoir interconnectes, csv, json, xlsx, ats ou inventaire');
        if (format === 'xlsx' && !values.out) throw new UsageError('--out FICHIER est obligatoire pour le format xlsx');
        if (values.separateur !== undefined && values.separateur !== 'virgule' && values.separateur !== 'point-virgule')
          throw new UsageError('--separateur doit valoir virgule ou point-virgule');
        const file = await services.openData.exportFile(
          format,
          csvDialectOf({ separateur: values.separateur as string | undefined }),
        );
        if (values.out) {
          writeFileSync(resolve(values.out), file.body);
          console.error(`${file.count} fiches écrites dans ${values.out}.`);
        } else process.stdout.write(file.body);
        // The Interconnectés report: rows whose SIRET column holds another identifier, rows not written.
        for (const r of file.report?.substituted ?? [])
          console.error(`Fiche ${r.id} (${r.organisation}) : ${r.reason}`);
        for (const r of file.report?.skipped ?? []) console.error(`Fiche ${r.id} non écrite : ${r.reason}`);
        return 0;
      },
    },
    import: {
      summary:
        'Importe un fichier Interconnectés ou PSTW, lu en flux (idempotent ; rien n’est écrit si le fichier a une erreur ; un import interrompu reprend où il en était).',
      usage: 'import --format interconnectes|pstw FICHIER [--dry-run] [--draft] [--deplacer] [--homonymes]',
      options: {
        format: { type: 'string', description: 'interconnectes ou pstw' },
        'dry-run': {
          type: 'boolean',
          description: 'vérifier le fichier et dire ce qui serait fait, sans rien enregistrer',
        },
        draft: { type: 'boolean', description: 'importer en brouillons à relire (sinon publiés)' },
        deplacer: {
          type: 'boolean',
          description:
            'rattacher les fiches existantes à l’organisation que nomme le fichier (sinon elles restent où elles sont)',
        },
        homonymes: {
          type: 'boolean',
          description: 'créer une organisation même si une autre porte le même nom dans le même département',
        },
      },
      async run(values, positionals) {
        const format = values.format;
        if (format !== 'interconnectes' && format !== 'pstw')
          throw new UsageError('--format doit valoir interconnectes ou pstw');
        const path = positionals[0];
        if (!path) throw new UsageError('indiquez le fichier à importer');
        const file = resolve(path);
        if (!existsSync(file)) throw new UsageError(`fichier introuvable : ${file}`);
        const report = await services.imports.importFile(
          null,
          {
            format,
            open: () => createReadStream(file, { highWaterMark: 1 << 20 }),
            dryRun: !!values['dry-run'],
            asDraft: !!values.draft,
            rehome: !!values.deplacer,
            allowHomonyms: !!values.homonymes,
          },
          { system: true },
        );
        for (const line of importReportLines(report)) console.log(line);
        return report.errorCount ? 1 : 0;
      },
    },
    'library:logos': {
      summary:
        'Met en file la récupération des logos des fiches qui n’en ont pas encore de copie (après une mise à jour, ou quand le site était injoignable).',
      usage: 'library:logos',
      async run() {
        const { addresses, queued } = await services.logos.queueMissing();
        console.log(
          `${plural(addresses, 'adresse de logo', 'adresses de logo')} dans les fiches ; ${plural(queued, 'récupération mise', 'récupérations mises')} en file.`,
        );
        return 0;
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
