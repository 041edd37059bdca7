/**
 * Interconnectés CSV files (the « Bibliothèque IA territoriale » of Les Interconnectés): writing the 16-column public
 * file, with exactly their column names and their schema's vocabulary, from use cases presented to an anonymous
 * viewer (public fields only). Reading both layouts is interconnectes-reader.ts (re-exported here).
 */
import { INTERCONNECTES_PUBLIC_COLUMNS, type InterconnectesPublicColumn, type UseCaseContent } from '../fields.ts';
import type { PresentedUseCase } from '../model.ts';
import { INTERCONNECTES_VALUES, subThemes } from '../reference.ts';
import { toCsv } from './csv.ts';

export {
  createInterconnectesReader,
  detectVariant,
  type InterconnectesVariant,
  inferDayOrder,
  parseInterconnectes,
  readDateCell,
} from './interconnectes-reader.ts';

/** ISO partial date -> « MM/AAAA » (month) or « JJ/MM/AAAA » (day); a year alone becomes « 01/AAAA ». */
export function writeDateCell(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  if (d) return `${d}/${m}/${y}`;
  if (m) return `${m}/${y}`;
  return `01/${y}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing the 16-column public file
// ---------------------------------------------------------------------------------------------------------------

export interface InterconnectesExportOptions {
  /** Image used when neither the use case nor its organisation has one (their schema requires `URL_Logo`). */
  defaultLogoUrl?: string;
  /** UTF-8 byte-order mark for spreadsheet software. */
  bom?: boolean;
}

export interface InterconnectesExport {
  csv: string;
  /** Rows written: one per use case given, always. */
  count: number;
  /**
   * Rows whose `SIRET` column holds another identifier (their schema's column is named SIRET, but many public bodies
   * have no SIRET known here): the SIREN, else the INSEE code, else nothing — each with the reason, for the export
   * report and the open-data page.
   */
  substituted: { id: number; title: string; organisation: string; identifier: IdentifierKind; reason: string }[];
  /** Use cases whose row could not be built (a value the writer cannot read), and why: listed, never silent. */
  skipped: { id: number; title: string; reason: string }[];
}

export type IdentifierKind = 'SIRET' | 'SIREN' | 'code INSEE' | 'aucun';

/** The best identifier known for a body: its SIRET, else its SIREN, else its INSEE code (digits only for the first two). */
export function bestIdentifier(org: PresentedUseCase['organisation']): { kind: IdentifierKind; value: string } {
  const siret = (org.siret ?? '').replace(/\s/g, '');
  if (/^\d{14}$/.test(siret)) return { kind: 'SIRET', value: siret };
  const siren = (org.siren ?? '').replace(/\s/g, '') || (/^\d{9}/.test(siret) ? siret.slice(0, 9) : '');
  if (/^\d{9}$/.test(siren)) return { kind: 'SIREN', value: siren };
  const insee = (org.inseeCode ?? '').trim();
  if (/^[0-9AB]{2,5}$/.test(insee)) return { kind: 'code INSEE', value: insee };
  return { kind: 'aucun', value: '' };
}

const SUBSTITUTION_REASONS: Record<Exclude<IdentifierKind, 'SIRET'>, string> = {
  SIREN: 'SIRET inconnu : la colonne SIRET porte le SIREN de l’organisme.',
  'code INSEE': 'SIRET et SIREN inconnus : la colonne SIRET porte le code INSEE de l’organisme.',
  aucun: 'Aucun identifiant connu (organisme hors de France ou sans SIRET, SIREN ni code INSEE) : colonne SIRET vide.',
};

function joinCodes(codes: readonly string[] | undefined, labels: Readonly<Record<string, string>>): string {
  return (codes ?? [])
    .map((c) => labels[c] ?? '')
    .filter(Boolean)
    .join(', ');
}

/** One row of the public file from a use case presented to an anonymous viewer. */
export function interconnectesRow(
  useCase: PresentedUseCase,
  options: InterconnectesExportOptions = {},
): Record<InterconnectesPublicColumn, string> {
  const c: Partial<UseCaseContent> = useCase.content;
  const org = useCase.organisation;
  const latitude = c.latitude ?? org.latitude ?? null;
  const longitude = c.longitude ?? org.longitude ?? null;
  const hasPoint = latitude != null && longitude != null;
  return {
    Nom_collectivite: org.name,
    Nom_du_projet: c.title ?? '',
    SIRET: bestIdentifier(org).value,
    Latitude: hasPoint ? String(latitude) : '',
    Longitude: hasPoint ? String(longitude) : '',
    Type_de_collectivite: INTERCONNECTES_VALUES.authorityTypes[org.type ?? 'autre'],
    Date_de_demarrage: writeDateCell(c.startDate),
    Statut_du_projet: c.projectStatus ? INTERCONNECTES_VALUES.projectStatuses[c.projectStatus] : '',
    Partenaires: c.partners ?? '',
    Description_service: c.description ?? '',
    Theme: c.theme ? INTERCONNECTES_VALUES.themes[c.theme] : '',
    Sous_Theme: (c.subThemes ?? []).map((s) => subThemes.labelOf(s)).join(', '),
    Audience: joinCodes(c.audiences, INTERCONNECTES_VALUES.audiences),
    URL_Service: c.serviceUrl ?? '',
    URL_Logo: c.logoUrl ?? org.logoUrl ?? options.defaultLogoUrl ?? '',
    Date_de_derniere_mise_a_jour: writeDateCell(c.infoUpdatedOn ?? useCase.updatedAt.slice(0, 10)),
  };
}

/**
 * Writes the Interconnectés 16-column public file (their layout: comma, their column names): one row per use case,
 * with the best identifier known in the SIRET column (`bestIdentifier`); every row that holds something else than a
 * SIRET is in `substituted`, every row that could not be written in `skipped`, each with why. Takes use cases
 * presented to an anonymous viewer and refuses any other presentation, so that only public fields can be written.
 */
export function exportInterconnectes(
  useCases: readonly PresentedUseCase[],
  options: InterconnectesExportOptions = {},
): InterconnectesExport {
  const rows: string[][] = [[...INTERCONNECTES_PUBLIC_COLUMNS]];
  const substituted: InterconnectesExport['substituted'] = [];
  const skipped: InterconnectesExport['skipped'] = [];
  for (const useCase of useCases) {
    if (useCase.access !== 'public') {
      throw new Error('Export Interconnectés : les fiches doivent être présentées pour un visiteur anonyme.');
    }
    let row: Record<InterconnectesPublicColumn, string>;
    try {
      row = interconnectesRow(useCase, options);
    } catch (e) {
      skipped.push({
        id: useCase.id,
        title: useCase.content.title ?? '',
        reason: `Ligne impossible à écrire : ${e instanceof Error ? e.message : String(e)}`,
      });
      continue;
    }
    const identifier = bestIdentifier(useCase.organisation);
    if (identifier.kind !== 'SIRET') {
      substituted.push({
        id: useCase.id,
        title: useCase.content.title ?? '',
        organisation: useCase.organisation.name,
        identifier: identifier.kind,
        reason: SUBSTITUTION_REASONS[identifier.kind],
      });
    }
    rows.push(INTERCONNECTES_PUBLIC_COLUMNS.map((col) => row[col]));
  }
  return { csv: toCsv(rows, { bom: options.bom }), count: rows.length - 1, substituted, skipped };
}
