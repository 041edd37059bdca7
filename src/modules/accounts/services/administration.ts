/**
 * The administration of the platform: dashboard, users (search, role, disabling), audit log and the local mail
 * outbox. Administrators only; role changes and disabling are written to the audit log in their transaction.
 */
import type { Actor } from '../../../platform/auth/authorize.ts';
import { notFound, ValidationError } from '../../../platform/http/errors.ts';
import { pageCount, pageRequest } from '../../../platform/http/pagination.ts';
import type { OutboxMessage } from '../../../platform/mail/mailer.ts';
import { type AuditView, isGlobalRole, type MyAuthority, type User } from '../model.ts';
import { authorizeAdministration, disableRefusal, roleChangeRefusal } from '../policy.ts';
import type { AccountsPorts } from '../ports.ts';
import { type AccountsDeps, publicUser, requireUserRecord, textOf } from './support.ts';

export type AdministrationDeps = Pick<
  AccountsDeps,
  'db' | 'store' | 'clock' | 'audit' | 'sessions' | 'mailer' | 'events'
> & {
  ports: Pick<AccountsPorts, 'authoritiesOf'>;
};

export function createAdministrationService(deps: AdministrationDeps) {
  const { db, store, clock, audit, sessions, mailer, events, ports } = deps;

  return {
    async adminSummary(actor: Actor) {
      authorizeAdministration(actor, 'administration.view');
      const counts = await store.countByStatus();
      return { ...counts, mailMode: mailer.mode, outboxCount: mailer.mode === 'outbox' ? mailer.outbox().length : 0 };
    },

    async listUsers(actor: Actor, query: { q?: unknown; page?: unknown }) {
      authorizeAdministration(actor, 'user.view');
      const q = textOf(query.q).trim().slice(0, 200);
      const paging = pageRequest(query.page, 25, { perPage: 25, max: 25 });
      const { total, rows } = await store.list({ q, limit: paging.perPage, offset: paging.offset });
      return { q, total, page: paging.page, pageCount: pageCount(total, paging.perPage), users: rows.map(publicUser) };
    },

    async getUser(actor: Actor, id: number): Promise<{ user: User; authorities: MyAuthority[] }> {
      authorizeAdministration(actor, 'user.view');
      const record = await requireUserRecord(store, id);
      return { user: publicUser(record), authorities: await ports.authoritiesOf(record.id) };
    },

    /** Changes a user's global role; written to the audit log in the same transaction. */
    async changeRole(actor: Actor, id: number, roleInput: unknown): Promise<User> {
      authorizeAdministration(actor, 'user.manage');
      if (!isGlobalRole(roleInput)) throw new ValidationError({ role: 'Choisissez un rôle dans la liste.' });
      const role = roleInput;
      const target = await requireUserRecord(store, id);
      const refusal = roleChangeRefusal(actor, target, role);
      if (refusal) throw new ValidationError({ role: refusal }, refusal);
      if (target.role === role) return publicUser(target);
      await db.transaction().execute(async (trx) => {
        await store.update(id, { role }, trx);
        await audit.record(
          {
            actorUserId: actor!.id,
            action: 'user.role_changed',
            subjectType: 'user',
            subjectId: id,
            details: { from: target.role, to: role },
          },
          trx,
        );
      });
      return publicUser({ ...target, role });
    },

    /** Disables (no sign-in, sessions closed) or re-enables an account; audited in the same transaction. */
    async setDisabled(actor: Actor, id: number, disable: boolean): Promise<User> {
      authorizeAdministration(actor, 'user.manage');
      const target = await requireUserRecord(store, id);
      const refusal = disableRefusal(actor, target, disable);
      if (refusal) throw new ValidationError({ status: refusal }, refusal);
      if (!!target.disabledAt === disable) return publicUser(target);
      const disabledAt = disable ? clock.iso() : null;
      await db.transaction().execute(async (trx) => {
        await store.update(id, { disabledAt }, trx);
        await audit.record(
          {
            actorUserId: actor!.id,
            action: disable ? 'user.disabled' : 'user.enabled',
            subjectType: 'user',
            subjectId: id,
          },
          trx,
        );
        if (disable) await events.emit('accounts.user_disabled', { userId: id }, trx);
      });
      // Disabled users are refused at every request anyway (loadUser); closing the sessions frees them.
      if (disable) await sessions.destroyAllFor(id);
      return publicUser({ ...target, disabledAt });
    },

    /** The audit log, newest first, with people named (or marked deleted). */
    async auditLog(actor: Actor, query: { page?: unknown }) {
      authorizeAdministration(actor, 'audit_log.view');
      const paging = pageRequest(query.page, 50, { perPage: 50, max: 50 });
      const { total, rows } = await audit.list({ limit: paging.perPage, offset: paging.offset });
      const ids = rows.flatMap((r) => [
        ...(r.actorUserId !== null ? [r.actorUserId] : []),
        ...(r.subjectType === 'user' && r.subjectId ? [Number(r.subjectId)] : []),
      ]);
      const users = await store.byIds(ids);
      const label = (id: number) => {
        const u = users.get(id);
        return u ? (u.name ? `${u.name} (${u.email})` : u.email) : `compte n° ${id} (supprimé)`;
      };
      const entries: AuditView[] = rows.map((r) => ({
        id: r.id,
        at: r.at,
        actor: r.actorUserId === null ? null : { id: r.actorUserId, label: label(r.actorUserId) },
        action: r.action,
        subjectType: r.subjectType,
        subjectId: r.subjectId,
        subjectLabel: r.subjectType === 'user' && r.subjectId ? label(Number(r.subjectId)) : null,
        details: r.details,
      }));
      return { total, page: paging.page, pageCount: pageCount(total, paging.perPage), entries };
    },

    outbox(actor: Actor, query: { page?: unknown }) {
      authorizeAdministration(actor, 'mail_outbox.view');
      const all = mailer.outbox();
      const paging = pageRequest(query.page, 30, { perPage: 30, max: 30 });
      return {
        mode: mailer.mode,
        total: all.length,
        page: paging.page,
        pageCount: pageCount(all.length, paging.perPage),
        messages: all.slice(paging.offset, paging.offset + paging.perPage),
      };
    },

    outboxMessage(actor: Actor, id: string): OutboxMessage {
      authorizeAdministration(actor, 'mail_outbox.view');
      const message = mailer.outboxMessage(id);
      if (!message) throw notFound("Ce message n'existe pas dans la boîte d'envoi.");
      return message;
    },
  };
}
export type AdministrationService = ReturnType<typeof createAdministrationService>;
