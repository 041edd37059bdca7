/**
 * An iCalendar (RFC 5545) writer of our own: calendar feeds people subscribe to (METHOD:PUBLISH) and invitations
 * sent by mail (METHOD:REQUEST, METHOD:CANCEL, RFC 5546). Lines end in CRLF and are folded at 75 octets without
 * splitting a UTF-8 character; TEXT values are escaped; timed events are written in Paris wall-clock time with
 * TZID=Europe/Paris and the VTIMEZONE that defines it, so that a calendar shows the right hour on both sides of a
 * clock change (the one exception, the repeated hour of the last Sunday of October, is written in UTC); all-day
 * events are VALUE=DATE.
 *
 * Updates: keep `uid` stable (calendarUid) and increase `sequence` each time a changed event is sent again, so that
 * calendars replace the event instead of adding a second one; a cancellation is the same uid, a higher sequence and
 * method CANCEL.
 */
import { PARIS_TIME_ZONE, parisLocalToUtc, parisWallClock } from './paris-time.ts';

export type CalendarTime =
  /** An all-day event: YYYY-MM-DD, written VALUE=DATE. As an end, the LAST day of the event (inclusive). */
  | { date: string }
  /** An ISO instant, written as Paris wall-clock time with TZID=Europe/Paris. */
  | { utc: string };

export interface CalendarEvent {
  /** Stable across updates, e.g. `reunion-12@bibliotheque-ia.example` (calendarUid). */
  uid: string;
  /** Incremented by the caller on each change it sends. */
  sequence: number;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  start: CalendarTime;
  /**
   * Same kind as `start`. All-day: the last day, inclusive (a two-day event from 2027-03-01 has end 2027-03-02;
   * the writer adds the day that RFC 5545's exclusive DTEND needs). Timed: the end instant. Omitted: a one-day
   * event, or a timed event with no duration.
   */
  end?: CalendarTime;
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  /** Required with method REQUEST or CANCEL (RFC 5546). */
  organizer?: { name: string; email: string };
  attendees?: { name?: string; email: string; partstat?: 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' }[];
  /** ISO instant. */
  lastModified?: string;
}

export interface CalendarInput {
  /** The calendar's name, shown by the applications that subscribe (X-WR-CALNAME). */
  name: string;
  /** PUBLISH (default): a feed; REQUEST: an invitation; CANCEL: its cancellation (every event STATUS:CANCELLED). */
  method?: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  events: CalendarEvent[];
  /** ISO instant of writing (DTSTAMP), from the clock port. */
  now: string;
}

export const PRODID = '-//Bibliotheque IA des territoires//Calendrier 1.0//FR';
const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** `<kind>-<id>@<host>`: a stable UID for one record (`calendarUid('reunion', 12, 'bibliotheque-ia.example')`). */
export function calendarUid(kind: string, id: number, host: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(kind)) throw new Error(`calendarUid : genre invalide « ${kind} » (a-z, 0-9, -)`);
  if (!Number.isSafeInteger(id) || id < 0) throw new Error(`calendarUid : identifiant invalide ${id}`);
  // A base URL (https://bibliotheque.example.fr:8443/) is accepted too: its host name is used.
  const name = /^[a-z][a-z0-9+.-]*:\/\//i.test(host) ? new URL(host).hostname : host.trim().toLowerCase();
  if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(name)) throw new Error(`calendarUid : hôte invalide « ${host} »`);
  return `${kind}-${id}@${name}`;
}

/** Control characters other than newlines and tab are not allowed in iCalendar values: they are dropped. */
function dropControls(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/** RFC 5545 TEXT escaping: backslash, semicolon, comma, and every newline (CRLF, CR, LF) as \n. */
export function escapeText(value: string): string {
  return dropControls(value)
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * A parameter value (CN): newlines and double quotes are written with RFC 6868's caret escapes (^n, ^', ^^), and
 * the value is put in double quotes when it holds `:`, `;` or `,`.
 */
export function paramValue(value: string): string {
  const v = dropControls(value)
    .replace(/\^/g, '^^')
    .replace(/\r\n|\r|\n/g, '^n')
    .replace(/"/g, "^'")
    .replace(/\t/g, ' ');
  return /[:;,]/.test(v) ? `"${v}"` : v;
}

/**
 * Folds one content line: at most 75 octets per line (the leading space of a continuation line counts), cut only
 * between whole characters (a UTF-8 sequence, or a surrogate pair, is never split).
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

/** 20270328T010000Z for an ISO instant. */
export function utcStamp(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`Instant invalide : ${iso}`);
  return `${new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

function dateValue(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new Error(`Date invalide : ${date} (AAAA-MM-JJ attendu)`);
  }
  return date.replace(/-/g, '');
}

function nextDay(date: string): string {
  dateValue(date);
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The DTSTART / DTEND property line for a time (`end` adds the day of an all-day event's exclusive end). */
function timeProperty(name: 'DTSTART' | 'DTEND', time: CalendarTime): string {
  if ('date' in time) return `${name};VALUE=DATE:${dateValue(name === 'DTEND' ? nextDay(time.date) : time.date)}`;
  const wall = parisWallClock(time.utc);
  // The repeated 02:xx of the last Sunday of October is written in UTC (allowed everywhere): RFC 5545 reads a
  // repeated local time as its first pass, but readers differ (ical.js takes the second), so neither is left to them.
  const local = parisLocalToUtc(wall.date, wall.time);
  if (!local.ok && local.reason === 'ambiguous') return `${name}:${utcStamp(time.utc)}`;
  return `${name};TZID=${PARIS_TIME_ZONE}:${wall.date.replace(/-/g, '')}T${wall.timeWithSeconds.replace(/:/g, '')}`;
}

/**
 * Europe/Paris as calendars need it: summer time from the last Sunday of March at 02:00 (UTC+1 → UTC+2), winter
 * time from the last Sunday of October at 03:00 (UTC+2 → UTC+1), the EU rule in force since 1996.
 */
export const PARIS_VTIMEZONE: readonly string[] = [
  'BEGIN:VTIMEZONE',
  `TZID:${PARIS_TIME_ZONE}`,
  `X-LIC-LOCATION:${PARIS_TIME_ZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19810329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19961027T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

function person(email: string): string {
  const address = dropControls(email).trim();
  if (!/^[^\s@<>"]+@[^\s@<>"]+$/.test(address)) throw new Error(`Adresse invalide dans le calendrier : ${email}`);
  return `mailto:${address}`;
}

function eventLines(event: CalendarEvent, method: NonNullable<CalendarInput['method']>, now: string): string[] {
  if (!Number.isSafeInteger(event.sequence) || event.sequence < 0) {
    throw new Error(`SEQUENCE invalide pour ${event.uid} : ${event.sequence}`);
  }
  if (method !== 'PUBLISH' && !event.organizer) {
    throw new Error(`Une invitation (METHOD:${method}) doit avoir un organisateur : ${event.uid}`);
  }
  if (event.end) {
    if ('date' in event.start !== 'date' in event.end) {
      throw new Error(`Début et fin de ${event.uid} doivent être tous deux des dates ou tous deux des instants`);
    }
    const startKey = 'date' in event.start ? event.start.date : Date.parse(event.start.utc);
    const endKey = 'date' in event.end ? event.end.date : Date.parse(event.end.utc);
    if (endKey < startKey) throw new Error(`La fin de ${event.uid} précède son début`);
  }
  const status = method === 'CANCEL' ? 'CANCELLED' : event.status;
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utcStamp(now)}`,
    timeProperty('DTSTART', event.start),
  ];
  if (event.end) lines.push(timeProperty('DTEND', event.end));
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.url) lines.push(`URL:${dropControls(event.url).replace(/\s/g, '')}`);
  if (status) lines.push(`STATUS:${status}`);
  if (event.organizer) {
    lines.push(`ORGANIZER;CN=${paramValue(event.organizer.name)}:${person(event.organizer.email)}`);
  }
  for (const a of event.attendees ?? []) {
    const params = [
      ...(a.name ? [`CN=${paramValue(a.name)}`] : []),
      'ROLE=REQ-PARTICIPANT',
      `PARTSTAT=${a.partstat ?? 'NEEDS-ACTION'}`,
      ...(method === 'REQUEST' && (a.partstat ?? 'NEEDS-ACTION') === 'NEEDS-ACTION' ? ['RSVP=TRUE'] : []),
    ];
    lines.push(`ATTENDEE;${params.join(';')}:${person(a.email)}`);
  }
  if (event.lastModified) lines.push(`LAST-MODIFIED:${utcStamp(event.lastModified)}`);
  lines.push('END:VEVENT');
  return lines;
}

/** The whole calendar, CRLF line endings, folded, ending with a CRLF. */
export function renderCalendar(input: CalendarInput): string {
  const method = input.method ?? 'PUBLISH';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    `X-WR-CALNAME:${escapeText(input.name)}`,
    `X-WR-TIMEZONE:${PARIS_TIME_ZONE}`,
  ];
  if (input.events.some((e) => 'utc' in e.start || (e.end && 'utc' in e.end))) lines.push(...PARIS_VTIMEZONE);
  for (const event of input.events) lines.push(...eventLines(event, method, input.now));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
