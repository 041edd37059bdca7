// A catalogue's list query string: read into the catalogue's query, and written back into the pager's links.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogueQuery } from './catalogue-query.ts';

const LIST = catalogueQuery<'kind' | 'status', 'name' | 'updated'>(
  { kind: 'type', status: 'statut' },
  { nom: 'name', date: 'updated' },
);

test('each facet is read from its own parameter, repeated for several values; other parameters are ignored', () => {
  const q = LIST.read({ q: '  prévision  ', type: ['code', 'donnees'], statut: 'maintenu', junk: 'x', tri: 'nom' });
  assert.deepEqual(q, {
    q: 'prévision',
    filters: { kind: ['code', 'donnees'], status: ['maintenu'] },
    sort: 'name',
    page: 1,
  });
});

test('an unknown order is the default order, even a name of Object.prototype; the page stays between 1 and 10,000', () => {
  assert.equal(LIST.read({ tri: 'constructor' }).sort, null);
  assert.equal(LIST.read({ tri: 'name' }).sort, null);
  assert.equal(LIST.read({ page: '0' }).page, 1);
  assert.equal(LIST.read({ page: 'abc' }).page, 1);
  assert.equal(LIST.read({ page: '99999999' }).page, 10_000);
  assert.equal(LIST.read({ page: '3' }).page, 3);
});

test('at most 20 values a facet and 200 characters of text are kept', () => {
  const many = Array.from({ length: 30 }, (_, i) => `v${i}`);
  const q = LIST.read({ type: many, q: 'é'.repeat(300) });
  assert.equal(q.filters.kind?.length, 20);
  assert.equal(q.q.length, 200);
});

test('the pager links keep the searched text, the order and every filter, and change only the page', () => {
  const query = LIST.read({ q: 'prevision', type: ['code', 'donnees'], tri: 'date', page: '2' });
  const links = LIST.links('/communs', query, 'prévision');
  assert.equal(links.sortParam, 'date');
  assert.equal(links.pageHref(3), '/communs?q=pr%C3%A9vision&tri=date&type=code&type=donnees&page=3');
  assert.deepEqual(LIST.read(Object.fromEntries(new URL(`http://x${links.pageHref(3)}`).searchParams)).page, 3);
  assert.equal(LIST.links('/communs', LIST.read({}), '').pageHref(1), '/communs?page=1');
});
