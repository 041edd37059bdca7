// The clock port: a manual clock only moves when told to, so tests move time instead of sleeping.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { durationMs, manualClock } from './clock.ts';

test('a manual clock stands still, then moves by the duration asked', () => {
  const clock = manualClock('2026-03-01T09:00:00.000Z');
  assert.equal(clock.iso(), '2026-03-01T09:00:00.000Z');
  assert.equal(clock.iso(), '2026-03-01T09:00:00.000Z');
  clock.advance({ days: 8, hours: 1, minutes: 30 });
  assert.equal(clock.iso(), '2026-03-09T10:30:00.000Z');
  assert.equal(clock.millis(), clock.now().getTime());
  clock.set('2027-01-01T00:00:00Z');
  assert.equal(clock.iso(), '2027-01-01T00:00:00.000Z');
});

test('refuses an invalid date instead of drifting silently', () => {
  assert.throws(() => manualClock('pas une date'), /invalide/);
  assert.throws(() => manualClock().set('31/02/2026'), /invalide/);
  assert.equal(durationMs({ seconds: 2, milliseconds: 5 }), 2005);
});
