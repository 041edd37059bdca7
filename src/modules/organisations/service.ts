/**
 * Transitional: the organisations service is now the module's api (index.ts `OrganisationsApi`). This type alias
 * keeps the modules that still name it from here compiling; remove it once they import `OrganisationsApi`.
 */
export type { OrganisationsApi as OrganisationsService } from './index.ts';
