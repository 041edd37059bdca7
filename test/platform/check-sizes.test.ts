// The size check of `npm run check` (scripts/check-sizes.mjs) finds functions by scanning the text: these cases
// show that it measures what a reader would call one function, and is not fooled by braces in strings or comments.
import assert from 'node:assert/strict';
import { test } from 'node:test';
// @ts-expect-error: a plain ES module of the build tools, without types.
import { blankNonCode, functionBlocks } from '../../scripts/check-sizes.mjs';

const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');

test('measures declarations, methods and arrow functions from their first to their last line', () => {
  const source = [
    `export function big() {\n${body(301)}\n}`,
    `const small = (a: number) => {\n${body(3)}\n};`,
    `const o = {\n  async method(x: string) {\n${body(2)}\n  },\n};`,
  ].join('\n');
  const blocks: { name: string; lines: number }[] = functionBlocks(source);
  const byName = Object.fromEntries(blocks.map((b) => [b.name, b.lines]));
  assert.equal(byName.big, 303);
  assert.equal(byName.small, 5);
  assert.equal(byName.method, 4);
});

test('braces inside strings, template literals and comments do not end a function early', () => {
  const source = [
    'function tricky() {',
    "  const a = '}';",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text under test holds a template literal.
    '  const b = `} ${"{"} }`;',
    '  // }',
    '  /* } */',
    '  return a + b;',
    '}',
  ].join('\n');
  assert.deepEqual(
    functionBlocks(source).map((b: { name: string; lines: number }) => [b.name, b.lines]),
    [['tricky', 7]],
  );
  assert.equal(blankNonCode("x = '{'").includes('{'), false);
});
