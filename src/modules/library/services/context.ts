/**
 * What every library service shares: the platform pieces, the store, the ports, and small helpers built on them
 * (records with their organisation, addresses, mail). No state: each service owns its own caches.
 */
import type { Actor } from '../../../platform/auth/authorize.ts';
import type { Db } from '../../../platform/db/database.ts';
import { notFound } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import {
  type OrganisationSummary,
  type PresentedUseCase,
  present,
  slugify,
  type UseCaseRecord,
  type Viewer,
  viewerOf,
} from '../model.ts';
import type { LibraryPorts } from '../ports.ts';
import type { LibraryStore, UseCaseRow } from '../store.ts';

/** Job type that sends the library's mail (enqueued in the same transaction as the act). */
export const MAIL_JOB = 'library.send_mail';

export interface LibraryContext {
  platform: Platform;
  store: LibraryStore;
  ports: LibraryPorts;
}

/** The address of a use case's page: « /bibliotheque/12-prevision-des-repas ». */
export const useCasePath = (u: { id: number; slug: string }) => `/bibliotheque/${u.id}-${u.slug}`;

/** The site's address without its trailing slash. */
export const baseUrlOf = (platform: Platform) => platform.config.baseUrl.replace(/\/$/, '');

/** The absolute address of a use case's page (mail, feeds, exports). */
export function useCaseUrl(platform: Platform, u: { id: number; slug: string }): string {
  return `${baseUrlOf(platform)}${useCasePath(u)}`;
}

export function unknownOrganisation(id: number): OrganisationSummary {
  return { id, name: 'Organisation inconnue', type: null, siren: null, siret: null, country: 'FR' };
}

/** The stored row as a record: `working` gives editors the pending revision instead of the published content. */
export function recordOf(row: UseCaseRow, org: OrganisationSummary, working = false): UseCaseRecord {
  return {
    id: row.id,
    slug: row.slug,
    organisationId: row.organisationId,
    organisation: org,
    state: row.state,
    revision: row.revision,
    version: row.version,
    content: working && row.draftContent ? row.draftContent : row.content,
    externalKey: row.externalKey,
    createdAt: row.createdAt,
    updatedAt: row.contentUpdatedAt ?? row.updatedAt,
    publishedAt: row.publishedAt,
    archivedAt: row.archivedAt,
    archiveReason: row.archiveReason,
  };
}

/** Records (rows with their organisation) and presentation, shared by the services that read use cases. */
export function createRecords({ store, ports }: Pick<LibraryContext, 'store' | 'ports'>) {
  /** `known`: organisations already read (e.g. while the rows loaded); the others are read now. */
  async function records(
    rows: UseCaseRow[],
    working = false,
    known?: ReadonlyMap<number, OrganisationSummary>,
  ): Promise<UseCaseRecord[]> {
    const missing = rows.map((r) => r.organisationId).filter((id) => !known?.has(id));
    const summaries = new Map(known);
    if (missing.length) for (const [id, o] of await ports.organisations.summaries(missing)) summaries.set(id, o);
    return rows.map((r) =>
      recordOf(r, summaries.get(r.organisationId) ?? unknownOrganisation(r.organisationId), working),
    );
  }

  return {
    records,

    /** A use case's row, or 404. */
    async rowOrThrow(id: number, trx?: Db): Promise<UseCaseRow> {
      const row = await store.findById(id, trx);
      if (!row) throw notFound("Cette fiche n'existe pas (ou plus).");
      return row;
    },

    /** The organisation of a use case, as the library shows it. */
    async organisationOf(organisationId: number): Promise<OrganisationSummary> {
      const found = (await ports.organisations.summaries([organisationId])).get(organisationId);
      return found ?? unknownOrganisation(organisationId);
    },

    /** A row presented to `actor` (null when they may not see it). */
    async presentFor(actor: Actor, row: UseCaseRow, working = false): Promise<PresentedUseCase | null> {
      const [record] = await records([row], working);
      return present(record!, viewerOf(actor));
    },

    /** Rows presented to `actor`, those they may not see left out. */
    async presentAll(
      actor: Actor,
      rows: UseCaseRow[],
      working = false,
      known?: ReadonlyMap<number, OrganisationSummary>,
    ): Promise<PresentedUseCase[]> {
      const viewer = viewerOf(actor);
      return (await records(rows, working, known))
        .map((r) => present(r, viewer))
        .filter((p): p is PresentedUseCase => !!p);
    },
  };
}

export type Records = ReturnType<typeof createRecords>;

/** A use case in a list of an authority's or of the coordinators' use cases (view-model). */
export function listed(record: UseCaseRecord, row: UseCaseRow, viewer: Viewer) {
  return { useCase: present(record, viewer)!, path: useCasePath(row), updatedAt: row.updatedAt };
}

export type ListedUseCase = ReturnType<typeof listed>;

/** A free slug for a title (« prevision-des-repas », then « prevision-des-repas-2 »…); `taken` for batches. */
export async function uniqueSlug(
  store: LibraryStore,
  title: string | null,
  trx: Db,
  taken?: Set<string>,
): Promise<string> {
  const base = slugify(title ?? 'fiche', 70);
  const used = taken ?? (await store.slugsNear([base], new Set([base]), trx));
  let slug = base;
  for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
  used.add(slug);
  return slug;
}

/**
 * The library's mail: enqueued as a `library.send_mail` job in the caller's transaction (sent if and only if the act
 * commits), signed with the site's name and address. Recipients are read before a transaction opens (on SQLite a
 * read outside the transaction would wait for it).
 */
export function createMail(platform: Platform) {
  const signature = ['', '—', 'Bibliothèque IA des territoires', baseUrlOf(platform)];
  return function mail(to: string | readonly string[], subject: string, lines: string[], trx: Db): Promise<void> {
    const list = (typeof to === 'string' ? [to] : [...to]).filter(Boolean);
    if (!list.length) return Promise.resolve();
    const text = [...lines, ...signature].join('\n');
    return platform.jobs.enqueue(MAIL_JOB, { to: [...new Set(list)], subject, text }, {}, trx);
  };
}

export type Mail = ReturnType<typeof createMail>;
