// Results broken down by network (France urbaine, Les Interconnectés, Intercommunalités de France: the organisations
// module's networks, read through the questionnaires ports): the page, the public JSON and the response export, with
// the small-number protection of networks (fewer than the minimum of respondents: not published; a network that
// differs from a published set by a small group: hidden). Both databases.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestApp } from '../../../test/helpers/app.ts';
import type { CurrentUser } from '../../platform/auth/user.ts';
import type { Form } from '../forms/index.ts';
import type { OrganisationsApi } from '../organisations/index.ts';
import { CLI_ACTOR, type QuestionnairesApi } from './index.ts';

const day = 86_400_000;
const questionnaires = (app: TestApp) => app.server.modules.api('questionnaires') as QuestionnairesApi;
const organisations = (app: TestApp) => app.server.modules.api('organisations') as OrganisationsApi;

const form: Form = {
  title: 'Usages du numérique',
  language: 'fr',
  pages: [
    {
      id: 'p1',
      title: 'Usages',
      elements: [
        {
          id: 'usage',
          type: 'single_choice',
          label: 'Utilisez-vous un outil d’IA ?',
          required: true,
          choices: [
            { code: 'oui', label: 'Oui' },
            { code: 'non', label: 'Non' },
          ],
        },
      ],
    },
  ],
};

/**
 * 12 respondents: communes of Bretagne (53) c0…c6, métropoles of Auvergne-Rhône-Alpes (84) m0…m4 — every type,
 * région and type × région set has at least 5 respondents. Networks (minimum 5):
 * - France urbaine: m0, m1, m2, c0, c1, c2 (6, contained in no published set, containing none): published;
 * - Les Interconnectés: c3, c4 and a member that did not answer (2 respondents): too few;
 * - Intercommunalités de France: c0…c5 (6): all communes but one, so « communes − network » would single out c6:
 *   hidden (complementary suppression).
 * Answers: c0, c1, m0 say « oui », everyone else « non ».
 */
describeEachApp('results broken down by network', (app) => {
  let campaignId = 0;
  const ids: Record<string, number> = {};
  const network: Record<string, number> = {};

  async function answer(campaign: number, organisationId: number, usage: string) {
    const email = `agent-${organisationId}-${campaign}@exemple.fr`;
    const user = await app().createUser({ email, memberships: [{ organisationId, role: 'member' }] });
    const actor: CurrentUser = {
      id: user.id,
      email,
      name: 'Agent',
      role: 'user',
      memberships: [{ organisationId, role: 'member' }],
    };
    const api = questionnaires(app());
    const opened = await api.respondents.openAsMember(actor, campaign, organisationId);
    await api.responses.autosave(opened, { baseVersion: 0, answers: { usage }, page: 'p1' });
    const again = await api.respondents.openAsMember(actor, campaign, organisationId);
    await api.responses.submit(again, { baseVersion: again.response!.version });
  }

  before(async () => {
    const orgs = organisations(app());
    for (let i = 0; i < 7; i++)
      ids[`c${i}`] = await app().createOrganisation({ name: `Commune ${i}`, type: 'commune', regionCode: '53' });
    for (let i = 0; i < 5; i++)
      ids[`m${i}`] = await app().createOrganisation({ name: `Métropole ${i}`, type: 'metropole', regionCode: '84' });
    ids.silent = await app().createOrganisation({ name: 'Commune muette', type: 'commune', regionCode: '53' });
    for (const n of await orgs.ensureReferenceNetworks()) network[n.code] = n.id;
    await orgs.addNetworkMembers(
      'france-urbaine',
      ['m0', 'm1', 'm2', 'c0', 'c1', 'c2'].map((k) => ids[k]!),
    );
    await orgs.addNetworkMembers(
      'les-interconnectes',
      ['c3', 'c4', 'silent'].map((k) => ids[k]!),
    );
    await orgs.addNetworkMembers(
      'intercommunalites-de-france',
      ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'].map((k) => ids[k]!),
    );
    const api = questionnaires(app());
    const qid = await api.questionnaires.createBlank(CLI_ACTOR, form.title);
    await api.questionnaires.publish(CLI_ACTOR, qid, await api.questionnaires.saveDraft(CLI_ACTOR, qid, 1, form));
    const now = app().clock.millis();
    const campaign = await api.campaigns.create(CLI_ACTOR, {
      questionnaireId: qid,
      title: 'Usages 2026',
      description: '',
      opensAt: new Date(now - day).toISOString(),
      closesAt: new Date(now + 20 * day).toISOString(),
      targets: { types: [], regions: [], departements: [], organisationIds: Object.values(ids), sirens: [] },
      sirenList: '',
      publicLink: false,
      resultsPublic: true,
      libraryAuto: false,
      reminderDays: [],
    } as any);
    campaignId = campaign.id;
    for (const key of Object.keys(ids).filter((k) => k !== 'silent'))
      await answer(campaignId, ids[key]!, ['c0', 'c1', 'm0'].includes(key) ? 'oui' : 'non');
  });

  const json = async (query: string) => {
    const res = await app().agent().get(`/api/v1/campaigns/${campaignId}/results${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };

  test('the public JSON gives each network its respondents, or why they are not published', async () => {
    const data = await json('');
    assert.deepEqual(data.counts, { responses: 12, authorities: 12 });
    const byName = Object.fromEntries(
      data.breakdown.networks.map((n: any) => [n.label, { respondents: n.respondents, status: n.status }]),
    );
    assert.deepEqual(byName, {
      'France urbaine': { respondents: 6, status: 'published' },
      'Les Interconnectés': { respondents: null, status: 'small' },
      'Intercommunalités de France': { respondents: null, status: 'secondary' },
    });
  });

  test('a published network: exactly its members’ responses, across types and régions', async () => {
    const data = await json(`?reseau=${network['france-urbaine']}`);
    assert.deepEqual(data.filter, { network: network['france-urbaine'] });
    assert.equal(data.withheld, null);
    assert.deepEqual(data.counts, { responses: 6, authorities: 6 });
    const usage = data.results.find((r: any) => r.question.id === 'usage');
    assert.deepEqual(
      usage.options.map((o: any) => [o.code, o.count, o.percent]),
      [
        ['oui', 3, 50],
        ['non', 3, 50],
      ],
    );
  });

  test('a network with too few respondents, or that a difference would reveal, is withheld for the public', async () => {
    const small = await json(`?reseau=${network['les-interconnectes']}`);
    assert.equal(small.withheld, 'small');
    assert.equal(small.results, null);
    assert.equal(small.counts, null);
    const secondary = await json(`?reseau=${network['intercommunalites-de-france']}`);
    assert.equal(secondary.withheld, 'secondary');
    assert.equal(secondary.results, null);
    const page = await app()
      .agent()
      .get(`/recensements/${campaignId}/resultats?reseau=${network['les-interconnectes']}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Résultats non publiés pour ce choix/);
    assert.match(page.body, /<caption>Par réseau<\/caption>/);
    assert.match(page.body, /<th scope="row">Les Interconnectés<\/th>\s*<td>moins de 5<\/td>/);
    assert.match(
      page.body,
      /<th scope="row">Intercommunalités de France<\/th>\s*<td>masqué \(secret statistique\)<\/td>/,
    );
    assert.match(page.body, /<th scope="row">France urbaine<\/th>\s*<td>6<\/td>/);
  });

  test('coordinators see every network’s results, the page filters with a GET form', async () => {
    const coordinator = await app().signedIn({ email: 'coord-reseaux@reseau.fr', role: 'coordinator' });
    const base = `/coordination/campagnes/${campaignId}/resultats`;
    const page = await coordinator.get(`${base}?reseau=${network['intercommunalites-de-france']}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /6 réponses envoyées par 6 collectivités/);
    assert.match(page.body, /<th scope="row">Oui<\/th>\s*<td>2<\/td>/);
    assert.match(page.body, /<th scope="row">Non<\/th>\s*<td>4<\/td>/);
    assert.match(page.body, /<select id="filtre-reseau" name="reseau"/);
    const small = await coordinator.get(`${base}?reseau=${network['les-interconnectes']}`);
    assert.match(small.body, /2 réponses envoyées par 2 collectivités/);
  });

  test('a network goes alone: type and région asked with it are not applied, and the page says so', async () => {
    const data = await json(`?reseau=${network['france-urbaine']}&type=commune&region=53`);
    assert.deepEqual(data.filter, { network: network['france-urbaine'] });
    assert.deepEqual(data.counts, { responses: 6, authorities: 6 });
    const page = await app()
      .agent()
      .get(`/recensements/${campaignId}/resultats?reseau=${network['france-urbaine']}&type=commune`);
    assert.match(page.body, /un réseau ne se combine pas avec les autres filtres/);
  });

  test('an unknown network is a 404 with a French message', async () => {
    const res = await app().agent().get(`/api/v1/campaigns/${campaignId}/results?reseau=999999`);
    assert.equal(res.statusCode, 404);
    assert.match(res.json().error.message, /Ce réseau n'existe pas/);
    const word = await app().agent().get(`/recensements/${campaignId}/resultats?reseau=abc`);
    assert.equal(word.statusCode, 404);
  });

  test('the response export names each authority’s networks', async () => {
    const coordinator = await app().signedIn({ email: 'coord-export-reseaux@reseau.fr', role: 'coordinator' });
    // The machine dialect (commas) so that the test can split lines simply: names hold no comma.
    const csv = await coordinator.get(`/coordination/campagnes/${campaignId}/export.csv?separateur=virgule`);
    assert.equal(csv.statusCode, 200);
    const [head, ...lines] = csv.body.trim().split('\r\n');
    const col = head!.split(',').indexOf('réseaux');
    assert.ok(col > 0, head);
    const of = (name: string) => lines.find((l) => l.split(',')[1] === name)!.split(',')[col];
    assert.equal(of('Commune 0'), 'France urbaine ; Intercommunalités de France');
    assert.equal(of('Commune 3'), 'Intercommunalités de France ; Les Interconnectés');
    assert.equal(of('Commune 6'), '');
    assert.equal(of('Métropole 4'), '');
    const json = (await coordinator.get(`/coordination/campagnes/${campaignId}/export.json`)).json();
    const m0 = json.responses.find((r: any) => r.organisation === 'Métropole 0');
    assert.deepEqual(m0.networks, ['France urbaine']);
  });
});
