/**
 * Route × role cases of the inventory of public algorithms (issue 11 #5, library module) and of the sheets kept
 * alive (issue 11 #7): public downloads, the whole network and one authority.
 */
import type { Case } from './cases.ts';

export const ETHICS_INVENTORY_CASES: Record<string, Case> = {
  'GET /donnees-ouvertes/inventaire-algorithmes.csv': {
    module: 'library',
    request: () => ({ url: '/donnees-ouvertes/inventaire-algorithmes.csv' }),
  },
  'GET /donnees-ouvertes/inventaire-algorithmes.xlsx': {
    module: 'library',
    request: () => ({ url: '/donnees-ouvertes/inventaire-algorithmes.xlsx' }),
  },
};
