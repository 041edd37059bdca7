import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeReturnPath } from './return-path.ts';

/** Every spelling that a browser reads as another site, or as something other than a page of this one. */
const HOSTILE = [
  '',
  'bibliotheque',
  '//evil.example',
  '///evil.example',
  '/.//evil.example',
  '/./../..//evil.example',
  '/x/..//evil.example',
  '/%2e//evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/\\/evil.example',
  '\\/evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '\t//evil.example',
  ' //evil.example',
  '/\nSet-Cookie:x',
  '/\u0000',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'https://evil.example/',
  'http://evil.example',
  'http:evil.example',
  'https:/evil.example',
  '//localhost:3000@evil.example',
  'mailto:x@evil.example',
  '/deconnexion',
  `/${'a'.repeat(2100)}`,
  42,
  null,
  undefined,
  ['/compte'],
];

test('a return path refuses every address that leaves the site, however it is spelt', () => {
  for (const bad of HOSTILE) {
    assert.equal(safeReturnPath(bad), null, JSON.stringify(bad));
  }
});

test('a return path keeps a path of this site with its query and fragment', () => {
  assert.equal(safeReturnPath('/bibliotheque?q=eau#r'), '/bibliotheque?q=eau#r');
  assert.equal(safeReturnPath('/collectivites/12'), '/collectivites/12');
  assert.equal(safeReturnPath('/'), '/');
});

test('a return path is given back normalised and encoded, so that it is a valid Location header', () => {
  assert.equal(safeReturnPath('/a/./b/../c'), '/a/c');
  assert.equal(safeReturnPath('/bibliothèque?q=été'), '/biblioth%C3%A8que?q=%C3%A9t%C3%A9');
  // Encoded slashes stay encoded: the browser asks this site for that path.
  assert.equal(safeReturnPath('/%2f%2fevil.example'), '/%2f%2fevil.example');
  assert.equal(safeReturnPath('/%2F%2Fevil.example'), '/%2F%2Fevil.example');
});

test('a return path may be restricted to a part of the site', () => {
  assert.equal(safeReturnPath('/bibliotheque/12', { within: '/bibliotheque/' }), '/bibliotheque/12');
  assert.equal(safeReturnPath('/compte', { within: '/bibliotheque/' }), null);
  assert.equal(safeReturnPath('/bibliotheque/../compte', { within: '/bibliotheque/' }), null);
});

test('an absolute address is accepted only for the site’s own origin, and turned into its path', () => {
  const origin = 'https://bibliotheque.example.fr';
  assert.equal(safeReturnPath('https://bibliotheque.example.fr/compte?x=1', { origin }), '/compte?x=1');
  assert.equal(safeReturnPath('https://bibliotheque.example.fr.evil.example/compte', { origin }), null);
  assert.equal(safeReturnPath('http://bibliotheque.example.fr/compte', { origin }), null);
  assert.equal(safeReturnPath('https://bibliotheque.example.fr//evil.example', { origin }), null);
  assert.equal(safeReturnPath('javascript:alert(1)', { origin }), null);
});
