/**
 * RGPD: everything the platform holds about a person (right of access and portability), and the deletion of the
 * account with what every module holds about them. Other modules' data come through the `personalData` port (each
 * module definition's `personalData`), never by reading their tables.
 */
import { type Actor, authorize } from '../../../platform/auth/authorize.ts';
import { forbidden, ValidationError } from '../../../platform/http/errors.ts';
import { selfDeletionRefusal } from '../policy.ts';
import type { AccountsPorts } from '../ports.ts';
import { type AccountsDeps, isForeignKeyViolation, requireUserRecord } from './support.ts';

export type PersonalDataDeps = Pick<
  AccountsDeps,
  'db' | 'store' | 'clock' | 'audit' | 'sessions' | 'jobs' | 'mailer'
> & {
  ports: Pick<AccountsPorts, 'authoritiesOf' | 'personalData'>;
};

/**
 * The key under which a module's data appears in the export, when it is not the module's name: the names the export
 * file used before modules declared their personal data (kept so that the file stays the same for the same data).
 */
const EXPORT_KEYS: Record<string, string> = { organisations: 'memberships' };

export function createPersonalDataService(deps: PersonalDataDeps) {
  const { db, store, clock, audit, sessions, jobs, mailer, ports } = deps;

  return {
    /** Everything the platform holds about the person (RGPD right of access and portability). */
    async exportData(actor: Actor): Promise<Record<string, unknown>> {
      authorize(actor, 'account.manage');
      const record = await requireUserRecord(store, actor!.id);
      const data: Record<string, unknown> = {
        exportedAt: clock.iso(),
        account: {
          id: record.id,
          email: record.email,
          name: record.name,
          role: record.role,
          emailConfirmedAt: record.emailConfirmedAt,
          createdAt: record.createdAt,
          updatedAt: record.updatedAt,
          passwordSet: !!record.passwordHash,
          linkedToIdentityProvider: !!record.oidcSubject,
        },
        authorities: await ports.authoritiesOf(record.id),
      };
      for (const { module, data: source } of ports.personalData()) {
        data[EXPORT_KEYS[module] ?? module] = await source.export(record.id);
      }
      return data;
    },

    /**
     * Deletes the account, after every module erased what it holds about the person (same transaction). When
     * other parts of the platform still reference it (answers given on behalf of an authority…), the account is
     * anonymised instead: name and address erased, no way to sign in.
     */
    async deleteAccount(actor: Actor, input: { confirm?: unknown }): Promise<'deleted' | 'anonymised'> {
      authorize(actor, 'account.manage');
      if (input.confirm !== 'oui') {
        throw new ValidationError({
          confirm: 'Cochez la case pour confirmer la suppression définitive de votre compte.',
        });
      }
      const refusal = selfDeletionRefusal(actor, await store.countActiveAdmins(actor!.id));
      if (refusal) throw forbidden(refusal);
      const id = actor!.id;
      const record = await requireUserRecord(store, id);
      // Their address and name, as queued or sent mail and job payloads may hold them.
      const traces = [record.email, record.name];
      const eraseElsewhere = async (trx: typeof db) => {
        for (const { data } of ports.personalData()) await data.erase(id, trx);
        await jobs.scrub(traces, trx);
      };
      let outcome: 'deleted' | 'anonymised';
      try {
        await db.transaction().execute(async (trx) => {
          await eraseElsewhere(trx);
          await store.delete(id, trx);
          await audit.record({ actorUserId: id, action: 'user.deleted', subjectType: 'user', subjectId: id }, trx);
        });
        outcome = 'deleted';
      } catch (e) {
        if (!isForeignKeyViolation(e)) throw e;
        await db.transaction().execute(async (trx) => {
          await eraseElsewhere(trx);
          await store.update(
            id,
            {
              email: `compte-supprime-${id}@invalid`,
              name: 'Compte supprimé',
              passwordHash: null,
              oidcSubject: null,
              disabledAt: clock.iso(),
            },
            trx,
          );
          for (const purpose of ['confirm', 'reset', 'magic', 'email'] as const) {
            await store.revokeTokens(id, purpose, trx);
          }
          await audit.record({ actorUserId: id, action: 'user.anonymised', subjectType: 'user', subjectId: id }, trx);
        });
        outcome = 'anonymised';
      }
      await sessions.destroyAllFor(id);
      mailer.scrub(traces);
      return outcome;
    },
  };
}
export type PersonalDataService = ReturnType<typeof createPersonalDataService>;
