/**
 * The only code that reads or writes `organisations` (typed by tables.ts), plus this module's markers in the
 * platform's `settings` table. One mapper; every instant is read from the clock.
 *
 * Changes are told to the directory's catalogue (services/directory.ts) by a change counter in `settings`
 * (« organisations.change_seq ») and by the largest id: a write that changes existing rows takes a new number (the
 * catalogue reloads), a write that only adds rows takes the counter's lock (ids are then committed in order, and the
 * catalogue reads the rows after the largest id it has).
 */
import type { Insertable, Selectable } from 'kysely';
import { type ChangeCounter, settingsCounter } from '../../../platform/catalogue/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import { hasRow } from '../../../platform/db/index.ts';
import type { GeoOrganisation } from '../geo.ts';
import {
  type Division,
  namedBodyCode,
  type Organisation,
  type OrganisationType,
  type OtherBody,
  otherBodyCode,
  searchText,
} from '../model.ts';
import type { OrganisationSourceColumn, OrganisationsTable } from '../tables.ts';

/** Rows per INSERT statement: 13 parameters a row stays well under SQLite's and PostgreSQL's limits. */
const BATCH = 1000;

export function toOrganisation(r: Selectable<OrganisationsTable>): Organisation {
  return {
    id: Number(r.id),
    code: r.code,
    name: r.name,
    type: r.type as OrganisationType,
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

/** What the directory's catalogue keeps of an organisation. */
export interface DirectoryRow {
  id: number;
  code: string;
  type: string;
  population: number | null;
  departementCode: string | null;
  regionCode: string | null;
  searchText: string;
}

const DIRECTORY_COLUMNS = [
  'id',
  'code',
  'type',
  'population',
  'departement_code',
  'region_code',
  'search_text',
] as const;

function toDirectoryRow(r: Pick<Selectable<OrganisationsTable>, (typeof DIRECTORY_COLUMNS)[number]>): DirectoryRow {
  return {
    id: Number(r.id),
    code: r.code,
    type: r.type,
    population: r.population == null ? null : Number(r.population),
    departementCode: r.departement_code,
    regionCode: r.region_code,
    searchText: r.search_text,
  };
}

/** The directory's version: the change counter and the largest id, « 12:36021 ». */
export function parseDirectoryVersion(version: string | number): { seq: number; maxId: number } {
  const [seq, maxId] = String(version).split(':');
  return { seq: Number(seq) || 0, maxId: Number(maxId) || 0 };
}

/** An organisation as a test factory or a fixture gives it (source « admin » unless said). */
export interface NewOrganisation {
  name: string;
  type?: OrganisationType;
  code?: string;
  siren?: string | null;
  siret?: string | null;
  inseeCode?: string | null;
  population?: number | null;
  departementCode?: string | null;
  regionCode?: string | null;
  postcodes?: string[];
  country?: string;
  source?: OrganisationSourceColumn;
}

export function createOrganisationsStore(db: Db, clock: Clock, onWrite: () => void = () => {}) {
  const counter: ChangeCounter = settingsCounter(db, 'organisations.change_seq');

  /** Rows added in the caller's transaction: serialised by the counter's lock (ids committed in order). */
  async function insert(trx: Db, values: Insertable<OrganisationsTable>): Promise<number> {
    onWrite();
    await counter.lock(trx);
    const row = await trx.insertInto('organisations').values(values).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  }

  return {
    /**
     * Inserts or updates the rows of the geographic code by their stable code (idempotent). Fields an
     * administrator may have completed (SIRET, website) are kept. One transaction, multi-row statements.
     */
    async upsertGeography(rows: GeoOrganisation[]): Promise<number> {
      const at = clock.iso();
      onWrite();
      await db.transaction().execute(async (trx) => {
        await counter.next(trx);
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
            source: 'cog' as const,
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
      return r ? r.value : null;
    },

    async setSetting(key: `organisations.${string}`, value: string): Promise<void> {
      await db
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    },

    /** Whether any authority comes from `source` (the first row found ends the read: 28 ms less than a count of the
     * 36,000 of the geographic code, at every start on PostgreSQL). */
    hasSource(source: OrganisationSourceColumn): Promise<boolean> {
      return hasRow(db.selectFrom('organisations').select('id').where('source', '=', source));
    },

    async countBySource(source: OrganisationSourceColumn): Promise<number> {
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
      return Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
    },

    async findById(id: number, trx: Db = db): Promise<Organisation | null> {
      const r = await trx.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toOrganisation(r) : null;
    },

    async findByCode(code: string, trx: Db = db): Promise<Organisation | null> {
      const r = await trx.selectFrom('organisations').selectAll().where('code', '=', code).executeTakeFirst();
      return r ? toOrganisation(r) : null;
    },

    /** Organisations by id, in the order of `ids` (unknown ids left out). */
    async findByIds(ids: readonly number[]): Promise<Organisation[]> {
      const unique = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0);
      const byId = new Map<number, Organisation>();
      for (let i = 0; i < unique.length; i += 500) {
        const rows = await db
          .selectFrom('organisations')
          .selectAll()
          .where('id', 'in', unique.slice(i, i + 500))
          .execute();
        for (const r of rows) byId.set(Number(r.id), toOrganisation(r));
      }
      return ids.map((id) => byId.get(id)).filter((o): o is Organisation => !!o);
    },

    async findBySiren(siren: string, trx: Db = db): Promise<Organisation[]> {
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
          .filter((r) => r.type === type)
          .map((r) => ({ code: r.insee_code ?? '', name: r.name, regionCode: r.region_code ?? null }));
      return { departements: pick('departement'), regions: pick('region') };
    },

    async insertOther(body: OtherBody, trx: Db = db): Promise<number> {
      const at = clock.iso();
      return insert(trx, {
        code: body.siren ? otherBodyCode(body.siren) : namedBodyCode(body.type, body.name),
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
      trx: Db = db,
    ): Promise<number> {
      const at = clock.iso();
      return insert(trx, {
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

    /** Test factories and fixtures: an organisation as given. */
    async insertGiven(input: NewOrganisation, code: string): Promise<number> {
      const at = clock.iso();
      return db.transaction().execute((trx) =>
        insert(trx, {
          code,
          name: input.name,
          type: input.type ?? 'commune',
          insee_code: input.inseeCode ?? null,
          siren: input.siren ?? null,
          siret: input.siret ?? null,
          population: input.population ?? null,
          departement_code: input.departementCode ?? null,
          region_code: input.regionCode ?? null,
          postcodes: (input.postcodes ?? []).join(' '),
          country: input.country ?? 'FR',
          search_text: searchText({
            name: input.name,
            inseeCode: input.inseeCode ?? null,
            siren: input.siren ?? null,
            postcodes: input.postcodes ?? [],
          }),
          source: input.source ?? 'admin',
          created_at: at,
          updated_at: at,
        }),
      );
    },

    // -- the directory's catalogue ------------------------------------------------------------------------------

    /** The change counter and the largest id, read together: « seq:maxId ». */
    async directoryVersion(): Promise<string> {
      const r = await db
        .selectNoFrom((eb) => [
          eb.selectFrom('settings').select('value').where('key', '=', 'organisations.change_seq').as('seq'),
          eb
            .selectFrom('organisations')
            .select((e) => e.fn.max('id').as('m'))
            .as('max_id'),
        ])
        .executeTakeFirstOrThrow();
      return `${Number(r.seq ?? 0) || 0}:${Number(r.max_id ?? 0) || 0}`;
    },

    /** What the catalogue keeps of the organisations after `afterId`, a page at a time by id. */
    async directoryRowsAfter(afterId: number, limit: number): Promise<DirectoryRow[]> {
      const rows = await db
        .selectFrom('organisations')
        .select(DIRECTORY_COLUMNS)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toDirectoryRow);
    },

    /** What the catalogue keeps of these organisations, by id (unknown ids left out). */
    async directoryRowsByIds(ids: readonly number[]): Promise<DirectoryRow[]> {
      if (!ids.length) return [];
      const rows = await db
        .selectFrom('organisations')
        .select(DIRECTORY_COLUMNS)
        .where('id', 'in', [...ids])
        .orderBy('id')
        .execute();
      return rows.map(toDirectoryRow);
    },
  };
}

export type OrganisationsStore = ReturnType<typeof createOrganisationsStore>;
