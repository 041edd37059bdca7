/**
 * Imports of Interconnectés and PSTW files (an administrator's act, or the command line): nothing is written when the
 * file has errors; a dry run only reports; re-importing the same file updates the same use cases (stable external
 * keys) and changes only the fields the file provides. Imported use cases are published unless imported as drafts.
 */
import type { Actor } from '../../../platform/auth/authorize.ts';
import type { Db } from '../../../platform/db/database.ts';
import { ConflictError } from '../../../platform/http/errors.ts';
import type { ContentKey } from '../fields.ts';
import { parseInterconnectes } from '../formats/interconnectes.ts';
import { parsePstw } from '../formats/pstw.ts';
import {
  type ImportIssue,
  type ImportParseResult,
  type ImportRecord,
  type OrganisationSummary,
  type UseCaseContent,
  type UseCaseRecord,
  withDefaults,
} from '../model.ts';
import { authorizeOr } from '../policy.ts';
import type { NewUseCase, UseCaseRow } from '../store.ts';
import { type LibraryContext, uniqueSlug, unknownOrganisation } from './context.ts';
import type { LibrarySearch } from './search.ts';

export type ImportFormat = 'interconnectes' | 'pstw';

export interface ImportReport {
  format: ImportFormat;
  variant: string;
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  organisationsCreated: number;
  organisationsMatched: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  ms: number;
}

export interface ImportInput {
  format: ImportFormat;
  data: string | Uint8Array;
  dryRun?: boolean;
  asDraft?: boolean;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const orgKey = (o: ImportRecord['organisation']) => `${o.siret ?? o.siren ?? ''}|${o.country}|${o.name}`;

/** A use case written by an import, as the search index needs it. */
interface Touched {
  id: number;
  slug: string;
  organisationId: number;
  state: UseCaseRow['state'];
  content: UseCaseContent;
}

/** A record of a use case written at `at` (search documents of imported and demo use cases). */
export function writtenRecord(t: Touched, organisation: OrganisationSummary, at: string): UseCaseRecord {
  return {
    id: t.id,
    slug: t.slug,
    organisationId: t.organisationId,
    organisation,
    state: t.state,
    revision: null,
    version: 1,
    content: t.content,
    externalKey: null,
    createdAt: at,
    updatedAt: at,
    publishedAt: at,
    archivedAt: null,
    archiveReason: null,
  };
}

export function createImportService(ctx: LibraryContext & { search: LibrarySearch }) {
  const { platform, store, ports, search } = ctx;
  const { db, audit, clock } = platform;

  /** Every organisation of the file: matched before any transaction (reads of another module), many at a time. */
  async function matchOrganisations(parsed: ImportParseResult): Promise<Map<string, number | null>> {
    const distinct = [...new Map(parsed.records.map((r) => [orgKey(r.organisation), r.organisation])).entries()];
    const found = await ports.organisations.matchMany(distinct.map(([, o]) => o));
    return new Map<string, number | null>(distinct.map(([k], i) => [k, found[i]!]));
  }

  /** Organisation ids of every row; those not matched are created in the transaction. */
  async function organisationIds(
    parsed: ImportParseResult,
    matched: Map<string, number | null>,
    summaries: Map<number, OrganisationSummary>,
    report: ImportReport,
    trx: Db,
  ): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    for (const r of parsed.records) {
      const k = orgKey(r.organisation);
      if (ids.has(k)) continue;
      const found = matched.get(k);
      if (found) {
        ids.set(k, found);
        report.organisationsMatched++;
        continue;
      }
      const created = await ports.organisations.create(r.organisation, trx);
      ids.set(k, created.id);
      if (created.created) report.organisationsCreated++;
      else report.organisationsMatched++;
      const o = r.organisation;
      summaries.set(created.id, {
        id: created.id,
        name: o.name,
        type: o.type ?? 'autre',
        siren: o.siren,
        siret: o.siret,
        country: o.country,
      });
    }
    return ids;
  }

  /** Updates an existing use case with the file's fields; null when nothing changes. */
  async function updateExisting(
    r: ImportRecord,
    id: number,
    organisationId: number,
    fields: Set<ContentKey>,
    state: 'draft' | 'published',
    actor: Actor,
    at: string,
    trx: Db,
  ): Promise<Touched | null> {
    const row = (await store.findById(id, trx))!;
    const base = row.state === 'published' ? (row.draftContent ?? row.content) : row.content;
    const merged = withDefaults({ ...base });
    for (const key of fields) Object.assign(merged, { [key]: r.content[key] });
    merged.commonsCategory = base.commonsCategory ?? r.content.commonsCategory;
    const publish = state === 'published' || row.state === 'published';
    const sameContent = sameJson(merged, row.content) && !row.draftContent;
    if (sameContent && row.organisationId === organisationId && (row.state === 'published' || !publish)) return null;
    const newVersion = await store.update(
      row.id,
      row.version,
      publish
        ? {
            state: 'published',
            revision: null,
            content: merged,
            draftContent: null,
            organisationId,
            publishedAt: row.publishedAt ?? at,
            contentUpdatedAt: at,
            updatedBy: actor?.id ?? null,
          }
        : { content: merged, organisationId, updatedBy: actor?.id ?? null },
      trx,
    );
    if (newVersion === null) throw new ConflictError('Une fiche a changé pendant l’import. Relancez-le.');
    if (publish && !sameJson(merged, row.content)) {
      await store.insertVersion(
        { useCaseId: row.id, content: merged, publishedBy: actor?.id ?? null, publishedAt: at },
        trx,
      );
    }
    return {
      id: row.id,
      slug: row.slug,
      organisationId,
      state: publish ? 'published' : row.state,
      content: publish ? merged : row.content,
    };
  }

  /** Writes the parsed file in one transaction (the report counts what changed). */
  async function write(
    actor: Actor,
    input: ImportInput,
    parsed: ImportParseResult,
    existing: Map<string, { id: number }>,
    matched: Map<string, number | null>,
    report: ImportReport,
  ): Promise<void> {
    const fields = new Set<ContentKey>(parsed.fields);
    const state = input.asDraft ? 'draft' : 'published';
    const summaries = await ports.organisations.summaries([...matched.values()].filter((v): v is number => v !== null));
    await db.transaction().execute(async (trx) => {
      const orgIds = await organisationIds(parsed, matched, summaries, report, trx);
      const at = clock.iso();
      const taken = await store.slugsLike('', trx);
      const touched: Touched[] = [];
      const fresh: NewUseCase[] = [];
      for (const r of parsed.records) {
        const organisationId = orgIds.get(orgKey(r.organisation))!;
        const found = existing.get(r.externalKey);
        if (!found) {
          fresh.push({
            slug: await uniqueSlug(store, r.content.title, trx, taken),
            organisationId,
            state,
            content: r.content,
            externalKey: r.externalKey,
            createdBy: actor?.id ?? null,
            publishedAt: state === 'published' ? at : null,
          });
          report.created++;
          continue;
        }
        const t = await updateExisting(r, found.id, organisationId, fields, state, actor, at, trx);
        if (t) {
          touched.push(t);
          report.updated++;
        } else report.unchanged++;
      }
      const ids = await store.insertMany(fresh, trx);
      fresh.forEach((f, i) => {
        touched.push({
          id: ids[i]!,
          slug: f.slug,
          organisationId: f.organisationId,
          state: f.state,
          content: f.content,
        });
      });
      // Search index, in the same transaction.
      await search.indexMany(
        touched.map((t) =>
          writtenRecord(t, summaries.get(t.organisationId) ?? unknownOrganisation(t.organisationId), at),
        ),
        trx,
      );
      await audit.record(
        {
          actorUserId: actor?.id ?? null,
          action: 'use_case.imported',
          subjectType: 'import',
          subjectId: input.format,
          details: { rows: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged },
        },
        trx,
      );
    });
  }

  /**
   * Imports an Interconnectés or PSTW file. An administrator's act (or the command line: `system`, actor null).
   * Nothing is written when the file has errors; `dryRun` only reports.
   */
  async function importFile(
    actor: Actor,
    input: ImportInput,
    options: { system?: boolean } = {},
  ): Promise<ImportReport> {
    if (!options.system) authorizeOr('Seuls les administrateurs importent des fiches.', actor, 'use_case.import');
    const started = performance.now();
    const parsed: ImportParseResult = input.format === 'pstw' ? parsePstw(input.data) : parseInterconnectes(input.data);
    const report: ImportReport = {
      format: input.format,
      variant: parsed.variant,
      dryRun: !!input.dryRun,
      rows: parsed.rows,
      created: 0,
      updated: 0,
      unchanged: 0,
      organisationsCreated: 0,
      organisationsMatched: 0,
      errors: parsed.errors,
      warnings: parsed.warnings,
      ms: 0,
    };
    const finish = () => {
      report.ms = Math.round(performance.now() - started);
      return report;
    };
    if (parsed.errors.length) return finish();
    const existing = await store.idsByExternalKeys(parsed.records.map((r) => r.externalKey));
    const matched = await matchOrganisations(parsed);
    if (input.dryRun) {
      for (const r of parsed.records) {
        if (existing.has(r.externalKey)) report.updated++;
        else report.created++;
      }
      report.organisationsMatched = [...matched.values()].filter((v) => v !== null).length;
      report.organisationsCreated = [...matched.values()].filter((v) => v === null).length;
      return finish();
    }
    await write(actor, input, parsed, existing, matched, report);
    return finish();
  }

  return {
    importFile,
    /** Throws unless the person may import (the import page). */
    mayImport(actor: Actor): void {
      authorizeOr('Seuls les administrateurs importent des fiches.', actor, 'use_case.import');
    },
    reindexAll: search.rebuild,
  };
}

export type ImportService = ReturnType<typeof createImportService>;
