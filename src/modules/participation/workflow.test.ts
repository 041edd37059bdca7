// The initiative workflow as a pure state machine: who may take which action in which state, what follows, and the
// comment a return or a withdrawal from publication needs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { availableActions, type Status, statusLabel, transition } from './workflow.ts';

const draft: Status = { state: 'draft', revision: null };
const submitted: Status = { state: 'submitted', revision: null };
const published: Status = { state: 'published', revision: null };

test('writers send a draft for review and may take it back; coordinators publish or return it', () => {
  assert.deepEqual(transition(draft, 'submit', ['writer']), { ok: true, next: submitted });
  assert.deepEqual(transition(submitted, 'withdraw', ['writer']), { ok: true, next: draft });
  assert.deepEqual(transition(submitted, 'publish', ['coordinator']), { ok: true, next: published });
  assert.deepEqual(transition(submitted, 'return', ['coordinator'], { comment: 'Précisez les dates.' }), {
    ok: true,
    next: { state: 'returned', revision: null },
  });
  assert.deepEqual(transition({ state: 'returned', revision: null }, 'submit', ['writer']), {
    ok: true,
    next: submitted,
  });
});

test('a writer may not publish; a coordinator who is no member may not submit', () => {
  const t = transition(submitted, 'publish', ['writer']);
  assert.equal(t.ok, false);
  assert.equal(!t.ok && t.code, 'forbidden');
  assert.match(!t.ok ? t.message : '', /Seuls les coordinateurs/);
  const s = transition(draft, 'submit', ['coordinator']);
  assert.equal(!s.ok && s.code, 'forbidden');
});

test('returning needs a comment, withdrawing from publication a reason', () => {
  const r = transition(submitted, 'return', ['coordinator'], { comment: '   ' });
  assert.equal(!r.ok && r.code, 'comment_required');
  const u = transition(published, 'unpublish', ['writer']);
  assert.equal(!u.ok && u.code, 'comment_required');
  assert.deepEqual(transition(published, 'unpublish', ['writer'], { comment: 'Chiffres faux.' }), {
    ok: true,
    next: { state: 'withdrawn', revision: null },
  });
});

test('editing a published initiative makes a revision, reviewed like a draft, the publication staying in place', () => {
  assert.deepEqual(transition(published, 'save', ['writer']), {
    ok: true,
    next: { state: 'published', revision: 'draft' },
  });
  const revision: Status = { state: 'published', revision: 'draft' };
  assert.deepEqual(transition(revision, 'submit', ['writer']), {
    ok: true,
    next: { state: 'published', revision: 'submitted' },
  });
  const inReview: Status = { state: 'published', revision: 'submitted' };
  assert.equal(transition(inReview, 'save', ['writer']).ok, false, 'no edit while in review');
  assert.deepEqual(transition(inReview, 'publish', ['coordinator']), { ok: true, next: published });
  assert.equal(statusLabel(inReview), 'Publiée (révision en relecture)');
  assert.deepEqual(availableActions(revision, ['writer']), ['submit', 'unpublish', 'discard_revision']);
});

test('an impossible action says so in French', () => {
  const t = transition(draft, 'publish', ['coordinator']);
  assert.equal(!t.ok && t.code, 'invalid');
  assert.equal(!t.ok && t.message, 'Action impossible : « Publier » sur une initiative « Brouillon ».');
  assert.deepEqual(availableActions(submitted, ['coordinator']), ['return', 'publish']);
});
