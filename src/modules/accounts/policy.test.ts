import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CurrentUser } from '../../platform/auth/user.ts';
import { disableRefusal, roleChangeRefusal, rules, selfDeletionRefusal } from './policy.ts';

const canAdminister = rules['administration.view'];

const person = (id: number, role: CurrentUser['role']): CurrentUser => ({
  id,
  email: `${id}@x.fr`,
  name: '',
  role,
  memberships: [],
});

test('policy: only administrators administer; nobody demotes or disables themselves', () => {
  assert.equal(canAdminister(null), false);
  assert.equal(canAdminister(person(1, 'coordinator')), false);
  assert.equal(canAdminister(person(1, 'admin')), true);
  assert.match(roleChangeRefusal(person(1, 'coordinator'), { id: 2 }, 'admin') ?? '', /Seuls les administrateurs/);
  assert.match(roleChangeRefusal(person(1, 'admin'), { id: 1 }, 'coordinator') ?? '', /propre rôle/);
  assert.equal(roleChangeRefusal(person(1, 'admin'), { id: 1 }, 'admin'), null);
  assert.equal(roleChangeRefusal(person(1, 'admin'), { id: 2 }, 'user'), null);
  assert.match(disableRefusal(person(1, 'admin'), { id: 1 }, true) ?? '', /propre compte/);
  assert.equal(disableRefusal(person(1, 'admin'), { id: 2 }, true), null);
  assert.match(selfDeletionRefusal(person(1, 'admin'), 0) ?? '', /seul administrateur/);
  assert.equal(selfDeletionRefusal(person(1, 'admin'), 1), null);
  assert.equal(selfDeletionRefusal(person(1, 'user'), 0), null);
});

test('rules: anyone signed in manages their own account; every administration action is for administrators', () => {
  assert.equal(rules['account.manage'](null), false);
  assert.equal(rules['account.manage'](person(1, 'user')), true);
  const adminOnly = ['administration.view', 'user.view', 'user.manage', 'audit_log.view', 'mail_outbox.view'] as const;
  for (const action of adminOnly) {
    assert.equal(rules[action](null), false, action);
    assert.equal(rules[action](person(1, 'user')), false, action);
    assert.equal(rules[action](person(1, 'coordinator')), false, action);
    assert.equal(rules[action](person(1, 'admin')), true, action);
  }
});
