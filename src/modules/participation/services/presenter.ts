/**
 * The one presenter of an initiative: what pages, the API, open data and the feed show. Visitors and other
 * authorities see the published content of a published initiative only; the writers of its authority and the
 * coordinators also see drafts, reviews, pending revisions and the reviewer's comment.
 */
import { type Actor, can } from '../../../platform/auth/authorize.ts';
import { regionName } from '../../../platform/geo/places.ts';
import { commitmentOf } from '../commitments.ts';
import {
  budgetLabel,
  formatLabel,
  type InitiativeContent,
  publicLabel,
  type Ref,
  topicLabel,
  yearOf,
} from '../model.ts';
import { rolesOf } from '../policy.ts';
import type { OrganisationRef, ParticipationPorts } from '../ports.ts';
import { type InitiativeRecord, workingContent } from '../store.ts';
import { type Action, availableActions, isPublic, statusLabel, transition } from '../workflow.ts';

export const initiativePath = (id: number) => `/initiatives/${id}`;

export interface PresentedOrganisation {
  id: number;
  name: string;
  type: string;
  typeLabel: string;
  regionCode: string | null;
  regionName: string | null;
  departementCode: string | null;
  path: string;
}

export interface PresentedInitiative {
  id: number;
  path: string;
  organisation: PresentedOrganisation;
  /** The content shown: the published one to readers, the working one to writers (`working`). */
  content: InitiativeContent;
  working: boolean;
  format: Ref | null;
  topics: Ref[];
  publics: Ref[];
  budget: Ref | null;
  commitments: { code: string; number: number; title: string }[];
  year: string | null;
  state: string;
  revision: string | null;
  statusLabel: string;
  published: boolean;
  canWrite: boolean;
  /** The writer may edit it now (not while it is in review). */
  canEdit: boolean;
  actions: Action[];
  /** The reviewer's comment (returned, withdrawn): for writers only. */
  reviewComment: string | null;
  version: number;
  publishedAt: string | null;
  updatedAt: string;
}

export function createPresenter(ports: ParticipationPorts) {
  async function organisations(ids: number[]): Promise<Map<number, OrganisationRef>> {
    const found = ids.length ? await ports.organisations.findByIds([...new Set(ids)]) : [];
    return new Map(found.map((o) => [o.id, o]));
  }

  function one(
    actor: Actor,
    r: InitiativeRecord,
    org: OrganisationRef | undefined,
    mode: 'auto' | 'public',
  ): PresentedInitiative | null {
    const canWrite = can(actor, 'initiative.write', { organisationId: r.organisationId });
    const status = { state: r.state, revision: r.revision };
    const showsWorking = mode === 'auto' && canWrite;
    if (!showsWorking && (!isPublic(status) || !r.published)) return null;
    const content = showsWorking ? workingContent(r) : r.published!;
    const ref = (code: string | null, label: (c: string) => string) => (code ? { code, label: label(code) } : null);
    return {
      id: r.id,
      path: initiativePath(r.id),
      organisation: {
        id: r.organisationId,
        name: org?.name ?? `Collectivité n° ${r.organisationId}`,
        type: org?.type ?? '',
        typeLabel: org ? ports.organisations.typeLabel(org.type) : '',
        regionCode: org?.regionCode ?? null,
        regionName: org?.regionCode ? regionName(org.regionCode) : null,
        departementCode: org?.departementCode ?? null,
        path: `/collectivites/${r.organisationId}`,
      },
      content,
      working: showsWorking,
      format: ref(content.format, formatLabel),
      topics: content.topics.map((c) => ({ code: c, label: topicLabel(c) })),
      publics: content.publics.map((c) => ({ code: c, label: publicLabel(c) })),
      budget: ref(content.budgetBand, budgetLabel),
      commitments: content.commitments
        .map((c) => commitmentOf(c))
        .filter((c) => c !== null)
        .map((c) => ({ code: c.code, number: c.number, title: c.title })),
      year: yearOf(content),
      state: r.state,
      revision: r.revision,
      statusLabel: statusLabel(status),
      published: isPublic(status),
      canWrite,
      canEdit: canWrite && transition(status, 'save', rolesOf(actor, r.organisationId)).ok,
      actions: canWrite ? availableActions(status, rolesOf(actor, r.organisationId)) : [],
      reviewComment: canWrite ? r.reviewComment : null,
      version: r.version,
      publishedAt: r.publishedAt,
      updatedAt: r.updatedAt,
    };
  }

  /**
   * Presents records for `actor` (records they may not see are left out). `public`: the published content only,
   * whoever asks (the catalogue, the API, open data, the feed).
   */
  return async function present(
    actor: Actor,
    records: readonly InitiativeRecord[],
    mode: 'auto' | 'public' = 'public',
  ): Promise<PresentedInitiative[]> {
    const orgs = await organisations(records.map((r) => r.organisationId));
    return records
      .map((r) => one(actor, r, orgs.get(r.organisationId), mode))
      .filter((p): p is PresentedInitiative => p !== null);
  };
}
export type Presenter = ReturnType<typeof createPresenter>;

/** The public JSON form of an initiative (API, open-data JSON). */
export function initiativeJson(p: PresentedInitiative, baseUrl: string) {
  const c = p.content;
  return {
    id: p.id,
    url: `${baseUrl}${p.path}`,
    title: c.title,
    plain_summary: c.plainSummary,
    summary: c.summary,
    format: c.format,
    topics: c.topics,
    publics: c.publics,
    far_from_digital: c.farFromDigital,
    start_date: c.startDate,
    end_date: c.endDate,
    partners: c.partners,
    budget_band: c.budgetBand,
    participants: c.participants,
    outcomes: c.outcomes,
    obstacles: c.obstacles,
    strengths: c.strengths,
    resources: c.resources.map((r) => ({ label: r.label, url: r.url })),
    contact: c.contact,
    commitments: c.commitments,
    organisation: {
      id: p.organisation.id,
      name: p.organisation.name,
      type: p.organisation.type,
      region: p.organisation.regionCode,
      departement: p.organisation.departementCode,
    },
    published_at: p.publishedAt,
    updated_at: p.updatedAt,
  };
}
