/** What the pages module needs from the others, wired in src/modules/index.ts. */
import type { CurrentUser } from '../../platform/auth/user.ts';
import type { HubLink, WorkGroup } from '../../platform/module.ts';

export interface PagesPorts {
  /** Every module's links on the coordination hub (each definition's `hubLinks.coordination`, in module order). */
  coordinationLinks(): HubLink[];
  /** What waits for a person in every module (« Mon espace »), most urgent first. */
  work(user: CurrentUser): Promise<WorkGroup[]>;
  /** The latest published use cases (home page). */
  recentUseCases(limit: number): Promise<{
    total: number;
    items: { title: string; href: string; organisation: string; summary: string | null }[];
  }>;
}
