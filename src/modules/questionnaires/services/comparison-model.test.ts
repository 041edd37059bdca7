// Two results side by side (pure): answers merged by code with both shares and the difference in points, questions
// matched by id, a question asked by one side only or with another type shown without comparison.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeResults, type Form } from '../../forms/index.ts';
import { compareOptions, compareResults, shareQuestions } from './comparison-model.ts';

const form = (choices: string[], extra: Form['pages'][number]['elements'] = []): Form => ({
  title: 'T',
  language: 'fr',
  pages: [
    {
      id: 'p',
      title: 'P',
      elements: [
        {
          id: 'q',
          type: 'single_choice',
          label: 'Question',
          choices: choices.map((c) => ({ code: c, label: c.toUpperCase() })),
        },
        ...extra,
      ],
    },
  ],
});

test('answers are merged by code: both counts and shares, the difference in points, « not offered » as null', () => {
  const merged = compareOptions(
    [
      { code: 'a', label: 'A', count: 1, percent: 33.3 },
      { code: 'b', label: 'B', count: 2, percent: 66.7 },
    ],
    [
      { code: 'b', label: 'B (nouveau libellé)', count: 1, percent: 25 },
      { code: 'c', label: 'C', count: 3, percent: 75 },
    ],
  );
  assert.deepEqual(merged, [
    { code: 'a', label: 'A', a: { count: 1, percent: 33.3 }, b: null, difference: null },
    {
      code: 'b',
      label: 'B (nouveau libellé)',
      a: { count: 2, percent: 66.7 },
      b: { count: 1, percent: 25 },
      difference: -41.7,
    },
    { code: 'c', label: 'C', a: null, b: { count: 3, percent: 75 }, difference: null },
  ]);
});

test('questions are matched by id; one side only, another type and free texts are not compared', () => {
  const a = computeResults(
    [
      form(
        ['x', 'y'],
        [
          { id: 'texte', type: 'long_text', label: 'Texte' },
          { id: 'n', type: 'number', label: 'N' },
        ],
      ),
    ],
    [
      { q: 'x', texte: 'un', n: 2 },
      { q: 'y', n: 4 },
    ],
    { includeRestricted: true },
  );
  const b = computeResults(
    [
      form(
        ['x', 'y'],
        [
          { id: 'texte', type: 'long_text', label: 'Texte' },
          { id: 'n', type: 'short_text', label: 'N' },
          { id: 'neuf', type: 'yes_no', label: 'Neuf' },
        ],
      ),
    ],
    [{ q: 'x', neuf: true }, { q: 'x' }],
    { includeRestricted: true },
  );
  const compared = compareResults(a, b);
  assert.deepEqual(
    compared.map((q) => [q.id, q.kind, q.kind === 'answered' ? q.reason : '']),
    [
      ['q', 'choices', ''],
      ['texte', 'answered', 'words'],
      ['n', 'answered', 'type'],
      ['neuf', 'answered', 'only_b'],
    ],
  );
  const q = compared[0]!;
  assert.ok(q.kind === 'choices');
  assert.deepEqual(
    q.options.map((o) => [o.code, o.a?.percent, o.b?.percent, o.difference]),
    [
      ['x', 50, 100, 50],
      ['y', 50, 0, -50],
    ],
  );
  assert.ok(shareQuestions(a, b));
});
