import { type Kysely, sql } from 'kysely';
import { type Dialect, now } from '../../platform/db/index.ts';
import { findOne, insertId } from '../../platform/db/rows.ts';
import type { GeoOrganisation } from './geo.ts';
import {
  type Division,
  type Membership,
  type MembershipRole,
  type MembershipStatus,
  type Organisation,
  type OrganisationFilter,
  type OtherBody,
  otherBodyCode,
  parseOrganisationQuery,
  searchText,
} from './model.ts';

/** Rows per INSERT statement: 13 parameters a row stays well under SQLite's and PostgreSQL's limits. */
const BATCH = 1000;

function toOrganisation(r: any): Organisation {
  return {
    id: Number(r.id),
    code: r.code,
    name: r.name,
    type: r.type,
    inseeCode: r.insee_code ?? null,
    siren: r.siren ?? null,
    siret: r.siret ?? null,
    population: r.population == null ? null : Number(r.population),
    departementCode: r.departement_code ?? null,
    regionCode: r.region_code ?? null,
    postcodes: r.postcodes ? String(r.postcodes).split(' ').filter(Boolean) : [],
    website: r.website ?? null,
    country: r.country ?? 'FR',
    latitude: r.latitude == null ? null : Number(r.latitude),
    longitude: r.longitude == null ? null : Number(r.longitude),
    source: r.source,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toMembership(r: any): Membership {
  return {
    id: Number(r.id),
    userId: Number(r.user_id),
    organisationId: Number(r.organisation_id),
    role: r.role,
    status: r.status,
    message: r.message ?? '',
    requestedAt: r.requested_at,
    decidedAt: r.decided_at ?? null,
    decidedBy: r.decided_by == null ? null : Number(r.decided_by),
  };
}

export interface MembershipWithOrganisation extends Membership {
  organisation: Pick<Organisation, 'id' | 'name' | 'type' | 'departementCode'>;
}

/** A membership row joined with its organisation's `o_name`, `o_type` and `o_dep` (see `withOrganisation`). */
function toMembershipWithOrganisation(r: any): MembershipWithOrganisation {
  return {
    ...toMembership(r),
    organisation: { id: Number(r.organisation_id), name: r.o_name, type: r.o_type, departementCode: r.o_dep },
  };
}

/** The only code that reads or writes `organisations` and `memberships`. */
export function createOrganisationsStore(db: Kysely<any>, dialect: Dialect) {
  // Word-start matching works whether or not a row's search_text starts with a space.
  const spacedSearch = sql<string>`(' ' || search_text)`;
  const byKey = dialect === 'postgres' ? sql`search_text collate "C"` : sql`search_text`;

  function applyFilter(q: any, filter: OrganisationFilter) {
    if (filter.type) q = q.where('type', '=', filter.type);
    if (filter.regionCode) q = q.where('region_code', '=', filter.regionCode);
    if (filter.departementCode) q = q.where('departement_code', '=', filter.departementCode);
    const query = filter.q ? parseOrganisationQuery(filter.q) : null;
    if (query) {
      for (const alternatives of query.terms) {
        q = q.where((eb: any) => eb.or(alternatives.map((t) => eb(spacedSearch, 'like', `% ${t}%`))));
      }
    }
    return { q, query };
  }

  /** Memberships (`m`) with the name, type and département of their organisation. */
  function withOrganisation() {
    return db
      .selectFrom('memberships as m')
      .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
      .selectAll('m')
      .select(['o.name as o_name', 'o.type as o_type', 'o.departement_code as o_dep']);
  }

  async function countMemberships(organisationId: number, status: MembershipStatus): Promise<number> {
    const r = await db
      .selectFrom('memberships')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organisation_id', '=', organisationId)
      .where('status', '=', status)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  return {
    /**
     * Inserts or updates the rows of the geographic code by their stable code (idempotent). Fields an
     * administrator may have completed (SIRET, website) are kept. One transaction, multi-row statements.
     */
    async upsertGeography(rows: GeoOrganisation[]): Promise<number> {
      const at = now();
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < rows.length; i += BATCH) {
          const values = rows.slice(i, i + BATCH).map((r) => ({
            code: r.code,
            name: r.name,
            type: r.type,
            insee_code: r.inseeCode,
            siren: r.siren,
            population: r.population,
            departement_code: r.departementCode,
            region_code: r.regionCode,
            postcodes: r.postcodes.join(' '),
            search_text: searchText(r),
            source: 'cog',
            created_at: at,
            updated_at: at,
          }));
          await trx
            .insertInto('organisations')
            .values(values)
            .onConflict((oc) =>
              oc.column('code').doUpdateSet((eb) => ({
                name: eb.ref('excluded.name'),
                type: eb.ref('excluded.type'),
                insee_code: eb.ref('excluded.insee_code'),
                siren: eb.ref('excluded.siren'),
                population: eb.ref('excluded.population'),
                departement_code: eb.ref('excluded.departement_code'),
                region_code: eb.ref('excluded.region_code'),
                postcodes: eb.ref('excluded.postcodes'),
                search_text: eb.ref('excluded.search_text'),
                updated_at: eb.ref('excluded.updated_at'),
              })),
            )
            .execute();
        }
      });
      return rows.length;
    },

    /**
     * This module's markers in the platform's key/value `settings` table (only keys starting with
     * « organisations. »), e.g. which version of the geographic code was loaded.
     */
    async getSetting(key: `organisations.${string}`): Promise<string | null> {
      const r = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      return r ? (r.value as string) : null;
    },

    async setSetting(key: `organisations.${string}`, value: string): Promise<void> {
      await db
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    },

    async countBySource(source: string): Promise<number> {
      const r = await db
        .selectFrom('organisations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('source', '=', source)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async countByType(): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom('organisations')
        .select(['type', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('type')
        .execute();
      return Object.fromEntries(rows.map((r: any) => [r.type, Number(r.n)]));
    },

    async findById(id: number, trx: Kysely<any> = db): Promise<Organisation | null> {
      return findOne(trx, 'organisations', { id }, toOrganisation);
    },

    async findByCode(code: string, trx: Kysely<any> = db): Promise<Organisation | null> {
      return findOne(trx, 'organisations', { code }, toOrganisation);
    },

    async findByIds(ids: number[]): Promise<Organisation[]> {
      if (!ids.length) return [];
      const rows = await db.selectFrom('organisations').selectAll().where('id', 'in', ids).execute();
      return rows.map(toOrganisation);
    },

    async findBySiren(siren: string, trx: Kysely<any> = db): Promise<Organisation[]> {
      const rows = await trx.selectFrom('organisations').selectAll().where('siren', '=', siren).orderBy('id').execute();
      return rows.map(toOrganisation);
    },

    /** Organisations having one of these SIRENs (imports match thousands at once), by id. */
    async findBySirens(sirens: readonly string[]): Promise<Organisation[]> {
      const unique = [...new Set(sirens)];
      const out: Organisation[] = [];
      for (let i = 0; i < unique.length; i += 500) {
        const rows = await db
          .selectFrom('organisations')
          .selectAll()
          .where('siren', 'in', unique.slice(i, i + 500))
          .execute();
        out.push(...rows.map(toOrganisation));
      }
      return out.sort((a, b) => a.id - b.id);
    },

    /**
     * Lists organisations matching a filter. With a query: every term must start a word of the search text;
     * ranked exact name, name prefix, name word, other match; then largest population; then code.
     */
    async search(
      filter: OrganisationFilter,
      page: { limit: number; offset: number },
    ): Promise<{ total: number; rows: Organisation[] }> {
      const { q: base, query } = applyFilter(db.selectFrom('organisations'), filter);
      const { total } = await base.select((eb: any) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow();
      let q = base.selectAll();
      if (query) {
        const key = query.key;
        q = q.orderBy(
          sql`case when ${spacedSearch} like ${`  ${key} |%`} or ${spacedSearch} like ${` ${key}`} then 0
            when ${spacedSearch} like ${`  ${key}%`} or ${spacedSearch} like ${` ${key}%`} then 1
            when ${spacedSearch} like ${`% ${key}%|%`} then 2 else 3 end`,
        );
      }
      if (filter.sort === 'nom' && !query) q = q.orderBy(byKey).orderBy('code');
      else q = q.orderBy(sql`coalesce(population, -1)`, 'desc').orderBy('code');
      const rows = await q.limit(page.limit).offset(page.offset).execute();
      return { total: Number(total), rows: rows.map(toOrganisation) };
    },

    /** Départements and régions (for filters and labels). */
    async divisions(): Promise<{ departements: Division[]; regions: Division[] }> {
      const rows = await db
        .selectFrom('organisations')
        .select(['type', 'insee_code', 'name', 'region_code'])
        .where('type', 'in', ['departement', 'region'])
        .where('source', '=', 'cog')
        .orderBy('insee_code')
        .execute();
      const pick = (type: string) =>
        rows
          .filter((r: any) => r.type === type)
          .map((r: any) => ({ code: r.insee_code, name: r.name, regionCode: r.region_code ?? null }));
      return { departements: pick('departement'), regions: pick('region') };
    },

    async insertOther(body: OtherBody, trx: Kysely<any> = db): Promise<number> {
      const at = now();
      return insertId(trx, 'organisations', {
        code: otherBodyCode(body.siren),
        name: body.name,
        type: body.type,
        siren: body.siren,
        siret: body.siret,
        website: body.website,
        departement_code: body.departementCode,
        region_code: body.regionCode,
        postcodes: '',
        search_text: searchText({ name: body.name, siren: body.siren }),
        source: 'admin',
        created_at: at,
        updated_at: at,
      });
    },

    /** A body found in an imported file (source « import »), possibly foreign and without SIREN. */
    async insertImported(
      org: { code: string; name: string; type: string; siren: string | null; siret: string | null; country: string },
      trx: Kysely<any> = db,
    ): Promise<number> {
      const at = now();
      return insertId(trx, 'organisations', {
        code: org.code,
        name: org.name,
        type: org.type,
        siren: org.siren,
        siret: org.siret,
        country: org.country,
        postcodes: '',
        search_text: searchText({ name: org.name, siren: org.siren }),
        source: 'import',
        created_at: at,
        updated_at: at,
      });
    },

    /** User ids of an organisation's active members (any role). */
    async activeMemberIds(organisationId: number): Promise<number[]> {
      const rows = await db
        .selectFrom('memberships')
        .select('user_id')
        .where('organisation_id', '=', organisationId)
        .where('status', '=', 'active')
        .orderBy('user_id')
        .execute();
      return rows.map((r: any) => Number(r.user_id));
    },

    // -- memberships ------------------------------------------------------------------------------------------

    async findMembership(id: number, trx: Kysely<any> = db): Promise<Membership | null> {
      return findOne(trx, 'memberships', { id }, toMembership);
    },

    async findMembershipOf(userId: number, organisationId: number, trx: Kysely<any> = db): Promise<Membership | null> {
      return findOne(trx, 'memberships', { user_id: userId, organisation_id: organisationId }, toMembership);
    },

    async insertRequest(
      input: {
        userId: number;
        organisationId: number;
        message: string;
        role?: MembershipRole;
        status?: MembershipStatus;
      },
      trx: Kysely<any> = db,
    ): Promise<number> {
      const at = now();
      const active = input.status === 'active';
      return insertId(trx, 'memberships', {
        user_id: input.userId,
        organisation_id: input.organisationId,
        role: input.role ?? 'member',
        status: input.status ?? 'pending',
        message: input.message,
        requested_at: at,
        decided_at: active ? at : null,
      });
    },

    /** A refused request asked again: back to pending, with the new message. */
    async reopenRequest(id: number, message: string, trx: Kysely<any> = db): Promise<boolean> {
      const r = await trx
        .updateTable('memberships')
        .set({ status: 'pending', role: 'member', message, requested_at: now(), decided_at: null, decided_by: null })
        .where('id', '=', id)
        .where('status', '=', 'refused')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Decides a pending request. False when it was no longer pending (someone else decided first). */
    async decide(
      id: number,
      decision: { status: 'active' | 'refused'; role: MembershipRole; by: number },
      trx: Kysely<any> = db,
    ): Promise<boolean> {
      const r = await trx
        .updateTable('memberships')
        .set({ status: decision.status, role: decision.role, decided_at: now(), decided_by: decision.by })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async setRole(id: number, role: MembershipRole, trx: Kysely<any> = db): Promise<boolean> {
      const r = await trx
        .updateTable('memberships')
        .set({ role })
        .where('id', '=', id)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async deleteMembership(id: number, trx: Kysely<any> = db): Promise<boolean> {
      const r = await trx.deleteFrom('memberships').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) === 1;
    },

    async membershipsOfOrganisation(organisationId: number): Promise<Membership[]> {
      const rows = await db
        .selectFrom('memberships')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .orderBy('requested_at')
        .orderBy('id')
        .execute();
      return rows.map(toMembership);
    },

    countActiveMembers: (organisationId: number): Promise<number> => countMemberships(organisationId, 'active'),

    countPending: (organisationId: number): Promise<number> => countMemberships(organisationId, 'pending'),

    /** A person's active memberships (organisation and role): read on every signed-in request. */
    async activeRolesOfUser(userId: number): Promise<{ organisationId: number; role: MembershipRole }[]> {
      const rows = await db
        .selectFrom('memberships')
        .select(['organisation_id', 'role'])
        .where('user_id', '=', userId)
        .where('status', '=', 'active')
        .execute();
      return rows.map((r: any) => ({ organisationId: Number(r.organisation_id), role: r.role }));
    },

    /** Active member user ids of several organisations at once, grouped by organisation. */
    async activeMemberIdsOf(organisationIds: number[]): Promise<Map<number, number[]>> {
      const out = new Map<number, number[]>();
      for (let i = 0; i < organisationIds.length; i += 500) {
        const rows = await db
          .selectFrom('memberships')
          .select(['organisation_id', 'user_id'])
          .where('organisation_id', 'in', organisationIds.slice(i, i + 500))
          .where('status', '=', 'active')
          .execute();
        for (const r of rows as any[]) {
          const org = Number(r.organisation_id);
          out.set(org, [...(out.get(org) ?? []), Number(r.user_id)]);
        }
      }
      return out;
    },

    /** User ids of the active editors of an organisation. */
    async editorIds(organisationId: number, trx: Kysely<any> = db): Promise<number[]> {
      const rows = await trx
        .selectFrom('memberships')
        .select('user_id')
        .where('organisation_id', '=', organisationId)
        .where('status', '=', 'active')
        .where('role', '=', 'editor')
        .orderBy('user_id')
        .execute();
      return rows.map((r: any) => Number(r.user_id));
    },

    async membershipsOfUser(userId: number): Promise<MembershipWithOrganisation[]> {
      const rows = await withOrganisation()
        .where('m.user_id', '=', userId)
        .orderBy('m.requested_at', 'desc')
        .orderBy('m.id', 'desc')
        .execute();
      return rows.map(toMembershipWithOrganisation);
    },

    /** Pending requests, oldest first; restricted to some organisations unless `organisationIds` is null. */
    async pendingRequests(organisationIds: number[] | null): Promise<MembershipWithOrganisation[]> {
      if (organisationIds && !organisationIds.length) return [];
      let q = withOrganisation().where('m.status', '=', 'pending');
      if (organisationIds) q = q.where('m.organisation_id', 'in', organisationIds);
      const rows = await q.orderBy('m.requested_at').orderBy('m.id').limit(500).execute();
      return rows.map(toMembershipWithOrganisation);
    },
  };
}
export type OrganisationsStore = ReturnType<typeof createOrganisationsStore>;
