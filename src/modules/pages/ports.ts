/** What the pages module needs from the others, wired in src/modules/index.ts. */
import type { HubLink } from '../../platform/module.ts';

export interface PagesPorts {
  /** Every module's links on the coordination hub (each definition's `hubLinks.coordination`, in module order). */
  coordinationLinks(): HubLink[];
}
