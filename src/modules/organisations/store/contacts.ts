/**
 * The only code that reads or writes `organisation_contacts` (typed by tables.ts): the professional contacts of
 * authorities. One mapper; every instant is read from the clock; e-mails are stored lower-case.
 */
import type { Insertable, Selectable } from 'kysely';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import { hasRow } from '../../../platform/db/index.ts';
import type { Contact, ContactInput } from '../model-contacts.ts';
import type { OrganisationContactsTable } from '../tables.ts';

/** Ids per `in (…)` list: well under both databases' parameter limits. */
const CHUNK = 500;

function toContact(r: Selectable<OrganisationContactsTable>): Contact {
  return {
    id: Number(r.id),
    organisationId: Number(r.organisation_id),
    name: r.name,
    function: r.function ?? '',
    email: r.email,
    phone: r.phone ?? null,
    source: r.source,
    createdBy: r.created_by == null ? null : Number(r.created_by),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  };
}

/** The row of a new contact (the address lower-cased), for single and multi-row inserts. */
function newContactRow(
  organisationId: number,
  input: ContactInput,
  meta: { source: string; createdBy: number | null },
  at: string,
): Insertable<OrganisationContactsTable> {
  return {
    organisation_id: organisationId,
    name: input.name,
    function: input.function,
    email: input.email.toLowerCase(),
    phone: input.phone,
    source: meta.source,
    created_by: meta.createdBy,
    created_at: at,
    updated_at: at,
  };
}

export function createContactsStore(db: Db, clock: Clock) {
  return {
    async findById(id: number, trx: Db = db): Promise<Contact | null> {
      const r = await trx.selectFrom('organisation_contacts').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toContact(r) : null;
    },

    /** An authority's contacts, by name. */
    async ofOrganisation(organisationId: number, trx: Db = db): Promise<Contact[]> {
      const rows = await trx
        .selectFrom('organisation_contacts')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .orderBy('name')
        .orderBy('id')
        .execute();
      return rows.map(toContact);
    },

    /** Contacts of several authorities (every asked id present, possibly with an empty list), by authority. */
    async ofOrganisations(organisationIds: readonly number[], trx: Db = db): Promise<Map<number, Contact[]>> {
      const unique = [...new Set(organisationIds)].filter((id) => Number.isSafeInteger(id) && id > 0);
      const out = new Map<number, Contact[]>(unique.map((id) => [id, []]));
      for (let i = 0; i < unique.length; i += CHUNK) {
        const rows = await trx
          .selectFrom('organisation_contacts')
          .selectAll()
          .where('organisation_id', 'in', unique.slice(i, i + CHUNK))
          .orderBy('organisation_id')
          .orderBy('name')
          .orderBy('id')
          .execute();
        for (const r of rows) out.get(Number(r.organisation_id))!.push(toContact(r));
      }
      return out;
    },

    /** Every contact having this address (any authority): personal-data export and erasure. */
    async byEmail(email: string, trx: Db = db): Promise<Contact[]> {
      const rows = await trx
        .selectFrom('organisation_contacts')
        .selectAll()
        .where('email', '=', email.trim().toLowerCase())
        .orderBy('id')
        .execute();
      return rows.map(toContact);
    },

    async insert(
      trx: Db,
      organisationId: number,
      input: ContactInput,
      meta: { source: string; createdBy: number | null },
    ): Promise<number> {
      const at = clock.iso();
      const r = await trx
        .insertInto('organisation_contacts')
        .values(newContactRow(organisationId, input, meta, at))
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(r.id);
    },

    /** Adds many contacts in multi-row statements (imports); their count. */
    async insertMany(
      trx: Db,
      rows: readonly { organisationId: number; input: ContactInput }[],
      meta: { source: string; createdBy: number | null },
    ): Promise<number> {
      const at = clock.iso();
      for (let i = 0; i < rows.length; i += CHUNK) {
        await trx
          .insertInto('organisation_contacts')
          .values(
            rows.slice(i, i + CHUNK).map(({ organisationId, input }) => newContactRow(organisationId, input, meta, at)),
          )
          .execute();
      }
      return rows.length;
    },

    /** Updates a contact at the version read; false when it changed (or vanished) meanwhile. */
    async update(trx: Db, id: number, version: number, input: ContactInput): Promise<boolean> {
      const r = await trx
        .updateTable('organisation_contacts')
        .set({
          name: input.name,
          function: input.function,
          email: input.email.toLowerCase(),
          phone: input.phone,
          updated_at: clock.iso(),
          version: version + 1,
        })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async delete(trx: Db, id: number): Promise<boolean> {
      const r = await trx.deleteFrom('organisation_contacts').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) === 1;
    },

    /** Erases every contact having this address; how many. */
    async deleteByEmail(trx: Db, email: string): Promise<number> {
      const r = await trx
        .deleteFrom('organisation_contacts')
        .where('email', '=', email.trim().toLowerCase())
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    /**
     * Erases every contact having the address of account `userId`, inside the account deletion's transaction. The
     * address is read from the accounts' \`users\` table in the same statement: the deletion's transaction holds
     * SQLite's only connection, so the accounts api cannot be asked meanwhile (the PersonalData port gives only the
     * id). Read-only use of another module's table, in one place.
     */
    async deleteByAccount(trx: Db, userId: number): Promise<number> {
      const r = await trx
        .deleteFrom('organisation_contacts')
        .where('email', 'in', (eb) =>
          eb
            .selectFrom('users')
            .select((e) => e.fn<string>('lower', ['users.email']).as('email'))
            .where('users.id', '=', userId),
        )
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    /** Whether any contact was added from `source` (the demo seed adds its contacts once). */
    anyFrom(source: string): Promise<boolean> {
      return hasRow(db.selectFrom('organisation_contacts').select('id').where('source', '=', source));
    },

    /** (authority, e-mail) pairs already present among these authorities: « 12 a@b.fr ». */
    async existingKeys(organisationIds: readonly number[], trx: Db = db): Promise<Set<string>> {
      const unique = [...new Set(organisationIds)];
      const out = new Set<string>();
      for (let i = 0; i < unique.length; i += CHUNK) {
        const rows = await trx
          .selectFrom('organisation_contacts')
          .select(['organisation_id', 'email'])
          .where('organisation_id', 'in', unique.slice(i, i + CHUNK))
          .execute();
        for (const r of rows) out.add(`${Number(r.organisation_id)} ${r.email}`);
      }
      return out;
    },

    /** Every contact with its authority's name and codes, by authority name (the CSV export). */
    async *all(
      trx: Db = db,
    ): AsyncGenerator<Contact & { organisationName: string; siren: string | null; inseeCode: string | null }> {
      let after = 0;
      for (;;) {
        const rows = await trx
          .selectFrom('organisation_contacts as c')
          .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
          .selectAll('c')
          .select(['o.name as o_name', 'o.siren as o_siren', 'o.insee_code as o_insee'])
          .where('c.id', '>', after)
          .orderBy('c.id')
          .limit(1000)
          .execute();
        if (!rows.length) return;
        for (const r of rows) {
          yield { ...toContact(r), organisationName: r.o_name, siren: r.o_siren, inseeCode: r.o_insee };
        }
        after = Number(rows[rows.length - 1]!.id);
      }
    },
  };
}

export type ContactsStore = ReturnType<typeof createContactsStore>;
