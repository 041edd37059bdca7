/**
 * What the library needs from other modules, as plain functions (wired in src/modules/index.ts; the adapter over the
 * organisations and accounts modules is organisations-adapter.ts). The library never reads their tables.
 */
import type { RawBuilder } from 'kysely';
import type { VNode } from 'preact';
import type { CurrentUser } from '../../platform/auth/user.ts';
import type { Db } from '../../platform/db/database.ts';
import type { EthicsStatus } from './model/upkeep.ts';
import type { ImportOrganisation, OrganisationSummary } from './model.ts';

/** French administrative divisions, by code. */
export interface Divisions {
  departements: Map<string, string>;
  regions: Map<string, string>;
  /** Département code -> région code. */
  regionOf: Map<string, string>;
}

/** Authorities and other bodies (the organisations module). */
export interface LibraryOrganisations {
  /** Public summaries of organisations by id (unknown ids are absent). */
  summaries(ids: readonly number[]): Promise<Map<number, OrganisationSummary>>;
  divisions(): Promise<Divisions>;
  /** An organisation by its stable code (« commune:69123 »), or null. */
  byCode(code: string): Promise<{ id: number } | null>;
  /**
   * The organisation an imported row belongs to: by SIRET/SIREN, then by the code an earlier import gave the body,
   * then by name for départements and régions.
   */
  match(org: ImportOrganisation): Promise<number | null>;
  /** `match` for many rows at once, in the same order. */
  matchMany(orgs: readonly ImportOrganisation[]): Promise<(number | null)[]>;
  /**
   * Creates the body of an imported row that `match` did not find, in the caller's transaction (or finds the one
   * created meanwhile under the same code).
   */
  create(org: ImportOrganisation, trx: Db): Promise<{ id: number; created: boolean }>;
  /** E-mail addresses of an authority's active members (they write its use cases). */
  memberEmails(organisationId: number): Promise<string[]>;
  /** Bodies whose normalised name is that of `name` (imports: rows whose identifier is missing or wrong). */
  byName(name: string): Promise<NameCandidate[]>;
  /**
   * Keeps SIRETs given by an import on bodies that have none (each checked: control key, SIREN of the body), in the
   * caller's transaction; the ids of the bodies that took theirs.
   */
  keepSirets(updates: readonly { organisationId: number; siret: string }[], trx: Db): Promise<number[]>;
  /** « Contacter l'équipe »: writes to the editors of these bodies (organisations api `contactEditors`). */
  contactEditors(
    actor: CurrentUser | null,
    target: { kind: string; id: number; title: string; path: string; organisationIds: readonly number[] },
    input: { objet?: string; message?: string; site_web?: string },
  ): Promise<number>;
}

/** A body with the name of an imported row (id 0 and a code: a body the import is about to create). */
export interface NameCandidate {
  id: number;
  code?: string;
  name: string;
  country: string;
  siren: string | null;
  departementCode: string | null;
  latitude: number | null;
  longitude: number | null;
}

/** People to notify and to name (the accounts module). */
export interface LibraryPeople {
  coordinatorEmails(): Promise<string[]>;
  userEmails(ids: readonly number[]): Promise<Map<number, { email: string; name: string }>>;
  /** A person's current rights (role, active memberships); null for an unknown or disabled account. */
  currentUser(id: number): Promise<CurrentUser | null>;
}

/** What responsible AI says of the sheets (the ethics module): completeness and the library's filters. */
export interface LibraryEthics {
  /** Per sheet (all sheets without ids): a signed self-assessment, a published one, a published notice. */
  statusOf(useCaseIds?: readonly number[]): Promise<Map<number, EthicsStatus>>;
  /**
   * A counter that moves whenever `statusOf` may answer differently (added to the catalogue's version), as a scalar
   * subquery: the catalogue reads it with the library's own counter in one statement, on every request.
   */
  versionQuery(): RawBuilder<unknown>;
}

/** An entry of the library's Atom feed given by another module (addresses: a path of this site or absolute). */
export interface FeedEntry {
  /** Unique and stable per entry: a new version is a new entry. */
  id: string;
  title: string;
  href: string;
  /** ISO 8601. */
  updated: string;
  published: string | null;
  author: string;
  category: { term: string; label: string } | null;
  summary: string;
}

/** Entries other modules add to the library's Atom feed (responsible AI: published transparency notices). */
export interface LibraryFeed {
  /** The most recent entries, at most `limit`, public content only. */
  entries(limit: number): Promise<FeedEntry[]>;
}

export interface LibraryPorts {
  organisations: LibraryOrganisations;
  people: LibraryPeople;
  /** Absent: the feed lists the sheets only. */
  feed?: LibraryFeed;
  /** Absent (module tests, a product without responsible AI): no sheet has an assessment or a notice. */
  ethics?: LibraryEthics;
  /** Absent: the sheet page lists no commons. */
  commons?: LibraryCommons;
  /** Absent: the sheet page has no « Contributions citoyennes » section. */
  voice?: LibraryVoice;
  /** Absent: the sheet page has no « Mutualisation » block. */
  pooling?: LibraryPooling;
  /** Absent: the sheet's texts link to no glossary. */
  glossary?: LibraryGlossary;
  /** Absent: the sheet page lists no consultation. */
  consultations?: { ofSheet(useCaseId: number): Promise<{ title: string; path: string }[]> };
}

/** A piece of a text: plain, or a glossary word with its term and a one-sentence hint. */
export type GlossarySegment = { text: string } | { text: string; slug: string; term: string; hint: string };

/** The glossary of AI terms (pages module): its words are linked where they appear in the sheet's texts. */
export interface LibraryGlossary {
  /** `text` cut into segments, each term marked once per `seen` set (the caller keeps one set per section). */
  link(text: string, seen?: Set<string>): GlossarySegment[];
}

/** The « Mutualisation » block (pooling module: « Nous faisons pareil ») of a published sheet's page. */
export interface LibraryPooling {
  sheetSection(
    actor: CurrentUser | null,
    sheet: { id: number; organisationId: number; published: boolean; title: string; path: string },
  ): Promise<VNode<any> | null>;
}

/** The « Contributions citoyennes » of a published sheet (voice module): one page of its thread, its form. */
export interface LibraryVoice {
  /** Null when the sheet is not published; `query`: the page's query string (the thread's page number). */
  threadView(
    kind: 'use_case',
    id: number,
    user: CurrentUser | null,
    query: Record<string, unknown>,
  ): Promise<VNode<any> | null>;
}

/** The commons entries (commons module) that use a sheet, shown on its page. */
export interface LibraryCommons {
  usingSheet(useCaseId: number): Promise<{ name: string; path: string }[]>;
}
