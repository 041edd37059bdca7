import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestApp } from '../../../../test/helpers/app.ts';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { HttpError } from '../../../platform/http/errors.ts';
import { libraryOf, person, rejects } from '../test-support.ts';
import { censusResponseKey } from './writing.ts';

describeEachApp('library: writing use cases', (app) => {
  let orgId: number;
  let member: CurrentUser;
  let outsider: CurrentUser;
  let coordinator: CurrentUser;
  const library = () => libraryOf(app());

  test('setup', async () => {
    orgId = await app().createOrganisation({
      name: 'Ville de Lumière',
      type: 'commune',
      departementCode: '69',
      regionCode: '84',
    });
    const otherOrg = await app().createOrganisation({ name: 'Communauté du Val', type: 'communaute_communes' });
    member = await person(app(), 'agent@lumiere.fr', 'user', [orgId]);
    outsider = await person(app(), 'agent@val.fr', 'user', [otherOrg]);
    coordinator = await person(app(), 'coord@reseau.fr', 'coordinator');
  });

  test('a member writes a draft; only the authority and the coordinators see it', async () => {
    await rejects(library().writing.create(outsider, orgId, { title: 'Intrus' }), 403);
    const row = await library().writing.create(member, orgId, {
      title: 'Prévision de la consommation d’énergie des écoles',
    });
    assert.equal(row.state, 'draft');
    assert.equal(row.slug, 'prevision-de-la-consommation-d-energie-des-ecoles');
    assert.equal((await library().reading.useCasePage(member, row.id)).useCase.content.title, row.content.title);
    await rejects(library().reading.useCasePage(null, row.id), 404);
    await rejects(library().reading.useCasePage(outsider, row.id), 404);
    assert.ok(await library().reading.useCasePage(coordinator, row.id));
  });

  test('saving checks formats, and refuses a stale version with the stored one', async () => {
    const row = await library().writing.create(member, orgId, { title: 'Détection des fuites d’eau' });
    const err = await rejects(
      library().writing.save(member, row.id, row.version, { serviceUrl: 'pas un lien' } as never),
      422,
    );
    assert.match(err.fields!.serviceUrl!, /https:\/\//);
    const saved = await library().writing.save(member, row.id, row.version, {
      description: 'Des capteurs repèrent les fuites.',
    });
    assert.equal(saved.version, row.version + 1);
    const conflict = await rejects(library().writing.save(member, row.id, row.version, { partners: 'Syndicat' }), 409);
    assert.equal(conflict.code, 'conflict');
    assert.equal(
      (conflict as HttpError & { details: { content: { description: string } } }).details.content.description,
      'Des capteurs repèrent les fuites.',
    );
  });

  test('a census response with library content becomes one draft, reported with library.use_case_drafted', async () => {
    const payload = {
      responseId: 4242,
      campaignId: 1,
      organisationId: orgId,
      content: { title: 'Chatbot des démarches', commonsCategory: 'conversational_assistant' as const },
      source: 'Recensement 2026, réponse n° 4242',
      actorUserId: null,
    };
    const platform = app().server.platform;
    // Delivered twice (a retried job): one draft only.
    await platform.events.emit('questionnaires.response_submitted', payload, platform.db);
    await platform.events.emit('questionnaires.response_submitted', payload, platform.db);
    await app().server.runJobs();
    const key = censusResponseKey(4242);
    const drafts = await platform.db
      .selectFrom('use_cases')
      .select(['id', 'state', 'organisation_id'])
      .where('external_key', '=', key)
      .execute();
    assert.equal(drafts.length, 1);
    assert.equal(drafts[0]!.state, 'draft');
    assert.equal(drafts[0]!.organisation_id, orgId);
    const row = await library().reading.findUseCase(drafts[0]!.id);
    assert.equal(row!.content.title, 'Chatbot des démarches');
    const drafted = await platform.db
      .selectFrom('jobs')
      .select('payload')
      .where('type', '=', 'event:library.use_case_drafted:questionnaires')
      .execute();
    assert.deepEqual(
      drafted.map((j) => JSON.parse(j.payload)),
      [{ useCaseId: drafts[0]!.id, origin: { kind: 'census_response', id: 4242 } }],
    );
    const mail = app()
      .outbox()
      .find((m) => m.subject === 'Nouveau brouillon de fiche : Chatbot des démarches');
    assert.deepEqual(mail?.to, ['agent@lumiere.fr']);
  });

  test('a census response without library content creates nothing', async () => {
    const platform = app().server.platform;
    const before = await countUseCases(app());
    await platform.events.emit(
      'questionnaires.response_submitted',
      { responseId: 4243, campaignId: 1, organisationId: orgId, actorUserId: null },
      platform.db,
    );
    await app().server.runJobs();
    assert.equal(await countUseCases(app()), before);
  });
});

async function countUseCases(app: TestApp): Promise<number> {
  const row = await app.server.platform.db
    .selectFrom('use_cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
