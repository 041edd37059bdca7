// Answering a census in Chromium: accessibility (axe, WCAG 2.1 A and AA) of every page type of the questionnaires
// module, conditions shown live, autosave, a matrix and a ranking answered with the keyboard only.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CLI_ACTOR, type QuestionnairesApi } from '../../src/modules/questionnaires/index.ts';
import {
  closeBrowserSuite,
  e2eSkip,
  expectNoAxeViolations,
  expectPageStructure,
  focused,
  openBrowserSuite,
  type Site,
  tabTo,
  watchProblems,
} from './harness.ts';

describe('questionnaires in Chromium', { skip: e2eSkip }, () => {
  let site: Site;
  let browser: Browser;
  let svc: QuestionnairesApi;
  let censusLink: string;
  let participationLink: string;
  let censusCampaign: number;
  let respondent: BrowserContext;
  let page: Page;
  let problems: string[];

  before(async () => {
    ({ site, browser } = await openBrowserSuite());
    svc = site.api('questionnaires') as QuestionnairesApi;
    const [censusId, participationId] = await svc.questionnaires.installCatalogue();
    const [org] = (await site.api('organisations').list({ type: 'commune' }, { limit: 1, offset: 0 })).rows;
    const campaign = async (questionnaireId: number, title: string) => {
      const { id } = await svc.campaigns.create(CLI_ACTOR, {
        questionnaireId,
        title,
        description: '',
        opensAt: new Date(Date.now() - 86_400_000).toISOString(),
        closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        targets: { types: [], regions: [], departements: [], organisationIds: [org.id], sirens: [] },
        sirenList: '',
        publicLink: false,
        resultsPublic: true,
        libraryAuto: false,
        reminderDays: [],
        responsesMode: 'one',
      });
      const dash = await svc.campaigns.dashboard(CLI_ACTOR, id);
      const link = await svc.invitations.linkOf(CLI_ACTOR, dash.followUp[0]!.invitationId);
      return { id, path: new URL(link).pathname };
    };
    const census = await campaign(censusId!, 'Recensement des projets d’IA (essai)');
    censusCampaign = census.id;
    censusLink = census.path;
    participationLink = (await campaign(participationId!, 'Participation citoyenne (essai)')).path;
    respondent = await browser.newContext({ locale: 'fr-FR' });
    page = await respondent.newPage();
    problems = watchProblems(page);
  });
  after(() => closeBrowserSuite({ site, browser }));

  const saved = async (link: string) =>
    (await svc.respondents.openInvitation(link.split('/').pop()!, null)).response?.answers ?? {};

  test('an answering page: no axe violation, one h1, labelled fields', async () => {
    const response = await page.goto(`${site.url}${censusLink}`, { waitUntil: 'load' });
    assert.equal(response?.status(), 200);
    assert.match(page.url(), /\/page\/collectivite$/);
    await expectPageStructure(page);
    await expectNoAxeViolations(page);
    assert.deepEqual(problems, []);
  });

  test('a condition shows its question as soon as the answer changes, and the change is saved automatically', async () => {
    await page.goto(`${site.url}${censusLink}/page/avancement`, { waitUntil: 'load' });
    const reason = page.locator('[data-element="raison_abandon"]');
    assert.equal(await reason.isHidden(), true);
    await page.getByRole('radio', { name: 'Abandonné', exact: true }).check();
    await reason.waitFor({ state: 'visible', timeout: 2000 });
    await page.getByText(/Réponses enregistrées à/).waitFor({ timeout: 5000 });
    assert.equal((await saved(censusLink)).statut, 'abandoned');
    await page.getByLabel(/Pourquoi le projet a-t-il été abandonné/).fill('Les données étaient trop incomplètes.');
    await page.getByText(/Réponses enregistrées à/).waitFor({ timeout: 5000 });
    for (let i = 0; i < 50 && (await saved(censusLink)).raison_abandon === undefined; i++)
      await new Promise((r) => setTimeout(r, 100));
    assert.equal((await saved(censusLink)).raison_abandon, 'Les données étaient trop incomplètes.');
    await expectNoAxeViolations(page);
    assert.deepEqual(problems, []);
  });

  test('a matrix is answered with the keyboard: each radio is named by its row and column', async () => {
    await page.goto(`${site.url}${censusLink}/page/ethique`, { waitUntil: 'load' });
    assert.equal(await page.getByRole('radio', { name: 'Information des personnes concernées Fait' }).count(), 1);
    await tabTo(page, (f) => f.name === 'transparence[information]', 'la première ligne du tableau');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    const f = await focused(page);
    assert.equal(f.name, 'transparence[information]');
    await page.getByText(/Réponses enregistrées à/).waitFor({ timeout: 5000 });
    for (let i = 0; i < 50 && !(await saved(censusLink)).transparence; i++)
      await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual((await saved(censusLink)).transparence, { information: 'en_cours' });
    await expectNoAxeViolations(page);
  });

  test('a ranking is answered with one select per item, by keyboard, without drag and drop', async () => {
    await page.goto(`${site.url}${participationLink}/page/besoins`, { waitUntil: 'load' });
    await expectNoAxeViolations(page);
    const order = ['reseau', 'formation', 'methodes', 'outils', 'financement'];
    for (const [rank, code] of order.entries()) {
      await tabTo(page, (x) => x.name === `besoins_priorites[${code}]`, `le rang de ${code}`);
      await page.keyboard.type(String(rank + 1));
    }
    await page.keyboard.press('Tab');
    for (let i = 0; i < 50 && !Array.isArray((await saved(participationLink)).besoins_priorites); i++)
      await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual((await saved(participationLink)).besoins_priorites, order);
  });

  test('the check-your-answers page and the public results page', async () => {
    await page.goto(`${site.url}${censusLink}/recapitulatif`, { waitUntil: 'load' });
    await expectPageStructure(page);
    await expectNoAxeViolations(page);
    const results = await page.goto(`${site.url}/recensements/${censusCampaign}/resultats`, { waitUntil: 'load' });
    assert.equal(results?.status(), 200);
    await expectPageStructure(page);
    await expectNoAxeViolations(page);
  });

  test('coordination pages: builder, element form, preview, campaigns, dashboard, results', async () => {
    const context = await site.contextFor(browser, 'coordinator');
    const tab = await context.newPage();
    const tabProblems = watchProblems(tab);
    const list = await svc.questionnaires.list(CLI_ACTOR);
    const census = list.find((q) => q.catalogueKey === 'recensement-ia')!;
    for (const path of [
      '/coordination/questionnaires',
      `/coordination/questionnaires/${census.id}`,
      `/coordination/questionnaires/${census.id}/elements/statut`,
      `/coordination/questionnaires/${census.id}/elements/transparence`,
      `/coordination/questionnaires/${census.id}/apercu`,
      '/coordination/campagnes',
      '/coordination/campagnes/nouvelle',
      `/coordination/campagnes/${censusCampaign}`,
      `/coordination/campagnes/${censusCampaign}/resultats`,
      '/recensements',
    ]) {
      const response = await tab.goto(site.url + path, { waitUntil: 'load' });
      assert.equal(response?.status(), 200, path);
      await expectPageStructure(tab);
      await expectNoAxeViolations(tab);
    }
    assert.deepEqual(tabProblems, []);
    await context.close();
  });
});
