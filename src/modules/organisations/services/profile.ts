/**
 * An authority's identifiers and public fields (SIRET of the siège, contact e-mail, website, logo), edited by its
 * editors and the network coordinators with optimistic concurrency, given by imports and forms
 * (`updateIdentifiers`), each change kept in the authority's history (who, what, when, from where).
 */
import { authorize } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { Db } from '../../../platform/db/database.ts';
import { ConflictError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import type { Organisation } from '../model.ts';
import {
  EDITABLE_FIELDS,
  type EditableField,
  type OrganisationChange,
  type OrganisationFields,
  siretProblem,
  validateOrganisationFields,
} from '../model-contacts.ts';
import { explainRefusal } from '../policy.ts';
import type { OrganisationsContext } from './context.ts';

const EDITORS_ONLY = 'Seuls les responsables de cette collectivité et les coordinateurs du réseau modifient sa fiche.';

const COLUMN_OF: Record<EditableField, keyof OrganisationFields> = {
  siret: 'siret',
  contact_email: 'contactEmail',
  website: 'website',
  logo_url: 'logoUrl',
};

export interface ProfileView {
  organisation: Organisation;
  fields: OrganisationFields;
  version: number;
  history: OrganisationChange[];
}

/** What an import or a form asks: this authority's siège SIRET is this one. */
export interface IdentifierUpdate {
  organisationId: number;
  siret: string;
}

export interface IdentifierUpdateReport {
  /** SIRETs written (the authority had none, or `replace` was asked). */
  updated: number[];
  /** Authorities that already had this SIRET. */
  unchanged: number[];
  /** Refused: bad control key, another SIREN, unknown authority, or another SIRET kept (without `replace`). */
  refused: { organisationId: number; siret: string; message: string }[];
}

export function createProfileService(context: OrganisationsContext) {
  const { db, audit, organisations, profiles: store, ports } = context;

  async function organisationOf(id: number, trx: Db = db): Promise<Organisation> {
    const org = Number.isSafeInteger(id) && id > 0 ? await organisations.findById(id, trx) : null;
    if (!org) throw notFound("Cette collectivité ou cet organisme n'existe pas (ou plus).");
    return org;
  }

  /** The history with the names of the people who made each change. */
  async function history(organisationId: number): Promise<OrganisationChange[]> {
    const changes = await store.changesOf(organisationId);
    const ids = [...new Set(changes.map((c) => c.changedBy).filter((id): id is number => id !== null))];
    const names = new Map((ids.length ? await ports.people.findUsers(ids) : []).map((p) => [p.id, p.name || p.email]));
    return changes.map((c) => ({
      ...c,
      changedByName: c.changedBy === null ? null : (names.get(c.changedBy) ?? null),
    }));
  }

  return {
    /** The edit page: the authority, its fields at their version, its history (editors and coordinators). */
    async profile(actor: CurrentUser | null, organisationId: number): Promise<ProfileView> {
      const organisation = await organisationOf(organisationId);
      explainRefusal(EDITORS_ONLY, () => authorize(actor, 'organisation.edit', { organisationId }));
      const { version, ...fields } = (await store.profile(organisationId))!;
      return { organisation, fields, version, history: await history(organisationId) };
    },

    /** The public fields of an authority (its page). */
    async publicFields(organisationId: number): Promise<OrganisationFields | null> {
      const p = await store.profile(organisationId);
      if (!p) return null;
      const { version: _version, ...fields } = p;
      return fields;
    },

    /**
     * Saves the edit page read at `version`: French field errors (422), or a 409 with the stored fields when
     * someone saved meanwhile. Each changed field goes into the history.
     */
    async edit(
      actor: CurrentUser | null,
      organisationId: number,
      version: number,
      input: Partial<Record<keyof OrganisationFields, string | null>>,
    ): Promise<{ changed: EditableField[] }> {
      const organisation = await organisationOf(organisationId);
      explainRefusal(EDITORS_ONLY, () => authorize(actor, 'organisation.edit', { organisationId }));
      const checked = validateOrganisationFields(input, organisation.siren);
      if (!checked.ok) throw new ValidationError(checked.errors);
      return db.transaction().execute(async (trx) => {
        const current = (await store.profile(organisationId, trx))!;
        const conflict = () =>
          new ConflictError(
            'Cette fiche a été modifiée par quelqu’un d’autre pendant que vous la modifiiez. Voici sa version enregistrée.',
            current,
          );
        if (current.version !== version) throw conflict();
        const changes = EDITABLE_FIELDS.filter((f) => current[COLUMN_OF[f]] !== checked.value[COLUMN_OF[f]]).map(
          (f) => ({
            organisationId,
            field: f,
            oldValue: current[COLUMN_OF[f]],
            newValue: checked.value[COLUMN_OF[f]],
          }),
        );
        if (!changes.length) return { changed: [] };
        if (!(await store.updateFields(trx, organisationId, version, checked.value))) throw conflict();
        await store.recordChanges(trx, changes, { changedBy: actor!.id, source: 'saisie' });
        await audit.record(
          {
            actorUserId: actor!.id,
            action: 'organisation.updated',
            subjectType: 'organisation',
            subjectId: organisationId,
            details: { fields: changes.map((c) => c.field) },
          },
          trx,
        );
        return { changed: changes.map((c) => c.field) };
      });
    },

    /**
     * Keeps the siège SIRETs given by an import or a form (the library import, a census answer): each one checked
     * (control key, prefix = the authority's SIREN), written when the authority has none (or always with
     * `replace`), and put in the history with its source. Runs in the caller's transaction when given.
     */
    async updateIdentifiers(
      updates: readonly IdentifierUpdate[],
      meta: { source: string; actorUserId?: number | null; replace?: boolean },
      trx?: Db,
    ): Promise<IdentifierUpdateReport> {
      const run = async (t: Db): Promise<IdentifierUpdateReport> => {
        const report: IdentifierUpdateReport = { updated: [], unchanged: [], refused: [] };
        for (const u of updates) {
          const org = await organisations.findById(u.organisationId, t);
          const siret = u.siret.replace(/[\s\u00a0\u202f.-]/g, '');
          if (!org) {
            report.refused.push({ ...u, siret, message: 'collectivité inconnue' });
            continue;
          }
          const problem = siretProblem(siret, org.siren);
          if (problem) {
            report.refused.push({ organisationId: org.id, siret, message: problem });
            continue;
          }
          if (org.siret === siret) {
            report.unchanged.push(org.id);
            continue;
          }
          if (org.siret && !meta.replace) {
            report.refused.push({
              organisationId: org.id,
              siret,
              message: `« ${org.name} » a déjà le SIRET ${org.siret} : il est gardé.`,
            });
            continue;
          }
          await store.updateFields(t, org.id, null, { siret });
          await store.recordChanges(
            t,
            [{ organisationId: org.id, field: 'siret', oldValue: org.siret, newValue: siret }],
            { changedBy: meta.actorUserId ?? null, source: meta.source },
          );
          report.updated.push(org.id);
        }
        return report;
      };
      return trx ? run(trx) : db.transaction().execute(run);
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
