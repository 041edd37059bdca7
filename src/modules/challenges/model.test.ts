// The pure rules of challenges: which stage may follow which, who may still join on a given day and why not (in
// French), French dates, the permissions, and the commons reference people type.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CurrentUser } from '../../platform/auth/user.ts';
import {
  closedReason,
  frenchDate,
  isCalendarDate,
  isOpenToJoin,
  joinRefusal,
  nextStages,
  type Stage,
} from './model.ts';
import { rules } from './policy.ts';
import { parisDay, readCommonsRef } from './services/writing.ts';

const challenge = (over: Partial<Parameters<typeof joinRefusal>[0]> = {}) => ({
  stage: 'call_for_interest' as const,
  joinDeadline: '2026-03-20',
  participants: [{ organisationId: 7 }],
  ...over,
});

describe('challenge stages', () => {
  test('stages move forward one at a time; abandoned from any open stage; published and abandoned are final', () => {
    assert.deepEqual(nextStages('call_for_interest'), ['scoping', 'abandoned']);
    assert.deepEqual(nextStages('scoping'), ['building', 'abandoned']);
    assert.deepEqual(nextStages('building'), ['published', 'abandoned']);
    assert.deepEqual(nextStages('published'), []);
    assert.deepEqual(nextStages('abandoned'), []);
  });
});

describe('joining a challenge', () => {
  test('open during the call for interest and scoping, up to and including the deadline day', () => {
    assert.equal(isOpenToJoin(challenge(), '2026-03-20'), true);
    assert.equal(isOpenToJoin(challenge(), '2026-03-21'), false);
    assert.equal(isOpenToJoin(challenge({ stage: 'scoping', joinDeadline: null }), '2030-01-01'), true);
    assert.equal(isOpenToJoin(challenge({ stage: 'building', joinDeadline: null }), '2026-01-01'), false);
  });

  test('each refusal says why, in French', () => {
    assert.equal(joinRefusal(challenge(), 8, '2026-03-01'), null);
    assert.match(joinRefusal(challenge(), 7, '2026-03-01')!, /participe déjà à ce défi/);
    assert.match(
      joinRefusal(challenge(), 8, '2026-03-21')!,
      /La date limite pour rejoindre ce défi était le 20 mars 2026/,
    );
    assert.match(joinRefusal(challenge({ stage: 'building' }), 8, '2026-03-01')!, /au stade « Réalisation »/);
    assert.match(joinRefusal(challenge({ stage: 'published' }), 8, '2026-03-01')!, /au stade « Commun publié »/);
    assert.match(joinRefusal(challenge({ stage: 'abandoned' }), 8, '2026-03-01')!, /abandonné/);
  });
});

describe('dates and references', () => {
  test('French dates, real calendar days, the day in Paris', () => {
    assert.equal(frenchDate('2026-03-01'), '1er mars 2026');
    assert.equal(frenchDate('2026-12-25'), '25 décembre 2026');
    assert.equal(isCalendarDate('2026-02-29'), false);
    assert.equal(isCalendarDate('2028-02-29'), true);
    // 23:30 UTC on 31 December is already the first of January in Paris.
    assert.equal(parisDay(new Date('2026-12-31T23:30:00Z')), '2027-01-01');
    assert.equal(parisDay(new Date('2026-07-01T21:59:00Z')), '2026-07-01');
  });

  test('a commons entry by number or address', () => {
    assert.equal(readCommonsRef('12'), 12);
    assert.equal(readCommonsRef('/communs/12'), 12);
    assert.equal(readCommonsRef('https://site.fr/communs/34/'), 34);
    assert.equal(readCommonsRef('douze'), null);
  });
});

describe('who may do what', () => {
  const user = (over: Partial<CurrentUser> = {}): CurrentUser => ({
    id: 1,
    email: 'x@y.fr',
    name: '',
    role: 'user',
    memberships: [],
    ...over,
  });
  const editorOf5 = user({ memberships: [{ organisationId: 5, role: 'editor' }] });
  const memberOf5 = user({ memberships: [{ organisationId: 5, role: 'member' }] });
  const coordinator = user({ role: 'coordinator' });

  test('an editor states a challenge for their authority only; the network’s name is the coordinators’', () => {
    assert.equal(rules['challenge.create'](editorOf5, { organisationId: 5 }), true);
    assert.equal(rules['challenge.create'](editorOf5, { organisationId: 6 }), false);
    assert.equal(rules['challenge.create'](editorOf5, { organisationId: null }), false);
    assert.equal(rules['challenge.create'](memberOf5, { organisationId: 5 }), false);
    assert.equal(rules['challenge.create'](coordinator, { organisationId: null }), true);
  });

  test('the stating authority’s and the leads’ editors write; the leads post news; editors register their body', () => {
    assert.equal(rules['challenge.write'](editorOf5, { statedById: 5, leadIds: [] }), true);
    assert.equal(rules['challenge.write'](editorOf5, { statedById: null, leadIds: [5] }), true);
    assert.equal(rules['challenge.write'](memberOf5, { statedById: 5, leadIds: [5] }), false);
    assert.equal(rules['challenge.post_news'](editorOf5, { leadIds: [6] }), false);
    assert.equal(rules['challenge.post_news'](coordinator, { leadIds: [] }), true);
    assert.equal(rules['challenge.join'](editorOf5, { organisationId: 5 }), true);
    assert.equal(rules['challenge.join'](editorOf5, { organisationId: 6 }), false);
    assert.equal(rules['challenge.join'](coordinator, { organisationId: 6 }), true);
    assert.equal(rules['challenge.create_from_suggestion'](editorOf5), false);
    assert.equal(rules['challenge.create_from_suggestion'](coordinator), true);
  });
});

test('registrations close with a reason: abandoned, from « réalisation » on, or past the deadline', () => {
  const c = (stage: Stage, joinDeadline: string | null = null) => ({ stage, joinDeadline });
  assert.equal(closedReason(c('call_for_interest'), '2026-03-01'), null);
  assert.equal(closedReason(c('scoping', '2026-03-01'), '2026-03-01'), null, 'the deadline day is still open');
  assert.match(closedReason(c('abandoned'), '2026-03-01')!, /Ce défi est abandonné/);
  assert.match(closedReason(c('building'), '2026-03-01')!, /au stade « Réalisation »/);
  assert.match(closedReason(c('scoping', '2026-02-28'), '2026-03-01')!, /était le 28 février 2026/);
});
