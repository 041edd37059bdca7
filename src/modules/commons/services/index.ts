/** The services of commons, built once per module from the platform and the ports. */
import { type Actor, authorize } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createSearchIndex } from '../../../platform/search/index.ts';
import type { CommonsPorts } from '../ports.ts';
import { createCommonsStore } from '../store.ts';
import { createOpenDataService } from './open-data.ts';
import { createPresenter, type PresentedEntry } from './presenter.ts';
import { createPubliccodeService } from './publiccode.ts';
import { createSearchService } from './search.ts';
import { createWritingService } from './writing.ts';

export function createCommonsServices(platform: Platform, ports: CommonsPorts) {
  const store = createCommonsStore(platform.db);
  const index = createSearchIndex(platform.db, platform.dialect);
  const search = createSearchService({ platform, store, ports, search: index });
  const writing = createWritingService({ platform, store, ports, search: index, touched: search.touched });
  const present = createPresenter(ports);
  const openData = createOpenDataService({ platform, store, search, present });
  const publiccode = createPubliccodeService({ store, writing, ports });
  return {
    baseUrl: platform.config.baseUrl,
    store,
    search,
    writing,
    present,
    openData,
    publiccode,
    /** One entry as `actor` may see it (404 when absent), with its news. */
    async entry(
      actor: Actor,
      id: number,
    ): Promise<PresentedEntry & { origin: { id: number; title: string; path: string } | null }> {
      const record = await writing.get(id);
      const [entry] = await present(actor, [record], (i) => store.newsOf(i));
      return { ...entry!, origin: await ports.challenges.originOf(id) };
    },
    /** Throws unless `actor` may describe a new entry. */
    assertMayCreate(actor: Actor) {
      authorize(actor, 'commons.create');
    },
    /** The authorities `user` is a member of (offered as maintainers), by name. */
    async ownAuthorities(user: CurrentUser) {
      const ids = user.memberships.map((m) => m.organisationId);
      if (!ids.length) return [];
      const found = await ports.organisations.findByIds(ids);
      return found.map((o) => ({ id: o.id, name: o.name })).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    },
    /** « Contacter l'équipe »: the message goes to the editors of the entry's maintainers (organisations port). */
    async contactMaintainers(actor: Actor, id: number, input: { objet?: string; message?: string; site_web?: string }) {
      const record = await writing.get(id);
      return ports.organisations.contactEditors(
        actor,
        {
          kind: 'commons_entry',
          id,
          title: record.name,
          path: `/communs/${id}`,
          organisationIds: record.maintainerIds,
        },
        input,
      );
    },
    /** The entries that use a library sheet (the sheet's page). */
    async usingSheet(useCaseId: number) {
      const records = await store.findByIds(await store.usingSheet(useCaseId));
      return records.map((r) => ({ id: r.id, name: r.name, path: `/communs/${r.id}` }));
    },
  };
}
export type CommonsServices = ReturnType<typeof createCommonsServices>;
