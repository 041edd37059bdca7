import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  closeBrowserSuite,
  e2eSkip,
  expectNoAxeViolations,
  focused,
  linkIn,
  openBrowserSuite,
  type Site,
  tabTo,
} from './harness.ts';

// A newcomer's first visit, with the keyboard only (Tab, typing, arrows, Enter): no mouse, no script-driven clicks.
// The one navigation not made by keyboard is opening the confirmation link received by email.
describe('keyboard-only journey: sign up, confirm the address, sign in, ask to join an authority', {
  skip: e2eSkip,
}, () => {
  let site: Site;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  before(async () => {
    ({ site, browser, page, problems } = await openBrowserSuite('visitor'));
  });
  after(() => closeBrowserSuite({ site, browser }));

  const person = {
    name: 'Camille Martin',
    email: 'camille.martin@mairie-villeurbanne.fr',
    password: 'une phrase de passe bien longue',
  };
  const authority = 'Villeurbanne';

  /** Presses Enter on the focused control and waits for the page it leads to. */
  async function enter() {
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  }

  /** Runs `look` in a tab of another role (the journey's own tab keeps its focus and history). */
  async function asPersona<T>(persona: 'admin' | 'coordinator', look: (tab: Page) => Promise<T>): Promise<T> {
    const context = await site.contextFor(browser, persona);
    try {
      return await look(await context.newPage());
    } finally {
      await context.close();
    }
  }

  async function heading() {
    return (await page.locator('h1').textContent())?.trim() ?? '';
  }

  test('a person creates an account from the home page', async () => {
    await page.goto(`${site.url}/`);
    await tabTo(page, (f) => f.tag === 'a' && f.text === 'Créer un compte', 'le lien « Créer un compte »');
    await enter();
    assert.equal(new URL(page.url()).pathname, '/inscription');

    await tabTo(page, (f) => f.name === 'name', 'le champ « Nom et prénom »');
    await page.keyboard.type(person.name);
    await tabTo(page, (f) => f.name === 'email', 'le champ « Adresse électronique »', 5);
    await page.keyboard.type(person.email);
    await tabTo(page, (f) => f.name === 'password', 'le champ « Mot de passe »', 5);
    await page.keyboard.type(person.password);
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Créer mon compte', 'le bouton « Créer mon compte »', 5);
    await enter();

    assert.match(await heading(), /messagerie/i, 'la page suivante invite à consulter sa messagerie');
    assert.match((await page.locator('main').textContent()) ?? '', new RegExp(person.email.replace(/\./g, '\\.')));
    await expectNoAxeViolations(page);
  });

  test('the confirmation link received by email activates the account', async () => {
    const mail = await site.waitForMail(
      (m) => m.to.includes(person.email) && /confirm/i.test(m.subject),
      'de confirmation',
    );
    await page.goto(site.url + linkIn(mail, '/inscription/confirmer'));
    await expectNoAxeViolations(page);
    await tabTo(
      page,
      (f) => f.tag === 'button' && f.text === 'Confirmer mon adresse',
      'le bouton « Confirmer mon adresse »',
    );
    await enter();

    assert.equal(new URL(page.url()).pathname, '/connexion');
    assert.match((await page.locator('main').textContent()) ?? '', /adresse électronique est confirmée/);
    // What the accounts module recorded, as an administrator sees it (not by reading its tables).
    const confirmedOn = await asPersona('admin', async (admin) => {
      await admin.goto(`${site.url}/admin/utilisateurs?q=${encodeURIComponent(person.email)}`);
      await admin.getByRole('link', { name: person.name }).click();
      return (await admin.locator('dt:text-is("Adresse confirmée le") + dd').textContent())?.trim() ?? '';
    });
    assert.match(confirmedOn, /\d/, "l'adresse est enregistrée comme confirmée");
  });

  test('the person signs in with the address and password, pressing Enter in the password field', async () => {
    await tabTo(page, (f) => f.name === 'email', 'le champ « Adresse électronique »');
    await page.keyboard.type(person.email);
    await tabTo(page, (f) => f.name === 'password', 'le champ « Mot de passe »', 5);
    await page.keyboard.type(person.password);
    await enter();

    assert.equal(new URL(page.url()).pathname, '/mon-espace');
    assert.match((await page.locator('main').textContent()) ?? '', new RegExp(person.name));
    assert.equal(await page.getByRole('button', { name: 'Se déconnecter' }).count(), 1);
  });

  test('the person finds the authority with the picker (typing, arrow keys, Enter) and asks to join it', async () => {
    await tabTo(page, (f) => f.tag === 'a' && /rejoindre/i.test(f.text), 'le lien pour rejoindre sa collectivité');
    await enter();

    // The picker: a combobox that suggests authorities while typing.
    const field = await tabTo(
      page,
      (f) => f.tag === 'input' && f.type === 'search',
      'le champ de recherche de collectivité',
    );
    assert.equal(await page.locator(`#${field.id}`).getAttribute('role'), 'combobox', 'le champ est un combobox ARIA');
    await page.keyboard.type(authority, { delay: 30 });
    const listbox = page.locator(`#${field.id}-suggestions`);
    await listbox.locator('[role="option"]').first().waitFor({ state: 'visible', timeout: 5000 });
    assert.equal(await page.locator(`#${field.id}`).getAttribute('aria-expanded'), 'true');

    let chosen = '';
    for (let i = 0; i < 8 && !chosen.startsWith(authority); i++) {
      await page.keyboard.press('ArrowDown');
      const active = await page.locator(`#${field.id}`).getAttribute('aria-activedescendant');
      assert.ok(active, 'la flèche bas met une suggestion en évidence (aria-activedescendant)');
      assert.equal(await page.locator(`#${active}`).getAttribute('aria-selected'), 'true');
      chosen = ((await page.locator(`#${active}`).textContent()) ?? '').trim();
      assert.equal(
        (await focused(page)).id,
        field.id,
        'le focus reste dans le champ pendant le parcours des suggestions',
      );
    }
    assert.ok(chosen.startsWith(authority), `« ${authority} » figure parmi les suggestions (dernière : « ${chosen} »)`);
    await enter();

    // Choosing leads to the authority's page (then its « Demander à rejoindre » link) or straight to the request form.
    if (!new URL(page.url()).pathname.endsWith('/rejoindre')) {
      assert.match(await heading(), new RegExp(authority));
      await tabTo(
        page,
        (f) => f.tag === 'a' && f.text.startsWith('Demander à rejoindre'),
        'le lien « Demander à rejoindre »',
      );
      await enter();
    }
    const path = new URL(page.url()).pathname;
    assert.match(path, /^\/collectivites\/\d+\/rejoindre$/);
    const organisationId = Number(path.split('/')[2]);
    assert.match(await heading(), new RegExp(`Rejoindre ${authority}`));

    await tabTo(page, (f) => f.tag === 'textarea' && f.name === 'message', 'le champ du message');
    await page.keyboard.type('Chargée de mission numérique à la direction des systèmes d’information.');
    await tabTo(
      page,
      (f) => f.tag === 'button' && f.text === 'Envoyer la demande',
      'le bouton « Envoyer la demande »',
      5,
    );
    await enter();

    assert.equal(new URL(page.url()).pathname, `/collectivites/${organisationId}`);
    assert.match((await page.locator('main').textContent()) ?? '', /demande a été envoyée/);
    // The request waits for a decision, with its message, as a network coordinator sees it (not by reading tables).
    const request = await asPersona('coordinator', async (coordinator) => {
      await coordinator.goto(`${site.url}/collectivites/demandes`);
      const row = coordinator.locator('tr', { hasText: person.email });
      return {
        count: await row.count(),
        authority: await row.locator(`a[href="/collectivites/${organisationId}/membres"]`).count(),
        text: (await row.first().textContent()) ?? '',
      };
    });
    assert.equal(request.count, 1, 'la demande est en attente');
    assert.equal(request.authority, 1, 'pour la collectivité choisie');
    assert.match(request.text, /direction des systèmes/);
  });

  test('nothing went wrong in the browser along the way (no script error, no CSP violation)', () => {
    assert.deepEqual(problems, []);
  });
});
