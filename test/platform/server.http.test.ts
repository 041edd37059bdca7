import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../helpers/app.ts';

describeEachApp('HTTP platform', (app) => {
  test('liveness and readiness answer JSON', async () => {
    const agent = app().agent();
    const live = await agent.get('/healthz');
    assert.equal(live.statusCode, 200);
    assert.deepEqual(live.json(), { status: 'ok' });
    const ready = await agent.get('/readyz');
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().database, 'ok');
  });

  test('the home page is French, has landmarks, a skip link and a strict CSP without inline scripts', async () => {
    const res = await app().agent().get('/');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<html lang="fr">/);
    assert.match(res.body, /<main id="contenu"/);
    assert.match(res.body, /href="#contenu">Aller au contenu</);
    assert.match(res.body, /<nav id="navigation"[^>]*aria-label="Menu principal"/);
    assert.doesNotMatch(res.body, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
  });

  test('unknown pages get a French 404 page, API paths get JSON', async () => {
    const agent = app().agent();
    const page = await agent.get('/pas-de-page-ici');
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /Page introuvable/);
    const api = await agent.get('/api/v1/nulle-part');
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().error.code, 'not_found');
  });

  test('a state-changing request without a CSRF token is refused', async () => {
    const agent = app().agent();
    await agent.get('/');
    const res = await agent.request({ method: 'POST', url: '/deconnexion', form: {} });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /formulaire a expiré/);
  });
});
