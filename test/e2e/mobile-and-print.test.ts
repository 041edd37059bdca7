// The library on a phone (results first, filters folded, applied as they are ticked) and printing a sheet and its
// summary (no navigation, links written out), in Debian's Chromium.
import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { closeBrowserSuite, e2eSkip, openBrowserSuite, type Site } from './harness.ts';

const PHONE = { width: 390, height: 844 };

describe('the library on a phone, and printing a sheet', { skip: e2eSkip }, () => {
  let site: Site;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  before(async () => {
    ({ site, browser, page, problems } = await openBrowserSuite('visitor'));
  });
  after(() => closeBrowserSuite({ site, browser }));

  test('on a 390 px screen, the first result is within the first screen and the filters are folded', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${site.url}/bibliotheque`);
    const first = await page.locator('.sheet-list > li').first().boundingBox();
    assert.ok(first, 'un premier résultat');
    assert.ok(first.y < PHONE.height, `premier résultat à y = ${Math.round(first.y)} px, au-delà de l’écran`);
    assert.equal(await page.locator('details.facets-panel').getAttribute('open'), null, 'filtres repliés');
    assert.ok(await page.getByText('Filtrer', { exact: true }).isVisible());
  });

  test('a filter applies as soon as it is ticked, its state in the address, and the count shows on « Filtrer »', async () => {
    await page.locator('details.facets-panel > summary').click();
    const box = page.locator('.facets fieldset').first().locator('input[type=checkbox]').first();
    const name = await box.getAttribute('name');
    await Promise.all([page.waitForNavigation(), box.check()]);
    assert.match(page.url(), new RegExp(`[?&]${name}=`));
    assert.match((await page.locator('details.facets-panel > summary').textContent()) ?? '', /Filtrer \(1\)/);
    assert.equal(
      await page.locator('.apply-filters').isVisible(),
      false,
      'pas de bouton « Appliquer » avec JavaScript',
    );
  });

  test('on a wide screen the filters are open beside the results', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${site.url}/bibliotheque`);
    assert.equal(await page.locator('details.facets-panel').getAttribute('open'), '');
    assert.ok(await page.locator('.facets fieldset').first().isVisible());
  });

  test('a sheet and its summary print without navigation, links written out', async () => {
    const out = mkdtempSync(join(tmpdir(), 'impression-'));
    await page.goto(`${site.url}/bibliotheque`);
    const href = await page.locator('.sheet-list > li a').first().getAttribute('href');
    for (const path of [href!, `${href}/synthese`]) {
      await page.goto(site.url + path);
      await page.emulateMedia({ media: 'print' });
      try {
        for (const selector of ['.site-header', '.main-nav', '.site-footer', '.breadcrumbs']) {
          assert.equal(await page.locator(selector).first().isVisible(), false, `${path} : ${selector} imprimé`);
        }
        assert.ok(await page.locator('h1').isVisible());
        const after = await page.evaluate(() => {
          const link = document.querySelector('main a[href^="/"]');
          return link ? getComputedStyle(link, '::after').content : '';
        });
        assert.match(after, /\(/, `${path} : l’adresse des liens est écrite`);
        const file = join(out, `${path.split('/').pop()}.png`);
        await page.screenshot({ path: file, fullPage: true });
        assert.ok(statSync(file).size > 10_000, 'capture non vide');
      } finally {
        await page.emulateMedia({ media: 'screen' });
      }
    }
  });

  test('nothing went wrong in the browser (no script error, no CSP violation)', () => {
    assert.deepEqual(problems, []);
  });
});
