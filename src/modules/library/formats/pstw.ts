/**
 * The JRC « Public Sector Tech Watch » dataset (`landscape-2024.csv`, Windows-1252, one row per case across Europe).
 *
 * Each row becomes an import record keyed `pstw:<PSTW ID>`: statuses, technologies, AI subdomains, COFOG policy
 * areas, interaction types and application types are mapped to our lists; the country is kept, and bodies outside
 * France are flagged as « other bodies » with their country. Texts stay in English (`language: 'en'`).
 */
import { type ContentKey, emptyContent } from '../fields.ts';
import {
  guessCommonsCategory,
  type ImportIssue,
  type ImportParseResult,
  type ImportRecord,
  type ImportRowResult,
  type ImportTableReader,
  isWebUrl,
  parseFullDate,
  readWholeTable,
  type TableRow,
} from '../model.ts';
import {
  audiences,
  authorityTypes,
  type CommonsCategoryCode,
  countries,
  normaliseLabel,
  PSTW_APPLICATION_COMMONS,
  PSTW_COFOG_THEMES,
  PSTW_COFOG2,
  projectStatuses,
  type SubThemeCode,
  type TechniqueCode,
  type ThemeCode,
  techniques,
} from '../reference.ts';
import { decodeText } from './csv.ts';
import { readCsvText } from './csv-reader.ts';
import { FirstLines } from './first-lines.ts';

const COLUMNS = {
  id: 'PSTW ID',
  name: 'Name',
  website: 'Website',
  description: 'Description',
  country: 'Geographical coverage (country)',
  organisation: 'Responsible Organisation',
  category: 'Responsible Organisation category',
  cofog1: 'COFOG Level I',
  cofog2: 'COFOG Level II',
  status: 'Status',
  startYear: 'Start Year',
  endYear: 'End Year',
  applicationType: 'Application type',
  technology: 'Technology',
  interaction: 'Interaction',
  subdomainMain: 'AI Classification Subdomain (II) (main)',
  subdomainOther1: 'AI Classification Subdomain (II) (Other I)',
  subdomainOther2: 'AI Classification Subdomain (II) (Other II)',
  subdomainOther3: 'AI Classification Subdomain (II) (Other III)',
  keywords: 'AI Keywords',
  updated: 'Date-updated',
} as const;
type ColumnKey = keyof typeof COLUMNS;

/** The content fields this dataset provides. */
const PSTW_FIELDS: readonly ContentKey[] = [
  'title',
  'description',
  'serviceUrl',
  'theme',
  'subThemes',
  'audiences',
  'projectStatus',
  'startDate',
  'endDate',
  'techniques',
  'infoUpdatedOn',
  'language',
];

/** Non-breaking and ordinary spaces trimmed; empty -> ''. */
const clean = (v: string | undefined) => (v ?? '').replace(/\r\n?/g, '\n').replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, '');

/** The first web address of a cell (« Service: https://… »); « www.… » gets https://; null if none. */
export function firstWebUrl(value: string): string | null {
  const m = /https?:\/\/[^\s,;)"'<>]+/i.exec(value);
  if (m) {
    const url = m[0].replace(/[.]+$/, '');
    return isWebUrl(url) ? url : null;
  }
  const w = /(^|\s)(www\.[^\s,;)"'<>]+)/i.exec(value);
  if (w) {
    const url = `https://${w[2]!.replace(/[.]+$/, '')}`;
    return isWebUrl(url) ? url : null;
  }
  return null;
}

/**
 * The commons category of a case: the application type when it is decisive, else the clues of the text
 * (see `guessCommonsCategory`); « Autre » when nothing fits.
 */
export function pstwCommonsCategory(input: {
  text: string;
  applicationType: string;
  techniques: readonly TechniqueCode[];
}): CommonsCategoryCode {
  const fromText = guessCommonsCategory(input.text, input.techniques);
  if (fromText === 'conversational_assistant' || fromText === 'aerial_shape_classification') return fromText;
  if (fromText === 'text_extraction') return fromText;
  const byApplication = PSTW_APPLICATION_COMMONS[normaliseLabel(input.applicationType)];
  if (byApplication === 'conversational_assistant') {
    const t = input.techniques;
    if (t.some((x) => x === 'nlp' || x === 'speech_audio' || x === 'generative_ai')) return byApplication;
  } else if (byApplication) return byApplication;
  return fromText ?? 'other';
}

/** Theme and sub-theme from the COFOG policy areas (level II overrides level I where it is more precise). */
export function pstwTheme(cofog1: string, cofog2: string): { theme: ThemeCode | null; subTheme: SubThemeCode | null } {
  const level2 = PSTW_COFOG2[normaliseLabel(cofog2)];
  const theme = level2?.theme ?? PSTW_COFOG_THEMES[normaliseLabel(cofog1)] ?? null;
  return { theme, subTheme: level2?.subTheme ?? null };
}

/** A reader of the PSTW landscape file, row by row, from its header row. */
export function createPstwReader(
  headerRow: TableRow,
  checking = true,
  duplicates = new Map<number, number>(),
): ImportTableReader {
  const errors: ImportIssue[] = [];
  const header = headerRow.fields.map((h) => clean(h));
  const index = {} as Record<ColumnKey, number>;
  for (const [key, name] of Object.entries(COLUMNS) as [ColumnKey, string][]) index[key] = header.indexOf(name);
  for (const key of ['id', 'name', 'status'] as const) {
    if (index[key] === -1) {
      errors.push({
        line: headerRow.line,
        column: COLUMNS[key],
        message: `Colonne obligatoire absente : « ${COLUMNS[key]} » (ce fichier est-il bien un export PSTW ?).`,
      });
    }
  }
  const seen = new FirstLines();
  const reader: ImportTableReader = {
    source: 'pstw',
    variant: 'pstw',
    fields: [...PSTW_FIELDS],
    errors,
    warnings: [],
    row: (row) => readPstwRow(row, header, index, seen, duplicates, checking),
    settle: () => ({ errors: [], warnings: [] }),
    again: () => {
      seen.clear();
      return createPstwReader(headerRow, false, duplicates);
    },
  };
  return reader;
}

/** Parses the whole PSTW landscape file (bytes in Windows-1252, or already decoded text): small files and tests. */
export function parsePstw(input: string | Uint8Array): ImportParseResult {
  const { rows, problems } = readCsvText(decodeText(input), { delimiter: ',' });
  const csvErrors = problems.map((p) => ({ line: p.line, column: null, message: p.message }));
  return readWholeTable('pstw', rows, csvErrors, createPstwReader);
}

/** One row of the PSTW file. */
function readPstwRow(
  row: TableRow,
  header: string[],
  index: Record<ColumnKey, number>,
  seen: FirstLines,
  duplicates: Map<number, number>,
  checking: boolean,
): ImportRowResult | null {
  if (!row.fields.some((f) => clean(f) !== '')) return null;
  const warnings: ImportIssue[] = [];
  const rowErrors: ImportIssue[] = [];
  const done = (record: ImportRecord | null): ImportRowResult => ({
    record: rowErrors.length ? null : record,
    errors: rowErrors,
    warnings,
  });
  {
    const line = row.line;
    const get = (key: ColumnKey) => (index[key] === -1 ? '' : clean(row.fields[index[key]]));
    const err = (key: ColumnKey | null, message: string) =>
      rowErrors.push({ line, column: key ? COLUMNS[key] : null, message });
    const warn = (key: ColumnKey, message: string) => warnings.push({ line, column: COLUMNS[key], message });
    if (row.fields.length !== header.length) {
      err(null, `La ligne compte ${row.fields.length} colonnes au lieu de ${header.length}.`);
      return done(null);
    }

    const id = get('id');
    if (!/^PSTW-\d+$/.test(id)) err('id', `Identifiant PSTW illisible « ${id} » (attendu PSTW-123).`);
    const title = get('name');
    if (!title) err('name', 'Nom du cas manquant.');

    const content = emptyContent();
    content.language = 'en';
    content.title = title || null;
    content.description = get('description') || null;

    const website = get('website');
    if (website) {
      content.serviceUrl = firstWebUrl(website);
      if (!content.serviceUrl) warn('website', `« ${website} » ne contient pas d’adresse web : ignoré.`);
    }

    const statusRaw = get('status');
    content.projectStatus = projectStatuses.match(statusRaw);
    if (!content.projectStatus) err('status', `Statut inconnu « ${statusRaw} ».`);

    const start = get('startYear');
    if (/^\d{4}$/.test(start)) content.startDate = start;
    else if (start) warn('startYear', `Année de démarrage illisible « ${start} » : ignorée.`);
    const end = get('endYear');
    if (/^\d{4}$/.test(end) && (!content.startDate || end >= content.startDate)) content.endDate = end;
    else if (end) warn('endYear', `Année de fin illisible ou antérieure au démarrage « ${end} » : ignorée.`);

    const { theme, subTheme } = pstwTheme(get('cofog1'), get('cofog2'));
    content.theme = theme;
    if (!theme && get('cofog1')) warn('cofog1', `Domaine COFOG inconnu « ${get('cofog1')} » : thème non renseigné.`);
    if (subTheme) content.subThemes = [subTheme];

    const audience = audiences.match(get('interaction'));
    if (audience) content.audiences = [audience];
    else if (get('interaction')) warn('interaction', `Type d’interaction inconnu « ${get('interaction')} ».`);

    const found: TechniqueCode[] = [];
    const technology = get('technology');
    if (technology && normaliseLabel(technology) !== 'artificial intelligence') {
      const t = techniques.match(technology);
      if (t) found.push(t);
      else warn('technology', `Technologie inconnue « ${technology} » : ignorée.`);
    }
    for (const key of ['subdomainMain', 'subdomainOther1', 'subdomainOther2', 'subdomainOther3'] as const) {
      const value = get(key);
      if (!value || normaliseLabel(value) === 'ai ethics') continue;
      const t = techniques.match(value);
      if (t) {
        if (!found.includes(t)) found.push(t);
      } else warn(key, `Sous-domaine d’IA inconnu « ${value} » : ignoré.`);
    }
    content.techniques = found;
    // The checking pass keeps no record: the guess is for the writing pass.
    content.commonsCategory = checking
      ? null
      : pstwCommonsCategory({
          text: `${title}\n${content.description ?? ''}\n${get('keywords')}`,
          applicationType: get('applicationType'),
          techniques: found,
        });

    const updated = get('updated');
    if (updated) {
      const iso = parseFullDate(updated);
      if (iso) content.infoUpdatedOn = iso;
      else warn('updated', `Date de mise à jour illisible « ${updated} » : ignorée.`);
    }

    const countryRaw = get('country');
    const country = countries.match(countryRaw);
    if (!country) err('country', `Pays inconnu « ${countryRaw} ».`);
    const category = get('category');
    const organisationName = get('organisation').replace(/\s+/g, ' ') || 'Organisme non précisé';

    if (rowErrors.length) return done(null);
    const externalKey = `pstw:${id}`;
    // The writing pass keeps no key: it knows the lines the checking pass found duplicated (line → first line).
    const previous = checking ? seen.get(externalKey) : duplicates.get(line);
    if (previous !== undefined) {
      if (checking) duplicates.set(line, previous);
      err('id', `Identifiant ${id} déjà vu à la ligne ${previous}.`);
      return done(null);
    }
    if (checking) seen.add(externalKey, line);
    return done({
      externalKey,
      source: 'pstw',
      line,
      organisation: {
        name: organisationName,
        siret: null,
        siren: null,
        type: authorityTypes.match(category) ?? 'autre',
        country: country!,
        foreign: country !== 'FR',
        sourceCategory: category || null,
      },
      content,
    });
  }
}
