// Every cookie is `Secure` when the site is served over https (issue 8, finding 14), the respondent cookie of a
// public answer link included, whatever the protocol seen by the process behind its reverse proxy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../helpers/app.ts';

describeEachApp(
  'cookies over https',
  (app) => {
    test('every cookie set, the respondent cookie of a public answer link included, is Secure', async () => {
      const visitor = app().agent();
      const answers = [
        await visitor.get('/connexion'),
        await visitor.get('/recensements/public/un-lien-public-invente'),
        await visitor.post('/connexion', { email: 'personne@exemple.fr', password: 'une phrase de passe' }),
      ];
      const cookies = answers.flatMap((res) => [res.headers['set-cookie'] ?? []].flat());
      assert.ok(cookies.some((c) => c.startsWith('bia_csrf=')));
      assert.ok(
        cookies.some((c) => /path=\/recensements\/public\//i.test(c)),
        'the public link sets its respondent cookie',
      );
      for (const cookie of cookies) assert.match(cookie, /;\s*Secure/i, cookie.split(';')[0]);
      // Each cookie once per response (the guard rewrites the headers, it does not add copies).
      for (const res of answers) {
        const names = [res.headers['set-cookie'] ?? []].flat().map((c) => c.split('=')[0]);
        assert.equal(new Set(names).size, names.length, names.join(', '));
      }
    });
  },
  { BASE_URL: 'https://bibliotheque.example.fr' },
);
