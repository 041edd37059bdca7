/** An authority's edit page (its editors and the coordinators): SIRET, contact e-mail, website, logo, history. */
import type { FieldErrors } from '../../../platform/http/errors.ts';
import { ofName } from '../../../platform/text/french.ts';
import {
  Button,
  bindFields,
  ErrorSummary,
  formatDate,
  PostForm,
  Table,
  TextInput,
} from '../../../platform/ui/components.tsx';
import { formatSiren, type Organisation } from '../model.ts';
import { EDITABLE_FIELD_LABELS, type OrganisationChange, type OrganisationFields } from '../model-contacts.ts';

export type EditValues = { [K in keyof OrganisationFields]?: string | null };

const SOURCES: Record<string, string> = { saisie: 'saisie', formulaire: 'formulaire', import: 'import' };

function sourceLabel(source: string): string {
  return SOURCES[source] ?? source;
}

export function OrganisationEditPage(props: {
  organisation: Organisation;
  values: EditValues;
  version: number;
  history: OrganisationChange[];
  errors?: FieldErrors;
  /** The stored fields when someone saved meanwhile (the conflict). */
  conflict?: OrganisationFields | null;
}) {
  const { organisation: org } = props;
  const field = bindFields(props.values, props.errors);
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <h1>Modifier la fiche {ofName(org.name)}</h1>
      {props.conflict && (
        <div class="notice notice-warning" role="alert">
          <h2>Quelqu’un a enregistré cette fiche pendant que vous la modifiiez</h2>
          <p>
            Voici la version enregistrée. Vos saisies sont gardées dans le formulaire : vérifiez-les et enregistrez.
          </p>
          <dl class="summary">
            {(Object.keys(EDITABLE_FIELD_LABELS) as (keyof typeof EDITABLE_FIELD_LABELS)[]).map((f) => {
              const key = (
                { siret: 'siret', contact_email: 'contactEmail', website: 'website', logo_url: 'logoUrl' } as const
              )[f];
              return (
                <>
                  <dt>{EDITABLE_FIELD_LABELS[f]}</dt>
                  <dd>{props.conflict![key] ?? 'non renseigné'}</dd>
                </>
              );
            })}
          </dl>
        </div>
      )}
      <PostForm action={`/collectivites/${org.id}/modifier`}>
        <input type="hidden" name="version" value={String(props.version)} />
        <TextInput
          {...field('siret')}
          label="SIRET du siège"
          hint={
            org.siren
              ? `14 chiffres commençant par le SIREN ${formatSiren(org.siren)} ; espaces permis.`
              : '14 chiffres ; espaces permis.'
          }
          inputmode="numeric"
          width="medium"
        />
        <TextInput
          {...field('contactEmail')}
          label="Adresse électronique de contact"
          hint="Une adresse de service, publique (exemple : numerique@ville.fr)."
          type="email"
          autocomplete="off"
        />
        <TextInput {...field('website')} label="Site web" hint="Exemple : https://www.ville.fr" type="url" />
        <TextInput
          {...field('logoUrl')}
          label="Adresse du logo"
          hint="Une image publiée sur le site de la collectivité (https://…)."
          type="url"
        />
        <div class="actions">
          <Button>Enregistrer</Button>
          <a href={`/collectivites/${org.id}`}>Annuler</a>
        </div>
      </PostForm>

      <h2>Historique des modifications</h2>
      {props.history.length === 0 ? (
        <p>Aucune modification n’a encore été enregistrée.</p>
      ) : (
        <Table
          caption={`Modifications de la fiche ${ofName(org.name)}, des plus récentes aux plus anciennes`}
          columns={['Date', 'Champ', 'Avant', 'Après', 'Par']}
          wrap
        >
          {props.history.map((c) => (
            <tr>
              <th scope="row">{formatDate(c.changedAt, true)}</th>
              <td>{EDITABLE_FIELD_LABELS[c.field] ?? c.field}</td>
              <td>{c.oldValue ?? '—'}</td>
              <td>{c.newValue ?? '—'}</td>
              <td>
                {c.changedByName ?? (c.changedBy === null ? 'import' : 'compte supprimé')} ({sourceLabel(c.source)})
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
