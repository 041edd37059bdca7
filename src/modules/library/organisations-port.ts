/**
 * What the library needs from the organisations module (authorities and other bodies) and from accounts
 * (people to notify), behind one small interface so that the library's service never reads their tables itself.
 *
 * NOTE for the organisations module's owner: three capabilities are not offered by its service yet and are done
 * here with plain SQL on `organisations`/`memberships`, marked `TODO(organisations)`:
 * reading `country`/`latitude`/`longitude` (not in its `Organisation` type), creating an imported body without
 * SIREN (foreign bodies of the PSTW dataset, with their country; source `import`), and listing the e-mail
 * addresses of an authority's active members. They belong in the organisations store/service; the functions
 * below keep the same signatures so that moving them changes nothing for the library.
 */
import type { Kysely } from 'kysely';
import { now } from '../../platform/db/index.ts';
import type { Platform } from '../../platform/platform.ts';
import { foldText, type Organisation, type OrganisationType, searchText } from '../organisations/model.ts';
import type { OrganisationsService } from '../organisations/service.ts';
import type { ImportOrganisation, OrganisationSummary } from './model.ts';
import { slugify } from './model.ts';

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
  /** The organisation an imported row belongs to: by SIRET/SIREN, then by name for départements and régions. */
  match(org: ImportOrganisation): Promise<number | null>;
  /**
   * Creates the body of an imported row that `match` did not find (source « import », with its country), in the
   * caller's transaction. Reads nothing outside `trx` (SQLite has one connection: call `match` before).
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

export function createOrganisationsPort(
  platform: Platform,
  organisations: OrganisationsService,
  users: UserDirectory,
): LibraryOrganisations {
  const { db } = platform;
  let divisionsCache: Divisions | null = null;

  function summaryOf(
    o: Organisation,
    extra: { country?: string; latitude?: number | null; longitude?: number | null },
  ) {
    return {
      id: o.id,
      name: o.name,
      slug: null,
      type: o.type,
      siren: o.siren,
      siret: o.siret,
      country: extra.country ?? 'FR',
      departementCode: o.departementCode,
      regionCode: o.regionCode,
      logoUrl: null,
      latitude: extra.latitude ?? null,
      longitude: extra.longitude ?? null,
    } satisfies OrganisationSummary;
  }

  async function byName(org: ImportOrganisation): Promise<number | null> {
    // Only French départements and régions (the official geographic code has no SIREN for them).
    if (org.country !== 'FR' || (org.type !== 'departement' && org.type !== 'region')) return null;
    const key = divisionNameKey(org.name);
    if (!key) return null;
    const { rows } = await organisations.list({ q: key, type: org.type }, { limit: 10, offset: 0 });
    const hit = rows.find((r) => divisionNameKey(r.name) === key);
    return hit?.id ?? null;
  }

  async function match(org: ImportOrganisation): Promise<number | null> {
    if (org.siren) {
      const found = await organisations.findBySiren(org.siren);
      if (found.length) return (found.find((o) => o.siret && o.siret === org.siret) ?? found[0]!).id;
    }
    // TODO(organisations): bodies created by a previous import, found by their code.
    const row = await db
      .selectFrom('organisations')
      .select('id')
      .where('code', '=', importCode(org))
      .executeTakeFirst();
    if (row) return Number(row.id);
    return byName(org);
  }

  function importCode(org: ImportOrganisation): string {
    if (org.siren) return `other:${org.siren}`;
    return `import:${org.country}:${slugify(org.name, 120)}`;
  }

  return {
    async summaries(ids) {
      const unique = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0);
      const out = new Map<number, OrganisationSummary>();
      for (const part of chunks(unique, 500)) {
        const [rows, extra] = await Promise.all([
          organisations.findByIds(part),
          // TODO(organisations): country and coordinates are not in the Organisation type.
          db
            .selectFrom('organisations')
            .select(['id', 'country', 'latitude', 'longitude'])
            .where('id', 'in', part)
            .execute() as Promise<{ id: number; country: string; latitude: number | null; longitude: number | null }[]>,
        ]);
        const extras = new Map(extra.map((e) => [Number(e.id), e]));
        for (const o of rows) {
          const e = extras.get(o.id);
          out.set(
            o.id,
            summaryOf(o, {
              country: e?.country ?? 'FR',
              latitude: e?.latitude == null ? null : Number(e.latitude),
              longitude: e?.longitude == null ? null : Number(e.longitude),
            }),
          );
        }
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

    async create(org, trx) {
      // TODO(organisations): creating an imported body (with its country, possibly without SIREN).
      const at = now();
      const code = importCode(org);
      const existing = await trx.selectFrom('organisations').select('id').where('code', '=', code).executeTakeFirst();
      if (existing) return { id: Number(existing.id), created: false };
      const type: OrganisationType = org.type ?? 'autre';
      const row = await trx
        .insertInto('organisations')
        .values({
          code,
          name: org.name,
          type,
          siren: org.siren,
          siret: org.siret,
          country: org.country,
          postcodes: '',
          search_text: searchText({ name: org.name, siren: org.siren }),
          source: 'import',
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: Number(row.id), created: true };
    },

    async memberEmails(organisationId) {
      // TODO(organisations): the organisations service has no « active members' addresses » yet.
      const rows = (await db
        .selectFrom('memberships')
        .select('user_id')
        .where('organisation_id', '=', organisationId)
        .where('status', '=', 'active')
        .execute()) as { user_id: number }[];
      const people = await users.findUsers(rows.map((r) => Number(r.user_id)));
      return people.map((p) => p.email);
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
