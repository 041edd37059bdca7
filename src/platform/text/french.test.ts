import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { count, elides, frenchSlips, ofName, pluralOf } from './french.ts';

describe('French words that depend on what follows', () => {
  it('counts with real plurals: 0 and 1 are singular, thousands are spaced', () => {
    assert.equal(count(0, 'fiche'), '0 fiche');
    assert.equal(count(1, 'erreur signalée', 'erreurs signalées'), '1 erreur signalée');
    assert.equal(count(3, 'fiche soumise', 'fiches soumises'), '3 fiches soumises');
    assert.equal(count(3, 'révision à relire', 'révisions à relire'), '3 révisions à relire');
    assert.equal(count(1200, 'fiche').replace(/\s/g, ' '), '1 200 fiches');
    assert.equal(count(2, 'travail', 'travaux'), '2 travaux');
    assert.equal(pluralOf('prix'), 'prix');
    assert.throws(() => count(2, 'fiche soumise'), /Donnez le pluriel/);
  });

  it('elides « de » before a vowel or a mute h, not before an aspirated h', () => {
    assert.equal(ofName('Angers'), 'd’Angers');
    assert.equal(ofName('Évry-Courcouronnes'), 'd’Évry-Courcouronnes');
    assert.equal(ofName('Hérouville-Saint-Clair'), 'd’Hérouville-Saint-Clair');
    assert.equal(ofName('Haute-Savoie'), 'de Haute-Savoie');
    assert.equal(ofName('Nantes'), 'de Nantes');
    assert.ok(elides('Yvelines'));
    assert.ok(!elides('Le Havre'));
    // Common words with an aspirated h: « personnes en situation de handicap », « de hausse ».
    assert.ok(!elides('handicap'));
    assert.ok(!elides('hausse'));
    assert.ok(elides('habitants'));
  });

  it('contracts « de » with the name’s own article', () => {
    assert.equal(ofName('Le Mans'), 'du Mans');
    assert.equal(ofName('Les Sables-d’Olonne'), 'des Sables-d’Olonne');
    assert.equal(ofName('La Rochelle'), 'de La Rochelle');
  });

  it('finds the slips of templates in a page’s text, and only them', () => {
    const slips = frenchSlips(
      'Invitation de Angers. 3 fiche(s) soumise(s). Les données de Haute-Savoie, de Nantes, d’Orléans, ' +
        'de l’État, en http(s), de Hérouville, De Évry.',
    );
    assert.equal(slips.length, 5, slips.join(' | '));
    assert.match(slips[0]!, /fiche\(s\)/);
    assert.ok(slips.some((s) => s.includes('de Angers')));
    assert.ok(slips.some((s) => s.includes('de Hérouville')));
    assert.ok(slips.some((s) => s.includes('De Évry')));
  });
});
