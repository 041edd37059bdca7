/**
 * The pages module: the editorial pages (home, accessibility statement, personal data), the coordination hub,
 * whose links come from every module's definition, and « Mon espace » (every module's `work`). This file is the module's only public surface.
 */
import type { ModuleDefinition } from '../../platform/module.ts';
import type { Platform } from '../../platform/platform.ts';
import { pagesE2ePages } from './e2e.ts';
import { pagesRoutes } from './http/routes.tsx';
import { rules } from './policy.ts';
import type { PagesPorts } from './ports.ts';
import { createHubService } from './services/hub.ts';

export type { PagesPorts } from './ports.ts';

/** Nothing: no other module needs the editorial pages. */
export type PagesApi = Record<string, never>;

export function createPagesModule(_platform: Platform, ports: PagesPorts): ModuleDefinition<PagesApi> {
  const hub = createHubService(ports);
  return {
    name: 'pages',
    api: {},
    routes: [pagesRoutes({ hub, recent: (limit) => ports.recentUseCases(limit) })],
    rules,
    navigation: [{ href: '/', label: 'Accueil', order: 0 }],
    e2ePages: pagesE2ePages,
  };
}
