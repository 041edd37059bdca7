// An array kept as JSON text reads back as an array, and a missing or damaged value as an empty one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonArray } from './json.ts';

test('a stored array reads back as it was written', () => {
  assert.deepEqual(jsonArray<string>('["eau","energie"]'), ['eau', 'energie']);
  assert.deepEqual(jsonArray<{ id: number }>('[{"id":3}]'), [{ id: 3 }]);
});

test('null, an empty text, damaged JSON or a value that is not an array read as an empty array', () => {
  for (const text of [null, undefined, '', '[1,', '{"a":1}', '"texte"', '42', 'null'])
    assert.deepEqual(jsonArray(text), [], String(text));
});
