/**
 * CSV imports of contacts (coordinators) and of a network's members: every authority found by its SIREN, SIRET or
 * INSEE code, every row checked, line-numbered French errors (wrong column, unknown authority, bad e-mail,
 * duplicate), and nothing saved when one row is wrong. A dry run reports what would be saved.
 */
import { authorize } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { badRequest, ValidationError } from '../../../platform/http/errors.ts';
import {
  AUTHORITY_COLUMNS,
  type AuthorityColumn,
  authorityRef,
  type ContactInput,
  readHeader,
  validateContact,
} from '../model-contacts.ts';
import { explainRefusal } from '../policy.ts';
import type { OrganisationRef } from '../store/profiles.ts';
import type { OrganisationsContext } from './context.ts';

/** Larger files are refused before reading (a contacts file of every commune is about 4 MB). */
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;

export interface ImportLineError {
  line: number;
  message: string;
}

export interface ImportReport {
  dryRun: boolean;
  /** Whether anything was written (never with an error, never in a dry run). */
  saved: boolean;
  /** Data rows read (header excluded). */
  rows: number;
  /** Rows that add something (saved, or to be saved by the real import), named. */
  added: { line: number; organisationId: number; organisationName: string; label: string }[];
  /** Rows already present (contact with that address, authority already a member): left as they are. */
  unchanged: { line: number; organisationName: string; label: string }[];
  errors: ImportLineError[];
}

type Row = { line: number; cells: string[] };

/** Finds the authorities named by SIREN, SIRET or INSEE code, several thousand at once. */
async function resolveAuthorities(
  context: OrganisationsContext,
  refs: { column: AuthorityColumn; value: string }[],
): Promise<(ref: { column: AuthorityColumn; value: string }) => OrganisationRef | string> {
  const store = context.profiles;
  const values = (c: AuthorityColumn) => [...new Set(refs.filter((r) => r.column === c).map((r) => r.value))];
  const sirets = values('siret');
  const bySiret = new Map((await store.refsBy('siret', sirets)).map((o) => [o.siret!, o]));
  const sirens = [...new Set([...values('siren'), ...sirets.filter((s) => !bySiret.has(s)).map((s) => s.slice(0, 9))])];
  const bySiren = new Map<string, OrganisationRef[]>();
  for (const o of await store.refsBy('siren', sirens)) bySiren.set(o.siren!, [...(bySiren.get(o.siren!) ?? []), o]);
  const byInsee = new Map<string, OrganisationRef[]>();
  for (const o of await store.refsBy('insee_code', values('insee'))) {
    byInsee.set(o.inseeCode!, [...(byInsee.get(o.inseeCode!) ?? []), o]);
  }
  /** One body among several: the geographic code's, else the commune, else ambiguous. */
  const single = (found: OrganisationRef[] | undefined, what: string): OrganisationRef | string => {
    if (!found?.length) return `aucune collectivité n’a le ${what}`;
    if (found.length === 1) return found[0]!;
    const cog = found.filter((o) => o.source === 'cog');
    const communes = (cog.length ? cog : found).filter((o) => o.type === 'commune');
    if (cog.length === 1) return cog[0]!;
    if (communes.length === 1) return communes[0]!;
    return `plusieurs organismes ont le ${what} (${found
      .slice(0, 3)
      .map((o) => `« ${o.name} »`)
      .join(', ')}) : donnez le SIRET`;
  };
  return (ref) => {
    if (ref.column === 'siret') {
      const hit = bySiret.get(ref.value);
      return (
        hit ?? single(bySiren.get(ref.value.slice(0, 9)), `SIRET ${ref.value} (ni son SIREN ${ref.value.slice(0, 9)})`)
      );
    }
    if (ref.column === 'siren') return single(bySiren.get(ref.value), `SIREN ${ref.value}`);
    return single(byInsee.get(ref.value), `code INSEE ${ref.value}`);
  };
}

/** Reads the file: records, header, size limits; file-level problems as errors of line 1 (or the quoting line). */
function readFile(
  context: OrganisationsContext,
  input: string | Uint8Array,
  allowed: readonly string[],
  required: readonly string[],
): { columns: Map<string, number>; rows: Row[]; errors: ImportLineError[] } {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (size > MAX_IMPORT_BYTES) {
    throw badRequest(`Le fichier dépasse ${MAX_IMPORT_BYTES / 1024 / 1024} Mo : découpez-le en plusieurs fichiers.`);
  }
  const reading = context.ports.csv.read(input);
  const errors: ImportLineError[] = reading.errors.map((e) => ({ line: e.line, message: e.message }));
  const [header, ...records] = reading.records;
  if (!header) return { columns: new Map(), rows: [], errors: [{ line: 1, message: 'le fichier est vide' }] };
  if (records.length > MAX_IMPORT_ROWS) {
    throw badRequest(`Le fichier compte ${records.length} lignes : ${MAX_IMPORT_ROWS} au plus par import.`);
  }
  const head = readHeader(header.fields, allowed, required);
  if (!head.ok)
    return { columns: new Map(), rows: [], errors: head.errors.map((m) => ({ line: header.line, message: m })) };
  const width = header.fields.length;
  const rows: Row[] = [];
  for (const r of records) {
    if (r.fields.every((f) => !f.trim())) continue;
    if (r.fields.length > width && r.fields.slice(width).some((f) => f.trim())) {
      errors.push({ line: r.line, message: `${r.fields.length} cellules pour ${width} colonnes` });
      continue;
    }
    rows.push({ line: r.line, cells: r.fields });
  }
  if (!rows.length && !errors.length) errors.push({ line: header.line + 1, message: 'aucune ligne après l’en-tête' });
  return { columns: head.columns, rows, errors };
}

function cellReader(columns: Map<string, number>, row: Row) {
  return (column: string) => {
    const index = columns.get(column);
    return index === undefined ? '' : (row.cells[index] ?? '').trim();
  };
}

/** The authority of each row, or an error on its line. */
async function authoritiesOfRows(context: OrganisationsContext, columns: Map<string, number>, rows: Row[]) {
  const refs = rows.map((row) => {
    const cell = cellReader(columns, row);
    return authorityRef((c) => (AUTHORITY_COLUMNS.includes(c) ? cell(c) : ''));
  });
  const resolve = await resolveAuthorities(
    context,
    refs.flatMap((r) => (r.ok ? [{ column: r.column, value: r.value }] : [])),
  );
  return refs.map((r) => {
    if (!r.ok) return r.message;
    return resolve(r);
  });
}

const sortErrors = (errors: ImportLineError[]) => errors.sort((a, b) => a.line - b.line);

export function createImportsService(context: OrganisationsContext) {
  const { db, audit, contacts, networks } = context;

  const mayImportContacts = (actor: CurrentUser | null) =>
    explainRefusal('Seuls les coordinateurs du réseau importent des contacts.', () =>
      authorize(actor, 'contact.import'),
    );

  return {
    /** Checks that `actor` may import contacts (coordinators), for the import page. */
    mayImportContacts,

    /**
     * The authority a person names by its SIREN (9 digits), SIRET (14) or INSEE code (5 characters), as an import
     * row would: a French field error `ref` otherwise.
     */
    async findAuthority(input: string): Promise<OrganisationRef> {
      const value = input.replace(/[\s\u00a0\u202f.-]/g, '').toUpperCase();
      const column: AuthorityColumn | null = /^\d{14}$/.test(value)
        ? 'siret'
        : /^\d{9}$/.test(value)
          ? 'siren'
          : /^(\d{5}|2[AB]\d{3})$/.test(value)
            ? 'insee'
            : null;
      if (!column) {
        throw new ValidationError({
          ref: value
            ? `« ${input.trim()} » n’est ni un SIREN (9 chiffres), ni un SIRET (14 chiffres), ni un code INSEE (5 caractères).`
            : 'Saisissez le SIREN, le SIRET ou le code INSEE de la collectivité.',
        });
      }
      const found = (await resolveAuthorities(context, [{ column, value }]))({ column, value });
      if (typeof found === 'string')
        throw new ValidationError({ ref: `${found.charAt(0).toUpperCase()}${found.slice(1)}.` });
      return found;
    },

    /**
     * Imports contacts (columns SIREN, SIRET or INSEE code; nom; fonction; e-mail; téléphone). An address already
     * among the authority's contacts is left as it is; the same authority and address twice in the file is an
     * error.
     */
    async importContacts(
      actor: CurrentUser | null,
      input: string | Uint8Array,
      options: { dryRun: boolean; fileName?: string },
    ): Promise<ImportReport> {
      mayImportContacts(actor);
      const file = readFile(
        context,
        input,
        [...AUTHORITY_COLUMNS, 'name', 'function', 'email', 'phone'],
        ['name', 'email'],
      );
      const report: ImportReport = {
        dryRun: options.dryRun,
        saved: false,
        rows: file.rows.length,
        added: [],
        unchanged: [],
        errors: file.errors,
      };
      const found = await authoritiesOfRows(context, file.columns, file.rows);
      const existing = await contacts.existingKeys(found.flatMap((o) => (typeof o === 'string' ? [] : [o.id])));
      const seen = new Map<string, number>();
      const toAdd: { organisationId: number; value: ContactInput }[] = [];
      file.rows.forEach((row, i) => {
        const cell = cellReader(file.columns, row);
        const org = found[i]!;
        const checked = validateContact({
          name: cell('name'),
          function: cell('function'),
          email: cell('email'),
          phone: cell('phone'),
        });
        const problems: string[] = [];
        if (typeof org === 'string') problems.push(org);
        if (!checked.ok) problems.push(...Object.values(checked.errors).map((m) => lowerFirst(m!)));
        if (problems.length || typeof org === 'string' || !checked.ok) {
          report.errors.push({ line: row.line, message: problems.join(' ; ') });
          return;
        }
        const key = `${org.id} ${checked.value.email}`;
        const first = seen.get(key);
        if (first !== undefined) {
          report.errors.push({
            line: row.line,
            message: `doublon de la ligne ${first} (${checked.value.email} pour « ${org.name} »)`,
          });
          return;
        }
        seen.set(key, row.line);
        const label = `${checked.value.name} <${checked.value.email}>`;
        if (existing.has(key)) {
          report.unchanged.push({ line: row.line, organisationName: org.name, label });
          return;
        }
        toAdd.push({ organisationId: org.id, value: checked.value });
        report.added.push({ line: row.line, organisationId: org.id, organisationName: org.name, label });
      });
      sortErrors(report.errors);
      if (report.errors.length || options.dryRun || !toAdd.length) return report;
      const source = options.fileName ? `import : ${options.fileName.slice(0, 120)}` : 'import';
      await db.transaction().execute(async (trx) => {
        await contacts.insertMany(
          trx,
          toAdd.map((c) => ({ organisationId: c.organisationId, input: c.value })),
          { source, createdBy: actor!.id },
        );
        await audit.record(
          {
            actorUserId: actor!.id,
            action: 'contact.imported',
            subjectType: 'organisation',
            details: { added: toAdd.length, file: options.fileName ?? null },
          },
          trx,
        );
      });
      report.saved = true;
      return report;
    },

    /** Imports a network's members (columns SIREN, SIRET or INSEE code; a « nom » column is read for people). */
    async importMembers(
      actor: CurrentUser | null,
      networkId: number,
      input: string | Uint8Array,
      options: { dryRun: boolean; fileName?: string },
    ): Promise<ImportReport> {
      const network = await networks.findById(networkId);
      if (!network) throw badRequest('Ce réseau n’existe pas (ou plus).');
      const coordinatorIds = await networks.coordinatorIds(networkId);
      explainRefusal('Seuls les coordinateurs de ce réseau importent ses membres.', () =>
        authorize(actor, 'network.manage', { coordinatorIds }),
      );
      const file = readFile(context, input, [...AUTHORITY_COLUMNS, 'name'], []);
      const report: ImportReport = {
        dryRun: options.dryRun,
        saved: false,
        rows: file.rows.length,
        added: [],
        unchanged: [],
        errors: file.errors,
      };
      const found = await authoritiesOfRows(context, file.columns, file.rows);
      const already = await networks.membersAmong(
        networkId,
        found.flatMap((o) => (typeof o === 'string' ? [] : [o.id])),
      );
      const seen = new Map<number, number>();
      file.rows.forEach((row, i) => {
        const org = found[i]!;
        if (typeof org === 'string') {
          report.errors.push({ line: row.line, message: org });
          return;
        }
        const first = seen.get(org.id);
        if (first !== undefined) {
          report.errors.push({ line: row.line, message: `doublon de la ligne ${first} (« ${org.name} »)` });
          return;
        }
        seen.set(org.id, row.line);
        if (already.has(org.id)) report.unchanged.push({ line: row.line, organisationName: org.name, label: org.name });
        else report.added.push({ line: row.line, organisationId: org.id, organisationName: org.name, label: org.name });
      });
      sortErrors(report.errors);
      if (report.errors.length || options.dryRun || !report.added.length) return report;
      const source = options.fileName ? `import : ${options.fileName.slice(0, 120)}` : 'import';
      await db.transaction().execute(async (trx) => {
        await networks.addMembers(
          trx,
          networkId,
          report.added.map((a) => a.organisationId),
          source,
        );
        await audit.record(
          {
            actorUserId: actor!.id,
            action: 'network.members_imported',
            subjectType: 'network',
            subjectId: networkId,
            details: { added: report.added.length, file: options.fileName ?? null },
          },
          trx,
        );
      });
      report.saved = true;
      return report;
    },
  };
}

function lowerFirst(message: string): string {
  const m = message.replace(/\.$/, '');
  return m.charAt(0).toLowerCase() + m.slice(1);
}

export type ImportsService = ReturnType<typeof createImportsService>;
