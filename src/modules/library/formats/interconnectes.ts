/**
 * Interconnectés CSV files (the « Bibliothèque IA territoriale » of Les Interconnectés):
 * - reading both layouts, recognised by their header: the 16-column public file (`data.csv`, column names of their
 *   `schema.json`) and the 27-column full model (`beta-full-model.csv`); any subset of their schema's columns is read;
 * - writing the 16-column public file, with exactly their column names and their schema's vocabulary, from use cases
 *   presented to an anonymous viewer (public fields only).
 *
 * Reading is tolerant where the files are (themes « Transition écologique », « Mobilité », statuses « Terminé »,
 * SIRET with spaces, dates MM/AAAA or J/M/AAAA) and strict where a value would otherwise be lost: an unreadable date,
 * number, theme or status is an error with its line and column; a value that does not fit a list is a warning.
 */
import { normaliseIdentifier } from '../../organisations/index.ts';
import {
  type ContentKey,
  emptyContent,
  FIELDS,
  type FieldDef,
  INTERCONNECTES_PUBLIC_COLUMNS,
  type InterconnectesPublicColumn,
  ORGANISATION_COLUMNS,
  type UseCaseContent,
} from '../fields.ts';
import {
  guessCommonsCategory,
  type ImportIssue,
  type ImportParseResult,
  type ImportRecord,
  isEmail,
  isWebUrl,
  type PresentedUseCase,
  parseFullDate,
  slugify,
  sortIssues,
} from '../model.ts';
import {
  aiActRiskCategories,
  audiences,
  authorityTypes,
  budgetBands,
  dataAccessModes,
  dataSources,
  effectivenessGaps,
  explainabilityLevels,
  hosting,
  INTERCONNECTES_VALUES,
  implementationModes,
  projectStatuses,
  type ReferenceList,
  subThemes,
  techniques,
  themes,
} from '../reference.ts';
import { decodeText, parseCsv, toCsv } from './csv.ts';

// ---------------------------------------------------------------------------------------------------------------
// Columns
// ---------------------------------------------------------------------------------------------------------------

type Target = { kind: 'field'; key: ContentKey } | { kind: 'org'; key: 'name' | 'siret' | 'type' };

/** Lower-cased column name -> what it fills. Both layouts and their schema share one table. */
const COLUMN_TARGETS = new Map<string, Target>();
for (const f of FIELDS) {
  for (const name of [f.interconnectes?.schema, f.interconnectes?.full]) {
    if (name) COLUMN_TARGETS.set(name.toLowerCase(), { kind: 'field', key: f.key });
  }
}
for (const c of ORGANISATION_COLUMNS) {
  const key = c.key === 'organisationName' ? 'name' : c.key === 'organisationSiret' ? 'siret' : 'type';
  for (const name of [c.interconnectes.schema, c.interconnectes.full]) {
    COLUMN_TARGETS.set(name.toLowerCase(), { kind: 'org', key });
  }
}
// The spelling of their data-model documentation.
COLUMN_TARGETS.set('latidude', { kind: 'field', key: 'latitude' });

export type InterconnectesVariant = 'public' | 'full';

/** Which layout a header is: the full model has `nom_projet`, the public file (and their schema) `Nom_du_projet`. */
export function detectVariant(header: readonly string[]): InterconnectesVariant | null {
  const names = new Set(header.map((h) => h.trim().toLowerCase()));
  if (names.has('nom_projet') || names.has('coll_nom')) return 'full';
  if (names.has('nom_du_projet') || names.has('nom_collectivite')) return 'public';
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------------------------

type DayOrder = 'dmy' | 'mdy';

/**
 * The order of J/M/AAAA dates in one column. French order unless the column proves otherwise: a first number above
 * 12 means day first; a second number above 12 means month first; every second number being 1 while the first
 * varies means month first (a spreadsheet turned « 03/2022 » into « 3/1/2022 », as in the Interconnectés full model).
 */
export function inferDayOrder(values: readonly string[]): DayOrder {
  const pairs = values
    .map((v) => /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(v))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [Number(m[1]), Number(m[2])] as const);
  if (pairs.length === 0) return 'dmy';
  if (pairs.some(([a]) => a > 12)) return 'dmy';
  if (pairs.some(([, b]) => b > 12)) return 'mdy';
  if (pairs.every(([, b]) => b === 1) && pairs.some(([a]) => a !== 1)) return 'mdy';
  return 'dmy';
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A date cell -> ISO partial date (« 01/2024 » -> 2024-01; « 1/3/2023 » -> 2023-03-01 or 2023-01-03), or null. */
export function readDateCell(value: string, order: DayOrder): string | null {
  const s = value.trim();
  let m = /^(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) {
    const month = Number(m[1]);
    return month >= 1 && month <= 12 ? `${m[2]}-${pad2(month)}` : null;
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const [d, mo] = order === 'dmy' ? [a, b] : [b, a];
    return parseFullDate(`${m[3]}-${pad2(mo)}-${pad2(d)}`);
  }
  if (/^\d{4}$/.test(s)) return s;
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return s;
  return parseFullDate(s);
}

/** ISO partial date -> « MM/AAAA » (month) or « JJ/MM/AAAA » (day); a year alone becomes « 01/AAAA ». */
export function writeDateCell(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  if (d) return `${d}/${m}/${y}`;
  if (m) return `${m}/${y}`;
  return `01/${y}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------------------

/** Splits a multi-valued cell (« Agent, Élu ») on commas and semicolons. */
function splitList(value: string): string[] {
  return value
    .split(/[;,]/)
    .map((v) => v.trim())
    .filter(Boolean);
}

const UNKNOWN_WORDS = new Set(['nsp', 'ne sait pas', 'inconnu', 'non renseigne']);
const isUnknownWord = (v: string) => UNKNOWN_WORDS.has(v.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').trim());

const CODE_LISTS: Partial<Record<ContentKey, ReferenceList>> = {
  theme: themes,
  projectStatus: projectStatuses,
  subThemes,
  audiences,
  budgetBand: budgetBands,
  hosting,
  implementation: implementationModes,
  dataSources,
  dataAccess: dataAccessModes,
  techniques,
  aiActRiskCategory: aiActRiskCategories,
  effectivenessGap: effectivenessGaps,
  explainability: explainabilityLevels,
};

/** Fields whose unknown values stop the import (the classification every use case needs). */
const STRICT_CODES = new Set<ContentKey>(['theme', 'projectStatus']);

/** Parses an Interconnectés CSV file (either layout) into import records, with line-numbered errors and warnings. */
export function parseInterconnectes(input: string | Uint8Array): ImportParseResult {
  const text = decodeText(input);
  const { records: csv, errors: csvErrors } = parseCsv(text);
  const errors: ImportIssue[] = csvErrors.map((e) => ({ line: e.line, column: null, message: e.message }));
  const warnings: ImportIssue[] = [];
  const provided = new Set<ContentKey>(['language']);
  const result = (variant: string, rows: number, records: ImportRecord[]): ImportParseResult => ({
    source: 'interconnectes',
    variant,
    rows,
    fields: FIELDS.map((f) => f.key).filter((k) => provided.has(k)),
    records,
    errors: sortIssues(errors),
    warnings: sortIssues(warnings),
  });

  const headerRecord = csv[0];
  if (!headerRecord) {
    errors.push({ line: 1, column: null, message: 'Le fichier est vide.' });
    return result('inconnu', 0, []);
  }
  const header = headerRecord.fields.map((h) => h.replace(/^\ufeff/, '').trim());
  const variant = detectVariant(header);
  if (!variant) {
    errors.push({
      line: headerRecord.line,
      column: null,
      message:
        'En-tête non reconnu : un fichier Interconnectés commence par les colonnes « Nom_collectivite, Nom_du_projet… » (fichier public) ou « coll_nom, nom_projet… » (modèle complet).',
    });
    return result('inconnu', csv.length - 1, []);
  }

  const targets: (Target | null)[] = header.map((name) => COLUMN_TARGETS.get(name.toLowerCase()) ?? null);
  for (const t of targets) if (t?.kind === 'field') provided.add(t.key);
  if (provided.has('dataSources')) provided.add('dataSourceDetails');
  header.forEach((name, i) => {
    if (!targets[i] && name) {
      warnings.push({ line: headerRecord.line, column: name, message: `Colonne inconnue ignorée : « ${name} ».` });
    }
  });
  const columnOf = (pred: (t: Target) => boolean) => targets.findIndex((t) => t !== null && pred(t));
  const required: [string, number][] = [
    ['nom du projet', columnOf((t) => t.kind === 'field' && t.key === 'title')],
    ['nom de la collectivité', columnOf((t) => t.kind === 'org' && t.key === 'name')],
    ['SIRET', columnOf((t) => t.kind === 'org' && t.key === 'siret')],
  ];
  for (const [what, index] of required) {
    if (index === -1) {
      errors.push({ line: headerRecord.line, column: null, message: `Colonne obligatoire absente : ${what}.` });
    }
  }
  if (errors.length) return result(variant, csv.length - 1, []);

  const dataRows = csv.slice(1).filter((r) => r.fields.some((f) => f.trim() !== ''));
  // Day order per date column, from all its values.
  const dayOrder = new Map<number, DayOrder>();
  targets.forEach((t, i) => {
    if (t?.kind === 'field' && (t.key === 'startDate' || t.key === 'endDate' || t.key === 'infoUpdatedOn')) {
      const order = inferDayOrder(dataRows.map((r) => r.fields[i] ?? ''));
      dayOrder.set(i, order);
      if (order === 'mdy') {
        warnings.push({
          line: headerRecord.line,
          column: header[i]!,
          message: `Dates lues au format mois/jour/année (colonne « ${header[i]} » : toutes au 1er du mois ou jour en deuxième position).`,
        });
      }
    }
  });

  const records: ImportRecord[] = [];
  const seenKeys = new Map<string, number>();
  for (const row of dataRows) {
    const line = row.line;
    const rowErrors: ImportIssue[] = [];
    const err = (column: string | null, message: string) => rowErrors.push({ line, column, message });
    const warn = (column: string | null, message: string) => warnings.push({ line, column, message });
    if (row.fields.length !== header.length) {
      err(null, `La ligne compte ${row.fields.length} colonnes au lieu de ${header.length}.`);
      errors.push(...rowErrors);
      continue;
    }
    const content = emptyContent();
    const c = content as unknown as Record<string, unknown>;
    let orgName = '';
    let orgSiret: string | null = null;
    let orgSiren: string | null = null;
    let orgType: ImportRecord['organisation']['type'] = null;

    for (let i = 0; i < header.length; i++) {
      const target = targets[i];
      if (!target) continue;
      const column = header[i]!;
      const raw = row.fields[i]!;
      const value = raw.replace(/\r\n?/g, '\n').trim();
      if (target.kind === 'org') {
        if (target.key === 'name') orgName = value;
        else if (target.key === 'siret') {
          const digits = normaliseIdentifier(value);
          if (!value) err(column, 'SIRET manquant : il identifie la collectivité.');
          else if (/^\d{14}$/.test(digits)) {
            orgSiret = digits;
            orgSiren = digits.slice(0, 9);
          } else if (/^\d{9}$/.test(digits)) orgSiren = digits;
          else err(column, `SIRET illisible « ${value} » : 14 chiffres attendus (ou 9 pour un SIREN).`);
        } else if (value) {
          orgType = authorityTypes.match(value);
          if (!orgType) {
            warn(column, `Type de collectivité inconnu « ${value} » : il sera déduit du SIRET.`);
          }
        }
        continue;
      }
      const field = FIELDS.find((f) => f.key === target.key)!;
      readCell(field, column, value, dayOrder.get(i) ?? 'dmy', c, err, warn);
    }

    if (!content.title)
      err(header[columnOf((t) => t.kind === 'field' && t.key === 'title')]!, 'Nom du projet manquant.');
    if (!orgName) {
      err(header[columnOf((t) => t.kind === 'org' && t.key === 'name')]!, 'Nom de la collectivité manquant.');
    }
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    const id = orgSiret ?? orgSiren!;
    const externalKey = `interconnectes:${id}:${slugify(content.title!)}`;
    const previous = seenKeys.get(externalKey);
    if (previous !== undefined) {
      errors.push({
        line,
        column: null,
        message: `Doublon : même SIRET et même nom de projet qu’à la ligne ${previous}.`,
      });
      continue;
    }
    seenKeys.set(externalKey, line);
    content.language = 'fr';
    // Their model has no commons category: guessed from the text, left empty when nothing is clear.
    content.commonsCategory = guessCommonsCategory(
      [
        content.title,
        content.description,
        content.algorithmName,
        content.algorithmDescription,
        content.dataSourceDetails,
      ]
        .filter(Boolean)
        .join('\n'),
      content.techniques,
    );
    records.push({
      externalKey,
      source: 'interconnectes',
      line,
      organisation: {
        name: orgName,
        siret: orgSiret,
        siren: orgSiren,
        type: orgType,
        country: 'FR',
        foreign: false,
        sourceCategory: null,
      },
      content,
    });
  }
  return result(variant, dataRows.length, records);
}

/** Reads one cell into the content, reporting problems. */
function readCell(
  field: FieldDef,
  column: string,
  value: string,
  order: DayOrder,
  c: Record<string, unknown>,
  err: (column: string, message: string) => void,
  warn: (column: string, message: string) => void,
): void {
  if (value === '') return;
  switch (field.type) {
    case 'text':
    case 'longtext':
      // Kept as written (line breaks included): an export gives back the same text.
      c[field.key] = value;
      return;
    case 'url':
      c[field.key] = value;
      if (!isWebUrl(value)) warn(column, `« ${value} » n’est pas une adresse web : valeur conservée telle quelle.`);
      return;
    case 'email':
      c[field.key] = value;
      if (!isEmail(value)) warn(column, `« ${value} » n’est pas une adresse électronique : valeur conservée.`);
      return;
    case 'partialDate':
    case 'date': {
      const iso = readDateCell(value, order);
      if (!iso) {
        err(column, `Date illisible « ${value} » : attendu MM/AAAA ou JJ/MM/AAAA.`);
        return;
      }
      c[field.key] =
        field.type === 'date' ? (iso.length === 7 ? `${iso}-01` : iso.length === 4 ? `${iso}-01-01` : iso) : iso;
      return;
    }
    case 'number':
    case 'integer': {
      const n = Number(value.replace(/\s/g, '').replace(',', '.'));
      if (!Number.isFinite(n)) {
        err(column, `Nombre illisible « ${value} ».`);
        return;
      }
      if ((field.min != null && n < field.min) || (field.max != null && n > field.max)) {
        err(column, `${field.label} hors limites : ${value} (entre ${field.min} et ${field.max}).`);
        return;
      }
      c[field.key] = n;
      return;
    }
    case 'code': {
      const list = CODE_LISTS[field.key]!;
      if (isUnknownWord(value) && !list.match(value)) return;
      const code = list.match(value);
      if (code) c[field.key] = code;
      else if (STRICT_CODES.has(field.key)) {
        err(
          column,
          `${field.label} inconnu « ${value} ». Valeurs possibles : ${list.items.map((i) => i.label).join(', ')}.`,
        );
      } else warn(column, `Valeur « ${value} » hors de la liste « ${field.label} » : ignorée.`);
      return;
    }
    case 'codes': {
      const list = CODE_LISTS[field.key]!;
      const codes: string[] = [];
      const unmatched: string[] = [];
      for (const part of splitList(value)) {
        const code = list.match(part);
        if (code) {
          if (!codes.includes(code)) codes.push(code);
        } else if (!isUnknownWord(part)) unmatched.push(part);
      }
      if (field.maxItems && codes.length > field.maxItems) {
        warn(column, `${field.label} : ${codes.length} valeurs, seules les ${field.maxItems} premières sont gardées.`);
        codes.length = field.maxItems;
      }
      c[field.key] = codes;
      if (unmatched.length) {
        if (field.key === 'dataSources') {
          c.dataSourceDetails = unmatched.join(', ');
          warn(
            column,
            `« ${unmatched.join(', ')} » n’est pas une source de la liste : reporté dans « Précisions sur les données ».`,
          );
        } else {
          warn(
            column,
            `Valeur(s) hors de la liste « ${field.label} » ignorée(s) : ${unmatched.map((u) => `« ${u} »`).join(', ')}.`,
          );
        }
      }
      return;
    }
    case 'links':
      return;
  }
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
  /** Rows written. */
  count: number;
  /** Use cases left out, and why (their schema requires a SIRET: bodies outside France have none). */
  skipped: { id: number; title: string; reason: string }[];
}

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
    SIRET: org.siret ?? '',
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
 * Writes the Interconnectés 16-column public file. Takes use cases presented to an anonymous viewer and refuses any
 * other presentation, so that only public fields can be written.
 */
export function exportInterconnectes(
  useCases: readonly PresentedUseCase[],
  options: InterconnectesExportOptions = {},
): InterconnectesExport {
  const rows: string[][] = [[...INTERCONNECTES_PUBLIC_COLUMNS]];
  const skipped: InterconnectesExport['skipped'] = [];
  for (const useCase of useCases) {
    if (useCase.access !== 'public') {
      throw new Error('Export Interconnectés : les fiches doivent être présentées pour un visiteur anonyme.');
    }
    if (!useCase.organisation.siret || !/^\d{14}$/.test(useCase.organisation.siret)) {
      skipped.push({
        id: useCase.id,
        title: useCase.content.title ?? '',
        reason: 'Organisation sans SIRET (le format Interconnectés l’exige).',
      });
      continue;
    }
    const row = interconnectesRow(useCase, options);
    rows.push(INTERCONNECTES_PUBLIC_COLUMNS.map((col) => row[col]));
  }
  return { csv: toCsv(rows, { bom: options.bom }), count: rows.length - 1, skipped };
}
