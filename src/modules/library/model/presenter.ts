/**
 * Use-case records, viewers and THE presenter: what a viewer may see of a use case. The presenter (`present`) is the
 * one door through which a use case leaves the module: pages, API responses, exports, feeds, search indexing and
 * snippets all read presented use cases, so a restricted value cannot reach someone without access by another path.
 */
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { OrganisationType } from '../../organisations/index.ts';
import { type AccessLevel, canRead, FIELDS, fieldDef, type UseCaseContent } from '../fields.ts';
import { displayValue } from './content.ts';
import type { RevisionState, WorkflowRole, WorkflowState } from './workflow.ts';

/** What the library needs to know about a use case's organisation (all public information). */
export interface OrganisationSummary {
  id: number;
  name: string;
  slug?: string | null;
  type: OrganisationType | null;
  siren: string | null;
  siret: string | null;
  /** ISO 3166-1 alpha-2 code (« FR »). */
  country: string;
  /** INSEE code (commune, département, région) or SIREN (intercommunality): places it on the map. */
  inseeCode?: string | null;
  departementCode?: string | null;
  regionCode?: string | null;
  logoUrl?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

/** A use case as stored: the current content (the published version, or the draft before first publication). */
export interface UseCaseRecord {
  id: number;
  slug: string;
  organisationId: number;
  organisation: OrganisationSummary;
  state: WorkflowState;
  revision: RevisionState | null;
  /** Optimistic concurrency: every write names the version it started from. */
  version: number;
  content: UseCaseContent;
  /** Stable key of an imported use case (« interconnectes:<siret>:<slug> », « pstw:PSTW-12 »); null if written here. */
  externalKey: string | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  archivedAt: string | null;
  archiveReason: string | null;
}

/**
 * Who is looking. Built from the signed-in user by `viewerOf`; tests build them directly.
 * Every active member of an authority writes its use cases (membership roles « membre » and « responsable » both
 * write; see the organisations module), so « editors » of a use case are the members of its authority.
 */
export type Viewer =
  | { kind: 'anonymous' }
  /** Signed in, belongs to no authority (a citizen with an account). */
  | { kind: 'user'; userId: number }
  /** Belongs to at least one authority: a network member, and an editor of those authorities' use cases. */
  | { kind: 'member'; userId: number; organisations: readonly number[] }
  | { kind: 'coordinator'; userId: number }
  | { kind: 'admin'; userId: number };

export const ANONYMOUS: Viewer = { kind: 'anonymous' };

export function viewerOf(user: CurrentUser | null): Viewer {
  if (!user) return ANONYMOUS;
  if (user.role === 'admin') return { kind: 'admin', userId: user.id };
  if (user.role === 'coordinator') return { kind: 'coordinator', userId: user.id };
  if (user.memberships.length === 0) return { kind: 'user', userId: user.id };
  return { kind: 'member', userId: user.id, organisations: user.memberships.map((m) => m.organisationId) };
}

/** The access level a viewer has on the use cases of an organisation. */
export function accessFor(viewer: Viewer, organisationId: number): AccessLevel {
  switch (viewer.kind) {
    case 'anonymous':
    case 'user':
      return 'public';
    case 'member':
      return viewer.organisations.includes(organisationId) ? 'editors' : 'members';
    case 'coordinator':
    case 'admin':
      return 'editors';
  }
}

/** The viewer's workflow roles on a use case of this organisation. */
export function workflowRoles(viewer: Viewer, organisationId: number): WorkflowRole[] {
  const roles: WorkflowRole[] = [];
  if (viewer.kind === 'member' && viewer.organisations.includes(organisationId)) roles.push('editor');
  if (viewer.kind === 'coordinator' || viewer.kind === 'admin') roles.push('coordinator');
  return roles;
}

/** Whether the viewer may see the use case at all: published and archived use cases are public; others are not. */
export function canSee(record: Pick<UseCaseRecord, 'state' | 'organisationId'>, viewer: Viewer): boolean {
  if (record.state === 'published' || record.state === 'archived') return true;
  return accessFor(viewer, record.organisationId) === 'editors';
}

/** A use case as a viewer may see it: only the fields of their access level are present (others are absent). */
export interface PresentedUseCase {
  id: number;
  slug: string;
  organisation: OrganisationSummary;
  state: WorkflowState;
  /** Pending revision state, shown only to editors and coordinators (null for others). */
  revision: RevisionState | null;
  version: number;
  /** The viewer's access level on this use case. */
  access: AccessLevel;
  content: Partial<UseCaseContent>;
  externalKey: string | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  archivedAt: string | null;
  archiveReason: string | null;
}

/** Keeps only the content fields readable at an access level. */
export function presentContent(content: Partial<UseCaseContent>, access: AccessLevel): Partial<UseCaseContent> {
  const out: Record<string, unknown> = {};
  for (const field of FIELDS) {
    if (!canRead(access, field.access)) continue;
    if (!Object.hasOwn(content, field.key)) continue;
    // Lists and objects are copied (the caller may change them); strings, numbers and null are immutable.
    const value = content[field.key];
    out[field.key] = typeof value === 'object' && value !== null ? structuredClone(value) : value;
  }
  return out as Partial<UseCaseContent>;
}

/**
 * THE presenter: what a viewer may see of a use case, or null when they may not see it at all.
 * Everything that shows a use case (pages, API, exports, feeds, search indexing, snippets) goes through it.
 */
export function present(record: UseCaseRecord, viewer: Viewer): PresentedUseCase | null {
  if (!canSee(record, viewer)) return null;
  const access = accessFor(viewer, record.organisationId);
  return {
    id: record.id,
    slug: record.slug,
    organisation: { ...record.organisation },
    state: record.state,
    revision: access === 'editors' ? record.revision : null,
    version: record.version,
    access,
    content: presentContent(record.content, access),
    externalKey: record.externalKey,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    publishedAt: record.publishedAt,
    archivedAt: record.archivedAt,
    archiveReason: record.archiveReason,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Search text of a use case (public fields only, from a presented use case)
// ---------------------------------------------------------------------------------------------------------------

/** Text to index by weight, from the anonymous presentation only: search can never reveal a restricted value. */
export function searchDocument(record: UseCaseRecord): { A: string; B: string; C: string } | null {
  const presented = present(record, ANONYMOUS);
  if (!presented) return null;
  const parts = { A: [] as string[], B: [] as string[], C: [] as string[] };
  for (const field of FIELDS) {
    if (!field.search || field.access !== 'public') continue;
    const text = displayValue(field, presented.content[field.key]);
    if (text) parts[field.search].push(text);
  }
  parts.C.push(presented.organisation.name);
  for (const key of ['theme', 'subThemes', 'commonsCategory', 'techniques'] as const) {
    const text = displayValue(fieldDef(key), presented.content[key]);
    if (text) parts.C.push(text);
  }
  return { A: parts.A.join('\n'), B: parts.B.join('\n'), C: parts.C.join('\n') };
}
