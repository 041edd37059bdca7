// Plain language for everyone (issue 13 point 6): the sheet page, the glossary and a consultation read at 200 % zoom
// — a 1280 px window zoomed twice is a 640 CSS px wide page drawn with two device pixels per CSS pixel — without
// sideways scrolling and with zero axe violations; the glossary links on the sheet page are real links, reachable
// with the keyboard, and land on their anchor.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { closeBrowserSuite, e2eSkip, expectNoAxeViolations, openBrowserSuite, type Site } from './harness.ts';

const ZOOM_200 = { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 };

describe('pages at 200 % zoom, with a screen reader’s view of the glossary links', { skip: e2eSkip }, () => {
  let site: Site;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    ({ site, browser } = await openBrowserSuite());
    context = await browser.newContext({ locale: 'fr-FR', ...ZOOM_200 });
    page = await context.newPage();
  });
  after(async () => {
    await context?.close();
    await closeBrowserSuite({ site, browser });
  });

  async function noSidewaysScroll(path: string) {
    const response = await page.goto(site.url + path, { waitUntil: 'load' });
    assert.equal(response?.status(), 200, path);
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    assert.ok(scroll <= client, `${path} : ${scroll} px de large pour ${client} px visibles (défilement horizontal)`);
    await expectNoAxeViolations(page);
  }

  /** A published demo sheet whose page has a plain-language summary or, failing that, the first one. */
  async function demoSheetPath(): Promise<string> {
    await page.goto(`${site.url}/bibliotheque`);
    const href = await page.locator('.sheet-list > li a').first().getAttribute('href');
    assert.ok(href, 'une fiche publiée de démonstration');
    return href;
  }

  test('a sheet page at 200 %: no sideways scrolling, zero axe violations', async () => {
    await noSidewaysScroll(await demoSheetPath());
  });

  test('the glossary at 200 %: no sideways scrolling, zero axe violations, an anchor per term', async () => {
    await noSidewaysScroll('/glossaire');
    assert.ok((await page.locator('dl.glossary dt[id]').count()) >= 30);
    await page.goto(`${site.url}/glossaire#biais`);
    assert.equal(await page.locator('#biais').textContent(), 'Biais');
  });

  test('a consultation at 200 %: no sideways scrolling, zero axe violations', async () => {
    await page.goto(`${site.url}/consultations`);
    const href = await page.locator('.card-list a').first().getAttribute('href');
    assert.ok(href, 'une consultation de démonstration');
    await noSidewaysScroll(href);
  });

  test('glossary links in a sheet are named links with a hint, reached with the keyboard, and lead to the term', async () => {
    await page.goto(site.url + (await demoSheetPath()));
    const links = page.locator('main a.glossary-term');
    if ((await links.count()) === 0) return assert.fail('aucun mot du glossaire lié sur la fiche de démonstration');
    const first = links.first();
    assert.match((await first.getAttribute('title')) ?? '', /^.+ : .+\.$/);
    assert.equal(await first.evaluate((a) => a.closest('h1, h2, h3, h4, h5, h6, a:not(.glossary-term)')), null);
    await first.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/glossaire#/);
    const anchor = new URL(page.url()).hash.slice(1);
    assert.equal(await page.locator(`[id="${anchor}"]`).count(), 1);
  });
});
