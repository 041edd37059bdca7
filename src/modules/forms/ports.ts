/** What the forms engine needs from other modules (wired in src/modules/index.ts). */
import type { OrganisationLookup } from './organisations.ts';

export interface FormsPorts {
  /**
   * Authorities, for organisation questions (« Collectivité »): the organisations module's api, adapted. Optional:
   * a site without it reads organisation answers as ids only.
   */
  organisations?: OrganisationLookup;
}
