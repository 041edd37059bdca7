/**
 * The library's ports (ports.ts) over the organisations module (authorities and other bodies) and the accounts
 * module's user directory: the matching rules of imported rows, batched lookups and the divisions cache live here,
 * on the library's side of the port. Wired in src/modules/index.ts.
 */
import type { CurrentUser } from '../../platform/auth/user.ts';
import { foldText, importedBodyCode, type Organisation, type OrganisationsApi } from '../organisations/index.ts';
import type { ImportOrganisation, OrganisationSummary } from './model.ts';
import type { Divisions, LibraryOrganisations, LibraryPorts } from './ports.ts';

/** What the adapter uses of the organisations module's api. */
type OrganisationsLookup = Pick<
  OrganisationsApi,
  | 'findByIds'
  | 'findByCode'
  | 'findBySiren'
  | 'findBySirens'
  | 'list'
  | 'divisions'
  | 'findOrCreateImported'
  | 'memberEmails'
  | 'updateIdentifiers'
  | 'contactEditors'
>;

interface UserDirectory {
  findUsers(ids: number[]): Promise<{ id: number; email: string; name: string }[]>;
  findCoordinators(): Promise<{ id: number; email: string; name: string }[]>;
  loadUser(id: number): Promise<CurrentUser | null>;
}

/** « Département de la Drôme » -> « drome »; « Région Centre-Val de Loire » -> « centre val de loire ». */
export function divisionNameKey(name: string): string {
  return foldText(name)
    .replace(
      /^(conseil (departemental|regional)|collectivite (territoriale|europeenne)|departement|region)( (de la|de l|du|des|de|d))?\s+/,
      '',
    )
    .trim();
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The library's view of an organisation. */
export function organisationSummary(o: Organisation): OrganisationSummary {
  return {
    id: o.id,
    name: o.name,
    slug: null,
    type: o.type,
    siren: o.siren,
    siret: o.siret,
    country: o.country || 'FR',
    inseeCode: o.inseeCode,
    departementCode: o.departementCode,
    regionCode: o.regionCode,
    logoUrl: null,
    latitude: o.latitude,
    longitude: o.longitude,
  };
}

/** The library's ports over the organisations and accounts modules' apis. */
export function libraryPortsOf(organisations: OrganisationsLookup, users: UserDirectory): LibraryPorts {
  return {
    organisations: organisationsPort(organisations),
    people: {
      async coordinatorEmails() {
        return (await users.findCoordinators()).map((u) => u.email);
      },
      async userEmails(ids) {
        const people = await users.findUsers([...new Set(ids)]);
        return new Map(people.map((p) => [p.id, { email: p.email, name: p.name }]));
      },
      currentUser: (id) => users.loadUser(id),
    },
  };
}

function organisationsPort(organisations: OrganisationsLookup): LibraryOrganisations {
  let divisionsCache: Divisions | null = null;

  async function byName(org: ImportOrganisation): Promise<number | null> {
    // Only French départements and régions (the official geographic code has no SIREN for them).
    if (org.country !== 'FR' || (org.type !== 'departement' && org.type !== 'region')) return null;
    const key = divisionNameKey(org.name);
    if (!key) return null;
    const { rows } = await organisations.list({ q: key, type: org.type }, { limit: 10, offset: 0 });
    const hit = rows.find((r) => divisionNameKey(r.name) === key);
    return hit?.id ?? null;
  }

  /** Several bodies may share a SIREN (a commune and its services): the one with the row's SIRET, else the first. */
  const pickBySiret = (found: Organisation[], org: ImportOrganisation) =>
    (found.find((o) => o.siret && o.siret === org.siret) ?? found[0]!).id;

  /** A body an earlier import created (by its code), or a French département or région by its name. */
  async function notBySiren(org: ImportOrganisation): Promise<number | null> {
    const imported = await organisations.findByCode(importedBodyCode(org));
    if (imported) return imported.id;
    return byName(org);
  }

  async function match(org: ImportOrganisation): Promise<number | null> {
    if (org.siren) {
      const found = await organisations.findBySiren(org.siren);
      if (found.length) return pickBySiret(found, org);
    }
    return notBySiren(org);
  }

  return {
    contactEditors: (actor, target, input) => organisations.contactEditors(actor, target, input),
    async summaries(ids) {
      const unique = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0);
      const out = new Map<number, OrganisationSummary>();
      for (const part of chunks(unique, 500)) {
        for (const o of await organisations.findByIds(part)) out.set(o.id, organisationSummary(o));
      }
      return out;
    },

    async byCode(code) {
      const o = await organisations.findByCode(code);
      return o ? { id: o.id } : null;
    },

    async divisions() {
      if (divisionsCache) return divisionsCache;
      const maps = await organisations.divisions();
      const result: Divisions = {
        departements: maps.departements,
        regions: maps.regions,
        regionOf: new Map(
          maps.list.departements.filter((d) => d.regionCode).map((d) => [d.code, d.regionCode!] as [string, string]),
        ),
      };
      if (maps.list.departements.length) divisionsCache = result;
      return result;
    },

    match,

    async matchMany(list) {
      const bySiren = new Map<string, Organisation[]>();
      const sirens = list.map((o) => o.siren).filter((s): s is string => !!s);
      for (const o of sirens.length ? await organisations.findBySirens(sirens) : []) {
        bySiren.set(o.siren!, [...(bySiren.get(o.siren!) ?? []), o]);
      }
      const out: (number | null)[] = [];
      for (const org of list) {
        const found = org.siren ? bySiren.get(org.siren) : undefined;
        out.push(found?.length ? pickBySiret(found, org) : await notBySiren(org));
      }
      return out;
    },

    create(org, trx) {
      return organisations.findOrCreateImported(
        { name: org.name, type: org.type, siren: org.siren, siret: org.siret, country: org.country },
        trx,
      );
    },

    memberEmails(organisationId) {
      return organisations.memberEmails(organisationId);
    },

    async byName(name) {
      const key = foldText(name);
      if (!key) return [];
      const { rows } = await organisations.list({ q: name }, { limit: 50, offset: 0 });
      return rows
        .filter((o) => foldText(o.name) === key)
        .map((o) => ({
          id: o.id,
          name: o.name,
          country: o.country || 'FR',
          siren: o.siren,
          departementCode: o.departementCode,
          latitude: o.latitude,
          longitude: o.longitude,
        }));
    },

    async keepSirets(updates, trx) {
      if (!updates.length) return [];
      const report = await organisations.updateIdentifiers(updates, { source: 'import de fiches' }, trx);
      return report.updated;
    },
  };
}
