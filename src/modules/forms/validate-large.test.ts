// Structural validation stays linear on large questionnaires (issue 8, finding 10): a 120,000-choice list is checked
// in one pass, and a duplicate code is still found, with its location and the first use of the code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateForm } from './validate.ts';

function bigForm(choices: { code: string; label: string }[]) {
  return {
    title: 'Communes de France',
    language: 'fr',
    pages: [
      {
        id: 'p1',
        title: 'Commune',
        elements: [{ id: 'commune', type: 'dropdown', label: 'Votre commune', choices }],
      },
    ],
  };
}

const choices = (n: number) => Array.from({ length: n }, (_, i) => ({ code: `c${i}`, label: `Commune ${i}` }));

test('a 120,000-choice list without duplicates is valid', () => {
  const result = validateForm(bigForm(choices(120_000)));
  assert.equal(result.ok, true);
});

test('a duplicate code among 120,000 choices is reported at its place, naming the first use of the code', () => {
  const list = choices(120_000);
  list[119_999] = { code: 'c5', label: 'Doublon' };
  const result = validateForm(bigForm(list));
  assert.equal(result.ok, false);
  const issues = result.ok ? [] : result.issues;
  assert.equal(issues.length, 1);
  assert.equal(issues[0]!.path, 'pages[0].elements[0].choices[119999].code');
  assert.match(issues[0]!.message, /^L'élément 120000 reprend un code : le code « c5 » est utilisé deux fois/);
  assert.match(issues[0]!.message, /d'abord par l'élément 6\.$/);
});
