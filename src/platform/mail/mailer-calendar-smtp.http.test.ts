// SMTP mode: the message that reaches the SMTP server carries the invitation as Outlook and Thunderbird expect it
// (a `text/calendar; method=REQUEST` alternative part and the .ics attachment). The server is a few lines of our own
// that accept one message and keep what DATA received (HTTP tier: it listens on a port).
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import ICAL from 'ical.js';
import { renderCalendar } from '../calendar/ical.ts';
import { createMailer } from './mailer.ts';
import { mimeParts } from './test-support.ts';

const received: string[] = [];
const sockets = new Set<Socket>();
const smtp = createServer((socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  socket.on('error', () => {});
  let data: string | null = null;
  let pending = '';
  socket.write('220 test ESMTP\r\n');
  socket.on('data', (chunk) => {
    pending += chunk.toString('utf8');
    while (true) {
      if (data !== null) {
        const end = pending.indexOf('\r\n.\r\n');
        if (end === -1) return;
        received.push(data + pending.slice(0, end).replace(/\r\n\.\./g, '\r\n.'));
        pending = pending.slice(end + 5);
        data = null;
        socket.write('250 OK\r\n');
        continue;
      }
      const eol = pending.indexOf('\r\n');
      if (eol === -1) return;
      const command = pending.slice(0, eol).toUpperCase();
      pending = pending.slice(eol + 2);
      if (command.startsWith('EHLO') || command.startsWith('HELO')) socket.write('250 test\r\n');
      else if (command === 'DATA') {
        data = '';
        socket.write('354 go on\r\n');
      } else if (command === 'QUIT') socket.end('221 bye\r\n');
      else socket.write('250 OK\r\n');
    }
  });
});
let url = '';
before(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  url = `smtp://127.0.0.1:${(smtp.address() as { port: number }).port}`;
});
after(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

test('an invitation sent by SMTP has a text/calendar; method=REQUEST part and the .ics attachment', async () => {
  const content = renderCalendar({
    name: 'Réunions du réseau',
    method: 'REQUEST',
    now: '2027-01-10T08:00:00Z',
    events: [
      {
        uid: 'reunion-7@bibliotheque-ia.example',
        sequence: 2,
        summary: 'Atelier « données ouvertes » à Évreux',
        start: { utc: '2027-10-31T09:00:00Z' },
        organizer: { name: 'Jeanne Dupont', email: 'jeanne.dupont@laval.fr' },
        attendees: [{ email: 'dgs@evreux.fr' }],
      },
    ],
  });
  const mailer = createMailer({ smtpUrl: url, from: 'bibliotheque@test.fr', outboxDir: '/nonexistent' });
  await mailer.send({
    to: 'dgs@evreux.fr',
    subject: 'Invitation',
    text: 'Bonjour',
    calendar: { method: 'REQUEST', content, filename: 'atelier.ics' },
  });
  assert.equal(received.length, 1);
  const parts = mimeParts(received[0] as string);
  const inline = parts.find((p) => /^text\/calendar/i.test(p.contentType));
  assert.match(String(inline?.contentType), /^text\/calendar;.*\bmethod=REQUEST\b/i);
  assert.ok(parts.some((p) => /filename="?atelier\.ics"?/.test(p.disposition)));
  const event = new ICAL.Event(
    new ICAL.Component(ICAL.parse(String(inline?.body))).getFirstSubcomponent('vevent') as ICAL.Component,
  );
  assert.equal(event.uid, 'reunion-7@bibliotheque-ia.example');
  assert.equal(event.sequence, 2);
  assert.equal(event.summary, 'Atelier « données ouvertes » à Évreux');
});
