// Campaigns that reach people, on the whole application with a real SMTP server of our own (test/helpers): a
// campaign to a network's members, the preview before launch (counts, authorities without recipient, recounted
// after a contact is added), the confirmation, one mail per recipient through the job queue, a refused recipient
// retried with backoff then shown as a failure of its authority, nothing sent twice, and the dashboard (summary,
// filters, French order, pagination, CSV export of the follow-up). Time is a manual clock.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { describeEachApp, type TestApp } from '../../../test/helpers/app.ts';
import { startSmtpServer } from '../../../test/helpers/smtp-server.ts';
import type { CurrentUser } from '../../platform/auth/user.ts';
import { type ManualClock, manualClock } from '../../platform/clock.ts';
import { HttpError } from '../../platform/http/errors.ts';
import type { OrganisationsApi } from '../organisations/index.ts';
import type { QuestionnairesApi } from './index.ts';

const smtp = await startSmtpServer({ refuse: (rcpt) => rcpt.startsWith('refus@') });
after(() => smtp.close());

const questionnaires = (app: TestApp) => app.server.modules.api('questionnaires') as QuestionnairesApi;
const organisations = (app: TestApp) => app.server.modules.api('organisations') as OrganisationsApi;
const day = 86_400_000;

async function runJobs(app: TestApp) {
  for (let i = 0; i < 10; i++) if (!(await app.server.runJobs())) break;
}

/** Messages the SMTP server accepted for `recipient`, with `subject`. */
const received = (recipient: string, subject = /./) =>
  smtp.messages.filter((m) => m.to.includes(recipient) && subject.test(m.data));

async function rejects(promise: Promise<unknown>, status: number, pattern: RegExp) {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof HttpError, String(e));
    assert.equal(e.status, status, e.message);
    assert.match(`${e.message} ${JSON.stringify(e.fields ?? {})}`, pattern);
    return true;
  });
}

interface Ctx {
  coordinator: CurrentUser;
  ids: Record<string, number>;
  censusId: number;
  campaignId: number;
  suffix: string;
}

describeEachApp<ManualClock>(
  'questionnaires: campaigns that reach people',
  (app) => {
    const ctx: Ctx = { coordinator: null as unknown as CurrentUser, ids: {}, censusId: 0, campaignId: 0, suffix: '' };

    before(async () => {
      const c = await app().createUser({ email: 'coordination@reseau.fr', role: 'coordinator' });
      ctx.coordinator = { id: c.id, email: c.email, name: 'Coordination', role: 'coordinator', memberships: [] };
      // Each database has its own SMTP recipients (the server is shared by both suites of this file).
      ctx.suffix = app().server.platform.config.databaseUrl.startsWith('postgres') ? 'pg' : 'lite';
      const s = ctx.suffix;
      const org = (name: string, code: string) =>
        app().createOrganisation({ name, type: 'commune', code: `test:${code}-${s}`, regionCode: '52' });
      ctx.ids = {
        zillisheim: await org('Zillisheim', 'z'),
        evry: await org('Évry', 'e'),
        angers: await org('Angers', 'a'),
        oyonnax: await org('Oyonnax', 'o'),
        ecully: await org('Écully', 'c'),
        brest: await org('Brest', 'b'),
      };
      const orgs = organisations(app());
      await orgs.addContact(ctx.ids.angers!, contact(`dgs-${s}@angers.fr`));
      await orgs.addContact(ctx.ids.evry!, contact(`refus@evry-${s}.fr`));
      await app().createUser({
        email: `agent-${s}@ecully.fr`,
        memberships: [{ organisationId: ctx.ids.ecully!, role: 'member' }],
      });
      await orgs.ensureReferenceNetworks();
      const { angers, evry, oyonnax, ecully, zillisheim } = ctx.ids;
      await orgs.addNetworkMembers('france-urbaine', [angers!, evry!, oyonnax!, ecully!, zillisheim!]);
      [ctx.censusId] = (await questionnaires(app()).questionnaires.installCatalogue()) as [number];
    });

    const contact = (email: string) => ({ name: 'Contact', function: 'DGS', email, phone: null });

    test('a campaign to a network invites its members only, prepared for a preview', async () => {
      const svc = questionnaires(app());
      const network = (await organisations(app()).networks()).find((n) => n.code === 'france-urbaine')!;
      const created = await svc.campaigns.create(ctx.coordinator, {
        questionnaireId: ctx.censusId,
        title: 'Recensement des réseaux',
        description: '',
        opensAt: new Date(app().clock.millis() - day).toISOString(),
        closesAt: new Date(app().clock.millis() + 30 * day).toISOString(),
        targets: { types: [], regions: [], departements: [], organisationIds: [], networks: [network.id], sirens: [] },
        sirenList: '',
        publicLink: false,
        resultsPublic: false,
        libraryAuto: false,
        reminderDays: [],
        prepareOnly: true,
      });
      ctx.campaignId = created.id;
      assert.equal(created.invited, 5, 'les cinq membres du réseau, pas Brest');
      await runJobs(app());
      assert.equal(received(`dgs-${ctx.suffix}@angers.fr`).length, 0, 'rien n’est envoyé avant le lancement');
    });

    test('the preview counts the authorities reached and lists, in French order, those without recipient', async () => {
      const svc = questionnaires(app());
      let preview = await svc.campaigns.preview(ctx.coordinator, ctx.campaignId, 1);
      assert.deepEqual([preview.targeted, preview.withRecipient, preview.without.total], [5, 3, 2]);
      assert.deepEqual(
        preview.without.rows.map((r) => r.organisationName),
        ['Oyonnax', 'Zillisheim'],
      );
      assert.equal(preview.without.rows[0]!.contactsPage, `/collectivites/${ctx.ids.oyonnax}/contacts`);
      assert.match(preview.mail.subject, /Invitation : Recensement des réseaux/);
      assert.match(
        preview.mail.text,
        /une réponse par projet/i,
        'le recensement de l’IA demande une réponse par projet',
      );
      // A contact added meanwhile counts at once.
      await organisations(app()).addContact(ctx.ids.zillisheim!, contact(`mairie-${ctx.suffix}@zillisheim.fr`));
      preview = await svc.campaigns.preview(ctx.coordinator, ctx.campaignId, 1);
      assert.deepEqual([preview.targeted, preview.withRecipient, preview.without.total], [5, 4, 1]);
    });

    test('launching asks for confirmation, then mails each recipient once through the queue', async () => {
      const svc = questionnaires(app());
      await rejects(svc.campaigns.launch(ctx.coordinator, ctx.campaignId, false), 422, /Cochez la case/);
      await svc.campaigns.launch(ctx.coordinator, ctx.campaignId, true);
      await runJobs(app());
      const s = ctx.suffix;
      for (const to of [`dgs-${s}@angers.fr`, `agent-${s}@ecully.fr`, `mairie-${s}@zillisheim.fr`])
        assert.equal(received(to, /Invitation/).length, 1, `une invitation pour ${to}`);
      assert.equal(smtp.refusals.get(`refus@evry-${s}.fr`), 1, 'le destinataire refusé a été essayé une fois');
      const dash = await svc.campaigns.dashboard(ctx.coordinator, ctx.campaignId);
      assert.deepEqual(
        [dash.summary.invited, dash.summary.reached, dash.summary.withoutRecipient, dash.summary.failed],
        [5, 3, 1, 0],
      );
      assert.equal(dash.summary.retrying, 1, 'l’envoi refusé sera essayé de nouveau');
      const evry = dash.followUp.find((f) => f.organisationId === ctx.ids.evry)!;
      assert.match(evry.lastError ?? '', /550/);
      assert.equal(evry.failedCount, 0);
    });

    test('a refused recipient is retried with backoff, then shown as a failure of its authority', async () => {
      const svc = questionnaires(app());
      const s = ctx.suffix;
      // Nothing is due before the backoff delay.
      await runJobs(app());
      assert.equal(smtp.refusals.get(`refus@evry-${s}.fr`), 1);
      for (let i = 0; i < 8; i++) {
        app().clock.advance({ hours: 2 });
        await runJobs(app());
      }
      assert.equal(smtp.refusals.get(`refus@evry-${s}.fr`), 5, 'cinq essais en tout');
      const dash = await svc.campaigns.dashboard(ctx.coordinator, ctx.campaignId, { envoi: 'echec' });
      assert.deepEqual(
        dash.followUp.map((f) => [f.organisationName, f.failedCount]),
        [['Évry', 1]],
      );
      assert.match(dash.followUp[0]!.lastError ?? '', /550/);
      assert.deepEqual([dash.summary.failed, dash.summary.retrying], [1, 0]);
    });

    test('nothing is sent twice when the invitation job runs again', async () => {
      const svc = questionnaires(app());
      const before = smtp.messages.length;
      await svc.invitations.sendInvitations({ campaignId: ctx.campaignId });
      await runJobs(app());
      assert.equal(smtp.messages.length, before);
      assert.equal(received(`dgs-${ctx.suffix}@angers.fr`).length, 1);
    });

    test('the dashboard sorts names the French way and filters by status, network and recipient', async () => {
      const svc = questionnaires(app());
      const dash = await svc.campaigns.dashboard(ctx.coordinator, ctx.campaignId);
      assert.deepEqual(
        dash.followUp.map((f) => f.organisationName),
        ['Angers', 'Écully', 'Évry', 'Oyonnax', 'Zillisheim'],
      );
      const network = dash.filterOptions.networks.find((n) => n.label === 'France urbaine')!;
      const inNetwork = await svc.campaigns.dashboard(ctx.coordinator, ctx.campaignId, { reseau: network.value });
      assert.equal(inNetwork.total, 5);
      const without = await svc.campaigns.dashboard(ctx.coordinator, ctx.campaignId, { envoi: 'sans-destinataire' });
      assert.deepEqual(
        without.followUp.map((f) => f.organisationName),
        ['Oyonnax'],
      );
      const submitted = await svc.campaigns.dashboard(ctx.coordinator, ctx.campaignId, { statut: 'submitted' });
      assert.equal(submitted.total, 0);
      const notStarted = await svc.campaigns.dashboard(ctx.coordinator, ctx.campaignId, { statut: 'not_started' });
      assert.equal(notStarted.total, 5);
    });

    test('the follow-up list is exported as CSV with the dashboard’s filters', async () => {
      const agent = await app().signedIn({ email: `export-${ctx.suffix}@reseau.fr`, role: 'coordinator' });
      const res = await agent.get(`/coordination/campagnes/${ctx.campaignId}/suivi.csv?envoi=echec`);
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /text\/csv/);
      const lines = res.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r\n/);
      assert.equal(lines.length, 2, 'l’en-tête et Évry');
      assert.match(lines[0]!, /^Collectivité;Type;Région/);
      assert.match(lines[1]!, /^Évry;Commune;.*550/);
      const page = await agent.get(`/coordination/campagnes/${ctx.campaignId}?envoi=echec`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Échec d’envoi : refus@evry/);
    });

    describe('pagination', () => {
      test('pages of 50 follow the French order without overlap', async () => {
        const svc = questionnaires(app());
        const names = Array.from({ length: 61 }, (_, i) =>
          i % 3 === 0 ? `Éragny ${i}` : i % 3 === 1 ? `Eaubonne ${i}` : `Ézanville ${i}`,
        );
        const ids: number[] = [];
        for (const [i, name] of names.entries())
          ids.push(await app().createOrganisation({ name, type: 'commune', code: `test:page-${i}-${ctx.suffix}` }));
        const { id } = await svc.campaigns.create(ctx.coordinator, {
          questionnaireId: ctx.censusId,
          title: 'Recensement paginé',
          description: '',
          opensAt: new Date(app().clock.millis() - day).toISOString(),
          closesAt: new Date(app().clock.millis() + 30 * day).toISOString(),
          targets: { types: [], regions: [], departements: [], organisationIds: ids, sirens: [] },
          sirenList: '',
          publicLink: false,
          resultsPublic: false,
          libraryAuto: false,
          reminderDays: [],
        });
        const one = await svc.campaigns.dashboard(ctx.coordinator, id);
        const two = await svc.campaigns.dashboard(ctx.coordinator, id, { page: '2' });
        assert.deepEqual([one.followUp.length, two.followUp.length, one.pageCount, one.total], [50, 11, 2, 61]);
        const shown = [...one.followUp, ...two.followUp].map((f) => f.organisationName);
        const collator = new Intl.Collator('fr', { numeric: true });
        assert.deepEqual(shown, [...names].sort(collator.compare));

        // A revoked invitation stays in the list (and its total) but leaves the summary; the total of a list filtered
        // by type or région (read from the grouped counts) is the number of rows its pages show.
        await svc.invitations.revoke(ctx.coordinator, one.followUp[0]!.invitationId);
        const rowsOf = async (query: Record<string, string>) => {
          const first = await svc.campaigns.dashboard(ctx.coordinator, id, query);
          const rest =
            first.pageCount > 1 ? await svc.campaigns.dashboard(ctx.coordinator, id, { ...query, page: '2' }) : null;
          return {
            total: first.total,
            invited: first.summary.invited,
            rows: first.followUp.length + (rest?.followUp.length ?? 0),
          };
        };
        assert.deepEqual(await rowsOf({}), { total: 61, invited: 60, rows: 61 });
        assert.deepEqual(await rowsOf({ type: 'commune' }), { total: 61, invited: 60, rows: 61 });
        const region = await rowsOf({ region: '52' });
        assert.equal(region.total, region.rows);
        assert.equal((await rowsOf({ type: 'region' })).total, 0);
      });
    });
  },
  { SMTP_URL: smtp.url, CAMPAIGN_MAILS_PER_MINUTE: '6000' },
  { clock: () => manualClock('2026-03-02T09:00:00Z') },
);
