/**
 * The challenges' mail, always through the job queue (`challenges.send_mail`), enqueued in the transaction of the act
 * it announces: one message per recipient, so that nobody sees the others' addresses. Participants are the editors
 * (« responsables ») of the participating organisations; invitations also reach the invited bodies' contacts.
 */
import type { Db } from '../../../platform/db/database.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { ChallengeRecord } from '../model.ts';
import type { ChallengesPorts } from '../ports.ts';

export const MAIL_JOB = 'challenges.send_mail';

export interface ChallengeMail {
  to: string;
  subject: string;
  text: string;
}

const FOOTER = [
  '',
  '—',
  'Bibliothèque IA des territoires',
  'Vous recevez ce message parce que vous êtes responsable d’un organisme qui participe à ce défi sur la plateforme.',
];

export function createMailService(deps: { platform: Platform; ports: ChallengesPorts }) {
  const { platform, ports } = deps;
  const baseUrl = platform.config.baseUrl.replace(/\/$/, '');

  async function enqueue(trx: Db, recipients: readonly string[], subject: string, text: string) {
    for (const to of [...new Set(recipients.map((r) => r.toLowerCase()))].sort())
      await platform.jobs.enqueue(MAIL_JOB, { to, subject, text } satisfies ChallengeMail, {}, trx);
    return recipients.length;
  }

  return {
    baseUrl,
    /** The participants' editors' addresses (read before the transaction that mails them). */
    async participantAddresses(challenge: ChallengeRecord): Promise<string[]> {
      const ids = challenge.participants.map((p) => p.organisationId);
      return ids.length ? ports.organisations.editorEmails(ids) : [];
    },
    /** The editors' addresses of the challenge's porteurs (leads), but those of `except` (who joins or leaves). */
    async leadAddresses(challenge: ChallengeRecord, except: number): Promise<string[]> {
      const ids = challenge.participants
        .filter((p) => p.role === 'lead' && p.organisationId !== except)
        .map((p) => p.organisationId);
      return ids.length ? ports.organisations.editorEmails(ids) : [];
    },
    /** Mails a message about `challenge` to the given participants' addresses, in `trx`. */
    async toParticipants(
      trx: Db,
      recipients: readonly string[],
      challenge: ChallengeRecord,
      subject: string,
      body: string[],
    ) {
      return enqueue(
        trx,
        recipients,
        `[Défi] ${challenge.title} : ${subject}`,
        ['Bonjour,', '', ...body, '', `La page du défi : ${baseUrl}/defis/${challenge.id}`, ...FOOTER].join('\n'),
      );
    },
    /** The addresses an invitation reaches: the bodies' editors and their registered contacts. */
    async invitationAddresses(organisationIds: readonly number[]): Promise<string[]> {
      if (!organisationIds.length) return [];
      const [editors, contacts] = await Promise.all([
        ports.organisations.editorEmails(organisationIds),
        ports.organisations.contactEmails(organisationIds),
      ]);
      return [...new Set([...editors, ...contacts])];
    },
    /** Invites bodies to join: `why` says whether it comes from a pooling suggestion or a coordinator's form. */
    async invitation(
      trx: Db,
      recipients: readonly string[],
      challenge: { id: number; title: string; need: string },
      why: 'suggestion' | 'form' = 'suggestion',
    ) {
      return enqueue(
        trx,
        recipients,
        `Invitation à rejoindre le défi « ${challenge.title} »`,
        [
          'Bonjour,',
          '',
          why === 'suggestion'
            ? 'La coordination du réseau a repéré que votre collectivité travaille sur le même sujet que d’autres : elle ouvre un défi commun et vous invite à le rejoindre.'
            : 'La coordination du réseau ouvre un défi commun et invite votre collectivité à le rejoindre.',
          '',
          `« ${challenge.title} »`,
          challenge.need,
          '',
          `Pour le rejoindre (comme porteur, contributeur ou observateur) : ${baseUrl}/defis/${challenge.id}/participer`,
          `Pour en savoir plus : ${baseUrl}/defis/${challenge.id}`,
          '',
          '—',
          'Bibliothèque IA des territoires',
          'Vous recevez ce message parce que vous êtes responsable ou contact d’une collectivité invitée à ce défi.',
        ].join('\n'),
      );
    },
  };
}
export type MailService = ReturnType<typeof createMailService>;
