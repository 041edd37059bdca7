/** The texts of the module's mails: invitations, reminders, renewed links, receipts. Pure functions. */
import { formatDate } from '../../../platform/ui/components.tsx';
import type { Campaign, Invitation } from '../records.ts';

export type InvitationMailKind = 'invite' | 'remind' | 'renew';

export const invitationSubject = (campaign: Campaign, kind: InvitationMailKind): string =>
  kind === 'invite'
    ? `Invitation : ${campaign.title}`
    : kind === 'remind'
      ? `Rappel : ${campaign.title}`
      : `Nouveau lien : ${campaign.title}`;

export function invitationText(
  campaign: Campaign,
  inv: Pick<Invitation, 'organisationName'>,
  link: string,
  kind: InvitationMailKind,
): string {
  const intro =
    kind === 'invite'
      ? `Le réseau invite ${inv.organisationName} à répondre au recensement « ${campaign.title} ».`
      : kind === 'remind'
        ? `Rappel : la réponse de ${inv.organisationName} au recensement « ${campaign.title} » n'a pas encore été envoyée.`
        : `Voici le nouveau lien de ${inv.organisationName} pour le recensement « ${campaign.title} ». L'ancien lien ne fonctionne plus.`;
  return [
    'Bonjour,',
    '',
    intro,
    campaign.description ? `\n${campaign.description}\n` : '',
    `Répondre : ${link}`,
    '',
    `Le recensement est ouvert jusqu'au ${formatDate(campaign.closesAt, true)}.`,
    campaign.responsesMode === 'several'
      ? "Une réponse par projet : depuis ce lien, vous retrouvez les réponses de votre collectivité, en ajoutez une pour chaque projet et reprenez celles qui sont en cours. Plusieurs agents peuvent l'utiliser ; ne le transmettez qu'à vos collègues."
      : "Ce lien est personnel à votre collectivité : plusieurs agents peuvent l'utiliser pour compléter la même réponse, qui est enregistrée au fur et à mesure. Ne le transmettez qu'à vos collègues.",
    '',
    "Aucun compte n'est nécessaire pour répondre. Si vous avez un compte sur la plateforme, vous pouvez aussi répondre depuis « Mes recensements ».",
    '',
    '— Bibliothèque IA des territoires',
  ].join('\n');
}

export function receiptText(input: {
  campaign: Campaign;
  organisationName: string | null;
  /** Anonymous respondents (public link) cannot reopen their response. */
  canReopen: boolean;
  link: string;
  at: string;
}): string {
  const { campaign } = input;
  return [
    'Bonjour,',
    '',
    `Nous avons bien reçu la réponse${input.organisationName ? ` de ${input.organisationName}` : ''} au recensement « ${campaign.title} », envoyée le ${formatDate(input.at, true)}.`,
    '',
    `Vous pouvez relire vos réponses${input.canReopen ? ` et les rouvrir pour les modifier jusqu'au ${formatDate(campaign.closesAt, true)}` : ''} : ${input.link}`,
    '',
    'Merci pour votre participation.',
    '',
    '— Bibliothèque IA des territoires',
  ].join('\n');
}
