// Working groups through their pages, on both databases: coordinators build the tree (a commission, its groups and
// sub-commissions) and name leads; leads add and remove members; signed-in people ask to join with a message and
// leads accept or refuse, the person being told by e-mail (jobs); a members-only group is hidden from others (a
// visitor is sent to sign in, a signed-in outsider gets 403, the list and the API leave it out); the directory shows
// addresses to members only; each wrong field gets its French message and nothing is saved; every decision is audited.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { manualClock } from '../../platform/clock.ts';
import './tables.ts';
import { addMember, createGroup } from './test-support.ts';

describeEachApp(
  'groups: tree, membership, join requests, visibility',
  (app) => {
    let coordinator: TestAgent;
    let lead: TestAgent;
    let member: TestAgent;
    let outsider: TestAgent;
    let visitor: TestAgent;
    let orgA: number;
    let commission: number;
    let aiGroup: number;
    let reserved: number;

    const audit = async (action: string) =>
      (
        await app()
          .server.platform.db.selectFrom('audit_log')
          .select(['action', 'subject_id'])
          .where('action', '=', action)
          .execute()
      ).length;

    before(async () => {
      orgA = await app().createOrganisation({ name: 'Ville des Sources', type: 'commune', siren: '213502388' });
      const lab = await app().createOrganisation({ name: 'Laboratoire des données', type: 'laboratoire_etat' });
      coordinator = await app().signedIn({ email: 'coord@reseau.fr', role: 'coordinator' });
      lead = await app().signedIn({
        email: 'elue@sources.fr',
        memberships: [{ organisationId: orgA, role: 'editor' }],
      });
      member = await app().signedIn({ email: 'agent@labo.fr', memberships: [{ organisationId: lab, role: 'member' }] });
      outsider = await app().signedIn({ email: 'curieux@ailleurs.fr' });
      visitor = app().agent();
    });

    test('a coordinator builds the tree; the list shows sub-groups inside their commission', async () => {
      commission = await createGroup(coordinator, { nom: 'Numérique et innovation', objet: 'La commission.' });
      aiGroup = await createGroup(coordinator, { nom: 'Intelligence artificielle', parent: commission });
      reserved = await createGroup(coordinator, {
        nom: 'Participation citoyenne',
        parent: commission,
        visibilite: 'members',
      });
      const list = (await visitor.get('/groupes')).body;
      assert.match(
        list,
        /Numérique et innovation<\/strong>[\s\S]*<ul class="group-tree">[\s\S]*Intelligence artificielle/,
      );
      assert.doesNotMatch(list, /Participation citoyenne/, 'a members-only group is not listed to visitors');
      const page = (await visitor.get(`/groupes/${aiGroup}`)).body;
      assert.match(page, /<h1>Intelligence artificielle<\/h1>/);
      assert.match(page, new RegExp(`href="/groupes/${commission}"`), 'the breadcrumb names the commission');
      assert.equal(await audit('group.created'), 3);
    });

    test('only coordinators create groups; a missing name or a parent under itself gets its French message', async () => {
      assert.equal((await lead.get('/groupes/nouveau')).statusCode, 403);
      assert.equal((await lead.post('/groupes/nouveau', { nom: 'Autre', visibilite: 'public' })).statusCode, 403);
      const empty = await coordinator.post('/groupes/nouveau', { nom: '', visibilite: 'public' });
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /Indiquez le nom du groupe/);
      assert.match(empty.body, /error-summary/);
      const twice = await coordinator.post('/groupes/nouveau', {
        nom: 'intelligence artificielle',
        visibilite: 'public',
      });
      assert.equal(twice.statusCode, 422);
      assert.match(twice.body, /Un groupe porte déjà ce nom/);
      const loop = await coordinator.post(`/groupes/${commission}/modifier`, {
        nom: 'Numérique et innovation',
        objet: '',
        parent: String(aiGroup),
        visibilite: 'public',
      });
      assert.equal(loop.statusCode, 422);
      assert.match(loop.body, /ne peut pas être placé sous lui-même ni sous un de ses sous-groupes/);
      assert.equal(((await visitor.get('/api/v1/groups')).json() as { total: number }).total, 2);
    });

    test('a coordinator names a lead, who adds a member with their body and function; both are told by e-mail', async () => {
      await addMember(coordinator, aiGroup, 'elue@sources.fr', 'lead', 'Vice-présidente au numérique');
      await addMember(lead, aiGroup, 'AGENT@labo.fr', 'member', 'Experte en données');
      await app().server.runJobs();
      const mails = app().outbox();
      assert.ok(mails.some((m) => m.to.includes('elue@sources.fr') && /ajouté comme pilote/.test(m.text)));
      assert.ok(mails.some((m) => m.to.includes('agent@labo.fr') && /Intelligence artificielle/.test(m.subject)));
      const directory = (await member.get(`/groupes/${aiGroup}/membres`)).body;
      assert.match(directory, /elue[\s\S]*Ville des Sources[\s\S]*Pilote[\s\S]*Vice-présidente au numérique/);
      assert.match(directory, /agent[\s\S]*Laboratoire des données[\s\S]*Membre[\s\S]*Experte en données/);
      assert.equal(await audit('group.member_added'), 2);
    });

    test('the group page leads to its meetings: « Programmer une réunion » for leads only, the agenda and its iCal feed for all', async () => {
      const asLead = (await lead.get(`/groupes/${aiGroup}`)).body;
      assert.match(asLead, new RegExp(`href="/groupes/${aiGroup}/reunions/nouvelle"[^>]*>\\s*Programmer une réunion`));
      const asMember = (await member.get(`/groupes/${aiGroup}`)).body;
      assert.doesNotMatch(asMember, /Programmer une réunion/);
      assert.match(asMember, new RegExp(`href="/agenda\\?groupe=${aiGroup}"`));
      assert.match(asMember, new RegExp(`href="/groupes/${aiGroup}/agenda.ics"`));
      assert.equal((await lead.get(`/groupes/${aiGroup}/reunions/nouvelle`)).statusCode, 200);
      assert.equal((await member.get(`/groupes/${aiGroup}/agenda.ics`)).statusCode, 200);
    });

    test('adding refuses an unknown address and a non-lead; the last lead cannot be removed', async () => {
      const unknown = await lead.post(`/groupes/${aiGroup}/membres`, {
        email: 'personne@nulle-part.fr',
        role: 'member',
      });
      assert.equal(unknown.statusCode, 422);
      assert.match(unknown.body, /Personne n'a de compte avec cette adresse/);
      assert.match(unknown.body, /personne@nulle-part\.fr/, 'what was typed is kept');
      const bad = await lead.post(`/groupes/${aiGroup}/membres`, { email: 'pas-une-adresse', role: 'member' });
      assert.match(bad.body, /n'est pas valide/);
      assert.equal(
        (await member.post(`/groupes/${aiGroup}/membres`, { email: 'curieux@ailleurs.fr' })).statusCode,
        403,
        'a member is not a lead',
      );
      const leadId = (await app().server.modules.services.groups.members(aiGroup)).find(
        (m: { role: string }) => m.role === 'lead',
      ).userId;
      const last = await coordinator.post(`/groupes/${aiGroup}/membres/${leadId}/retirer`, {});
      assert.equal(last.statusCode, 422);
      assert.match(last.body, /garde au moins un pilote/);
      assert.equal((await app().server.modules.services.groups.members(aiGroup)).length, 2, 'nothing removed');
    });

    test('a join request is refused, then accepted: the person is told each time, and becomes a member', async () => {
      const short = await outsider.post(`/groupes/${aiGroup}/rejoindre`, { message: 'Moi' });
      assert.equal(short.statusCode, 422);
      assert.match(short.body, /10 caractères au moins/);
      const before = app().outbox().length;
      const asked = await outsider.post(`/groupes/${aiGroup}/rejoindre`, {
        message: 'Je travaille sur les données de ma ville et voudrais suivre vos travaux.',
      });
      assert.equal(asked.statusCode, 302);
      const again = await outsider.post(`/groupes/${aiGroup}/rejoindre`, { message: 'Une deuxième demande, la même.' });
      assert.match(again.body, /attend déjà la réponse des pilotes/);
      await app().server.runJobs();
      const toLeads = app()
        .outbox()
        .slice(0, app().outbox().length - before);
      assert.ok(toLeads.some((m) => m.to.includes('elue@sources.fr') && /Demande pour rejoindre/.test(m.subject)));
      assert.match((await outsider.get(`/groupes/${aiGroup}`)).body, /attend la réponse des pilotes/);

      const leadSpace = (await lead.get('/mon-espace')).body;
      assert.match(
        leadSpace,
        /Demandes pour rejoindre vos groupes[\s\S]*curieux demande à rejoindre « Intelligence artificielle »/,
      );
      const requests = (await lead.get(`/groupes/${aiGroup}/demandes`)).body;
      assert.match(requests, /Je travaille sur les données de ma ville/);
      const id = Number(new RegExp(`/groupes/${aiGroup}/demandes/(\\d+)`).exec(requests)?.[1]);
      assert.equal((await member.post(`/groupes/${aiGroup}/demandes/${id}`, { decision: 'accept' })).statusCode, 403);
      assert.equal((await lead.post(`/groupes/${aiGroup}/demandes/${id}`, { decision: 'refuse' })).statusCode, 302);
      assert.equal((await lead.post(`/groupes/${aiGroup}/demandes/${id}`, { decision: 'accept' })).statusCode, 409);
      await app().server.runJobs();
      assert.match(app().outbox()[0]!.text, /n'ont pas retenu votre demande/);
      assert.deepEqual(app().outbox()[0]!.to, ['curieux@ailleurs.fr']);
      assert.equal((await outsider.get(`/groupes/${aiGroup}/synthese`)).statusCode, 403);

      await outsider.post(`/groupes/${aiGroup}/rejoindre`, {
        message: 'Je renouvelle ma demande, avec un projet précis.',
      });
      const second = Number(
        new RegExp(`/groupes/${aiGroup}/demandes/(\\d+)`).exec(
          (await lead.get(`/groupes/${aiGroup}/demandes`)).body,
        )?.[1],
      );
      assert.equal((await lead.post(`/groupes/${aiGroup}/demandes/${second}`, { decision: 'accept' })).statusCode, 302);
      await app().server.runJobs();
      assert.match(app().outbox()[0]!.subject, /Bienvenue dans le groupe « Intelligence artificielle »/);
      assert.equal((await outsider.get(`/groupes/${aiGroup}/synthese`)).statusCode, 200, 'now a member');
      assert.equal(await audit('group.join_refused'), 1);
      assert.equal(await audit('group.join_accepted'), 1);
      // « Mon espace » lists the groups of the person.
      const space = (await outsider.get('/mon-espace')).body;
      assert.match(space, /Mes groupes de travail[\s\S]*Intelligence artificielle/);
      // A member may leave.
      assert.equal((await outsider.post(`/groupes/${aiGroup}/quitter`, {})).statusCode, 302);
      assert.equal((await outsider.get(`/groupes/${aiGroup}/synthese`)).statusCode, 403);
    });

    test('a members-only group: visitors sign in, outsiders get 403, members read it; API and list leave it out', async () => {
      await addMember(coordinator, reserved, 'agent@labo.fr', 'lead');
      const asVisitor = await visitor.get(`/groupes/${reserved}`);
      assert.equal(asVisitor.statusCode, 302);
      assert.match(String(asVisitor.headers.location), /^\/connexion/);
      assert.equal((await outsider.get(`/groupes/${reserved}`)).statusCode, 403);
      assert.equal((await outsider.get(`/groupes/${reserved}/membres`)).statusCode, 403);
      assert.equal((await member.get(`/groupes/${reserved}`)).statusCode, 200);
      assert.match((await member.get('/groupes')).body, /Participation citoyenne/);
      assert.doesNotMatch((await outsider.get('/groupes')).body, /Participation citoyenne/);
      assert.equal((await visitor.get(`/api/v1/groups/${reserved}`)).statusCode, 404);
      assert.doesNotMatch((await visitor.get('/api/v1/groups')).body, /Participation citoyenne/);
      assert.doesNotMatch((await visitor.get(`/groupes/${commission}`)).body, /Participation citoyenne/);
    });

    test('the directory shows addresses to members only; the API never does', async () => {
      const asVisitor = (await visitor.get(`/groupes/${aiGroup}/membres`)).body;
      assert.match(asVisitor, /Laboratoire des données/);
      assert.doesNotMatch(asVisitor, /agent@labo\.fr|elue@sources\.fr/);
      assert.match(asVisitor, /ne sont visibles que des membres du groupe/);
      assert.doesNotMatch((await outsider.get(`/groupes/${aiGroup}/membres`)).body, /elue@sources\.fr/);
      assert.match((await member.get(`/groupes/${aiGroup}/membres`)).body, /mailto:elue@sources\.fr/);
      assert.match((await coordinator.get(`/groupes/${aiGroup}/membres`)).body, /mailto:agent@labo\.fr/);
      const api = (await visitor.get(`/api/v1/groups/${aiGroup}`)).json() as Record<string, any>;
      assert.equal(api.name, 'Intelligence artificielle');
      assert.equal(api.parent_id, commission);
      assert.deepEqual(
        api.members.map((m: Record<string, unknown>) => [m.name, m.organisation, m.role, m.function]),
        [
          ['elue', 'Ville des Sources', 'lead', 'Vice-présidente au numérique'],
          ['agent', 'Laboratoire des données', 'member', 'Experte en données'],
        ],
      );
      assert.doesNotMatch(JSON.stringify(api), /@/);
    });

    test('a lead edits the group; a stale version is a conflict; a member may not edit', async () => {
      assert.equal((await member.get(`/groupes/${aiGroup}/modifier`)).statusCode, 403);
      const form = (await lead.get(`/groupes/${aiGroup}/modifier`)).body;
      assert.doesNotMatch(form, /Groupe parent/, 'only coordinators move a group in the tree');
      const ok = await lead.post(`/groupes/${aiGroup}/modifier`, {
        nom: 'Intelligence artificielle',
        objet: 'Recenser les usages et rédiger les conditions de réussite.',
        visibilite: 'public',
        version: '1',
        parent: '',
      });
      assert.equal(ok.statusCode, 302, ok.body.slice(0, 300));
      const stored = await app().server.modules.services.groups.findGroup(aiGroup);
      assert.equal(stored.parentId, commission, 'the lead’s empty parent field did not move it');
      const stale = await lead.post(`/groupes/${aiGroup}/modifier`, {
        nom: 'Autre nom',
        visibilite: 'public',
        version: '1',
      });
      assert.equal(stale.statusCode, 409);
      assert.equal((await app().server.modules.services.groups.findGroup(aiGroup)).name, 'Intelligence artificielle');
    });

    test('personal data: memberships and join requests exported, then erased with the account', async () => {
      const exported = (await outsider.get('/compte/donnees.json')).json() as Record<string, any>;
      assert.equal(exported.groups.joinRequests.length, 2);
      assert.equal(exported.groups.joinRequests[0].message.startsWith('Je travaille'), true);
      const deleted = await outsider.post('/compte/supprimer', { confirm: 'oui' });
      assert.equal(deleted.statusCode, 303, deleted.body.slice(0, 300));
      const left = await app()
        .server.platform.db.selectFrom('group_join_requests')
        .select('id')
        .where('message', 'like', 'Je %')
        .execute();
      assert.deepEqual(left, []);
    });
  },
  {},
  { clock: () => manualClock('2026-03-02T09:00:00Z') },
);
