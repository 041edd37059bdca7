import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import { readersWorld } from '../test-support.ts';

describeEachApp('library API', (app) => {
  test('an authority API token writes drafts and submits them; it cannot publish', async () => {
    const { member, orgId } = await readersWorld(app());
    const page = await member.post(`/bibliotheque/jetons?organisation=${orgId}`, { name: 'Logiciel de suivi' });
    assert.equal(page.statusCode, 200);
    const token = /<code class="token">(bia_[^<]+)<\/code>/.exec(page.body)![1]!;
    const auth = { authorization: `Bearer ${token}` };
    const api = app().agent();
    const created = await api.request({
      method: 'POST',
      url: '/api/v1/use-cases',
      json: {
        organisationId: orgId,
        content: { title: 'Analyse des demandes de subvention', theme: 'administration' },
      },
      headers: auth,
    });
    assert.equal(created.statusCode, 201, created.body);
    const useCase = created.json();
    assert.equal(useCase.state, 'draft');
    const invalid = await api.request({
      method: 'PATCH',
      url: `/api/v1/use-cases/${useCase.id}`,
      json: { version: useCase.version, content: { serviceUrl: 'nulle part' } },
      headers: auth,
    });
    assert.equal(invalid.statusCode, 400);
    assert.equal(invalid.json().error.code, 'invalid_request');
    const patched = await api.request({
      method: 'PATCH',
      url: `/api/v1/use-cases/${useCase.id}`,
      json: { version: useCase.version, content: { description: 'Tri des demandes.' } },
      headers: auth,
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const conflict = await api.request({
      method: 'PATCH',
      url: `/api/v1/use-cases/${useCase.id}`,
      json: { version: useCase.version, content: { partners: 'x' } },
      headers: auth,
    });
    assert.equal(conflict.statusCode, 409);
    assert.equal(conflict.json().error.code, 'conflict');
    assert.equal(conflict.json().error.current.content.description, 'Tri des demandes.');
    const incomplete = await api.request({
      method: 'POST',
      url: `/api/v1/use-cases/${useCase.id}/submit`,
      json: { version: patched.json().version },
      headers: auth,
    });
    assert.equal(incomplete.statusCode, 422);
    assert.ok(incomplete.json().error.fields.contactEmail);
    const other = await api.request({
      method: 'POST',
      url: '/api/v1/use-cases',
      json: { organisationId: 999999, content: {} },
      headers: auth,
    });
    assert.equal(other.statusCode, 403);
    const bad = await app()
      .agent()
      .request({ method: 'GET', url: '/api/v1/use-cases', headers: { authorization: 'Bearer bia_faux' } });
    assert.equal(bad.statusCode, 401);
  });
});
