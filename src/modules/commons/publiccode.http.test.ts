// Creating and refreshing commons from publiccode.yml files (our own test files) through the import page (upload
// and paste) and the command line, on both databases: a good file creates an entry and reports what was not
// mapped; the same repository refreshes the entry (only its maintainers may); each bad input gets its French message
// and creates nothing; the contacts read from the file are shown to the maintainers only, never in public outputs.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { multipartBody } from '../../../test/helpers/multipart.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describeEachApp('commons: publiccode.yml import', (app) => {
  let member: TestAgent;
  let outsider: TestAgent;
  let visitor: TestAgent;
  let orgA: number;
  let importedId: number;

  const total = async () => (await visitor.get('/api/v1/commons')).json().total as number;

  before(async () => {
    orgA = await app().createOrganisation({ name: 'Fictiveville', type: 'commune', siren: '213502388' });
    const orgB = await app().createOrganisation({ name: 'Autre Agglo', type: 'epci', siren: '200046977' });
    member = await app().signedIn({
      email: 'agent@fictiveville.fr',
      memberships: [{ organisationId: orgA, role: 'member' }],
    });
    outsider = await app().signedIn({
      email: 'agent@agglo.fr',
      memberships: [{ organisationId: orgB, role: 'member' }],
    });
    visitor = app().agent();
  });

  test('an uploaded file creates an entry and the report lists what was not mapped', async () => {
    await member.get('/communs/importer-publiccode');
    const { payload, contentType } = multipartBody({ _csrf: member.csrfToken!, mainteneurs: String(orgA) }, [
      {
        field: 'fichier',
        filename: 'publiccode.yml',
        type: 'application/yaml',
        content: fixture('complete.publiccode.yml'),
      },
    ]);
    const res = await app().server.app.inject({
      method: 'POST',
      url: '/communs/importer-publiccode',
      headers: { cookie: [...member.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType },
      payload,
    });
    assert.equal(res.statusCode, 200, res.body.slice(0, 600));
    assert.match(res.body, /<h1>Commun créé depuis publiccode.yml<\/h1>/);
    assert.match(res.body, /Non repris/);
    assert.match(res.body, /softwareVersion/);
    assert.match(res.body, /legal.repoOwner : « Ville de Fictiveville »/);
    importedId = Number(/href="\/communs\/(\d+)"/.exec(res.body)![1]);
    const api = (await visitor.get(`/api/v1/commons/${importedId}`)).json();
    assert.equal(api.name, 'Lecteur de délibérations');
    assert.equal(api.kind, 'code');
    assert.equal(api.status, 'maintained');
    assert.equal(api.licence, 'EUPL-1.2');
    assert.equal(api.documentation_url, 'https://docs.exemple.fr/lecteur');
    assert.deepEqual(
      api.maintainers.map((m: { name: string }) => m.name),
      ['Fictiveville'],
    );
  });

  test('contacts from the file: shown to the maintainers, never to others nor in the API, CSV, JSON or feed', async () => {
    assert.match((await member.get(`/communs/${importedId}`)).body, /camille.exemple@fictiveville.fr/);
    for (const url of [
      `/communs/${importedId}`,
      `/api/v1/commons/${importedId}`,
      '/api/v1/commons',
      '/communs/communs.csv',
      '/communs/communs.json',
      '/communs/flux.atom',
    ]) {
      const res = await visitor.get(url);
      assert.equal(res.statusCode, 200, url);
      assert.doesNotMatch(res.body, /camille|Camille Exemple/, url);
    }
    assert.doesNotMatch((await outsider.get(`/communs/${importedId}`)).body, /camille/);
  });

  test('the same repository refreshes the entry; another authority may not refresh it', async () => {
    const before = await total();
    const changed = fixture('complete.publiccode.yml').replace(
      'developmentStatus: stable',
      'developmentStatus: obsolete',
    );
    const refused = await outsider.post('/communs/importer-publiccode', { contenu: changed });
    assert.equal(refused.statusCode, 403);
    const refreshed = await member.post('/communs/importer-publiccode', { contenu: changed });
    assert.equal(refreshed.statusCode, 200, refreshed.body.slice(0, 400));
    assert.match(refreshed.body, /Commun mis à jour depuis publiccode.yml/);
    assert.equal(await total(), before);
    assert.equal((await visitor.get(`/api/v1/commons/${importedId}`)).json().status, 'archived');
  });

  test('a partial file (pasted) is created with its report', async () => {
    const res = await member.post('/communs/importer-publiccode', {
      contenu: fixture('partial.publiccode.yml'),
      mainteneurs: String(orgA),
    });
    assert.equal(res.statusCode, 200, res.body.slice(0, 400));
    assert.match(res.body, /legal.license : « MIT OR Apache-2.0 »/);
    const id = Number(/href="\/communs\/(\d+)"/.exec(res.body)![1]);
    const api = (await visitor.get(`/api/v1/commons/${id}`)).json();
    assert.equal(api.summary, 'Modello di previsione dei consumi di acqua.');
    assert.equal(api.status, 'building');
    assert.equal(api.licence, null);
  });

  test('each bad input: a French message naming the problem, the form again, nothing created', async () => {
    const before = await total();
    const cases: [Record<string, string>, RegExp][] = [
      [{ contenu: '' }, /Choisissez un fichier publiccode.yml ou collez son contenu/],
      [{ contenu: 'name: [pas fermé\nurl: x' }, /n’est pas du YAML valide \(ligne/],
      [{ contenu: 'name: X\nurl: https://a.fr\n' }, /La clé obligatoire « publiccodeYmlVersion » manque/],
      [{ contenu: 'publiccodeYmlVersion: "0.4"\nurl: https://a.fr\n' }, /La clé obligatoire « name » manque/],
      [{ contenu: 'publiccodeYmlVersion: "0.4"\nname: X\n' }, /La clé obligatoire « url » manque/],
      [
        { contenu: `publiccodeYmlVersion: "0.4"\nname: X\nurl: https://a.fr\n#${'x'.repeat(1024 * 1024)}` },
        /1 Mo au plus/,
      ],
      [
        { contenu: `publiccodeYmlVersion: "0.4"\nname: X\nurl: https://a.fr\nx: ${'['.repeat(30)}${']'.repeat(30)}\n` },
        /imbriqué sur plus de 20 niveaux/,
      ],
      [
        { contenu: 'publiccodeYmlVersion: "0.4"\nname: Nouveau\nurl: https://nouveau.exemple.fr\n' },
        /Indiquez au moins un organisme qui maintient ce commun/,
      ],
    ];
    for (const [form, message] of cases) {
      const res = await member.post('/communs/importer-publiccode', form);
      assert.equal(res.statusCode, 422, `${String(message)} → ${res.statusCode}`);
      assert.match(res.body, /data-error-summary/);
      assert.match(res.body, message);
    }
    assert.equal(await total(), before);
  });

  test('the command line imports a file and reports; a bad file is refused with its message', async () => {
    const command = app().server.modules.commands['commons:import-publiccode']!;
    const dir = mkdtempSync(join(tmpdir(), 'publiccode-'));
    const good = join(dir, 'publiccode.yml');
    writeFileSync(
      good,
      fixture('partial.publiccode.yml').replace('http://depot.exemple.it/acqua', 'https://depot.exemple.it/cli'),
    );
    const lines: string[] = [];
    const log = console.log;
    console.log = (line: string) => lines.push(line);
    try {
      assert.equal(await command.run({ mainteneur: ['213502388'] }, [good]), 0);
      const bad = join(dir, 'mauvais.yml');
      writeFileSync(bad, 'publiccodeYmlVersion: "0.4"\nname: X\n');
      assert.equal(await command.run({}, [bad]), 1);
    } finally {
      console.log = log;
    }
    assert.match(lines[0]!, /^Commun créé : n° \d+ « Previsione consumi idrici »/);
    assert.ok(lines.some((l) => /legal.license/.test(l)));
    assert.ok(lines.some((l) => /Erreur : La clé obligatoire « url » manque/.test(l)));
  });
});
