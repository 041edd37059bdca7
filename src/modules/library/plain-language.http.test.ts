// « En bref, en langage clair » (issue 13 point 6), on both databases: the field is edited on the first step with its
// French hint and its length limit; the sheet page shows it first, its glossary words linked (the first occurrence per
// section, never in headings), and warns its writers — not visitors — of sentences too long; the field goes out and
// back in through the API and is in the open-data file; the glossary page has an anchor per linked term.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp } from '../../../test/helpers/app.ts';
import { libraryOf, publishUseCase, readersWorld } from './test-support.ts';

const PLAIN =
  'La ville utilise un algorithme pour prévoir le nombre de repas. Un agent vérifie chaque prévision. Le système lit chaque matin les inscriptions de la veille, les menus prévus, la météo annoncée et les vacances scolaires pour proposer un nombre de repas.';

describeEachApp('library: the plain-language summary and the glossary links', (app) => {
  let world: Awaited<ReturnType<typeof readersWorld>>;
  let sheet: { id: number; path: string; version: number };

  before(async () => {
    world = await readersWorld(app());
    sheet = await publishUseCase(libraryOf(app()), world.writer, world.reviewer, 'Prévision des repas des cantines', {
      marker: 'p1',
      content: {
        plainSummary: PLAIN,
        description: 'Un modèle de prévision est entraîné sur trois ans. Le modèle est revu chaque année.',
        lessonsLearned: 'Un algorithme de régression suffit.',
      },
    });
  });

  test('the first step offers the field with its hint; too long a summary is refused in French', async () => {
    const draft = await libraryOf(app()).writing.create(world.writer, world.orgId, { title: 'Brouillon clair' });
    const path = `/bibliotheque/${draft.id}-${draft.slug}`;
    const form = await world.member.get(`${path}/modifier/projet`);
    assert.match(form.body, /En bref, en langage clair/);
    assert.match(form.body, /Des phrases courtes \(20 mots au plus\), sans sigle ni jargon/);
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const tooLong = await world.member.post(`${path}/modifier/projet`, {
      version,
      title: 'Brouillon clair',
      plainSummary: 'x'.repeat(601),
    });
    assert.equal(tooLong.statusCode, 422);
    assert.match(tooLong.body, /href="#champ-plainSummary"/);
    const ok = await world.member.post(`${path}/modifier/projet`, {
      version,
      title: 'Brouillon clair',
      plainSummary: 'Un outil trie les courriers.',
    });
    assert.equal(ok.statusCode, 302, ok.body.slice(0, 300));
    assert.equal(
      (await libraryOf(app()).reading.findUseCase(draft.id))!.content.plainSummary,
      'Un outil trie les courriers.',
    );
  });

  test('the sheet page shows the summary first, its glossary words linked once per section, never in headings', async () => {
    const page = (await world.anonymous.get(sheet.path)).body;
    const summaryAt = page.indexOf('<h2 id="en-bref-title">En bref, en langage clair</h2>');
    assert.ok(summaryAt > 0, 'the block is there');
    const firstSection = page.indexOf('<h2 id="section-');
    assert.ok(summaryAt < firstSection, 'before every section of the sheet');
    const block = page.slice(summaryAt, page.indexOf('</section>', summaryAt));
    assert.match(
      block,
      /<a href="\/glossaire#algorithme" class="glossary-term" title="Algorithme : Une suite d’instructions[^"]*">algorithme<\/a>/,
    );
    assert.equal(block.match(/glossary-term/g)?.length, 2, 'algorithme and prévision, each once');
    const project = page.slice(firstSection, page.indexOf('</section>', firstSection));
    assert.equal(project.match(/href="\/glossaire#modele"/g)?.length, 1, 'the first « modèle » of the section only');
    assert.doesNotMatch(project, /En bref, en langage clair/, 'not repeated among the fields');
    assert.doesNotMatch(page, /<h[1-6][^>]*>[^<]*<a [^>]*glossary-term/, 'no link in a heading');
    assert.match(page, /href="\/glossaire#algorithme"[^>]*>algorithme<\/a> de régression/, 'a new section links again');
  });

  test('its writers are told which sentences are too long; visitors are not', async () => {
    const writer = (await world.member.get(sheet.path)).body;
    assert.match(writer, /1 phrase dépasse 20 mots \(« Le système lit chaque matin les… », 26 mots\)/);
    assert.doesNotMatch((await world.anonymous.get(sheet.path)).body, /phrase dépasse/);
  });

  test('the field goes out through the API and back in, and is in the open-data file', async () => {
    const out = (await world.anonymous.get(`/api/v1/use-cases/${sheet.id}`)).json();
    assert.equal(out.content.plainSummary, PLAIN);
    await world.member.get('/bibliotheque');
    const back = await world.member.request({
      method: 'POST',
      url: '/api/v1/use-cases',
      json: { organisationId: world.orgId, content: { title: 'Copie', plainSummary: out.content.plainSummary } },
      headers: { 'x-csrf-token': world.member.csrfToken },
    });
    assert.equal(back.statusCode, 201, back.body.slice(0, 300));
    assert.equal((await libraryOf(app()).reading.findUseCase(back.json().id))!.content.plainSummary, PLAIN);
    const csv = (await world.anonymous.get('/donnees-ouvertes/bibliotheque-ia.csv')).body;
    assert.match(csv.split('\r\n')[0]!, /En bref, en langage clair/);
    assert.ok(csv.includes('La ville utilise un algorithme pour prévoir le nombre de repas.'));
  });

  test('the glossary page has an anchor per linked term', async () => {
    const page = await world.anonymous.get('/glossaire');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<dt id="algorithme">Algorithme<\/dt>/);
    assert.match(page.body, /<dt id="modele">Modèle<\/dt>/);
    assert.match(page.body, /<h1>Glossaire de l’intelligence artificielle<\/h1>/);
  });
});
