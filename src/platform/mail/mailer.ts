import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SendMailOptions } from 'nodemailer';
import nodemailer from 'nodemailer';

export interface Mail {
  to: string | string[];
  subject: string;
  text: string;
  /** Where the recipients' answer goes (a person who wrote through the platform), when not the site's address. */
  replyTo?: string;
  /**
   * A calendar invitation (renderCalendar from platform/calendar/ical.ts with the same method): sent as a
   * `text/calendar; method=…` alternative part, which Outlook and Thunderbird show as an invitation, plus the same
   * file as an .ics attachment (`filename`, default invitation.ics / annulation.ics).
   */
  calendar?: MailCalendar;
}

export interface MailCalendar {
  method: 'REQUEST' | 'CANCEL';
  content: string;
  filename?: string;
}

export interface OutboxMessage {
  id: string;
  date: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  replyTo?: string;
  /** The invitation the message carried (its .ics is in the .eml; `content` is kept for erasure and reading). */
  calendar?: { method: MailCalendar['method']; filename: string; content: string };
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** Messages written to the outbox folder (only when no SMTP is configured), newest first. */
  outbox(): OutboxMessage[];
  outboxMessage(id: string): OutboxMessage | null;
  /**
   * Erases a person from the outbox (account deletion): every message sent to one of `needles` or mentioning one
   * (their address, their name, in the text or in an attached invitation; case-insensitive) is deleted, .eml and .json. Returns how many. SMTP: nothing kept.
   */
  scrub(needles: readonly string[]): number;
  mode: 'smtp' | 'outbox';
}

/**
 * How long the SMTP conversation may stall (milliseconds). nodemailer's own defaults (2 min to connect, 10 min of
 * socket silence) exceed the job lease (5 min, jobs/queue.ts LEASE_MS): a hung server would keep the job running past
 * its lease, another worker would claim it and the message could leave twice. With these, a silent server makes the
 * send fail well within the lease; the job is then retried (or failed) by the queue, never run twice at once.
 */
export interface SmtpTimeouts {
  /** Opening the TCP (and TLS) connection. */
  connectionMs: number;
  /** Waiting for the server's greeting once connected. */
  greetingMs: number;
  /** Silence on the socket at any later step (each command's answer, the end of DATA). */
  socketMs: number;
}

export const SMTP_TIMEOUTS: SmtpTimeouts = { connectionMs: 30_000, greetingMs: 30_000, socketMs: 60_000 };

/** The nodemailer message for a Mail (both modes build the same MIME message). */
function nodemailerMessage(from: string, mail: Mail): SendMailOptions {
  const calendar = mail.calendar && calendarOf(mail.calendar);
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    ...(calendar ? { icalEvent: calendar } : {}),
  };
}

/** The calendar with its file name; its METHOD must be the one announced in the MIME part. */
function calendarOf(calendar: MailCalendar): Required<MailCalendar> {
  if (!new RegExp(`(^|\r?\n)METHOD:${calendar.method}\r?\n`).test(calendar.content)) {
    throw new Error(`Invitation : le calendrier joint n’a pas METHOD:${calendar.method}`);
  }
  const filename = calendar.filename ?? (calendar.method === 'CANCEL' ? 'annulation.ics' : 'invitation.ics');
  return { method: calendar.method, content: calendar.content, filename };
}

/**
 * nodemailer: SMTP when SMTP_URL is set; otherwise each message is written to the outbox folder as an .eml file
 * (readable by any mail client) plus a .json twin that the administration pages list.
 */
export function createMailer(options: {
  smtpUrl?: string;
  from: string;
  outboxDir: string;
  timeouts?: SmtpTimeouts;
}): Mailer {
  if (options.smtpUrl) {
    const timeouts = options.timeouts ?? SMTP_TIMEOUTS;
    const transport = nodemailer.createTransport({
      url: options.smtpUrl,
      connectionTimeout: timeouts.connectionMs,
      greetingTimeout: timeouts.greetingMs,
      socketTimeout: timeouts.socketMs,
    });
    return {
      mode: 'smtp',
      async send(mail) {
        await transport.sendMail(nodemailerMessage(options.from, mail));
      },
      outbox: () => [],
      outboxMessage: () => null,
      scrub: () => 0,
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const dir = options.outboxDir;
  return {
    mode: 'outbox',
    async send(mail) {
      mkdirSync(dir, { recursive: true });
      const info = await transport.sendMail(nodemailerMessage(options.from, mail));
      const date = new Date().toISOString();
      const id = `${date.replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}`;
      writeFileSync(join(dir, `${id}.eml`), info.message as Buffer);
      const message: OutboxMessage = {
        id,
        date,
        from: options.from,
        to: Array.isArray(mail.to) ? mail.to : [mail.to],
        subject: mail.subject,
        text: mail.text,
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        ...(mail.calendar ? { calendar: calendarOf(mail.calendar) } : {}),
      };
      writeFileSync(join(dir, `${id}.json`), JSON.stringify(message, null, 2));
    },
    outbox() {
      let names: string[] = [];
      try {
        names = readdirSync(dir).filter((n) => n.endsWith('.json'));
      } catch {
        return [];
      }
      return names
        .sort()
        .reverse()
        .map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')) as OutboxMessage);
    },
    scrub(needles) {
      const words = needles.map((n) => n.trim().toLowerCase()).filter((n) => n.length >= 3);
      if (!words.length) return 0;
      let names: string[] = [];
      try {
        names = readdirSync(dir).filter((n) => n.endsWith('.json'));
      } catch {
        return 0;
      }
      let removed = 0;
      for (const name of names) {
        const id = name.slice(0, -'.json'.length);
        const message = JSON.parse(readFileSync(join(dir, name), 'utf8')) as OutboxMessage;
        // The invitation's attendees count too (unfolded: a folded line may cut an address in two).
        const calendar = (message.calendar?.content ?? '').replace(/\r?\n[ \t]/g, '');
        const text = [...message.to, message.replyTo ?? '', message.subject, message.text, calendar]
          .join('\n')
          .toLowerCase();
        if (!words.some((w) => text.includes(w))) continue;
        rmSync(join(dir, `${id}.eml`), { force: true });
        rmSync(join(dir, name), { force: true });
        removed++;
      }
      return removed;
    },
    outboxMessage(id) {
      if (!/^[\w-]+$/.test(id)) return null;
      try {
        return JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')) as OutboxMessage;
      } catch {
        return null;
      }
    },
  };
}
