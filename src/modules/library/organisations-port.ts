/**
 * What the library needs from the organisations module (authorities and other bodies) and from accounts
 * (people to notify), behind one small interface: the library never reads their tables itself, only their
 * services (`OrganisationsService`, the accounts user directory).
 */
import type { Kysely } from 'kysely';
import { foldText, importedBodyCode, type Organisation } from '../organisations/model.ts';
import type { OrganisationsService } from '../organisations/service.ts';
import type { ImportOrganisation, OrganisationSummary } from './model.ts';

export interface Divisions {
  departements: Map<string, string>;
  regions: Map<string, string>;
  /** Département code -> région code. */
  regionOf: Map<string, string>;
}

export interface LibraryOrganisations {
  /** Public summaries of organisations by id (unknown ids are absent). */
  summaries(ids: readonly number[]): Promise<Map<number, OrganisationSummary>>;
  divisions(): Promise<Divisions>;
  /** An organisation by its stable code (« commune:69123 »), or null. */
  byCode(code: string): Promise<{ id: number } | null>;
  /**
   * The organisation an imported row belongs to: by SIRET/SIREN, then by the code an earlier import gave the body
   * (`importedBodyCode`), then by name for départements and régions.
   */
  match(org: ImportOrganisation): Promise<number | null>;
  /** `match` for many rows at once (one query per 500 SIRENs), in the same order. */
  matchMany(orgs: readonly ImportOrganisation[]): Promise<(number | null)[]>;
  /**
   * Creates the body of an imported row that `match` did not find (source « import », with its country), in the
   * caller's transaction (or finds the one created meanwhile under the same code).
   */
  create(org: ImportOrganisation, trx: Kysely<any>): Promise<{ id: number; created: boolean }>;
  /** E-mail addresses of an authority's active members (they write its sheets). */
  memberEmails(organisationId: number): Promise<string[]>;
  coordinatorEmails(): Promise<string[]>;
  userEmails(ids: readonly number[]): Promise<Map<number, { email: string; name: string }>>;
}

interface UserDirectory {
  findUsers(ids: number[]): Promise<{ id: number; email: string; name: string }[]>;
  findCoordinators(): Promise<{ id: number; email: string; name: string }[]>;
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
    departementCode: o.departementCode,
    regionCode: o.regionCode,
    logoUrl: null,
    latitude: o.latitude,
    longitude: o.longitude,
  };
}

export function createOrganisationsPort(
  organisations: OrganisationsService,
  users: UserDirectory,
): LibraryOrganisations {
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

    async coordinatorEmails() {
      return (await users.findCoordinators()).map((u) => u.email);
    },

    async userEmails(ids) {
      const people = await users.findUsers([...new Set(ids)]);
      return new Map(people.map((p) => [p.id, { email: p.email, name: p.name }]));
    },
  };
}
