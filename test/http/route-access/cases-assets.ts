/** Route × role cases of the platform's static assets under their content-hashed names (everyone reads them). */
import { assetUrl } from '../../../src/platform/http/assets.ts';
import type { Case } from './cases.ts';

export const ASSETS_CASES: Record<string, Case> = {
  'GET /assets/:file': {
    module: 'pages',
    request: () => ({ url: assetUrl('/assets/site.css') }),
  },
};
