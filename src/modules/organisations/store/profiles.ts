/**
 * The edit page's side of `organisations` (SIRET, contact e-mail, website, logo, version) and the only code that reads
 * or writes `organisation_changes` (their history); also finds organisations by SIRET or INSEE code for imports.
 * Split from organisations.ts, which keeps the directory's writes and its change counter: these columns are not in
 * the directory's catalogue.
 */
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Organisation, OrganisationType } from '../model.ts';

/** An organisation as an import matches it. */
export type OrganisationRef = Pick<Organisation, 'id' | 'name' | 'type' | 'source' | 'siren' | 'siret' | 'inseeCode'>;

import type { EditableField, OrganisationChange, OrganisationFields } from '../model-contacts.ts';

export function createProfilesStore(db: Db, clock: Clock) {
  return {
    /** The fields the edit page changes, and the version they were read at. */
    async profile(id: number, trx: Db = db): Promise<(OrganisationFields & { version: number }) | null> {
      const r = await trx
        .selectFrom('organisations')
        .select(['siret', 'contact_email', 'website', 'logo_url', 'version'])
        .where('id', '=', id)
        .executeTakeFirst();
      return r
        ? {
            siret: r.siret ?? null,
            contactEmail: r.contact_email ?? null,
            website: r.website ?? null,
            logoUrl: r.logo_url ?? null,
            version: Number(r.version),
          }
        : null;
    },

    /**
     * Writes the edit page's fields when the row is still at `version` (or at any version when null: imports);
     * false when it changed meanwhile.
     */
    async updateFields(
      trx: Db,
      id: number,
      version: number | null,
      fields: Partial<OrganisationFields>,
    ): Promise<boolean> {
      let q = trx
        .updateTable('organisations')
        .set((eb) => ({
          ...(fields.siret !== undefined ? { siret: fields.siret } : {}),
          ...(fields.contactEmail !== undefined ? { contact_email: fields.contactEmail } : {}),
          ...(fields.website !== undefined ? { website: fields.website } : {}),
          ...(fields.logoUrl !== undefined ? { logo_url: fields.logoUrl } : {}),
          version: eb('version', '+', 1),
          updated_at: clock.iso(),
        }))
        .where('id', '=', id);
      if (version !== null) q = q.where('version', '=', version);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async recordChanges(
      trx: Db,
      changes: { organisationId: number; field: EditableField; oldValue: string | null; newValue: string | null }[],
      meta: { changedBy: number | null; source: string },
    ): Promise<void> {
      if (!changes.length) return;
      const at = clock.iso();
      await trx
        .insertInto('organisation_changes')
        .values(
          changes.map((c) => ({
            organisation_id: c.organisationId,
            field: c.field,
            old_value: c.oldValue,
            new_value: c.newValue,
            changed_by: meta.changedBy,
            source: meta.source,
            changed_at: at,
          })),
        )
        .execute();
    },

    /** An authority's history of changes, newest first. */
    async changesOf(organisationId: number, limit = 100): Promise<OrganisationChange[]> {
      const rows = await db
        .selectFrom('organisation_changes')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        organisationId: Number(r.organisation_id),
        field: r.field as EditableField,
        oldValue: r.old_value ?? null,
        newValue: r.new_value ?? null,
        changedBy: r.changed_by == null ? null : Number(r.changed_by),
        source: r.source,
        changedAt: r.changed_at,
      }));
    },

    /**
     * What an import needs to know of the organisations having one of these SIRENs, SIRETs or INSEE codes (found
     * by thousands at once): a narrow row, without the search text and the geography.
     */
    async refsBy(column: 'siren' | 'siret' | 'insee_code', values: readonly string[]): Promise<OrganisationRef[]> {
      const unique = [...new Set(values)];
      const out: OrganisationRef[] = [];
      for (let i = 0; i < unique.length; i += 500) {
        const rows = await db
          .selectFrom('organisations')
          .select(['id', 'name', 'type', 'source', 'siren', 'siret', 'insee_code'])
          .where(column, 'in', unique.slice(i, i + 500))
          .execute();
        for (const r of rows) {
          out.push({
            id: Number(r.id),
            name: r.name,
            type: r.type as OrganisationType,
            source: r.source,
            siren: r.siren,
            siret: r.siret,
            inseeCode: r.insee_code,
          });
        }
      }
      return out.sort((a, b) => a.id - b.id);
    },
  };
}

export type ProfilesStore = ReturnType<typeof createProfilesStore>;
