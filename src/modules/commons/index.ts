/**
 * Commons (« Communs »): shared code, datasets, trained models, specifications, methods and guides, services —
 * described by coordinators and by the members of the organisations that maintain them, searchable with facets,
 * open data (CSV, JSON), API, Atom feed, and created or refreshed from a publiccode.yml file. This file is the
 * module's only public surface.
 */
import type { Db } from '../../platform/db/database.ts';
import type { ModuleDefinition } from '../../platform/module.ts';
import type { Platform } from '../../platform/platform.ts';
import { isPartnerType } from '../organisations/index.ts';
import { commonsCommands } from './commands.ts';
import { commonsE2ePages } from './e2e.ts';
import { apiRoutes } from './http/api.ts';
import { contactRoutes } from './http/contact.tsx';
import { openDataRoutes } from './http/open-data.ts';
import { pageRoutes } from './http/pages.tsx';
import { publiccodeRoutes } from './http/publiccode.tsx';
import { rules } from './policy.ts';
import type { CommonsPorts, OrganisationRef } from './ports.ts';
import { seedDemo } from './seed.ts';
import { createCommonsServices } from './services/index.ts';

export type { CommonsPorts } from './ports.ts';

/** What other modules may use of commons. */
export interface CommonsApi {
  /** The entries that use a library sheet (its page lists them). */
  usingSheet(useCaseId: number): Promise<{ id: number; name: string; path: string }[]>;
  /** An entry's name and page, or null (a challenge links to the entry it produced). */
  entryRef(id: number): Promise<{ id: number; name: string; path: string } | null>;
  /** The first entry with exactly this name, or null (the challenges' demo seed links its published challenge). */
  entryByName(name: string): Promise<{ id: number; name: string; path: string } | null>;
}

/** The organisations' api as these ports need it (structural). */
interface OrganisationsLike {
  findByIds(ids: readonly number[]): Promise<OrganisationRef[]>;
  findByCode(code: string): Promise<OrganisationRef | null>;
  findBySiren(siren: string): Promise<OrganisationRef[]>;
  contactEditors: CommonsPorts['organisations']['contactEditors'];
}

/** The library's api as these ports need it (structural). */
interface LibraryLike {
  publishedSheets(
    ids: readonly number[],
  ): Promise<{ id: number; title: string; path: string; organisationId: number }[]>;
}

/** The ports of commons from the organisations' and the library's apis. */
export function commonsPortsOf(
  organisations: () => OrganisationsLike,
  library: () => LibraryLike,
  typeLabel: (type: string) => string,
  challenges: () => CommonsPorts['challenges'] = () => ({ originOf: async () => null }),
): CommonsPorts {
  const ref = (o: OrganisationRef): OrganisationRef => ({
    id: o.id,
    code: o.code,
    name: o.name,
    type: o.type,
    siren: o.siren,
  });
  return {
    organisations: {
      findByIds: async (ids) => (await organisations().findByIds(ids)).map(ref),
      findByCode: async (code) => {
        const o = await organisations().findByCode(code);
        return o ? ref(o) : null;
      },
      findBySiren: async (siren) => (await organisations().findBySiren(siren)).map(ref),
      typeLabel,
      isPartner: isPartnerType,
      contactEditors: (actor, target, input) => organisations().contactEditors(actor, target, input),
    },
    useCases: {
      publishedByIds: (ids) => library().publishedSheets(ids),
    },
    challenges: { originOf: (id) => challenges().originOf(id) },
  };
}

export function createCommonsModule(platform: Platform, ports: CommonsPorts): ModuleDefinition<CommonsApi> {
  const services = createCommonsServices(platform, ports);
  return {
    name: 'commons',
    api: {
      usingSheet: (id) => services.usingSheet(id),
      entryRef: async (id) => {
        const found = await services.store.find(id);
        return found ? { id: found.id, name: found.name, path: `/communs/${found.id}` } : null;
      },
      entryByName: async (name) => {
        const found = (await services.search.all()).find((e) => e.name === name);
        return found ? { id: found.id, name: found.name, path: `/communs/${found.id}` } : null;
      },
    },
    routes: [
      openDataRoutes({ services }),
      publiccodeRoutes({ services }),
      pageRoutes({ services }),
      contactRoutes({ services }),
      apiRoutes({ services }),
    ],
    rules,
    navigation: [{ href: '/communs', label: 'Communs', order: 35 }],
    seed: { demo: ({ log }) => seedDemo(services, ports, log) },
    personalData: {
      export: (userId) => services.store.byPerson(userId),
      erase: (userId, trx: Db) => services.store.erasePerson(userId, trx),
    },
    commands: commonsCommands(services),
    e2ePages: commonsE2ePages,
    close: () => services.search.close(),
  };
}
