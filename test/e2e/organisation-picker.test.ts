// The authority picker in a real browser: an ARIA combobox driven by the keyboard only, checked with axe while its
// suggestions are open, and the same search without JavaScript (plain results page).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  closeBrowserSuite,
  e2eSkip,
  expectNoAxeViolations,
  focused,
  openBrowserSuite,
  type Site,
  tabTo,
  watchProblems,
} from './harness.ts';

describe('authority picker (combobox) in Chromium', { skip: e2eSkip }, () => {
  let site: Site;
  let browser: Browser;

  before(async () => {
    ({ site, browser } = await openBrowserSuite());
  });
  after(() => closeBrowserSuite({ site, browser }));

  const attr = (page: Page, name: string) => page.locator('input[role="combobox"]').getAttribute(name);

  test('keyboard only: type « st etienne », go down the suggestions, choose Saint-Étienne, land on its join form', async () => {
    const context = await site.contextFor(browser, 'member');
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${site.url}/collectivites/rejoindre`, { waitUntil: 'load' });

    const field = await tabTo(page, (f) => f.tag === 'input' && f.name === 'q', 'le champ de recherche');
    assert.equal(field.type, 'search');
    assert.equal(await attr(page, 'aria-expanded'), 'false');
    assert.equal(await attr(page, 'aria-autocomplete'), 'list');

    await page.keyboard.type('st etienne', { delay: 20 });
    const listbox = page.getByRole('listbox');
    await listbox.waitFor({ state: 'visible' });
    assert.equal(await attr(page, 'aria-expanded'), 'true');
    assert.equal(await attr(page, 'aria-controls'), await listbox.getAttribute('id'));
    const options = listbox.getByRole('option');
    // Suggestions for a shorter prefix may show first while typing; wait for those of the whole query.
    await page
      .waitForFunction(
        () => /^Saint-Étienne — Commune/.test(document.querySelector('[role="option"]')?.textContent ?? ''),
        null,
        { timeout: 5000 },
      )
      .catch(() => {});
    assert.ok((await options.count()) >= 3);
    assert.match((await options.first().textContent()) ?? '', /^Saint-Étienne — Commune · Loire \(42\)/);
    await page.waitForFunction(() => /suggestion/.test(document.querySelector('[role="status"]')?.textContent ?? ''));

    // The focus stays in the field; the highlighted option is announced through aria-activedescendant.
    await page.keyboard.press('ArrowDown');
    const firstId = await options.first().getAttribute('id');
    assert.equal(await attr(page, 'aria-activedescendant'), firstId);
    assert.equal(await options.first().getAttribute('aria-selected'), 'true');
    assert.equal((await focused(page)).name, 'q');
    await expectNoAxeViolations(page);

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    assert.equal(await attr(page, 'aria-activedescendant'), firstId);

    // Escape closes the list without losing what was typed.
    await page.keyboard.press('Escape');
    assert.equal(await attr(page, 'aria-expanded'), 'false');
    assert.equal(await page.locator('input[role="combobox"]').inputValue(), 'st etienne');

    await page.keyboard.press('ArrowDown');
    await Promise.all([page.waitForURL(/\/collectivites\/\d+\/rejoindre$/), page.keyboard.press('Enter')]);
    assert.equal(await page.locator('h1').textContent(), 'Rejoindre Saint-Étienne');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('Enter without a highlighted suggestion submits the search: the plain results page', async () => {
    const context = await site.contextFor(browser, 'member');
    const page = await context.newPage();
    await page.goto(`${site.url}/collectivites/rejoindre`, { waitUntil: 'load' });
    await page.locator('input[name="q"]').focus();
    await page.keyboard.type('69003');
    await page.getByRole('listbox').waitFor({ state: 'visible' });
    await Promise.all([page.waitForURL(/q=69003/), page.keyboard.press('Enter')]);
    assert.match((await page.locator('#resultats').textContent()) ?? '', /résultat/);
    assert.ok(await page.getByRole('link', { name: /^Lyon/ }).count());
    await context.close();
  });

  test('without JavaScript, the list page searches by form submission', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/collectivites`, { waitUntil: 'load' });
    assert.equal(await page.locator('[role="combobox"]').count(), 0, 'a plain search field');
    await page.locator('input[name="q"]').fill('st etienne');
    await Promise.all([page.waitForURL(/q=st\+etienne/), page.locator('input[name="q"]').press('Enter')]);
    const first = page.locator('tbody th[scope="row"] a').first();
    assert.equal(await first.textContent(), 'Saint-Étienne');
    await expectNoAxeViolations(page);
    await context.close();
  });
});
