// The builder with groups (imported SurveyJS panels) and the live condition editor, in Chromium: the builder, the
// group form, an element form and the preview pass axe and the page structure checks; choosing a question in the
// condition editor lists its answers at once (no round trip), and a group appears on the answer page as soon as its
// condition holds.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CLI_ACTOR, type QuestionnairesApi } from '../../src/modules/questionnaires/index.ts';
import {
  e2eSkip,
  expectNoAxeViolations,
  expectPageStructure,
  launchBrowser,
  type Site,
  startSite,
  watchProblems,
} from './harness.ts';

const SURVEY = {
  title: 'Projets numériques (essai)',
  pages: [
    {
      name: 'projets',
      title: 'Vos projets',
      elements: [
        { type: 'boolean', name: 'aUnProjet', title: 'Avez-vous un projet ?' },
        {
          type: 'dropdown',
          name: 'taille',
          title: 'Taille de la collectivité',
          choices: [
            { value: 'petite', text: 'Moins de 10 000 habitants' },
            { value: 'grande', text: 'Plus de 10 000 habitants' },
          ],
        },
        {
          type: 'panel',
          name: 'projet',
          title: 'Le projet',
          description: 'Décrivez votre principal projet.',
          visibleIf: '{aUnProjet} = true',
          elements: [{ type: 'text', name: 'nomProjet', title: 'Nom du projet' }],
        },
        { type: 'comment', name: 'remarques', title: 'Remarques' },
      ],
    },
  ],
};

describe('builder groups and live conditions in Chromium', { skip: e2eSkip }, () => {
  let site: Site;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let base: string;

  before(async () => {
    site = await startSite();
    browser = await launchBrowser();
    const svc = site.api('questionnaires') as QuestionnairesApi;
    const { id } = await svc.questionnaires.importFile(CLI_ACTOR, { format: 'surveyjs', text: JSON.stringify(SURVEY) });
    base = `/coordination/questionnaires/${id}`;
    context = await site.contextFor(browser, 'coordinator');
    page = await context.newPage();
    problems = watchProblems(page);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await site?.close();
  });

  test('the builder, the group form, an element form and the preview pass axe and the structure checks', async () => {
    for (const path of [base, `${base}/groupes/projet`, `${base}/elements/remarques`, `${base}/apercu`]) {
      const response = await page.goto(site.url + path, { waitUntil: 'load' });
      assert.equal(response?.status(), 200, path);
      await expectPageStructure(page);
      await expectNoAxeViolations(page);
    }
    assert.deepEqual(problems, []);
  });

  test('choosing a question lists its own answers at once, without reloading the page, and the condition saves', async () => {
    await page.goto(`${site.url}${base}/elements/remarques`, { waitUntil: 'load' });
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    assert.equal(await page.getByRole('button', { name: 'Afficher les réponses possibles' }).isHidden(), true);
    await page.getByLabel('Condition 1 : question').selectOption('taille');
    const answer = page.locator('#champ-condition_0_value');
    await answer.waitFor({ state: 'visible', timeout: 2000 });
    assert.deepEqual(await answer.locator('option').allTextContents(), [
      '—',
      'Moins de 10 000 habitants',
      'Plus de 10 000 habitants',
    ]);
    await page.getByLabel('Condition 1 : question').selectOption('aUnProjet');
    assert.deepEqual(await page.locator('#champ-condition_0_value option').allTextContents(), ['—', 'Oui', 'Non']);
    assert.equal(await page.getByLabel('Condition 2 : question').isVisible(), true, 'la ligne suivante apparaît');
    assert.equal(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded), true);
    await page.locator('#champ-condition_0_value').selectOption('oui');
    await Promise.all([
      page.waitForURL(new RegExp(`${base}#element-remarques$`)),
      page.getByRole('button', { name: 'Enregistrer', exact: true }).last().click(),
    ]);
    assert.match(
      (await page.locator('#element-remarques').textContent()) ?? '',
      /Affichée si « Avez-vous un projet \? » est égal à « Oui »/,
    );
    assert.deepEqual(problems, []);
  });

  test('on the answer page, the group appears as soon as its condition holds', async () => {
    await page.goto(`${site.url}${base}/apercu`, { waitUntil: 'load' });
    const group = page.locator('section[data-element="projet"]');
    assert.equal(await group.isHidden(), true);
    await page.getByRole('radio', { name: 'Oui', exact: true }).first().check();
    await group.waitFor({ state: 'visible', timeout: 2000 });
    assert.equal(await page.getByRole('heading', { name: 'Le projet' }).isVisible(), true);
    await expectNoAxeViolations(page);
    assert.deepEqual(problems, []);
  });
});
