import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import { fixtureText } from '../../../../test/helpers/fixtures.ts';
import { multipartBody } from '../../../../test/helpers/multipart.ts';

describeEachApp('the administrators’ import page: the result links to what the import made', (app) => {
  test('after a real import, the page links to the sheets and to each body it created', async () => {
    const admin = await app().signedIn({ email: 'admin@reseau.fr', role: 'admin' });
    await admin.get('/admin/bibliotheque/import');
    const { payload, contentType } = multipartBody({ _csrf: admin.csrfToken, format: 'interconnectes' }, [
      { field: 'file', filename: 'fiches.csv', type: 'text/csv', content: fixtureText('interconnectes/data.csv') },
    ]);
    const res = await app().server.app.inject({
      method: 'POST',
      url: '/admin/bibliotheque/import',
      headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType },
      payload,
    });
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    assert.match(res.body, /href="\/bibliotheque\?tri=updated"/);
    assert.match(res.body, /href="\/coordination\/fiches"/);
    assert.match(res.body, /<a href="\/collectivites\?q=[^"]+">/, 'les organisations créées mènent à l’annuaire');
  });
});
