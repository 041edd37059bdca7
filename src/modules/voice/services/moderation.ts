/**
 * Moderation without a third party: the queue (messages waiting for approval and messages hidden by three reports)
 * of the authorities a person edits (all of them for coordinators), the decisions (approve; hide with a reason mailed
 * to the author; block the author), the pre-moderation setting of an authority and the blocklist of words. Every
 * decision is written to the audit log in the transaction that makes it.
 */
import { authorize } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { HttpError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { fold, KIND_LABELS, LIMITS, type Premoderation, type Target } from '../model.ts';
import { moderatedOrganisations } from '../policy.ts';
import type { VoicePorts } from '../ports.ts';
import type { MessageRecord, VoiceStore } from '../store.ts';
import { type createTargets, MAIL_JOB } from './posting.ts';

export type Decision = 'approve' | 'hide' | 'block';

export interface QueueItem {
  message: MessageRecord;
  author: string;
  target: Target | null;
  reports: { reason: string; details: string }[];
}

export function createModerationService(deps: {
  platform: Platform;
  store: VoiceStore;
  ports: VoicePorts;
  findTarget: ReturnType<typeof createTargets>;
}) {
  const { platform, store, ports, findTarget } = deps;
  const { db, clock, audit, jobs, config } = platform;

  /** Queues a mail to the author (address read before the transaction: no other query may run inside it). */
  async function mailAuthor(to: string | undefined, subject: string, lines: string[], trx: typeof db) {
    if (!to) return;
    await jobs.enqueue(MAIL_JOB, { to, subject, text: lines.join('\n') }, { forgetWhenDone: true }, trx);
  }

  return {
    /** The queue of this person: their authorities' messages (all for coordinators), oldest first. */
    async queue(actor: CurrentUser | null): Promise<QueueItem[]> {
      authorize(actor, 'voice.moderation_queue');
      const messages = await store.queue(moderatedOrganisations(actor!));
      const profiles = await store.profiles([...new Set(messages.flatMap((m) => (m.authorId ? [m.authorId] : [])))]);
      const reports = await store.reportsOf(messages.map((m) => m.id));
      const targets = new Map<string, Target | null>();
      const out: QueueItem[] = [];
      for (const m of messages) {
        const key = `${m.targetKind}:${m.targetId}`;
        if (!targets.has(key)) targets.set(key, await findTarget(m.targetKind, m.targetId));
        out.push({
          message: m,
          author: m.authorId ? (profiles.get(m.authorId)?.pseudonym ?? '—') : 'Compte supprimé',
          target: targets.get(key) ?? null,
          reports: reports.get(m.id) ?? [],
        });
      }
      return out;
    },

    /** Approves, hides (reason mailed to the author) or hides and blocks the author. */
    async decide(
      actor: CurrentUser | null,
      messageId: number,
      decision: string,
      rawReason: string,
    ): Promise<{ decision: Decision; message: MessageRecord }> {
      const message = await store.message(messageId);
      if (!message) throw notFound('Ce message n’existe pas.');
      authorize(actor, 'voice.moderate', { organisationId: message.organisationId });
      if (decision !== 'approve' && decision !== 'hide' && decision !== 'block')
        throw new ValidationError({ decision: 'Choisissez une décision.' });
      const reason = rawReason.trim();
      if (decision !== 'approve' && reason.length < 5)
        throw new ValidationError({
          raison: 'Indiquez la raison (au moins 5 caractères) : elle est envoyée à l’auteur.',
        });
      if (reason.length > LIMITS.reasonMax)
        throw new ValidationError({ raison: `Raison : ${LIMITS.reasonMax} caractères au plus.` });
      const target = await findTarget(message.targetKind, message.targetId);
      const title = target?.title ?? 'une page de la plateforme';
      const at = clock.iso();
      const authorEmail =
        message.authorId == null ? undefined : (await ports.people.emails([message.authorId])).get(message.authorId);
      await db.transaction().execute(async (trx) => {
        if (decision === 'approve') {
          await store.decide(
            messageId,
            { status: 'published', reason: null, by: actor!.id, at, clearReports: true },
            trx,
          );
        } else {
          await store.decide(messageId, { status: 'hidden', reason, by: actor!.id, at }, trx);
          await mailAuthor(
            authorEmail,
            '[Bibliothèque IA] Votre contribution a été masquée',
            [
              'Bonjour,',
              '',
              `Votre contribution (${KIND_LABELS[message.kind].toLowerCase()}) à propos de « ${title} » a été masquée par la modération.`,
              `Raison : ${reason}`,
              '',
              decision === 'block'
                ? 'Votre compte ne peut plus publier de contributions sur la plateforme.'
                : 'Vous pouvez écrire une nouvelle contribution qui respecte la charte :',
              `${config.baseUrl}/participation/charte`,
            ],
            trx,
          );
        }
        if (decision === 'block' && message.authorId != null) {
          await store.setBlocked(message.authorId, { by: actor!.id, reason, at }, trx);
          await audit.record(
            {
              actorUserId: actor!.id,
              action: 'voice_person.blocked',
              subjectType: 'user',
              subjectId: message.authorId,
              details: { messageId, reason },
            },
            trx,
          );
        }
        await audit.record(
          {
            actorUserId: actor!.id,
            action: decision === 'approve' ? 'voice_message.approved' : 'voice_message.hidden',
            subjectType: 'voice_message',
            subjectId: messageId,
            details: {
              organisationId: message.organisationId,
              previous: message.status,
              ...(decision === 'approve' ? {} : { reason }),
            },
          },
          trx,
        );
      });
      return { decision, message };
    },

    async blockedPeople(actor: CurrentUser | null) {
      authorize(actor, 'voice.administer');
      return store.blockedPeople();
    },

    async unblock(actor: CurrentUser | null, userId: number) {
      authorize(actor, 'voice.administer');
      const profile = await store.profile(userId);
      if (!profile?.blockedAt) throw new HttpError(409, 'conflict', 'Cette personne n’est pas bloquée.');
      await db.transaction().execute(async (trx) => {
        await store.setBlocked(userId, null, trx);
        await audit.record(
          { actorUserId: actor!.id, action: 'voice_person.unblocked', subjectType: 'user', subjectId: userId },
          trx,
        );
      });
    },

    /** The pre-moderation of the authorities this person edits. */
    async settingsOf(
      actor: CurrentUser | null,
    ): Promise<{ organisationId: number; name: string; mode: Premoderation }[]> {
      if (!actor) return [];
      const ids = actor.memberships.filter((m) => m.role === 'editor').map((m) => m.organisationId);
      const names = await ports.organisations.names(ids);
      const out = [];
      for (const id of ids)
        out.push({
          organisationId: id,
          name: names.get(id) ?? `Organisme n° ${id}`,
          mode: await store.premoderation(id),
        });
      return out;
    },

    async setPremoderation(actor: CurrentUser | null, organisationId: number, mode: string) {
      authorize(actor, 'voice.configure', { organisationId });
      if (mode !== 'all' && mode !== 'first' && mode !== 'none')
        throw new ValidationError({ [`mode-${organisationId}`]: 'Choisissez un réglage.' });
      const previous = await store.premoderation(organisationId);
      await db.transaction().execute(async (trx) => {
        await store.setPremoderation(organisationId, mode, actor!.id, clock.iso(), trx);
        await audit.record(
          {
            actorUserId: actor!.id,
            action: 'voice_settings.changed',
            subjectType: 'organisation',
            subjectId: organisationId,
            details: { premoderation: mode, previous },
          },
          trx,
        );
      });
    },

    async words(actor: CurrentUser | null) {
      authorize(actor, 'voice.administer');
      return store.blockedWords();
    },

    async addWord(actor: CurrentUser | null, raw: string) {
      authorize(actor, 'voice.administer');
      const word = fold(raw);
      if (!word) throw new ValidationError({ mot: 'Indiquez le mot ou l’expression à refuser.' });
      if (word.length > LIMITS.wordMax)
        throw new ValidationError({ mot: `Mot : ${LIMITS.wordMax} caractères au plus.` });
      await db.transaction().execute(async (trx) => {
        const added = await store.addBlockedWord(word, actor!.id, clock.iso(), trx);
        if (!added) throw new ValidationError({ mot: `« ${word} » est déjà dans la liste.` });
        await audit.record(
          { actorUserId: actor!.id, action: 'voice_word.added', subjectType: 'voice_word', details: { word } },
          trx,
        );
      });
      return word;
    },

    async removeWord(actor: CurrentUser | null, id: number) {
      authorize(actor, 'voice.administer');
      return db.transaction().execute(async (trx) => {
        const word = await store.removeBlockedWord(id, trx);
        if (!word) throw notFound('Ce mot n’est plus dans la liste.');
        await audit.record(
          {
            actorUserId: actor!.id,
            action: 'voice_word.removed',
            subjectType: 'voice_word',
            subjectId: id,
            details: { word },
          },
          trx,
        );
        return word;
      });
    },
  };
}
export type ModerationService = ReturnType<typeof createModerationService>;
