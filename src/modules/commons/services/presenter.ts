/**
 * The one presenter of a commons entry: the view-model pages, the API, the open-data files and the feed show. The
 * contacts (names and addresses from publiccode.yml) are included only for those who may read them.
 */
import { type Actor, can } from '../../../platform/auth/authorize.ts';
import {
  type CommonsRecord,
  type Contact,
  categoryLabel,
  kindLabel,
  type NewsRecord,
  statusLabel,
  themeLabel,
} from '../model.ts';
import type { CommonsPorts, OrganisationRef, SheetRef } from '../ports.ts';
import { spdxName } from '../spdx.ts';

export interface PresentedOrganisation {
  id: number;
  code: string;
  name: string;
  type: string;
  typeLabel: string;
  /** A State lab, operator, association or company (« partenaire »), not an authority. */
  partner: boolean;
  path: string;
}

export interface PresentedEntry {
  id: number;
  path: string;
  name: string;
  summary: string;
  kind: string;
  kindLabel: string;
  status: string;
  statusLabel: string;
  licence: string | null;
  licenceName: string;
  links: { repository: string | null; download: string | null; documentation: string | null };
  themes: { code: string; label: string }[];
  category: { code: string; label: string } | null;
  maintainers: PresentedOrganisation[];
  users: PresentedOrganisation[];
  contributors: PresentedOrganisation[];
  sheets: SheetRef[];
  news: NewsRecord[];
  version: number;
  createdAt: string;
  updatedAt: string;
  canWrite: boolean;
  /** Only for the maintainers' members and coordinators; null otherwise. */
  contacts: Contact[] | null;
}

export const entryPath = (id: number) => `/communs/${id}`;

export function createPresenter(ports: CommonsPorts) {
  return async function present(
    actor: Actor,
    records: readonly CommonsRecord[],
    newsOf: (id: number) => Promise<NewsRecord[]> = async () => [],
  ): Promise<PresentedEntry[]> {
    const orgIds = [...new Set(records.flatMap((r) => [...r.maintainerIds, ...r.userIds, ...r.contributorIds]))];
    const sheetIds = [...new Set(records.flatMap((r) => r.useCaseIds))];
    const [orgs, sheets] = await Promise.all([
      orgIds.length ? ports.organisations.findByIds(orgIds) : Promise.resolve([] as OrganisationRef[]),
      sheetIds.length ? ports.useCases.publishedByIds(sheetIds) : Promise.resolve([] as SheetRef[]),
    ]);
    const orgById = new Map(orgs.map((o) => [o.id, o]));
    const sheetById = new Map(sheets.map((s) => [s.id, s]));
    const orgsOf = (ids: number[]) =>
      ids
        .map((id) => orgById.get(id))
        .filter((o): o is OrganisationRef => !!o)
        .map((o) => ({
          id: o.id,
          code: o.code,
          name: o.name,
          type: o.type,
          typeLabel: ports.organisations.typeLabel(o.type),
          partner: ports.organisations.isPartner(o.type),
          path: `/collectivites/${o.id}`,
        }));
    const out: PresentedEntry[] = [];
    for (const r of records) {
      const maySee = can(actor, 'commons.read_contacts', { maintainerIds: r.maintainerIds });
      out.push({
        id: r.id,
        path: entryPath(r.id),
        name: r.name,
        summary: r.summary,
        kind: r.kind,
        kindLabel: kindLabel(r.kind),
        status: r.status,
        statusLabel: statusLabel(r.status),
        licence: r.licence,
        licenceName: spdxName(r.licence),
        links: { repository: r.repositoryUrl, download: r.downloadUrl, documentation: r.documentationUrl },
        themes: r.themes.map((code) => ({ code, label: themeLabel(code) })),
        category: r.commonsCategory ? { code: r.commonsCategory, label: categoryLabel(r.commonsCategory) } : null,
        maintainers: orgsOf(r.maintainerIds),
        users: orgsOf(r.userIds),
        contributors: orgsOf(r.contributorIds),
        sheets: r.useCaseIds.map((id) => sheetById.get(id)).filter((s): s is SheetRef => !!s),
        news: await newsOf(r.id),
        version: r.version,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
        canWrite: can(actor, 'commons.write', { maintainerIds: r.maintainerIds }),
        contacts: maySee ? r.contacts : null,
      });
    }
    return out;
  };
}
export type Presenter = ReturnType<typeof createPresenter>;

/** The public JSON form of an entry (API, open-data JSON): never the contacts. */
export function entryJson(e: PresentedEntry, baseUrl: string) {
  const org = (o: PresentedOrganisation) => ({ id: o.id, name: o.name, type: o.type });
  return {
    id: e.id,
    url: `${baseUrl}${e.path}`,
    name: e.name,
    summary: e.summary,
    kind: e.kind,
    status: e.status,
    licence: e.licence,
    repository_url: e.links.repository,
    download_url: e.links.download,
    documentation_url: e.links.documentation,
    themes: e.themes.map((t) => t.code),
    commons_category: e.category?.code ?? null,
    maintainers: e.maintainers.map(org),
    users: e.users.map(org),
    contributors: e.contributors.map(org),
    use_cases: e.sheets.map((s) => ({ id: s.id, title: s.title, url: `${baseUrl}${s.path}` })),
    news: e.news.map((n) => ({ date: n.date, title: n.title, text: n.body, release: n.release })),
    created_at: e.createdAt,
    updated_at: e.updatedAt,
  };
}
export type EntryJson = ReturnType<typeof entryJson>;
