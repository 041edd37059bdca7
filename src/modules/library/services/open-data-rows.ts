/**
 * The rows of our own open-data files (CSV for French offices or programs, XLSX): one row per published use case, its
 * organisation with its identifiers (SIREN, SIRET, INSEE code) and the names of its région and département beside
 * their codes, then every public field. Cells are typed (numbers, instants, calendar dates): the CSV writer writes
 * them per dialect, the XLSX writer as typed cells.
 */
import { type CsvValue, calendarDate } from '../../../platform/export/csv.ts';
import { type FieldDef, PUBLIC_FIELDS } from '../fields.ts';
import { displayValue, type PresentedUseCase } from '../model.ts';
import type { Divisions } from '../ports.ts';
import { authorityTypes } from '../reference.ts';

const ORGANISATION_COLUMNS = [
  { label: 'Identifiant', width: 10 },
  { label: 'Adresse', width: 40 },
  { label: 'Collectivité ou organisme', width: 30 },
  { label: 'Type d’organisme', width: 20 },
  { label: 'SIREN', width: 12 },
  { label: 'SIRET', width: 16 },
  { label: 'Code INSEE', width: 10 },
  { label: 'Code région', width: 8 },
  { label: 'Région', width: 24 },
  { label: 'Code département', width: 8 },
  { label: 'Département', width: 24 },
  { label: 'Publiée le', width: 16 },
  { label: 'Mise à jour le', width: 16 },
] as const;

/** Column titles and widths (XLSX). */
export function openDataHeader(): { label: string; width: number }[] {
  return [
    ...ORGANISATION_COLUMNS,
    ...PUBLIC_FIELDS.map((f) => ({ label: f.label, width: f.type === 'longtext' ? 60 : 24 })),
  ];
}

/** A public field as a typed cell: numbers stay numbers, full dates are dates, the rest the label people read. */
function fieldCell(field: FieldDef, value: unknown): CsvValue {
  if (value == null || value === '') return '';
  if ((field.type === 'number' || field.type === 'integer') && typeof value === 'number') return value;
  if (field.type === 'date' && typeof value === 'string') return calendarDate(value);
  return displayValue(field, value);
}

const instant = (iso: string | null | undefined): CsvValue => (iso ? new Date(iso) : '');

/** One use case as typed cells, in the order of `openDataHeader`. */
export function openDataRow(useCase: PresentedUseCase, url: string, divisions: Divisions): CsvValue[] {
  const org = useCase.organisation;
  const region = org.regionCode ?? '';
  const departement = org.departementCode ?? '';
  return [
    useCase.id,
    url,
    org.name,
    org.type ? authorityTypes.labelOf(org.type) : '',
    org.siren ?? '',
    org.siret ?? '',
    org.inseeCode ?? '',
    region,
    region ? (divisions.regions.get(region) ?? '') : '',
    departement,
    departement ? (divisions.departements.get(departement) ?? '') : '',
    instant(useCase.publishedAt),
    instant(useCase.updatedAt),
    ...PUBLIC_FIELDS.map((f) => fieldCell(f, (useCase.content as Record<string, unknown>)[f.key])),
  ];
}
