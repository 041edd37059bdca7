// The one authorisation entry point: rules come from the modules; refusals are 401 for anonymous actors (sign in,
// then retry) and 403 for signed-in ones; an action nobody declared is a programming error, not a refusal.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HttpError } from '../http/errors.ts';
import { authorize, can, type Rule, registerRules } from './authorize.ts';
import { type CurrentUser, isCoordinator, isMemberOf } from './user.ts';

declare module './authorize.ts' {
  interface Rules {
    'test_thing.review': Rule<void>;
    'test_thing.write': Rule<{ organisationId: number }>;
  }
}

const rules = {
  'test_thing.review': (actor: CurrentUser | null) => isCoordinator(actor),
  'test_thing.write': (actor: CurrentUser | null, r: { organisationId: number }) => isMemberOf(actor, r.organisationId),
};
registerRules(rules);

const member: CurrentUser = {
  id: 1,
  email: 'a@b.fr',
  name: 'A',
  role: 'user',
  memberships: [{ organisationId: 5, role: 'member' }],
};
const status = (fn: () => void) => {
  try {
    fn();
    return 200;
  } catch (e) {
    return e instanceof HttpError ? e.status : -1;
  }
};

test('allows what the rule allows, for the resource given', () => {
  assert.equal(can(member, 'test_thing.write', { organisationId: 5 }), true);
  assert.equal(can(member, 'test_thing.write', { organisationId: 6 }), false);
  assert.equal(
    status(() => authorize(member, 'test_thing.write', { organisationId: 5 })),
    200,
  );
});

test('refuses with 401 when nobody is signed in, 403 otherwise', () => {
  assert.equal(
    status(() => authorize(null, 'test_thing.review')),
    401,
  );
  assert.equal(
    status(() => authorize(member, 'test_thing.review')),
    403,
  );
  assert.equal(
    status(() => authorize({ ...member, role: 'coordinator' }, 'test_thing.review')),
    200,
  );
});

test('an undeclared action throws instead of refusing silently; a rule is declared by one module only', () => {
  assert.throws(() => can(member, 'nobody.declared' as 'test_thing.review'), /aucune règle/);
  registerRules(rules); // the same rules again (a second server in the same process): accepted
  assert.throws(() => registerRules({ 'test_thing.review': () => true }), /déclarée deux fois/);
});
