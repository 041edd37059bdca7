// Every page type of the site, checked in a real browser by test/e2e/page-suite.ts: zero axe violations (WCAG 2.1 A/AA),
// one h1, a main landmark, lang="fr", a working skip link, no CSP violation or script error.
//
// Page types live with their module: src/modules/<m>/e2e.ts exports an `E2ePage[]` that the module's definition
// returns as `e2ePages` (src/platform/module.ts), and test/e2e/page-suite.ts reads every definition. `pages` below is for a
// page that belongs to no module (none today); a name listed twice, here or across modules, fails test/e2e/page-suite.ts
// (« each page type is listed once »).
//
// One entry per page TYPE (one use case's page, not every one), including error and empty states worth seeing. A
// page that needs an id or a one-time link takes a function that finds it on the running site (seeded with the demo
// content) through the modules' apis (`site.api('library')`). `as` lists who visits it; pages whose header or
// content change with the role are checked as each of those roles.
import type { E2ePage } from '../../src/platform/module.ts';
import type { Persona, Site } from './harness.ts';

/** A page check of this list: an E2ePage whose `path` may use the whole test site. */
export interface PageCheck extends Omit<E2ePage, 'path'> {
  /** Path to open, or a function finding one on the running site. */
  path: string | ((site: Site, persona: Persona) => Promise<string>);
  /** Set while the route is not built yet: the check is reported as skipped with this reason. */
  pending?: string;
}

/** Page types that belong to no module. */
export const pages: PageCheck[] = [];

/** Every page check with where it is listed: each module's e2e.ts (module list order), then this file. */
export function pageChecks(site: Site): (PageCheck & { listedIn: string })[] {
  return [
    ...site.server.modules.definitions.flatMap((d) =>
      (d.e2ePages ?? []).map((p) => ({ ...p, listedIn: `src/modules/${d.name}/e2e.ts` })),
    ),
    ...pages.map((p) => ({ ...p, listedIn: 'test/e2e/pages.ts' })),
  ];
}

/** Names listed more than once, with where: ['« accueil » : src/modules/pages/e2e.ts, test/e2e/pages.ts']. */
export function duplicatePageNames(checks: { name: string; listedIn: string }[]): string[] {
  const where = new Map<string, string[]>();
  for (const c of checks) where.set(c.name, [...(where.get(c.name) ?? []), c.listedIn]);
  return [...where].filter(([, lists]) => lists.length > 1).map(([name, lists]) => `« ${name} » : ${lists.join(', ')}`);
}
