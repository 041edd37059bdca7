/**
 * Reference partners: a few real State labs that work on AI and data for public services, seeded on every site so
 * that commons and challenges can name them as maintainers or partners. Names only (facts); no SIREN, since a lab
 * is a team inside an administration. Idempotent: a lab already there (same stable code) is left as it is.
 */
import { namedBodyCode, type OtherBody } from '../model.ts';
import type { OrganisationsContext } from './context.ts';

export const REFERENCE_STATE_LABS: readonly Pick<OtherBody, 'name' | 'website'>[] = [
  { name: 'Lab IA d’Etalab (DINUM)', website: 'https://www.etalab.gouv.fr/' },
  { name: 'SSP Lab (Insee)', website: 'https://www.insee.fr/' },
  { name: 'Pôle d’expertise de la régulation numérique (PEReN)', website: 'https://www.peren.gouv.fr/' },
];

/** Adds the reference State labs that are missing; returns how many were added. */
export async function seedReferencePartners(context: OrganisationsContext): Promise<number> {
  let added = 0;
  await context.db.transaction().execute(async (trx) => {
    for (const lab of REFERENCE_STATE_LABS) {
      if (await context.organisations.findByCode(namedBodyCode('laboratoire_etat', lab.name), trx)) continue;
      await context.organisations.insertOther(
        {
          name: lab.name,
          type: 'laboratoire_etat',
          siren: null,
          siret: null,
          website: lab.website,
          departementCode: null,
          regionCode: null,
        },
        trx,
      );
      added++;
    }
  });
  return added;
}
