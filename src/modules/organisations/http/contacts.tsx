/**
 * An authority's contacts (/collectivites/:id/contacts: its editors and the coordinators), and the coordinators'
 * CSV import and export of every authority's contacts.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { can } from '../../../platform/auth/authorize.ts';
import {
  CSV_CONTENT_TYPE,
  CsvSeparatorQuery,
  csvDialectOf,
  csvStream,
  csvTimestamp,
} from '../../../platform/export/csv.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { ConflictError, type FieldErrors, notFound, ValidationError } from '../../../platform/http/errors.ts';
import { formFields, textField } from '../../../platform/http/form.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { IdParams, idOf, LooseQuery, MultipartForm } from '../../../platform/http/schemas.ts';
import type { Contact } from '../model-contacts.ts';
import { ContactEditPage, ContactsImportPage, ContactsPage, type ContactValues } from '../views/contacts.tsx';
import { LIST_CRUMB, type OrganisationsHttpDeps, readCsvUpload } from './support.ts';

const ContactParams = Type.Object({
  id: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }),
  contactId: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }),
});

const CONTACT_FORM = formFields({
  name: textField('Nom et prénom'),
  function: textField('Fonction'),
  email: textField('Adresse électronique'),
  phone: textField('Téléphone'),
  version: textField('Version'),
});

const IMPORT_CRUMBS = [LIST_CRUMB, { label: 'Importer des contacts' }];

export function contactsRoutes({
  contacts,
  directory,
  imports,
}: Pick<OrganisationsHttpDeps, 'contacts' | 'directory' | 'imports'>): FastifyPluginAsync {
  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    organisationId: number,
    values: ContactValues = {},
    errors?: FieldErrors,
  ) {
    const organisation = await directory.get(organisationId);
    const list = await contacts.list(request.user, organisationId);
    return reply.page(
      `Contacts — ${organisation.name}`,
      <ContactsPage
        organisation={organisation}
        contacts={list}
        values={values}
        errors={errors}
        canImport={can(request.user, 'contact.import')}
      />,
      {
        status: errors ? 422 : undefined,
        breadcrumbs: [
          LIST_CRUMB,
          { href: `/collectivites/${organisation.id}`, label: organisation.name },
          { label: 'Contacts' },
        ],
      },
    );
  }

  /** The contact named in the path, of the authority named in the path (else 404). */
  async function contactInPath(request: FastifyRequest): Promise<Contact> {
    const contact = await contacts.contactOf(request.user, idOf(request.params, 'contactId'));
    if (contact.organisationId !== idOf(request.params)) throw notFound('Ce contact n’existe pas (ou plus).');
    return contact;
  }

  async function editPage(
    reply: FastifyReply,
    contact: Contact,
    values: ContactValues,
    version: number,
    errors?: FieldErrors,
    status?: number,
  ) {
    const organisation = await directory.get(contact.organisationId);
    return reply.page(
      `Modifier le contact ${contact.name}`,
      <ContactEditPage
        organisation={organisation}
        contact={contact}
        values={values}
        version={version}
        errors={errors}
      />,
      {
        status,
        breadcrumbs: [
          LIST_CRUMB,
          { href: `/collectivites/${organisation.id}`, label: organisation.name },
          { href: `/collectivites/${organisation.id}/contacts`, label: 'Contacts' },
          { label: 'Modifier' },
        ],
      },
    );
  }

  return async (app) => {
    app.get(
      '/collectivites/:id/contacts',
      { schema: { params: IdParams, querystring: LooseQuery }, config: { access: ACCESS.authorityEditors } },
      async (request, reply) => listPage(request, reply, idOf(request.params)),
    );

    app.post(
      '/collectivites/:id/contacts',
      { schema: { params: IdParams, body: CONTACT_FORM.schema }, config: { access: ACCESS.authorityEditors } },
      async (request, reply) => {
        const organisationId = idOf(request.params);
        const values = CONTACT_FORM.read(request.body).values;
        try {
          const contact = await contacts.add(request.user, organisationId, values);
          return reply
            .flash('success', `Contact ${contact.name} ajouté.`)
            .redirect(`/collectivites/${organisationId}/contacts`, 303);
        } catch (e) {
          if (e instanceof ValidationError) return listPage(request, reply, organisationId, values, e.fields);
          throw e;
        }
      },
    );

    app.get(
      '/collectivites/:id/contacts/:contactId/modifier',
      { schema: { params: ContactParams, querystring: LooseQuery }, config: { access: ACCESS.authorityEditors } },
      async (request, reply) => {
        const contact = await contactInPath(request);
        return editPage(reply, contact, { ...contact, phone: contact.phone ?? '' }, contact.version);
      },
    );

    app.post(
      '/collectivites/:id/contacts/:contactId/modifier',
      { schema: { params: ContactParams, body: CONTACT_FORM.schema }, config: { access: ACCESS.authorityEditors } },
      async (request, reply) => {
        const contact = await contactInPath(request);
        const { version, ...values } = CONTACT_FORM.read(request.body).values;
        try {
          await contacts.update(request.user, contact.id, Number(version) || 0, values);
          return reply
            .flash('success', 'Contact modifié.')
            .redirect(`/collectivites/${contact.organisationId}/contacts`, 303);
        } catch (e) {
          if (e instanceof ValidationError) {
            return editPage(reply, contact, values, Number(version) || 0, e.fields, 422);
          }
          if (e instanceof ConflictError) {
            const current = (e.details as Contact | null) ?? contact;
            return editPage(
              reply,
              current,
              values,
              current.version,
              {
                name: 'Ce contact a été modifié par quelqu’un d’autre entre-temps : vérifiez vos saisies et enregistrez de nouveau.',
              },
              409,
            );
          }
          throw e;
        }
      },
    );

    app.post(
      '/collectivites/:id/contacts/:contactId/supprimer',
      { schema: { params: ContactParams }, config: { access: ACCESS.authorityEditors } },
      async (request, reply) => {
        const contact = await contactInPath(request);
        await contacts.remove(request.user, contact.id);
        return reply
          .flash('success', `Contact ${contact.name} supprimé.`)
          .redirect(`/collectivites/${contact.organisationId}/contacts`, 303);
      },
    );

    app.get(
      '/collectivites/contacts/import',
      { schema: { querystring: LooseQuery }, config: { access: ACCESS.coordinators } },
      async (request, reply) => {
        imports.mayImportContacts(requireUser(request));
        return reply.page('Importer des contacts', <ContactsImportPage report={null} />, {
          breadcrumbs: IMPORT_CRUMBS,
        });
      },
    );

    // The pipeline reads the multipart body (the `_csrf` field with it) before the CSRF check.
    app.post(
      '/collectivites/contacts/import',
      {
        schema: { querystring: LooseQuery, body: MultipartForm },
        config: { access: ACCESS.coordinators, upload: 'contacts' },
      },
      async (request, reply) => {
        const user = requireUser(request);
        imports.mayImportContacts(user);
        const upload = await readCsvUpload(request);
        if (!upload.ok) {
          return reply.page(
            'Importer des contacts',
            <ContactsImportPage report={null} errors={{ file: upload.error }} />,
            { status: 422, breadcrumbs: IMPORT_CRUMBS },
          );
        }
        const report = await imports.importContacts(user, upload.data, {
          dryRun: upload.dryRun,
          fileName: upload.fileName,
        });
        return reply.page('Importer des contacts', <ContactsImportPage report={report} />, {
          status: report.errors.length ? 422 : 200,
          breadcrumbs: IMPORT_CRUMBS,
        });
      },
    );

    app.get(
      '/collectivites/contacts.csv',
      { schema: { querystring: CsvSeparatorQuery }, config: { access: ACCESS.coordinators } },
      async (request, reply) => {
        const rows = contacts.exportRows(request.user);
        const dialect = csvDialectOf(request.query as { separateur?: string });
        async function* lines() {
          for await (const c of rows) {
            const added = csvTimestamp(c.createdAt, dialect);
            yield [c.organisationName, c.siren, c.inseeCode, c.name, c.function, c.email, c.phone, c.source, added];
          }
        }
        const header = [
          'Collectivité',
          'SIREN',
          'Code INSEE',
          'Nom',
          'Fonction',
          'E-mail',
          'Téléphone',
          'Origine',
          'Ajouté le',
        ];
        return reply
          .type(CSV_CONTENT_TYPE)
          .header('content-disposition', 'attachment; filename="contacts-collectivites.csv"')
          .header('cache-control', 'no-store')
          .send(csvStream(header, lines(), dialect));
      },
    );
  };
}
