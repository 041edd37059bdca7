/** Shared by the meetings' tests: a group with a lead and members, the meeting form, iCal parsing. */
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import type { TestAgent, TestApp } from '../../../test/helpers/app.ts';
import type { CurrentUser } from '../../platform/auth/user.ts';
import type { OutboxMessage } from '../../platform/mail/mailer.ts';

export interface GroupWorld {
  groupId: number;
  lead: TestAgent;
  members: TestAgent[];
  memberIds: number[];
  memberEmails: string[];
  outsider: TestAgent;
  coordinator: TestAgent;
  visitor: TestAgent;
}

/** A members-only or public group led by `lead@…` with `count` members, created through the groups api. */
export async function groupWorld(
  app: TestApp,
  prefix: string,
  count = 3,
  visibility: 'public' | 'members' = 'public',
): Promise<GroupWorld> {
  const groups = app.server.modules.services.groups;
  const coord = await app.createUser({ email: `coord-${prefix}@reseau.fr`, role: 'coordinator' });
  const actor: CurrentUser = {
    id: coord.id,
    email: coord.email,
    name: 'Coordination',
    role: 'coordinator',
    memberships: [],
  };
  const groupId: number = await groups.createGroup(actor, {
    name: `Groupe ${prefix}`,
    purpose: 'Pour les tests.',
    visibility,
  });
  await app.createUser({ email: `pilote-${prefix}@reseau.fr` });
  await groups.addMember(actor, groupId, { email: `pilote-${prefix}@reseau.fr`, role: 'lead', function: 'Élue' });
  const members: TestAgent[] = [];
  const memberIds: number[] = [];
  const memberEmails: string[] = [];
  for (let i = 1; i <= count; i++) {
    const email = `membre${i}-${prefix}@reseau.fr`;
    const u = await app.createUser({ email });
    await groups.addMember(actor, groupId, { email, role: 'member' });
    const agent = app.agent();
    await agent.signInAs(email);
    members.push(agent);
    memberIds.push(u.id);
    memberEmails.push(email);
  }
  const lead = app.agent();
  await lead.signInAs(`pilote-${prefix}@reseau.fr`);
  const coordinator = app.agent();
  await coordinator.signInAs(coord.email);
  const outsider = await app.signedIn({ email: `dehors-${prefix}@ailleurs.fr` });
  return { groupId, lead, members, memberIds, memberEmails, outsider, coordinator, visitor: app.agent() };
}

/** The meeting form as a browser sends it (two agenda rows, one document). */
export function meetingForm(over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    titre: 'Réunion du groupe',
    description: 'Point d’étape.',
    date: '2027-04-15',
    heure: '10:00',
    heure_fin: '12:00',
    lieu: 'Salle du conseil',
    visio: 'https://visio.exemple.fr/groupe',
    visibilite: 'public',
    capacite: '',
    agenda_titre: ['Accueil', 'Intervention invitée'],
    agenda_intervenant: ['', 'Présidence de la commission'],
    agenda_fonction: ['', 'Président·e de la commission nationale'],
    agenda_invite: '1',
    document_titre: ['Note préparatoire'],
    document_url: ['https://docs.exemple.fr/note'],
    document_moment: ['before'],
    ...over,
  };
}

export const meetingIdIn = (location: string | undefined): number => {
  const m = /^\/reunions\/(\d+)/.exec(location ?? '');
  assert.ok(m, `adresse de réunion attendue, reçu ${location}`);
  return Number(m[1]);
};

/** Parses with ical.js, registering the calendar's own VTIMEZONE, as a calendar application would. */
export function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zone = calendar.getFirstSubcomponent('vtimezone');
  if (zone) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent');
  return { calendar, events, event: (i = 0) => new ICAL.Event(events[i]) };
}

/** The RFC 5545 rules for the properties we use, on a whole calendar text. */
export function assertRfc5545(text: string, method: string) {
  assert.ok(text.endsWith('\r\n'), 'lignes terminées par CRLF');
  for (const line of text.slice(0, -2).split('\r\n'))
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `ligne de plus de 75 octets : ${line}`);
  const { calendar, events } = parseCalendar(text);
  assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
  assert.ok(calendar.getFirstPropertyValue('prodid'));
  assert.equal(calendar.getFirstPropertyValue('method'), method);
  for (const e of events) {
    assert.ok(e.getFirstPropertyValue('uid'), 'UID');
    assert.ok(e.getFirstPropertyValue('dtstamp'), 'DTSTAMP');
    assert.ok(e.getFirstPropertyValue('dtstart'), 'DTSTART');
    const start = e.getFirstProperty('dtstart');
    if (start?.getParameter('tzid')) {
      assert.equal(start.getParameter('tzid'), 'Europe/Paris');
      assert.ok(calendar.getFirstSubcomponent('vtimezone'), 'VTIMEZONE présent pour TZID');
    }
    if (method === 'REQUEST' || method === 'CANCEL') {
      assert.ok(e.getFirstPropertyValue('organizer'), 'ORGANIZER (RFC 5546)');
      assert.ok(e.getFirstPropertyValue('attendee'), 'ATTENDEE (RFC 5546)');
    }
  }
  return parseCalendar(text);
}

/** The mails sent to `email` whose subject matches, newest first (the due jobs run first: mail goes through them). */
export async function mailsTo(app: TestApp, email: string, subject: RegExp): Promise<OutboxMessage[]> {
  await app.server.runJobs();
  return app.outbox().filter((m) => m.to.includes(email) && subject.test(m.subject));
}
