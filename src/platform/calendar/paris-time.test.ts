import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatFrenchDate, formatParis, parisLocalToUtc, parisWallClock, utcToParis } from './paris-time.ts';

describe('Paris wall-clock time → instant', () => {
  test('winter time is UTC+1, summer time UTC+2', () => {
    assert.deepEqual(parisLocalToUtc('2027-01-14', '09:30'), { ok: true, utc: '2027-01-14T08:30:00.000Z' });
    assert.deepEqual(parisLocalToUtc('2027-07-14', '09:30'), { ok: true, utc: '2027-07-14T07:30:00.000Z' });
  });

  test('the last Sunday of March: 02:00–02:59 does not exist, 01:59 is winter time and 03:00 summer time', () => {
    assert.deepEqual(parisLocalToUtc('2027-03-28', '02:30'), { ok: false, reason: 'nonexistent' });
    assert.deepEqual(parisLocalToUtc('2027-03-28', '02:00'), { ok: false, reason: 'nonexistent' });
    assert.deepEqual(parisLocalToUtc('2027-03-28', '02:30', 'later'), { ok: false, reason: 'nonexistent' });
    assert.deepEqual(parisLocalToUtc('2027-03-28', '01:59'), { ok: true, utc: '2027-03-28T00:59:00.000Z' });
    assert.deepEqual(parisLocalToUtc('2027-03-28', '03:00'), { ok: true, utc: '2027-03-28T01:00:00.000Z' });
    // Another year: the last Sunday of March 2026 is the 29th, the 22nd is an ordinary Sunday.
    assert.deepEqual(parisLocalToUtc('2026-03-29', '02:15'), { ok: false, reason: 'nonexistent' });
    assert.deepEqual(parisLocalToUtc('2026-03-22', '02:15'), { ok: true, utc: '2026-03-22T01:15:00.000Z' });
  });

  test('the last Sunday of October: 02:00–02:59 happens twice and needs a choice', () => {
    assert.deepEqual(parisLocalToUtc('2027-10-31', '02:30'), { ok: false, reason: 'ambiguous' });
    assert.deepEqual(parisLocalToUtc('2027-10-31', '02:30', 'earlier'), { ok: true, utc: '2027-10-31T00:30:00.000Z' });
    assert.deepEqual(parisLocalToUtc('2027-10-31', '02:30', 'later'), { ok: true, utc: '2027-10-31T01:30:00.000Z' });
    assert.deepEqual(parisLocalToUtc('2027-10-31', '01:59'), { ok: true, utc: '2027-10-30T23:59:00.000Z' });
    assert.deepEqual(parisLocalToUtc('2027-10-31', '03:00'), { ok: true, utc: '2027-10-31T02:00:00.000Z' });
    // A choice changes nothing on an ordinary day.
    assert.deepEqual(parisLocalToUtc('2027-10-24', '02:30', 'later'), { ok: true, utc: '2027-10-24T00:30:00.000Z' });
  });

  test('what is not a date or a time is invalid', () => {
    for (const [date, time] of [
      ['2027-02-29', '10:00'],
      ['2027-13-01', '10:00'],
      ['2027-04-31', '10:00'],
      ['27-04-01', '10:00'],
      ['2027-04-01', '24:00'],
      ['2027-04-01', '10:60'],
      ['2027-04-01', '9:00'],
      ['', ''],
    ] as const) {
      assert.deepEqual(parisLocalToUtc(date, time), { ok: false, reason: 'invalid' }, `${date} ${time}`);
    }
    assert.deepEqual(parisLocalToUtc('2028-02-29', '00:00'), { ok: true, utc: '2028-02-28T23:00:00.000Z' });
  });
});

describe('instant → Paris wall-clock time', () => {
  test('gives the date, the time and the offset, on both sides of each clock change', () => {
    assert.deepEqual(utcToParis('2027-03-28T00:59:00Z'), { date: '2027-03-28', time: '01:59', offsetMinutes: 60 });
    assert.deepEqual(utcToParis('2027-03-28T01:00:00Z'), { date: '2027-03-28', time: '03:00', offsetMinutes: 120 });
    assert.deepEqual(utcToParis('2027-10-31T00:30:00Z'), { date: '2027-10-31', time: '02:30', offsetMinutes: 120 });
    assert.deepEqual(utcToParis('2027-10-31T01:30:00Z'), { date: '2027-10-31', time: '02:30', offsetMinutes: 60 });
    assert.deepEqual(utcToParis('2026-12-31T23:30:00Z'), { date: '2027-01-01', time: '00:30', offsetMinutes: 60 });
  });

  test('keeps the seconds for the calendar writer, and refuses what is not an instant', () => {
    assert.equal(parisWallClock('2027-06-01T08:00:42.900Z').timeWithSeconds, '10:00:42');
    assert.throws(() => utcToParis('pas une date'), RangeError);
  });

  test('round trip: every quarter hour of both clock-change days comes back to the same instant', () => {
    for (const day of ['2027-03-28', '2027-10-31']) {
      const start = Date.parse(`${day}T00:00:00Z`) - 3 * 3_600_000;
      for (let ms = start; ms < start + 30 * 3_600_000; ms += 15 * 60_000) {
        const utc = new Date(ms).toISOString();
        const { date, time, offsetMinutes } = utcToParis(utc);
        const choice = offsetMinutes === 120 ? 'earlier' : 'later';
        assert.deepEqual(parisLocalToUtc(date, time, choice), { ok: true, utc }, utc);
      }
    }
  });
});

describe('French text of an instant', () => {
  test('says the day, the time in Paris and the offset', () => {
    assert.equal(formatParis('2022-02-04T10:00:00Z'), 'vendredi 4 février 2022 à 11 h 00 (heure de Paris, UTC+1)');
    assert.equal(formatParis('2027-07-14T07:05:00Z'), 'mercredi 14 juillet 2027 à 9 h 05 (heure de Paris, UTC+2)');
  });

  test('the first of the month is « 1er », midnight is « 0 h 00 »', () => {
    assert.equal(formatParis('2027-03-31T22:00:00Z'), 'jeudi 1er avril 2027 à 0 h 00 (heure de Paris, UTC+2)');
    assert.equal(formatFrenchDate('2027-08-01'), 'dimanche 1er août 2027');
  });

  test('the two 02:30 of the last Sunday of October are told apart by their offset', () => {
    assert.equal(formatParis('2027-10-31T00:30:00Z'), 'dimanche 31 octobre 2027 à 2 h 30 (heure de Paris, UTC+2)');
    assert.equal(formatParis('2027-10-31T01:30:00Z'), 'dimanche 31 octobre 2027 à 2 h 30 (heure de Paris, UTC+1)');
  });
});
