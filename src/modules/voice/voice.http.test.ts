// Citizens' voice on a published sheet (issue 13, point 3), on both databases: posting under a pseudonym, the first
// message waiting for approval (shown to its author only), the official answer listed first and mailed to the
// thread's followers, HTML shown as text, the API listing published messages only, and a hidden message that never
// reaches a page, the API or a mailbox.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { publishedSheet } from '../../../test/helpers/sheets.ts';
import { manualClock } from '../../platform/clock.ts';
import './tables.ts';
import { contribute, freshAddress } from './test-support.ts';

const XSS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '"><svg onload=alert(3)>',
  "javascript:alert('4')",
  '<a href="javascript:alert(5)">clic</a>',
  '</textarea><script>alert(6)</script>',
];

describeEachApp(
  'voice: contributions on a published sheet',
  (app) => {
    let sheet: { id: number; path: string };
    let editor: TestAgent;
    let coordinator: TestAgent;
    let citizen: TestAgent;
    let other: TestAgent;
    let authority: number;
    const db = () => app().server.platform.db;
    const answerMails = () =>
      app()
        .outbox()
        .filter((m) => m.subject.startsWith('[Bibliothèque IA] Réponse officielle'));

    async function approve(messageId: number) {
      const res = await editor.post(`/moderation/messages/${messageId}`, { decision: 'approve', raison: '' });
      assert.equal(res.statusCode, 302, res.body.slice(0, 300));
    }
    async function lastMessageOf(email: string) {
      const users = await app().server.modules.services.accounts.findUserByEmail(email);
      return db()
        .selectFrom('voice_messages')
        .selectAll()
        .where('author_id', '=', users!.id)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
    }

    before(async () => {
      authority = await app().createOrganisation({ name: 'Ville de Parole', type: 'commune' });
      const member = await app().signedIn({
        email: 'agent@parole.fr',
        memberships: [{ organisationId: authority, role: 'member' }],
      });
      editor = await app().signedIn({
        email: 'responsable@parole.fr',
        memberships: [{ organisationId: authority, role: 'editor' }],
      });
      coordinator = await app().signedIn({ email: 'coord@parole.fr', role: 'coordinator' });
      sheet = await publishedSheet(app(), authority, member, coordinator, 'voix');
      citizen = await app().signedIn({ email: 'camille@exemple.fr' });
      other = await app().signedIn({ email: 'dominique@exemple.fr' });
    });

    test('a visitor reads the thread with a sign-in link; posting needs an account', async () => {
      const page = await app().agent().get(sheet.path);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h2 id="contributions-title">Contributions citoyennes \(0\)<\/h2>/);
      assert.match(page.body, /Connectez-vous<\/a> pour poser une question/);
      const visitor = app().agent();
      await visitor.get('/');
      const post = await contribute(visitor, sheet.id, { message: 'Bonjour à tous' });
      assert.equal(post.statusCode, 401);
    });

    test('the first message asks for a pseudonym, waits for approval and is shown to its author only, marked as waiting', async () => {
      const missing = await contribute(citizen, sheet.id, { type: 'question', message: 'Qui relit les décisions ?' });
      assert.equal(missing.statusCode, 422);
      assert.match(missing.body, /Choisissez un pseudonyme/);
      assert.match(missing.body, /Qui relit les décisions \?/, 'what the person typed is kept');

      const res = await contribute(citizen, sheet.id, {
        type: 'question',
        message: 'Qui relit les décisions ?',
        pseudonyme: 'Camille du Port',
      });
      assert.equal(res.statusCode, 302);
      assert.match(String(res.headers.location), new RegExp(`^${sheet.path}-[a-z0-9-]+#contributions$`));
      const own = await citizen.get(sheet.path);
      assert.match(own.body, /attend la validation d’un modérateur/);
      assert.match(own.body, /Vos messages en attente/);
      assert.match(own.body, /En attente de modération : vous seul·e voyez ce message/);
      for (const reader of [app().agent(), other]) {
        const page = await reader.get(sheet.path);
        assert.doesNotMatch(page.body, /Qui relit les décisions/);
      }
      const api = (await app().agent().get(`/api/v1/use-cases/${sheet.id}/contributions`)).json();
      assert.equal(api.total, 0);

      const pending = await lastMessageOf('camille@exemple.fr');
      assert.equal(pending.status, 'pending');
      await approve(Number(pending.id));
      const page = await app().agent().get(sheet.path);
      assert.match(page.body, /Qui relit les décisions \?/);
      assert.match(page.body, /<strong>Camille du Port<\/strong>/);
      assert.doesNotMatch(
        page.body,
        /camille@exemple\.fr|>camille</i,
        'only the pseudonym is public (no address, no account name)',
      );

      const second = await contribute(citizen, sheet.id, { type: 'support', message: '' });
      assert.equal(second.statusCode, 302);
      assert.equal((await lastMessageOf('camille@exemple.fr')).status, 'published', 'an approved person posts at once');
    });

    test('a pseudonym is unique whatever its case and accents', async () => {
      const res = await contribute(
        other,
        sheet.id,
        { message: 'Bonne idée', pseudonyme: 'CAMILLE DU PÔRT' },
        freshAddress(),
      );
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /Ce pseudonyme est déjà pris/);
    });

    test('only the authority’s editors answer officially; the answer is listed first, signed by the authority, and mailed to followers but not its author', async () => {
      const refused = await contribute(citizen, sheet.id, {
        type: 'official',
        message: 'Je réponds au nom de la ville',
      });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /Choisissez le type de votre contribution/);

      // Dominique follows without writing, then stops; Camille follows by having posted.
      await other.post(`/contributions/fiches/${sheet.id}/suivre`, { suivre: '1' });
      await other.post(`/contributions/fiches/${sheet.id}/suivre`, { suivre: '0' });
      const answer = await contribute(
        editor,
        sheet.id,
        { type: 'official', message: 'Un agent relit chaque décision avant envoi.', pseudonyme: 'Service numérique' },
        freshAddress(),
      );
      assert.equal(answer.statusCode, 302, answer.body.slice(0, 400));
      const page = await app().agent().get(sheet.path);
      const first = page.body.indexOf('Réponse officielle de Ville de Parole');
      assert.ok(first > 0, 'signed by the authority');
      assert.ok(first < page.body.indexOf('Qui relit les décisions'), 'listed before the older messages');
      await app().server.runJobs();
      const mails = answerMails();
      assert.deepEqual(
        mails.flatMap((m) => m.to),
        ['camille@exemple.fr'],
        'the follower only (not the editor, not who stopped following)',
      );
      assert.match(mails[0]!.text, /Un agent relit chaque décision avant envoi\./);
      assert.match(mails[0]!.text, new RegExp(`${sheet.path}-[a-z0-9-]+#contributions`));
    });

    test('HTML and scripts are shown as text, never as markup (XSS corpus)', async () => {
      const body = XSS.join('\n');
      const res = await contribute(citizen, sheet.id, { type: 'comment', message: body });
      assert.equal(res.statusCode, 302, res.body.slice(0, 300));
      const page = await app().agent().get(sheet.path);
      assert.match(page.body, /&lt;script>alert\(1\)&lt;\/script>/);
      assert.match(page.body, /&lt;img src=x onerror=alert\(2\)>/);
      for (const needle of ['<script>alert', '<img src=x', '<svg onload', 'href="javascript:', '</textarea><script>'])
        assert.ok(!page.body.includes(needle), `${needle} is not markup`);
      const api = (await app().agent().get(`/api/v1/use-cases/${sheet.id}/contributions`)).json();
      assert.equal(api.items.find((m: { kind: string }) => m.kind === 'comment').text, body, 'raw text in the API');
      // The form re-shown with an error keeps the text as text too.
      const refused = await contribute(other, sheet.id, { message: `${XSS[0]}`, pseudonyme: '' }, freshAddress());
      assert.equal(refused.statusCode, 422);
      assert.ok(!refused.body.includes('<script>alert(1)'), 'escaped in the textarea');
    });

    test('the API lists published messages only, official answers first, paginated; an unknown sheet is a 404', async () => {
      const api = (await app().agent().get(`/api/v1/use-cases/${sheet.id}/contributions`)).json();
      assert.equal(api.items[0].official, true);
      assert.equal(api.items[0].author, 'Réponse officielle de Ville de Parole');
      assert.equal(api.total, api.items.length);
      assert.equal(api.counts.support, 1);
      assert.ok(api.items.every((m: { text: string }) => !m.text.includes('en attente')));
      assert.equal((await app().agent().get('/api/v1/use-cases/999999/contributions')).statusCode, 404);
      const openapi = (await app().agent().get('/api/openapi.json')).json();
      assert.ok(openapi.paths['/api/v1/use-cases/{id}/contributions']);
      assert.ok(openapi.paths['/api/v1/initiatives/{id}/contributions']);
    });

    test('a hidden official answer is never shown nor mailed, even when its notification was already queued', async () => {
      const answer = await contribute(
        editor,
        sheet.id,
        { type: 'official', message: 'Réponse à retirer : chiffre erroné.' },
        freshAddress(),
      );
      assert.equal(answer.statusCode, 302);
      const row = await lastMessageOf('responsable@parole.fr');
      const sentBefore = answerMails().length;
      // The notification is queued with the answer; the answer is hidden before the queue runs: nothing may leave.
      const hide = await coordinator.post(`/moderation/messages/${row.id}`, {
        decision: 'hide',
        raison: 'Chiffre erroné, à corriger',
      });
      assert.equal(hide.statusCode, 302);
      await app().server.runJobs();
      const after = answerMails();
      assert.equal(after.length, sentBefore, 'no answer mail');
      assert.ok(after.every((m) => !m.text.includes('Réponse à retirer')));
      const hiddenMail = app()
        .outbox()
        .find((m) => m.subject === '[Bibliothèque IA] Votre contribution a été masquée');
      assert.deepEqual(hiddenMail?.to, ['responsable@parole.fr'], 'the author is told why');
      assert.match(hiddenMail!.text, /Raison : Chiffre erroné, à corriger/);
      for (const reader of [app().agent(), citizen]) {
        const page = await reader.get(sheet.path);
        assert.doesNotMatch(page.body, /Réponse à retirer/);
      }
      const api = (await app().agent().get(`/api/v1/use-cases/${sheet.id}/contributions`)).json();
      assert.ok(api.items.every((m: { text: string }) => !m.text.includes('Réponse à retirer')));
      const own = await editor.get(sheet.path);
      assert.match(own.body, /Masqué par la modération : vous seul·e le voyez/);
    });

    test('a long thread is paginated on the sheet page (?contributions=2)', async () => {
      const authorId = (await app().server.modules.services.accounts.findUserByEmail('camille@exemple.fr'))!.id;
      const at = app().clock.iso();
      await db()
        .insertInto('voice_messages')
        .values(
          Array.from({ length: 45 }, (_, i) => ({
            target_kind: 'use_case',
            target_id: sheet.id,
            organisation_id: authority,
            author_id: authorId,
            kind: 'comment',
            body: `Commentaire numéro ${i + 1}`,
            status: 'published',
            created_at: at,
          })),
        )
        .execute();
      const first = await app().agent().get(sheet.path);
      assert.match(first.body, /Commentaire numéro 45</);
      assert.doesNotMatch(first.body, /Commentaire numéro 1</);
      assert.match(first.body, /href="[^"]*\?contributions=2#contributions"/);
      const third = await app().agent().get(`${sheet.path}?contributions=3`);
      assert.match(third.body, /Commentaire numéro 1</);
    });
  },
  {},
  { clock: () => manualClock('2026-03-02T09:00:00Z') },
);
