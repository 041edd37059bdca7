// The browser suite of every page type (pages-1.test.ts and pages-2.test.ts each run one half, in two processes at
// once): in Chromium, as each role that visits it, zero axe violations (WCAG 2.1 A/AA), one h1, a main landmark,
// lang="fr", a working skip link, no CSP violation or script error; then the same page at 390 px (a phone): zero axe
// violations and no sideways scrolling.
// The page types come from each module's definition (`e2ePages`, in src/modules/<m>/e2e.ts) and from the entries
// still listed in test/e2e/pages.ts; a page type listed twice fails the suite.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { frenchSlips } from '../../src/platform/text/french.ts';
import {
  e2eSkip,
  expectNoAxeViolations,
  expectPageStructure,
  expectWorkingSkipLink,
  launchBrowser,
  type Persona,
  startSite,
  watchProblems,
} from './harness.ts';
import { duplicatePageNames, pageChecks } from './pages.ts';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** Runs the checks of part `part` (1 or 2) of the page list: every other page type, so that each half is as long. */
export function pageSuite(part: 1 | 2) {
  describe(`every page type, in Chromium, as each role that visits it (part ${part} of 2)`, {
    skip: e2eSkip,
  }, async () => {
    // The page list is known once the application is built (module definitions), so the site starts here.
    const site = await startSite();
    let browser: Browser | undefined;
    // One tab per role, reused from page to page (opening a tab costs more than the checks).
    const tabs = new Map<Persona, { page: Page; problems: string[] }>();
    after(async () => {
      await browser?.close();
      await site.close();
    });

    async function tabFor(persona: Persona) {
      browser ??= await launchBrowser();
      let tab = tabs.get(persona);
      if (!tab) {
        const page = await (await site.contextFor(browser, persona)).newPage();
        tab = { page, problems: watchProblems(page) };
        tabs.set(persona, tab);
      }
      tab.problems.length = 0;
      return tab;
    }

    const all = pageChecks(site);
    const checks = all.filter((_, i) => i % 2 === part - 1);

    if (part === 1)
      test('each page type is listed once (module e2e.ts files and test/e2e/pages.ts)', () => {
        assert.deepEqual(duplicatePageNames(all), [], 'pages listées deux fois');
      });

    for (const check of checks) {
      for (const persona of check.as ?? ['visitor']) {
        const title = `${check.name} (${persona === 'visitor' ? 'non connecté' : persona}) : aucune violation WCAG 2.1 AA, structure et lien d'évitement`;
        test(title, { skip: check.pending ?? false }, async () => {
          const { page, problems } = await tabFor(persona);
          const path = typeof check.path === 'string' ? check.path : await check.path(site, persona);
          const response = await page.goto(site.url + path, { waitUntil: 'load' });
          assert.ok(response, `${path} : aucune réponse`);
          const expected = check.status ?? 200;
          const redirectedFrom = response.request().redirectedFrom()?.url();
          assert.equal(
            response.status(),
            expected,
            `${path} : statut ${response.status()} au lieu de ${expected}${redirectedFrom ? ` (redirigé depuis ${redirectedFrom} vers ${page.url()})` : ''}`,
          );
          if (!check.status) assert.equal(redirectedFrom, undefined, `${path} : redirigé vers ${page.url()}`);
          if (check.act) await check.act(page);

          if (persona !== 'visitor') {
            const signedIn = await page.getByRole('button', { name: 'Se déconnecter' }).count();
            assert.equal(
              signedIn,
              1,
              `${path} : la page devrait être vue connecté (${persona}), sans bouton « Se déconnecter »`,
            );
          }
          await expectPageStructure(page);
          await expectNoAxeViolations(page, { disableRules: check.disableRules });
          assert.deepEqual(problems, [], `${path} : le navigateur signale des problèmes`);
          if (!check.act) await expectWorkingSkipLink(page);
          // innerText (not textContent): blocks are separated by line breaks, so words of two elements never touch.
          // biome-ignore lint/performance/useDomNodeTextContent: the rendered text with its line breaks is wanted here
          const text = await page.locator('main').innerText();
          assert.deepEqual(frenchSlips(text), [], `${path} : français à reprendre`);
          // The same page on a phone (390 px): still no violation, and nothing wider than the screen.
          await page.setViewportSize(PHONE);
          try {
            // Let the page react to the new size (scrolling table boxes become focusable) before looking.
            await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            assert.ok(overflow <= 1, `${path} : à 390 px, la page déborde de ${overflow} px sur le côté`);
            await expectNoAxeViolations(page, { disableRules: check.disableRules });
          } finally {
            await page.setViewportSize(DESKTOP);
          }
        });
      }
    }
  });
}
