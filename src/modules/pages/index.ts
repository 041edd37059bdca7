/**
 * The pages module: the editorial pages (home, accessibility statement, personal data), the coordination hub,
 * whose links come from every module's definition, and « Mon espace » (every module's `work`). This file is the module's only public surface.
 */
import type { ModuleDefinition } from '../../platform/module.ts';
import type { Platform } from '../../platform/platform.ts';
import { pagesE2ePages } from './e2e.ts';
import { createLinker, type TextSegment } from './glossary/linkify.ts';
import { glossaryRoutes, LinkedText } from './glossary/page.tsx';
import { GLOSSARY, type GlossaryTerm } from './glossary/terms.ts';
import { pagesRoutes } from './http/routes.tsx';
import { rules } from './policy.ts';
import type { PagesPorts } from './ports.ts';
import { createHubService } from './services/hub.ts';

export type { PagesPorts } from './ports.ts';
export type { GlossaryTerm, TextSegment };
/** Draws a text's segments, the glossary's words as links to /glossaire with their hint. */
export { LinkedText };

/** The glossary of AI terms (/glossaire), for the modules that link their texts to it. */
export interface PagesApi {
  glossary: {
    terms(): readonly GlossaryTerm[];
    /** A plain text cut into segments, the glossary's words marked (first occurrence per `seen` set). */
    link(text: string, seen?: Set<string>): TextSegment[];
  };
}

export function createPagesModule(_platform: Platform, ports: PagesPorts): ModuleDefinition<PagesApi> {
  const hub = createHubService(ports);
  const linker = createLinker(GLOSSARY);
  return {
    name: 'pages',
    api: { glossary: { terms: () => GLOSSARY, link: (text, seen) => linker.link(text, seen) } },
    routes: [pagesRoutes({ hub, recent: (limit) => ports.recentUseCases(limit) }), glossaryRoutes(GLOSSARY)],
    rules,
    navigation: [{ href: '/', label: 'Accueil', order: 0 }],
    e2ePages: pagesE2ePages,
  };
}
