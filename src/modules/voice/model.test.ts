// The pure rules of citizens' voice: folding, links, the blocklist as whole words, the checks of a message and of a
// pseudonym, pre-moderation and the reports rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  blockedWordIn,
  checkMessage,
  checkPseudonym,
  compileBlocklist,
  countLinks,
  fold,
  hiddenByReports,
  needsApproval,
} from './model.ts';

test('fold: lower case, accents and ligatures folded, spaces collapsed', () => {
  assert.equal(fold('  Œuvre  ÉLÉGANTE\tà Noël '), 'oeuvre elegante a noel');
});

test('links are counted by scheme or www., whatever their case', () => {
  assert.equal(countLinks('voir https://a.fr et HTTP://b.fr puis www.c.fr'), 3);
  assert.equal(countLinks('pas de lien ici, juste un point.fr'), 0);
});

test('a blocked word matches whole words only, accents and case folded; expressions too', () => {
  assert.equal(blockedWordIn('Quel ENFOIRÉ !', ['enfoiré']), 'enfoiré');
  assert.equal(blockedWordIn('Un casino   en ligne gratuit', ['casino en ligne']), 'casino en ligne');
  assert.equal(blockedWordIn('Les enfoirés chantent', ['enfoiré']), null, 'another word containing it passes');
  assert.equal(blockedWordIn('rien à signaler', []), null);
});

test('a message: kind allowed for the person, text required for questions only, length and links limited', () => {
  const words = ['interdit'];
  assert.deepEqual(checkMessage({ kind: 'support', body: '' }, { canAnswer: false, blockedWords: words }), {
    ok: true,
    kind: 'support',
    body: '',
  });
  const official = checkMessage({ kind: 'official', body: 'Réponse' }, { canAnswer: false, blockedWords: words });
  assert.equal(official.ok, false);
  assert.equal(checkMessage({ kind: 'official', body: 'Réponse' }, { canAnswer: true, blockedWords: words }).ok, true);
  const cases: [string, RegExp][] = [
    ['', /Écrivez votre message/],
    ['ab', /au moins 3 caractères/],
    ['x'.repeat(2001), /2000 caractères au plus \(2001 saisis\)/],
    ['https://a.fr https://b.fr https://c.fr', /3 liens : 2 au plus/],
    ['un mot INTERDIT ici', /terme refusé par la charte \(« interdit »\)/],
  ];
  for (const [body, message] of cases) {
    const r = checkMessage({ kind: 'question', body }, { canAnswer: false, blockedWords: words });
    assert.ok(!r.ok && message.test(r.errors.message!), body.slice(0, 30));
  }
  const trimmed = checkMessage(
    { kind: 'comment', body: '  Bonjour\r\nà tous  ' },
    { canAnswer: false, blockedWords: [] },
  );
  assert.deepEqual(trimmed, { ok: true, kind: 'comment', body: 'Bonjour\nà tous' });
});

test('a pseudonym: 3 to 30 characters, letters and a few signs, no address, no blocked word', () => {
  assert.deepEqual(checkPseudonym('  Lucie   des Dervallières ', []), { value: 'Lucie des Dervallières' });
  for (const bad of ['', 'ab', 'x'.repeat(31), 'lucie@exemple.fr', '<script>', '-tiret'])
    assert.ok('error' in checkPseudonym(bad, []), bad);
  assert.ok('error' in checkPseudonym('Le Connard', ['connard']));
});

test('pre-moderation: everything, a person’s first message (until one is approved), or nothing', () => {
  assert.equal(needsApproval('all', true), true);
  assert.equal(needsApproval('first', false), true);
  assert.equal(needsApproval('first', true), false);
  assert.equal(needsApproval('none', false), false);
});

test('three reports since the last approval hide a message', () => {
  assert.equal(hiddenByReports(2, 0), false);
  assert.equal(hiddenByReports(3, 0), true);
  assert.equal(hiddenByReports(5, 3), false);
  assert.equal(hiddenByReports(6, 3), true);
});

test('the blocklist is compiled once into one expression: whole words, the longest expression first, the word as listed', () => {
  const list = compileBlocklist(['Casino', 'casino en ligne', 'arnaque']);
  assert.equal(list.find('Un CASINO  EN LIGNE ici'), 'casino en ligne');
  assert.equal(list.find('Le casino municipal'), 'Casino');
  assert.equal(list.find('Les casinos et les arnaques'), null, 'a longer word containing one passes');
  assert.equal(list.find('Une arnaque ? Un casino !'), 'arnaque', 'the leftmost word found');
  assert.equal(compileBlocklist(['Casino', 'casino en ligne', 'arnaque']), list, 'the same list is not compiled again');
  assert.equal(compileBlocklist([]).find('casino'), null);
  assert.equal(
    compileBlocklist(['a.b (c)']).find('voir a b c ici'),
    'a.b (c)',
    'punctuation of a word reads as spaces',
  );
});
