/**
 * The authority pages as view-models: the directory (list, search and filters), an authority's page (identity,
 * published use cases through the library port, membership state, what the viewer may manage), « Rejoindre ma
 * collectivité » and the join form. Views receive these plain objects.
 */
import { authorize, can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { pageCount } from '../../../platform/http/pagination.ts';
import {
  type Division,
  type Membership,
  type Organisation,
  type OrganisationFilter,
  organisationContext,
  organisationTypeLabel,
} from '../model.ts';
import type { OrganisationFields } from '../model-contacts.ts';
import type { AuthorityUseCases } from '../ports.ts';
import type { MembershipWithOrganisation } from '../store/memberships.ts';
import type { OrganisationsContext } from './context.ts';
import type { DirectoryService } from './directory.ts';

/** One line of the directory's table. */
export interface DirectoryRowView {
  id: number;
  name: string;
  href: string;
  typeLabel: string;
  /** « Rhône (69) », or « — » for régions and bodies without a département. */
  departement: string;
  population: number | null;
  /** Published sheets in the library. */
  sheets: number;
}

export interface DirectoryPageModel {
  filter: OrganisationFilter;
  rows: DirectoryRowView[];
  total: number;
  /** How many authorities matching the other filters have published sheets (the « avec des fiches » filter). */
  withSheets: number;
  page: number;
  pageCount: number;
  departements: Division[];
  regions: Division[];
  canCreate: boolean;
  canReview: boolean;
  /** The networks, for the « Réseau » filter. */
  networks: { id: number; name: string }[];
}

export interface AuthorityPageModel {
  organisation: Organisation;
  context: string;
  departement: { code: string; name: string } | null;
  region: { code: string; name: string } | null;
  memberCount: number;
  signedIn: boolean;
  membership: Membership | null;
  canManage: boolean;
  pendingCount: number;
  /** Null when the library is not wired (the section is left out). */
  useCases: AuthorityUseCases | null;
  /** The public fields its editors keep (contact e-mail, logo…). */
  fields: OrganisationFields | null;
  /** The networks it belongs to. */
  networks: { id: number; name: string }[];
  /** Whether the viewer may edit the authority's page and see its contacts. */
  canEdit: boolean;
  canSeeContacts: boolean;
}

export interface JoinHubModel {
  q: string;
  results: { id: number; name: string; context: string }[] | null;
  total: number;
  memberships: MembershipWithOrganisation[];
}

export interface JoinFormModel {
  organisation: Organisation;
  context: string;
  membership: Membership | null;
}

/** Authorities shown by « Rejoindre ma collectivité » without JavaScript. */
const JOIN_RESULTS = 30;

export function createPagesService(context: OrganisationsContext, directory: DirectoryService) {
  const { memberships, ports } = context;

  async function authority(actor: CurrentUser | null, id: number) {
    const organisation = await directory.get(id);
    const maps = await directory.divisions();
    const canManage = can(actor, 'membership.manage', { organisationId: organisation.id });
    const [memberCount, membership, pendingCount] = await Promise.all([
      memberships.countActiveMembers(organisation.id),
      actor ? memberships.findMembershipOf(actor.id, organisation.id) : null,
      canManage ? memberships.countPending(organisation.id) : 0,
    ]);
    const dep = organisation.departementCode;
    const reg = organisation.regionCode;
    return {
      organisation,
      context: organisationContext(organisation, maps),
      departement: dep && maps.departements.has(dep) ? { code: dep, name: maps.departements.get(dep)! } : null,
      region: reg && maps.regions.has(reg) ? { code: reg, name: maps.regions.get(reg)! } : null,
      memberCount,
      membership,
      canManage,
      pendingCount,
    };
  }

  return {
    /** The directory page: a page of 20 authorities for a filter, with what the viewer may do. */
    async directory(actor: CurrentUser | null, filter: OrganisationFilter, page: number): Promise<DirectoryPageModel> {
      const perPage = 20;
      const [{ total, rows }, maps, withSheets] = await Promise.all([
        directory.list(filter, { limit: perPage, offset: (page - 1) * perPage }),
        directory.divisions(),
        directory.withSheetsCount(filter),
      ]);
      return {
        filter,
        rows: rows.map((o) => ({
          id: o.id,
          name: o.name,
          href: `/collectivites/${o.id}`,
          typeLabel: organisationTypeLabel(o.type),
          departement:
            o.type !== 'region' && o.departementCode
              ? `${maps.departements.get(o.departementCode) ?? ''} (${o.departementCode})`
              : '—',
          population: o.population,
          sheets: directory.publishedSheets(o.id),
        })),
        total,
        withSheets,
        page,
        pageCount: pageCount(total, perPage),
        departements: maps.list.departements,
        regions: maps.list.regions,
        canCreate: can(actor, 'organisation.create'),
        canReview: can(actor, 'membership.review'),
        networks: (await context.networks.list()).map((n) => ({ id: n.id, name: n.name })),
      };
    },

    /** Everything an authority's page shows, for this viewer (its pending requests only to its managers). */
    async authority(actor: CurrentUser | null, id: number): Promise<AuthorityPageModel> {
      const data = await authority(actor, id);
      const organisationId = data.organisation.id;
      const useCases = ports.library ? await ports.library.useCasesOf(organisationId) : null;
      const [profile, networks] = await Promise.all([
        context.profiles.profile(organisationId),
        context.networks.networksOf(organisationId),
      ]);
      const fields = profile
        ? {
            siret: profile.siret,
            contactEmail: profile.contactEmail,
            website: profile.website,
            logoUrl: profile.logoUrl,
          }
        : null;
      return {
        ...data,
        signedIn: !!actor,
        useCases,
        fields,
        networks,
        canEdit: can(actor, 'organisation.edit', { organisationId }),
        canSeeContacts: can(actor, 'contact.manage', { organisationId }),
      };
    },

    /** « Rejoindre ma collectivité »: the person's memberships and, with a query, the authorities found. */
    async joinHub(actor: CurrentUser | null, q: string): Promise<JoinHubModel> {
      authorize(actor, 'membership.request');
      const [mine, maps] = await Promise.all([memberships.membershipsOfUser(actor!.id), directory.divisions()]);
      if (!q) return { q, results: null, total: 0, memberships: mine };
      const found = await directory.list({ q }, { limit: JOIN_RESULTS, offset: 0 });
      return {
        q,
        results: found.rows.map((o) => ({ id: o.id, name: o.name, context: organisationContext(o, maps) })),
        total: found.total,
        memberships: mine,
      };
    },

    /** The join form of an authority, with the person's current request if any. */
    async joinForm(actor: CurrentUser | null, id: number): Promise<JoinFormModel> {
      authorize(actor, 'membership.request');
      const data = await authority(actor, id);
      return { organisation: data.organisation, context: data.context, membership: data.membership };
    },
  };
}

export type PagesService = ReturnType<typeof createPagesService>;
