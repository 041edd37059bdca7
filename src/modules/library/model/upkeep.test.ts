// Sheets kept alive (issue 11 #7): review dates, « vérifiées le », overdue, and the completeness score with what to add.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filledContent } from '../fixtures.ts';
import {
  addYears,
  COMPLETENESS_FIELDS,
  completeness,
  NO_ETHICS,
  nextReviewOn,
  reviewOverdue,
  verifiedOn,
} from './upkeep.ts';

const published = (content: Record<string, unknown> = {}) => ({
  state: 'published',
  publishedAt: '2026-03-01T09:00:00.000Z',
  content,
});

test('a published sheet without a review date is reviewed one year after its publication; 29 February falls back', () => {
  assert.equal(nextReviewOn(published()), '2027-03-01');
  assert.equal(nextReviewOn(published({ nextReviewDate: '2026-09-15' })), '2026-09-15');
  assert.equal(addYears('2028-02-29', 1), '2029-02-28');
  assert.equal(nextReviewOn({ state: 'draft', publishedAt: null, content: {} }), null);
});

test('the review is overdue from its date on, for published sheets only', () => {
  assert.equal(reviewOverdue(published(), '2027-02-28'), false);
  assert.equal(reviewOverdue(published(), '2027-03-01'), true);
  assert.equal(reviewOverdue({ ...published(), state: 'archived' }, '2030-01-01'), false);
});

test('« vérifiées le » is the last update of the information, else the publication day', () => {
  assert.equal(verifiedOn(published({ infoUpdatedOn: '2026-02-20' })), '2026-02-20');
  assert.equal(verifiedOn(published()), '2026-03-01');
});

test('completeness: every field filled plus a signed assessment and a published notice is 100 %', () => {
  const full = completeness(filledContent('k'), {
    assessmentSigned: true,
    assessmentPublished: false,
    noticePublished: true,
  });
  assert.equal(full.total, COMPLETENESS_FIELDS.length + 2);
  assert.equal(full.score, 100);
  assert.deepEqual(full.missing, []);
});

test('completeness: what is missing is listed, in order, with where to add it; the score is the share done', () => {
  const content = { ...filledContent('k'), legalBasis: null, nextReviewDate: null };
  const result = completeness(content, NO_ETHICS);
  assert.deepEqual(
    result.missing.map((m) => m.key),
    ['legalBasis', 'nextReviewDate', 'assessment', 'notice'],
  );
  assert.equal(result.done, result.total - 4);
  assert.equal(result.score, Math.round(((result.total - 4) / result.total) * 100));
  assert.equal(result.missing[0]!.label, 'Base légale');
  assert.deepEqual(result.missing[2]!.where, { kind: 'ethics' });
  assert.equal(completeness({}, NO_ETHICS).score, 0);
});
