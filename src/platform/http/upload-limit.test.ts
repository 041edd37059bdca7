// Upload size limits come from the configuration, in Mo, with one French message per bad value.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_UPLOAD_LIMITS, formatSize, readUploadLimits } from './upload-limit.ts';

test('without settings, each kind of upload has its default limit', () => {
  const problems: string[] = [];
  assert.deepEqual(readUploadLimits({}, problems), DEFAULT_UPLOAD_LIMITS);
  assert.deepEqual(problems, []);
  assert.equal(DEFAULT_UPLOAD_LIMITS.questionnaire, 1024 * 1024);
});

test('limits are read in Mo, decimals with a point or a comma', () => {
  const problems: string[] = [];
  const limits = readUploadLimits({ UPLOAD_LIMIT_QUESTIONNAIRE_MO: '2,5', UPLOAD_LIMIT_CONTACTS_MO: '0.5' }, problems);
  assert.equal(limits.questionnaire, 2.5 * 1024 * 1024);
  assert.equal(limits.contacts, 512 * 1024);
  assert.equal(limits.import, DEFAULT_UPLOAD_LIMITS.import);
  assert.deepEqual(problems, []);
});

test('a bad value is named with what was received, and the default is kept', () => {
  const problems: string[] = [];
  const limits = readUploadLimits({ UPLOAD_LIMIT_IMPORT_MO: 'beaucoup', UPLOAD_LIMIT_CONTACTS_MO: '0' }, problems);
  assert.deepEqual(problems, [
    'UPLOAD_LIMIT_IMPORT_MO doit être une taille en Mo entre 0 et 1024 (reçu « beaucoup »)',
    'UPLOAD_LIMIT_CONTACTS_MO doit être une taille en Mo entre 0 et 1024 (reçu « 0 »)',
  ]);
  assert.equal(limits.import, DEFAULT_UPLOAD_LIMITS.import);
});

test('sizes are written the French way', () => {
  assert.equal(formatSize(1024 * 1024), '1 Mo');
  assert.equal(formatSize(4.2 * 1024 * 1024), '4,2 Mo');
  assert.equal(formatSize(800 * 1024), '800 ko');
});
