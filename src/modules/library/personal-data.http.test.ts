// RGPD, from one person who touched every module (issue 8, finding 11): the export holds what each module keeps
// about them (account, memberships and join requests, error reports, API tokens, the sheets they wrote, their
// census responses), and deleting the account leaves neither their address nor their name in any table, in the
// jobs' payloads or in the mail outbox.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { describeEachApp, type TestApp } from '../../../test/helpers/app.ts';
import { allQuestions } from '../forms/index.ts';
import type { QuestionnairesApi } from '../questionnaires/index.ts';
import { readersWorld } from './test-support.ts';

const NAME = 'Rédactrice Lumière';

/** Every text of every table, as one lower-case string per table (the scan that finds a forgotten trace). */
async function everyTable(app: TestApp): Promise<Map<string, string>> {
  const db = app.server.platform.db;
  const tables =
    app.server.platform.dialect === 'postgres'
      ? (
          await sql<{ name: string }>`select table_name as name from information_schema.tables
            where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db)
        ).rows
      : (
          await sql<{ name: string }>`select name from sqlite_master where type = 'table'
            and name not like 'sqlite_%' and name not like 'search_fts%'`.execute(db)
        ).rows;
  const out = new Map<string, string>();
  for (const { name } of tables) {
    const rows = (await sql`select * from ${sql.table(name)}`.execute(db)).rows;
    out.set(
      name,
      JSON.stringify(rows, (_k, v) => (v instanceof Uint8Array || Buffer.isBuffer(v) ? null : v)).toLowerCase(),
    );
  }
  return out;
}

describeEachApp('RGPD: one person across every module', (app) => {
  test('the export holds every module’s data about the person; deletion leaves no address nor name in tables, jobs or outbox', async () => {
    const { orgId, writer, reviewer, member, published } = await readersWorld(app());
    await app().server.platform.db.updateTable('users').set({ name: NAME }).where('id', '=', writer.id).execute();
    // library: an API token, an error report (signed in, with a reply address), the sheet written by the person
    const tokens = await member.post(`/bibliotheque/jetons?organisation=${orgId}`, { name: 'Logiciel de suivi' });
    assert.equal(tokens.statusCode, 200);
    const report = await member.post(`${published.path}/signaler`, {
      message: 'Le budget indiqué est celui de 2023.',
      email: writer.email,
    });
    assert.ok([200, 302, 303].includes(report.statusCode), `${report.statusCode} ${report.body.slice(0, 300)}`);
    // organisations: a request to join another authority, with a message
    const other = await app().createOrganisation({ name: 'Ville d’Ailleurs', type: 'commune' });
    const join = await member.post(`/collectivites/${other}/rejoindre`, {
      message: `Bonjour, ${NAME} du service numérique.`,
    });
    assert.equal(join.statusCode, 303, join.body);
    // accounts: a forgotten-password mail (a job, then the outbox)
    await app().agent().post('/mot-de-passe-oublie', { email: writer.email });
    await app().server.runJobs();
    assert.ok(
      app()
        .outbox()
        .some((m) => m.to.includes(writer.email)),
    );
    // questionnaires: a census response written for the authority
    const questionnaires = app().server.modules.api('questionnaires') as QuestionnairesApi;
    const [censusId] = await questionnaires.questionnaires.installCatalogue();
    const day = 86_400_000;
    const campaign = await questionnaires.campaigns.create(reviewer, {
      questionnaireId: censusId!,
      title: 'Recensement de l’IA',
      description: '',
      opensAt: new Date(Date.now() - day).toISOString(),
      closesAt: new Date(Date.now() + 20 * day).toISOString(),
      targets: { types: [], regions: [], departements: [], organisationIds: [orgId], sirens: [] },
      sirenList: '',
      publicLink: false,
      resultsPublic: false,
      libraryAuto: false,
      reminderDays: [],
    });
    const respondent = await questionnaires.respondents.openAsMember(writer, campaign.id, orgId);
    const question = allQuestions(respondent.version.content).find(
      (q) => q.type === 'short_text' || q.type === 'long_text',
    );
    await questionnaires.responses.autosave(respondent, {
      baseVersion: respondent.response?.version ?? 0,
      answers: { [question!.id]: 'Un assistant pour les courriers.' },
    });
    // a mail still queued when the account is deleted
    await app().agent().post('/connexion/lien', { email: writer.email });

    const exported = await member.get('/compte/donnees.json');
    assert.equal(exported.statusCode, 200);
    const data = exported.json();
    assert.equal(data.account.email, writer.email);
    assert.equal(data.library.reports.length, 1);
    assert.equal(data.library.reports[0].message, 'Le budget indiqué est celui de 2023.');
    assert.deepEqual(
      data.library.apiTokens.map((t: { name: string; organisationId: number }) => [t.name, t.organisationId]),
      [['Logiciel de suivi', orgId]],
    );
    assert.ok(!JSON.stringify(data).includes('bia_'), 'never a token secret');
    assert.ok(
      data.library.useCases.some((u: { id: number; createdByYou: boolean }) => u.id === published.id && u.createdByYou),
    );
    assert.ok(data.library.history.length >= 1);
    const memberships = JSON.stringify(data.memberships);
    assert.match(memberships, /Ville de Lumière/);
    assert.match(memberships, /Ville d’Ailleurs/);
    assert.match(memberships, /service numérique/);
    assert.deepEqual(
      data.questionnaires.map((r: { campaignId: number; lastUpdatedByYou: boolean }) => [
        r.campaignId,
        r.lastUpdatedByYou,
      ]),
      [[campaign.id, true]],
      'questionnaires: the response the person wrote',
    );

    const before = await everyTable(app());
    assert.ok(
      [...before.values()].some((t) => t.includes(writer.email)),
      'the scan sees the address before deletion',
    );
    const deleted = await member.post('/compte/supprimer', { confirm: 'oui' });
    assert.equal(deleted.statusCode, 303, deleted.body);

    for (const [table, text] of await everyTable(app())) {
      assert.ok(!text.includes(writer.email), `adresse restée dans ${table}`);
      assert.ok(!text.includes(NAME.toLowerCase()), `nom resté dans ${table}`);
    }
    for (const m of app().outbox()) {
      const text = JSON.stringify(m).toLowerCase();
      assert.ok(!text.includes(writer.email) && !text.includes(NAME.toLowerCase()), `courriel resté : ${m.subject}`);
    }
    // The queued sign-in mail goes nowhere now.
    await app().server.runJobs();
    assert.ok(
      !app()
        .outbox()
        .some((m) => m.to.includes(writer.email)),
    );
  });
});
