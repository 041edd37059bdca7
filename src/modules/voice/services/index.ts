/** The services of citizens' voice, built from the platform and the ports (no database access until called). */
import type { Platform } from '../../../platform/platform.ts';
import type { VoicePorts } from '../ports.ts';
import { createVoiceStore } from '../store.ts';
import { createDigestService, DIGEST_JOB, type DigestPayload } from './digest.ts';
import { createModerationService } from './moderation.ts';
import { createPostingService, createTargets, MAIL_JOB, NOTIFY_JOB } from './posting.ts';
import { createThreadService } from './thread.ts';

export function createVoiceServices(platform: Platform, ports: VoicePorts) {
  const store = createVoiceStore(platform.db);
  const findTarget = createTargets(ports);
  const digest = createDigestService({ platform, store, ports });
  const deps = { platform, store, ports, findTarget, digest };
  const posting = createPostingService(deps);
  const moderation = createModerationService(deps);
  const thread = createThreadService(deps);
  return {
    baseUrl: platform.config.baseUrl,
    db: platform.db,
    now: () => platform.clock.iso(),
    store,
    posting,
    moderation,
    thread,
    jobs: {
      [NOTIFY_JOB]: (payload: { messageId: number }) => thread.notifyFollowers(payload.messageId),
      [DIGEST_JOB]: (payload: DigestPayload) => digest.send(payload),
      /** One mail; an official answer hidden meanwhile is not sent (a hidden message never reaches a mailbox). */
      [MAIL_JOB]: async (payload: { to: string; subject: string; text: string; messageId?: number }) => {
        if (payload.messageId != null) {
          const m = await store.message(payload.messageId);
          if (m?.status !== 'published') return;
        }
        await platform.mailer.send({ to: payload.to, subject: payload.subject, text: payload.text });
      },
    },
  };
}
export type VoiceServices = ReturnType<typeof createVoiceServices>;
