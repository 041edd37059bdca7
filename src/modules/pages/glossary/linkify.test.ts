// The glossary linkifier on tricky French text: whole words only, case and accents, plurals, acronyms with their
// case, the longest form first, one link per term and section, addresses left alone, the text kept as written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLinker, type TextSegment } from './linkify.ts';
import { GLOSSARY, type GlossaryTerm } from './terms.ts';

const linker = createLinker(GLOSSARY);
/** The linked words with their term's slug. */
const links = (segments: TextSegment[]) => segments.flatMap((s) => ('slug' in s ? [[s.text, s.slug]] : []));
const joined = (segments: TextSegment[]) => segments.map((s) => s.text).join('');

test('the text is kept exactly as written, links included', () => {
  const text = 'Un Modèle de prévision des repas, entraîné sur trois ans : « modèles » et IA.';
  assert.equal(joined(linker.link(text)), text);
});

test('case and accents do not matter; straight and curly apostrophes are the same', () => {
  assert.deepEqual(links(linker.link('MODÈLE')), [['MODÈLE', 'modele']]);
  assert.deepEqual(links(linker.link('un modele simple')), [['modele', 'modele']]);
  assert.deepEqual(links(linker.link("Les donnees d'entrainement")), [
    ["donnees d'entrainement", 'donnees-d-entrainement'],
  ]);
  assert.deepEqual(links(linker.link('Les données d’entraînement')), [
    ['données d’entraînement', 'donnees-d-entrainement'],
  ]);
});

test('plurals are found, and the plural stays in the text', () => {
  assert.deepEqual(links(linker.link('Deux algorithmes et des réseaux de neurones.')), [
    ['algorithmes', 'algorithme'],
    ['réseaux de neurones', 'reseau-de-neurones'],
  ]);
});

test('terms inside other words are not found', () => {
  assert.deepEqual(links(linker.link('Un résultat biaisé, un remodèle, des IAS, une prévisionniste.')), []);
  assert.deepEqual(links(linker.link('Le biais.')), [['biais', 'biais']]);
});

test('acronyms match with their case only; elisions do not hide a word', () => {
  assert.deepEqual(links(linker.link('l’IA de la ville')), [['IA', 'intelligence-artificielle']]);
  assert.deepEqual(links(linker.link('il y a une ia ici')), []);
  assert.deepEqual(links(linker.link('un total, un ocr')), []);
  assert.deepEqual(links(linker.link('(OCR)')), [['OCR', 'reconnaissance-optique-de-caracteres']]);
});

test('the longest form wins where several start at the same place', () => {
  assert.deepEqual(links(linker.link('Une IA générative répond.')), [['IA générative', 'ia-generative']]);
  assert.deepEqual(links(linker.link('grands modèles de langage')), [
    ['grands modèles de langage', 'grand-modele-de-langage'],
  ]);
});

test('one link per term and section: a shared set keeps the first occurrence only', () => {
  const seen = new Set<string>();
  assert.deepEqual(links(linker.link('Un algorithme, puis un autre algorithme.', seen)), [
    ['algorithme', 'algorithme'],
  ]);
  assert.deepEqual(links(linker.link('Encore un algorithme et un modèle.', seen)), [['modèle', 'modele']]);
  assert.deepEqual(links(linker.link('Un algorithme.')), [['algorithme', 'algorithme']], 'a new section starts again');
});

test('web and e-mail addresses are left alone', () => {
  const text = 'Voir https://exemple.fr/modele-prevision et modele@ville.fr, puis le modèle.';
  assert.deepEqual(links(linker.link(text)), [['modèle', 'modele']]);
  assert.equal(joined(linker.link(text)), text);
});

test('each link carries its term and the first sentence of its definition as a hint', () => {
  const [segment] = linker.link('biais').filter((s) => 'slug' in s) as Extract<TextSegment, { slug: string }>[];
  assert.equal(segment!.term, 'Biais');
  assert.match(segment!.hint, /^Une erreur qui va toujours dans le même sens et désavantage certains groupes\.$/);
});

test('the glossary holds about thirty terms, unique slugs, each with a definition and forms', () => {
  assert.ok(GLOSSARY.length >= 30, String(GLOSSARY.length));
  assert.equal(new Set(GLOSSARY.map((t) => t.slug)).size, GLOSSARY.length);
  for (const t of GLOSSARY as GlossaryTerm[]) {
    assert.ok(t.definition.length > 40 && t.forms.length > 0, t.slug);
    assert.match(t.slug, /^[a-z0-9-]+$/);
  }
  assert.deepEqual(linker.link(''), []);
});
