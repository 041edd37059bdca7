import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../test/helpers/app.ts';
import { DEMO_CAMPAIGN_TITLE, seedDemoCampaign } from './seed.ts';
import { CLI_ACTOR, type OrganisationDirectory, type QuestionnairesService } from './service.ts';

describeEachApp('questionnaires demo content', (app) => {
  test('one demo campaign with example responses that pass validation, created once', async () => {
    const services = app().server.modules.services as any;
    const svc = services.questionnaires as QuestionnairesService;
    for (const name of ['Métropole A', 'Métropole B', 'Métropole C', 'Métropole D', 'Métropole E']) {
      await app().createOrganisation({ name, type: 'metropole', regionCode: '84' });
    }
    await svc.installCatalogue();
    const organisations = services.organisations;
    const directory: OrganisationDirectory = {
      findByIds: (ids) => organisations.findByIds(ids),
      findBySiren: (s) => organisations.findBySiren(s),
      list: (f, p) => organisations.list(f, p),
      contactEmails: async () => new Map(),
      divisions: async () => ({ departements: new Map(), regions: new Map() }),
    };
    assert.equal(await seedDemoCampaign(svc, directory), 4);
    assert.equal(await seedDemoCampaign(svc, directory), 0, 'idempotent');
    const campaign = (await svc.listCampaigns(CLI_ACTOR)).find((c) => c.title === DEMO_CAMPAIGN_TITLE)!;
    const dash = await svc.dashboard(CLI_ACTOR, campaign.id);
    assert.deepEqual([dash.overall.invited, dash.overall.submitted, dash.overall.inProgress], [5, 3, 1]);
    const results = await svc.results(null, campaign.id, {});
    assert.equal(results.results.responses, 3);
    const commons = results.results.questions.find((q) => q.question.id === 'categorie_commun');
    assert.ok(commons?.kind === 'choices' && commons.options.find((o) => o.code === 'forecasting')?.count === 1);
  });
});
