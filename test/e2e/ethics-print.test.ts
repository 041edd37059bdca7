// Responsible AI in Debian's Chromium: the published transparency notice and a self-assessment's result (radar chart)
// print cleanly (no navigation, the summary and the detail, the chart kept, links written out), and the notice reads
// on a phone without sideways scrolling.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { closeBrowserSuite, e2eSkip, openBrowserSuite, type Site } from './harness.ts';

describe('responsible AI pages: printing and a phone', { skip: e2eSkip }, () => {
  let site: Site;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let noticePath: string;
  let resultPath: string;

  before(async () => {
    ({ site, browser, page, problems } = await openBrowserSuite('visitor'));
    const notice = await sql<{ id: number }>`select use_case_id as id from ethics_notices where status = 'published'
      order by id limit 1`.execute(site.db);
    noticePath = `/bibliotheque/${notice.rows[0]!.id}/notice`;
    const self = await sql<{ id: number }>`select id from ethics_assessments where kind = 'self' and published = 1
      order by id desc limit 1`.execute(site.db);
    resultPath = `/ia-responsable/evaluations/${self.rows[0]!.id}`;
  });
  after(() => closeBrowserSuite({ site, browser }));

  test('the notice and the result print without navigation, with their content, the result’s links written out', async () => {
    for (const [path, content] of [
      [noticePath, 'En bref'],
      [resultPath, 'Score par exigence'],
    ] as const) {
      await page.goto(site.url + path);
      await page.emulateMedia({ media: 'print' });
      try {
        for (const selector of ['.site-header', '.main-nav', '.site-footer', '.breadcrumbs', 'form']) {
          const first = page.locator(selector).first();
          const shown = (await first.count()) > 0 && (await first.isVisible());
          assert.equal(shown, false, `${path} : ${selector} imprimé`);
        }
        assert.ok(await page.locator('h1').isVisible());
        assert.ok(await page.getByText(content, { exact: false }).first().isVisible(), `${path} : ${content}`);
        if (path === resultPath) {
          assert.ok(await page.locator('svg.radar-svg').isVisible(), 'le radar est imprimé');
          const after = await page.evaluate(() => {
            const link = document.querySelector('main a[href^="/"]');
            return link ? getComputedStyle(link, '::after').content : '';
          });
          assert.match(after, /\(/, `${path} : l’adresse des liens est écrite`);
        }
        if (path === noticePath)
          assert.equal(
            await page.locator('.transparency-notice .no-print').isVisible(),
            false,
            'liens de gestion masqués',
          );
      } finally {
        await page.emulateMedia({ media: 'screen' });
      }
    }
  });

  test('on a 390 px screen the notice and the radar fit the width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of [noticePath, resultPath]) {
      await page.goto(site.url + path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${path} : ${overflow} px de défilement horizontal`);
    }
  });

  test('nothing went wrong in the browser (no script error, no CSP violation)', () => {
    assert.deepEqual(problems, []);
  });
});
