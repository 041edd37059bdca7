// Passwords found in a list of common passwords are refused (issue 8, finding 14), with a French message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COMMON_PASSWORD, isCommonPassword, passwordProblem } from './password.ts';

test('a password of the common-password list is refused, whatever its case and spaces', () => {
  for (const p of ['qwerty123456', '1q2w3e4r5t6y', 'QWERTY 123456', '123qweasdzxc', 'leavemealone']) {
    assert.equal(passwordProblem(p), COMMON_PASSWORD, p);
  }
});

test('a common password padded with digits or symbols to reach 12 characters is refused', () => {
  for (const p of ['password2024!', 'azerty123456', '!!soleil2025', 'Motdepasse1234', 'sunshine12345']) {
    assert.ok(isCommonPassword(p), p);
    assert.match(passwordProblem(p) ?? '', /plus courants/);
  }
});

test('one short piece repeated is refused', () => {
  for (const p of ['azertyazerty', 'aaaaaaaaaaaa', 'abcabcabcabc', '121212121212']) assert.ok(isCommonPassword(p), p);
});

test('a phrase of several words, or an uncommon long password, is accepted', () => {
  for (const p of [
    'une phrase de passe assez longue',
    'ancien mot de passe 123',
    'demo-bibliotheque-ia',
    'Trois chats verts à Quimper',
    'k7#Vq9!mZ2@xL4',
  ]) {
    assert.equal(passwordProblem(p), null, p);
  }
  assert.match(passwordProblem('court') ?? '', /au moins 12 caractères/);
});
