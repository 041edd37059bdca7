/** An authority's contacts (its editors and the coordinators), one contact's form, and the coordinators' CSV import. */
import type { FieldErrors } from '../../../platform/http/errors.ts';
import { ofName } from '../../../platform/text/french.ts';
import {
  Button,
  bindFields,
  ErrorSummary,
  FieldError,
  formatDate,
  PostForm,
  Table,
  TextInput,
} from '../../../platform/ui/components.tsx';
import type { Organisation } from '../model.ts';
import type { Contact } from '../model-contacts.ts';
import type { ImportReport } from '../services/imports.ts';
import { ImportReportView } from './imports.tsx';

export interface ContactValues {
  name?: string;
  function?: string;
  email?: string;
  phone?: string;
}

function ContactFields({ values, errors }: { values: ContactValues; errors?: FieldErrors }) {
  const field = bindFields(values, errors);
  return (
    <>
      <TextInput {...field('name')} label="Nom et prénom" autocomplete="off" required />
      <TextInput {...field('function')} label="Fonction" hint="Exemple : directrice du numérique" autocomplete="off" />
      <TextInput
        {...field('email')}
        label="Adresse électronique professionnelle"
        type="email"
        autocomplete="off"
        required
      />
      <TextInput {...field('phone')} label="Téléphone" type="tel" autocomplete="off" width="medium" />
    </>
  );
}

export function ContactsPage(props: {
  organisation: Organisation;
  contacts: Contact[];
  values: ContactValues;
  errors?: FieldErrors;
  canImport: boolean;
}) {
  const { organisation: org, contacts } = props;
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <h1>Contacts {ofName(org.name)}</h1>
      <p class="lead">
        Les personnes à qui écrire pour {org.name} : les invitations aux recensements leur sont envoyées, en plus des
        agents inscrits sur la plateforme. Ces contacts ne sont visibles que des responsables de la collectivité et des
        coordinateurs du réseau (voir <a href="/donnees-personnelles">Données personnelles</a>).
      </p>
      {contacts.length === 0 ? (
        <p>Aucun contact n’est encore enregistré pour cette collectivité.</p>
      ) : (
        <Table
          caption={`${contacts.length > 1 ? `Les ${contacts.length} contacts` : 'Le contact'} ${ofName(org.name)}, par nom`}
          columns={['Nom', 'Fonction', 'Adresse électronique', 'Téléphone', 'Origine', 'Actions']}
          wrap
        >
          {contacts.map((c) => (
            <tr>
              <th scope="row">{c.name}</th>
              <td>{c.function || '—'}</td>
              <td>
                <a href={`mailto:${c.email}`}>{c.email}</a>
              </td>
              <td>{c.phone ?? '—'}</td>
              <td>
                {c.source === 'saisie' ? 'saisi' : c.source} le {formatDate(c.createdAt)}
              </td>
              <td>
                <a
                  href={`/collectivites/${org.id}/contacts/${c.id}/modifier`}
                  aria-label={`Modifier le contact ${c.name}`}
                >
                  Modifier
                </a>{' '}
                <PostForm
                  action={`/collectivites/${org.id}/contacts/${c.id}/supprimer`}
                  class="inline-form"
                  data-confirm={`Supprimer le contact ${c.name} ?`}
                >
                  {/* aria-label, not a visually hidden span: such a span escapes the table's scrolling box on a phone */}
                  <button type="submit" class="button button-danger" aria-label={`Supprimer le contact ${c.name}`}>
                    Supprimer
                  </button>
                </PostForm>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h2 id="ajouter">Ajouter un contact</h2>
      <PostForm action={`/collectivites/${org.id}/contacts`} aria-label="Ajouter un contact">
        <ContactFields values={props.values} errors={props.errors} />
        <Button>Ajouter le contact</Button>
      </PostForm>
      {props.canImport && (
        <p>
          <a href="/collectivites/contacts/import">Importer des contacts de plusieurs collectivités (CSV)</a>
        </p>
      )}
    </>
  );
}

export function ContactEditPage(props: {
  organisation: Organisation;
  contact: Contact;
  values: ContactValues;
  version: number;
  errors?: FieldErrors;
}) {
  const { organisation: org, contact } = props;
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <h1>Modifier le contact {contact.name}</h1>
      <PostForm action={`/collectivites/${org.id}/contacts/${contact.id}/modifier`}>
        <input type="hidden" name="version" value={String(props.version)} />
        <ContactFields values={props.values} errors={props.errors} />
        <div class="actions">
          <Button>Enregistrer</Button>
          <a href={`/collectivites/${org.id}/contacts`}>Annuler</a>
        </div>
      </PostForm>
    </>
  );
}

/** The columns a CSV file may have, for the import pages. */
export function CsvColumnsHelp({ contacts }: { contacts: boolean }) {
  return (
    <>
      <p>
        Un fichier CSV (séparateur virgule ou point-virgule, encodage UTF-8 ou Windows) dont la première ligne nomme les
        colonnes :
      </p>
      <ul>
        <li>
          <strong>SIREN</strong>, <strong>SIRET</strong> ou <strong>code INSEE</strong> : au moins une de ces colonnes,
          pour trouver la collectivité ;
        </li>
        {contacts ? (
          <li>
            <strong>nom</strong> et <strong>e-mail</strong> (obligatoires), <strong>fonction</strong> et{' '}
            <strong>téléphone</strong> (facultatives).
          </li>
        ) : (
          <li>
            <strong>nom</strong> (facultative, pour vous relire).
          </li>
        )}
      </ul>
      <p>
        Chaque ligne fausse est signalée avec son numéro, et rien n’est enregistré tant qu’il en reste une. Une ligne
        déjà présente est laissée telle quelle.
      </p>
    </>
  );
}

export function ContactsImportPage(props: { report: ImportReport | null; errors?: FieldErrors }) {
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <h1>Importer des contacts</h1>
      {props.report && <ImportReportView report={props.report} what={{ one: 'contact', many: 'contacts' }} />}
      <CsvColumnsHelp contacts />
      <ImportForm action="/collectivites/contacts/import" errors={props.errors} />
      <p>
        <a href="/collectivites/contacts.csv">Télécharger tous les contacts (CSV)</a>
      </p>
    </>
  );
}

export function ImportForm({ action, errors }: { action: string; errors?: FieldErrors }) {
  return (
    <PostForm action={action} enctype="multipart/form-data" aria-label="Importer un fichier CSV">
      <div class={`field${errors?.file ? ' field-error' : ''}`}>
        <label for="champ-file">Fichier CSV</label>
        <FieldError id="champ-file" error={errors?.file} />
        <input
          type="file"
          id="champ-file"
          name="file"
          accept=".csv,text/csv"
          class="input"
          aria-describedby={errors?.file ? 'champ-file-error' : undefined}
        />
      </div>
      <div class="field choice-group">
        <div class="choice">
          <input type="checkbox" id="champ-dryRun" name="dryRun" value="1" />
          <label for="champ-dryRun">Essai : vérifier le fichier sans rien enregistrer</label>
        </div>
      </div>
      <Button>Importer</Button>
    </PostForm>
  );
}
