/** The questionnaires shipped with the product (written by us, in our native format). */
import type { Form } from '../../forms/index.ts';
import { AI_CENSUS_KEY, aiCensus } from './ai-census.ts';
import { PARTICIPATION_KEY, participation } from './participation.ts';

export interface CatalogueEntry {
  /** Stable key, so that seeding twice never duplicates a questionnaire. */
  key: string;
  questionnaire: Form;
}

export const CATALOGUE: readonly CatalogueEntry[] = [
  { key: AI_CENSUS_KEY, questionnaire: aiCensus },
  { key: PARTICIPATION_KEY, questionnaire: participation },
];

export { AI_CENSUS_KEY, aiCensus, PARTICIPATION_KEY, participation };
