/**
 * One batch of an import: planned from reads only (the same plan for a dry run and for the real run, so that both
 * report the same counts), then applied in one short transaction that also records how far the import went.
 *
 * An existing use case keeps its authority unless the import is asked to move it (`rehome`): the report names the
 * use cases left in place. A use case changes only in the fields the file provides.
 */

import type { Actor } from '../../../platform/auth/authorize.ts';
import type { Db } from '../../../platform/db/database.ts';
import { ConflictError } from '../../../platform/http/errors.ts';
import type { AnalysedDocument, VocabularyChanges } from '../../../platform/search/index.ts';
import type { ContentKey } from '../fields.ts';
import {
  type ImportRecord,
  isWebUrl,
  type OrganisationSummary,
  slugify,
  type UseCaseContent,
  type UseCaseRecord,
  withDefaults,
} from '../model.ts';
import type { NewUseCase, UseCaseRow } from '../store.ts';
import { type LibraryContext, unknownOrganisation } from './context.ts';
import { orgKey, type Resolution } from './import-organisations.ts';
import { LOGO_JOB } from './logos.ts';
import type { LibrarySearch } from './search.ts';

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A use case written by an import, as the search index needs it. */
export interface Touched {
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

/** A use case the file names that stays with its authority (the file names another one). */
export interface LeftInPlace {
  line: number;
  id: number;
  title: string;
  currentOrganisationId: number;
  fileOrganisation: string;
}

type Step =
  | { kind: 'create'; record: ImportRecord; resolution: Resolution }
  | {
      kind: 'update';
      record: ImportRecord;
      row: UseCaseRow;
      resolution: Resolution;
      merged: UseCaseContent;
      publish: boolean;
      move: boolean;
    }
  | { kind: 'unchanged'; record: ImportRecord };

/** The content an update step leaves on its use case (the merged content once published, else the stored one). */
const contentAfter = (s: Extract<Step, { kind: 'update' }>): UseCaseContent => (s.publish ? s.merged : s.row.content);

/** Slugs are cut at this length before a number is added (as for a use case written in the site). */
const SLUG_BASE_LENGTH = 70;

export interface BatchPlan {
  steps: Step[];
  /**
   * The search document of each step (null: not indexed; unchanged steps have none), analysed by `prepare` before
   * the batch's transaction: the analysis is most of the cost of indexing, and the transaction holds the database.
   */
  documents?: (AnalysedDocument | null)[];
  created: number;
  updated: number;
  unchanged: number;
  leftInPlace: LeftInPlace[];
}

export interface BatchOptions {
  fields: ReadonlySet<ContentKey>;
  state: 'draft' | 'published';
  rehome: boolean;
}

export function createImportBatches(ctx: LibraryContext & { search: LibrarySearch }) {
  const { store, ports, search, platform } = ctx;

  /**
   * A free slug for each title, as `uniqueSlug` picks them (« prevision-des-repas », then « …-2 »…), read for the
   * whole batch at once: the bases in use, and the numbered forms of the bases that are taken or repeated.
   */
  async function freeSlugs(titles: readonly (string | null)[], trx: Db): Promise<string[]> {
    const bases = titles.map((t) => slugify(t ?? 'fiche', SLUG_BASE_LENGTH));
    const seen = new Set<string>();
    const repeated = new Set<string>();
    for (const b of bases) (seen.has(b) ? repeated : seen).add(b);
    const used = await store.slugsNear(bases, repeated, trx);
    // Bases whose numbered forms were read (those found taken, or repeated, by the batched read).
    const numbered = new Set([...seen].filter((b) => used.has(b) || repeated.has(b)));
    const out: string[] = [];
    for (const base of bases) {
      // A base taken by another row's numbered slug in this batch (« x-2 » given to a second « x »).
      if (used.has(base) && !numbered.has(base)) {
        for (const slug of await store.slugsNear([base], new Set([base]), trx)) used.add(slug);
        numbered.add(base);
      }
      let slug = base;
      for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
      used.add(slug);
      out.push(slug);
    }
    return out;
  }

  /** What the batch would do, from reads only. `claimed`: use cases already matched by earlier rows of the file. */
  async function plan(
    records: readonly ImportRecord[],
    resolutions: ReadonlyMap<string, Resolution>,
    options: BatchOptions,
    claimed: Set<number>,
  ): Promise<BatchPlan> {
    const keys = records.flatMap((r) => (r.legacyKey ? [r.externalKey, r.legacyKey] : [r.externalKey]));
    const ids = await store.idsByExternalKeys(keys);
    const rows = new Map(
      (await store.findByIds([...new Set([...ids.values()].map((v) => v.id))])).map((r) => [r.id, r]),
    );
    const rowOf = (key: string | undefined) => {
      const id = key ? ids.get(key)?.id : undefined;
      return id !== undefined ? rows.get(id) : undefined;
    };
    const out: BatchPlan = { steps: [], created: 0, updated: 0, unchanged: 0, leftInPlace: [] };
    for (const record of records) {
      const resolution = resolutions.get(orgKey(record.organisation))!;
      let row = rowOf(record.externalKey);
      if (!row && record.legacyKey) {
        const legacy = rowOf(record.legacyKey);
        if (legacy && !claimed.has(legacy.id)) row = legacy;
      }
      if (!row || claimed.has(row.id)) {
        out.steps.push({ kind: 'create', record, resolution });
        out.created++;
        continue;
      }
      claimed.add(row.id);
      const fileOrg = resolution.id;
      const differs = fileOrg !== row.organisationId;
      const move = differs && options.rehome;
      if (differs && !move) {
        out.leftInPlace.push({
          line: record.line,
          id: row.id,
          title: row.content.title ?? '',
          currentOrganisationId: row.organisationId,
          fileOrganisation: record.organisation.name,
        });
      }
      const base = row.state === 'published' ? (row.draftContent ?? row.content) : row.content;
      const merged = withDefaults({ ...base });
      for (const key of options.fields) Object.assign(merged, { [key]: record.content[key] });
      merged.commonsCategory = base.commonsCategory ?? record.content.commonsCategory;
      const publish = options.state === 'published' || row.state === 'published';
      const sameContent = sameJson(merged, row.content) && !row.draftContent;
      if (sameContent && !move && (row.state === 'published' || !publish)) {
        out.steps.push({ kind: 'unchanged', record });
        out.unchanged++;
        continue;
      }
      out.steps.push({ kind: 'update', record, row, resolution, merged, publish, move });
      out.updated++;
    }
    return out;
  }

  /** The organisation a use case will belong to as its search document names it (bodies not created yet too). */
  function summaryFor(r: Resolution, summaries: ReadonlyMap<number, OrganisationSummary>): OrganisationSummary {
    if (r.id !== null) return summaries.get(r.id) ?? unknownOrganisation(r.id);
    return {
      id: 0,
      name: r.org.name,
      type: r.org.type ?? 'autre',
      siren: r.org.siren,
      siret: r.org.siret,
      country: r.org.country,
    };
  }

  /**
   * Analyses the search documents of a planned batch (`loadSummaries` first), before its transaction, letting the
   * event loop go through `pace` (pages served meanwhile wait at most a few milliseconds).
   */
  async function prepare(
    batch: BatchPlan,
    state: 'draft' | 'published',
    summaries: ReadonlyMap<number, OrganisationSummary>,
    pace: () => Promise<void>,
  ): Promise<void> {
    const at = platform.clock.iso();
    const documents: (AnalysedDocument | null)[] = [];
    for (const s of batch.steps) {
      if (s.kind === 'unchanged') {
        documents.push(null);
        continue;
      }
      const touched: Touched =
        s.kind === 'create'
          ? { id: 0, slug: '', organisationId: s.resolution.id ?? 0, state, content: s.record.content }
          : {
              id: s.row.id,
              slug: s.row.slug,
              organisationId: s.move ? (s.resolution.id ?? 0) : s.row.organisationId,
              state: s.publish ? 'published' : s.row.state,
              content: contentAfter(s),
            };
      const organisation =
        s.kind === 'update' && !s.move
          ? (summaries.get(s.row.organisationId) ?? unknownOrganisation(s.row.organisationId))
          : summaryFor(s.resolution, summaries);
      documents.push(search.prepareDocument(writtenRecord(touched, organisation, at)));
      await pace();
    }
    batch.documents = documents;
  }

  /**
   * Writes a planned batch in the caller's transaction. `createdIds` (bodies created by earlier batches, by code) is
   * only read: the bodies this batch creates are returned, to be remembered once the transaction commits.
   */
  async function apply(
    batch: BatchPlan,
    input: {
      actor: Actor;
      state: 'draft' | 'published';
      createdIds: ReadonlyMap<string, number>;
      keptSirets: ReadonlySet<string>;
      summaries: Map<number, OrganisationSummary>;
      /**
       * Whether the library's catalogues should see the new use cases now (the change counter moves: pages served
       * meanwhile reload them and compute their results again), or at a later batch (`hidden`: some are waiting).
       */
      show: boolean;
      hidden: boolean;
      /** Where the batch's vocabulary changes are gathered instead of applied (the caller applies them later). */
      vocabulary?: VocabularyChanges;
    },
    trx: Db,
  ): Promise<{ createdBodies: Map<string, number>; siretsKept: string[] }> {
    const { actor, state, summaries } = input;
    const at = platform.clock.iso();
    const createdBodies = new Map<string, number>();
    const bodyOf = async (r: Resolution): Promise<number> => {
      if (r.id !== null) return r.id;
      const code = r.createCode!;
      const known = input.createdIds.get(code) ?? createdBodies.get(code);
      if (known) return known;
      const made = await ports.organisations.create(r.org, trx);
      createdBodies.set(code, made.id);
      summaries.set(made.id, {
        id: made.id,
        name: r.org.name,
        type: r.org.type ?? 'autre',
        siren: r.org.siren,
        siret: r.org.siret,
        country: r.org.country,
      });
      return made.id;
    };
    // SIRETs of the file kept on bodies that had none (first batch that names the body).
    const keep = new Map<string, { organisationId: number; siret: string }>();
    for (const s of batch.steps) {
      if (s.kind === 'unchanged') continue;
      const r = s.resolution;
      if (r.keepSiret && r.id !== null && !input.keptSirets.has(r.keepSiret)) {
        keep.set(r.keepSiret, { organisationId: r.id, siret: r.keepSiret });
      }
    }
    if (keep.size) await ports.organisations.keepSirets([...keep.values()], trx);

    if (!batch.documents) await prepare(batch, state, summaries, async () => {});
    const documents = batch.documents!;
    const indexed: { id: number; document: AnalysedDocument | null }[] = [];
    const freshDocuments: (AnalysedDocument | null)[] = [];
    const fresh: NewUseCase[] = [];
    // Each logo address is fetched once by the server (a job per address, whatever the number of sheets using it).
    const logos = new Set<string>();
    const logoOf = (content: UseCaseContent) => {
      if (content.logoUrl && isWebUrl(content.logoUrl)) logos.add(content.logoUrl);
    };
    const slugs = await freeSlugs(
      batch.steps.flatMap((s) => (s.kind === 'create' ? [s.record.content.title] : [])),
      trx,
    );
    for (const [i, s] of batch.steps.entries()) {
      if (s.kind === 'unchanged') continue;
      if (s.kind === 'create') {
        freshDocuments.push(documents[i] ?? null);
        fresh.push({
          slug: slugs[fresh.length]!,
          organisationId: await bodyOf(s.resolution),
          state,
          content: s.record.content,
          externalKey: s.record.externalKey,
          createdBy: actor?.id ?? null,
          publishedAt: state === 'published' ? at : null,
        });
        continue;
      }
      const { row, merged, publish } = s;
      const organisationId = s.move ? await bodyOf(s.resolution) : row.organisationId;
      const changes = publish
        ? {
            state: 'published' as const,
            revision: null,
            content: merged,
            draftContent: null,
            organisationId,
            publishedAt: row.publishedAt ?? at,
            contentUpdatedAt: at,
            updatedBy: actor?.id ?? null,
          }
        : { content: merged, organisationId, updatedBy: actor?.id ?? null };
      const newVersion = await store.update(row.id, row.version, changes, trx);
      if (newVersion === null) throw new ConflictError('Une fiche a changé pendant l’import. Relancez-le.');
      if (publish && !sameJson(merged, row.content)) {
        await store.insertVersion({ useCaseId: row.id, publishedBy: actor?.id ?? null, publishedAt: at }, trx);
      }
      logoOf(contentAfter(s));
      indexed.push({ id: row.id, document: documents[i] ?? null });
    }
    const ids = input.show
      ? await store.insertMany(fresh, trx)
      : await store.insertMany(fresh, trx, fresh.length ? await store.pendingSeq(trx) : undefined);
    if (input.show && !fresh.length && input.hidden) await store.nextSeq(trx);
    fresh.forEach((f, i) => {
      logoOf(f.content);
      indexed.push({ id: ids[i]!, document: freshDocuments[i]! });
    });
    for (const url of logos) await platform.jobs.enqueue(LOGO_JOB, { url }, { uniqueKey: `logo:${url}` }, trx);
    await search.indexPrepared(indexed, trx, input.vocabulary);
    return { createdBodies, siretsKept: [...keep.keys()] };
  }

  /** Loads the summaries a batch's search documents need (before its transaction: on SQLite a read outside it waits). */
  async function loadSummaries(batch: BatchPlan, summaries: Map<number, OrganisationSummary>): Promise<void> {
    const wanted = new Set<number>();
    for (const s of batch.steps) {
      if (s.kind === 'create' && s.resolution.id !== null) wanted.add(s.resolution.id);
      if (s.kind === 'update') {
        wanted.add(s.row.organisationId);
        if (s.resolution.id !== null) wanted.add(s.resolution.id);
      }
    }
    const missing = [...wanted].filter((id) => !summaries.has(id));
    if (missing.length) for (const [id, o] of await ports.organisations.summaries(missing)) summaries.set(id, o);
  }

  return { plan, prepare, apply, loadSummaries };
}

export type ImportBatches = ReturnType<typeof createImportBatches>;
