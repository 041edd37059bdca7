import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { describeEachApp, linkIn, type TestApp } from '../../../test/helpers/app.ts';
import { factoriesOf } from '../../../test/helpers/factories.ts';
import type { OrganisationsApi } from './index.ts';

const service = (app: TestApp) => app.server.modules.api('organisations') as OrganisationsApi;

async function idOf(app: TestApp, code: string): Promise<number> {
  const org = await service(app).findByCode(code);
  assert.ok(org, `${code} loaded`);
  return org.id;
}

/** Audit entries about memberships, newest first. */
async function membershipAudit(app: TestApp) {
  const { rows } = await app.server.platform.audit.list({ limit: 50, offset: 0, subjectType: 'membership' });
  return rows;
}

/** The membership of a person created by the test factories (by email), read from this module's table. */
async function membershipRow(app: TestApp, email: string, organisationId: number) {
  const userId = await factoriesOf(app.server).userIdOf(email);
  return app.server.platform.db
    .selectFrom('memberships')
    .select(['id', 'status', 'role', 'message'])
    .where('user_id', '=', userId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
}

describeEachApp('organisations: pages, picker API, join requests, other bodies', (app) => {
  let lyonMetropole: number;
  let rennes: number;
  let brest: number;
  let quimper: number;

  before(async () => {
    // What `seed` (and every start) does: load the geographic code once, then only when its version changes.
    assert.equal(await service(app()).ensureGeography(), true, 'loaded into an empty database');
    assert.equal(await service(app()).ensureGeography(), false, 'not reloaded at the next start');
    lyonMetropole = await idOf(app(), 'epci:200046977');
    rennes = await idOf(app(), 'commune:35238');
    brest = await idOf(app(), 'commune:29019');
    quimper = await idOf(app(), 'commune:29232');
  });

  describe('list and search', () => {
    test('lists authorities, largest first, with filters and the picker enhanced by a script', async () => {
      const res = await app().agent().get('/collectivites');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<h1>Collectivités et organismes<\/h1>/);
      assert.match(res.body, /3[0-9]\s[0-9]{3} résultats — page 1 sur/);
      assert.match(res.body, /<th scope="row"><a href="\/collectivites\/\d+">Île-de-France<\/a><\/th>/);
      assert.match(res.body, /<script type="module" src="\/assets\/organisation-picker(-[0-9a-f]+)?\.js"/);
      assert.match(res.body, /data-organisation-picker/);
      assert.match(res.body, /<label for="filtre-type">Type<\/label>/);
      assert.match(res.body, /rel="next"/);
    });

    test('finds « st etienne » without JavaScript, Saint-Étienne first', async () => {
      const res = await app().agent().get('/collectivites?q=st+etienne');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<title>Recherche « st etienne » — Collectivités/);
      const first = /<th scope="row"><a href="\/collectivites\/\d+">([^<]+)<\/a>/.exec(res.body);
      assert.equal(first?.[1], 'Saint-Étienne');
      assert.match(res.body, /value="st etienne"/, 'the query stays in the field');
    });

    test('filters by type and département, and says when nothing matches', async () => {
      const metropoles = await app().agent().get('/collectivites?type=metropole');
      assert.match(metropoles.body, /2[0-9] résultats/);
      assert.match(metropoles.body, /Métropole de Lyon/);
      assert.doesNotMatch(metropoles.body, />Paris<\/a>/);
      const finistere = await app().agent().get('/collectivites?type=commune&departement=29&tri=nom');
      assert.match(finistere.body, /<option value="29" selected>29 — Finistère<\/option>/);
      assert.match(finistere.body, /Argol/);
      const none = await app().agent().get('/collectivites?q=zzzzqqq');
      assert.match(none.body, /Aucun résultat/);
      assert.match(none.body, /Aucune collectivité ne correspond à « zzzzqqq »/);
    });

    test('shows an authority page with its identity and official source', async () => {
      const res = await app().agent().get(`/collectivites/${lyonMetropole}`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<title>Métropole de Lyon \(métropole\) — /);
      assert.match(res.body, /200 046 977/);
      assert.match(res.body, /<a href="\/collectivites\?departement=69">Rhône \(69\)<\/a>/);
      assert.match(res.body, /code officiel géographique/);
      assert.match(res.body, /Connectez-vous pour demander à la rejoindre/);
      assert.match(res.body, /aria-label="Fil d&#39;Ariane"|aria-label="Fil d'Ariane"/);
    });

    test('answers 404 in French for an unknown authority', async () => {
      const agent = app().agent();
      for (const url of ['/collectivites/99999999', '/collectivites/abc', '/collectivites/0']) {
        const res = await agent.get(url);
        assert.equal(res.statusCode, 404, url);
        assert.match(res.body, /introuvable|n'existe pas|n&#39;existe pas/, url);
      }
    });
  });

  describe('JSON API for the picker', () => {
    test('finds by postcode, with a display context', async () => {
      const res = await app().agent().get('/api/v1/organisations?q=69003&perPage=3');
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.equal(body.data[0].name, 'Lyon');
      assert.equal(body.data[0].code, 'commune:69123');
      assert.equal(body.data[0].context, 'Commune · Rhône (69)');
      assert.equal(body.data[0].url, `/collectivites/${body.data[0].id}`);
      assert.equal(body.perPage, 3);
      assert.ok(body.total >= 1);
    });

    test('finds by SIRET (reduced to its SIREN) and by name, with accents folded', async () => {
      const bySiret = (await app().agent().get('/api/v1/organisations?q=200%20046%20977%2000019')).json();
      assert.deepEqual(
        bySiret.data.map((o: any) => o.name),
        ['Métropole de Lyon'],
      );
      const byName = (await app().agent().get('/api/v1/organisations?q=ST%20ETIENNE&perPage=2')).json();
      assert.equal(byName.data[0].name, 'Saint-Étienne');
    });

    test('gets one organisation by id or by stable code', async () => {
      const byCode = await app().agent().get('/api/v1/organisations/commune:75056');
      assert.equal(byCode.statusCode, 200);
      assert.equal(byCode.json().name, 'Paris');
      assert.ok(byCode.json().population > 2_000_000);
      const byId = await app().agent().get(`/api/v1/organisations/${byCode.json().id}`);
      assert.equal(byId.json().code, 'commune:75056');
      const missing = await app().agent().get('/api/v1/organisations/commune:00000');
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().error.code, 'not_found');
    });

    test('refuses bad parameters with structured JSON errors', async () => {
      const badType = await app().agent().get('/api/v1/organisations?type=ville');
      assert.equal(badType.statusCode, 400);
      assert.equal(badType.json().error.code, 'invalid_request');
      assert.ok(badType.json().error.fields.type);
      const tooMany = await app().agent().get('/api/v1/organisations?perPage=1000');
      assert.equal(tooMany.statusCode, 400);
      assert.ok(tooMany.json().error.fields.perPage);
    });
  });

  describe('joining an authority', () => {
    test('an agent asks to join; the editor is mailed, accepts; the agent is mailed and becomes a member', async () => {
      const editor = await app().signedIn({
        email: 'editrice.rennes@exemple.fr',
        memberships: [{ organisationId: rennes, role: 'editor' }],
      });
      const agent = await app().signedIn({ email: 'agent.rennes@exemple.fr' });

      const page = await agent.get(`/collectivites/${rennes}`);
      assert.match(page.body, new RegExp(`href="/collectivites/${rennes}/rejoindre"`));
      const form = await agent.get(`/collectivites/${rennes}/rejoindre`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /<h1>Rejoindre Rennes<\/h1>/);
      assert.match(form.body, /<label for="champ-message">Message pour la personne qui validera la demande/);

      const sent = await agent.post(`/collectivites/${rennes}/rejoindre`, { message: 'Direction du numérique' });
      assert.equal(sent.statusCode, 303);
      assert.equal(sent.headers.location, `/collectivites/${rennes}`);
      const after = await agent.get(`/collectivites/${rennes}`);
      assert.match(after.body, /Votre demande a été envoyée/);
      assert.match(after.body, /attend la réponse/);
      assert.equal((await membershipRow(app(), 'agent.rennes@exemple.fr', rennes))?.status, 'pending');

      await app().server.runJobs();
      const toEditor = app()
        .outbox()
        .find((m) => m.to.includes('editrice.rennes@exemple.fr'));
      assert.ok(toEditor, 'the editor is told');
      assert.equal(toEditor.subject, 'Demande pour rejoindre Rennes');
      assert.match(toEditor.text, /agent\.rennes@exemple\.fr/);
      assert.match(toEditor.text, /> Direction du numérique/);
      const membersUrl = linkIn(toEditor, '/membres');
      assert.equal(membersUrl, `/collectivites/${rennes}/membres`);

      const members = await editor.get(membersUrl);
      assert.equal(members.statusCode, 200);
      assert.match(members.body, /Direction du numérique/);
      const membershipId = (await membershipRow(app(), 'agent.rennes@exemple.fr', rennes))!.id;
      const accepted = await editor.post(`/collectivites/${rennes}/membres/${membershipId}/decision`, {
        decision: 'accept',
        role: 'member',
      });
      assert.equal(accepted.statusCode, 303);
      assert.match((await editor.get(accepted.headers.location as string)).body, /Demande acceptée/);

      const row = await membershipRow(app(), 'agent.rennes@exemple.fr', rennes);
      assert.equal(row?.status, 'active');
      assert.equal(row?.role, 'member');
      await app().server.runJobs();
      const toAgent = app()
        .outbox()
        .find((m) => m.to.includes('agent.rennes@exemple.fr'));
      assert.equal(toAgent?.subject, 'Vous avez rejoint Rennes');
      assert.match((await agent.get(`/collectivites/${rennes}`)).body, /Vous êtes membre de cette collectivité/);

      const actions = (await membershipAudit(app())).filter((a) => a.subjectId === String(membershipId));
      assert.deepEqual(
        actions.map((a) => a.action),
        ['membership.accepted', 'membership.requested'],
      );
    });

    test('without an editor, the network coordinators are mailed and one of them refuses; the agent may ask again', async () => {
      await app().createUser({ email: 'coord.brest@exemple.fr', role: 'coordinator' });
      const coordinator = app().agent();
      await coordinator.signInAs('coord.brest@exemple.fr');
      const agent = await app().signedIn({ email: 'agent.brest@exemple.fr' });
      await agent.post(`/collectivites/${brest}/rejoindre`, { message: '' });
      await app().server.runJobs();
      const toCoordinator = app()
        .outbox()
        .find((m) => m.to.includes('coord.brest@exemple.fr') && m.subject === 'Demande pour rejoindre Brest');
      assert.ok(toCoordinator);
      assert.match(toCoordinator.text, /coordonnez le réseau/);

      const pending = await coordinator.get('/collectivites/demandes');
      assert.equal(pending.statusCode, 200);
      assert.match(pending.body, /agent\.brest@exemple\.fr/);
      const id = (await membershipRow(app(), 'agent.brest@exemple.fr', brest))!.id;
      const refused = await coordinator.post(`/collectivites/${brest}/membres/${id}/decision`, {
        decision: 'refuse',
        retour: '/collectivites/demandes',
      });
      assert.equal(refused.headers.location, '/collectivites/demandes');
      assert.equal((await membershipRow(app(), 'agent.brest@exemple.fr', brest))?.status, 'refused');
      await app().server.runJobs();
      assert.ok(
        app()
          .outbox()
          .some((m) => m.subject === "Votre demande pour rejoindre Brest n'a pas été acceptée"),
      );

      const page = await agent.get(`/collectivites/${brest}`);
      assert.match(page.body, /Renouveler la demande/);
      await agent.post(`/collectivites/${brest}/rejoindre`, {
        message: 'Je suis au service des systèmes d’information',
      });
      const again = await membershipRow(app(), 'agent.brest@exemple.fr', brest);
      assert.equal(again?.status, 'pending');
      assert.equal(again?.id, id, 'the same request, reopened');

      const second = await coordinator.post(`/collectivites/${brest}/membres/${id}/decision`, { decision: 'accept' });
      assert.equal(second.statusCode, 303);
      const late = await coordinator.post(`/collectivites/${brest}/membres/${id}/decision`, { decision: 'refuse' });
      assert.equal(late.statusCode, 409, 'a request is decided once');
      assert.match(late.body, /déjà été traitée/);
    });

    test('a request twice says so, a long message is refused with the form kept', async () => {
      const agent = await app().signedIn({ email: 'agent.quimper@exemple.fr' });
      const long = 'x'.repeat(1001);
      const tooLong = await agent.post(`/collectivites/${quimper}/rejoindre`, { message: long });
      assert.equal(tooLong.statusCode, 422);
      assert.match(tooLong.body, /class="error-summary"/);
      assert.match(tooLong.body, /Le message doit compter 1000 caractères au plus \(1001 saisis\)/);
      assert.match(tooLong.body, /<a href="#champ-message">/);
      assert.ok(tooLong.body.includes(long), 'what the person typed is kept');

      await agent.post(`/collectivites/${quimper}/rejoindre`, { message: 'Bonjour' });
      const twice = await agent.post(`/collectivites/${quimper}/rejoindre`, { message: 'Bonjour' });
      assert.equal(twice.statusCode, 303);
      assert.match((await agent.get(`/collectivites/${quimper}`)).body, /déjà une demande en attente/);
      const form = await agent.get(`/collectivites/${quimper}/rejoindre`);
      assert.match(form.body, /est en attente de réponse/);
      assert.doesNotMatch(form.body, /Envoyer la demande/);
    });

    test('the join page finds an authority without JavaScript and lists my requests', async () => {
      const agent = await app().signedIn({ email: 'agent.hub@exemple.fr' });
      await agent.post(`/collectivites/${quimper}/rejoindre`, { message: '' });
      const res = await agent.get('/collectivites/rejoindre?q=29000');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Mes collectivités et mes demandes/);
      assert.match(res.body, /En attente/);
      assert.match(res.body, new RegExp(`<a href="/collectivites/${quimper}/rejoindre">Quimper`));
      assert.match(res.body, /data-href="\/collectivites\/\{id\}\/rejoindre"/);
    });

    test('a state-changing request without the CSRF token is refused', async () => {
      const agent = await app().signedIn({ email: 'agent.csrf@exemple.fr' });
      const res = await agent.request({ method: 'POST', url: `/collectivites/${rennes}/rejoindre`, form: {} });
      assert.equal(res.statusCode, 403);
      assert.equal(await membershipRow(app(), 'agent.csrf@exemple.fr', rennes), undefined);
    });
  });

  describe('managing members', () => {
    test('an editor changes a role, removes a member; a member leaves; each act is audited', async () => {
      const org = await app().createOrganisation({ name: 'Syndicat de test des rôles', type: 'syndicat_mixte' });
      const editor = await app().signedIn({
        email: 'editeur.roles@exemple.fr',
        memberships: [{ organisationId: org, role: 'editor' }],
      });
      const a = await app().createUser({
        email: 'membre.a@exemple.fr',
        memberships: [{ organisationId: org, role: 'member' }],
      });
      await app().createUser({ email: 'membre.b@exemple.fr', memberships: [{ organisationId: org, role: 'member' }] });
      const idA = (await membershipRow(app(), 'membre.a@exemple.fr', org))!.id;
      const idB = (await membershipRow(app(), 'membre.b@exemple.fr', org))!.id;

      const promoted = await editor.post(`/collectivites/${org}/membres/${idA}/role`, { role: 'editor' });
      assert.equal(promoted.statusCode, 303);
      assert.equal((await membershipRow(app(), 'membre.a@exemple.fr', org))?.role, 'editor');
      const removed = await editor.post(`/collectivites/${org}/membres/${idB}/retrait`);
      assert.equal(removed.statusCode, 303);
      assert.equal(await membershipRow(app(), 'membre.b@exemple.fr', org), undefined);

      const own = (await membershipRow(app(), 'editeur.roles@exemple.fr', org))!.id;
      const selfPromote = await editor.post(`/collectivites/${org}/membres/${own}/role`, { role: 'member' });
      assert.equal(selfPromote.statusCode, 403, 'an editor does not change their own role');

      const memberA = app().agent();
      await memberA.signInAs('membre.a@exemple.fr');
      const left = await memberA.post(`/collectivites/${org}/membres/${idA}/retrait`);
      assert.equal(left.headers.location, `/collectivites/${org}`);
      assert.equal(await membershipRow(app(), 'membre.a@exemple.fr', org), undefined);
      void a;

      const actions = (await membershipAudit(app())).map((e) => e.action);
      assert.ok(actions.includes('membership.role_changed'));
      assert.ok(actions.includes('membership.removed'));
      assert.ok(actions.includes('membership.left'));
    });

    test('who may see and manage members, route by role', async () => {
      const orgA = await app().createOrganisation({ name: 'Collectivité A de la matrice' });
      const orgB = await app().createOrganisation({ name: 'Collectivité B de la matrice' });
      const requester = await app().createUser({ email: 'demandeur.matrice@exemple.fr' });
      const requestId = await service(app()).addMember({
        userId: requester.id,
        organisationId: orgA,
        role: 'member',
        status: 'pending',
      });
      const agents = {
        visitor: app().agent(),
        user: await app().signedIn({ email: 'simple.matrice@exemple.fr' }),
        memberA: await app().signedIn({
          email: 'membre.matrice@exemple.fr',
          memberships: [{ organisationId: orgA, role: 'member' }],
        }),
        editorB: await app().signedIn({
          email: 'editeur.b.matrice@exemple.fr',
          memberships: [{ organisationId: orgB, role: 'editor' }],
        }),
        editorA: await app().signedIn({
          email: 'editeur.a.matrice@exemple.fr',
          memberships: [{ organisationId: orgA, role: 'editor' }],
        }),
        coordinator: await app().signedIn({ email: 'coord.matrice@exemple.fr', role: 'coordinator' }),
        admin: await app().signedIn({ email: 'admin.matrice@exemple.fr', role: 'admin' }),
      };
      type Who = keyof typeof agents;
      const expect: [string, Record<Who, number>][] = [
        [
          `/collectivites/${orgA}/membres`,
          { visitor: 302, user: 403, memberA: 403, editorB: 403, editorA: 200, coordinator: 200, admin: 200 },
        ],
        [
          '/collectivites/demandes',
          { visitor: 302, user: 403, memberA: 403, editorB: 200, editorA: 200, coordinator: 200, admin: 200 },
        ],
        [
          '/collectivites/rejoindre',
          { visitor: 302, user: 200, memberA: 200, editorB: 200, editorA: 200, coordinator: 200, admin: 200 },
        ],
        [
          '/admin/collectivites/nouvelle',
          { visitor: 302, user: 403, memberA: 403, editorB: 403, editorA: 403, coordinator: 403, admin: 200 },
        ],
        [
          `/collectivites/${orgA}`,
          { visitor: 200, user: 200, memberA: 200, editorB: 200, editorA: 200, coordinator: 200, admin: 200 },
        ],
      ];
      for (const [url, byRole] of expect) {
        for (const [who, status] of Object.entries(byRole) as [Who, number][]) {
          const res = await agents[who].get(url);
          assert.equal(res.statusCode, status, `${who} GET ${url}`);
          if (status === 302) assert.match(String(res.headers.location), /^\/connexion\?retour=/);
        }
      }
      // The pending request is listed for orgA's editor but not for orgB's.
      assert.match((await agents.editorA.get('/collectivites/demandes')).body, /demandeur\.matrice@exemple\.fr/);
      assert.doesNotMatch((await agents.editorB.get('/collectivites/demandes')).body, /demandeur\.matrice/);

      // Deciding: forbidden for orgB's editor, even through orgA's URL; a mismatched URL is a 404.
      const decide = (who: Who, org: number) =>
        agents[who].post(`/collectivites/${org}/membres/${requestId}/decision`, { decision: 'accept' });
      assert.equal((await decide('editorB', orgA)).statusCode, 403);
      assert.equal((await decide('editorB', orgB)).statusCode, 404);
      assert.equal((await decide('memberA', orgA)).statusCode, 403);
      assert.equal((await decide('user', orgA)).statusCode, 403);
      assert.equal((await decide('editorA', orgA)).statusCode, 303);
    });

    test('nobody decides their own request', async () => {
      const org = await app().createOrganisation({ name: 'Collectivité de la demande à soi-même' });
      const coordinator = await app().signedIn({ email: 'coord.soi@exemple.fr', role: 'coordinator' });
      await coordinator.post(`/collectivites/${org}/rejoindre`, { message: '' });
      const id = (await membershipRow(app(), 'coord.soi@exemple.fr', org))!.id;
      const res = await coordinator.post(`/collectivites/${org}/membres/${id}/decision`, { decision: 'accept' });
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /votre propre demande/);
    });
  });

  describe('service offered to other modules', () => {
    test("finds or creates an imported body by stable code, with its country, in the caller's transaction", async () => {
      const svc = service(app());
      const db = app().server.platform.db;
      const foreign = { name: 'Stadt Köln', type: null, siren: null, siret: null, country: 'DE' };
      const first = await db.transaction().execute((trx) => svc.findOrCreateImported(foreign, trx));
      assert.equal(first.created, true);
      const again = await db.transaction().execute((trx) => svc.findOrCreateImported(foreign, trx));
      assert.deepEqual(again, { id: first.id, created: false });
      const org = await svc.get(first.id);
      assert.equal(org.code, 'import:DE:stadt-koln');
      assert.equal(org.country, 'DE');
      assert.equal(org.type, 'autre');
      assert.equal(org.source, 'import');
      const json = (await app().agent().get(`/api/v1/organisations/${first.id}`)).json();
      assert.equal(json.country, 'DE');
    });

    test("lists the addresses of an authority's active members only", async () => {
      const org = await app().createOrganisation({ name: 'Collectivité des adresses' });
      await app().createUser({
        email: 'actif.adresses@exemple.fr',
        memberships: [{ organisationId: org, role: 'member' }],
      });
      await app().createUser({
        email: 'resp.adresses@exemple.fr',
        memberships: [{ organisationId: org, role: 'editor' }],
      });
      const pending = await app().signedIn({ email: 'attente.adresses@exemple.fr' });
      await pending.post(`/collectivites/${org}/rejoindre`, { message: '' });
      const emails = await service(app()).memberEmails(org);
      assert.deepEqual(emails.sort(), ['actif.adresses@exemple.fr', 'resp.adresses@exemple.fr']);
    });
  });

  describe('other bodies (administrators)', () => {
    test('explains each SIREN/SIRET problem in French, keeps the values and links errors to fields', async () => {
      const admin = await app().signedIn({ email: 'admin.organismes@exemple.fr', role: 'admin' });
      const form = await admin.get('/admin/collectivites/nouvelle');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /<option value="syndicat_mixte">Syndicat mixte<\/option>/);
      assert.doesNotMatch(form.body, /<option value="commune">/);

      const short = await admin.post('/admin/collectivites/nouvelle', {
        name: 'Syndicat des eaux du brivadois',
        type: 'syndicat_mixte',
        siren: '',
        siret: '2543008820001',
      });
      assert.equal(short.statusCode, 422);
      assert.match(short.body, /<a href="#champ-siret">Le SIRET doit compter 14 chiffres \(13 saisis\)\.<\/a>/);
      assert.match(short.body, /value="Syndicat des eaux du brivadois"/);

      const badKey = await admin.post('/admin/collectivites/nouvelle', {
        name: 'Opérateur imaginaire',
        type: 'operateur',
        siren: '123456789',
      });
      assert.equal(badKey.statusCode, 422);
      assert.match(badKey.body, /Le numéro SIREN 123456789 n(&#39;|')est pas valide \(clé de contrôle incorrecte\)/);

      const taken = await admin.post('/admin/collectivites/nouvelle', {
        name: 'Autre Paris',
        type: 'autre',
        siren: '217 500 016',
      });
      assert.equal(taken.statusCode, 422);
      assert.match(taken.body, /Le SIREN 217 500 016 est déjà celui de « Paris » \(commune\)/);

      const geographic = await admin.post('/admin/collectivites/nouvelle', {
        name: 'Commune nouvelle',
        type: 'commune',
        siren: '254300882',
      });
      assert.match(geographic.body, /viennent du code géographique officiel/);
    });

    test('creates a syndicat mixte from its real SIRET, findable by SIREN in the picker', async () => {
      const admin = await app().signedIn({ email: 'admin.creation@exemple.fr', role: 'admin' });
      const created = await admin.post('/admin/collectivites/nouvelle', {
        name: 'Syndicat de gestion des eaux du Brivadois',
        type: 'syndicat_mixte',
        siren: '',
        siret: '254 300 882 00019',
        website: 'www.exemple.fr',
        departementCode: '43',
        regionCode: '',
      });
      assert.equal(created.statusCode, 303, created.body.slice(0, 400));
      const page = await admin.get(created.headers.location as string);
      assert.match(page.body, /a été ajouté/);
      assert.match(page.body, /254 300 882 00019/);
      assert.match(page.body, /Haute-Loire \(43\)/);
      assert.match(page.body, /Auvergne-Rhône-Alpes/, 'région deduced from the département');
      assert.match(page.body, /href="https:\/\/www\.exemple\.fr\/"/);

      const found = (await app().agent().get('/api/v1/organisations?q=254300882')).json();
      assert.equal(found.data[0].name, 'Syndicat de gestion des eaux du Brivadois');
      assert.equal(found.data[0].code, 'other:254300882');
      assert.equal(found.data[0].type, 'syndicat_mixte');
      const byName = (await app().agent().get('/api/v1/organisations?q=brivadois')).json();
      assert.equal(byName.data[0].siret, '25430088200019');

      const audit = await app().server.platform.audit.list({ limit: 5, offset: 0, subjectType: 'organisation' });
      assert.equal(audit.rows[0]?.action, 'organisation.created');
    });

    test('a non-administrator cannot create a body', async () => {
      const coordinator = await app().signedIn({ email: 'coord.creation@exemple.fr', role: 'coordinator' });
      const res = await coordinator.post('/admin/collectivites/nouvelle', {
        name: 'Association du réseau',
        type: 'association',
        siren: '130025265',
      });
      assert.equal(res.statusCode, 403);
      assert.equal((await service(app()).findBySiren('130025265')).length, 0);
    });
  });
});
