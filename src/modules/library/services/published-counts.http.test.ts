// The authority directory (organisations module) shows how many sheets each authority has published and filters
// « avec des fiches »; it learns the counts from the library through a port and follows the library's change counter,
// so a publication, an archiving or a restoration shows at once, through every server instance sharing the database.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp, type TestAgent, withSecondInstance } from '../../../../test/helpers/app.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { libraryOf, person, publishUseCase } from '../test-support.ts';

/** The number in the « Fiches publiées » cell of an authority's row, or null when the row is not listed. */
function sheetsShown(body: string, id: number): number | null {
  const row = new RegExp(`href="/collectivites/${id}"[\\s\\S]*?</tr>`).exec(body);
  if (!row) return null;
  const cells = [...row[0].matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]!);
  return Number(cells.at(-1)!.replace(/\s/g, ''));
}

/** The number beside the « avec des fiches » filter. */
function filterCount(body: string): number {
  const m = /Avec des fiches publiées dans la bibliothèque \((\d+)\)/.exec(body);
  assert.ok(m, 'the « avec des fiches » filter and its count');
  return Number(m[1]);
}

describeEachApp(
  'the authority directory: published sheets counted per authority, « avec des fiches » filter',
  (app) => {
    let ids: { north: number; south: number; quiet: number };
    let north: CurrentUser;
    let south: CurrentUser;
    let quiet: CurrentUser;
    let reviewer: CurrentUser;
    let visitor: TestAgent;
    const sheets: { id: number; version: number }[] = [];

    test('setup: two sheets published by one authority, one by another, a draft by a third', async () => {
      ids = {
        north: await app().createOrganisation({ name: 'Ville Compteuse du Nord', type: 'commune', population: 90_000 }),
        south: await app().createOrganisation({ name: 'Ville Compteuse du Sud', type: 'commune', population: 120_000 }),
        quiet: await app().createOrganisation({ name: 'Ville Compteuse Discrète', type: 'commune', population: 5_000 }),
      };
      north = await person(app(), 'nord@compteuse.fr', 'user', [ids.north], 'editor');
      south = await person(app(), 'sud@compteuse.fr', 'user', [ids.south], 'editor');
      quiet = await person(app(), 'discrete@compteuse.fr', 'user', [ids.quiet], 'editor');
      reviewer = await person(app(), 'coordination@compteuse.fr', 'coordinator');
      visitor = app().agent();
      // The directory is read once before anything is published: what follows must reach an index already built.
      assert.equal(sheetsShown((await visitor.get('/collectivites?q=compteuse')).body, ids.north), 0);
      const library = libraryOf(app());
      sheets.push(await publishUseCase(library, north, reviewer, 'Tri des courriers entrants', { marker: 'c1' }));
      sheets.push(
        await publishUseCase(library, north, reviewer, 'Réponses aux questions fréquentes', { marker: 'c2' }),
      );
      sheets.push(await publishUseCase(library, south, reviewer, 'Détection des nids-de-poule', { marker: 'c3' }));
      await library.writing.create(quiet, ids.quiet, { title: 'Brouillon jamais publié' });
    });

    test('each authority’s row shows its published sheets, a draft counts for nothing', async () => {
      const page = await visitor.get('/collectivites?q=compteuse');
      assert.equal(page.statusCode, 200);
      assert.equal(sheetsShown(page.body, ids.north), 2);
      assert.equal(sheetsShown(page.body, ids.south), 1);
      assert.equal(sheetsShown(page.body, ids.quiet), 0);
      // The same numbers as the library's own count of each authority's published sheets.
      for (const id of [ids.north, ids.south, ids.quiet]) {
        const inLibrary = await libraryOf(app()).reading.useCasesOf(id);
        assert.equal(sheetsShown(page.body, id), inLibrary.total);
      }
    });

    test('« avec des fiches » keeps the authorities that have published sheets, and says how many they are', async () => {
      const all = await visitor.get('/collectivites?q=compteuse');
      assert.equal(filterCount(all.body), 2);
      const withSheets = await visitor.get('/collectivites?q=compteuse&fiches=avec');
      assert.equal(withSheets.statusCode, 200);
      assert.match(withSheets.body, /<input type="checkbox" id="filtre-fiches" name="fiches" value="avec" checked/);
      assert.equal(sheetsShown(withSheets.body, ids.north), 2);
      assert.equal(sheetsShown(withSheets.body, ids.south), 1);
      assert.equal(sheetsShown(withSheets.body, ids.quiet), null);
      assert.match(withSheets.body, /2 résultats/);
    });

    test('ordered by published sheets: most first, whatever the population', async () => {
      const page = await visitor.get('/collectivites?tri=fiches&fiches=avec');
      const northAt = page.body.indexOf(`href="/collectivites/${ids.north}"`);
      const southAt = page.body.indexOf(`href="/collectivites/${ids.south}"`);
      assert.ok(northAt > 0 && southAt > northAt, 'the authority with two sheets comes before the one with one');
    });

    test('archiving a sheet lowers the count at once; the last one archived leaves the filter; restoring brings it back', async () => {
      const library = libraryOf(app());
      const southSheet = sheets[2]!;
      const archived = await library.workflow.act(south, southSheet.id, 'archive', {
        version: southSheet.version,
        reason: 'Projet arrêté.',
      });
      const northSheet = sheets[0]!;
      const northArchived = await library.workflow.act(north, northSheet.id, 'archive', {
        version: northSheet.version,
        reason: 'Remplacé par un autre outil.',
      });
      let page = await visitor.get('/collectivites?q=compteuse&fiches=avec');
      assert.equal(sheetsShown(page.body, ids.north), 1);
      assert.equal(sheetsShown(page.body, ids.south), null);
      assert.equal(filterCount(page.body), 1);
      await library.workflow.act(reviewer, southSheet.id, 'restore', { version: archived.version });
      await library.workflow.act(reviewer, northSheet.id, 'restore', { version: northArchived.version });
      page = await visitor.get('/collectivites?q=compteuse&fiches=avec');
      assert.equal(sheetsShown(page.body, ids.north), 2);
      assert.equal(sheetsShown(page.body, ids.south), 1);
      assert.equal(filterCount(page.body), 2);
    });

    test('the authority’s page says how many sheets it published', async () => {
      const page = await visitor.get(`/collectivites/${ids.north}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Les 2 fiches publiées par Ville Compteuse du Nord/);
    });

    test('another server instance on the same database shows a new publication at once', async () => {
      await withSecondInstance(app(), async (second) => {
        const read = async () =>
          sheetsShown((await second.app.inject({ method: 'GET', url: '/collectivites?q=compteuse' })).body, ids.quiet);
        assert.equal(await read(), 0);
        await publishUseCase(libraryOf(app()), quiet, reviewer, 'Prévision des inscriptions scolaires', {
          marker: 'c4',
        });
        assert.equal(await read(), 1);
      });
    });
  },
);
