import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../../test/helpers/app.ts';
import { completePatch, libraryOf, userOf } from '../test-support.ts';

describeEachApp('library pages: writing a use case', (app) => {
  let orgId: number;
  let member: TestAgent;
  let coordinator: TestAgent;
  let anonymous: TestAgent;
  let path = '';
  let id = 0;

  test('setup', async () => {
    orgId = await app().createOrganisation({
      name: 'Ville de Lumière',
      type: 'commune',
      departementCode: '69',
      regionCode: '84',
    });
    member = await app().signedIn({
      email: 'redactrice@lumiere.fr',
      memberships: [{ organisationId: orgId, role: 'editor' }],
    });
    coordinator = await app().signedIn({ email: 'coordination@reseau.fr', role: 'coordinator' });
    anonymous = app().agent();
  });

  test('a member starts a use case and is taken to the first step', async () => {
    const page = await member.get('/bibliotheque/nouvelle');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Ville de Lumière/);
    const empty = await member.post('/bibliotheque/nouvelle', { organisationId: String(orgId), title: '' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /class="error-summary"/);
    assert.match(empty.body, /Saisissez le nom du projet/);
    const created = await member.post('/bibliotheque/nouvelle', {
      organisationId: String(orgId),
      title: 'Prévision de la fréquentation des cantines',
    });
    assert.equal(created.statusCode, 302);
    assert.match(
      created.headers.location as string,
      /^\/bibliotheque\/\d+-prevision-de-la-frequentation-des-cantines\/modifier\/projet$/,
    );
    path = (created.headers.location as string).replace(/\/modifier\/projet$/, '');
    id = Number(/\/bibliotheque\/(\d+)/.exec(path)![1]);
    const step = await member.get(`${path}/modifier/projet`);
    assert.equal(step.statusCode, 200);
    assert.match(step.body, /Étape 1 sur 9|étape 1 sur 9/);
    assert.match(step.body, /data-autosave=/);
    assert.match(step.body, /aria-describedby="champ-title-hint"/);
  });

  test('a step shows errors next to the fields and in a summary, keeping what was typed', async () => {
    const form = await member.get(`${path}/modifier/projet`);
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const bad = await member.post(`${path}/modifier/projet`, {
      version,
      title: 'Prévision de la fréquentation des cantines',
      serviceUrl: 'www.cantines.fr',
      suite: '1',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /<a href="#champ-serviceUrl">Lien vers le projet : saisissez une adresse web complète/);
    assert.match(bad.body, /value="www.cantines.fr"/);
    const ok = await member.post(`${path}/modifier/projet`, {
      version,
      title: 'Prévision de la fréquentation des cantines',
      description: 'Chaque jour, le nombre de repas à préparer est prévu pour réduire le gaspillage alimentaire.',
      suite: '1',
    });
    assert.equal(ok.statusCode, 302);
    assert.equal(ok.headers.location, `${path}/modifier/themes`);
  });

  test('autosave answers JSON with the new version; a stale version is a conflict', async () => {
    const form = await member.get(`${path}/modifier/themes`);
    const version = Number(/name="version" value="(\d+)"/.exec(form.body)![1]);
    const saved = await member.request({
      method: 'POST',
      url: `${path}/brouillon`,
      form: {
        _csrf: member.csrfToken,
        _step: 'themes',
        version: String(version),
        theme: 'administration',
        audiences: 'agents',
      },
      headers: { accept: 'application/json' },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().version, version + 1);
    assert.match(saved.json().savedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    const stale = await member.post(`${path}/modifier/themes`, {
      version: String(version),
      theme: 'mobility',
      suite: '0',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /La fiche a été modifiée entre-temps/);
    assert.match(stale.body, /Mobilités|mobility/);
  });

  test('the check page lists what is missing; a complete use case is submitted, reviewed and published', async () => {
    const check = await member.get(`${path}/verifier`);
    assert.equal(check.statusCode, 200);
    assert.match(check.body, /À compléter avant de soumettre la fiche/);
    // Fill everything through the service (the form steps are covered above).
    const library = libraryOf(app());
    const row = (await library.reading.findUseCase(id))!;
    const writer = userOf(row.createdBy!, 'redactrice@lumiere.fr', 'user', [orgId], 'editor');
    const saved = await library.writing.save(
      writer,
      id,
      row.version,
      completePatch('r9', {
        title: 'Prévision de la fréquentation des cantines',
        description: 'Chaque jour, le nombre de repas à préparer est prévu pour réduire le gaspillage alimentaire.',
        projectStatus: 'deployment',
        abandonReason: null,
      }),
    );
    const submit = await member.post(`${path}/action`, { action: 'submit', version: String(saved.version) });
    assert.equal(submit.statusCode, 302);
    const queue = await coordinator.get('/coordination/fiches');
    assert.match(queue.body, /Prévision de la fréquentation des cantines/);
    assert.equal((await member.get('/coordination/fiches')).statusCode, 403);
    const page = await coordinator.get(path);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const refused = await coordinator.post(`${path}/action`, { action: 'request_changes', version, comment: '' });
    assert.equal(refused.statusCode, 302);
    const published = await coordinator.post(`${path}/action`, { action: 'publish', version });
    assert.equal(published.statusCode, 302);
    const after = await anonymous.get(path);
    assert.equal(after.statusCode, 200);
    assert.match(after.body, /Prévision de la fréquentation des cantines/);
  });
});
