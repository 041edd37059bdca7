// The digest for a group's next meeting, on both databases, with a manual clock: it gathers the sheets of the
// followed list and of the members' bodies published or updated since the last meeting (the last thirty days before
// any meeting), the census progress of the followed campaigns, the next meeting; members and leads read it, others
// may not; « m'envoyer la synthèse » mails it to the lead; the daily sweep mails it to the leads once when the next
// meeting is seven days away or less, and queues the next day's sweep.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { manualClock } from '../../platform/clock.ts';
import './tables.ts';
import { addMember, createGroup, publishedSheet } from './test-support.ts';

const day = 86_400_000;

describeEachApp(
  'groups: the digest for the next meeting',
  (app) => {
    let coordinator: TestAgent;
    let lead: TestAgent;
    let member: TestAgent;
    let memberB: TestAgent;
    let outsider: TestAgent;
    let group: number;
    let ownSheet: { id: number; path: string };
    let followedSheet: { id: number; path: string };
    let otherSheet: { id: number; path: string };
    let campaignId: number;
    let orgA: number;

    const digest = async (as: TestAgent = member) => {
      const page = await as.get(`/groupes/${group}/synthese`);
      assert.equal(page.statusCode, 200, page.body.slice(0, 300));
      return page.body;
    };
    /** Moves the clock; sessions being time-limited, the people sign in again. */
    const advance = async (duration: Parameters<ReturnType<typeof app>['clock']['advance']>[0]) => {
      app().clock.advance(duration);
      for (const [agent, email] of [
        [member, 'agent@sources.fr'],
        [lead, 'elue@sources.fr'],
        [coordinator, 'coord@reseau.fr'],
      ] as const)
        await agent.signInAs(email);
    };
    const runSweep = async () => {
      const jobs = app().server.platform.jobs;
      await jobs.enqueue('groups.send_digests', {});
      await app().server.runJobs();
    };

    before(async () => {
      orgA = await app().createOrganisation({ name: 'Ville des Sources', type: 'commune', siren: '213502388' });
      const orgB = await app().createOrganisation({ name: 'Agglo du Littoral', type: 'epci', siren: '200046977' });
      const orgC = await app().createOrganisation({ name: 'Bourg du Val', type: 'commune', siren: '210100012' });
      coordinator = await app().signedIn({ email: 'coord@reseau.fr', role: 'coordinator' });
      lead = await app().signedIn({
        email: 'elue@sources.fr',
        memberships: [{ organisationId: orgA, role: 'editor' }],
      });
      member = await app().signedIn({
        email: 'agent@sources.fr',
        memberships: [{ organisationId: orgA, role: 'member' }],
      });
      memberB = await app().signedIn({
        email: 'agent@littoral.fr',
        memberships: [{ organisationId: orgB, role: 'member' }],
      });
      const memberC = await app().signedIn({
        email: 'agent@val.fr',
        memberships: [{ organisationId: orgC, role: 'member' }],
      });
      outsider = await app().signedIn({ email: 'curieux@ailleurs.fr' });
      group = await createGroup(coordinator, { nom: 'Intelligence artificielle' });
      await addMember(coordinator, group, 'elue@sources.fr', 'lead');
      await addMember(lead, group, 'agent@sources.fr');
      ownSheet = await publishedSheet(app(), orgA, member, coordinator, 'a1');
      followedSheet = await publishedSheet(app(), orgB, memberB, coordinator, 'b1');
      otherSheet = await publishedSheet(app(), orgC, memberC, coordinator, 'c1');
      const questionnaires = app().server.modules.services.questionnaires;
      const [censusId] = (await questionnaires.questionnaires.installCatalogue()) as [number];
      const coordinatorUser = {
        id: 0,
        email: 'cli',
        name: 'Ligne de commande',
        role: 'admin' as const,
        memberships: [],
      };
      campaignId = (
        await questionnaires.campaigns.create(coordinatorUser, {
          questionnaireId: censusId,
          title: 'Recensement des usages',
          description: '',
          opensAt: new Date(app().clock.millis() - day).toISOString(),
          closesAt: new Date(app().clock.millis() + 20 * day).toISOString(),
          targets: { types: [], regions: [], departements: [], organisationIds: [orgA, orgB], sirens: [] },
          sirenList: '',
          publicLink: false,
          resultsPublic: false,
          libraryAuto: false,
          reminderDays: [],
        })
      ).id;
    });

    test('leads follow a sheet by its address and a campaign; a wrong reference gets its French message', async () => {
      assert.equal((await member.get(`/groupes/${group}/suivis`)).statusCode, 403);
      const wrong = await lead.post(`/groupes/${group}/suivis`, {
        kind: 'sheet',
        reference: '/bibliotheque/999999-rien',
      });
      assert.equal(wrong.statusCode, 422);
      assert.match(wrong.body, /Indiquez une fiche publiée de la bibliothèque/);
      const sheet = await lead.post(`/groupes/${group}/suivis`, {
        kind: 'sheet',
        reference: `http://localhost:3000${followedSheet.path}-un-titre`,
      });
      assert.equal(sheet.statusCode, 302, sheet.body.slice(0, 300));
      assert.equal(
        (await lead.post(`/groupes/${group}/suivis`, { kind: 'campaign', reference: String(campaignId) })).statusCode,
        302,
      );
      const page = (await app().agent().get(`/groupes/${group}`)).body;
      assert.match(page, /Ce que suit le groupe[\s\S]*Recensement[\s\S]*Recensement des usages/);
      assert.match(page, new RegExp(`href="${followedSheet.path}`));
    });

    test('the digest lists the members’ bodies’ and followed sheets, not others, and the campaign’s progress', async () => {
      const body = await digest();
      assert.match(body, new RegExp(`href="${ownSheet.path}[^"]*">[^<]+</a> — nouvelle fiche`));
      assert.match(body, new RegExp(`href="${followedSheet.path}`));
      assert.doesNotMatch(body, new RegExp(`href="${otherSheet.path}`), 'a body outside the group, not followed');
      assert.match(body, /trente derniers jours/);
      assert.match(body, /<th scope="row">Recensement des usages<\/th><td>2<\/td><td>0<\/td><td>0<\/td><td>0 %<\/td>/);
      assert.match(body, /Actions ouvertes[\s\S]*Aucune action ouverte/);
      assert.equal((await outsider.get(`/groupes/${group}/synthese`)).statusCode, 403);
      assert.equal((await app().agent().get(`/groupes/${group}/synthese`)).statusCode, 302);
      assert.doesNotMatch(body, /M’envoyer la synthèse/, 'only leads send it');
    });

    test('« m’envoyer la synthèse » mails the digest to the lead only', async () => {
      assert.equal((await member.post(`/groupes/${group}/synthese/envoyer`, {})).statusCode, 403);
      assert.match(await digest(lead), /M’envoyer la synthèse/);
      assert.equal((await lead.post(`/groupes/${group}/synthese/envoyer`, {})).statusCode, 302);
      await app().server.runJobs();
      const mail = app()
        .outbox()
        .find((m) => /^Synthèse avant/.test(m.subject))!;
      assert.deepEqual(mail.to, ['elue@sources.fr']);
      assert.match(mail.subject, /Synthèse avant la prochaine réunion — Intelligence artificielle/);
      assert.match(mail.text, /Recensement des usages : 2 invités, 0 ont commencé, 0 ont envoyé leur réponse/);
      assert.match(mail.text, new RegExp(`${ownSheet.path}`));
    });

    test('after thirty days without a meeting, those sheets are out of the period', async () => {
      await advance({ days: 31 });
      const body = await digest();
      assert.doesNotMatch(body, new RegExp(`href="${ownSheet.path}`));
      assert.match(body, /Aucune fiche publiée ni mise à jour sur la période/);
    });

    test('the sweep mails the leads once when the next meeting is seven days away, then the period starts at it', async () => {
      const startsAt = new Date(app().clock.millis() + 10 * day);
      const date = startsAt.toISOString().slice(0, 10);
      const created = await lead.post(`/groupes/${group}/reunions/nouvelle`, {
        titre: 'Réunion du groupe',
        description: '',
        date,
        heure: '10:00',
        heure_fin: '12:00',
        lieu: 'Salle du conseil',
        visio: '',
        visibilite: 'public',
        capacite: '',
      });
      assert.equal(created.statusCode, 302, created.body.slice(0, 400));
      assert.match(await digest(), /Prochaine réunion/);

      const mailsToLead = () =>
        app()
          .outbox()
          .filter((m) => m.to.includes('elue@sources.fr') && /^Synthèse avant/.test(m.subject)).length;
      const before = mailsToLead();
      await runSweep();
      assert.equal(mailsToLead(), before, 'ten days before: nothing yet');
      await advance({ days: 3, hours: 12 });
      await runSweep();
      assert.equal(mailsToLead(), before + 1, 'seven days before: the leads get it');
      await runSweep();
      assert.equal(mailsToLead(), before + 1, 'once per meeting');
      assert.equal(
        (await lead.get(`/groupes/${group}`)).body.includes('Réunion du groupe'),
        true,
        'the group page lists the meeting',
      );

      // After the meeting, the digest covers what happened since it.
      await advance({ days: 8 });
      const fresh = await publishedSheet(app(), orgA, member, coordinator, 'a2');
      const body = await digest();
      assert.match(body, /depuis <a href="\/reunions\/\d+">la dernière réunion<\/a>/);
      assert.match(body, new RegExp(`href="${fresh.path}`));
      assert.doesNotMatch(body, new RegExp(`href="${ownSheet.path}`));
    });
  },
  {},
  { clock: () => manualClock('2026-03-02T09:00:00Z') },
);
