// API tokens live no longer than their creator's right (issue 8, finding 2): every use checks that the creator's
// account is active and still a « responsable » of the authority; tokens expire; their last use is shown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp, type TestAgent, type TestApp } from '../../../../test/helpers/app.ts';
import { manualClock } from '../../../platform/clock.ts';
import { person } from '../test-support.ts';

type App = TestApp<ReturnType<typeof manualClock>>;

async function tokenWorld(app: App, email: string) {
  const orgId = await app.createOrganisation({ name: `Ville de ${email.split('@')[0]}`, type: 'commune' });
  const editor = await person(app, email, 'user', [orgId], 'editor');
  const browser = app.agent();
  await browser.signInAs(editor.email);
  const coordinator = await app.signedIn({ email: `coordination.${email}`, role: 'coordinator' });
  const page = await browser.post(`/bibliotheque/jetons?organisation=${orgId}`, { name: 'Logiciel de suivi' });
  assert.equal(page.statusCode, 200, page.body);
  const token = /<code class="token">(bia_[^<]+)<\/code>/.exec(page.body)![1]!;
  const api = app.agent();
  const auth = { authorization: `Bearer ${token}` };
  const create = () =>
    api.request({
      method: 'POST',
      url: '/api/v1/use-cases',
      json: { organisationId: orgId, content: { title: 'Tri des courriers entrants', theme: 'administration' } },
      headers: auth,
    });
  const created = await create();
  assert.equal(created.statusCode, 201, created.body);
  const draft = created.json() as { id: number; version: number };
  const update = () =>
    api.request({
      method: 'PATCH',
      url: `/api/v1/use-cases/${draft.id}`,
      json: { version: draft.version, content: { description: 'Lecture et orientation des courriers.' } },
      headers: auth,
    });
  // A draft is read by the authority's members only.
  const readDraft = () => api.request({ method: 'GET', url: `/api/v1/use-cases/${draft.id}`, headers: auth });
  assert.equal((await readDraft()).statusCode, 200);
  return { orgId, editor, browser, coordinator, token, create, update, readDraft };
}

/** The token row's revocation date, read before any use of it. */
async function revokedAt(app: App, userId: number): Promise<string | null> {
  await app.server.runJobs();
  const row = await app.server.platform.db
    .selectFrom('library_api_tokens')
    .select('revoked_at')
    .where('created_by', '=', userId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return row.revoked_at;
}

async function assertRefused(world: Awaited<ReturnType<typeof tokenWorld>>) {
  for (const [what, call] of [
    ['création', world.create],
    ['modification', world.update],
    ['lecture réservée aux membres', world.readDraft],
  ] as const) {
    const r = await call();
    assert.ok([401, 403].includes(r.statusCode), `${what} : ${r.statusCode} ${r.body}`);
  }
}

async function membershipId(app: App, userId: number, orgId: number): Promise<number> {
  const m = await app.server.modules.services.organisations.membershipOf(
    { id: userId, email: '', name: '', role: 'user', memberships: [] },
    orgId,
  );
  return m!.id;
}

async function tokensPage(agent: TestAgent, orgId: number) {
  const page = await agent.get(`/bibliotheque/jetons?organisation=${orgId}`);
  assert.equal(page.statusCode, 200);
  return page.body;
}

describeEachApp(
  'library: API tokens end with their creator’s right',
  (app) => {
    test('a token stops creating, updating and reading members-only data once its creator is removed from the authority, and shows as revoked', async () => {
      const world = await tokenWorld(app(), 'retiree@exemple.fr');
      const id = await membershipId(app(), world.editor.id, world.orgId);
      const removed = await world.coordinator.post(`/collectivites/${world.orgId}/membres/${id}/retrait`);
      assert.equal(removed.statusCode, 303, removed.body);
      assert.ok(await revokedAt(app(), world.editor.id), 'revoked as the membership ends, before any use');
      await assertRefused(world);
      const admin = await app().signedIn({ email: 'admin.retrait@exemple.fr', role: 'admin' });
      assert.match(await tokensPage(admin, world.orgId), /Révoqué le/);
    });

    test('a token stops when its creator is no longer a « responsable » (role lowered to member)', async () => {
      const world = await tokenWorld(app(), 'abaissee@exemple.fr');
      const id = await membershipId(app(), world.editor.id, world.orgId);
      const lowered = await world.coordinator.post(`/collectivites/${world.orgId}/membres/${id}/role`, {
        role: 'member',
      });
      assert.equal(lowered.statusCode, 303, lowered.body);
      assert.ok(await revokedAt(app(), world.editor.id), 'revoked as the role is lowered, before any use');
      await assertRefused(world);
    });

    test('disabling the creator’s account revokes their tokens at once (and the API refuses them)', async () => {
      const world = await tokenWorld(app(), 'desactivee@exemple.fr');
      const admin = await app().signedIn({ email: 'admin.desactivation@exemple.fr', role: 'admin' });
      const disabled = await admin.post(`/admin/utilisateurs/${world.editor.id}/desactiver`);
      assert.ok([302, 303].includes(disabled.statusCode), disabled.body);
      assert.ok(await revokedAt(app(), world.editor.id), 'revoked as the account is disabled, before any use');
      await assertRefused(world);
    });

    test('a token expires after the lifetime chosen at creation (one year by default)', async () => {
      const world = await tokenWorld(app(), 'expiration@exemple.fr');
      const short = await world.browser.post(`/bibliotheque/jetons?organisation=${world.orgId}`, {
        name: 'Essai d’un mois',
        duree: '30',
      });
      const shortToken = /<code class="token">(bia_[^<]+)<\/code>/.exec(short.body)![1]!;
      const useShort = () =>
        app()
          .agent()
          .request({ method: 'GET', url: '/api/v1/use-cases', headers: { authorization: `Bearer ${shortToken}` } });
      assert.equal((await useShort()).statusCode, 200);
      app().clock.advance({ days: 31 });
      assert.equal((await useShort()).statusCode, 401);
      assert.ok([200, 201].includes((await world.create()).statusCode), 'le jeton d’un an vaut encore');
      app().clock.advance({ days: 335 });
      await assertRefused(world);
      await world.browser.signInAs(world.editor.email); // a year later, the session has ended too
      const page = await tokensPage(world.browser, world.orgId);
      assert.match(page, /Expiré le/);
      const tooLong = await world.browser.post(`/bibliotheque/jetons?organisation=${world.orgId}`, {
        name: 'Pour toujours',
        duree: '3650',
      });
      assert.equal(tooLong.statusCode, 422);
      assert.match(tooLong.body, /Durée de validité : choix inconnu/);
    });

    test('the tokens page lists each token with its creator, expiry and last use', async () => {
      const orgId = await app().createOrganisation({ name: 'Ville de Suivi', type: 'commune' });
      const editor = await person(app(), 'suivi@exemple.fr', 'user', [orgId], 'editor');
      const browser = app().agent();
      await browser.signInAs(editor.email);
      const page = await browser.post(`/bibliotheque/jetons?organisation=${orgId}`, { name: 'Outil de suivi' });
      const token = /<code class="token">(bia_[^<]+)<\/code>/.exec(page.body)![1]!;
      assert.match(await tokensPage(browser, orgId), /<td>jamais<\/td>/);
      const used = await app()
        .agent()
        .request({ method: 'GET', url: '/api/v1/use-cases', headers: { authorization: `Bearer ${token}` } });
      assert.equal(used.statusCode, 200);
      const listed = await tokensPage(browser, orgId);
      assert.doesNotMatch(listed, /<td>jamais<\/td>/);
      assert.match(listed, /suivi@exemple\.fr|Suivi/i);
      assert.match(listed, /Valable jusqu’au/);
    });
  },
  {},
  { clock: () => manualClock('2026-03-01T09:00:00Z') },
);
