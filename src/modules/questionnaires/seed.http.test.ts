// The demo campaign (demo mode): example responses that pass validation, created once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../test/helpers/app.ts';
import { systemClock } from '../../platform/clock.ts';
import { CLI_ACTOR } from './index.ts';
import type { OrganisationDirectory } from './ports.ts';
import { DEMO_CAMPAIGN_TITLE, seedDemoCampaign } from './seed.ts';
import { questionnairesOf } from './test-support.ts';

describeEachApp('questionnaires demo content', (app) => {
  test('one demo campaign with example responses that pass validation, created once', async () => {
    const api = questionnairesOf(app());
    for (const name of ['Métropole A', 'Métropole B', 'Métropole C', 'Métropole D', 'Métropole E']) {
      await app().createOrganisation({ name, type: 'metropole', regionCode: '84' });
    }
    // The demo agents' commune is invited as well, and left without an example answer for them to give.
    const nantes = await app().createOrganisation({ name: 'Nantes', type: 'commune', siren: '214401093' });
    await api.questionnaires.installCatalogue();
    const organisations = app().server.modules.api('organisations') as Pick<OrganisationDirectory, 'list'>;
    const directory: Pick<OrganisationDirectory, 'list'> = { list: (f, p) => organisations.list(f, p) };
    const deps = { api, directory, clock: systemClock };
    assert.equal(await seedDemoCampaign(deps), 4);
    assert.equal(await seedDemoCampaign(deps), 0, 'idempotent');
    const campaign = (await api.campaigns.list(CLI_ACTOR)).find((c) => c.title === DEMO_CAMPAIGN_TITLE)!;
    const dash = await api.campaigns.dashboard(CLI_ACTOR, campaign.id);
    assert.deepEqual([dash.summary.invited, dash.summary.submitted, dash.summary.started], [6, 3, 4]);
    assert.ok(
      dash.followUp.some((f) => f.organisationId === nantes),
      'Nantes est invitée (et reste sans réponse : 3 envoyées, 4 commencées, toutes de métropoles)',
    );
    const results = await api.results.results(CLI_ACTOR, campaign.id, {}, { coordination: true });
    assert.equal(results.results!.responses, 3);
    const commons = results.results!.questions.find((q) => q.question.id === 'categorie_commun');
    assert.ok(commons?.kind === 'choices' && commons.options.find((o) => o.code === 'forecasting')?.count === 1);
  });
});
