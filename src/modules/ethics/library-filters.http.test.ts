// The library's filters fed by responsible AI (issue 11 #7): « notice publiée » and « auto-évaluation réalisée »
// count only what an authority PUBLISHED (a signed but unpublished assessment or a notice in preparation counts for
// nothing), follow a publication at the next query (the catalogue's version includes responsible AI's), and the AI Act
// category filters too. The library learns it through its `ethics` port, never from this module's tables.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp, type TestAgent } from '../../../test/helpers/app.ts';
import { aiActRiskCategories } from '../library/index.ts';
import { assessmentIdIn, publishedSheet, selfPages } from './test-support.ts';

interface FacetCount {
  code: string;
  count: number;
}

/** The notice's edit form as posted, with the parts « à compléter » written. */
function completedNoticeForm(body: string) {
  const form: Record<string, string> = {};
  for (const m of body.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) {
    form[m[1]!] = m[2]!
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(
        /À compléter par la collectivité avant publication\.?( \(service à contacter et adresse\))?/g,
        'Service des usagers, 02 00 00 00 00.',
      );
  }
  form.version = /name="version" value="(\d+)"/.exec(body)![1]!;
  return form;
}

describeEachApp('the library’s « notice publiée », « auto-évaluation réalisée » and AI Act filters', (app) => {
  let member: TestAgent;
  let coordinator: TestAgent;
  let visitor: TestAgent;
  let sheets: { id: number; path: string }[];

  /** The API's search: ids found and the counts of a facet. */
  async function search(query: string, facet: string) {
    const res = await visitor.get(`/api/v1/use-cases?per_page=100&${query}`);
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    const body = res.json() as { items: { id: number }[]; total: number; facets: Record<string, FacetCount[]> };
    const mine = new Set(sheets.map((s) => s.id));
    return {
      ids: body.items.map((i) => i.id).filter((id) => mine.has(id)),
      count: (code: string) => body.facets[facet]?.find((f) => f.code === code)?.count ?? 0,
    };
  }

  before(async () => {
    const org = await app().createOrganisation({ name: 'Commune Filtrée', type: 'commune', siren: '213502388' });
    member = await app().signedIn({ email: 'ia@filtree.fr', memberships: [{ organisationId: org, role: 'member' }] });
    coordinator = await app().signedIn({ email: 'coord@filtree.fr', role: 'coordinator' });
    visitor = app().agent();
    sheets = [
      await publishedSheet(app(), org, member, coordinator, 'f1'),
      await publishedSheet(app(), org, member, coordinator, 'f2'),
      await publishedSheet(app(), org, member, coordinator, 'f3'),
    ];
  });

  test('at first no sheet has a published notice or assessment (the index is built before anything changes)', async () => {
    assert.deepEqual((await search('notice=publiee', 'notice')).ids, []);
    assert.deepEqual((await search('auto_evaluation=realisee', 'auto_evaluation')).ids, []);
  });

  test('a signed self-assessment counts only once the authority publishes it; the filter follows at once', async () => {
    const started = await member.post(`${sheets[0]!.path}/ia-responsable/auto-evaluation`);
    const base = `/ia-responsable/evaluations/${assessmentIdIn(started.headers.location as string)}`;
    for (const [pageId, answers] of Object.entries(selfPages(() => 'oui'))) {
      const page = await member.get(`${base}/page/${pageId}`);
      const version = /name="_version" value="(\d+)"/.exec(page.body)![1]!;
      assert.equal((await member.post(`${base}/page/${pageId}`, { _version: version, ...answers })).statusCode, 302);
    }
    const v = /name="version" value="(\d+)"/.exec((await member.get(base)).body)![1]!;
    assert.equal((await member.post(`${base}/signer`, { version: v })).statusCode, 302);
    const signedOnly = await search('auto_evaluation=realisee', 'auto_evaluation');
    assert.deepEqual(signedOnly.ids, [], 'signed but not published: not public');
    assert.equal((await member.post(`${base}/publier`, { publier: '1' })).statusCode, 302);
    const published = await search('auto_evaluation=realisee', 'auto_evaluation');
    assert.deepEqual(published.ids, [sheets[0]!.id]);
    const all = await search('', 'auto_evaluation');
    assert.equal(all.count('realisee'), 1, 'the count beside the filter');
  });

  test('a notice in preparation counts for nothing; published, its sheet is found by « notice publiée »', async () => {
    const path = sheets[1]!.path;
    assert.equal((await member.post(`${path}/notice/brouillon`)).statusCode, 302);
    assert.deepEqual((await search('notice=publiee', 'notice')).ids, []);
    const edit = await member.get(`${path}/notice/modifier`);
    const published = await member.post(`${path}/notice/modifier`, {
      ...completedNoticeForm(edit.body),
      action: 'publish',
    });
    assert.equal(published.statusCode, 302, published.body.slice(0, 400));
    const found = await search('notice=publiee', 'notice');
    assert.deepEqual(found.ids, [sheets[1]!.id]);
    assert.equal((await search('', 'notice')).count('publiee'), 1);
    // Both filters at once: no sheet has both.
    assert.deepEqual((await search('notice=publiee&auto_evaluation=realisee', 'notice')).ids, []);
  });

  test('the AI Act category filters, with its count; the library page shows the three filters', async () => {
    const category = aiActRiskCategories.codes[1]!;
    const other = aiActRiskCategories.codes.find((c) => c !== category)!;
    const found = await search(`reglement_ia=${category}`, 'reglement_ia');
    assert.deepEqual(found.ids.sort(), sheets.map((s) => s.id).sort());
    assert.equal(found.count(category), 3);
    assert.deepEqual((await search(`reglement_ia=${other}`, 'reglement_ia')).ids, []);
    const page = await visitor.get('/bibliotheque');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Notice de transparence publiée/);
    assert.match(page.body, /Règlement européen sur l’IA/);
    assert.match(page.body, /Auto-évaluation IA responsable/);
  });
});
