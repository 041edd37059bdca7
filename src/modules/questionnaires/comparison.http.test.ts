// Two census campaigns compared (issue 10, statistics): question by question, each campaign's counts and shares of
// respondents and the difference in points, read from the results counters; public comparisons only of campaigns
// with public results and under the small-number protection, coordinators' ones of every campaign; the GET form;
// the CSV file. And the responses export's identifier columns (SIREN, INSEE code). Both databases.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { describeEachApp, type TestAgent, type TestApp } from '../../../test/helpers/app.ts';
import type { CurrentUser } from '../../platform/auth/user.ts';
import type { Form } from '../forms/index.ts';
import type { OrganisationsApi } from '../organisations/index.ts';
import { CLI_ACTOR, type QuestionnairesApi } from './index.ts';

const day = 86_400_000;
const questionnaires = (app: TestApp) => app.server.modules.api('questionnaires') as QuestionnairesApi;
const organisations = (app: TestApp) => app.server.modules.api('organisations') as OrganisationsApi;

const usage = {
  id: 'usage',
  type: 'single_choice' as const,
  label: 'Utilisez-vous un outil d’IA ?',
  required: true,
  choices: [
    { code: 'oui', label: 'Oui' },
    { code: 'non', label: 'Non' },
  ],
};
const agents = { id: 'agents', type: 'number' as const, label: 'Agents formés' };
const detail = { id: 'detail', type: 'long_text' as const, label: 'Détail interne' };

/** Version 1; version 2 adds the answer « Nous l’envisageons » and a question on the budget. */
const v1: Form = {
  title: 'Usages',
  language: 'fr',
  pages: [{ id: 'p1', title: 'Usages', elements: [usage, agents, detail] }],
};
const v2: Form = {
  ...v1,
  pages: [
    {
      id: 'p1',
      title: 'Usages',
      elements: [
        { ...usage, choices: [...usage.choices, { code: 'envisage', label: 'Nous l’envisageons' }] },
        agents,
        detail,
        { id: 'budget', type: 'yes_no', label: 'Un budget est-il prévu ?' },
      ],
    },
  ],
};

/**
 * Ten communes o0…o9. « Usages 2025 » (version 1): o0…o5 answer — oui: o0, o1; non: o2…o5; agents 10, 20…60.
 * « Usages 2026 » (version 2): o3…o9 — oui: o3…o7; non: o8; envisage: o9; agents 40, 50…100. Both: o3, o4, o5.
 * « Petite campagne »: o0…o2 (3 respondents, under the minimum of 5). « Campagne interne »: results not public.
 */
describeEachApp('two campaigns compared', (app) => {
  const orgs: number[] = [];
  const campaign: Record<'a' | 'b' | 'small' | 'internal', number> = { a: 0, b: 0, small: 0, internal: 0 };
  let coordinator: TestAgent;

  async function answer(campaignId: number, i: number, answers: Record<string, unknown>) {
    const organisationId = orgs[i]!;
    const email = `agent-${i}-${campaignId}@exemple.fr`;
    const user = await app().createUser({ email, memberships: [{ organisationId, role: 'member' }] });
    const actor: CurrentUser = {
      id: user.id,
      email,
      name: 'Agent',
      role: 'user',
      memberships: [{ organisationId, role: 'member' }],
    };
    const api = questionnaires(app());
    const opened = await api.respondents.openAsMember(actor, campaignId, organisationId);
    await api.responses.autosave(opened, { baseVersion: 0, answers: answers as any, page: 'p1' });
    const again = await api.respondents.openAsMember(actor, campaignId, organisationId);
    await api.responses.submit(again, { baseVersion: again.response!.version });
  }

  async function createCampaign(questionnaireId: number, title: string, resultsPublic: boolean) {
    const now = app().clock.millis();
    const created = await questionnaires(app()).campaigns.create(CLI_ACTOR, {
      questionnaireId,
      title,
      description: '',
      opensAt: new Date(now - day).toISOString(),
      closesAt: new Date(now + 20 * day).toISOString(),
      targets: { types: [], regions: [], departements: [], organisationIds: orgs, sirens: [] },
      sirenList: '',
      publicLink: false,
      resultsPublic,
      libraryAuto: false,
      reminderDays: [],
    } as any);
    return created.id;
  }

  before(async () => {
    for (let i = 0; i < 10; i++)
      orgs.push(
        await organisations(app()).createOrganisation({
          name: `Commune ${i}`,
          type: 'commune',
          regionCode: '53',
          departementCode: '35',
          ...(i === 0 ? { siren: '213502388', inseeCode: '35238' } : {}),
        }),
      );
    const api = questionnaires(app());
    const qid = await api.questionnaires.createBlank(CLI_ACTOR, 'Usages');
    const revision = await api.questionnaires.saveDraft(CLI_ACTOR, qid, 1, v1);
    await api.questionnaires.publish(CLI_ACTOR, qid, revision);
    campaign.a = await createCampaign(qid, 'Usages 2025', true);
    campaign.small = await createCampaign(qid, 'Petite campagne', true);
    campaign.internal = await createCampaign(qid, 'Campagne interne', false);
    for (let i = 0; i <= 5; i++)
      await answer(campaign.a, i, { usage: i < 2 ? 'oui' : 'non', agents: (i + 1) * 10, detail: `Détail ${i}` });
    for (let i = 0; i <= 2; i++) await answer(campaign.small, i, { usage: 'oui' });
    for (let i = 0; i <= 5; i++) await answer(campaign.internal, i, { usage: 'non' });
    await api.questionnaires.publish(CLI_ACTOR, qid, await api.questionnaires.saveDraft(CLI_ACTOR, qid, revision, v2));
    campaign.b = await createCampaign(qid, 'Usages 2026', true);
    for (let i = 3; i <= 9; i++)
      await answer(campaign.b, i, {
        usage: i <= 7 ? 'oui' : i === 8 ? 'non' : 'envisage',
        agents: (i + 1) * 10,
        budget: i % 2 === 0,
      });
    coordinator = await app().signedIn({ email: 'coord-comparaison@reseau.fr', role: 'coordinator' });
  });

  const row = (label: string, cells: string[]) =>
    new RegExp(`<th scope="row">${label}</th>\\s*${cells.map((c) => `<td>${c}</td>`).join('\\s*')}`);

  test('coordinators: counts, shares and the difference in points, question by question', async () => {
    const page = await coordinator.get(`/coordination/campagnes/comparer?a=${campaign.a}&b=${campaign.b}`);
    assert.equal(page.statusCode, 200, page.body.slice(0, 300));
    assert.match(page.body, /<h1>Comparer deux campagnes<\/h1>/);
    assert.match(page.body, /Usages 2025 : 6 réponses envoyées par 6 collectivités/);
    assert.match(page.body, /Usages 2026 : 7 réponses envoyées par 7 collectivités/);
    assert.match(page.body, row('Oui', ['2', '33,3 %', '5', '71,4 %', '\\+38,1']));
    assert.match(page.body, row('Non', ['4', '66,7 %', '1', '14,3 %', '−52,4']));
    // An answer only the second version offers, a question only the second campaign asked.
    assert.match(page.body, row('Nous l’envisageons', ['non proposée', '—', '1', '14,3 %', '—']));
    assert.match(page.body, /Question posée seulement dans « Usages 2026 »/);
    // Numbers: mean, median, minimum, maximum side by side.
    assert.match(page.body, row('Moyenne', ['35', '70']));
    assert.match(page.body, row('Maximum', ['60', '100']));
    // The chart of each campaign, with its data table.
    assert.match(page.body, /Usages 2025 : nombre de réponses/);
    assert.match(page.body, /Voir les données du graphique « Usages 2026 : nombre de réponses »/);
    // Coordinators see the authorities that answered both.
    assert.match(page.body, /3 collectivités ont répondu aux deux campagnes/);
    assert.match(page.body, /<li>Commune 3<\/li>\s*<li>Commune 4<\/li>\s*<li>Commune 5<\/li>/);
    // Free texts are never compared.
    assert.doesNotMatch(page.body, /Détail 1/);
    assert.match(page.body, /Réponses rédigées : seul le nombre de répondants est comparé/);
  });

  test('the public sees the same counts, but not how few authorities answered both', async () => {
    const page = await app().agent().get(`/recensements/comparer?a=${campaign.a}&b=${campaign.b}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, row('Oui', ['2', '33,3 %', '5', '71,4 %', '\\+38,1']));
    assert.match(page.body, /Moins de 5 collectivités : leur nombre n’est pas publié/);
    assert.doesNotMatch(page.body, /Commune 3/);
    // Only campaigns with public results are offered.
    assert.match(page.body, /<option value="\d+"[^>]*>Usages 2025<\/option>/);
    assert.doesNotMatch(page.body, /Campagne interne/);
  });

  test('small numbers: a campaign with fewer respondents than the minimum is not compared in public', async () => {
    const page = await app().agent().get(`/recensements/comparer?a=${campaign.a}&b=${campaign.small}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Comparaison non publiée/);
    assert.match(page.body, /« Petite campagne » a moins de 5 répondants/);
    assert.doesNotMatch(page.body, /<th scope="row">Oui<\/th>/);
    const csv = await app().agent().get(`/recensements/comparer.csv?a=${campaign.a}&b=${campaign.small}`);
    assert.equal(csv.statusCode, 409);
    // Coordinators compare it.
    const forCoordinator = await coordinator.get(
      `/coordination/campagnes/comparer?a=${campaign.a}&b=${campaign.small}`,
    );
    assert.match(forCoordinator.body, row('Oui', ['2', '33,3 %', '3', '100 %', '\\+66,7']));
  });

  test('access: a campaign whose results are not public is compared by coordinators only', async () => {
    const url = `/recensements/comparer?a=${campaign.a}&b=${campaign.internal}`;
    assert.equal((await app().agent().get(url)).statusCode, 404);
    const member = await app().signedIn({ email: 'membre-comparaison@exemple.fr' });
    assert.equal((await member.get(url)).statusCode, 403);
    assert.equal(
      (await member.get(`/coordination/campagnes/comparer?a=${campaign.a}&b=${campaign.b}`)).statusCode,
      403,
    );
    const visitor = await app().agent().get(`/coordination/campagnes/comparer?a=${campaign.a}&b=${campaign.b}`);
    assert.notEqual(visitor.statusCode, 200);
    const coordinated = await coordinator.get(
      `/coordination/campagnes/comparer?a=${campaign.a}&b=${campaign.internal}`,
    );
    assert.equal(coordinated.statusCode, 200);
    assert.match(coordinated.body, row('Non', ['4', '66,7 %', '6', '100 %', '\\+33,3']));
  });

  test('the form: one campaign chosen shows the form, the same twice or a wrong value is a French error', async () => {
    const first = await app().agent().get(`/recensements/comparer?a=${campaign.a}`);
    assert.equal(first.statusCode, 200);
    assert.match(first.body, new RegExp(`<option value="${campaign.a}" selected`));
    const same = await app().agent().get(`/recensements/comparer?a=${campaign.a}&b=${campaign.a}`);
    assert.equal(same.statusCode, 422);
    assert.match(same.body, /Choisissez une seconde campagne différente de la première/);
    const wrong = await app().agent().get(`/recensements/comparer?a=${campaign.a}&b=abc`);
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Choisissez la seconde campagne dans la liste/);
  });

  test('the CSV file: one line per answer, each campaign named, French office dialect by default', async () => {
    const res = await app().agent().get(`/recensements/comparer.csv?a=${campaign.a}&b=${campaign.b}`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/csv/);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.match(lines[0]!, /^identifiant de la question;question;ligne;réponse;première campagne;/);
    assert.ok(lines.includes('usage;Utilisez-vous un outil d’IA ?;;Oui;Usages 2025;2;33,3;Usages 2026;5;71,4;38,1'));
    assert.ok(lines.includes('usage;Utilisez-vous un outil d’IA ?;;Non;Usages 2025;4;66,7;Usages 2026;1;14,3;-52,4'));
    assert.ok(lines.includes('agents;Agents formés;;moyenne;Usages 2025;35;;Usages 2026;70;;35'));
    assert.ok(!lines.some((l) => l.includes('Détail')), 'aucune réponse rédigée');
    const machine = await app()
      .agent()
      .get(`/recensements/comparer.csv?a=${campaign.a}&b=${campaign.b}&separateur=virgule`);
    assert.ok(
      machine.body
        .split('\r\n')
        .includes('usage,Utilisez-vous un outil d’IA ?,,Oui,Usages 2025,2,33.3,Usages 2026,5,71.4,38.1'),
    );
  });

  test('the responses export has the SIREN and INSEE code of each authority (CSV, XLSX, JSON)', async () => {
    const csv = await coordinator.get(`/coordination/campagnes/${campaign.a}/export.csv?separateur=virgule`);
    const [head, ...lines] = csv.body.trim().split('\r\n');
    const cols = head!.split(',');
    assert.deepEqual(cols.slice(0, 5), ['réponse', 'collectivité', 'SIREN', 'code INSEE', 'type de collectivité']);
    const first = lines.find((l) => l.split(',')[1] === 'Commune 0')!.split(',');
    assert.deepEqual(first.slice(1, 5), ['Commune 0', '213502388', '35238', 'Commune']);
    const other = lines.find((l) => l.split(',')[1] === 'Commune 1')!.split(',');
    assert.deepEqual(other.slice(2, 4), ['', '']);
    const xlsx = await coordinator.get(`/coordination/campagnes/${campaign.a}/export.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as any);
    const sheet = workbook.getWorksheet('Réponses')!;
    assert.equal(sheet.getRow(1).getCell(3).value, 'SIREN');
    assert.equal(sheet.getRow(1).getCell(4).value, 'code INSEE');
    const rows = sheet.getRows(2, sheet.rowCount - 1)!;
    const xFirst = rows.find((r) => r.getCell(2).value === 'Commune 0')!;
    assert.equal(String(xFirst.getCell(3).value), '213502388');
    assert.equal(String(xFirst.getCell(4).value), '35238');
    const json = (await coordinator.get(`/coordination/campagnes/${campaign.a}/export.json`)).json();
    const jFirst = json.responses.find((r: any) => r.organisation === 'Commune 0');
    assert.equal(jFirst.siren, '213502388');
    assert.equal(jFirst.inseeCode, '35238');
  });
});
