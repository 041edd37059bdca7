/**
 * « Contacter l'équipe »: a signed-in person writes to the editors of some bodies (the authority of a sheet, the
 * maintainers of a commons entry) through the platform. The recipients' addresses never reach the sender; the
 * sender's address is given to the recipients as reply-to. One message per recipient, sent by the module's mail job;
 * at most CONTACT_LIMITS.perHour messages per sender and hour (counted in the audit log, so on every instance); the
 * audit entry keeps who wrote to whom about what, never the message itself.
 */
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { HttpError, unauthorized, ValidationError } from '../../../platform/http/errors.ts';
import { CONTACT_LIMITS } from '../../../platform/ui/contact-form.tsx';
import { MAIL_JOB, type OrganisationsContext } from './context.ts';

export const CONTACT_ACTION = 'contact_message.sent';

/** What the form sends: `objet`, `message`, and `site_web`, a field hidden from people (honeypot). */
export interface ContactMessageInput {
  objet?: string;
  message?: string;
  site_web?: string;
}

/** What the message is about: a sheet, a commons entry… and the bodies whose editors receive it. */
export interface ContactMessageTarget {
  kind: string;
  id: number;
  title: string;
  /** Its page on the site (« /communs/3 »). */
  path: string;
  organisationIds: readonly number[];
}

const LINK = /\bhttps?:\/\/|\bwww\./gi;

/** The message's own rules (pure): field messages in French, keyed by form field. */
export function checkContactMessage(
  input: ContactMessageInput,
): { ok: true; subject: string; text: string } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const subject = (input.objet ?? '').trim().replace(/\s+/g, ' ');
  const text = (input.message ?? '').trim();
  if ((input.site_web ?? '').trim()) {
    return { ok: false, errors: { message: 'Ce message ressemble à un envoi automatique : il n’a pas été envoyé.' } };
  }
  if (!subject) errors.objet = 'Saisissez l’objet de votre message.';
  else if (subject.length > CONTACT_LIMITS.subjectMax) {
    errors.objet = `L’objet doit compter ${CONTACT_LIMITS.subjectMax} caractères au plus (${subject.length} saisis).`;
  }
  if (!text) errors.message = 'Écrivez votre message.';
  else if (text.length < CONTACT_LIMITS.textMin) {
    errors.message = `Votre message doit compter au moins ${CONTACT_LIMITS.textMin} caractères (${text.length} saisis).`;
  } else if (text.length > CONTACT_LIMITS.textMax) {
    errors.message = `Votre message doit compter ${CONTACT_LIMITS.textMax} caractères au plus (${text.length} saisis).`;
  } else {
    const links = (`${subject} ${text}`.match(LINK) ?? []).length;
    if (links > CONTACT_LIMITS.linksMax) {
      errors.message = `Votre message contient ${links} liens : ${CONTACT_LIMITS.linksMax} au plus sont permis.`;
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, subject, text };
}

export function createContactEditorsService(context: OrganisationsContext) {
  const { db, clock, audit, memberships, ports } = context;

  /** The addresses of the active editors of these bodies (disabled accounts left out), without duplicates. */
  async function editorAddresses(organisationIds: readonly number[]): Promise<string[]> {
    const ids = new Set<number>();
    for (const orgId of new Set(organisationIds)) for (const id of await memberships.editorIds(orgId)) ids.add(id);
    const people = ids.size ? await ports.people.findUsers([...ids]) : [];
    return [...new Set(people.filter((p) => !p.disabled && p.email).map((p) => p.email))];
  }

  return {
    editorAddresses,
    /** Sends the message to the editors of the target's bodies; returns how many people receive it. */
    async contactEditors(
      actor: CurrentUser | null,
      target: ContactMessageTarget,
      input: ContactMessageInput,
    ): Promise<number> {
      if (!actor) throw unauthorized('Connectez-vous pour écrire à cette équipe.');
      const checked = checkContactMessage(input);
      if (!checked.ok) throw new ValidationError(checked.errors);
      const since = new Date(clock.now().getTime() - 3600_000).toISOString();
      const sent = await audit.countSince({ actorUserId: actor.id, action: CONTACT_ACTION, since });
      if (sent >= CONTACT_LIMITS.perHour) {
        throw new HttpError(
          429,
          'rate_limited',
          `Vous avez déjà envoyé ${CONTACT_LIMITS.perHour} messages au cours de la dernière heure : réessayez plus tard.`,
        );
      }
      const recipients = await editorAddresses(target.organisationIds);
      if (!recipients.length) {
        throw new ValidationError({
          message:
            'Cette équipe n’a encore aucun responsable joignable par la plateforme : le message n’est pas parti.',
        });
      }
      const from = actor.name ? `${actor.name} (${actor.email})` : actor.email;
      const text = [
        'Bonjour,',
        '',
        `${from} vous écrit par la Bibliothèque IA des territoires à propos de « ${target.title} » :`,
        `${context.baseUrl}${target.path}`,
        '',
        checked.text,
        '',
        '—',
        'Répondez directement à ce courriel pour lui écrire : votre réponse lui parviendra.',
        'Vous recevez ce message parce que vous êtes responsable d’un organisme concerné sur la plateforme.',
      ].join('\n');
      await db.transaction().execute(async (trx) => {
        await audit.record(
          {
            actorUserId: actor.id,
            action: CONTACT_ACTION,
            subjectType: target.kind,
            subjectId: target.id,
            details: { organisationIds: [...new Set(target.organisationIds)], recipients: recipients.length },
          },
          trx,
        );
        for (const to of recipients) {
          await context.jobs.enqueue(
            MAIL_JOB,
            { to, subject: `[Bibliothèque IA] ${checked.subject}`, text, replyTo: actor.email },
            {},
            trx,
          );
        }
      });
      return recipients.length;
    },
  };
}

export type ContactEditorsService = ReturnType<typeof createContactEditorsService>;
