/**
 * Open data: the published use cases (public fields only, through the presenter for an anonymous visitor) as
 * Interconnectés CSV (their layout), our own CSV for French offices (`;`, byte-order mark, dates at the time of Paris,
 * names beside codes, SIREN and INSEE code; `?separateur=virgule` for programs), JSON, typed XLSX and the Eurocities
 * algorithmic transparency standard (ATS), and the Atom feed of new and updated use cases. Files are rebuilt only when
 * the library changed (or after an hour). Every published use case is in every file: the Interconnectés export report
 * (`interconnectesReport`) lists the rows written with another identifier than a SIRET, and any row not written, with
 * why; the open-data page shows it.
 */
import { atomFeed } from '../../../platform/export/atom.ts';
import { CSV_CONTENT_TYPE, type CsvDialect, FRENCH_OFFICE, MACHINE, toCsv } from '../../../platform/export/csv.ts';
import { fillXlsxRow } from '../../../platform/export/xlsx.ts';
import { openDataFieldDocumentation } from '../fields.ts';
import { exportAts } from '../formats/ats.ts';
import { exportInterconnectes, type InterconnectesExport } from '../formats/interconnectes.ts';
import { ANONYMOUS, type PresentedUseCase, present } from '../model.ts';
import type { FeedEntry } from '../ports.ts';
import { themes } from '../reference.ts';
import { baseUrlOf, type LibraryContext, type Records, useCaseUrl } from './context.ts';
import { openDataHeader, openDataRow } from './open-data-rows.ts';

export type ExportFormat = 'interconnectes' | 'csv' | 'json' | 'xlsx' | 'ats';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['interconnectes', 'csv', 'json', 'xlsx', 'ats'];

/** What the Interconnectés file holds, for its export report and the open-data page. */
export interface InterconnectesReport {
  /** Published use cases. */
  published: number;
  /** Rows in the file (equal to `published` unless some are in `skipped`). */
  written: number;
  substituted: InterconnectesExport['substituted'];
  skipped: InterconnectesExport['skipped'];
}

export interface ExportFile {
  filename: string;
  contentType: string;
  body: string | Buffer;
  count: number;
  /** The Interconnectés file's report (that format only). */
  report?: InterconnectesReport;
}

/** The downloads of the « Données ouvertes » page, by file name. */
export const DOWNLOADS: Record<
  string,
  { format: ExportFormat | 'interconnectes-report'; label: string; description: string }
> = {
  'bibliotheque-ia-interconnectes.csv': {
    format: 'interconnectes',
    label: 'CSV au format de la bibliothèque des Interconnectés',
    description: 'Les 16 colonnes de leur fichier public, avec leurs noms ; valide selon leur schéma.',
  },
  'bibliotheque-ia.csv': {
    format: 'csv',
    label: 'CSV pour tableur (Excel, LibreOffice)',
    description:
      'Séparateur point-virgule, encodage UTF-8 avec marque d’ordre, dates à l’heure de Paris, noms des régions et ' +
      'départements à côté de leurs codes, SIREN, SIRET et code INSEE. Pour un programme : ajoutez ' +
      '« ?separateur=virgule » (virgule, sans marque d’ordre, dates ISO 8601).',
  },
  'bibliotheque-ia-interconnectes-rapport.json': {
    format: 'interconnectes-report',
    label: 'Rapport de l’export au format Interconnectés (JSON)',
    description:
      'Nombre de fiches publiées et de lignes écrites, et chaque ligne dont la colonne SIRET porte un autre ' +
      'identifiant (SIREN, code INSEE) ou aucun, avec la raison.',
  },
  'bibliotheque-ia.json': {
    format: 'json',
    label: 'JSON',
    description: 'Tous les champs publics, valeurs codées, avec la documentation des champs.',
  },
  'bibliotheque-ia.xlsx': {
    format: 'xlsx',
    label: 'Tableur (XLSX)',
    description: 'Une feuille des fiches (libellés en clair) et une feuille de documentation des champs.',
  },
  'bibliotheque-ia-ats.json': {
    format: 'ats',
    label: 'JSON du standard européen de transparence algorithmique (Eurocities)',
    description: 'Un enregistrement par fiche, avec les noms d’attributs du standard (version 0.3.1).',
  },
};

const LICENCE = {
  name: 'Licence Ouverte / Open Licence version 2.0',
  url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
};

/** How long an export file is served without looking at the library again. */
const EXPORT_CACHE_MS = 3600_000;

/** A path of this site (« /bibliotheque/… ») as an absolute address; absolute addresses are kept. */
const absoluteWith = (baseUrl: string) => (pathOrUrl: string) =>
  /^[a-z]+:/i.test(pathOrUrl) ? pathOrUrl : `${baseUrl}${pathOrUrl}`;
export function createOpenDataService({ platform, store, ports, records }: LibraryContext & { records: Records }) {
  const { clock } = platform;
  const baseUrl = baseUrlOf(platform);
  const url = (u: { id: number; slug: string }) => useCaseUrl(platform, u);
  const absolute = absoluteWith(baseUrl);
  /** Export files by format, with the change counter they reflect. */
  const cache = new Map<string, { seq: number; at: number; file: ExportFile }>();

  /** Every published use case presented to an anonymous visitor, in id order. */
  async function* publicUseCases(pageSize = 1000): AsyncGenerator<PresentedUseCase> {
    let after = 0;
    for (;;) {
      const rows = await store.publishedAfter(after, pageSize);
      if (!rows.length) return;
      for (const r of await records.records(rows)) {
        const p = present(r, ANONYMOUS);
        if (p) yield p;
      }
      after = rows[rows.length - 1]!.id;
    }
  }

  async function xlsx(useCases: PresentedUseCase[], stamp: string): Promise<ExportFile> {
    // Loaded on first use: exceljs costs ~0.4 s at start-up.
    const { default: ExcelJS } = await import('exceljs');
    const divisions = await ports.organisations.divisions();
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Bibliothèque IA des territoires';
    workbook.created = clock.now();
    const ws = workbook.addWorksheet('Fiches');
    const header = openDataHeader();
    ws.columns = header.map((h) => ({ header: h.label, width: h.width }));
    ws.getRow(1).font = { bold: true };
    // Typed cells: numbers as numbers, dates as dates (time of Paris), text as text.
    for (const s of useCases) fillXlsxRow(ws.addRow([]), openDataRow(s, url(s), divisions));
    const doc = workbook.addWorksheet('Champs');
    doc.columns = [
      { header: 'Champ', key: 'label', width: 36 },
      { header: 'Description', key: 'description', width: 70 },
      { header: 'Colonne Interconnectés', key: 'ic', width: 28 },
      { header: 'Attribut ATS (Eurocities)', key: 'ats', width: 28 },
    ];
    doc.getRow(1).font = { bold: true };
    for (const d of openDataFieldDocumentation()) {
      doc.addRow({
        label: d.label,
        description: d.description,
        ic: d.interconnectesColumn ?? '',
        ats: d.atsAttribute ?? '',
      });
    }
    return {
      filename: `bibliotheque-ia-${stamp}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: Buffer.from(await workbook.xlsx.writeBuffer()),
      count: useCases.length,
    };
  }

  /** Our own CSV: every public field, names beside codes, SIREN, SIRET and INSEE code, in a dialect. */
  async function csv(useCases: PresentedUseCase[], stamp: string, dialect: CsvDialect): Promise<ExportFile> {
    const divisions = await ports.organisations.divisions();
    const rows = [openDataHeader().map((h) => h.label), ...useCases.map((s) => openDataRow(s, url(s), divisions))];
    return {
      filename: `bibliotheque-ia-${stamp}.csv`,
      contentType: CSV_CONTENT_TYPE,
      body: toCsv(rows, dialect),
      count: useCases.length,
    };
  }

  /** Builds an export file of every published use case (public fields only). */
  async function build(format: ExportFormat, dialect: CsvDialect): Promise<ExportFile> {
    const useCases: PresentedUseCase[] = [];
    for await (const s of publicUseCases()) useCases.push(s);
    const stamp = clock.iso().slice(0, 10);
    switch (format) {
      case 'interconnectes': {
        // Their layout (comma, their column names), whatever the dialect asked for our own CSV.
        const out = exportInterconnectes(useCases, { bom: false, defaultLogoUrl: `${baseUrl}/favicon.svg` });
        return {
          filename: `bibliotheque-ia-interconnectes-${stamp}.csv`,
          contentType: CSV_CONTENT_TYPE,
          body: out.csv,
          count: out.count,
          report: {
            published: useCases.length,
            written: out.count,
            substituted: out.substituted,
            skipped: out.skipped,
          },
        };
      }
      case 'csv':
        return csv(useCases, stamp, dialect);
      case 'ats': {
        const out = exportAts(useCases, { sheetUrl: url, generatedAt: clock.iso() });
        return {
          filename: `bibliotheque-ia-ats-${stamp}.json`,
          contentType: 'application/json; charset=utf-8',
          body: JSON.stringify(out, null, 2),
          count: out.registrations.length,
        };
      }
      case 'json': {
        const body = {
          title: 'Bibliothèque IA des territoires — fiches publiées',
          licence: LICENCE,
          generated_at: clock.iso(),
          count: useCases.length,
          fields: openDataFieldDocumentation(),
          items: useCases.map((s) => ({
            id: s.id,
            url: url(s),
            organisation: s.organisation,
            published_at: s.publishedAt,
            updated_at: s.updatedAt,
            ...s.content,
          })),
        };
        return {
          filename: `bibliotheque-ia-${stamp}.json`,
          contentType: 'application/json; charset=utf-8',
          body: JSON.stringify(body, null, 2),
          count: useCases.length,
        };
      }
      case 'xlsx':
        return xlsx(useCases, stamp);
    }
  }

  return {
    /**
     * An export file, rebuilt only when the library changed since the last one (or after an hour). `dialect` applies
     * to our own CSV only (the Interconnectés file keeps its layout).
     */
    async exportFile(format: ExportFormat, dialect: CsvDialect = FRENCH_OFFICE): Promise<ExportFile> {
      const key = `${format}:${format === 'csv' && dialect === MACHINE ? 'machine' : 'office'}`;
      const seq = await store.currentSeq();
      const cached = cache.get(key);
      if (cached && cached.seq === seq && clock.millis() - cached.at < EXPORT_CACHE_MS) return cached.file;
      const file = await build(format, dialect);
      cache.set(key, { seq, at: clock.millis(), file });
      return file;
    },

    /** What the Interconnectés file holds: rows written, rows with another identifier, rows not written, and why. */
    async interconnectesReport(): Promise<InterconnectesReport> {
      return (await this.exportFile('interconnectes')).report!;
    },

    /** The downloads of the open-data page. */
    downloads: () =>
      Object.entries(DOWNLOADS).map(([name, e]) => ({
        href: `/donnees-ouvertes/${name}`,
        label: e.label,
        description: e.description,
      })),

    fields: openDataFieldDocumentation,

    /**
     * The same, read page by page (pooling's computation over every published sheet, in the server while it answers
     * requests: pages of 100, each a few milliseconds of synchronous reading and presenting, not a few hundred).
     */
    eachPublicUseCase: (): AsyncIterable<PresentedUseCase> => publicUseCases(100),

    /** Every published use case as an anonymous visitor sees it, in id order (other modules' network figures). */
    async publicUseCases(): Promise<PresentedUseCase[]> {
      const all: PresentedUseCase[] = [];
      for await (const p of publicUseCases()) all.push(p);
      return all;
    },

    /**
     * Atom feed of new and updated use cases (public fields only), with the entries other modules add through the
     * `feed` port (responsible AI: each published version of a transparency notice); the 50 most recent.
     */
    async feed(): Promise<string> {
      const rows = await store.recentlyPublished(50);
      const list = await records.records(rows);
      const sheets: FeedEntry[] = list
        .map((r) => present(r, ANONYMOUS)!)
        .map((s) => ({
          id: url(s),
          title: s.content.title ?? 'Sans titre',
          href: url(s),
          updated: s.updatedAt,
          published: s.publishedAt ?? null,
          author: s.organisation.name,
          category: s.content.theme ? { term: s.content.theme, label: themes.labelOf(s.content.theme) } : null,
          summary: s.content.summary ?? s.content.description ?? '',
        }));
      const others = ((await ports.feed?.entries(50)) ?? []).map((e) => ({
        ...e,
        id: absolute(e.id),
        href: absolute(e.href),
      }));
      const all = [...sheets, ...others].sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0));
      const recent = all.slice(0, 50);
      return atomFeed({
        title: 'Bibliothèque IA des territoires — fiches nouvelles et mises à jour',
        self: `${baseUrl}/bibliotheque/flux.atom`,
        alternate: `${baseUrl}/bibliotheque`,
        fallbackUpdated: clock.iso(),
        rights: LICENCE.name,
        entries: recent.map((e) => ({ ...e, link: e.href })),
      });
    },
  };
}

export type OpenDataService = ReturnType<typeof createOpenDataService>;
