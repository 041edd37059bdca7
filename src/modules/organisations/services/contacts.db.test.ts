// Contacts and networks on both databases: the other modules' api (contacts by authority, networks and their
// members, the directory filtered by network), the policies (editors of the authority and coordinators only), and the
// CSV imports (line-numbered French errors, nothing saved on error, dry run).
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEachDatabase } from '../../../../test/helpers/databases.ts';
import { HttpError } from '../../../platform/http/errors.ts';
import { actor, contactServicesOf, testPlatform } from '../test-support.ts';

type Services = ReturnType<typeof contactServicesOf>;

const coordinator = actor(9001, 'coordinator');
const stranger = actor(9002);

function status(e: unknown): number | undefined {
  return e instanceof HttpError ? e.status : undefined;
}

describeEachDatabase('contacts and networks of authorities', (database) => {
  let s: Services;
  let paris: number;
  let toulouse: number;
  let essonne: number;
  let angers: number;

  before(async () => {
    s = contactServicesOf(testPlatform(database()));
    const create = s.context.organisations.insertGiven;
    paris = await create({ name: 'Paris', siren: '217500016', inseeCode: '75056', population: 2100000 }, 'test:paris');
    toulouse = await create(
      { name: 'Toulouse', siren: '213100555', inseeCode: '31555', population: 500000 },
      'test:tls',
    );
    essonne = await create({ name: 'Essonne', type: 'departement', siren: '249100157', inseeCode: '91' }, 'test:91');
    angers = await create({ name: 'Angers', inseeCode: '49007', population: 155000 }, 'test:angers');
    await s.networks.seedReference();
  });

  const editorOf = (organisationId: number) =>
    actor(9100 + organisationId, 'user', [{ organisationId, role: 'editor' }]);
  const memberOf = (organisationId: number) =>
    actor(9200 + organisationId, 'user', [{ organisationId, role: 'member' }]);

  it('lets the authority’s editors and the coordinators manage its contacts, and nobody else', async () => {
    const added = await s.contacts.add(editorOf(paris), paris, {
      name: 'Camille Durand',
      function: 'Cheffe de projet IA',
      email: 'Camille.Durand@Paris.fr',
      phone: '01 42 76 40 40',
    });
    assert.equal(added.email, 'camille.durand@paris.fr', 'addresses are kept lower-case');
    assert.equal(added.source, 'saisie');
    assert.equal((await s.contacts.list(coordinator, paris)).length, 1);
    for (const refused of [memberOf(paris), editorOf(toulouse), stranger]) {
      await assert.rejects(s.contacts.list(refused, paris), (e) => status(e) === 403);
      await assert.rejects(
        s.contacts.add(refused, paris, { name: 'X', email: 'x@paris.fr' }),
        (e) => status(e) === 403,
      );
    }
    await assert.rejects(s.contacts.list(null, paris), (e) => status(e) === 401);
  });

  it('refuses a bad e-mail, a bad phone and a second contact with the same address, in French', async () => {
    await assert.rejects(
      s.contacts.add(coordinator, toulouse, { name: '', email: 'pas-une-adresse', phone: 'abc' }),
      (e: any) =>
        status(e) === 422 &&
        /Saisissez le nom/.test(e.fields.name) &&
        /« pas-une-adresse » n’est pas valide/.test(e.fields.email) &&
        /téléphone « abc »/.test(e.fields.phone),
    );
    await s.contacts.add(coordinator, toulouse, { name: 'Alex Martin', email: 'alex.martin@toulouse.fr' });
    await assert.rejects(
      s.contacts.add(coordinator, toulouse, { name: 'Alex M.', email: 'ALEX.MARTIN@toulouse.fr' }),
      (e: any) => status(e) === 422 && /déjà celle d’un contact/.test(e.fields.email),
    );
  });

  it('changes a contact at the version read, and answers a conflict after someone else’s change', async () => {
    const c = await s.contacts.add(coordinator, angers, { name: 'Léa Petit', email: 'lea.petit@angers.fr' });
    const changed = await s.contacts.update(editorOf(angers), c.id, c.version, {
      name: 'Léa Petit',
      function: 'DSI',
      email: 'lea.petit@angers.fr',
    });
    assert.equal(changed.function, 'DSI');
    assert.equal(changed.version, c.version + 1);
    await assert.rejects(
      s.contacts.update(coordinator, c.id, c.version, { name: 'Léa', email: 'lea.petit@angers.fr' }),
      (e) => status(e) === 409,
    );
    await s.contacts.remove(coordinator, c.id);
    assert.deepEqual(await s.contacts.list(coordinator, angers), []);
  });

  it('gives other modules the contacts of many authorities at once, every asked authority present', async () => {
    const byOrg = await s.contacts.contactsOf([paris, toulouse, angers, 999999]);
    assert.deepEqual(
      byOrg.get(paris)?.map((c) => c.email),
      ['camille.durand@paris.fr'],
    );
    assert.deepEqual(byOrg.get(angers), []);
    assert.equal(byOrg.has(999999), true);
  });

  it('imports contacts found by SIREN, SIRET or INSEE code, after a dry run that saves nothing', async () => {
    const csv = [
      'SIREN;SIRET;Code INSEE;Nom;Fonction;E-mail;Téléphone',
      '213100555;;;Sam Bernard;Délégué à la donnée;sam.bernard@toulouse.fr;05 61 22 29 22',
      ';21750001600019;;Noa Leroy;DPO;noa.leroy@paris.fr;',
      ';;49007;Inès Roux;Directrice du numérique;ines.roux@angers.fr;',
      '217500016;;;Camille Durand;Cheffe de projet IA;camille.durand@paris.fr;',
    ].join('\r\n');
    const dry = await s.imports.importContacts(coordinator, csv, { dryRun: true, fileName: 'contacts.csv' });
    assert.deepEqual(dry.errors, []);
    assert.equal(dry.saved, false);
    assert.deepEqual(
      dry.added.map((a) => [a.line, a.organisationName]),
      [
        [2, 'Toulouse'],
        [3, 'Paris'],
        [4, 'Angers'],
      ],
    );
    assert.deepEqual(
      dry.unchanged.map((u) => u.line),
      [5],
      'an address already among the contacts is left as it is',
    );
    assert.equal((await s.contacts.contactsOf([angers])).get(angers)!.length, 0, 'the dry run saved nothing');

    const done = await s.imports.importContacts(coordinator, csv, { dryRun: false, fileName: 'contacts.csv' });
    assert.equal(done.saved, true);
    const angersContacts = (await s.contacts.contactsOf([angers])).get(angers)!;
    assert.deepEqual(
      angersContacts.map((c) => [c.name, c.function, c.source]),
      [['Inès Roux', 'Directrice du numérique', 'import : contacts.csv']],
    );
    const again = await s.imports.importContacts(coordinator, csv, { dryRun: false });
    assert.equal(again.added.length, 0, 'importing the same file twice adds nothing');
  });

  it('refuses a contacts file with a wrong column, an unknown authority, a bad e-mail or a duplicate, line by line, and saves none of its rows', async () => {
    const before = (await s.contacts.contactsOf([paris, toulouse, essonne])).get(essonne)!.length;
    const badHeader = await s.imports.importContacts(
      coordinator,
      'SIREN,Nom,Courriel,Service\n249100157,A,a@b.fr,x\n',
      {
        dryRun: false,
      },
    );
    assert.deepEqual(badHeader.errors, [
      {
        line: 1,
        message:
          'colonne « Service » inconnue (colonnes attendues : SIREN, SIRET, code INSEE, nom, fonction, e-mail, téléphone)',
      },
    ]);
    const csv = [
      'siren,nom,email',
      '249100157,Jo Blanc,jo.blanc@essonne.fr',
      '123456789,Personne,personne@exemple.fr',
      '249100157,Max Noir,max.noir@@essonne',
      '249100157,Jo Blanc bis,JO.BLANC@essonne.fr',
      '24910015,Court,court@essonne.fr',
    ].join('\n');
    const report = await s.imports.importContacts(coordinator, csv, { dryRun: false });
    assert.equal(report.saved, false);
    assert.deepEqual(
      report.errors.map((e) => e.line),
      [3, 4, 5, 6],
    );
    assert.match(report.errors[0]!.message, /aucune collectivité n’a le SIREN 123456789/);
    assert.match(report.errors[1]!.message, /adresse électronique « max\.noir@@essonne » n’est pas valide/);
    assert.match(report.errors[2]!.message, /doublon de la ligne 2/);
    assert.match(report.errors[3]!.message, /SIREN « 24910015 » : il faut 9 chiffres/);
    assert.equal(
      (await s.contacts.contactsOf([essonne])).get(essonne)!.length,
      before,
      'the good row 2 was not saved either',
    );
  });

  it('lets only coordinators import and export contacts', async () => {
    await assert.rejects(
      s.imports.importContacts(editorOf(paris), 'siren,nom,email\n', { dryRun: true }),
      (e) => status(e) === 403,
    );
    await assert.rejects(
      async () => {
        for await (const _ of s.contacts.exportRows(editorOf(paris))) break;
      },
      (e) => status(e) === 403,
    );
    const rows = [];
    for await (const r of s.contacts.exportRows(coordinator)) rows.push(r);
    assert.ok(rows.some((r) => r.organisationName === 'Angers' && r.email === 'ines.roux@angers.fr'));
  });

  it('seeds the reference networks and gives their members to the directory filter', async () => {
    const networks = await s.networks.list();
    assert.deepEqual(
      networks.map((n) => n.name),
      ['France urbaine', 'Intercommunalités de France', 'Les Interconnectés'],
    );
    const franceUrbaine = networks.find((n) => n.code === 'france-urbaine')!;
    assert.equal(await s.networks.addMember(coordinator, franceUrbaine.id, paris), true);
    assert.equal(await s.networks.addMember(coordinator, franceUrbaine.id, paris), false, 'already a member');
    await s.networks.addMember(coordinator, franceUrbaine.id, toulouse);
    assert.deepEqual(
      await s.networks.memberIds(franceUrbaine.id),
      [paris, toulouse].sort((a, b) => a - b),
    );
    const listed = await s.directory.list({ networkId: franceUrbaine.id }, { limit: 10, offset: 0 });
    assert.deepEqual(
      listed.rows.map((o) => o.name),
      ['Paris', 'Toulouse'],
      'by population, as the directory',
    );
    assert.equal(listed.total, 2);
    const filtered = await s.directory.list({ networkId: franceUrbaine.id, q: 'toul' }, { limit: 10, offset: 0 });
    assert.deepEqual(
      filtered.rows.map((o) => o.name),
      ['Toulouse'],
    );
    await assert.rejects(s.networks.addMember(editorOf(paris), franceUrbaine.id, angers), (e) => status(e) === 403);
  });

  it('lets a network’s own coordinators manage its members, named by the site’s coordinators', async () => {
    const person = await s.accounts.createUser({
      email: 'coord.reseau@exemple.fr',
      name: 'Coordinatrice du réseau',
      role: 'coordinator',
      password: null,
      confirmed: true,
    });
    const network = (await s.networks.list()).find((n) => n.code === 'les-interconnectes')!;
    const networkCoordinator = actor(person, 'user');
    await assert.rejects(s.networks.addMember(networkCoordinator, network.id, angers), (e) => status(e) === 403);
    await assert.rejects(s.networks.appoint(editorOf(paris), network.id, person), (e) => status(e) === 403);
    await s.networks.appoint(coordinator, network.id, person);
    assert.equal(await s.networks.addMember(networkCoordinator, network.id, angers), true);
    const page = await s.networks.page(networkCoordinator, network.id, { limit: 10, offset: 0 });
    assert.deepEqual(
      page.coordinators.map((p) => p.name),
      ['Coordinatrice du réseau'],
    );
    assert.equal(page.canManage, true);
    assert.equal(page.canAppoint, false);
  });

  it('imports a network’s members with a dry run, and refuses the whole file on an unknown authority', async () => {
    const network = (await s.networks.list()).find((n) => n.code === 'intercommunalites-de-france')!;
    const good = 'Code INSEE;Nom\n49007;Angers\n31555;Toulouse\n';
    const dry = await s.imports.importMembers(coordinator, network.id, good, { dryRun: true });
    assert.deepEqual(
      dry.added.map((a) => a.organisationName),
      ['Angers', 'Toulouse'],
    );
    assert.deepEqual(await s.networks.memberIds(network.id), []);
    const bad = 'insee\n49007\n99999\n49007\n';
    const refused = await s.imports.importMembers(coordinator, network.id, bad, { dryRun: false });
    assert.deepEqual(refused.errors, [
      { line: 3, message: 'aucune collectivité n’a le code INSEE 99999' },
      { line: 4, message: 'doublon de la ligne 2 (« Angers »)' },
    ]);
    assert.deepEqual(await s.networks.memberIds(network.id), [], 'nothing saved');
    const done = await s.imports.importMembers(coordinator, network.id, good, { dryRun: false });
    assert.equal(done.saved, true);
    assert.deepEqual(
      await s.networks.memberIds(network.id),
      [toulouse, angers].sort((a, b) => a - b),
    );
  });

  it('exports and erases what is held about a person whose address is a contact', async () => {
    const exported = await s.contacts.exportPersonalData('ines.roux@angers.fr');
    assert.deepEqual(
      exported.map((c) => [c.organisation, c.name]),
      [['Angers', 'Inès Roux']],
    );
    const erased = await s.context.db
      .transaction()
      .execute((trx) => s.contacts.erasePersonalData('INES.ROUX@angers.fr', trx));
    assert.equal(erased, 1);
    assert.deepEqual(await s.contacts.exportPersonalData('ines.roux@angers.fr'), []);
  });
});
