import assert from 'node:assert/strict';
import { test } from 'node:test';
import { passwordProblem } from '../../platform/auth/password.ts';
import {
  emailProblem,
  normaliseEmail,
  normaliseName,
  roleProblem,
  safeReturnPath,
  signUpProblems,
  userStatus,
} from './model.ts';

test('addresses are trimmed and lower-cased, and checked with a specific French message', () => {
  assert.equal(normaliseEmail('  Prenom.Nom@Mairie-Exemple.FR '), 'prenom.nom@mairie-exemple.fr');
  assert.equal(normaliseEmail(undefined), '');
  assert.equal(emailProblem(''), 'Saisissez votre adresse électronique.');
  assert.equal(emailProblem('prenom.nom@mairie-exemple.fr'), null);
  assert.equal(emailProblem('agent+ia@ville.paris'), null);
  for (const bad of ['prenom.nom', 'a@b', 'a b@c.fr', 'a@b.c', '<a@b.fr>', 'a@@b.fr']) {
    assert.match(emailProblem(bad) ?? '', /adresse électronique valide/, bad);
  }
  assert.match(emailProblem(`${'a'.repeat(250)}@b.fr`) ?? '', /254 caractères/);
});

test('names are trimmed, spaces collapsed, and limited', () => {
  assert.equal(normaliseName('  Jeanne   Dupont  '), 'Jeanne Dupont');
  const problems = signUpProblems({ name: '', email: 'x', password: '' }, passwordProblem);
  assert.deepEqual(Object.keys(problems).sort(), ['email', 'name', 'password']);
  assert.equal(problems.name, 'Saisissez votre nom.');
  assert.equal(problems.password, 'Choisissez un mot de passe.');
  assert.deepEqual(
    signUpProblems({ name: 'Jeanne', email: 'j@ville.fr', password: 'douze caractères' }, passwordProblem),
    {},
  );
});

test('“retour” accepts only paths of this site', () => {
  assert.equal(safeReturnPath('/bibliotheque?q=eau#r'), '/bibliotheque?q=eau#r');
  assert.equal(safeReturnPath('/collectivites/12'), '/collectivites/12');
  for (const bad of [
    '',
    'bibliotheque',
    '//evil.example',
    '/\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '/\nSet-Cookie:x',
    '/deconnexion',
    42,
    null,
  ]) {
    assert.equal(safeReturnPath(bad), null, String(bad));
  }
});

test('roles are one of user, coordinator, admin; anything else is named in the message', () => {
  assert.equal(roleProblem('coordinator'), null);
  assert.match(roleProblem('chef') ?? '', /Rôle inconnu « chef »/);
});

test('a user is disabled, unconfirmed or active', () => {
  assert.equal(userStatus({ emailConfirmedAt: null, disabledAt: null }), 'unconfirmed');
  assert.equal(userStatus({ emailConfirmedAt: 'x', disabledAt: null }), 'active');
  assert.equal(userStatus({ emailConfirmedAt: 'x', disabledAt: 'y' }), 'disabled');
});
