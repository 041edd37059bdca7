import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ICAL from 'ical.js';
import {
  type CalendarEvent,
  type CalendarInput,
  calendarUid,
  escapeText,
  foldLine,
  paramValue,
  renderCalendar,
} from './ical.ts';

const NOW = '2027-01-10T08:15:30.000Z';

function meeting(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    uid: 'reunion-12@bibliotheque-ia.example',
    sequence: 0,
    summary: 'Réunion du réseau des référents IA',
    start: { utc: '2027-02-04T10:00:00.000Z' },
    end: { utc: '2027-02-04T11:30:00.000Z' },
    ...overrides,
  };
}

/** Parses with ical.js, registering the calendar's own VTIMEZONE, as a calendar application would. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zone = calendar.getFirstSubcomponent('vtimezone');
  if (zone) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent');
  return { calendar, events, event: (i = 0) => new ICAL.Event(events[i]) };
}

function render(input: Partial<CalendarInput> = {}): string {
  return renderCalendar({ name: 'Réunions', events: [meeting()], now: NOW, ...input });
}

/** The physical lines (the text ends with CRLF, so the last split is empty). */
function physicalLines(text: string): string[] {
  assert.ok(text.endsWith('\r\n'));
  return text.slice(0, -2).split('\r\n');
}

describe('the calendar as a calendar application reads it (ical.js)', () => {
  test('has the calendar properties, and each event its uid, sequence, stamp, texts, status and people', () => {
    const text = render({
      name: 'Rencontres de la Bibliothèque IA',
      method: 'REQUEST',
      events: [
        meeting({
          sequence: 3,
          description: 'Ordre du jour : bilan des fiches',
          location: 'Salle du conseil, mairie de Laval',
          url: 'https://bibliotheque-ia.example/reunions/12',
          status: 'CONFIRMED',
          organizer: { name: 'Jeanne Dupont', email: 'jeanne.dupont@laval.fr' },
          attendees: [
            { name: 'Élise Martin', email: 'elise.martin@angers.fr' },
            { email: 'dgs@cholet.fr', partstat: 'ACCEPTED' },
            { name: 'Paul Durand', email: 'paul@saumur.fr', partstat: 'DECLINED' },
          ],
          lastModified: '2027-01-09T17:00:00Z',
        }),
      ],
    });
    const { calendar, events, event } = parse(text);
    assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
    assert.match(String(calendar.getFirstPropertyValue('prodid')), /^-\/\/Bibliotheque IA des territoires\/\//);
    assert.equal(calendar.getFirstPropertyValue('calscale'), 'GREGORIAN');
    assert.equal(calendar.getFirstPropertyValue('method'), 'REQUEST');
    assert.equal(calendar.getFirstPropertyValue('x-wr-calname'), 'Rencontres de la Bibliothèque IA');
    assert.equal(events.length, 1);

    const e = event();
    const vevent = events[0] as ICAL.Component;
    assert.equal(e.uid, 'reunion-12@bibliotheque-ia.example');
    assert.equal(e.sequence, 3);
    assert.equal(e.summary, 'Réunion du réseau des référents IA');
    assert.equal(e.description, 'Ordre du jour : bilan des fiches');
    assert.equal(e.location, 'Salle du conseil, mairie de Laval');
    assert.equal(vevent.getFirstPropertyValue('url'), 'https://bibliotheque-ia.example/reunions/12');
    assert.equal(vevent.getFirstPropertyValue('status'), 'CONFIRMED');
    const stamp = vevent.getFirstPropertyValue('dtstamp') as ICAL.Time;
    assert.equal(stamp.zone?.tzid, 'UTC');
    assert.equal(stamp.toJSDate().toISOString(), '2027-01-10T08:15:30.000Z');
    const modified = vevent.getFirstPropertyValue('last-modified') as ICAL.Time;
    assert.equal(modified.toJSDate().toISOString(), '2027-01-09T17:00:00.000Z');

    const organizer = vevent.getFirstProperty('organizer') as ICAL.Property;
    assert.equal(organizer.getFirstValue(), 'mailto:jeanne.dupont@laval.fr');
    assert.equal(organizer.getParameter('cn'), 'Jeanne Dupont');
    const attendees = e.attendees.map((a) => ({
      to: a.getFirstValue(),
      cn: a.getParameter('cn'),
      partstat: a.getParameter('partstat'),
      rsvp: a.getParameter('rsvp'),
    }));
    assert.deepEqual(attendees, [
      { to: 'mailto:elise.martin@angers.fr', cn: 'Élise Martin', partstat: 'NEEDS-ACTION', rsvp: 'TRUE' },
      { to: 'mailto:dgs@cholet.fr', cn: undefined, partstat: 'ACCEPTED', rsvp: undefined },
      { to: 'mailto:paul@saumur.fr', cn: 'Paul Durand', partstat: 'DECLINED', rsvp: undefined },
    ]);
  });

  test('a timed event is written in Paris time with TZID and the Europe/Paris VTIMEZONE, and means the same instant', () => {
    const text = render();
    assert.match(text, /\r\nDTSTART;TZID=Europe\/Paris:20270204T110000\r\n/);
    assert.match(text, /\r\nDTEND;TZID=Europe\/Paris:20270204T123000\r\n/);
    assert.match(text, /\r\nDTSTAMP:20270110T081530Z\r\n/);
    const { calendar, event } = parse(text);
    const zone = calendar.getFirstSubcomponent('vtimezone') as ICAL.Component;
    assert.equal(zone.getFirstPropertyValue('tzid'), 'Europe/Paris');
    const daylight = zone.getFirstSubcomponent('daylight') as ICAL.Component;
    const standard = zone.getFirstSubcomponent('standard') as ICAL.Component;
    assert.equal(daylight.getFirstProperty('rrule')?.toICALString(), 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
    assert.equal(standard.getFirstProperty('rrule')?.toICALString(), 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU');
    assert.equal(daylight.getFirstProperty('tzoffsetto')?.toICALString(), 'TZOFFSETTO:+0200');
    assert.equal(standard.getFirstProperty('tzoffsetto')?.toICALString(), 'TZOFFSETTO:+0100');
    assert.equal(event().startDate.zone?.tzid, 'Europe/Paris');
    assert.equal(event().startDate.toJSDate().toISOString(), '2027-02-04T10:00:00.000Z');
    assert.equal(event().endDate.toJSDate().toISOString(), '2027-02-04T11:30:00.000Z');
  });

  test('around the clock change of the last Sunday of March, each instant gets its own Paris hour', () => {
    const starts = ['2027-03-28T00:30:00.000Z', '2027-03-28T01:30:00.000Z', '2027-03-27T09:00:00.000Z'];
    const text = render({
      events: starts.map((utc, i) => meeting({ uid: `reunion-${i}@x.example`, start: { utc }, end: undefined })),
    });
    assert.match(text, /\r\nDTSTART;TZID=Europe\/Paris:20270328T013000\r\n/); // winter time, UTC+1
    assert.match(text, /\r\nDTSTART;TZID=Europe\/Paris:20270328T033000\r\n/); // summer time, UTC+2 (02:30 skipped)
    assert.match(text, /\r\nDTSTART;TZID=Europe\/Paris:20270327T100000\r\n/);
    const { event } = parse(text);
    assert.deepEqual(
      starts.map((_, i) => event(i).startDate.toJSDate().toISOString()),
      starts,
    );
  });

  test('the repeated hour of the last Sunday of October is written in UTC, both passes, so no reader can guess wrong', () => {
    const starts = ['2027-10-31T00:30:00.000Z', '2027-10-31T01:30:00.000Z', '2027-10-31T02:30:00.000Z'];
    const text = render({
      events: starts.map((utc, i) => meeting({ uid: `reunion-${i}@x.example`, start: { utc }, end: undefined })),
    });
    // Both are 02:30 in Paris: RFC 5545 would read TZID=Europe/Paris:20271031T023000 as the first, ical.js as the second.
    assert.match(text, /\r\nDTSTART:20271031T003000Z\r\n/);
    assert.match(text, /\r\nDTSTART:20271031T013000Z\r\n/);
    assert.match(text, /\r\nDTSTART;TZID=Europe\/Paris:20271031T033000\r\n/);
    const { event } = parse(text);
    assert.deepEqual(
      starts.map((_, i) => event(i).startDate.toJSDate().toISOString()),
      starts,
    );
  });

  test('an all-day event is VALUE=DATE, its end is the day after its last day, and needs no VTIMEZONE', () => {
    const text = render({
      events: [
        meeting({ start: { date: '2027-03-01' }, end: { date: '2027-03-15' } }),
        meeting({ uid: 'j@x', start: { date: '2027-10-31' }, end: undefined }),
      ],
    });
    assert.match(text, /\r\nDTSTART;VALUE=DATE:20270301\r\nDTEND;VALUE=DATE:20270316\r\n/);
    assert.match(text, /\r\nDTSTART;VALUE=DATE:20271031\r\nSUMMARY:/);
    assert.doesNotMatch(text, /VTIMEZONE/);
    const { event } = parse(text);
    assert.equal(event().startDate.isDate, true);
    assert.equal(event().startDate.toString(), '2027-03-01');
    assert.equal(event().endDate.toString(), '2027-03-16');
  });

  test('METHOD:CANCEL marks every event cancelled, whatever status it had', () => {
    const organizer = { name: 'Jeanne Dupont', email: 'jeanne@laval.fr' };
    const text = render({
      method: 'CANCEL',
      events: [meeting({ sequence: 4, status: 'CONFIRMED', organizer }), meeting({ uid: 'b@x', organizer })],
    });
    const { calendar, events } = parse(text);
    assert.equal(calendar.getFirstPropertyValue('method'), 'CANCEL');
    assert.deepEqual(
      events.map((e) => [e.getFirstPropertyValue('status'), e.getFirstPropertyValue('sequence')]),
      [
        ['CANCELLED', 4],
        ['CANCELLED', 0],
      ],
    );
  });

  test('a feed (PUBLISH, the default) writes only the status it is given', () => {
    const text = render({ events: [meeting(), meeting({ uid: 'b@x', status: 'TENTATIVE' })] });
    const { calendar, events } = parse(text);
    assert.equal(calendar.getFirstPropertyValue('method'), 'PUBLISH');
    assert.deepEqual(
      events.map((e) => e.getFirstPropertyValue('status')),
      [null, 'TENTATIVE'],
    );
  });
});

describe('lines, folding and escaping', () => {
  const LONG =
    'Ordre du jour : présentation des expérimentations d’intelligence artificielle menées à Évreux, Sète et ' +
    'Châteauroux ; retour d’expérience des élus, « données ouvertes » et mutualisation entre collectivités — ' +
    'première réunion de l’année, suivie d’un déjeuner à la brasserie de l’Hôtel de Ville. 🇫🇷\nÀ bientôt !';

  test('every line ends in CRLF, is at most 75 octets, and a long French text unfolds back whole', () => {
    const text = render({ events: [meeting({ description: LONG, location: LONG, summary: LONG })] });
    assert.doesNotMatch(text.replace(/\r\n/g, ''), /[\r\n]/, 'no bare CR or LF');
    const lines = physicalLines(text);
    for (const line of lines) assert.ok(Buffer.byteLength(line) <= 75, `${Buffer.byteLength(line)} octets: ${line}`);
    assert.ok(lines.filter((l) => l.startsWith(' ')).length >= 9, 'the long texts are folded');
    const { event } = parse(text);
    assert.equal(event().description, LONG);
    assert.equal(event().location, LONG);
    assert.equal(event().summary, LONG);
  });

  test('folding never splits a character: each physical line is valid UTF-8 on its own', () => {
    const text = render({ events: [meeting({ description: LONG.repeat(3) })] });
    for (const line of physicalLines(text)) {
      const bytes = Buffer.from(line, 'utf8');
      assert.equal(new TextDecoder('utf-8', { fatal: true }).decode(bytes), line);
    }
  });

  test('foldLine: 75 octets on the first line, a space and 74 after, cut before a multi-byte character', () => {
    assert.equal(foldLine('a'.repeat(75)), 'a'.repeat(75));
    assert.equal(foldLine('a'.repeat(76)), `${'a'.repeat(75)}\r\n a`);
    assert.equal(foldLine('a'.repeat(75 + 74 + 1)), `${'a'.repeat(75)}\r\n ${'a'.repeat(74)}\r\n a`);
    // 74 octets then « é » (2 octets): it would end at octet 76, so it starts the next line.
    assert.equal(foldLine(`${'a'.repeat(74)}é`), `${'a'.repeat(74)}\r\n é`);
    // A four-octet character (a surrogate pair in JavaScript) stays whole.
    assert.equal(foldLine(`${'a'.repeat(73)}😀b`), `${'a'.repeat(73)}\r\n 😀b`);
  });

  test('TEXT escaping: backslash, semicolon, comma and every kind of newline', () => {
    assert.equal(escapeText('a\\b;c,d\ne\r\nf\rg'), 'a\\\\b\\;c\\,d\\ne\\nf\\ng');
    assert.equal(escapeText('deux-points : sans échappement'), 'deux-points : sans échappement');
    assert.equal(escapeText('bip\u0007 nul\u0000'), 'bip nul');
    const summary = 'Budget ; vote, puis C:\\dossiers\\ia\n2e partie';
    const text = render({ events: [meeting({ summary })] });
    assert.match(text, /\r\nSUMMARY:Budget \\; vote\\, puis C:\\\\dossiers\\\\ia\\n2e partie\r\n/);
    assert.equal(parse(text).event().summary, summary);
  });

  test('a name is quoted when it holds « : ; , », and its double quotes and newlines use RFC 6868', () => {
    assert.equal(paramValue('Élise Martin'), 'Élise Martin');
    assert.equal(paramValue('Martin, Élise'), '"Martin, Élise"');
    assert.equal(paramValue('Mairie : DGS'), '"Mairie : DGS"');
    assert.equal(paramValue('Jean "Jeannot" Roy'), "Jean ^'Jeannot^' Roy");
    assert.equal(paramValue('a^b\nc'), 'a^^b^nc');
    const name = 'Dupont; Jeanne "DGS", mairie';
    const text = render({ method: 'REQUEST', events: [meeting({ organizer: { name, email: 'j@laval.fr' } })] });
    const organizer = parse(text).events[0]?.getFirstProperty('organizer') as ICAL.Property;
    assert.equal(organizer.getParameter('cn'), name);
  });
});

describe('rules of the writer', () => {
  test('calendarUid is <kind>-<id>@<host>, a base URL gives its host name', () => {
    assert.equal(calendarUid('reunion', 12, 'bibliotheque-ia.example'), 'reunion-12@bibliotheque-ia.example');
    assert.equal(calendarUid('defi', 3, 'https://Bibliotheque.example.fr:8443/'), 'defi-3@bibliotheque.example.fr');
    assert.throws(() => calendarUid('Réunion', 1, 'x.example'), /genre invalide/);
    assert.throws(() => calendarUid('reunion', 1.5, 'x.example'), /identifiant invalide/);
    assert.throws(() => calendarUid('reunion', 1, 'x example'), /hôte invalide/);
  });

  test('an invitation or a cancellation without an organizer is refused (RFC 5546)', () => {
    assert.throws(() => render({ method: 'REQUEST' }), /organisateur/);
    assert.throws(() => render({ method: 'CANCEL' }), /organisateur/);
    assert.doesNotThrow(() => render({ method: 'PUBLISH' }));
  });

  test('start and end of different kinds, an end before the start, a bad date or address are refused', () => {
    assert.throws(() => render({ events: [meeting({ end: { date: '2027-02-04' } })] }), /tous deux/);
    assert.throws(() => render({ events: [meeting({ end: { utc: '2027-02-04T09:00:00Z' } })] }), /précède son début/);
    assert.throws(
      () => render({ events: [meeting({ start: { date: '2027-02-30' }, end: undefined })] }),
      /Date invalide/,
    );
    assert.throws(
      () => render({ events: [meeting({ attendees: [{ email: 'pas une adresse' }] })] }),
      /Adresse invalide/,
    );
    assert.throws(() => render({ events: [meeting({ sequence: -1 })] }), /SEQUENCE/);
  });

  test('the VTIMEZONE is written once, only when an event has a time of day', () => {
    const timed = render({ events: [meeting(), meeting({ uid: 'b@x' })] });
    assert.equal(timed.match(/BEGIN:VTIMEZONE/g)?.length, 1);
    assert.doesNotMatch(render({ events: [] }), /VTIMEZONE/);
  });

  test('the calendar starts with its header in order and ends with END:VCALENDAR and a CRLF', () => {
    const lines = physicalLines(render({ events: [] }));
    assert.deepEqual(lines.slice(0, 5), [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Bibliotheque IA des territoires//Calendrier 1.0//FR',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
    ]);
    assert.equal(lines.at(-1), 'END:VCALENDAR');
  });
});
