/**
 * The inventory of public algorithms (CRPA L312-1-3) of one authority or of the whole network, in Etalab's layout
 * (formats/inventaire.ts), as CSV (the platform's one CSV writer) or XLSX: the published sheets as a visitor sees
 * them (public fields only). Files are rebuilt only when the library changed (or after an hour).
 */
import { CSV_CONTENT_TYPE, type CsvDialect, FRENCH_OFFICE, MACHINE, toCsv } from '../../../platform/export/csv.ts';
import { fillXlsxRow } from '../../../platform/export/xlsx.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { INVENTORY_COLUMNS, inventoryHeader, inventoryRow } from '../formats/inventaire.ts';
import { ANONYMOUS, type PresentedUseCase, present } from '../model.ts';
import { type LibraryContext, type Records, useCaseUrl } from './context.ts';
import type { ExportFile } from './open-data.ts';

const CACHE_MS = 3600_000;

export type InventoryFormat = 'csv' | 'xlsx';

export function createInventoryService({ platform, store, ports, records }: LibraryContext & { records: Records }) {
  const { clock } = platform;
  const cache = new Map<string, { seq: number; at: number; file: ExportFile }>();

  /** The organisation with this SIREN (404 with a French message when there is none). */
  async function authorityOf(siren: string): Promise<number> {
    const id = await ports.organisations.match({
      name: '',
      siret: null,
      siren,
      type: null,
      country: 'FR',
      foreign: false,
      sourceCategory: null,
    });
    if (id == null) throw notFound(`Aucune collectivité ni aucun organisme du réseau n’a le SIREN ${siren}.`);
    return id;
  }

  /** The published sheets (of one organisation, or all), presented to a visitor, in id order. */
  async function sheets(organisationId: number | null): Promise<PresentedUseCase[]> {
    const out: PresentedUseCase[] = [];
    let after = 0;
    for (;;) {
      const rows = await store.publishedAfter(after, 1000);
      if (!rows.length) return out;
      const mine = organisationId == null ? rows : rows.filter((r) => r.organisationId === organisationId);
      for (const r of await records.records(mine)) {
        const p = present(r, ANONYMOUS);
        if (p) out.push(p);
      }
      after = rows[rows.length - 1]!.id;
    }
  }

  async function build(format: InventoryFormat, dialect: CsvDialect, siren: string | null): Promise<ExportFile> {
    const organisationId = siren ? await authorityOf(siren) : null;
    const list = await sheets(organisationId);
    const rows = list.map((s) => inventoryRow(s, useCaseUrl(platform, s)));
    const stamp = clock.iso().slice(0, 10);
    const name = `inventaire-algorithmes${siren ? `-${siren}` : ''}-${stamp}`;
    if (format === 'csv') {
      return {
        filename: `${name}.csv`,
        contentType: CSV_CONTENT_TYPE,
        body: toCsv([inventoryHeader(), ...rows], dialect),
        count: list.length,
      };
    }
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Bibliothèque IA des territoires';
    workbook.created = clock.now();
    const ws = workbook.addWorksheet('Inventaire');
    ws.columns = INVENTORY_COLUMNS.map((c) => ({ header: c.label, width: c.width }));
    ws.getRow(1).font = { bold: true };
    for (const r of rows) fillXlsxRow(ws.addRow([]), r);
    return {
      filename: `${name}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: Buffer.from(await workbook.xlsx.writeBuffer()),
      count: list.length,
    };
  }

  return {
    /**
     * The inventory of the authority with SIREN `siren` (null: the whole network). An unknown SIREN is a 404 with
     * a French message.
     */
    async file(format: InventoryFormat, options: { dialect?: CsvDialect; siren?: string | null } = {}) {
      const dialect = options.dialect ?? FRENCH_OFFICE;
      const siren = options.siren ?? null;
      const key = `${format}:${dialect === MACHINE ? 'machine' : 'office'}:${siren ?? ''}`;
      const seq = await store.currentSeq();
      const cached = cache.get(key);
      if (cached && cached.seq === seq && clock.millis() - cached.at < CACHE_MS) return cached.file;
      const file = await build(format, dialect, siren);
      if (cache.size > 200) cache.clear();
      cache.set(key, { seq, at: clock.millis(), file });
      return file;
    },
  };
}

export type InventoryService = ReturnType<typeof createInventoryService>;
