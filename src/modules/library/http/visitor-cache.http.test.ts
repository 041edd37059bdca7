import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import { libraryOf, person, publishUseCase } from '../test-support.ts';

describeEachApp('the library page kept for visitors', (app) => {
  test('made-up parameters do not grow the visitors’ page cache: it is keyed by the query the page reads', async () => {
    const library = libraryOf(app());
    const orgId = await app().createOrganisation({ name: 'Commune du Cache', type: 'commune' });
    const editor = await person(app(), 'redaction@cache.fr', 'user', [orgId], 'editor');
    const coordinator = await person(app(), 'coordination@cache.fr', 'coordinator');
    await publishUseCase(library, editor, coordinator, 'Un tri des courriers');
    const visitor = app().agent();
    const first = await visitor.get('/bibliotheque?par_page=100&junk=0');
    assert.equal(first.statusCode, 200);
    const after = library.search.visitorPages();
    assert.equal(after.entries, 1);
    for (let i = 1; i <= 60; i++) {
      const res = await visitor.get(`/bibliotheque?par_page=100&junk=${i}&autre${i}=x`);
      assert.equal(res.statusCode, 200);
    }
    // The same query in another order of parameters is the same page too.
    await visitor.get('/bibliotheque?zzz=1&par_page=100');
    assert.deepEqual(library.search.visitorPages(), after);
    assert.match((await visitor.get('/bibliotheque?par_page=100&junk=61')).body, /Un tri des courriers/);
  });

  test('distinct queries are kept within the cache’s byte budget, counted in bytes', async () => {
    const library = libraryOf(app());
    const visitor = app().agent();
    for (let i = 0; i < 40; i++) await visitor.get(`/bibliotheque?q=${'mot'.repeat(100)}${i}`);
    const held = library.search.visitorPages();
    assert.ok(held.entries >= 2);
    assert.ok(held.bytes > 0 && held.bytes <= held.maxBytes, `${held.bytes} octets pour ${held.maxBytes}`);
    assert.ok(held.maxBytes <= 32 * 1024 * 1024);
  });
});
