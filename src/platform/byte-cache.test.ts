import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createByteCache, ENTRY_OVERHEAD } from './byte-cache.ts';

test('a byte cache never holds more than its budget, however many distinct keys are written', () => {
  const cache = createByteCache<string>({ maxBytes: 100_000 });
  const body = 'x'.repeat(9_000);
  for (let i = 0; i < 10_000; i++) {
    cache.set(`/bibliotheque?junk=${i}`, body);
    assert.ok(cache.bytes <= 100_000, `${cache.bytes} octets après ${i + 1} écritures`);
  }
  // Five bodies of 18 KB fit in 100 KB, not six.
  assert.equal(cache.size, 5);
});

test('the least recently used entry leaves first; a read counts as a use', () => {
  const cache = createByteCache<string>({ maxBytes: 3 * (2 + 200 + ENTRY_OVERHEAD) });
  cache.set('a', 'x'.repeat(100));
  cache.set('b', 'x'.repeat(100));
  cache.set('c', 'x'.repeat(100));
  assert.ok(cache.get('a'));
  cache.set('d', 'x'.repeat(100));
  assert.equal(cache.get('b'), undefined);
  assert.ok(cache.get('a') && cache.get('c') && cache.get('d'));
});

test('a value larger than the whole budget is not kept, and replacing a key does not count it twice', () => {
  const cache = createByteCache<string>({ maxBytes: 1_000 });
  cache.set('small', 'x');
  cache.set('huge', 'x'.repeat(10_000));
  assert.equal(cache.get('huge'), undefined);
  assert.equal(cache.get('small'), 'x');
  const before = cache.bytes;
  cache.set('small', 'x');
  assert.equal(cache.bytes, before);
  cache.delete('small');
  assert.equal(cache.bytes, 0);
});

test('the number of entries can be bounded as well', () => {
  const cache = createByteCache<string>({ maxBytes: 1_000_000, maxEntries: 3 });
  for (let i = 0; i < 10; i++) cache.set(String(i), 'v');
  assert.equal(cache.size, 3);
  assert.deepEqual(
    ['7', '8', '9'].map((k) => cache.get(k)),
    ['v', 'v', 'v'],
  );
});
