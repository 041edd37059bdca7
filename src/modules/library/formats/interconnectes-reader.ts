/**
 * Reading Interconnectés CSV files (the « Bibliothèque IA territoriale » of Les Interconnectés), both layouts,
 * recognised by their header: the 16-column public file (`data.csv`, column names of their `schema.json`) and the
 * 27-column full model (`beta-full-model.csv`); any subset of their schema's columns is read. Writing the public file
 * is interconnectes.ts.
 *
 * Reading is tolerant where the files are (themes « Transition écologique », « Mobilité », statuses « Terminé »,
 * SIRET with spaces, dates MM/AAAA or J/M/AAAA) and strict where a value would otherwise be lost: an unreadable date,
 * number, theme or status is an error with its line and column; a value that does not fit a list is a warning; a
 * link that is not an http(s) address is left out with a warning. Rows are read one at a time
 * (`createInterconnectesReader`), so that an import streams the file.
 */
import { normaliseIdentifier } from '../../organisations/index.ts';
import { type ContentKey, emptyContent, FIELDS, type FieldDef, ORGANISATION_COLUMNS } from '../fields.ts';
import {
  guessCommonsCategory,
  type ImportIssue,
  type ImportParseResult,
  type ImportRecord,
  type ImportRowResult,
  type ImportTableReader,
  isEmail,
  isWebUrl,
  parseFullDate,
  readWholeTable,
  slugify,
  type TableRow,
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
  implementationModes,
  projectStatuses,
  type ReferenceList,
  subThemes,
  techniques,
  themes,
} from '../reference.ts';
import { decodeText } from './csv.ts';
import { readCsvText } from './csv-reader.ts';
import { FirstLines } from './first-lines.ts';

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

/** What the checking pass learns of one J/M/AAAA date column, to choose its day order. */
interface DateColumn {
  firstAbove12: boolean;
  secondAbove12: boolean;
  allSecondOne: boolean;
  someFirstNotOne: boolean;
  /**
   * Cells readable only day first, or only month first (errors once the order is chosen): their lines and values
   * only, the messages being written for the losing order alone (a valid file would otherwise keep one per row).
   */
  onlyDmy: Cells;
  onlyMdy: Cells;
}

interface Cells {
  lines: number[];
  values: string[];
}

const dateIssues = (cells: Cells, column: string): ImportIssue[] =>
  cells.lines.map((line, i) => ({
    line,
    column,
    message: `Date illisible « ${cells.values[i]} » : attendu MM/AAAA ou JJ/MM/AAAA.`,
  }));

const DMY = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/;

/** The day order of a column from what the checking pass saw (the rules of `inferDayOrder`). */
function orderOf(s: DateColumn): DayOrder {
  if (s.firstAbove12) return 'dmy';
  if (s.secondAbove12) return 'mdy';
  if (s.allSecondOne && s.someFirstNotOne) return 'mdy';
  return 'dmy';
}

/**
 * A reader of an Interconnectés file (either layout), row by row, from its header row. Without `orders` it is the
 * checking pass's reader: J/M/AAAA dates are accepted in either order while the column's order is learnt, and
 * `settle` then reports the cells that do not fit the chosen order; `again` gives the writing pass's reader.
 */
export function createInterconnectesReader(
  headerRow: TableRow,
  orders?: ReadonlyMap<number, DayOrder>,
  duplicates?: ReadonlyMap<number, number>,
): ImportTableReader {
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const provided = new Set<ContentKey>(['language']);
  const header = headerRow.fields.map((h) => h.replace(/^\ufeff/, '').trim());
  const variant = detectVariant(header);
  const fieldsOf = () => FIELDS.map((f) => f.key).filter((k) => provided.has(k));
  const base = { source: 'interconnectes' as const, errors, warnings };
  if (!variant) {
    errors.push({
      line: headerRow.line,
      column: null,
      message:
        'En-tête non reconnu : un fichier Interconnectés commence par les colonnes « Nom_collectivite, Nom_du_projet… » (fichier public) ou « coll_nom, nom_projet… » (modèle complet).',
    });
    return {
      ...base,
      variant: 'inconnu',
      fields: fieldsOf(),
      row: (row) => (row.fields.some((f) => f.trim() !== '') ? { record: null, errors: [], warnings: [] } : null),
      settle: () => ({ errors: [], warnings: [] }),
      again: () => createInterconnectesReader(headerRow),
    };
  }
  const targets: (Target | null)[] = header.map((name) => COLUMN_TARGETS.get(name.toLowerCase()) ?? null);
  for (const t of targets) if (t?.kind === 'field') provided.add(t.key);
  if (provided.has('dataSources')) provided.add('dataSourceDetails');
  header.forEach((name, i) => {
    if (!targets[i] && name) {
      warnings.push({ line: headerRow.line, column: name, message: `Colonne inconnue ignorée : « ${name} ».` });
    }
  });
  const columnOf = (pred: (t: Target) => boolean) => targets.findIndex((t) => t !== null && pred(t));
  const titleColumn = columnOf((t) => t.kind === 'field' && t.key === 'title');
  const nameColumn = columnOf((t) => t.kind === 'org' && t.key === 'name');
  const required: [string, number][] = [
    ['nom du projet', titleColumn],
    ['nom de la collectivité', nameColumn],
    ['SIRET', columnOf((t) => t.kind === 'org' && t.key === 'siret')],
  ];
  for (const [what, index] of required) {
    if (index === -1) {
      errors.push({ line: headerRow.line, column: null, message: `Colonne obligatoire absente : ${what}.` });
    }
  }
  const dateColumns = new Map<number, DateColumn>();
  targets.forEach((t, i) => {
    if (t?.kind === 'field' && (t.key === 'startDate' || t.key === 'endDate' || t.key === 'infoUpdatedOn')) {
      dateColumns.set(i, {
        firstAbove12: false,
        secondAbove12: false,
        allSecondOne: true,
        someFirstNotOne: false,
        onlyDmy: { lines: [], values: [] },
        onlyMdy: { lines: [], values: [] },
      });
    }
  });
  const fieldByKey = new Map(FIELDS.map((f) => [f.key, f]));
  // The checking pass's keys (duplicates), and the lines it found duplicated (line → first line), given to the
  // writing pass's reader instead of every key: its memory does not grow with the file.
  const seenKeys = new FirstLines();
  const duplicateLines = new Map<number, number>();

  /** A date cell: in the learnt order, or (checking pass) in whichever order reads it, noting what it tells. */
  function readDate(i: number, value: string, line: number): string | null {
    const learnt = orders?.get(i);
    const stats = dateColumns.get(i);
    const m = DMY.exec(value);
    if (learnt || !stats || !m) return readDateCell(value, learnt ?? 'dmy');
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (a > 12) stats.firstAbove12 = true;
    if (b > 12) stats.secondAbove12 = true;
    if (b !== 1) stats.allSecondOne = false;
    if (a !== 1) stats.someFirstNotOne = true;
    const dmy = readDateCell(value, 'dmy');
    const mdy = readDateCell(value, 'mdy');
    const cells = dmy && !mdy ? stats.onlyDmy : mdy && !dmy ? stats.onlyMdy : null;
    if (cells) {
      cells.lines.push(line);
      cells.values.push(value);
    }
    return dmy ?? mdy;
  }

  function row(row: TableRow): ImportRowResult | null {
    if (!row.fields.some((f) => f.trim() !== '')) return null;
    const line = row.line;
    const rowErrors: ImportIssue[] = [];
    const rowWarnings: ImportIssue[] = [];
    const err = (column: string | null, message: string) => rowErrors.push({ line, column, message });
    const warn = (column: string | null, message: string) => rowWarnings.push({ line, column, message });
    const done = (record: ImportRecord | null): ImportRowResult => ({
      record: rowErrors.length ? null : record,
      errors: rowErrors,
      warnings: rowWarnings,
    });
    if (row.fields.length !== header.length) {
      err(null, `La ligne compte ${row.fields.length} colonnes au lieu de ${header.length}.`);
      return done(null);
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
      const value = row.fields[i]!.replace(/\r\n?/g, '\n').trim();
      if (target.kind === 'org') {
        if (target.key === 'name') orgName = value.replace(/\s+/g, ' ');
        else if (target.key === 'siret') {
          const digits = normaliseIdentifier(value);
          if (!value) err(column, 'SIRET manquant : il identifie la collectivité.');
          else if (/^\d{14}$/.test(digits)) {
            orgSiret = digits;
            orgSiren = digits.slice(0, 9);
          } else if (/^\d{9}$/.test(digits)) orgSiren = digits;
          else err(column, `SIRET illisible « ${value} » : 14 chiffres attendus (ou 9 pour un SIREN).`);
        } else if (value) {
          orgType = matchOf(authorityTypes, value) as typeof orgType;
          if (!orgType) warn(column, `Type de collectivité inconnu « ${value} » : il sera déduit du SIRET.`);
        }
        continue;
      }
      if (value === '') continue;
      const field = fieldByKey.get(target.key)!;
      if (field.type === 'date' || field.type === 'partialDate') {
        const iso = readDate(i, value, line);
        if (!iso) err(column, `Date illisible « ${value} » : attendu MM/AAAA ou JJ/MM/AAAA.`);
        else
          c[field.key] =
            field.type === 'date' ? (iso.length === 7 ? `${iso}-01` : iso.length === 4 ? `${iso}-01-01` : iso) : iso;
        continue;
      }
      readCell(field, column, value, c, err, warn);
    }

    if (!content.title) err(header[titleColumn]!, 'Nom du projet manquant.');
    if (!orgName) err(header[nameColumn]!, 'Nom de la collectivité manquant.');
    if (rowErrors.length) return done(null);
    const id = orgSiret ?? orgSiren!;
    // The whole name, normalised: two projects whose long names differ near the end are two use cases.
    const slug = slugify(content.title!, Number.POSITIVE_INFINITY);
    const externalKey = `interconnectes:${id}:${slug}`;
    const legacyKey = `interconnectes:${id}:${slug.slice(0, 80).replace(/-+$/, '') || 'fiche'}`;
    const previous = orders ? duplicates?.get(line) : seenKeys.get(externalKey);
    if (previous !== undefined) {
      if (!orders) duplicateLines.set(line, previous);
      err(null, `Doublon : même SIRET et même nom de projet qu’à la ligne ${previous}.`);
      return done(null);
    }
    if (!orders) seenKeys.add(externalKey, line);
    content.language = 'fr';
    // Their model has no commons category: guessed from the text, left empty when nothing is clear (not needed by
    // the checking pass, which keeps no record).
    if (orders) {
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
    }
    return done({
      externalKey,
      ...(legacyKey !== externalKey ? { legacyKey } : {}),
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

  let learnt: Map<number, DayOrder> | null = null;
  return {
    ...base,
    variant,
    fields: fieldsOf(),
    row,
    settle() {
      const out = { errors: [] as ImportIssue[], warnings: [] as ImportIssue[] };
      learnt = new Map(orders ?? []);
      for (const [i, stats] of dateColumns) {
        const order = orders?.get(i) ?? orderOf(stats);
        learnt.set(i, order);
        if (order === 'mdy') {
          out.warnings.push({
            line: headerRow.line,
            column: header[i]!,
            message: `Dates lues au format mois/jour/année (colonne « ${header[i]} » : toutes au 1er du mois ou jour en deuxième position).`,
          });
        }
        out.errors.push(...dateIssues(order === 'dmy' ? stats.onlyMdy : stats.onlyDmy, header[i]!));
      }
      return out;
    },
    again() {
      if (!learnt) throw new Error('Interconnectés : settle() avant again().');
      seenKeys.clear();
      return createInterconnectesReader(headerRow, learnt, duplicateLines);
    },
  };
}

/**
 * Parses a whole Interconnectés CSV file (either layout) into import records, with line-numbered errors and
 * warnings (small files and tests; imports stream the file through `createInterconnectesReader`).
 */
export function parseInterconnectes(input: string | Uint8Array): ImportParseResult {
  const { rows, problems } = readCsvText(decodeText(input));
  const csvErrors = problems.map((p) => ({ line: p.line, column: null, message: p.message }));
  return readWholeTable('interconnectes', rows, csvErrors, createInterconnectesReader);
}

/** A value written as an address (a scheme such as « javascript: », or « //host »), control characters ignored. */
export function looksLikeAddress(value: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers ignore these characters before a scheme
  const v = value.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '');
  return /^[a-z][a-z0-9+.-]*:/i.test(v) || v.startsWith('//') || v.startsWith('\\\\');
}

/** Cells repeat the same few values: their match in a list is remembered (bounded, per list). */
const MATCHES = new Map<ReferenceList, Map<string, string | null>>();
function matchOf(list: ReferenceList, value: string): string | null {
  let memo = MATCHES.get(list);
  if (!memo) {
    memo = new Map();
    MATCHES.set(list, memo);
  }
  const known = memo.get(value);
  if (known !== undefined) return known;
  const code = list.match(value);
  if (memo.size > 2000) memo.clear();
  memo.set(value, code);
  return code;
}

/** Reads one cell into the content, reporting problems. */
function readCell(
  field: FieldDef,
  column: string,
  value: string,
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
      // A link field: an address with another scheme than http(s) (« javascript: », « data: », « //hôte ») is refused;
      // words that are no address at all (« accès interne uniquement ») are kept and shown as text, never as a link.
      if (isWebUrl(value)) c[field.key] = value;
      else if (looksLikeAddress(value)) {
        warn(
          column,
          `Adresse refusée « ${value} » : seules les adresses web en http(s) sont acceptées (valeur ignorée).`,
        );
      } else {
        c[field.key] = value;
        warn(column, `« ${value} » n’est pas une adresse web : valeur conservée comme texte, sans lien.`);
      }
      return;
    case 'email':
      c[field.key] = value;
      if (!isEmail(value)) warn(column, `« ${value} » n’est pas une adresse électronique : valeur conservée.`);
      return;
    case 'partialDate':
    case 'date':
      // Read by the row reader (the day order is the column's).
      return;
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
      const code = matchOf(list, value);
      if (!code && isUnknownWord(value)) return;
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
        const code = matchOf(list, part);
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
