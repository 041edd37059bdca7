/** Commons pages checked in a real browser (test/e2e/pages.test.ts), on the site seeded with the demo content. */
import type { E2ePage } from '../../platform/module.ts';

export const commonsE2ePages: E2ePage[] = [];
