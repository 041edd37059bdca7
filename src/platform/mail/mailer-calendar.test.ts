// A mail carrying a calendar invitation, in outbox mode: the .eml holds the `text/calendar; method=REQUEST` part that
// mail clients show as an invitation and the .ics attachment, both readable by a calendar parser (ical.js); the .json
// twin says which invitation it carried, and erasing an attendee erases the message.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { renderCalendar } from '../calendar/ical.ts';
import { createMailer } from './mailer.ts';
import { mimeParts } from './test-support.ts';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function outboxMailer() {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-calendar-'));
  dirs.push(dir);
  return { dir, mailer: createMailer({ from: 'bibliotheque@test.fr', outboxDir: dir }) };
}

function invitation(method: 'REQUEST' | 'CANCEL') {
  return renderCalendar({
    name: 'Réunions du réseau',
    method,
    now: '2027-01-10T08:00:00Z',
    events: [
      {
        uid: 'reunion-12@bibliotheque-ia.example',
        sequence: method === 'CANCEL' ? 1 : 0,
        summary: 'Réunion des référents IA : bilan de l’année, perspectives et déjeuner à l’Hôtel de Ville',
        start: { utc: '2027-03-28T08:00:00Z' },
        end: { utc: '2027-03-28T10:00:00Z' },
        organizer: { name: 'Jeanne Dupont', email: 'jeanne.dupont@laval.fr' },
        attendees: [{ name: 'Élise Martin', email: 'elise.martin@angers.fr' }],
      },
    ],
  });
}

function onlyEml(dir: string): string {
  const names = readdirSync(dir).filter((n) => n.endsWith('.eml'));
  assert.equal(names.length, 1);
  return readFileSync(join(dir, names[0] as string), 'utf8');
}

describe('mail with a calendar invitation (outbox)', () => {
  test('the .eml has a text/calendar; method=REQUEST part and an .ics attachment, both parsed by ical.js', async () => {
    const { dir, mailer } = outboxMailer();
    await mailer.send({
      to: 'elise.martin@angers.fr',
      subject: 'Invitation : réunion des référents IA',
      text: 'Bonjour, vous êtes invitée à la réunion du 28 mars.',
      calendar: { method: 'REQUEST', content: invitation('REQUEST'), filename: 'reunion-12.ics' },
    });
    const parts = mimeParts(onlyEml(dir));
    const inline = parts.find((p) => /^text\/calendar/i.test(p.contentType));
    assert.ok(inline, parts.map((p) => p.contentType).join(' | '));
    assert.match(inline.contentType, /^text\/calendar;.*\bmethod=REQUEST\b/i);
    assert.match(inline.contentType, /charset=utf-8/i);
    const attachment = parts.find((p) => /filename="?reunion-12\.ics"?/.test(p.disposition));
    assert.ok(attachment, 'the .ics attachment');
    assert.ok(parts.some((p) => /^text\/plain/.test(p.contentType) && p.body.includes('vous êtes invitée')));

    for (const part of [inline, attachment]) {
      const calendar = new ICAL.Component(ICAL.parse(part.body));
      ICAL.TimezoneService.register(calendar.getFirstSubcomponent('vtimezone') as ICAL.Component);
      assert.equal(calendar.getFirstPropertyValue('method'), 'REQUEST');
      const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent') as ICAL.Component);
      assert.equal(event.uid, 'reunion-12@bibliotheque-ia.example');
      assert.equal(
        event.summary,
        'Réunion des référents IA : bilan de l’année, perspectives et déjeuner à l’Hôtel de Ville',
      );
      assert.equal(event.startDate.toJSDate().toISOString(), '2027-03-28T08:00:00.000Z');
      assert.equal(event.attendees[0]?.getParameter('cn'), 'Élise Martin');
    }

    const [message] = mailer.outbox();
    assert.deepEqual(
      { method: message?.calendar?.method, filename: message?.calendar?.filename },
      { method: 'REQUEST', filename: 'reunion-12.ics' },
    );
    assert.equal(message?.calendar?.content, invitation('REQUEST'));
  });

  test('a cancellation is a text/calendar; method=CANCEL part, named annulation.ics unless told', async () => {
    const { dir, mailer } = outboxMailer();
    await mailer.send({
      to: 'elise.martin@angers.fr',
      subject: 'Annulation : réunion des référents IA',
      text: 'La réunion du 28 mars est annulée.',
      calendar: { method: 'CANCEL', content: invitation('CANCEL') },
    });
    const parts = mimeParts(onlyEml(dir));
    const inline = parts.find((p) => /^text\/calendar/i.test(p.contentType));
    assert.match(String(inline?.contentType), /\bmethod=CANCEL\b/i);
    const calendar = new ICAL.Component(ICAL.parse(String(inline?.body)));
    assert.equal(calendar.getFirstSubcomponent('vevent')?.getFirstPropertyValue('status'), 'CANCELLED');
    assert.equal(mailer.outbox()[0]?.calendar?.filename, 'annulation.ics');
  });

  test('a calendar whose METHOD is not the one announced is refused, nothing is written', async () => {
    const { dir, mailer } = outboxMailer();
    await assert.rejects(
      mailer.send({
        to: 'elise.martin@angers.fr',
        subject: 'Invitation',
        text: 'Bonjour',
        calendar: { method: 'REQUEST', content: invitation('CANCEL') },
      }),
      /METHOD:REQUEST/,
    );
    assert.deepEqual(readdirSync(dir), []);
  });

  test('erasing a person removes the invitations that list them as attendee, not the others', async () => {
    const { dir, mailer } = outboxMailer();
    await mailer.send({
      to: 'jeanne.dupont@laval.fr',
      subject: 'Invitation envoyée',
      text: 'Copie de l’invitation.',
      calendar: { method: 'REQUEST', content: invitation('REQUEST') },
    });
    await mailer.send({ to: 'paul@saumur.fr', subject: 'Autre message', text: 'Bonjour' });
    assert.equal(mailer.scrub(['elise.martin@angers.fr']), 1);
    assert.deepEqual(
      mailer.outbox().map((m) => m.subject),
      ['Autre message'],
    );
    assert.equal(readdirSync(dir).filter((n) => n.endsWith('.eml')).length, 1);
  });
});
