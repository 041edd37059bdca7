/**
 * One-time links asked for by address (forgotten password, sign-in link). The request does the same work whether
 * the address has an account or not — check the address, queue one job — so that neither its answer nor its
 * response time says whether an account exists; the job looks the address up, and only for an active account
 * issues the link and sends the message (retried by the queue if the mail server fails). The job's payload (the
 * address) is emptied once it is done.
 */
import { ValidationError } from '../../../platform/http/errors.ts';
import { magicLinkMail, resetMail } from '../mails.ts';
import { emailProblem, normaliseEmail, safeReturnPath, TOKEN_LIFETIME } from '../model.ts';
import type { AccountsDeps } from './support.ts';

/** The job that mails a one-time link (`<module>.<verb>_<object>`). */
export const LINK_MAIL_JOB = 'accounts.send_link';

export interface LinkMailRequest {
  purpose: 'reset' | 'magic';
  email: string;
  /** Sign-in links: where to go afterwards (a path of this site, already checked). */
  retour?: string | null;
}

export type LinkMailDeps = Pick<AccountsDeps, 'store' | 'jobs' | 'links' | 'mailer'>;

export function createLinkMailService({ store, jobs, links, mailer }: LinkMailDeps) {
  return {
    /** Queues the mail of a link for the address (the request's whole work, the same for every address). */
    async request(
      purpose: LinkMailRequest['purpose'],
      emailInput: unknown,
      retour?: unknown,
    ): Promise<{ email: string }> {
      const email = normaliseEmail(emailInput);
      const problem = emailProblem(email);
      if (problem) throw new ValidationError({ email: problem });
      const payload: LinkMailRequest = { purpose, email };
      if (purpose === 'magic') payload.retour = safeReturnPath(retour);
      await jobs.enqueue(LINK_MAIL_JOB, payload, { forgetWhenDone: true, maxAttempts: 3 });
      return { email };
    },

    /** The job: the link and its message, for an active account only. */
    async send({ purpose, email, retour }: LinkMailRequest): Promise<void> {
      const user = await store.findByEmail(email);
      if (!user || user.disabledAt) return;
      const token = await links.issue(user.id, purpose, TOKEN_LIFETIME[purpose]);
      const message =
        purpose === 'reset'
          ? resetMail({ name: user.name, link: links.url('/mot-de-passe/nouveau', { jeton: token }) })
          : magicLinkMail({
              name: user.name,
              minutes: TOKEN_LIFETIME.magic / 60_000,
              link: links.url('/connexion/lien/utiliser', { jeton: token, retour: safeReturnPath(retour) }),
            });
      await mailer.send({ to: user.email, ...message });
    },
  };
}
export type LinkMailService = ReturnType<typeof createLinkMailService>;
