// Every page type of the site, checked in a real browser by pages.test.ts: zero axe violations (WCAG 2.1 A/AA),
// one h1, a main landmark, lang="fr", a working skip link, no CSP violation or script error.
//
// Page types live with their module: src/modules/<m>/e2e.ts exports an `E2ePage[]` that the module's definition
// returns as `e2ePages` (src/platform/module.ts). This file keeps the entries of modules that have no e2e.ts yet;
// a name listed both here and in a module fails pages.test.ts (« each page type is listed once »).
//
// One entry per page TYPE (one sheet page, not every sheet), including error and empty states worth seeing. A page
// that needs an id or a one-time link takes a function that finds it on the running site (seeded with the demo
// content). `as` lists who visits it; pages whose header or content change with the role are checked as each of
// those roles.
import type { Page } from 'playwright-core';
import { DEMO_AUTHORITY_CODE } from '../../src/modules/accounts/index.ts';
import type { E2ePage } from '../../src/platform/module.ts';
import type { Persona, Site } from './harness.ts';

/** A page check of this list: an E2ePage whose `path` may use the whole test site. */
export interface PageCheck extends Omit<E2ePage, 'path'> {
  /** Path to open, or a function finding one on the running site (e.g. the first published sheet). */
  path: string | ((site: Site, persona: Persona) => Promise<string>);
  /** Set while the route is not built yet: the check is reported as skipped with this reason. */
  pending?: string;
}

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

export const everyone: Persona[] = ['visitor', 'member', 'editor', 'coordinator', 'admin'];
export const signedIn: Persona[] = ['member', 'editor', 'coordinator', 'admin'];

/** Submits the form whose action is `action` without the browser's own validation, to get the server's errors. */
export function submitEmpty(action: string) {
  return async (page: Page) => {
    await Promise.all([
      page.waitForNavigation(),
      page.locator(`form[action="${action}"]`).evaluate((form: HTMLFormElement) => {
        form.noValidate = true;
        form.requestSubmit();
      }),
    ]);
  };
}

/**
 * The authority whose pages a persona opens: the demo authority, of which the member and editor personas are members
 * (test/e2e/harness.ts), and an authority like any other for the others.
 */
export async function organisationOf(site: Site, _persona: Persona): Promise<string> {
  const organisations = site.api('organisations') as { findByCode(code: string): Promise<{ id: number } | null> };
  const authority = await organisations.findByCode(DEMO_AUTHORITY_CODE);
  if (!authority) throw new Error(`collectivité de démonstration ${DEMO_AUTHORITY_CODE} introuvable`);
  return String(authority.id);
}

export const pages: PageCheck[] = [
  // Authorities (src/modules/organisations).
  { name: 'collectivités', path: '/collectivites', as: ['visitor', 'coordinator'] },
  { name: 'recherche de collectivités', path: '/collectivites?q=lyon' },
  {
    name: "page d'une collectivité",
    path: async (site, p) => `/collectivites/${await organisationOf(site, p)}`,
    as: everyone,
  },
  { name: 'rejoindre ma collectivité', path: '/collectivites/rejoindre', as: ['member'] },
  { name: 'rejoindre : résultats sans JavaScript', path: '/collectivites/rejoindre?q=saint', as: ['member'] },
  {
    name: "demande d'adhésion",
    path: async (site) => {
      const row = await site.db
        .selectFrom('organisations')
        .select('id')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      return `/collectivites/${row.id}/rejoindre`;
    },
    as: ['member'],
  },
  {
    name: 'membres de la collectivité',
    path: async (site, p) => `/collectivites/${await organisationOf(site, p)}/membres`,
    as: ['editor', 'coordinator'],
  },
  { name: "demandes d'adhésion en attente", path: '/collectivites/demandes', as: ['editor', 'coordinator'] },
  { name: 'ajout d’un organisme', path: '/admin/collectivites/nouvelle', as: ['admin'] },
  {
    name: 'ajout d’un organisme avec erreurs',
    path: '/admin/collectivites/nouvelle',
    as: ['admin'],
    act: submitEmpty('/admin/collectivites/nouvelle'),
  },

  // Library (src/modules/library). Sheet editing, history and the coordinators' pages: add them here too.
  { name: 'bibliothèque', path: '/bibliotheque', as: ['visitor', 'editor'] },
  { name: 'bibliothèque : recherche et facettes', path: '/bibliotheque?q=transport' },
  {
    name: 'fiche publiée',
    path: async (site) => {
      const row = await site.db
        .selectFrom('use_cases')
        .select('id')
        .where('state', '=', 'published')
        .orderBy('id')
        .limit(1)
        .executeTakeFirstOrThrow();
      return `/bibliotheque/${row.id}`;
    },
    as: ['visitor', 'coordinator'],
  },
  { name: 'historique d’une fiche', path: (site) => nantesSheet(site, '/historique'), as: ['visitor'] },
  { name: 'version archivée d’une fiche', path: (site) => nantesSheet(site, '/historique/1'), as: ['visitor'] },
  {
    name: 'comparaison de versions',
    path: (site) => nantesSheet(site, '/historique/comparer?de=1&a=1'),
    as: ['visitor'],
  },
  { name: 'signaler une erreur', path: (site) => nantesSheet(site, '/signaler'), as: ['visitor'] },
  { name: 'modifier une fiche (étape projet)', path: (site) => nantesSheet(site, '/modifier/projet'), as: ['editor'] },
  { name: 'vérifier une fiche avant envoi', path: (site) => nantesSheet(site, '/verifier'), as: ['editor'] },
  {
    name: "jetons d'API de la collectivité",
    path: async (site) => {
      const org = await site.db
        .selectFrom('organisations')
        .select('id')
        .where('code', '=', 'commune:44109')
        .executeTakeFirstOrThrow();
      return `/bibliotheque/jetons?organisation=${org.id}`;
    },
    as: ['editor'],
  },
  { name: 'carte', path: '/carte' },
  { name: 'statistiques', path: '/statistiques' },
  { name: 'données ouvertes', path: '/donnees-ouvertes' },
  { name: "documentation de l'API", path: '/api' },
  { name: 'les fiches de ma collectivité', path: '/bibliotheque/mes-fiches', as: ['editor'] },
  { name: 'nouvelle fiche', path: '/bibliotheque/nouvelle', as: ['editor'] },
  { name: 'fiches à relire', path: '/coordination/fiches', as: ['coordinator'] },
  { name: 'erreurs signalées', path: '/bibliotheque/signalements', as: ['coordinator'] },
  { name: 'import de fiches', path: '/admin/bibliotheque/import', as: ['admin'] },
];

/** A published demo sheet of Nantes, the demo editor's authority, with a path suffix. */
async function nantesSheet(site: { db: any }, suffix: string): Promise<string> {
  const row = await site.db
    .selectFrom('use_cases as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select('u.id')
    .where('o.code', '=', 'commune:44109')
    .where('u.state', '=', 'published')
    .orderBy('u.id')
    .limit(1)
    .executeTakeFirstOrThrow();
  return `/bibliotheque/${row.id}${suffix}`;
}
