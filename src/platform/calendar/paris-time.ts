/**
 * Wall-clock time in Paris, with Intl only (no date library): what a person typed in a form (« le 28 mars 2027 à
 * 10 h 00 ») becomes an instant, and an instant becomes what a person in France reads. The two clock changes are
 * explicit: on the last Sunday of March the hour from 02:00 to 03:00 does not exist, on the last Sunday of October
 * the hour from 02:00 to 03:00 happens twice; a form must ask, never guess silently.
 */

export const PARIS_TIME_ZONE = 'Europe/Paris';

/** The wall clock in Paris at an instant, to the second. */
export interface ParisWallClock {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
  /** HH:MM:SS */
  timeWithSeconds: string;
  /** Minutes ahead of UTC: 60 in winter, 120 in summer. */
  offsetMinutes: number;
}

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parseInstant(utc: string): number {
  const ms = Date.parse(utc);
  if (Number.isNaN(ms)) throw new RangeError(`Instant invalide : ${utc}`);
  return ms;
}

/** The Paris wall clock at `ms` (milliseconds since the epoch). */
function wallClockAt(ms: number): ParisWallClock {
  const p: Record<string, string> = {};
  for (const part of PARTS.formatToParts(new Date(ms))) p[part.type] = part.value;
  const date = `${p.year}-${p.month}-${p.day}`;
  const time = `${p.hour}:${p.minute}`;
  const wallMs = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  const offsetMinutes = Math.round((wallMs - Math.floor(ms / 1000) * 1000) / 60_000);
  return { date, time, timeWithSeconds: `${time}:${p.second}`, offsetMinutes };
}

/** The Paris wall clock at an ISO instant, with seconds (the calendar writer needs them). Throws on a bad instant. */
export function parisWallClock(utc: string): ParisWallClock {
  return wallClockAt(parseInstant(utc));
}

/** `{ date: 'YYYY-MM-DD', time: 'HH:MM', offsetMinutes }` in Paris for an ISO instant. Throws on a bad instant. */
export function utcToParis(utc: string): { date: string; time: string; offsetMinutes: number } {
  const { date, time, offsetMinutes } = parisWallClock(utc);
  return { date, time, offsetMinutes };
}

export type ParisLocalResult =
  | { ok: true; utc: string }
  | {
      ok: false;
      /**
       * nonexistent: the skipped hour (last Sunday of March, 02:00–02:59); ambiguous: the repeated hour (last Sunday
       * of October, 02:00–02:59) without a choice; invalid: not a real date or time.
       */
      reason: 'nonexistent' | 'ambiguous' | 'invalid';
    };

/**
 * The instant of a Paris date and time typed by a person. `choice` settles the repeated hour of October: 'earlier'
 * is the first 02:30 (still summer time, UTC+2), 'later' the second one (winter time, UTC+1); it changes nothing
 * on any other day.
 */
export function parisLocalToUtc(date: string, time: string, choice?: 'earlier' | 'later'): ParisLocalResult {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return { ok: false, reason: 'invalid' };
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (hour > 23 || minute > 59) return { ok: false, reason: 'invalid' };
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(naive);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return { ok: false, reason: 'invalid' };
  }
  // The offsets in force a few hours either side cover every candidate (Paris changes by one hour at most a day).
  const offsets = new Set([
    wallClockAt(naive - 6 * 3_600_000).offsetMinutes,
    wallClockAt(naive + 6 * 3_600_000).offsetMinutes,
  ]);
  const candidates = [...offsets]
    .map((offset) => naive - offset * 60_000)
    .filter((ms) => {
      const wall = wallClockAt(ms);
      return wall.date === date && wall.time === time;
    })
    .sort((a, b) => a - b);
  if (candidates.length === 0) return { ok: false, reason: 'nonexistent' };
  if (candidates.length > 1 && !choice) return { ok: false, reason: 'ambiguous' };
  const chosen = choice === 'later' ? candidates[candidates.length - 1] : candidates[0];
  return { ok: true, utc: new Date(chosen as number).toISOString() };
}

const WEEKDAY = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', weekday: 'long' });
const MONTH = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', month: 'long' });

/** « jeudi 1er avril 2027 » for a YYYY-MM-DD calendar date (no time zone involved). */
export function formatFrenchDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const noon = new Date(Date.UTC(year, month - 1, day, 12));
  if (Number.isNaN(noon.getTime())) throw new RangeError(`Date invalide : ${date}`);
  return `${WEEKDAY.format(noon)} ${day === 1 ? '1er' : String(day)} ${MONTH.format(noon)} ${year}`;
}

/**
 * « vendredi 4 février 2022 à 11 h 00 (heure de Paris, UTC+1) »: the day, the time in Paris and the offset, so that
 * a reader abroad or on the day of a clock change knows which instant is meant. Plain spaces; midnight is « 0 h 00 ».
 */
export function formatParis(utc: string): string {
  const wall = parisWallClock(utc);
  const [hh, mm] = wall.time.split(':') as [string, string];
  // Paris is always a whole number of hours ahead of UTC (+1 or +2).
  const offset = `UTC+${wall.offsetMinutes / 60}`;
  return `${formatFrenchDate(wall.date)} à ${Number(hh)} h ${mm} (heure de Paris, ${offset})`;
}
