import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  e2eSkip,
  expectNoAxeViolations,
  expectPageStructure,
  expectWorkingSkipLink,
  launchBrowser,
} from './harness.ts';
import { duplicatePageNames } from './pages.ts';

describe('the page list', () => {
  test('a page type listed twice (in two modules, or in a module and test/e2e/pages.ts) is reported with where', () => {
    const checks = [
      { name: 'accueil', listedIn: 'src/modules/pages/e2e.ts' },
      { name: 'connexion', listedIn: 'src/modules/accounts/e2e.ts' },
      { name: 'accueil', listedIn: 'test/e2e/pages.ts' },
    ];
    assert.deepEqual(duplicatePageNames(checks), ['« accueil » : src/modules/pages/e2e.ts, test/e2e/pages.ts']);
    assert.deepEqual(duplicatePageNames(checks.slice(0, 2)), []);
  });
});

// The browser checks must be able to fail: each is run here on a small page that breaks its rule.
describe('browser checks catch what they are meant to catch', { skip: e2eSkip }, () => {
  let browser: Browser;
  let page: Page;
  before(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  after(async () => {
    await browser?.close();
  });

  const good = `<!doctype html><html lang="fr"><head><title>Essai</title></head><body>
    <a href="#contenu">Aller au contenu</a><nav aria-label="Menu"><a href="/">Accueil</a></nav>
    <main id="contenu" tabindex="-1"><h1>Essai</h1><p>Texte.</p></main></body></html>`;

  test('a correct page passes every check', async () => {
    await page.setContent(good);
    await expectPageStructure(page);
    await expectNoAxeViolations(page);
    await expectWorkingSkipLink(page);
  });

  test('an image without text alternative and an unlabelled field are reported by axe, by rule and element', async () => {
    await page.setContent(good.replace('<p>Texte.</p>', '<img src="data:,"><input name="q">'));
    await assert.rejects(expectNoAxeViolations(page), (e: Error) => {
      assert.match(e.message, /image-alt/);
      assert.match(e.message, /label/);
      assert.match(e.message, /<img/);
      return true;
    });
  });

  test('two h1, a missing lang or a missing main are reported', async () => {
    await page.setContent(good.replace('<p>Texte.</p>', '<h1>Deux</h1>'));
    await assert.rejects(expectPageStructure(page), /un seul h1/);
    await page.setContent(good.replace(' lang="fr"', ' lang="en"'));
    await assert.rejects(expectPageStructure(page), /lang/);
    await page.setContent(good.replace(/main/g, 'div'));
    await assert.rejects(expectPageStructure(page), /repère main/);
  });

  test('a skip link that is not first, or whose target cannot take focus, is reported', async () => {
    await page.setContent(
      good.replace(
        '<a href="#contenu">Aller au contenu</a>',
        '<a href="/x">Autre</a><a href="#contenu">Aller au contenu</a>',
      ),
    );
    await assert.rejects(expectWorkingSkipLink(page), /première tabulation/);
    await page.setContent(good.replace(' tabindex="-1"', ''));
    await assert.rejects(expectWorkingSkipLink(page), /focus sur #contenu/);
  });

  test('a page opened with JavaScript disabled is checked too (axe runs beside it instead of hanging)', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const noScript = await context.newPage();
      const html = good.replace('<p>Texte.</p>', '<img src="data:,">');
      await noScript.goto(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
      await assert.rejects(expectNoAxeViolations(noScript), /image-alt/);
    } finally {
      await context.close();
    }
  });
});
