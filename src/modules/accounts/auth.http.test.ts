import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp, linkIn, type TestApp } from '../../../test/helpers/app.ts';
import { hashToken } from '../../platform/auth/tokens.ts';
import { type ManualClock, manualClock } from '../../platform/clock.ts';
import type { AccountsApi } from './index.ts';
import { inputValue, newAgent, signedInAgent, tokenOf } from './test-support.ts';

const PASSWORD = 'une phrase de passe assez longue';

const mailTo = (app: TestApp, email: string) => app.outbox().filter((m) => m.to.includes(email));
/** The mail to `email` once the queued jobs ran (one-time links are mailed by a job). */
const sentTo = async (app: TestApp, email: string) => {
  await app.server.runJobs();
  return mailTo(app, email);
};

/** The page body without what legitimately differs between two responses (CSRF token). */
const comparable = (html: string) =>
  html.replace(/name="csrf-token" content="[^"]*"/, '').replace(/name="_csrf" value="[^"]*"/g, '');

/** Each database's app gets its own clock, starting now; tests move it instead of writing expiry dates. */
const clock = { clock: () => manualClock(new Date()) };

const accountsOf = (app: TestApp) => app.server.modules.api('accounts') as AccountsApi;

/** Minutes until the one-time link `token` expires, read from its stored (hashed) row. */
async function minutesLeft(app: TestApp<ManualClock>, token: string): Promise<number> {
  const row = await app.server.platform.db
    .selectFrom('auth_tokens')
    .selectAll()
    .where('id', '=', hashToken(token))
    .executeTakeFirstOrThrow();
  return (new Date(row.expires_at).getTime() - app.clock.millis()) / 60_000;
}

async function userRow(app: TestApp, email: string) {
  return app.server.platform.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

describeEachApp<ManualClock>(
  'Accounts: sign-up, confirmation, sign-in and sign-out',
  (app) => {
    test('ten failed sign-ins on one account, from ten network addresses, hold it for 15 minutes; unknown addresses alike', async () => {
      const user = await app().createUser({ email: 'cible.devinette@mairie-exemple.fr', password: PASSWORD });
      for (const email of [user.email, 'inconnue.devinette@mairie-exemple.fr']) {
        for (let i = 0; i < 10; i++) {
          const wrong = await newAgent(app()).post('/connexion', { email, password: `essai numéro ${i} faux` });
          assert.equal(wrong.statusCode, 422, `essai ${i}`);
        }
        const held = await newAgent(app()).post('/connexion', { email, password: PASSWORD });
        assert.equal(held.statusCode, 429, email);
        assert.match(held.body, /Trop de tentatives de connexion à ce compte : réessayez dans 15 minutes/);
      }
      // Another account is not held.
      const other = await app().createUser({ email: 'voisine.devinette@mairie-exemple.fr', password: PASSWORD });
      assert.equal(
        (await newAgent(app()).post('/connexion', { email: other.email, password: PASSWORD })).statusCode,
        303,
      );
      app().clock.advance({ minutes: 15, seconds: 1 });
      assert.equal(
        (await newAgent(app()).post('/connexion', { email: user.email, password: PASSWORD })).statusCode,
        303,
      );
    });

    test('the sign-up form has labels, hints and autocomplete attributes, and works without JavaScript', async () => {
      const res = await newAgent(app()).get('/inscription');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<h1>Créer un compte<\/h1>/);
      assert.match(res.body, /<form method="post" action="\/inscription"/);
      assert.match(res.body, /<label for="champ-name">Nom et prénom/);
      assert.match(res.body, /<input id="champ-name" name="name"[^>]*autocomplete="name"/);
      assert.match(res.body, /<input id="champ-email" name="email" type="email"[^>]*autocomplete="email"/);
      assert.match(
        res.body,
        /<input id="champ-password" name="password" type="password"[^>]*autocomplete="new-password"/,
      );
      assert.match(res.body, /aria-describedby="champ-password-hint"/);
      assert.match(res.body, /name="_csrf"/);
    });

    test('an invalid sign-up is shown again with an error summary linked to each field, keeping what was typed', async () => {
      const res = await newAgent(app()).post('/inscription', {
        name: 'Awa Diallo',
        email: 'pas-une-adresse',
        password: 'court',
      });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /class="error-summary"/);
      assert.match(res.body, /<a href="#champ-email">Saisissez une adresse électronique valide/);
      assert.match(res.body, /<a href="#champ-password">Le mot de passe doit compter au moins 12 caractères/);
      assert.match(res.body, /value="Awa Diallo"/);
      assert.match(res.body, /value="pas-une-adresse"/);
      assert.doesNotMatch(res.body, /value="court"/, 'the password is never sent back');
      assert.match(res.body, /aria-invalid="true"/);
    });

    test('sign-up mails a one-time confirmation link (only its hash is stored, valid 48 h); confirming activates the account', async () => {
      const agent = newAgent(app());
      const email = 'awa.diallo@mairie-exemple.fr';
      const res = await agent.post('/inscription', {
        name: 'Awa Diallo',
        email: 'Awa.Diallo@Mairie-Exemple.fr',
        password: PASSWORD,
      });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Vérifiez votre messagerie/);
      assert.match(res.body, new RegExp(email));

      const [mail] = mailTo(app(), email);
      assert.ok(mail, 'a confirmation mail was sent');
      assert.equal(mail.subject, 'Confirmez votre adresse électronique');
      const path = linkIn(mail, '/inscription/confirmer');
      const token = tokenOf(path);

      const user = await userRow(app(), email);
      assert.ok(user);
      assert.equal(user.email_confirmed_at, null);
      assert.equal(user.name, 'Awa Diallo');
      assert.match(user.password_hash ?? '', /^scrypt\$/);
      const stored = await app()
        .server.platform.db.selectFrom('auth_tokens')
        .selectAll()
        .where('user_id', '=', user.id)
        .execute();
      assert.equal(stored.length, 1);
      assert.equal(stored[0]!.id, hashToken(token), 'the token is stored hashed');
      assert.notEqual(stored[0]!.id, token);
      assert.equal(stored[0]!.purpose, 'confirm');
      const hours = (new Date(stored[0]!.expires_at).getTime() - app().clock.millis()) / 3600_000;
      assert.equal(hours, 48, 'expires in 48 h');

      // Opening the link does not use it (mail scanners open links); the button does.
      const page = await agent.get(path);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Confirmer mon adresse/);
      assert.equal((await agent.get(path)).statusCode, 200);
      const confirmed = await agent.post('/inscription/confirmer', { jeton: token });
      assert.equal(confirmed.statusCode, 303);
      assert.equal(confirmed.headers.location, '/connexion');
      const signIn = await agent.get('/connexion');
      assert.match(signIn.body, /Votre adresse électronique est confirmée/);
      assert.ok((await userRow(app(), email))?.email_confirmed_at);

      // The link is single use.
      const again = await agent.post('/inscription/confirmer', { jeton: token });
      assert.equal(again.statusCode, 410);
      assert.match(again.body, /Ce lien n’est plus valable/);
      assert.equal((await agent.get(path)).statusCode, 410);

      // And the account now signs in.
      const login = await agent.post('/connexion', { email, password: PASSWORD });
      assert.equal(login.statusCode, 303);
      assert.equal(login.headers.location, '/mon-espace');
      const account = await agent.get('/compte');
      assert.equal(account.statusCode, 200);
      assert.match(account.body, /Awa Diallo/);
    });

    test('an expired confirmation link is refused with a way to get a new one', async () => {
      const agent = newAgent(app());
      const email = 'expire@mairie-exemple.fr';
      await agent.post('/inscription', { name: 'Lien Expiré', email, password: PASSWORD });
      const path = linkIn(mailTo(app(), email)[0], '/inscription/confirmer');
      assert.equal((await agent.get(path)).statusCode, 200, 'valid for 48 h');
      app().clock.advance({ hours: 48, seconds: 1 });
      const page = await agent.get(path);
      assert.equal(page.statusCode, 410);
      assert.match(page.body, /href="\/inscription\/renvoyer"/);
      const post = await agent.post('/inscription/confirmer', { jeton: tokenOf(path) });
      assert.equal(post.statusCode, 410);
    });

    test('signing in before confirming says so clearly (only with the right password) and offers a new link', async () => {
      const agent = newAgent(app());
      const email = 'pas.confirme@mairie-exemple.fr';
      await agent.post('/inscription', { name: 'Pas Confirmé', email, password: PASSWORD });
      assert.equal(mailTo(app(), email).length, 1);

      const wrong = await agent.post('/connexion', { email, password: 'mauvais mot de passe' });
      assert.equal(wrong.statusCode, 422);
      assert.match(wrong.body, /Adresse électronique ou mot de passe incorrect/);
      assert.doesNotMatch(wrong.body, /pas encore confirmée/, 'nothing is revealed without the right password');

      const res = await agent.post('/connexion', { email, password: PASSWORD });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /pas encore confirmée/);
      assert.match(res.body, /<form method="post" action="\/inscription\/renvoyer"/);
      assert.equal(inputValue(res.body, 'email'), email);
      assert.equal(
        res.cookies.find((c) => c.name === 'bia_session'),
        undefined,
        'no session is opened',
      );

      const resent = await agent.post('/inscription/renvoyer', { email });
      assert.equal(resent.statusCode, 200);
      assert.match(resent.body, /Vérifiez votre messagerie/);
      const mails = mailTo(app(), email);
      assert.equal(mails.length, 2);
      // The new link works.
      const token = tokenOf(linkIn(mails[0], '/inscription/confirmer'));
      assert.equal((await agent.post('/inscription/confirmer', { jeton: token })).statusCode, 303);
      assert.equal((await agent.post('/connexion', { email, password: PASSWORD })).statusCode, 303);
    });

    test('signing up with an address already in use shows the same page and tells the owner by mail (no enumeration)', async () => {
      const owner = await app().createUser({
        email: 'deja.inscrite@mairie-exemple.fr',
        password: 'le mot de passe original',
      });
      const fresh = await newAgent(app()).post('/inscription', {
        name: 'Quelqu’un',
        email: 'nouvelle.personne@mairie-exemple.fr',
        password: PASSWORD,
      });
      const taken = await newAgent(app()).post('/inscription', {
        name: 'Quelqu’un',
        email: owner.email,
        password: PASSWORD,
      });
      assert.equal(taken.statusCode, fresh.statusCode);
      assert.equal(
        comparable(taken.body).replace(owner.email, 'X'),
        comparable(fresh.body).replace('nouvelle.personne@mairie-exemple.fr', 'X'),
        'both pages are identical but for the address typed',
      );
      const [mail] = mailTo(app(), owner.email);
      assert.ok(mail);
      assert.equal(mail.subject, 'Tentative de création de compte avec votre adresse');
      assert.match(mail.text, /\/mot-de-passe-oublie/);
      // Nothing changed for the owner: the original password still works, no second account.
      const count = await app()
        .server.platform.db.selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('email', '=', owner.email)
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 1);
      const login = await newAgent(app()).post('/connexion', {
        email: owner.email,
        password: 'le mot de passe original',
      });
      assert.equal(login.statusCode, 303);
    });

    test('an unknown address and a wrong password get exactly the same answer', async () => {
      const user = await app().createUser({ email: 'connue@mairie-exemple.fr' });
      const a = await newAgent(app()).post('/connexion', { email: user.email, password: 'pas le bon mot de passe' });
      const b = await newAgent(app()).post('/connexion', {
        email: 'inconnue@mairie-exemple.fr',
        password: 'pas le bon mot de passe',
      });
      assert.equal(a.statusCode, 422);
      assert.equal(b.statusCode, 422);
      assert.equal(
        comparable(a.body).replace(user.email, 'X'),
        comparable(b.body).replace('inconnue@mairie-exemple.fr', 'X'),
      );
      assert.match(a.body, /<a href="#champ-email">Adresse électronique ou mot de passe incorrect/);
    });

    test('signing in rotates the session: a session cookie held before is no longer valid afterwards', async () => {
      const first = await app().createUser({ email: 'avant@mairie-exemple.fr' });
      const second = await app().createUser({ email: 'apres@mairie-exemple.fr' });
      const agent = newAgent(app());
      await agent.signInAs(first.email);
      const before = agent.cookies.get('bia_session')!;
      assert.ok(before);
      const res = await agent.post('/connexion', { email: second.email, password: second.password });
      assert.equal(res.statusCode, 303);
      const after = agent.cookies.get('bia_session')!;
      assert.ok(after);
      assert.notEqual(after, before);
      assert.equal(await app().server.platform.sessions.userIdFor(before), null, 'the old session was destroyed');
      assert.equal(await app().server.platform.sessions.userIdFor(after), second.id);
      const cookie = res.cookies.find((c) => c.name === 'bia_session')!;
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
    });

    test('“retour” sends back to a page of this site only', async () => {
      const user = await app().createUser({ email: 'retour@mairie-exemple.fr' });
      const page = await newAgent(app()).get('/connexion?retour=%2Fbibliotheque%3Fq%3Deau');
      assert.equal(inputValue(page.body, 'retour'), '/bibliotheque?q=eau');
      const cases: [string, string][] = [
        ['/bibliotheque?q=eau', '/bibliotheque?q=eau'],
        ['//evil.example/x', '/mon-espace'],
        ['https://evil.example/', '/mon-espace'],
        ['/\\evil.example', '/mon-espace'],
        ['javascript:alert(1)', '/mon-espace'],
      ];
      for (const [retour, expected] of cases) {
        const res = await newAgent(app()).post('/connexion', { email: user.email, password: user.password, retour });
        assert.equal(res.statusCode, 303, retour);
        assert.equal(res.headers.location, expected, retour);
      }
      // A protected page sends visitors to sign in with the way back.
      const protectedPage = await newAgent(app()).get('/compte');
      assert.equal(protectedPage.statusCode, 302);
      assert.equal(protectedPage.headers.location, '/connexion?retour=%2Fcompte');
    });

    test('sign-out closes the session (POST only, with CSRF)', async () => {
      const { agent } = await signedInAgent(app(), { email: 'sortie@mairie-exemple.fr' });
      const token = agent.cookies.get('bia_session')!;
      assert.equal((await agent.get('/compte')).statusCode, 200);
      const res = await agent.post('/deconnexion');
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/');
      assert.equal(await app().server.platform.sessions.userIdFor(token), null);
      const home = await agent.get('/');
      assert.match(home.body, /Vous êtes déconnecté/);
      assert.match(home.body, /href="\/connexion">Se connecter</);
      assert.equal((await agent.get('/compte')).statusCode, 302);
    });

    test('a disabled account cannot sign in, and is told why once the password is right', async () => {
      const user = await app().createUser({ email: 'desactive@mairie-exemple.fr' });
      const { agent: admin } = await signedInAgent(app(), {
        email: 'admin.desactive@mairie-exemple.fr',
        role: 'admin',
      });
      assert.equal((await admin.post(`/admin/utilisateurs/${user.id}/desactiver`)).statusCode, 303);
      const res = await newAgent(app()).post('/connexion', { email: user.email, password: user.password });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /Ce compte a été désactivé/);
    });
  },
  {},
  clock,
);

describeEachApp<ManualClock>(
  'Accounts: forgotten password and one-time sign-in links',
  (app) => {
    test('asking for a link does the same work for a known and an unknown address: one queued job, no link and no mail before it runs', async () => {
      const user = await app().createUser({ email: 'meme.travail@mairie-exemple.fr' });
      const db = app().server.platform.db;
      const count = async (table: 'jobs' | 'auth_tokens') =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      for (const path of ['/mot-de-passe-oublie', '/connexion/lien']) {
        await app().server.runJobs();
        const work: { jobs: number; links: number; mails: number; types: string[] }[] = [];
        for (const email of [user.email, 'absent.du.registre@mairie-exemple.fr']) {
          const [jobs, links, mails] = [await count('jobs'), await count('auth_tokens'), app().outbox().length];
          const res = await newAgent(app()).post(path, { email });
          assert.equal(res.statusCode, 200);
          const queued = await db.selectFrom('jobs').select('type').where('status', '=', 'pending').execute();
          work.push({
            jobs: (await count('jobs')) - jobs,
            links: (await count('auth_tokens')) - links,
            mails: app().outbox().length - mails,
            types: queued.map((j) => j.type),
          });
          await app().server.runJobs();
        }
        assert.deepEqual(work[0], { jobs: 1, links: 0, mails: 0, types: ['accounts.send_link'] }, path);
        assert.deepEqual(work[1], work[0], `${path} : même travail pour une adresse inconnue`);
      }
      assert.equal((await sentTo(app(), user.email)).length, 2, 'the known address got both messages');
      assert.equal((await sentTo(app(), 'absent.du.registre@mairie-exemple.fr')).length, 0);
      const payloads = await db.selectFrom('jobs').select('payload').where('type', '=', 'accounts.send_link').execute();
      assert.ok(
        payloads.every((j) => !j.payload.includes('@')),
        'a finished job keeps no address',
      );
    });

    test('asking for a reset gives the same page whether or not the address has an account; only owners get mail', async () => {
      const user = await app().createUser({ email: 'oubli@mairie-exemple.fr' });
      const known = await newAgent(app()).post('/mot-de-passe-oublie', { email: user.email });
      const unknown = await newAgent(app()).post('/mot-de-passe-oublie', { email: 'personne@mairie-exemple.fr' });
      assert.equal(known.statusCode, 200);
      assert.equal(unknown.statusCode, 200);
      assert.equal(
        comparable(known.body).replace(user.email, 'X'),
        comparable(unknown.body).replace('personne@mairie-exemple.fr', 'X'),
      );
      assert.equal((await sentTo(app(), user.email)).length, 1);
      assert.equal((await sentTo(app(), 'personne@mairie-exemple.fr')).length, 0);
      const bad = await newAgent(app()).post('/mot-de-passe-oublie', { email: 'n’importe quoi' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /Saisissez une adresse électronique valide/);
    });

    test('a reset link sets a new password once (1 h), and closes every session of the account', async () => {
      const user = await app().createUser({ email: 'reinit@mairie-exemple.fr', password: 'ancien mot de passe 123' });
      const elsewhere = newAgent(app());
      await elsewhere.signInAs(user.email);
      assert.equal((await elsewhere.get('/compte')).statusCode, 200);

      const agent = newAgent(app());
      await agent.post('/mot-de-passe-oublie', { email: user.email });
      const path = linkIn((await sentTo(app(), user.email))[0], '/mot-de-passe/nouveau');
      const token = tokenOf(path);
      assert.equal(await minutesLeft(app(), token), 60, 'valid 1 h');

      const form = await agent.get(path);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /autocomplete="new-password"/);
      assert.equal(inputValue(form.body, 'jeton'), token);

      // A bad password is refused without using the link.
      const short = await agent.post('/mot-de-passe/nouveau', { jeton: token, password: 'trop court' });
      assert.equal(short.statusCode, 422);
      assert.match(short.body, /au moins 12 caractères/);
      assert.equal(inputValue(short.body, 'jeton'), token);

      const done = await agent.post('/mot-de-passe/nouveau', { jeton: token, password: 'nouveau mot de passe 456' });
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, '/connexion');
      assert.equal((await elsewhere.get('/compte')).statusCode, 302, 'the other session was closed');

      assert.equal(
        (await newAgent(app()).post('/connexion', { email: user.email, password: 'ancien mot de passe 123' }))
          .statusCode,
        422,
      );
      assert.equal(
        (await newAgent(app()).post('/connexion', { email: user.email, password: 'nouveau mot de passe 456' }))
          .statusCode,
        303,
      );

      const reuse = await agent.post('/mot-de-passe/nouveau', {
        jeton: token,
        password: 'encore un autre mot de passe',
      });
      assert.equal(reuse.statusCode, 410);
      assert.match(reuse.body, /href="\/mot-de-passe-oublie"/);
    });

    test('an expired reset link is refused', async () => {
      const user = await app().createUser({ email: 'reinit.expire@mairie-exemple.fr' });
      await newAgent(app()).post('/mot-de-passe-oublie', { email: user.email });
      const token = tokenOf(linkIn((await sentTo(app(), user.email))[0], '/mot-de-passe/nouveau'));
      app().clock.advance({ hours: 1, seconds: 1 });
      const res = await newAgent(app()).post('/mot-de-passe/nouveau', {
        jeton: token,
        password: 'nouveau mot de passe 456',
      });
      assert.equal(res.statusCode, 410);
    });

    test('a magic link signs in once, within 15 minutes, and keeps “retour”', async () => {
      const user = await app().createUser({ email: 'magique@mairie-exemple.fr' });
      const agent = newAgent(app());
      const form = await agent.get('/connexion/lien?retour=%2Fbibliotheque');
      assert.match(form.body, /Recevoir un lien de connexion/);
      assert.equal(inputValue(form.body, 'retour'), '/bibliotheque');
      const res = await agent.post('/connexion/lien', { email: user.email, retour: '/bibliotheque' });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Vérifiez votre messagerie/);

      const [mail] = await sentTo(app(), user.email);
      assert.equal(mail!.subject, 'Votre lien de connexion');
      const path = linkIn(mail, '/connexion/lien/utiliser');
      const token = tokenOf(path);
      assert.equal(await minutesLeft(app(), token), 15, 'valid 15 min');

      const page = await agent.get(path);
      assert.equal(page.statusCode, 200);
      assert.equal(inputValue(page.body, 'retour'), '/bibliotheque');
      const used = await agent.post('/connexion/lien/utiliser', { jeton: token, retour: '/bibliotheque' });
      assert.equal(used.statusCode, 303);
      assert.equal(used.headers.location, '/bibliotheque');
      assert.equal((await agent.get('/compte')).statusCode, 200);

      const again = await newAgent(app()).post('/connexion/lien/utiliser', { jeton: token });
      assert.equal(again.statusCode, 410);
      assert.equal((await newAgent(app()).get(path)).statusCode, 410);
    });

    test('a magic link is refused once its 15 minutes are over', async () => {
      const user = await app().createUser({ email: 'magique.perime@mairie-exemple.fr' });
      await newAgent(app()).post('/connexion/lien', { email: user.email });
      const path = linkIn((await sentTo(app(), user.email))[0], '/connexion/lien/utiliser');
      app().clock.advance({ minutes: 15, seconds: 1 });
      assert.equal((await newAgent(app()).get(path)).statusCode, 410);
      assert.equal((await newAgent(app()).post('/connexion/lien/utiliser', { jeton: tokenOf(path) })).statusCode, 410);
    });

    test('asking for a magic link for an unknown address looks the same and sends nothing', async () => {
      const user = await app().createUser({ email: 'lien.connu@mairie-exemple.fr' });
      const known = await newAgent(app()).post('/connexion/lien', { email: user.email });
      const unknown = await newAgent(app()).post('/connexion/lien', { email: 'lien.inconnu@mairie-exemple.fr' });
      assert.equal(known.statusCode, unknown.statusCode);
      assert.equal(
        comparable(known.body).replace(user.email, 'X'),
        comparable(unknown.body).replace('lien.inconnu@mairie-exemple.fr', 'X'),
      );
      assert.equal((await sentTo(app(), 'lien.inconnu@mairie-exemple.fr')).length, 0);
    });

    test('a magic link also confirms an address that was not confirmed yet', async () => {
      const agent = newAgent(app());
      const email = 'confirme.par.lien@mairie-exemple.fr';
      await agent.post('/inscription', { name: 'Par Lien', email, password: PASSWORD });
      await agent.post('/connexion/lien', { email });
      const token = tokenOf(linkIn((await sentTo(app(), email))[0], '/connexion/lien/utiliser'));
      assert.equal((await agent.post('/connexion/lien/utiliser', { jeton: token })).statusCode, 303);
      assert.ok((await userRow(app(), email))?.email_confirmed_at);
    });
  },
  {},
  clock,
);

describeEachApp('Accounts: rate limits', (app) => {
  for (const [path, form] of [
    ['/connexion', { email: 'essai@mairie-exemple.fr', password: 'pas le bon mot de passe' }],
    ['/inscription', { name: 'Essai', email: 'essai@mairie-exemple.fr', password: 'court' }],
    ['/mot-de-passe-oublie', { email: 'essai@mairie-exemple.fr' }],
    ['/connexion/lien', { email: 'essai@mairie-exemple.fr' }],
  ] as const) {
    test(`${path}: the 11th attempt within a minute from one address gets a French 429 page`, async () => {
      const agent = newAgent(app());
      for (let i = 1; i <= 10; i++) {
        const res = await agent.post(path, form);
        assert.notEqual(res.statusCode, 429, `attempt ${i}`);
      }
      const blocked = await agent.post(path, form);
      assert.equal(blocked.statusCode, 429);
      assert.match(blocked.body, /<h1>Trop de tentatives<\/h1>/);
      assert.match(blocked.body, /Réessayez dans \d+ secondes/);
      // Another network address is not affected (another account: ten failures also hold the one tried).
      const other = await newAgent(app()).post(path, { ...form, email: 'autre.essai@mairie-exemple.fr' });
      assert.notEqual(other.statusCode, 429);
    });
  }
});

describeEachApp('Accounts: user:create from the command line', (app) => {
  test('creates an account with a role and returns a one-time sign-in link', async () => {
    const accounts = accountsOf(app());
    const { link, user, created } = await accounts.createFromCli({
      email: ' Admin@Reseau.fr ',
      role: 'admin',
      name: 'Admin Réseau',
    });
    assert.equal(created, true);
    assert.equal(user.email, 'admin@reseau.fr');
    assert.equal(user.role, 'admin');
    assert.match(link, /^http:\/\/localhost:3000\/connexion\/lien\/utiliser\?jeton=/);
    const path = new URL(link).pathname + new URL(link).search;
    const agent = newAgent(app());
    assert.equal((await agent.get(path)).statusCode, 200);
    assert.equal((await agent.post('/connexion/lien/utiliser', { jeton: tokenOf(path) })).statusCode, 303);
    assert.equal((await agent.get('/admin')).statusCode, 200);
    assert.equal((await newAgent(app()).post('/connexion/lien/utiliser', { jeton: tokenOf(path) })).statusCode, 410);

    const log = await app().server.platform.audit.list({ limit: 10, offset: 0, subjectType: 'user' });
    assert.ok(
      log.rows.some((r) => r.action === 'user.created' && r.subjectId === String(user.id) && r.details.via === 'cli'),
    );
  });

  test('changes the role of an existing account', async () => {
    const existing = await app().createUser({ email: 'coordination@reseau.fr' });
    const accounts = accountsOf(app());
    const { user, created } = await accounts.createFromCli({ email: existing.email, role: 'coordinator' });
    assert.equal(created, false);
    assert.equal(user.id, existing.id);
    assert.equal((await userRow(app(), existing.email))?.role, 'coordinator');
  });

  test('refuses a bad address or role with a clear French message', async () => {
    const accounts = accountsOf(app());
    await assert.rejects(
      accounts.createFromCli({ email: 'pas-une-adresse', role: 'admin' }),
      /adresse électronique valide/,
    );
    await assert.rejects(
      accounts.createFromCli({ email: 'ok@reseau.fr', role: 'superadmin' }),
      /Rôle inconnu « superadmin »/,
    );
    await assert.rejects(accounts.createFromCli({ role: 'admin' }), /--email est obligatoire/);
    await assert.rejects(accounts.createFromCli({ email: 'ok@reseau.fr' }), /--role est obligatoire/);
    assert.equal(await userRow(app(), 'ok@reseau.fr'), undefined);
  });
});
