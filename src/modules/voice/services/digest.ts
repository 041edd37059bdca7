/**
 * The moderators' digest: when a message starts waiting for a moderator (pre-moderation, or hidden by three reports),
 * the authority's editors — the network's coordinators when it has none — hear of it by one e-mail per window of
 * DIGEST_MINUTES, never one per message. The first waiting message of a window queues one digest job for the
 * authority, due at the end of the window (a unique key per authority and window: the next messages of the window
 * queue nothing); the job counts what still waits then and queues one mail per moderator (the count and the link to
 * the queue; no message text), in one statement.
 */
import type { Db } from '../../../platform/db/database.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { VoicePorts } from '../ports.ts';
import type { VoiceStore } from '../store.ts';
import { MAIL_JOB } from './posting.ts';

export const DIGEST_JOB = 'voice.send_moderation_digest';
export const DIGEST_MINUTES = 15;

export interface DigestPayload {
  organisationId: number;
  /** The start of the window (ISO). */
  window: string;
}

export function createDigestService(deps: { platform: Platform; store: VoiceStore; ports: VoicePorts }) {
  const { platform, store, ports } = deps;
  const { clock, jobs, config } = platform;
  const windowMs = DIGEST_MINUTES * 60_000;

  return {
    /** Queues the authority's digest of the current window (nothing when it is already queued), inside `trx`. */
    async queue(organisationId: number, trx: Db): Promise<void> {
      const start = Math.floor(clock.millis() / windowMs) * windowMs;
      const window = new Date(start).toISOString();
      await jobs.enqueue(
        DIGEST_JOB,
        { organisationId, window } satisfies DigestPayload,
        { runAt: new Date(start + windowMs), uniqueKey: `voice:moderation-digest:${organisationId}:${window}` },
        trx,
      );
    },

    /** Job: one mail to each moderator of the authority with what waits now (nothing when the queue is empty). */
    async send(payload: DigestPayload): Promise<void> {
      const count = await store.waitingCount(payload.organisationId);
      if (!count) return;
      const recipients = [...new Set(await ports.people.moderatorEmails(payload.organisationId))];
      if (!recipients.length) return;
      const name =
        (await ports.organisations.names([payload.organisationId])).get(payload.organisationId) ?? 'votre organisme';
      const subject =
        count === 1
          ? `[Bibliothèque IA] 1 contribution attend votre décision (${name})`
          : `[Bibliothèque IA] ${count} contributions attendent votre décision (${name})`;
      const text = [
        'Bonjour,',
        '',
        count === 1
          ? `Une contribution citoyenne sur les pages de ${name} attend une décision de modération (validation en attente ou masquée par des signalements).`
          : `${count} contributions citoyennes sur les pages de ${name} attendent une décision de modération (validation en attente ou masquées par des signalements).`,
        '',
        `File de modération : ${config.baseUrl}/moderation`,
        '',
        '—',
        `Vous recevez ce message parce que vous modérez les contributions de ${name}. Au plus un message toutes les ${DIGEST_MINUTES} minutes.`,
      ].join('\n');
      await jobs.enqueueMany(
        MAIL_JOB,
        recipients.map((to) => ({
          payload: { to, subject, text },
          options: { forgetWhenDone: true },
        })),
      );
    },
  };
}
export type DigestService = ReturnType<typeof createDigestService>;
