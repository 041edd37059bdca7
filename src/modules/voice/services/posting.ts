/**
 * Contributing: a signed-in person posts a question, a comment, « je suis concerné·e » or « je soutiens » on a
 * published target under their pseudonym (chosen at their first message); the authority's editors post its official
 * answer. Every rule of the charter is applied here, in this order: honeypot, block, pseudonym, kind and text
 * (length, links, blocklist), limits per person and per address; then pre-moderation decides whether the message is
 * published at once or waits for a moderator. Posting follows the thread. Also: reports and following.
 */
import { createHmac } from 'node:crypto';
import { authorize, can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { Db } from '../../../platform/db/database.ts';
import { createWriteBatcher } from '../../../platform/db/write-batcher.ts';
import { forbidden, HttpError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import {
  checkMessage,
  checkPseudonym,
  compileBlocklist,
  fold,
  hiddenByReports,
  LIMITS,
  type MessageStatus,
  needsApproval,
  REPORT_REASONS,
  type Target,
  type TargetKind,
} from '../model.ts';
import type { VoicePorts } from '../ports.ts';
import type { VoiceStore } from '../store.ts';
import type { DigestService } from './digest.ts';

export const NOTIFY_JOB = 'voice.notify_followers';
export const MAIL_JOB = 'voice.send_mail';

export interface PostInput {
  type?: string;
  message?: string;
  pseudonyme?: string;
  /** The trap field, hidden from people. */
  site_web?: string;
}

export function createTargets(ports: VoicePorts) {
  return async function findTarget(kind: TargetKind, id: number): Promise<Target | null> {
    const port = kind === 'use_case' ? ports.useCases : ports.initiatives;
    const found = port ? await port.findPublished(id) : null;
    return found ? { kind, ...found } : null;
  };
}

export function createPostingService(deps: {
  platform: Platform;
  store: VoiceStore;
  findTarget: ReturnType<typeof createTargets>;
  digest: DigestService;
}) {
  const { platform, store, findTarget, digest } = deps;
  const { db, clock, audit, jobs, config } = platform;
  const secret = config.sessionSecret || 'voice-address';
  const batcher = createWriteBatcher(db);
  /** A keyed hash of the sender's address: enough to count, never the address itself. */
  const addressKey = (address: string) =>
    createHmac('sha256', secret).update(`voice:${address}`).digest('base64url').slice(0, 22);
  const minutesAgo = (minutes: number) => new Date(clock.millis() - minutes * 60_000).toISOString();

  async function requireTarget(kind: TargetKind, id: number): Promise<Target> {
    const target = await findTarget(kind, id);
    if (!target) throw notFound('Cette page n’est pas publiée : on ne peut pas y contribuer.');
    return target;
  }

  /** The limits per person and per address, read in one query inside the posting transaction. */
  async function checkLimits(actor: CurrentUser, key: string | null, trx: Db) {
    const counts = await store.limitCounts(
      actor.id,
      key,
      { burst: minutesAgo(LIMITS.burstMinutes), day: minutesAgo(24 * 60) },
      trx,
    );
    if (counts.burst >= LIMITS.perPersonBurst)
      throw new HttpError(
        429,
        'rate_limited',
        `Vous avez déjà publié ${LIMITS.perPersonBurst} contributions en ${LIMITS.burstMinutes} minutes : attendez quelques minutes avant d’en écrire une autre.`,
      );
    if (counts.day >= LIMITS.perPersonDay)
      throw new HttpError(
        429,
        'rate_limited',
        `Vous avez déjà publié ${LIMITS.perPersonDay} contributions en 24 heures : revenez demain.`,
      );
    if (key && counts.address >= LIMITS.perAddressBurst)
      throw new HttpError(
        429,
        'rate_limited',
        `Trop de contributions envoyées depuis votre connexion (${LIMITS.perAddressBurst} en ${LIMITS.burstMinutes} minutes) : réessayez dans quelques minutes.`,
      );
  }

  /** The blocklist, read each time (a coordinator's change counts at once, on every instance), compiled once. */
  const blocklist = async () => compileBlocklist((await store.blockedWords()).map((w) => w.word));

  return {
    findTarget: requireTarget,

    /** Posts a contribution; returns its id and whether it waits for a moderator. */
    async post(
      actor: CurrentUser | null,
      ref: { kind: TargetKind; id: number },
      input: PostInput,
      address: string | null,
    ): Promise<{ id: number; status: MessageStatus }> {
      authorize(actor, 'voice.contribute');
      const user = actor!;
      const target = await requireTarget(ref.kind, ref.id);
      if ((input.site_web ?? '').trim())
        throw new ValidationError({ message: 'Message refusé : un champ qui doit rester vide a été rempli.' });
      const profile = await store.profile(user.id);
      if (profile?.blockedAt)
        throw forbidden(
          `Votre compte ne peut plus publier de contributions (décision de modération : ${profile.blockedReason ?? 'charte non respectée'}).`,
        );
      const words = await blocklist();
      const errors: Record<string, string> = {};
      let pseudonym: string | null = null;
      if (!profile) {
        const p = checkPseudonym(input.pseudonyme ?? '', words);
        if ('error' in p) errors.pseudonyme = p.error;
        else pseudonym = p.value;
      }
      const canAnswer = can(user, 'voice.answer', { organisationId: target.organisationId });
      const checked = checkMessage(
        { kind: input.type ?? '', body: input.message ?? '' },
        { canAnswer, blockedWords: words },
      );
      if (!checked.ok) Object.assign(errors, checked.errors);
      if (Object.keys(errors).length || !checked.ok) throw new ValidationError(errors);
      const official = checked.kind === 'official';
      const key = address ? addressKey(address) : null;
      const at = clock.iso();
      // Limits, pre-moderation and the write are read and done in the one transaction (shared with the posts that
      // arrive alongside: group commit), so that two posts sent together cannot both slip under a limit.
      return batcher.run(async (trx) => {
        if (pseudonym && (await store.pseudonymTaken(fold(pseudonym), user.id, trx)))
          throw new ValidationError({ pseudonyme: 'Ce pseudonyme est déjà pris : choisissez-en un autre.' });
        if (!official) await checkLimits(user, key, trx);
        const mode = await store.premoderation(target.organisationId, trx);
        // Whether the person was approved before matters only under « first message » pre-moderation.
        const status: MessageStatus =
          !official && needsApproval(mode, mode === 'first' && (await store.hasPublished(user.id, trx)))
            ? 'pending'
            : 'published';
        if (pseudonym) await store.saveProfile(user.id, pseudonym, fold(pseudonym), at, trx);
        const messageId = await store.insertMessage(
          {
            targetKind: target.kind,
            targetId: target.id,
            organisationId: target.organisationId,
            authorId: user.id,
            kind: checked.kind,
            body: checked.body,
            status,
            addressKey: key,
            at,
          },
          trx,
        );
        await store.follow(target.kind, target.id, user.id, at, trx);
        if (status === 'pending') await digest.queue(target.organisationId, trx);
        if (official) {
          await audit.record(
            {
              actorUserId: user.id,
              action: 'voice_message.answered',
              subjectType: 'voice_message',
              subjectId: messageId,
              details: { target: `${target.kind}:${target.id}`, organisationId: target.organisationId },
            },
            trx,
          );
          await jobs.enqueue(NOTIFY_JOB, { messageId }, { uniqueKey: `voice:notify:${messageId}` }, trx);
        }
        return { id: messageId, status };
      });
    },

    /** Chooses or changes one's pseudonym. */
    async setPseudonym(actor: CurrentUser | null, raw: string): Promise<string> {
      authorize(actor, 'voice.contribute');
      const p = checkPseudonym(raw, await blocklist());
      if ('error' in p) throw new ValidationError({ pseudonyme: p.error });
      if (await store.pseudonymTaken(fold(p.value), actor!.id))
        throw new ValidationError({ pseudonyme: 'Ce pseudonyme est déjà pris : choisissez-en un autre.' });
      await store.saveProfile(actor!.id, p.value, fold(p.value), clock.iso());
      return p.value;
    },

    profile: (userId: number) => store.profile(userId),

    /**
     * Reports a published message with a reason. A person's report counts once; the third person's report hides
     * the message until a moderator decides (audited, no actor: the rule decided).
     */
    async report(
      actor: CurrentUser | null,
      messageId: number,
      input: { motif?: string; precision?: string },
    ): Promise<{ counted: boolean; hidden: boolean; target: Target }> {
      authorize(actor, 'voice.contribute');
      const message = await store.message(messageId);
      const target = message && (await findTarget(message.targetKind, message.targetId));
      if (!message || !target || (message.status !== 'published' && message.status !== 'reported'))
        throw notFound('Ce message n’existe pas ou n’est pas publié.');
      const errors: Record<string, string> = {};
      const reason = input.motif ?? '';
      if (!(reason in REPORT_REASONS)) errors.motif = 'Choisissez la raison du signalement.';
      const details = (input.precision ?? '').trim();
      if (details.length > LIMITS.reasonMax) errors.precision = `Précision : ${LIMITS.reasonMax} caractères au plus.`;
      if (message.authorId === actor!.id) errors.motif = 'Vous ne pouvez pas signaler votre propre message.';
      if (Object.keys(errors).length) throw new ValidationError(errors);
      return db.transaction().execute(async (trx) => {
        const counted = await store.addReport({ messageId, userId: actor!.id, reason, details, at: clock.iso() }, trx);
        const after = (await store.message(messageId, trx))!;
        let hidden = after.status === 'reported';
        if (counted && after.status === 'published' && hiddenByReports(after.reports, after.reportsCleared)) {
          await store.decide(messageId, { status: 'reported', reason: null, by: null, at: clock.iso() }, trx);
          await audit.record(
            {
              actorUserId: null,
              action: 'voice_message.hidden_by_reports',
              subjectType: 'voice_message',
              subjectId: messageId,
              details: { reports: after.reports, organisationId: after.organisationId },
            },
            trx,
          );
          await digest.queue(after.organisationId, trx);
          hidden = true;
        }
        return { counted, hidden, target };
      });
    },

    async setFollowing(actor: CurrentUser | null, ref: { kind: TargetKind; id: number }, on: boolean) {
      authorize(actor, 'voice.contribute');
      const target = await requireTarget(ref.kind, ref.id);
      if (on) await store.follow(target.kind, target.id, actor!.id, clock.iso());
      else await store.unfollow(target.kind, target.id, actor!.id);
      return target;
    },
  };
}
export type PostingService = ReturnType<typeof createPostingService>;
