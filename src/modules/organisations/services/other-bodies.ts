/**
 * Bodies that are not in the geographic code: created by an administrator (syndicat mixte, opérateur,
 * association, company… with a checked SIREN or SIRET; a State lab may have none), or by a library import (foreign bodies, bodies without SIREN).
 */
import { authorize } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { Db } from '../../../platform/db/database.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import {
  checkOtherBody,
  type DivisionMaps,
  formatSiren,
  importedBodyCode,
  isOrganisationType,
  namedBodyCode,
  type Organisation,
  type OrganisationType,
  type OtherBodyInput,
  organisationTypeLabel,
} from '../model.ts';
import { explainRefusal } from '../policy.ts';
import type { OrganisationsContext } from './context.ts';

const ADMINS_ONLY = 'Seuls les administrateurs peuvent ajouter un organisme.';

export function createOtherBodiesService(
  context: OrganisationsContext,
  deps: { divisions(): Promise<DivisionMaps>; organisation(id: number): Promise<Organisation> },
) {
  const { db, audit, organisations: store } = context;

  /** Field errors of the form beyond the body's own rules: places that exist and agree, a SIREN not taken. */
  async function placeAndSirenErrors(input: OtherBodyInput, maps: DivisionMaps, siren: string | null) {
    const errors: Record<string, string> = {};
    const depCode = (input.departementCode ?? '').trim();
    const regCode = (input.regionCode ?? '').trim();
    if (depCode && !maps.departements.has(depCode)) errors.departementCode = 'Choisissez un département de la liste.';
    if (regCode && !maps.regions.has(regCode)) errors.regionCode = 'Choisissez une région de la liste.';
    if (siren && !errors.departementCode && depCode && regCode) {
      const expected = maps.list.departements.find((d) => d.code === depCode)?.regionCode;
      if (expected && expected !== regCode) {
        errors.regionCode = `Le département ${maps.departements.get(depCode)} est en région ${maps.regions.get(expected)}.`;
      }
    }
    if (!siren && input.name?.trim() && isOrganisationType(input.type)) {
      const same = await store.findByCode(namedBodyCode(input.type, input.name.trim().replace(/\s+/g, ' ')));
      if (same) errors.name = `« ${same.name} » existe déjà (${organisationTypeLabel(same.type).toLowerCase()}).`;
    }
    if (siren) {
      const same = await store.findBySiren(siren);
      if (same.length) {
        const o = same[0]!;
        errors.siren = `Le SIREN ${formatSiren(siren)} est déjà celui de « ${o.name} » (${organisationTypeLabel(o.type).toLowerCase()}).`;
      }
    }
    return errors;
  }

  return {
    /** What the « new body » form shows (administrators only). */
    async newBodyForm(actor: CurrentUser | null): Promise<DivisionMaps> {
      explainRefusal(ADMINS_ONLY, () => authorize(actor, 'organisation.create'));
      return deps.divisions();
    },

    /** Creates another body (administrators). Field errors are French and keyed by form field. */
    async create(actor: CurrentUser | null, input: OtherBodyInput): Promise<Organisation> {
      explainRefusal(ADMINS_ONLY, () => authorize(actor, 'organisation.create'));
      const checked = checkOtherBody(input);
      const maps = await deps.divisions();
      const errors: Record<string, string> = {
        ...(checked.ok ? {} : checked.errors),
        ...(await placeAndSirenErrors(input, maps, checked.ok ? checked.value.siren : null)),
      };
      if (!checked.ok || Object.keys(errors).length) throw new ValidationError(errors);
      const body = checked.value;
      if (body.departementCode && !body.regionCode) {
        body.regionCode = maps.list.departements.find((d) => d.code === body.departementCode)?.regionCode ?? null;
      }
      const id = await db.transaction().execute(async (trx) => {
        const newId = await store.insertOther(body, trx);
        await audit.record(
          {
            actorUserId: actor!.id,
            action: 'organisation.created',
            subjectType: 'organisation',
            subjectId: newId,
            details: { name: body.name, type: body.type, siren: body.siren, siret: body.siret },
          },
          trx,
        );
        return newId;
      });
      return deps.organisation(id);
    },

    /**
     * The body of an imported row (library imports): found by its stable code (`importedBodyCode`) or created
     * with source « import », its country, and no SIREN when it has none (foreign bodies). Runs entirely in the
     * caller's transaction. Match by SIREN first with `findBySiren` (outside the transaction).
     */
    async findOrCreateImported(
      org: { name: string; type: OrganisationType | null; siren: string | null; siret: string | null; country: string },
      trx: Db,
    ): Promise<{ id: number; created: boolean }> {
      const code = importedBodyCode(org);
      const existing = await store.findByCode(code, trx);
      if (existing) return { id: existing.id, created: false };
      const id = await store.insertImported(
        {
          code,
          name: org.name.trim(),
          type: org.type ?? 'autre',
          siren: org.siren,
          siret: org.siret,
          country: org.country,
        },
        trx,
      );
      return { id, created: true };
    },
  };
}

export type OtherBodiesService = ReturnType<typeof createOtherBodiesService>;
