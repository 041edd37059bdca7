// Contacts, networks and the authority edit page through HTTP, on both databases: pages and forms (French errors,
// values kept), CSV imports with line-numbered errors and nothing saved, the CSV export through the product's writer,
// the SIRET kept and edited with its history and optimistic concurrency, the personal-data export and erasure.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { describeEachApp, type TestAgent, type TestApp, withSecondInstance } from '../../../test/helpers/app.ts';
import { type MultipartFile, multipartBody } from '../../../test/helpers/multipart.ts';
import type { OrganisationsApi } from './index.ts';

const service = (app: TestApp) => app.server.modules.api('organisations') as OrganisationsApi;

async function postFile(app: TestApp, agent: TestAgent, url: string, csv: string, fields: Record<string, string> = {}) {
  if (!agent.csrfToken) await agent.get('/');
  const file: MultipartFile = { field: 'file', filename: 'liste.csv', type: 'text/csv', content: csv };
  const { payload, contentType } = multipartBody({ _csrf: agent.csrfToken, ...fields }, [file]);
  return app.server.app.inject({
    method: 'POST',
    url,
    headers: { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType },
    payload,
  });
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describeEachApp('organisations: contacts, networks and the authority edit page', (app) => {
  let paris: number;
  let toulouse: number;
  let editor: TestAgent;
  let member: TestAgent;
  let coordinator: TestAgent;

  before(async () => {
    const api = service(app());
    paris = await api.createOrganisation({
      name: 'Paris',
      siren: '217500016',
      inseeCode: '75056',
      population: 2100000,
    });
    toulouse = await api.createOrganisation({
      name: 'Toulouse',
      siren: '213100555',
      inseeCode: '31555',
      population: 500000,
    });
    editor = await app().signedIn({
      email: 'responsable@paris.fr',
      memberships: [{ organisationId: paris, role: 'editor' }],
    });
    member = await app().signedIn({
      email: 'agent@paris.fr',
      memberships: [{ organisationId: paris, role: 'member' }],
    });
    coordinator = await app().signedIn({ email: 'coordination@reseau.fr', role: 'coordinator' });
    await api.ensureReferenceNetworks();
  });

  describe('contacts of an authority', () => {
    test('its editor adds a contact on its page; a member sees neither the page nor the link', async () => {
      const page = await editor.get(`/collectivites/${paris}`);
      assert.match(page.body, new RegExp(`href="/collectivites/${paris}/contacts"`));
      assert.match(page.body, new RegExp(`href="/collectivites/${paris}/modifier"`));
      const memberPage = await member.get(`/collectivites/${paris}`);
      assert.doesNotMatch(memberPage.body, /\/contacts"/);
      assert.equal((await member.get(`/collectivites/${paris}/contacts`)).statusCode, 403);

      const added = await editor.post(`/collectivites/${paris}/contacts`, {
        name: 'Camille Durand',
        function: 'Cheffe de projet IA',
        email: 'Camille.Durand@paris.fr',
        phone: '01 42 76 40 40',
      });
      assert.equal(added.statusCode, 303);
      const list = await editor.get(`/collectivites/${paris}/contacts`);
      assert.match(list.body, /<h1>Contacts de Paris<\/h1>/);
      assert.match(list.body, /<th scope="row">Camille Durand<\/th>/);
      assert.match(list.body, /camille\.durand@paris\.fr/);
    });

    test('a wrong form is shown again with its errors in French and what was typed', async () => {
      const res = await editor.post(`/collectivites/${paris}/contacts`, {
        name: 'Dominique',
        email: 'dominique@',
        phone: 'x',
      });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /class="error-summary"/);
      assert.match(text(res.body), /L’adresse électronique « dominique@ » n’est pas valide/);
      assert.match(res.body, /value="Dominique"/);
    });

    test('a contact changed by someone else meanwhile is not overwritten (409, the stored version shown)', async () => {
      const [contact] = (await service(app()).contactsOf([paris])).get(paris)!;
      const url = `/collectivites/${paris}/contacts/${contact!.id}/modifier`;
      const form = await editor.get(url);
      assert.match(form.body, new RegExp(`name="version" value="${contact!.version}"`));
      const first = await coordinator.post(url, {
        version: String(contact!.version),
        name: 'Camille Durand',
        function: 'Directrice du numérique',
        email: 'camille.durand@paris.fr',
      });
      assert.equal(first.statusCode, 303);
      const late = await editor.post(url, {
        version: String(contact!.version),
        name: 'Camille D.',
        email: 'camille.durand@paris.fr',
      });
      assert.equal(late.statusCode, 409);
      assert.match(late.body, /modifié par quelqu’un d’autre/);
      const [now] = (await service(app()).contactsOf([paris])).get(paris)!;
      assert.equal(now!.function, 'Directrice du numérique');
    });

    test('a coordinator imports contacts: the dry run saves nothing, a wrong file is refused by line and saves nothing', async () => {
      const good = 'Code INSEE;Nom;Fonction;E-mail\n31555;Inès Roux;DSI;ines.roux@toulouse.fr\n';
      const dry = await postFile(app(), coordinator, '/collectivites/contacts/import', good, { dryRun: '1' });
      assert.equal(dry.statusCode, 200);
      assert.match(text(dry.body), /Essai : 1 contact serait ajouté, rien n’a été enregistré/);
      assert.deepEqual((await service(app()).contactsOf([toulouse])).get(toulouse), []);

      const bad = [
        'siren,nom,email',
        '213100555,Léo Blanc,leo.blanc@toulouse.fr',
        '999999999,Inconnu,inconnu@exemple.fr',
        '213100555,Léa Noir,lea.noir@toulouse',
        '213100555,Léo Blanc,LEO.BLANC@toulouse.fr',
      ].join('\n');
      const refused = await postFile(app(), coordinator, '/collectivites/contacts/import', bad);
      assert.equal(refused.statusCode, 422);
      const body = text(refused.body);
      assert.match(body, /3 lignes à corriger : rien n’a été enregistré/);
      assert.match(body, /Ligne 3 : aucune collectivité n’a le SIREN 999999999/);
      assert.match(body, /Ligne 4 : l’adresse électronique « lea\.noir@toulouse » n’est pas valide/);
      assert.match(body, /Ligne 5 : doublon de la ligne 2/);
      assert.deepEqual((await service(app()).contactsOf([toulouse])).get(toulouse), [], 'line 2 was not saved either');

      const wrongColumn = await postFile(
        app(),
        coordinator,
        '/collectivites/contacts/import',
        'siren;nom;mail;poste2\n',
      );
      assert.equal(wrongColumn.statusCode, 422);
      assert.match(text(wrongColumn.body), /Ligne 1 : colonne « poste2 » inconnue/);

      const done = await postFile(app(), coordinator, '/collectivites/contacts/import', good);
      assert.equal(done.statusCode, 200);
      assert.match(text(done.body), /1 contact ajouté/);
      const [ines] = (await service(app()).contactsOf([toulouse])).get(toulouse)!;
      assert.equal(ines?.source, 'import : liste.csv');
      assert.equal((await postFile(app(), editor, '/collectivites/contacts/import', good)).statusCode, 403);
    });

    test('a contacts file over the size limit (5 Mo by default) is refused with a French 413, nothing saved', async () => {
      const line = '213100555;Personne;Fonction;personne@toulouse.fr\n';
      const big = `SIREN;Nom;Fonction;E-mail\n${line.repeat(Math.ceil((5.5 * 1024 * 1024) / line.length))}`;
      const res = await postFile(app(), coordinator, '/collectivites/contacts/import', big);
      assert.equal(res.statusCode, 413);
      assert.match(text(res.body), /un fichier de contacts ne peut pas dépasser 5 Mo/);
      assert.ok(!(await service(app()).contactsOf([toulouse])).get(toulouse)!.some((c) => c.name === 'Personne'));
    });

    test('the contacts export is a French spreadsheet CSV written by the product’s writer (formulas neutralised)', async () => {
      await service(app()).addContact(paris, {
        name: '=HYPERLINK("x")',
        function: '',
        email: 'formule@paris.fr',
        phone: null,
      });
      const res = await coordinator.get('/collectivites/contacts.csv');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /text\/csv/);
      const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
      assert.equal(lines[0], 'Collectivité;SIREN;Code INSEE;Nom;Fonction;E-mail;Téléphone;Origine;Ajouté le');
      assert.ok(
        lines.some((l) =>
          l.startsWith('Toulouse;213100555;31555;Inès Roux;DSI;ines.roux@toulouse.fr;;import : liste.csv;'),
        ),
      );
      assert.ok(
        lines.some((l) => l.includes(`"'=HYPERLINK(""x"")"`)),
        'the formula is written as text',
      );
      assert.equal((await editor.get('/collectivites/contacts.csv')).statusCode, 403);
    });
  });

  describe('networks', () => {
    test('lists the reference networks; a coordinator adds a member by its INSEE code, shown on both pages', async () => {
      const list = await app().agent().get('/reseaux');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, />France urbaine<\/a>/);
      assert.match(list.body, />Les Interconnectés<\/a>/);
      assert.match(list.body, />Intercommunalités de France<\/a>/);
      const network = (await service(app()).networks()).find((n) => n.code === 'france-urbaine')!;

      const unknown = await coordinator.post(`/reseaux/${network.id}/membres`, { ref: '99999' });
      assert.equal(unknown.statusCode, 422);
      assert.match(text(unknown.body), /Aucune collectivité n’a le code INSEE 99999/);
      assert.equal((await editor.post(`/reseaux/${network.id}/membres`, { ref: '75056' })).statusCode, 403);

      assert.equal((await coordinator.post(`/reseaux/${network.id}/membres`, { ref: '75056' })).statusCode, 303);
      const page = await app().agent().get(`/reseaux/${network.id}`);
      assert.match(page.body, new RegExp(`<a href="/collectivites/${paris}">Paris</a>`));
      assert.match(
        (await app().agent().get(`/collectivites/${paris}`)).body,
        /<a href="\/reseaux\/\d+">France urbaine<\/a>/,
      );
      assert.deepEqual(await service(app()).networkMemberIds(network.id), [paris]);
      const directory = await app().agent().get(`/collectivites?reseau=${network.id}`);
      assert.match(directory.body, /<option value="\d+" selected>France urbaine<\/option>/);
      assert.match(directory.body, /1 résultat</);
      assert.match(directory.body, new RegExp(`<a href="/collectivites/${paris}">Paris</a>`));
      const filtered = await service(app()).list({ networkId: network.id }, { limit: 10, offset: 0 });
      assert.deepEqual(
        filtered.rows.map((o) => o.name),
        ['Paris'],
      );
    });

    test('imports a member list with a dry run; a wrong line refuses the whole file', async () => {
      const network = (await service(app()).networks()).find((n) => n.code === 'les-interconnectes')!;
      const url = `/reseaux/${network.id}/import`;
      const refused = await postFile(app(), coordinator, url, 'SIRET\n21750001600019\n2175000160001\n');
      assert.equal(refused.statusCode, 422);
      assert.match(text(refused.body), /Ligne 3 : SIRET « 2175000160001 » : il faut 14 chiffres/);
      assert.deepEqual(await service(app()).networkMemberIds(network.id), []);
      const dry = await postFile(app(), coordinator, url, 'SIRET;Nom\n21750001600019;Paris\n', { dryRun: '1' });
      assert.match(text(dry.body), /Essai : 1 membre serait ajouté/);
      assert.deepEqual(await service(app()).networkMemberIds(network.id), []);
      await postFile(app(), coordinator, url, 'SIRET;Nom\n21750001600019;Paris\n');
      assert.deepEqual(await service(app()).networkMemberIds(network.id), [paris]);
    });

    test('another instance on the same database sees a member added or removed at once (no stale member list)', async () => {
      const network = (await service(app()).networks()).find((n) => n.code === 'intercommunalites-de-france')!;
      await withSecondInstance(app(), async (second) => {
        const other = second.modules.api('organisations') as OrganisationsApi;
        assert.deepEqual(await other.networkMemberIds(network.id), []);
        assert.equal((await coordinator.post(`/reseaux/${network.id}/membres`, { ref: '31555' })).statusCode, 303);
        assert.deepEqual(await other.networkMemberIds(network.id), [toulouse]);
        const filtered = await other.list({ networkId: network.id }, { limit: 10, offset: 0 });
        assert.deepEqual(
          filtered.rows.map((o) => o.id),
          [toulouse],
        );
        assert.equal(
          (await coordinator.post(`/reseaux/${network.id}/membres/${toulouse}/retirer`, {})).statusCode,
          303,
        );
        assert.deepEqual(await other.networkMemberIds(network.id), []);
      });
    });
  });

  describe('the authority edit page', () => {
    test('its editor keeps a SIRET checked against the SIREN; the history says who changed what', async () => {
      const url = `/collectivites/${paris}/modifier`;
      const form = await editor.get(url);
      assert.equal(form.statusCode, 200);
      const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;

      const wrongSiren = await editor.post(url, { version, siret: '21310055500019' });
      assert.equal(wrongSiren.statusCode, 422);
      assert.match(text(wrongSiren.body), /n’appartient pas au SIREN 217500016/);
      const badKey = await editor.post(url, { version, siret: '21750001600018' });
      assert.equal(badKey.statusCode, 422);
      assert.match(text(badKey.body), /clé de contrôle incorrecte/);

      const saved = await editor.post(url, {
        version,
        siret: '217 500 016 00019',
        contactEmail: 'numerique@paris.fr',
        website: 'https://www.paris.fr',
        logoUrl: '',
      });
      assert.equal(saved.statusCode, 303);
      assert.equal((await service(app()).get(paris)).siret, '21750001600019');
      const page = await app().agent().get(`/collectivites/${paris}`);
      assert.match(page.body, /217 500 016 00019/);
      assert.match(page.body, /numerique@paris\.fr/);
      const history = text((await editor.get(url)).body);
      assert.match(history, /SIRET du siège — 21750001600019 responsable \(saisie\)/);

      const stale = await coordinator.post(url, { version, siret: '', website: 'https://paris.fr' });
      assert.equal(stale.statusCode, 409);
      assert.match(text(stale.body), /Quelqu’un a enregistré cette fiche/);
      assert.equal((await service(app()).get(paris)).siret, '21750001600019', 'the stale save changed nothing');
      assert.equal((await member.get(url)).statusCode, 403);
    });

    test('an import keeps a good SIRET with its source in the history, and reports a wrong one', async () => {
      const report = await service(app()).updateIdentifiers(
        [
          { organisationId: toulouse, siret: '21310055500019' },
          { organisationId: toulouse, siret: '21310055500018' },
        ],
        { source: 'import' },
      );
      assert.deepEqual(report.updated, [toulouse]);
      assert.equal(report.refused.length, 1);
      assert.match(report.refused[0]!.message, /clé de contrôle incorrecte/);
      assert.equal((await service(app()).get(toulouse)).siret, '21310055500019');
      const [change] = await service(app()).historyOf(toulouse);
      assert.deepEqual(
        [change!.field, change!.oldValue, change!.newValue, change!.changedBy, change!.source],
        ['siret', null, '21310055500019', null, 'import'],
      );
    });
  });

  describe('personal data', () => {
    test('a person whose address is a contact finds it in their export, and deleting the account erases it', async () => {
      const person = await app().signedIn({ email: 'ines.roux@toulouse.fr' });
      const exported = await person.get('/compte/donnees.json');
      assert.equal(exported.statusCode, 200);
      const data = JSON.parse(exported.body);
      assert.deepEqual(
        data.memberships.contacts.map((c: { organisation: string; name: string }) => [c.organisation, c.name]),
        [['Toulouse', 'Inès Roux']],
      );
      const deleted = await person.post('/compte/supprimer', { confirm: 'oui' });
      assert.equal(deleted.statusCode, 303);
      assert.deepEqual((await service(app()).contactsOf([toulouse])).get(toulouse), []);
    });

    test('the personal-data page gives the legal basis and the retention of contacts', async () => {
      const page = text((await app().agent().get('/donnees-personnelles')).body);
      assert.match(page, /mission d’intérêt public/);
      assert.match(page, /contacts professionnels/);
    });
  });
});
