// A member of the network registers to a meeting and adds it to a calendar with the keyboard only (Tab, arrows,
// Enter): from the agenda to the meeting, the registration form (the demo meeting is full: the waiting list, said
// clearly), then « Ajouter à mon agenda », whose file a calendar application reads (ical.js).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import {
  closeBrowserSuite,
  e2eSkip,
  expectNoAxeViolations,
  openBrowserSuite,
  type Site,
  tabTo,
} from '../../../../../test/e2e/harness.ts';

describe('keyboard-only journey: register to a meeting and add it to a calendar', { skip: e2eSkip }, () => {
  let site: Site;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  before(async () => {
    ({ site, browser, page, problems } = await openBrowserSuite('member'));
  });
  after(() => closeBrowserSuite({ site, browser }));

  async function enter() {
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  }

  test('from the agenda, the keyboard reaches the upcoming meeting', async () => {
    await page.goto(`${site.url}/agenda`);
    await tabTo(
      page,
      (f) => f.tag === 'a' && f.text === 'Restitution du recensement et feuille de route',
      'le lien de la réunion à venir',
      80,
    );
    await enter();
    assert.match(new URL(page.url()).pathname, /^\/reunions\/\d+$/);
    assert.equal((await page.locator('h1').textContent())?.trim(), 'Restitution du recensement et feuille de route');
    assert.match((await page.locator('main').textContent()) ?? '', /\(heure de Paris, UTC\+\d\)/);
  });

  test('the registration form says the meeting is full; choosing « À distance » with the arrows and Enter registers on the waiting list', async () => {
    assert.match((await page.locator('main').textContent()) ?? '', /La réunion est complète/);
    await tabTo(page, (f) => f.tag === 'input' && f.name === 'mode', 'le choix « Je participerai »', 80);
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator('input[name="mode"]:checked').getAttribute('value'), 'remote');
    await tabTo(page, (f) => f.tag === 'button' && /M’inscrire/.test(f.text), 'le bouton d’inscription', 5);
    await enter();
    const text = (await page.locator('main').textContent()) ?? '';
    assert.match(text, /liste d’attente, en position 2/);
    await expectNoAxeViolations(page);
    const mail = await site.waitForMail((m) => /^Liste d’attente/.test(m.subject), 'de liste d’attente');
    assert.match(mail.text, /position 2/);
  });

  test('« Ajouter à mon agenda » is reached with Tab and gives a calendar file that ical.js reads', async () => {
    await page.goto(page.url().replace(/#.*$/, ''));
    await tabTo(
      page,
      (f) => f.tag === 'a' && f.text === 'Ajouter à mon agenda',
      'le lien « Ajouter à mon agenda »',
      80,
    );
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const path = await download.path();
    assert.ok(path);
    const calendar = new ICAL.Component(ICAL.parse(readFileSync(path, 'utf8')));
    const event = calendar.getFirstSubcomponent('vevent')!;
    assert.match(String(event.getFirstPropertyValue('summary')), /^Restitution du recensement et feuille de route/);
    assert.equal(event.getFirstProperty('dtstart')!.getParameter('tzid'), 'Europe/Paris');
    assert.deepEqual(problems, []);
  });
});
