// Transparency notices through the pages and the API, on both databases: a member prepares a notice generated from
// the sheet's public fields and its signed assessments (never from members-only fields), it is private and the API
// answers 404 until published, publication is refused while a part is « à compléter », a published notice never
// changes: the next change is a new version, and readers keep the published one until the next publication.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { FIELDS } from '../library/index.ts';
import { publishedSheet } from './test-support.ts';

const PUBLIC = new Set(FIELDS.filter((f) => f.access === 'public').map((f) => f.key as string));

/** The fields of the sheet whose marked values (« n1:contactName ») appear in a page. */
const fieldsShown = (body: string) => [...body.matchAll(/n1:([a-zA-Z]+)/g)].map((m) => m[1]!);

/** The posted edit form of a notice page: every text as shown, with `replace` applied. */
function editForm(body: string, replace: (name: string, value: string) => string = (_n, v) => v) {
  const form: Record<string, string> = {};
  for (const m of body.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) {
    const value = m[2]!
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    form[m[1]!] = replace(m[1]!, value);
  }
  form.version = /name="version" value="(\d+)"/.exec(body)![1]!;
  return form;
}

describeEachApp('responsible AI: transparency notices', (app) => {
  let member: TestAgent;
  let coordinator: TestAgent;
  let visitor: TestAgent;
  let outsider: TestAgent;
  let sheet: { id: number; path: string };

  before(async () => {
    const orgA = await app().createOrganisation({ name: 'Commune Transparente', type: 'commune', siren: '213502388' });
    const orgB = await app().createOrganisation({ name: 'Autre Ville', type: 'commune', siren: '200046977' });
    member = await app().signedIn({
      email: 'notice@transparente.fr',
      memberships: [{ organisationId: orgA, role: 'member' }],
    });
    outsider = await app().signedIn({
      email: 'autre@ville.fr',
      memberships: [{ organisationId: orgB, role: 'editor' }],
    });
    coordinator = await app().signedIn({ email: 'coord@reseau.fr', role: 'coordinator' });
    visitor = app().agent();
    sheet = await publishedSheet(app(), orgA, member, coordinator, 'n1');
  });

  test('nothing published: the page and the API answer 404', async () => {
    assert.equal((await visitor.get(`${sheet.path}/notice`)).statusCode, 404);
    const api = await visitor.get(`/api/v1/use-cases/${sheet.id}/transparency-notice`);
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().error.code, 'not_found');
  });

  test('a prepared notice is generated from public fields only, in two levels, and stays private', async () => {
    const started = await member.post(`${sheet.path}/notice/brouillon`);
    assert.equal(started.statusCode, 302);
    const edit = await member.get(String(started.headers.location));
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /En bref \(pour tout le monde\)/);
    assert.match(edit.body, /Commune Transparente utilise « Valeur n1:title »/);
    assert.match(edit.body, /À compléter par la collectivité avant publication/);
    const shown = fieldsShown(edit.body);
    assert.ok(shown.length > 3, 'public fields are used');
    assert.deepEqual(
      shown.filter((k) => !PUBLIC.has(k)),
      [],
      'no members-only field in a generated notice',
    );
    for (const who of [visitor, outsider]) {
      assert.equal((await who.get(`${sheet.path}/notice`)).statusCode, 404);
      assert.equal((await who.get(`${sheet.path}/notice/modifier`)).statusCode === 200, false);
    }
    const preview = await member.get(`${sheet.path}/notice`);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /en préparation — non publiée/);
  });

  test('publication is refused while a part is « à compléter »; an empty summary has its French message', async () => {
    const edit = await member.get(`${sheet.path}/notice/modifier`);
    const refused = await member.post(`${sheet.path}/notice/modifier`, { ...editForm(edit.body), action: 'publish' });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Complétez la partie « Les données utilisées et leurs sources » avant de publier/);
    const empty = await member.post(`${sheet.path}/notice/modifier`, {
      ...editForm(edit.body, (name, v) => (name === 'resume' ? '' : v)),
      action: 'save',
    });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /Écrivez le résumé de la notice/);
  });

  test('published: everyone reads it, as a page and as JSON', async () => {
    const edit = await member.get(`${sheet.path}/notice/modifier`);
    const form = editForm(edit.body, (_name, v) =>
      v.replace(
        /À compléter par la collectivité avant publication\.?( \(service à contacter et adresse\))?/g,
        'Service numérique, 02 00 00 00 00.',
      ),
    );
    const published = await member.post(`${sheet.path}/notice/modifier`, { ...form, action: 'publish' });
    assert.equal(published.statusCode, 302, published.body.slice(0, 400));
    const page = await visitor.get(`${sheet.path}/notice`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /En bref/);
    assert.match(page.body, /Version 1, publiée le/);
    const api = await visitor.get(`/api/v1/use-cases/${sheet.id}/transparency-notice`);
    assert.equal(api.statusCode, 200);
    const json = api.json();
    assert.equal(json.version, 1);
    assert.equal(json.sections.length, 9);
    assert.match(json.sections.find((s: { key: string }) => s.key === 'donnees').text, /Service numérique/);
  });

  test('a published notice never changes: the next change is version 2, published only when published', async () => {
    const started = await member.post(`${sheet.path}/notice/brouillon`);
    assert.equal(started.statusCode, 302);
    const edit = await member.get(`${sheet.path}/notice/modifier`);
    assert.match(edit.body, /Version 2\./);
    const form = editForm(edit.body, (name, v) =>
      name === 'section_controle' ? 'Un agent relit chaque proposition.' : v,
    );
    assert.equal((await member.post(`${sheet.path}/notice/modifier`, { ...form, action: 'save' })).statusCode, 302);
    const before = await visitor.get(`${sheet.path}/notice`);
    assert.doesNotMatch(before.body, /Un agent relit chaque proposition/);
    assert.equal((await visitor.get(`/api/v1/use-cases/${sheet.id}/transparency-notice`)).json().version, 1);
    // A stale save is refused, nothing overwritten.
    const stale = await member.post(`${sheet.path}/notice/modifier`, { ...form, action: 'save' });
    assert.equal(stale.statusCode, 409);
    const fresh = await member.get(`${sheet.path}/notice/modifier`);
    assert.equal(
      (await member.post(`${sheet.path}/notice/modifier`, { ...editForm(fresh.body), action: 'publish' })).statusCode,
      302,
    );
    const after = await visitor.get(`/api/v1/use-cases/${sheet.id}/transparency-notice`);
    assert.equal(after.json().version, 2);
    assert.match(JSON.stringify(after.json()), /Un agent relit chaque proposition/);
  });

  test('another authority cannot prepare or edit the notice', async () => {
    assert.equal((await outsider.post(`${sheet.path}/notice/brouillon`)).statusCode, 403);
    assert.ok([403, 404].includes((await outsider.post(`${sheet.path}/notice/modifier`, { version: '1' })).statusCode));
  });

  test('both JSON routes are described in the OpenAPI document', async () => {
    const doc = (await visitor.get('/api/openapi.json')).json();
    const notice = doc.paths['/api/v1/use-cases/{ref}/transparency-notice'];
    const assessments = doc.paths['/api/v1/use-cases/{ref}/assessments'];
    assert.ok(notice?.get, 'notice décrite');
    assert.ok(assessments?.get, 'évaluations décrites');
    assert.match(notice.get.description, /404 tant qu’aucune notice n’est publiée/);
    assert.match(assessments.get.description, /Les visiteurs ne reçoivent que les évaluations signées/);
  });
});
