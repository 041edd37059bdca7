// State labs and other partners (issue 12, point 5), on both databases: an administrator adds a State lab without
// SIREN (a team inside an administration), audited; every other role is refused; wrong fields get French messages
// and nothing is written; the directory filters by the new types; a commons entry shows such a body as a partner;
// the reference seed adds the real State labs once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp, type TestApp } from '../../../test/helpers/app.ts';
import type { OrganisationsApi } from './index.ts';
import { REFERENCE_STATE_LABS } from './services/partners.ts';

const service = (app: TestApp) => app.server.modules.api('organisations') as OrganisationsApi;

async function labsNamed(app: TestApp, q: string) {
  const res = await app.agent().get(`/api/v1/organisations?type=laboratoire_etat&q=${encodeURIComponent(q)}`);
  assert.equal(res.statusCode, 200);
  return res.json().data as { id: number; name: string; type: string; typeLabel: string; siren: string | null }[];
}

describeEachApp('organisations: State labs and other partners', (app) => {
  test('an administrator adds a State lab without SIREN; it is audited and listed under its type', async () => {
    const admin = await app().signedIn({ email: 'admin.labs@exemple.fr', role: 'admin' });
    const form = await admin.get('/admin/collectivites/nouvelle');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<option value="laboratoire_etat">Laboratoire de l(&#39;|')État<\/option>/);
    assert.match(form.body, /<option value="entreprise">Entreprise<\/option>/);

    const created = await admin.post('/admin/collectivites/nouvelle', {
      name: '  Laboratoire   des données du ministère  ',
      type: 'laboratoire_etat',
      siren: '',
      siret: '',
      website: 'https://lab.exemple.gouv.fr',
    });
    assert.equal(created.statusCode, 303, created.body.slice(0, 400));
    const page = await admin.get(created.headers.location as string);
    assert.match(page.body, /« Laboratoire des données du ministère » a été ajouté/);
    assert.match(page.body, /Laboratoire de l(&#39;|')État/);

    const [lab] = await labsNamed(app(), 'données du ministère');
    assert.equal(lab?.name, 'Laboratoire des données du ministère');
    assert.equal(lab?.siren, null);
    const directory = await app().agent().get('/collectivites?type=laboratoire_etat');
    assert.match(directory.body, />Laboratoire des données du ministère<\/a>/);
    const companies = await app().agent().get('/collectivites?type=entreprise');
    assert.doesNotMatch(companies.body, /Laboratoire des données du ministère/);

    const audit = await app().server.platform.audit.list({ limit: 5, offset: 0, subjectType: 'organisation' });
    assert.equal(audit.rows[0]?.action, 'organisation.created');
    assert.equal(String(audit.rows[0]?.subjectId), String(lab?.id));

    const again = await admin.post('/admin/collectivites/nouvelle', {
      name: 'Laboratoire des données du ministère',
      type: 'laboratoire_etat',
    });
    assert.equal(again.statusCode, 422);
    assert.match(again.body, /« Laboratoire des données du ministère » existe déjà \(laboratoire de l(&#39;|')état\)/);
    assert.equal((await labsNamed(app(), 'données du ministère')).length, 1);
  });

  test('a company still needs its SIREN, and a missing name or type is named in French', async () => {
    const admin = await app().signedIn({ email: 'admin.labs2@exemple.fr', role: 'admin' });
    const company = await admin.post('/admin/collectivites/nouvelle', {
      name: 'Société imaginaire',
      type: 'entreprise',
    });
    assert.equal(company.statusCode, 422);
    assert.match(company.body, /Saisissez le numéro SIREN \(9 chiffres\)/);
    assert.match(company.body, /value="Société imaginaire"/, 'what was typed is kept');
    const empty = await admin.post('/admin/collectivites/nouvelle', { name: '', type: '' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Saisissez le nom de l(&#39;|')organisme/);
    assert.match(empty.body, /Choisissez le type d(&#39;|')organisme/);
    const unknown = await admin.post('/admin/collectivites/nouvelle', { name: 'Lab', type: 'laboratoire' });
    assert.match(unknown.body, /Choisissez un type d(&#39;|')organisme dans la liste/);
    assert.equal(
      (
        await app()
          .agent()
          .get('/api/v1/organisations?q=imaginaire')
          .then((r) => r.json())
      ).data.length,
      0,
    );
  });

  test('nobody but an administrator may add a State lab', async () => {
    const coordinator = await app().signedIn({ email: 'coord.labs@exemple.fr', role: 'coordinator' });
    const member = await app().signedIn({ email: 'member.labs@exemple.fr' });
    for (const agent of [coordinator, member]) {
      const res = await agent.post('/admin/collectivites/nouvelle', { name: 'Lab refusé', type: 'laboratoire_etat' });
      assert.equal(res.statusCode, 403);
    }
    const visitor = await app().agent().post('/admin/collectivites/nouvelle', {
      name: 'Lab refusé',
      type: 'laboratoire_etat',
    });
    assert.notEqual(visitor.statusCode, 303);
    assert.equal((await labsNamed(app(), 'refusé')).length, 0);
  });

  test('the reference seed adds the real State labs once; a commons entry shows one as a partner', async () => {
    const seedReference = () => app().server.modules.seed({ demo: false, log: () => {} });
    await seedReference();
    await seedReference();
    for (const lab of REFERENCE_STATE_LABS) {
      const found = await labsNamed(app(), lab.name);
      assert.deepEqual(
        found.map((o) => o.name),
        [lab.name],
        `${lab.name} seeded once`,
      );
    }
    const etalab = (await labsNamed(app(), REFERENCE_STATE_LABS[0]!.name))[0]!;
    const code = (await service(app()).findByIds([etalab.id]))[0]?.code;
    assert.ok(code?.startsWith('laboratoire_etat:'));

    const town = await app().createOrganisation({ name: 'Ville des Partenaires', type: 'commune' });
    const townCode = (await service(app()).findByIds([town]))[0]?.code;
    // A coordinator may name any body as maintainer (a member only their own authorities).
    const coordinator = await app().signedIn({ email: 'coord@partenaires.fr', role: 'coordinator' });
    const created = await coordinator.post('/communs/nouveau', {
      nom: 'Détection d’anomalies sur les compteurs',
      resume: 'Un modèle qui repère les relevés de compteurs anormaux.',
      type: 'model',
      statut: 'available',
      licence: 'EUPL-1.2',
      depot: 'https://depot.exemple.fr/anomalies',
      themes: ['ecological_transition'],
      categorie: 'anomaly_detection',
      autres_mainteneurs: `${townCode}\n${code}`,
    });
    assert.equal(created.statusCode, 302, /<div class="error-summary"[\s\S]*?<\/div>/.exec(created.body)?.[0]);
    const page = await app()
      .agent()
      .get(created.headers.location as string);
    assert.match(
      page.body,
      /<h2>Maintenu par<\/h2>\s*<ul>\s*<li>\s*<a href="\/collectivites\/\d+">Ville des Partenaires/,
    );
    assert.match(
      page.body,
      new RegExp(`<h2>Partenaires</h2>\\s*<ul>\\s*<li>\\s*<a href="/collectivites/${etalab.id}">`),
    );
  });
});
