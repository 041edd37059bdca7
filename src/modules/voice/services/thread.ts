/**
 * Reading a thread: one page of a target's published messages (official answers first, then the newest first), their
 * counts, and for the signed-in reader their own messages that wait for a moderator. Nothing pending, reported or
 * hidden reaches anyone else. Also the official answers' mail to the people following the thread.
 */

import { can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { Platform } from '../../../platform/platform.ts';
import { DELETED_AUTHOR, LIMITS, type Target, type TargetKind, type ThreadMessage, type ThreadPage } from '../model.ts';
import type { VoicePorts } from '../ports.ts';
import type { MessageRecord, ProfileRecord, VoiceStore } from '../store.ts';
import { type createTargets, MAIL_JOB } from './posting.ts';

/** What the thread's form needs to know of the reader. */
export interface Reader {
  signedIn: boolean;
  pseudonym: string | null;
  blocked: boolean;
  following: boolean;
  canAnswer: boolean;
  /** The name the official answer is signed with. */
  organisationName: string | null;
}

export function createThreadService(deps: {
  platform: Platform;
  store: VoiceStore;
  ports: VoicePorts;
  findTarget: ReturnType<typeof createTargets>;
}) {
  const { platform, store, ports, findTarget } = deps;

  async function present(
    messages: MessageRecord[],
    viewer: number | null,
    profiles: Map<number, ProfileRecord>,
    names: Map<number, string>,
  ): Promise<ThreadMessage[]> {
    return messages.map((m) => ({
      id: m.id,
      kind: m.kind,
      official: m.official,
      author: m.official
        ? `Réponse officielle de ${names.get(m.organisationId) ?? 'l’organisme'}`
        : m.authorId == null
          ? DELETED_AUTHOR
          : (profiles.get(m.authorId)?.pseudonym ?? DELETED_AUTHOR),
      body: m.body,
      createdAt: m.createdAt,
      status: m.status,
      mine: viewer != null && m.authorId === viewer,
    }));
  }

  async function page(target: Target, viewer: CurrentUser | null, pageNumber: number): Promise<ThreadPage> {
    const counts = await store.publishedCounts(target.kind, target.id);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const pageCount = Math.max(1, Math.ceil(total / LIMITS.perPage));
    const current = Math.min(Math.max(1, pageNumber), pageCount);
    const rows = await store.publishedPage(target.kind, target.id, LIMITS.perPage, (current - 1) * LIMITS.perPage);
    const waitingRows = viewer ? await store.unpublishedOf(target.kind, target.id, viewer.id) : [];
    const authorIds = [...new Set([...rows, ...waitingRows].flatMap((m) => (m.authorId ? [m.authorId] : [])))];
    const profiles = await store.profiles(authorIds);
    const names = rows.some((m) => m.official) ? await ports.organisations.names([target.organisationId]) : new Map();
    return {
      target,
      messages: await present(rows, viewer?.id ?? null, profiles, names),
      waiting: await present(waitingRows, viewer?.id ?? null, profiles, names),
      total,
      page: current,
      pageCount,
      counts: { concerned: counts.get('concerned') ?? 0, support: counts.get('support') ?? 0 },
    };
  }

  return {
    /** The thread of a published target, or null when the target is not published. */
    async thread(
      kind: TargetKind,
      id: number,
      viewer: CurrentUser | null,
      pageNumber = 1,
    ): Promise<{ thread: ThreadPage; reader: Reader } | null> {
      const target = await findTarget(kind, id);
      if (!target) return null;
      const thread = await page(target, viewer, pageNumber);
      if (!viewer)
        return {
          thread,
          reader: {
            signedIn: false,
            pseudonym: null,
            blocked: false,
            following: false,
            canAnswer: false,
            organisationName: null,
          },
        };
      const profile = await store.profile(viewer.id);
      const canAnswer = can(viewer, 'voice.answer', { organisationId: target.organisationId });
      return {
        thread,
        reader: {
          signedIn: true,
          pseudonym: profile?.pseudonym ?? null,
          blocked: !!profile?.blockedAt,
          following: await store.follows(kind, id, viewer.id),
          canAnswer,
          organisationName: canAnswer
            ? ((await ports.organisations.names([target.organisationId])).get(target.organisationId) ?? null)
            : null,
        },
      };
    },

    /** Job: mails a published official answer to the people following its thread (one mail job each, one insert). */
    async notifyFollowers(messageId: number): Promise<void> {
      const m = await store.message(messageId);
      if (!m?.official || m.status !== 'published') return;
      const target = await findTarget(m.targetKind, m.targetId);
      if (!target) return;
      const followers = (await store.followers(m.targetKind, m.targetId)).filter((id) => id !== m.authorId);
      const emails = await ports.people.emails(followers);
      const name = (await ports.organisations.names([m.organisationId])).get(m.organisationId) ?? 'L’organisme';
      const text = [
        'Bonjour,',
        '',
        `${name} a répondu officiellement sur « ${target.title} » :`,
        '',
        m.body,
        '',
        `Lire la discussion : ${platform.config.baseUrl}${target.path}#contributions`,
        '',
        '—',
        'Vous recevez ce message parce que vous suivez cette discussion. Pour ne plus la suivre, utilisez le bouton « Ne plus suivre » sous les contributions.',
      ].join('\n');
      // One mail job per follower (each retried alone, each checks that the answer is still published when it runs),
      // all queued in one multi-row insert; the unique keys make a retry of this job queue nobody twice.
      await platform.jobs.enqueueMany(
        MAIL_JOB,
        [...emails].map(([userId, to]) => ({
          payload: { to, subject: `[Bibliothèque IA] Réponse officielle : ${target.title}`, text, messageId },
          options: { uniqueKey: `voice:answer:${messageId}:${userId}`, forgetWhenDone: true },
        })),
      );
    },
  };
}
export type ThreadService = ReturnType<typeof createThreadService>;
