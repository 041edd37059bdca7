import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import { libraryOf, person, rejects } from '../test-support.ts';

describeEachApp('library: API tokens', (app) => {
  test('API tokens act as a member of one authority', async () => {
    const library = libraryOf(app());
    const orgId = await app().createOrganisation({ name: 'Ville de Lumière', type: 'commune' });
    const member = await person(app(), 'agent@lumiere.fr', 'user', [orgId]);
    await rejects(library.tokens.createToken(member, orgId, 'Outil'), 403);
    const responsible = await person(app(), 'responsable@lumiere.fr', 'user', [orgId], 'editor');
    const token = await library.tokens.createToken(responsible, orgId, 'Logiciel de suivi');
    const user = await library.tokens.resolveToken(token);
    assert.deepEqual(user?.memberships, [{ organisationId: orgId, role: 'member' }]);
    assert.equal(user?.role, 'user');
    const [row] = await library.tokens.tokens(responsible, orgId);
    await library.tokens.revokeToken(responsible, orgId, row!.id);
    assert.equal(await library.tokens.resolveToken(token), null);
  });

  test('the tokens a person created stop working when their account is erased', async () => {
    const library = libraryOf(app());
    const orgId = await app().createOrganisation({ name: 'Ville du Départ', type: 'commune' });
    const responsible = await person(app(), 'responsable@depart.fr', 'user', [orgId], 'editor');
    const token = await library.tokens.createToken(responsible, orgId, 'Logiciel de suivi');
    assert.ok(await library.tokens.resolveToken(token));
    await app()
      .server.platform.db.transaction()
      .execute((trx) => library.personalData.erase(responsible.id, trx));
    assert.equal(await library.tokens.resolveToken(token), null);
  });
});
