/** What the organisations routes share: the services they call, the breadcrumb, the forms and parameter schemas. */
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { formFields, readMultipartForm, text, textField } from '../../../platform/http/form.ts';
import { assertUploadSize } from '../../../platform/http/upload-limit.ts';
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

/** The CSV file of an import form and its « essai à blanc » box, or the French message of the file field. */
export type CsvUpload = { ok: true; data: Buffer; fileName: string; dryRun: boolean } | { ok: false; error: string };

/**
 * Reads an import form (multipart: `file`, `dryRun`), contacts and network members alike. A request over the
 * configured upload limit is refused as the pipeline refuses it (413); a file over the reader's limit, or no file,
 * gives the message to show beside the field.
 */
export async function readCsvUpload(request: FastifyRequest): Promise<CsvUpload> {
  const { form, files, tooLarge } = await readMultipartForm(request);
  assertUploadSize(request, files, tooLarge);
  const file = files.find((f) => f.field === 'file') ?? files[0];
  if (tooLarge.length) {
    return { ok: false, error: 'Le fichier dépasse la taille autorisée : découpez-le en plusieurs fichiers.' };
  }
  if (!file?.data.length) return { ok: false, error: 'Choisissez un fichier CSV à importer.' };
  return { ok: true, data: file.data, fileName: file.filename, dryRun: text(form, 'dryRun') === '1' };
}

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
