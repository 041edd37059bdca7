/** The texts of this module's mail (French): a join request to its reviewers, a decision to the person who asked. */
import { type MembershipRole, membershipRoleLabel, type Organisation, organisationTypeLabel } from '../model.ts';

const displayName = (u: { name: string; email: string }) => (u.name ? `${u.name} (${u.email})` : u.email);

/** To the authority's editors (or, when it has none, the network coordinators). */
export function requestMail(input: {
  person: { name: string; email: string };
  org: Organisation;
  message: string;
  toEditors: boolean;
  baseUrl: string;
}): string {
  const { person, org, message, baseUrl } = input;
  return [
    'Bonjour,',
    '',
    `${displayName(person)} demande à rejoindre « ${org.name} » (${organisationTypeLabel(org.type).toLowerCase()}) sur la Bibliothèque IA des territoires.`,
    ...(message ? ['', 'Son message :', message.replace(/^/gm, '> ')] : []),
    '',
    'Pour accepter ou refuser cette demande :',
    `${baseUrl}/collectivites/${org.id}/membres`,
    '',
    input.toEditors
      ? 'Vous recevez ce message parce que vous êtes responsable de cette collectivité sur la plateforme.'
      : "Vous recevez ce message parce que vous coordonnez le réseau et que cette collectivité n'a pas encore de responsable.",
  ].join('\n');
}

/** To the person who asked, once a reviewer decided. */
export function decisionMail(input: {
  org: Organisation;
  decision: 'accept' | 'refuse';
  role: MembershipRole;
  baseUrl: string;
}): { subject: string; text: string } {
  const { org, role, baseUrl } = input;
  return input.decision === 'accept'
    ? {
        subject: `Vous avez rejoint ${org.name}`,
        text: [
          'Bonjour,',
          '',
          `Votre demande pour rejoindre « ${org.name} » a été acceptée. Vous en êtes désormais ${membershipRoleLabel(role).toLowerCase()} sur la Bibliothèque IA des territoires.`,
          '',
          `${baseUrl}/collectivites/${org.id}`,
        ].join('\n'),
      }
    : {
        subject: `Votre demande pour rejoindre ${org.name} n'a pas été acceptée`,
        text: [
          'Bonjour,',
          '',
          `Votre demande pour rejoindre « ${org.name} » n'a pas été acceptée.`,
          "Si vous pensez qu'il s'agit d'une erreur, vous pouvez renouveler votre demande en expliquant votre rôle dans la collectivité :",
          `${baseUrl}/collectivites/${org.id}/rejoindre`,
        ].join('\n'),
      };
}
