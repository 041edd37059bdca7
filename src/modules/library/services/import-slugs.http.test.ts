import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { everything, libraryOf, person, publishUseCase } from '../test-support.ts';

// Slugs of imported sheets are read for each batch at once (no set of every slug held for the whole file): they are
// still the first free one of « base », « base-2 », « base-3 »…, against the database and the rows of the same file.
const HEADER = 'Nom_collectivite,Nom_du_projet,SIRET,Description_service';
const row = (authority: string, siret: string, title: string) =>
  `${authority},${title},${siret},Un service décrit pour l’essai des adresses de fiches.`;

describeEachApp('library: slugs of imported use cases', (app) => {
  let admin: CurrentUser;
  const library = () => libraryOf(app());

  test('setup: a published sheet already has the title', async () => {
    const orgId = await app().createOrganisation({ name: 'Ville de Lumière', type: 'commune' });
    const member = await person(app(), 'agent@lumiere.fr', 'user', [orgId]);
    admin = await person(app(), 'admin@reseau.fr', 'admin');
    const coordinator = await person(app(), 'coord@reseau.fr', 'coordinator');
    await publishUseCase(library(), member, coordinator, 'Prévision des crues', { marker: 's1' });
  });

  test('each imported sheet gets the first free slug, after the existing ones and the earlier rows of the file', async () => {
    const file = [
      HEADER,
      row('Bordeaux Métropole', '24330031600011', 'Prévision des crues'),
      row('Ville de Paris', '21750001600019', 'Prévision des crues'),
      row('CA SICOVAL', '24310063300391', 'Prévision des crues 2'),
      row('Bordeaux Métropole', '24330031600011', 'Repérage des arbres malades'),
    ].join('\n');
    const report = await library().imports.importFile(admin, { format: 'interconnectes', data: file });
    assert.deepEqual(report.errors, []);
    assert.equal(report.created, 4);
    const found = await library().search.query(null, { ...everything(), perPage: 100 });
    const slugs = found.items.map((i) => i.useCase.slug).sort();
    assert.deepEqual(slugs, [
      'prevision-des-crues',
      'prevision-des-crues-2',
      'prevision-des-crues-2-2',
      'prevision-des-crues-3',
      'reperage-des-arbres-malades',
    ]);
    const bordeaux = found.items.filter((i) => i.useCase.organisation.name === 'Bordeaux Métropole');
    assert.deepEqual(bordeaux.map((i) => i.useCase.slug).sort(), [
      'prevision-des-crues-2',
      'reperage-des-arbres-malades',
    ]);
  });
});
