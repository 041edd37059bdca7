// Who may do what with questionnaires, campaigns and responses (the rules behind `authorize`).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { authorize, can, registerRules } from '../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../platform/auth/user.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { authorizeOr, rules } from './policy.ts';

registerRules(rules);

const person = (role: CurrentUser['role'], memberships: CurrentUser['memberships'] = []): CurrentUser => ({
  id: 7,
  email: 'p@x.fr',
  name: 'P',
  role,
  memberships,
});
const member = person('user', [{ organisationId: 1, role: 'member' }]);
const editor = person('user', [{ organisationId: 1, role: 'editor' }]);
const coordinator = person('coordinator');
const admin = person('admin');

describe('questionnaires rules', () => {
  test('coordinators and administrators build questionnaires, run campaigns and draft use cases', () => {
    for (const action of ['questionnaire.manage', 'campaign.manage', 'response.draft_use_case'] as const) {
      assert.equal(can(coordinator, action), true, action);
      assert.equal(can(admin, action), true, action);
      assert.equal(can(editor, action), false, action);
      assert.equal(can(null, action), false, action);
    }
  });

  test('members and editors of an organisation answer for it, not for another; coordinators do not answer', () => {
    assert.equal(can(member, 'response.answer_for', { organisationId: 1 }), true);
    assert.equal(can(editor, 'response.answer_for', { organisationId: 1 }), true);
    assert.equal(can(member, 'response.answer_for', { organisationId: 2 }), false);
    assert.equal(can(coordinator, 'response.answer_for', { organisationId: 1 }), false);
  });

  test('a link is its own credential; an account writes only its organisations’ responses', () => {
    assert.equal(can(null, 'response.write', { kind: 'invitation', organisationId: 1 }), true);
    assert.equal(can(null, 'response.write', { kind: 'public', organisationId: null }), true);
    assert.equal(can(member, 'response.write', { kind: 'member', organisationId: 1 }), true);
    assert.equal(can(member, 'response.write', { kind: 'member', organisationId: 2 }), false);
  });

  test('results: public ones for everyone, restricted questions for coordinators only', () => {
    assert.equal(can(null, 'campaign.read_results', { resultsPublic: true }), true);
    assert.equal(can(member, 'campaign.read_results', { resultsPublic: false }), false);
    assert.equal(can(coordinator, 'campaign.read_results', { resultsPublic: false }), true);
    assert.equal(can(member, 'question.read_restricted'), false);
    assert.equal(can(coordinator, 'question.read_restricted'), true);
  });

  test('authorizeOr keeps the module’s French message: 403 for a signed-in person, 401 for a visitor', () => {
    assert.throws(
      () => authorizeOr({ forbidden: 'Seuls les coordinateurs.' }, member, 'campaign.manage'),
      (e: unknown) => e instanceof HttpError && e.status === 403 && e.message === 'Seuls les coordinateurs.',
    );
    assert.throws(
      () => authorizeOr({ forbidden: 'x', unauthorized: 'Connectez-vous.' }, null, 'campaign.manage'),
      (e: unknown) => e instanceof HttpError && e.status === 401 && e.message === 'Connectez-vous.',
    );
    assert.throws(
      () => authorizeOr({ forbidden: 'x' }, null, 'campaign.manage'),
      (e: unknown) => e instanceof HttpError && e.status === 401,
    );
    assert.doesNotThrow(() => authorize(coordinator, 'campaign.manage'));
  });
});
