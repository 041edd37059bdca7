// Public results without identifying anyone, over HTTP (page and JSON), with responses sent and reopened through
// the real answering routes: no breakdown of fewer than the campaign's minimum of respondents (complementary
// suppression so that none can be recovered by subtraction), free texts only where the question allows it,
// authorities and responses counted separately, and the counters following every sending and reopening.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { manualClock } from '../../platform/clock.ts';
import type { Form } from '../forms/index.ts';
import { CLI_ACTOR } from './index.ts';
import { questionnairesOf } from './test-support.ts';

const day = 86_400_000;

/** A short questionnaire: one choice (with « Autre »), a free text kept private, a free text the public may read. */
const form: Form = {
  title: 'Avis sur le service',
  language: 'fr',
  pages: [
    {
      id: 'avis',
      title: 'Votre avis',
      elements: [
        {
          id: 'satisfait',
          type: 'single_choice',
          label: 'Êtes-vous satisfaits ?',
          required: true,
          choices: [
            { code: 'oui', label: 'Oui' },
            { code: 'non', label: 'Non' },
          ],
          allowOther: true,
        },
        { id: 'commentaire', type: 'long_text', label: 'Commentaire interne' },
        { id: 'temoignage', type: 'long_text', label: 'Témoignage publiable', publicText: true },
      ],
    },
  ],
};

/**
 * Respondents by authority type and région: commune/53 ×4, commune/84 ×3, métropole/84 ×2, département/11 ×1.
 * With a minimum of 5: types — métropole (2) and département (1) are too small, and together (3) they could be
 * recovered from the total, so commune (7) is hidden too; régions — Bretagne (4) and Île-de-France (1) are too small
 * and add up to 5: Auvergne-Rhône-Alpes (5) stays published.
 */
const PLAN = [
  ...Array.from({ length: 4 }, () => ({ type: 'commune', region: '53' })),
  ...Array.from({ length: 3 }, () => ({ type: 'commune', region: '84' })),
  ...Array.from({ length: 2 }, () => ({ type: 'metropole', region: '84' })),
  { type: 'departement', region: '11' },
];

describeEachApp(
  'public results protect small numbers',
  (app) => {
    let campaignId: number;
    let coordinator: TestAgent;
    const respondents: { agent: TestAgent; prefix: string }[] = [];

    async function send(r: { agent: TestAgent; prefix: string }, i: number) {
      const { agent, prefix } = r;
      await agent.get(`${prefix}/page/avis`);
      const saved = await agent.request({
        method: 'POST',
        url: `${prefix}/enregistrer`,
        json: {
          baseVersion: 0,
          answers: {
            satisfait: i === 0 ? 'other' : i % 3 ? 'oui' : 'non',
            ...(i === 0 ? { 'satisfait.other': 'Précision de la mairie de Trifouilly' } : {}),
            commentaire: `Commentaire privé de la collectivité numéro ${i}`,
            temoignage: `Témoignage public numéro ${i}`,
          },
          page: 'avis',
        },
        headers: { 'x-csrf-token': agent.csrfToken, accept: 'application/json' },
      });
      assert.equal(saved.statusCode, 200, saved.body);
      const summary = await agent.get(`${prefix}/recapitulatif`);
      const version = /name="_version" value="(\d+)"/.exec(summary.body)?.[1];
      assert.ok(version, summary.body.slice(0, 500));
      const sent = await agent.post(`${prefix}/envoyer`, { _version: version });
      assert.equal(sent.statusCode, 302, sent.body);
    }

    const json = async (query = '') => {
      const res = await app().agent().get(`/api/v1/campaigns/${campaignId}/results${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };

    before(async () => {
      const api = questionnairesOf(app());
      coordinator = await app().signedIn({ email: 'coord@reseau.fr', role: 'coordinator' });
      const organisationIds: number[] = [];
      for (const [i, p] of PLAN.entries()) {
        const id = await app().createOrganisation({ name: `Collectivité ${i}`, type: p.type, regionCode: p.region });
        organisationIds.push(id);
        const email = `agent${i}@collectivite.fr`;
        respondents.push({
          agent: await app().signedIn({ email, memberships: [{ organisationId: id, role: 'member' }] }),
          prefix: '',
        });
      }
      const id = await api.questionnaires.createBlank(CLI_ACTOR, form.title);
      const revision = await api.questionnaires.saveDraft(CLI_ACTOR, id, 1, form);
      await api.questionnaires.publish(CLI_ACTOR, id, revision);
      const now = app().clock.millis();
      const campaign = await api.campaigns.create(CLI_ACTOR, {
        questionnaireId: id,
        title: 'Avis 2026',
        description: '',
        opensAt: new Date(now - day).toISOString(),
        closesAt: new Date(now + 20 * day).toISOString(),
        targets: { types: [], regions: [], departements: [], organisationIds, sirens: [] },
        sirenList: '',
        publicLink: false,
        resultsPublic: true,
        libraryAuto: false,
        reminderDays: [],
      } as any);
      campaignId = campaign.id;
      respondents.forEach((r, i) => {
        r.prefix = `/recensements/${campaignId}/collectivites/${organisationIds[i]}`;
      });
      for (const [i, r] of respondents.entries()) await send(r, i);
    });

    test('the whole campaign is published, with responses and authorities counted', async () => {
      const page = await app().agent().get(`/recensements/${campaignId}/resultats`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /10 réponses envoyées par 10 collectivités/);
      assert.match(page.body, /<th scope="row">Oui<\/th>\s*<td>6<\/td>/);
      const data = await json();
      assert.equal(data.withheld, null);
      assert.deepEqual(data.counts, { responses: 10, authorities: 10 });
      assert.equal(data.minRespondents, 5);
    });

    test('a breakdown with fewer than 5 respondents is not published, on the page and in the data', async () => {
      const page = await app().agent().get(`/recensements/${campaignId}/resultats?type=departement`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Résultats non publiés pour ce choix/);
      assert.match(page.body, /Moins de 5 répondants/);
      assert.doesNotMatch(page.body, /<th scope="row">Oui<\/th>/);
      for (const query of [
        '?type=departement',
        '?type=metropole',
        '?region=53',
        '?region=11',
        '?type=commune&region=84',
      ]) {
        const data = await json(query);
        assert.equal(data.withheld, 'small', query);
        assert.equal(data.results, null, query);
        assert.equal(data.counts, null, query);
      }
    });

    test('a breakdown that would give a small one by subtraction from the total is hidden too', async () => {
      // métropole (2) + département (1) = 3 < 5: hiding them alone would leave total − commune = their results.
      const communes = await json('?type=commune');
      assert.equal(communes.withheld, 'secondary');
      assert.equal(communes.results, null);
      const page = await app().agent().get(`/recensements/${campaignId}/resultats?type=commune`);
      assert.match(page.body, /masqués pour qu’on ne puisse pas retrouver/);
      // Bretagne (4) and Île-de-France (1) together reach 5: Auvergne-Rhône-Alpes stays published.
      const aura = await json('?region=84');
      assert.equal(aura.withheld, null);
      assert.deepEqual(aura.counts, { responses: 5, authorities: 5 });
      const types = Object.fromEntries(data(await json()).types.map((t: any) => [t.value, [t.respondents, t.status]]));
      assert.deepEqual(types, {
        commune: [null, 'secondary'],
        metropole: [null, 'small'],
        departement: [null, 'small'],
      });
      const whole = await app().agent().get(`/recensements/${campaignId}/resultats`);
      assert.match(whole.body, /moins de 5/);
      assert.match(whole.body, /masqué \(secret statistique\)/);
    });

    test('free texts are published only for the questions that allow it; coordinators read them all', async () => {
      const page = await app().agent().get(`/recensements/${campaignId}/resultats`);
      assert.match(page.body, /Témoignage public numéro 3/);
      assert.doesNotMatch(page.body, /Commentaire privé/);
      assert.doesNotMatch(page.body, /Trifouilly/, 'la précision « Autre » est un texte libre');
      assert.match(page.body, /Réponses écrites non publiées/);
      const data = JSON.stringify(await json());
      assert.match(data, /Témoignage public numéro 3/);
      assert.doesNotMatch(data, /Commentaire privé|Trifouilly/);
      const forCoordinators = await coordinator.get(`/coordination/campagnes/${campaignId}/resultats?type=departement`);
      assert.match(forCoordinators.body, /Commentaire privé de la collectivité numéro 9/);
      assert.match((await coordinator.get(`/coordination/campagnes/${campaignId}/resultats`)).body, /Trifouilly/);
    });

    test('reopening and sending again through the answering routes updates the counts at once', async () => {
      const first = respondents[0]!;
      const reopened = await first.agent.post(`${first.prefix}/rouvrir`, {});
      assert.equal(reopened.statusCode, 302, reopened.body);
      assert.deepEqual((await json()).counts, { responses: 9, authorities: 9 });
      const summary = await first.agent.get(`${first.prefix}/recapitulatif`);
      const version = /name="_version" value="(\d+)"/.exec(summary.body)![1]!;
      assert.equal((await first.agent.post(`${first.prefix}/envoyer`, { _version: version })).statusCode, 302);
      assert.deepEqual((await json()).counts, { responses: 10, authorities: 10 });
    });

    test('the coordinators set the minimum per campaign; a wrong number is refused in French', async () => {
      const bad = await coordinator.post(`/coordination/campagnes/${campaignId}/resultats/seuil`, { minCell: 'zéro' });
      assert.equal(bad.statusCode, 302);
      assert.match((await coordinator.get(`/coordination/campagnes/${campaignId}/resultats`)).body, /nombre entier/);
      assert.equal((await json()).minRespondents, 5);
      const ok = await coordinator.post(`/coordination/campagnes/${campaignId}/resultats/seuil`, { minCell: '1' });
      assert.equal(ok.statusCode, 302);
      const departement = await json('?type=departement');
      assert.equal(departement.withheld, null);
      assert.deepEqual(departement.counts, { responses: 1, authorities: 1 });
      await coordinator.post(`/coordination/campagnes/${campaignId}/resultats/seuil`, { minCell: '5' });
    });

    test('results that are not public do not exist for visitors, in the data either', async () => {
      const res = await app().agent().get('/api/v1/campaigns/999999/results');
      assert.equal(res.statusCode, 404);
      assert.ok(res.json().error);
    });
  },
  {},
  { clock: () => manualClock('2026-03-01T09:00:00Z') },
);

const data = (d: any) => d.breakdown;
