// The request pipeline under hostile input, on both databases: return addresses, NUL characters, truncated or
// disguised uploads, pages kept for network roles (issue 8, findings 3, 6, 7 and 14).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uploadBytesInFlight } from '../../src/platform/http/multipart.ts';
import { describeEachApp, type TestAgent, type TestApp } from '../helpers/app.ts';
import { multipartBody } from '../helpers/multipart.ts';

/** Posts a multipart body (possibly cut short) with the agent's cookies; the CSRF token is the `_csrf` field. */
async function postMultipart(
  app: TestApp,
  agent: TestAgent,
  url: string,
  fields: Record<string, string>,
  files: { field: string; filename: string; type: string; content: string | Buffer }[],
  cut = 0,
) {
  if (!agent.csrfToken) await agent.get('/');
  const { payload, contentType } = multipartBody({ _csrf: agent.csrfToken, ...fields }, files);
  return app.server.app.inject({
    method: 'POST',
    url,
    headers: { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType },
    payload: cut ? payload.subarray(0, payload.length - cut) : payload,
  });
}

/** A redirect to a page of this site (the account's default page), never to the hostile address. */
function assertSameSite(location: unknown, what: string) {
  assert.equal(typeof location, 'string', what);
  assert.match(location as string, /^\/(?![/\\])/, what);
  assert.doesNotMatch(location as string, /evil|javascript/, what);
}

const CSV = 'siren;contact\n213502388;numerique@rennes.fr\n'.repeat(20);
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

describeEachApp('the request pipeline under hostile input', (app) => {
  test('“retour” on GET and POST /connexion never leads to another site', async () => {
    const user = await app().createUser({ email: 'retour@pipeline.fr' });
    const hostile = [
      '/.//evil.example',
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
    ];
    const signedIn = await app().signedIn({ email: 'deja@pipeline.fr' });
    for (const retour of hostile) {
      const get = await signedIn.get(`/connexion?retour=${encodeURIComponent(retour)}`);
      assert.equal(get.statusCode, 302, retour);
      assertSameSite(get.headers.location, `GET ${retour}`);
      const post = await app().agent().post('/connexion', { email: user.email, password: user.password, retour });
      assert.equal(post.statusCode, 303, retour);
      assertSameSite(post.headers.location, `POST ${retour}`);
    }
    const kept = await signedIn.get(`/connexion?retour=${encodeURIComponent('/bibliotheque?q=eau')}`);
    assert.equal(kept.headers.location, '/bibliotheque?q=eau');
  });

  test('a NUL character in any input is refused with a 400, never a 500 (forms, JSON, query, path)', async () => {
    const agent = app().agent();
    const nul = 'a\u0000b@exemple.fr';
    const answers = [
      await agent.post('/connexion', { email: nul, password: 'une phrase de passe' }),
      await agent.post('/connexion/lien', { email: nul }),
      await agent.post('/mot-de-passe-oublie', { email: nul }),
      await agent.post('/inscription', { name: 'A\u0000', email: 'x@exemple.fr', password: 'une phrase de passe' }),
      await agent.post('/connexion', { email: 'x@exemple.fr', 'pass\u0000word': 'x' }),
      await agent.request({
        method: 'POST',
        url: '/connexion',
        json: { email: nul, password: 'x', _csrf: agent.csrfToken },
      }),
      await agent.get('/bibliotheque?q=a%00b'),
      await agent.get('/api/v1/organisations/a%00b'),
      await agent.get('/api/v1/organisations?q=%00'),
      await agent.get('/api/v1/use-cases?q=eau%00'),
    ];
    for (const res of answers) {
      assert.equal(res.statusCode, 400, `${res.statusCode} ${res.body.slice(0, 200)}`);
      assert.match(res.body, /caractère nul/);
    }
    const api = answers[answers.length - 1]!.json();
    assert.equal(api.error.code, 'nul_character');
  });

  test('a truncated multipart body is a 400 with a French message on every upload route', async () => {
    const admin = await app().signedIn({ email: 'admin@pipeline.fr', role: 'admin' });
    const coordinator = await app().signedIn({ email: 'coordination@pipeline.fr', role: 'coordinator' });
    const visitor = app().agent();
    const file = (filename: string, type: string, content: string) => [{ field: 'file', filename, type, content }];
    const cases: [TestAgent, string, Record<string, string>, ReturnType<typeof file>][] = [
      [admin, '/admin/bibliotheque/import', { format: 'interconnectes' }, file('fiches.csv', 'text/csv', CSV)],
      [
        coordinator,
        '/coordination/campagnes',
        { title: 'Recensement' },
        [{ ...file('s.csv', 'text/csv', CSV)[0]!, field: 'sirenFile' }],
      ],
      [
        coordinator,
        '/coordination/questionnaires/importer',
        { format: 'native' },
        file('q.json', 'application/json', '{"title":"Q","pages":[]}'.padEnd(400)),
      ],
      [
        visitor,
        '/recensements/public/un-lien-public/page/collectivite',
        { action: 'save' },
        file('piece.csv', 'text/csv', CSV),
      ],
    ];
    for (const [agent, url, fields, files] of cases) {
      const res = await postMultipart(app(), agent, url, fields, files, 300);
      assert.equal(res.statusCode, 400, `${url} → ${res.statusCode}`);
      assert.match(res.body, /formulaire envoyé est incomplet/, url);
    }
  });

  test('an upload is checked by its content, not only by its name and declared type', async () => {
    const admin = await app().signedIn({ email: 'admin2@pipeline.fr', role: 'admin' });
    const disguised = [
      { field: 'file', filename: 'fiches.csv', type: 'text/csv', content: PNG },
      { field: 'file', filename: 'fiches.xlsx', type: 'text/csv', content: CSV },
      { field: 'file', filename: 'fiches', type: 'image/png', content: CSV },
      {
        field: 'file',
        filename: 'fiches.csv',
        type: 'text/csv',
        content: Buffer.from('\u0000s\u0000i\u0000r\u0000e\u0000n'),
      },
    ];
    for (const f of disguised) {
      const res = await postMultipart(app(), admin, '/admin/bibliotheque/import', { format: 'interconnectes' }, [f]);
      assert.equal(res.statusCode, 422, `${f.filename} → ${res.statusCode}`);
      assert.match(res.body, /(ne correspond pas à son nom|contient des caractères nuls)/, f.filename);
    }
  });

  test('uploads hold room only while they are handled: none is left reserved once the responses are sent', () => {
    assert.equal(uploadBytesInFlight(), 0);
  });

  test('the CSRF token of a multipart form travels in the form, and a multipart post without it is refused', async () => {
    const admin = await app().signedIn({ email: 'admin3@pipeline.fr', role: 'admin' });
    const page = await admin.get('/admin/bibliotheque/import');
    assert.doesNotMatch(page.body, /_csrf=/);
    const { payload, contentType } = multipartBody({ format: 'interconnectes' });
    const res = await app().server.app.inject({
      method: 'POST',
      url: `/admin/bibliotheque/import?_csrf=${encodeURIComponent(admin.csrfToken)}`,
      headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType },
      payload,
    });
    assert.equal(res.statusCode, 403);
  });

  test('pages kept for coordinators answer 403 to everyone else, before the service is asked', async () => {
    const member = await app().signedIn({ email: 'membre@pipeline.fr' });
    const coordinatorRoutes = app()
      .server.routes.filter((r) => r.method === 'GET' && r.url.startsWith('/coordination'))
      .filter((r) => !r.url.includes(':'));
    assert.ok(coordinatorRoutes.length > 3);
    for (const route of coordinatorRoutes) {
      const res = await member.get(route.url);
      assert.equal(res.statusCode, 403, route.url);
    }
    // A route with an id: refused before looking the id up (no 404 that would tell what exists).
    assert.equal((await member.get('/coordination/campagnes/999999/resultats')).statusCode, 403);
    assert.equal((await member.get('/coordination/reponses/999999')).statusCode, 403);
  });
});
