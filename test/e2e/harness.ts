// Browser and accessibility test harness: the real server on a real port (temporary SQLite database with demo
// content), driven by Debian's Chromium through playwright-core, checked with axe-core.
//
// Chromium missing: the e2e suites are skipped with a clear message on a developer machine, and fail in CI
// (CI=true), where `.ci/run` installs it.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type Config, loadConfig } from '../../src/config.ts';
import { DEMO_AUTHORITY_CODE } from '../../src/modules/accounts/index.ts';
import type { Clock } from '../../src/platform/clock.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { SESSION_COOKIE } from '../../src/platform/http/plugin.tsx';
import type { OutboxMessage } from '../../src/platform/mail/mailer.ts';
import type { E2eSite, Persona } from '../../src/platform/module.ts';
import { buildServer, type Server } from '../../src/server.ts';
import { factoriesOf } from '../helpers/factories.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function chromiumProblem(): string | null {
  if (!existsSync(CHROMIUM_PATH)) {
    return `Chromium introuvable (${CHROMIUM_PATH}) : installez-le avec « apt-get install -y chromium » (ou CHROMIUM_PATH=…)`;
  }
  if (!existsSync(join(process.cwd(), 'public', 'assets', 'enhance.js'))) {
    return 'public/assets/enhance.js manquant : lancez « npm run build » (npm test le fait)';
  }
  return null;
}

const problem = chromiumProblem();
if (problem && process.env.CI === 'true') throw new Error(`Tests navigateur impossibles en CI : ${problem}`);
if (problem) console.warn(`# ${problem} — tests navigateur ignorés sur ce poste`);

/** `false` when browser tests can run, otherwise the reason they are skipped (use as `describe(…, { skip })`). */
export const e2eSkip: string | false = problem ?? false;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** The people the pages are checked as (src/platform/module.ts). `visitor` is signed out. */
export type { Persona };
export const PERSONAS: Persona[] = ['visitor', 'member', 'editor', 'coordinator', 'admin'];

/** A mail of the outbox as page checks see it: its recipients in one string (`to.includes(address)`). */
export type SiteMail = OutboxMessage;

/** The running test site: what module page checks may use (E2eSite), plus the server for the suites here. */
export interface Site extends E2eSite {
  /** http://127.0.0.1:<port> */
  url: string;
  server: Server;
  config: Config;
  db: Db;
  /** A module's public api, by module name (the module list's definitions). */
  api(module: string): any;
  /** Mail written to the outbox folder, newest first. */
  outbox(): SiteMail[];
  /** Runs due background jobs and waits (up to 10 s) for a mail matching `match`; returns it. */
  waitForMail(match: (m: SiteMail) => boolean, description: string): Promise<SiteMail>;
  /** A person of this role (created once, through the accounts api; members and editors of the demo authority). */
  persona(persona: Exclude<Persona, 'visitor'>): Promise<{ id: number; email: string }>;
  /** A browser context signed in as `persona` (signed out for `visitor`). */
  contextFor(browser: Browser, persona: Persona): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * Starts the real application (buildServer + listen on a free port) on a fresh SQLite file with the reference data
 * and demo content loaded, exactly as `npm start` does on an empty database. Mail goes to a temporary outbox.
 */
export async function startSite(env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<Site> {
  const dir = mkdtempSync(join(tmpdir(), 'bia-e2e-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: `sqlite:${join(dir, 'e2e.db')}`,
    SESSION_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123456789',
    DATA_DIR: dir,
    OUTBOX_DIR: join(dir, 'outbox'),
    BASE_URL: 'http://127.0.0.1:3000',
    SEED_DEMO: 'true',
    RUN_JOBS: 'false',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const server = await buildServer(config, { worker: false, seed: true, clock: options.clock });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  // Links in mails must point at this very server: the port is only known now.
  config.baseUrl = url;
  const db = server.platform.db;
  const personas = new Map<string, { id: number; email: string }>();

  const factories = factoriesOf(server);

  /** The demo authority (the demo editor's, with demo use cases), or a test commune when the demo has none. */
  async function demoAuthorityId(): Promise<number> {
    const organisations = server.modules.api('organisations') as {
      findByCode(code: string): Promise<{ id: number } | null>;
    };
    const found = await organisations.findByCode(DEMO_AUTHORITY_CODE);
    return found?.id ?? factories.createOrganisation({ name: 'Commune de Test', code: 'e2e:1' });
  }

  /**
   * A person of this role, created through the accounts api: administrators and coordinators by their role, members
   * and editors as active members of the demo authority (whose demo content the pages show).
   */
  async function createPersona(persona: Exclude<Persona, 'visitor'>) {
    const memberships =
      persona === 'member' || persona === 'editor' ? [{ organisationId: await demoAuthorityId(), role: persona }] : [];
    const { id, email } = await factories.createUser({
      email: `e2e-${persona}@exemple.fr`,
      role: persona === 'admin' || persona === 'coordinator' ? persona : 'user',
      password: 'mot-de-passe-e2e-123',
      memberships,
    });
    return { id, email };
  }

  const site: Site = {
    url,
    server,
    config,
    db,
    api: (module) => server.modules.api(module),
    outbox: () => server.platform.mailer.outbox(),
    async waitForMail(match, description) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        await server.runJobs();
        const found = site.outbox().find(match);
        if (found) return found;
        if (Date.now() > deadline) {
          const subjects = site.outbox().map((m) => `« ${m.subject} » → ${m.to.join(', ')}`);
          throw new Error(
            `aucun courriel ${description} dans la boîte d'envoi (${subjects.length} message(s) : ${subjects.join(' ; ') || 'aucun'})`,
          );
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async persona(persona) {
      let found = personas.get(persona);
      if (!found) {
        found = await createPersona(persona);
        personas.set(persona, found);
      }
      return found;
    },
    async contextFor(browser, persona) {
      const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
      if (persona !== 'visitor') {
        const { id } = await site.persona(persona);
        const token = await server.platform.sessions.create(id);
        await context.addCookies([{ name: SESSION_COOKIE, value: token, url, httpOnly: true, sameSite: 'Lax' }]);
      }
      return context;
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return site;
}

/** What a browser suite works with: the site, the browser and, when a persona was asked, one watched tab. */
export interface BrowserSuite {
  site: Site;
  browser: Browser;
  /** A tab signed in as the persona asked (undefined without one). */
  page: Page;
  /** Script errors and CSP violations of `page` (see watchProblems). */
  problems: string[];
}

/**
 * Starts the demo site and Chromium for a suite (its `before`); with `persona`, also opens one tab signed in as that
 * persona and watches it for problems. Close both with `closeBrowserSuite` (its `after`).
 */
export async function openBrowserSuite(persona?: Persona): Promise<BrowserSuite> {
  const site = await startSite();
  const browser = await launchBrowser();
  const page = persona ? await (await site.contextFor(browser, persona)).newPage() : (undefined as unknown as Page);
  return { site, browser, page, problems: persona ? watchProblems(page) : [] };
}

/** Closes what `openBrowserSuite` opened (either may be missing when the set-up failed half-way). */
export async function closeBrowserSuite(suite: { site?: Site; browser?: Browser }): Promise<void> {
  await suite.browser?.close();
  await suite.site?.close();
}

/** The outbox link containing `fragment`, as a path + query to open on the test server. */
export function linkIn(message: { subject: string; text: string }, fragment: string): string {
  const match = message.text.match(/https?:\/\/\S+/g)?.find((u) => u.includes(fragment));
  if (!match) throw new Error(`aucun lien contenant « ${fragment} » dans le courriel « ${message.subject} »`);
  const u = new URL(match);
  return u.pathname + u.search;
}

/**
 * Collects what the browser reports as broken on a page: uncaught script errors and Content Security Policy
 * violations (inline scripts or style attributes are refused by our CSP, so they must never appear).
 */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`erreur JavaScript : ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) {
      problems.push(`CSP : ${message.text()}`);
    }
  });
  return problems;
}

const requireFromHere = createRequire(import.meta.url);
let axeSource: string | undefined;

interface AxeResult {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string; html: string }[];
}

/** Rejects with `message` when `promise` takes longer than `ms` (a hung browser call must fail, not block the run). */
async function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** False in a context created with `javaScriptEnabled: false`: the page's timers never fire there, so axe cannot run. */
async function timersRun(page: Page): Promise<boolean> {
  return within(
    page.evaluate(() => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 0))),
    1000,
    'timers',
  ).catch(() => false);
}

async function runAxe(page: Page, disableRules: string[], exclude: string[]): Promise<AxeResult[]> {
  axeSource ??= readFileSync(requireFromHere.resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => typeof (window as any).axe === 'object');
  if (!loaded) await page.evaluate(axeSource);
  return within(
    page.evaluate(
      async ({ disableRules, exclude }) => {
        const axe = (window as any).axe;
        const context = exclude.length ? { exclude: exclude.map((s: string) => [s]) } : document;
        const result = await axe.run(context, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
          rules: Object.fromEntries(disableRules.map((r: string) => [r, { enabled: false }])),
          resultTypes: ['violations'],
        });
        return result.violations;
      },
      { disableRules, exclude },
    ),
    60_000,
    `axe-core n'a pas terminé en 60 s sur ${page.url()}`,
  );
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page and fails with a readable list of violations.
 * axe is evaluated through the DevTools protocol (page.evaluate), which the page's strict CSP does not apply to,
 * so the page under test keeps its real CSP. For a page opened with JavaScript disabled, axe runs on a twin page
 * (same address, same cookies) where JavaScript runs only for axe: the site's own scripts are blocked.
 */
export async function expectNoAxeViolations(page: Page, options: { disableRules?: string[]; exclude?: string[] } = {}) {
  const disableRules = options.disableRules ?? [];
  const exclude = options.exclude ?? [];
  let violations: AxeResult[];
  if (await timersRun(page)) {
    violations = await runAxe(page, disableRules, exclude);
  } else {
    const browser = page.context().browser();
    if (!browser) throw new Error('axe : page sans JavaScript hors d’un navigateur lancé par launchBrowser()');
    const twin = await browser.newContext({ locale: 'fr-FR', viewport: page.viewportSize() ?? undefined });
    try {
      await twin.addCookies(await page.context().cookies());
      await twin.route('**/*', (route) =>
        route.request().resourceType() === 'script' ? route.abort() : route.continue(),
      );
      const copy = await twin.newPage();
      await copy.goto(page.url(), { waitUntil: 'load' });
      violations = await runAxe(copy, disableRules, exclude);
    } finally {
      await twin.close();
    }
  }
  if (violations.length) {
    const lines = violations.flatMap((v) => [
      `• ${v.id} (${v.impact ?? 'impact inconnu'}) : ${v.help} — ${v.helpUrl}`,
      ...v.nodes
        .slice(0, 5)
        .map(
          (n) =>
            `    ${JSON.stringify(n.target)} ${n.html.slice(0, 160)}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`,
        ),
      ...(v.nodes.length > 5 ? [`    … et ${v.nodes.length - 5} autre(s) élément(s)`] : []),
    ]);
    assert.fail(`${violations.length} violation(s) axe sur ${page.url()} :\n${lines.join('\n')}`);
  }
}

/** One h1, a main landmark, French language. */
export async function expectPageStructure(page: Page) {
  const facts = await page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    h1: [...document.querySelectorAll('h1')].map((h) => h.textContent?.trim() ?? ''),
    mains: document.querySelectorAll('main, [role="main"]').length,
    title: document.title,
  }));
  assert.equal(facts.lang, 'fr', `${page.url()} : <html lang> devrait valoir « fr »`);
  assert.equal(
    facts.h1.length,
    1,
    `${page.url()} : un seul h1 attendu, trouvé ${facts.h1.length} (${facts.h1.join(' | ')})`,
  );
  assert.ok(facts.h1[0], `${page.url()} : le h1 est vide`);
  assert.equal(facts.mains, 1, `${page.url()} : un seul repère main attendu, trouvé ${facts.mains}`);
  assert.ok(facts.title.trim(), `${page.url()} : <title> vide`);
}

/** From a freshly loaded page: the first Tab reaches « Aller au contenu », Enter moves the focus into #contenu. */
export async function expectWorkingSkipLink(page: Page) {
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const el = document.activeElement as HTMLAnchorElement | null;
    return { tag: el?.tagName ?? '', href: el?.getAttribute('href') ?? '', text: el?.textContent?.trim() ?? '' };
  });
  assert.deepEqual(
    { tag: first.tag, href: first.href },
    { tag: 'A', href: '#contenu' },
    `${page.url()} : la première tabulation devrait atteindre le lien d'évitement vers #contenu (atteint : ${first.tag} « ${first.text} » ${first.href})`,
  );
  await page.keyboard.press('Enter');
  await page
    .waitForFunction(() => document.activeElement?.id === 'contenu', undefined, { timeout: 2000 })
    .catch(() => {});
  const focused = await page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName);
  assert.equal(
    focused,
    'contenu',
    `${page.url()} : Entrée sur le lien d'évitement devrait placer le focus sur #contenu (focus : ${focused})`,
  );
}

/** The element that has the keyboard focus, described for assertions and messages. */
export async function focused(
  page: Page,
): Promise<{ tag: string; id: string; name: string; text: string; type: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      id: el?.id ?? '',
      name: el?.getAttribute('name') ?? '',
      text: (el?.textContent ?? '').trim().slice(0, 80),
      type: el?.getAttribute('type') ?? '',
    };
  });
}

/**
 * Presses Tab until `matches` holds for the focused element (at most `limit` presses), like a keyboard user
 * looking for a control. Fails with the path taken when it is never reached.
 */
export async function tabTo(
  page: Page,
  matches: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  description: string,
  limit = 60,
) {
  const path: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (matches(f)) return f;
    path.push(
      `${f.tag}${f.id ? `#${f.id}` : ''}${f.name ? `[name=${f.name}]` : ''}${f.text ? ` « ${f.text.slice(0, 30)} »` : ''}`,
    );
  }
  assert.fail(
    `${page.url()} : ${description} introuvable au clavier après ${limit} tabulations :\n  ${path.join('\n  ')}`,
  );
}
