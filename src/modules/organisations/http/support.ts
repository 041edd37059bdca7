/** What the organisations routes share: the services they call, the breadcrumb, the forms and parameter schemas. */
import { Type } from 'typebox';
import { formFields, textField } from '../../../platform/http/form.ts';
import type { ContactsService } from '../services/contacts.ts';
import type { DirectoryService } from '../services/directory.ts';
import type { ImportsService } from '../services/imports.ts';
import type { MembershipsService } from '../services/memberships.ts';
import type { NetworksService } from '../services/networks.ts';
import type { OtherBodiesService } from '../services/other-bodies.ts';
import type { PagesService } from '../services/pages.ts';
import type { ProfileService } from '../services/profile.ts';

export interface OrganisationsHttpDeps {
  directory: DirectoryService;
  pages: PagesService;
  memberships: MembershipsService;
  otherBodies: OtherBodiesService;
  contacts: ContactsService;
  networks: NetworksService;
  profile: ProfileService;
  imports: ImportsService;
}

export const LIST_CRUMB = { href: '/collectivites', label: 'Collectivités' };

/** `/collectivites/:id/membres/:membershipId/…`: both positive integers (anything else is a 404). */
export const MembershipParams = Type.Object({
  id: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }),
  membershipId: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }),
});

/** The forms of the module, read by the platform's form reader (the services check the values). */
export const FORMS = {
  join: formFields({ message: textField('Message', { trim: false }) }),
  decision: formFields({
    decision: textField('Décision'),
    role: textField('Rôle'),
    retour: textField('Retour'),
  }),
  role: formFields({ role: textField('Rôle') }),
  otherBody: formFields({
    name: textField('Nom de l’organisme', { trim: false }),
    type: textField('Type d’organisme', { trim: false }),
    siren: textField('Numéro SIREN', { trim: false }),
    siret: textField('Numéro SIRET', { trim: false }),
    website: textField('Site web', { trim: false }),
    departementCode: textField('Département du siège', { trim: false }),
    regionCode: textField('Région', { trim: false }),
  }),
};
