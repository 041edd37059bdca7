/**
 * The mails of meetings, queued as jobs inside the transaction that makes them true: invitations and updates with
 * an iCalendar invitation (REQUEST, then CANCEL), registration answers, moves up from the waiting list, reminders.
 */
import type { Db } from '../../../platform/db/database.ts';
import type { Mail } from '../../../platform/mail/mailer.ts';
import {
  type AttendanceMode,
  durationOf,
  formatDuration,
  type MeetingRecord,
  MODE_LABELS,
  meetingPath,
  whenOf,
} from '../model.ts';
import type { GroupRef } from '../ports.ts';
import type { CalendarService } from './calendar.ts';
import { MAIL_JOB, type MeetingsContext, siteUrl } from './context.ts';

export interface Recipient {
  userId: number;
  name: string;
  email: string;
}

export function createMailService({ platform }: MeetingsContext, calendar: CalendarService) {
  const base = siteUrl(platform);

  async function send(mail: Mail, trx: Db, uniqueKey?: string) {
    await platform.jobs.enqueue(MAIL_JOB, mail, { forgetWhenDone: true, ...(uniqueKey ? { uniqueKey } : {}) }, trx);
  }

  function summary(m: MeetingRecord): string {
    return [
      `Quand : ${whenOf(m)}, durée ${formatDuration(durationOf(m))}`,
      m.place ? `Lieu : ${m.place}` : null,
      m.videoUrl ? `Visioconférence : ${m.videoUrl}` : null,
      m.agenda.length
        ? `Ordre du jour :\n${m.agenda.map((a, i) => `  ${i + 1}. ${a.title}${a.speakerName ? ` — ${a.speakerName}${a.speakerFunction ? `, ${a.speakerFunction}` : ''}` : ''}`).join('\n')}`
        : null,
      `La réunion en ligne : ${base}${meetingPath(m.id)}`,
    ]
      .filter(Boolean)
      .join('\n');
  }

  const withCalendar = (m: MeetingRecord, g: GroupRef | null, method: 'REQUEST' | 'CANCEL', r: Recipient) => ({
    method,
    content: calendar.invitation(m, g, method, { name: r.name, email: r.email }),
  });

  return {
    /** A new meeting (REQUEST, SEQUENCE 0) or its change (REQUEST, higher SEQUENCE), to each recipient. */
    async invitations(m: MeetingRecord, g: GroupRef | null, recipients: Recipient[], kind: 'new' | 'update', trx: Db) {
      for (const r of recipients)
        await send(
          {
            to: r.email,
            subject:
              kind === 'new'
                ? `Invitation : ${m.title} (${g?.name ?? 'groupe de travail'})`
                : `Réunion modifiée : ${m.title}`,
            text: `Bonjour ${r.name},\n\n${
              kind === 'new'
                ? `Vous êtes invité·e à la réunion « ${m.title} »${g ? ` du groupe « ${g.name} »` : ''}. L’invitation jointe s’ajoute à votre agenda ; inscrivez-vous sur la page de la réunion.`
                : `La réunion « ${m.title} » a changé. L’invitation jointe met votre agenda à jour.`
            }\n\n${summary(m)}\n`,
            calendar: withCalendar(m, g, 'REQUEST', r),
          },
          trx,
        );
    },

    async cancellation(m: MeetingRecord, g: GroupRef | null, recipients: Recipient[], trx: Db) {
      for (const r of recipients)
        await send(
          {
            to: r.email,
            subject: `Réunion annulée : ${m.title}`,
            text: `Bonjour ${r.name},\n\nLa réunion « ${m.title} » prévue ${whenOf(m)} est annulée. L’annulation jointe la retire de votre agenda.\n\n${base}${meetingPath(m.id)}\n`,
            calendar: withCalendar(m, g, 'CANCEL', r),
          },
          trx,
        );
    },

    async registered(m: MeetingRecord, g: GroupRef | null, r: Recipient, mode: AttendanceMode, trx: Db) {
      await send(
        {
          to: r.email,
          subject: `Inscription confirmée : ${m.title}`,
          text: `Bonjour ${r.name},\n\nVotre inscription à la réunion « ${m.title} » est confirmée (${MODE_LABELS[mode].toLowerCase()}).\n\n${summary(m)}\n`,
          calendar: withCalendar(m, g, 'REQUEST', r),
        },
        trx,
      );
    },

    async waiting(m: MeetingRecord, r: Recipient, rank: number, trx: Db) {
      await send(
        {
          to: r.email,
          subject: `Liste d’attente : ${m.title}`,
          text: `Bonjour ${r.name},\n\nLa réunion « ${m.title} » est complète : vous êtes sur la liste d’attente (position ${rank}). Si une place se libère, vous serez inscrit·e automatiquement et prévenu·e par courriel.\n\n${base}${meetingPath(m.id)}\n`,
        },
        trx,
      );
    },

    async promoted(m: MeetingRecord, g: GroupRef | null, r: Recipient, trx: Db) {
      await send(
        {
          to: r.email,
          subject: `Une place s’est libérée : ${m.title}`,
          text: `Bonjour ${r.name},\n\nUne place s’est libérée : vous passez de la liste d’attente aux inscrits de la réunion « ${m.title} ». L’invitation jointe s’ajoute à votre agenda. Si vous ne pouvez plus venir, désinscrivez-vous pour laisser la place.\n\n${summary(m)}\n`,
          calendar: withCalendar(m, g, 'REQUEST', r),
        },
        trx,
      );
    },

    async unregistered(m: MeetingRecord, g: GroupRef | null, r: Recipient, trx: Db) {
      await send(
        {
          to: r.email,
          subject: `Désinscription : ${m.title}`,
          text: `Bonjour ${r.name},\n\nVotre désinscription de la réunion « ${m.title} » est enregistrée. L’annulation jointe la retire de votre agenda.\n\n${base}${meetingPath(m.id)}\n`,
          calendar: withCalendar(m, g, 'CANCEL', r),
        },
        trx,
      );
    },

    async reminder(m: MeetingRecord, r: Recipient, days: number, trx: Db, key: string) {
      await send(
        {
          to: r.email,
          subject: `${days === 1 ? 'Demain' : `Dans ${days} jours`} : ${m.title}`,
          text: `Bonjour ${r.name},\n\nRappel : vous êtes inscrit·e à la réunion « ${m.title} ».\n\n${summary(m)}\n\nSi vous ne pouvez plus venir, désinscrivez-vous pour laisser la place.\n`,
        },
        trx,
        key,
      );
    },

    async overdueAction(
      a: { id: number; title: string; dueDate: string; meetingId: number },
      r: Recipient,
      trx: Db,
      key: string,
    ) {
      await send(
        {
          to: r.email,
          subject: `Action en retard : ${a.title}`,
          text: `Bonjour ${r.name},\n\nL’action « ${a.title} » qui vous est confiée devait être faite le ${a.dueDate.split('-').reverse().join('/')}. Mettez son état à jour (en cours, fait, abandonnée) :\n${base}/mon-espace\n\nLa réunion où elle a été décidée : ${base}${meetingPath(a.meetingId)}\n`,
        },
        trx,
        key,
      );
    },
  };
}
export type MailService = ReturnType<typeof createMailService>;
