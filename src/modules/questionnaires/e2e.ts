/**
 * Page types of the questionnaires module checked in a real browser (test/e2e/pages.test.ts). The answering and
 * coordination pages are checked with their own scenario in test/e2e/questionnaires.test.ts.
 */
import type { E2ePage } from '../../platform/module.ts';

export const questionnairesE2ePages: E2ePage[] = [
  { name: 'recensements', path: '/recensements', as: ['visitor', 'member'] },
];
