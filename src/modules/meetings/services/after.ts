/**
 * After the meeting: attendance (from registrations, edited by leads), minutes in the small safe markup with their
 * history and publication (members or everyone), decisions, and actions with an owner, a due date and a status;
 * overdue actions are reminded to their owner by mail (a job on the day after the due date, then every week while
 * the action stays open).
 */
import { type Actor, authorize, can } from '../../../platform/auth/authorize.ts';
import { parisLocalToUtc, utcToParis } from '../../../platform/calendar/paris-time.ts';
import { ConflictError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import {
  ACTION_STATUSES,
  type ActionRecord,
  type ActionStatus,
  isOpenAction,
  type MinutesRevision,
  PUBLICATIONS,
  type Publication,
} from '../model.ts';
import { ACTION_REMINDER_JOB, type MeetingsContext } from './context.ts';
import type { MailService } from './mails.ts';
import type { MeetingService } from './meetings.ts';

const MAX_MINUTES = 100_000;
const MAX_REMINDER_ROUNDS = 6;

/** Who may read minutes published this way (`leads`: leads and coordinators; `inside`: the group's members). */
export const mayReadMinutes = (p: Publication, who: { leads: boolean; inside: boolean }) =>
  p === 'public' || (p === 'members' && (who.inside || who.leads)) || who.leads;

export function createAfterService(ctx: MeetingsContext, meetings: MeetingService, mails: MailService) {
  const { platform, store, ports } = ctx;
  const { clock } = platform;

  async function scheduleActionReminder(
    a: Pick<ActionRecord, 'id' | 'dueDate'>,
    round: number,
    trx: Parameters<typeof store.insertAction>[0],
  ) {
    if (!a.dueDate) return;
    const [y, mo, d] = a.dueDate.split('-').map(Number) as [number, number, number];
    const next = new Date(Date.UTC(y, mo - 1, d + 1 + 7 * round)).toISOString().slice(0, 10);
    const at = parisLocalToUtc(next, '08:00');
    if (!at.ok) return;
    await platform.jobs.enqueue(
      ACTION_REMINDER_JOB,
      { actionId: a.id, dueDate: a.dueDate, round },
      { runAt: new Date(at.utc), uniqueKey: `${ACTION_REMINDER_JOB}:${a.id}:${a.dueDate}:${round}` },
      trx,
    );
  }

  return {
    /** The minutes' revisions `actor` may read (newest first) and whether they lead the group. */
    async minutesFor(
      actor: Actor,
      meetingId: number,
      groupId: number,
      inside: boolean,
    ): Promise<{ revisions: MinutesRevision[]; leads: boolean }> {
      const leads = await ports.groups.canLead(actor, groupId);
      const all = await store.minutes(meetingId);
      return { revisions: all.filter((r) => mayReadMinutes(r.publication, { leads, inside })), leads };
    },

    async saveMinutes(
      actor: Actor,
      meetingId: number,
      input: { base: number; body: string; publication: string; decisions: string[] },
    ) {
      const m = await meetings.meeting(meetingId);
      await meetings.assertLeads(actor, m.groupId);
      const errors: Record<string, string> = {};
      const body = input.body.replace(/\r\n?/g, '\n').trim();
      if (!body) errors.texte = 'Écrivez le compte rendu avant de l’enregistrer.';
      else if (body.length > MAX_MINUTES) errors.texte = 'Le compte rendu : 100 000 caractères au plus.';
      if (!(PUBLICATIONS as readonly string[]).includes(input.publication))
        errors.publication = 'Choisissez à qui le compte rendu est publié.';
      const decisions = input.decisions.map((d) => d.trim()).filter(Boolean);
      if (decisions.length > 50) errors.decisions = 'Décisions : 50 au plus.';
      if (decisions.some((d) => d.length > 1000)) errors.decisions = 'Chaque décision : 1 000 caractères au plus.';
      if (Object.keys(errors).length) throw new ValidationError(errors);
      await platform.db.transaction().execute(async (trx) => {
        if (
          !(await store.addMinutes(
            trx,
            meetingId,
            input.base,
            body,
            input.publication as Publication,
            actor!.id,
            clock.iso(),
          ))
        )
          throw new ConflictError(
            'Quelqu’un a enregistré une autre version du compte rendu entre-temps : rechargez la page.',
          );
        await store.setDecisions(trx, meetingId, decisions);
        await platform.audit.record(
          {
            actorUserId: actor!.id,
            action: 'meeting_minutes.saved',
            subjectType: 'meeting',
            subjectId: meetingId,
            details: { revision: input.base + 1, publication: input.publication, decisions: decisions.length },
          },
          trx,
        );
      });
    },

    async setAttendance(actor: Actor, meetingId: number, present: ReadonlySet<number>) {
      const m = await meetings.meeting(meetingId);
      await meetings.assertLeads(actor, m.groupId);
      const regs = (await store.registrations(meetingId)).filter((r) => r.status === 'registered');
      await platform.db.transaction().execute(async (trx) => {
        await store.setAttendance(
          trx,
          meetingId,
          new Map(regs.map((r) => [r.userId, present.has(r.userId)])),
          clock.iso(),
        );
        await platform.audit.record(
          {
            actorUserId: actor!.id,
            action: 'meeting_attendance.recorded',
            subjectType: 'meeting',
            subjectId: meetingId,
            details: { present: present.size, registered: regs.length },
          },
          trx,
        );
      });
    },

    async addAction(
      actor: Actor,
      meetingId: number,
      input: { title: string; ownerId: string; dueDate: string },
    ): Promise<number> {
      const m = await meetings.meeting(meetingId);
      await meetings.assertLeads(actor, m.groupId);
      const errors: Record<string, string> = {};
      const title = input.title.trim();
      if (!title) errors.action_titre = 'Indiquez l’action à mener.';
      else if (title.length > 300) errors.action_titre = 'L’action : 300 caractères au plus.';
      const members = await ports.groups.members(m.groupId);
      let ownerId: number | null = null;
      if (input.ownerId) {
        ownerId = Number(input.ownerId);
        if (!members.some((p) => p.userId === ownerId))
          errors.action_responsable = 'Le responsable doit être un membre du groupe.';
      }
      const due = input.dueDate.trim();
      if (due && (!/^\d{4}-\d{2}-\d{2}$/.test(due) || !parisLocalToUtc(due, '12:00').ok))
        errors.action_echeance = 'L’échéance doit être une date réelle au format AAAA-MM-JJ.';
      if (Object.keys(errors).length) throw new ValidationError(errors);
      return platform.db.transaction().execute(async (trx) => {
        const id = await store.insertAction(
          trx,
          { meetingId, groupId: m.groupId, title, ownerId, dueDate: due || null },
          clock.iso(),
        );
        await scheduleActionReminder({ id, dueDate: due || null }, 0, trx);
        await platform.audit.record(
          {
            actorUserId: actor!.id,
            action: 'meeting_action.created',
            subjectType: 'meeting_action',
            subjectId: id,
            details: { meetingId, ownerId, dueDate: due || null },
          },
          trx,
        );
        return id;
      });
    },

    async setActionStatus(actor: Actor, actionId: number, version: number, status: string): Promise<ActionRecord> {
      const a = await store.action(actionId);
      if (!a) throw notFound('Cette action est introuvable.');
      authorize(actor, 'meeting_action.update', {
        leads: await ports.groups.canLead(actor, a.groupId),
        ownerId: a.ownerId,
      });
      if (!(ACTION_STATUSES as readonly string[]).includes(status))
        throw new ValidationError({ statut: 'Choisissez l’état de l’action.' });
      await platform.db.transaction().execute(async (trx) => {
        if (!(await store.setActionStatus(trx, actionId, version, status as ActionStatus, clock.iso())))
          throw new ConflictError('Cette action a été mise à jour entre-temps : rechargez la page.', a);
        await platform.audit.record(
          {
            actorUserId: actor!.id,
            action: 'meeting_action.updated',
            subjectType: 'meeting_action',
            subjectId: actionId,
            details: { from: a.status, to: status },
          },
          trx,
        );
      });
      return (await store.action(actionId))!;
    },

    /** The overdue-action job: mails the owner when the action is still open and its due date unchanged. */
    async remindAction(payload: { actionId: number; dueDate: string; round: number }): Promise<boolean> {
      const a = await store.action(payload.actionId);
      if (!a || !isOpenAction(a.status) || a.dueDate !== payload.dueDate || a.ownerId == null) return false;
      if (a.dueDate >= utcToParis(clock.iso()).date) return false;
      const owner = (await meetings.people([a.ownerId])).get(a.ownerId);
      return platform.db.transaction().execute(async (trx) => {
        if (owner)
          await mails.overdueAction(
            { id: a.id, title: a.title, dueDate: a.dueDate!, meetingId: a.meetingId },
            owner,
            trx,
            `meetings.action_mail:${a.id}:${a.dueDate}:${payload.round}`,
          );
        if (payload.round + 1 < MAX_REMINDER_ROUNDS) await scheduleActionReminder(a, payload.round + 1, trx);
        return !!owner;
      });
    },

    /** Whether `actor` may change this action's status (owner, leads, coordinators). */
    async mayUpdateAction(actor: Actor, a: ActionRecord) {
      return can(actor, 'meeting_action.update', {
        leads: await ports.groups.canLead(actor, a.groupId),
        ownerId: a.ownerId,
      });
    },
  };
}
export type AfterService = ReturnType<typeof createAfterService>;
