/**
 * The professional contacts of authorities: listed, added, changed and removed by the authority's editors and the
 * network coordinators; read by other modules (campaign invitations); covered by the personal-data export and
 * erasure of a person whose address is a contact's.
 */
import { authorize } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { Db } from '../../../platform/db/database.ts';
import { ConflictError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import { type Contact, type ContactInput, validateContact } from '../model-contacts.ts';
import { explainRefusal } from '../policy.ts';
import type { OrganisationsContext } from './context.ts';

const EDITORS_ONLY =
  'Seuls les responsables de cette collectivité et les coordinateurs du réseau voient et gèrent ses contacts.';

/** « Ce contact existe déjà » for an address already among the authority's contacts. */
function duplicateEmail(email: string): ValidationError {
  return new ValidationError({ email: `L’adresse ${email} est déjà celle d’un contact de cette collectivité.` });
}

export function createContactsService(context: OrganisationsContext) {
  const { db, audit, contacts: store, organisations } = context;

  function check(input: Partial<Record<keyof ContactInput, string | null>>): ContactInput {
    const r = validateContact(input);
    if (!r.ok) throw new ValidationError(r.errors);
    return r.value;
  }

  async function contactOf(actor: CurrentUser | null, id: number): Promise<Contact> {
    const contact = Number.isSafeInteger(id) && id > 0 ? await store.findById(id) : null;
    if (!contact) throw notFound('Ce contact n’existe pas (ou plus).');
    explainRefusal(EDITORS_ONLY, () => authorize(actor, 'contact.manage', { organisationId: contact.organisationId }));
    return contact;
  }

  return {
    /** An authority's contacts (its editors and the coordinators). */
    async list(actor: CurrentUser | null, organisationId: number): Promise<Contact[]> {
      explainRefusal(EDITORS_ONLY, () => authorize(actor, 'contact.manage', { organisationId }));
      return store.ofOrganisation(organisationId);
    },

    /** Whether `actor` may see and manage the authority's contacts (to show the link). */
    contactOf,

    async add(
      actor: CurrentUser | null,
      organisationId: number,
      input: Partial<Record<keyof ContactInput, string | null>>,
    ): Promise<Contact> {
      explainRefusal(EDITORS_ONLY, () => authorize(actor, 'contact.manage', { organisationId }));
      const value = check(input);
      const id = await db.transaction().execute(async (trx) => {
        const taken = await store.existingKeys([organisationId], trx);
        if (taken.has(`${organisationId} ${value.email}`)) throw duplicateEmail(value.email);
        const newId = await store.insert(trx, organisationId, value, { source: 'saisie', createdBy: actor!.id });
        await audit.record(
          { actorUserId: actor!.id, action: 'contact.added', subjectType: 'organisation', subjectId: organisationId },
          trx,
        );
        return newId;
      });
      return (await store.findById(id))!;
    },

    /** Changes a contact read at `version`; a 409 with the stored contact when someone changed it meanwhile. */
    async update(
      actor: CurrentUser | null,
      id: number,
      version: number,
      input: Partial<Record<keyof ContactInput, string | null>>,
    ): Promise<Contact> {
      const current = await contactOf(actor, id);
      const value = check(input);
      await db.transaction().execute(async (trx) => {
        if (value.email !== current.email) {
          const taken = await store.existingKeys([current.organisationId], trx);
          if (taken.has(`${current.organisationId} ${value.email}`)) throw duplicateEmail(value.email);
        }
        if (!(await store.update(trx, id, version, value))) {
          throw new ConflictError(
            'Ce contact a été modifié par quelqu’un d’autre pendant que vous le modifiiez. Voici sa version enregistrée.',
            await store.findById(id, trx),
          );
        }
        await audit.record(
          {
            actorUserId: actor!.id,
            action: 'contact.updated',
            subjectType: 'organisation',
            subjectId: current.organisationId,
          },
          trx,
        );
      });
      return (await store.findById(id))!;
    },

    async remove(actor: CurrentUser | null, id: number): Promise<Contact> {
      const current = await contactOf(actor, id);
      await db.transaction().execute(async (trx) => {
        await store.delete(trx, id);
        await audit.record(
          {
            actorUserId: actor!.id,
            action: 'contact.removed',
            subjectType: 'organisation',
            subjectId: current.organisationId,
          },
          trx,
        );
      });
      return current;
    },

    /** Contacts of several authorities, by authority (campaign invitations): no authorisation, server-side use. */
    contactsOf: (organisationIds: readonly number[]) => store.ofOrganisations(organisationIds),

    /** Every contact with its authority, for the CSV export (coordinators): checked now, read as it is written. */
    exportRows(actor: CurrentUser | null) {
      explainRefusal('Seuls les coordinateurs du réseau exportent les contacts.', () =>
        authorize(actor, 'contact.import'),
      );
      return store.all();
    },

    /** What is held about a person's address as a contact (personal-data export). */
    async exportPersonalData(email: string) {
      const rows = await store.byEmail(email);
      if (!rows.length) return [];
      const orgs = new Map((await organisations.findByIds(rows.map((r) => r.organisationId))).map((o) => [o.id, o]));
      return rows.map((c) => ({
        organisation: orgs.get(c.organisationId)?.name ?? null,
        name: c.name,
        function: c.function,
        email: c.email,
        phone: c.phone,
        source: c.source,
        createdAt: c.createdAt,
        updatedAt: c.updatedAt,
      }));
    },

    /** Erases every contact having this address (a person's request). */
    async erasePersonalData(email: string, trx: Db): Promise<number> {
      return store.deleteByEmail(trx, email);
    },

    /** Erases every contact having the address of the account being deleted, inside the deletion's transaction. */
    eraseForAccount: (userId: number, trx: Db) => store.deleteByAccount(trx, userId),
  };
}

export type ContactsService = ReturnType<typeof createContactsService>;
