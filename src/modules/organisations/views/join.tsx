import type { FieldErrors } from '../../../platform/http/errors.ts';
import { ofName } from '../../../platform/text/french.ts';
import { Button, ErrorSummary, formatDate, PostForm, Table, TextArea } from '../../../platform/ui/components.tsx';
import { OrganisationPicker, PICKER_HINT } from '../../../platform/ui/organisation-picker.tsx';
import { JOIN_MESSAGE_MAX, MEMBERSHIP_STATUS_LABELS, membershipRoleLabel } from '../model.ts';
import type { JoinFormModel, JoinHubModel } from '../services/pages.ts';

export type JoinHubProps = JoinHubModel;

/** « Rejoindre ma collectivité » : the person's memberships and a search (plain results without JavaScript). */
export function JoinHubPage(props: JoinHubProps) {
  return (
    <>
      <h1>Rejoindre ma collectivité</h1>
      <p class="lead">
        Les agents d'une collectivité la rejoignent sur la plateforme pour répondre à ses questionnaires et rédiger ses
        fiches. Un responsable de la collectivité, ou un coordinateur du réseau, valide chaque demande.
      </p>
      {props.memberships.length > 0 && (
        <>
          <h2>Mes collectivités et mes demandes</h2>
          <Table
            wrap
            caption="Mes collectivités et mes demandes d'adhésion"
            columns={['Collectivité', 'Demande', 'Rôle', 'Date de la demande']}
          >
            {props.memberships.map((m) => (
              <tr>
                <th scope="row">
                  <a href={`/collectivites/${m.organisation.id}`}>{m.organisation.name}</a>
                </th>
                <td>{MEMBERSHIP_STATUS_LABELS[m.status]}</td>
                <td>{m.status === 'active' ? membershipRoleLabel(m.role) : '—'}</td>
                <td>{formatDate(m.requestedAt)}</td>
              </tr>
            ))}
          </Table>
        </>
      )}
      <h2>Trouver ma collectivité</h2>
      <form method="get" action="/collectivites/rejoindre" aria-label="Trouver ma collectivité">
        <OrganisationPicker
          label="Nom de la collectivité, code postal, code INSEE ou SIREN"
          hint={PICKER_HINT}
          value={props.q}
          href="/collectivites/{id}/rejoindre"
        />
        <Button>Rechercher</Button>
      </form>
      {props.results && (
        <>
          <h2 id="resultats">
            {props.total === 0
              ? 'Aucun résultat'
              : props.total > props.results.length
                ? `${props.results.length} premiers résultats sur ${props.total}`
                : `${props.total} résultat${props.total > 1 ? 's' : ''}`}
          </h2>
          {props.results.length === 0 ? (
            <p>Aucune collectivité ne correspond à « {props.q} ». Essayez un code postal ou le SIREN.</p>
          ) : (
            <ul>
              {props.results.map((o) => (
                <li>
                  <a href={`/collectivites/${o.id}/rejoindre`}>
                    {o.name}
                    <span class="visually-hidden"> : demander à rejoindre</span>
                  </a>{' '}
                  <span class="meta">— {o.context}</span>
                </li>
              ))}
            </ul>
          )}
          {props.total > props.results.length && (
            <p>Précisez la recherche (ajoutez le code postal, par exemple) pour trouver votre collectivité.</p>
          )}
        </>
      )}
    </>
  );
}

export interface JoinFormProps extends JoinFormModel {
  message?: string;
  errors?: FieldErrors;
}

export function JoinFormPage({ organisation: org, context, membership, message, errors }: JoinFormProps) {
  const title = `Rejoindre ${org.name}`;
  if (membership && membership.status !== 'refused') {
    return (
      <>
        <h1>{title}</h1>
        <div class="notice" role="status">
          <p>
            {membership.status === 'active'
              ? `Vous êtes déjà ${membershipRoleLabel(membership.role).toLowerCase()} ${ofName(org.name)}.`
              : `Votre demande, envoyée le ${formatDate(membership.requestedAt)}, est en attente de réponse.`}
          </p>
        </div>
        <p>
          <a href={`/collectivites/${org.id}`}>Retour à la page {ofName(org.name)}</a>
        </p>
      </>
    );
  }
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>{title}</h1>
      <p class="meta">{context}</p>
      {membership?.status === 'refused' && (
        <div class="notice notice-warning">
          <p>
            Votre demande du {formatDate(membership.requestedAt)} n'a pas été acceptée. Vous pouvez la renouveler en
            précisant votre rôle dans la collectivité.
          </p>
        </div>
      )}
      <p>
        Votre demande est envoyée aux responsables {ofName(org.name)} sur la plateforme ou, s'il n'y en a pas encore,
        aux coordinateurs du réseau. Vous recevrez un courriel dès qu'elle sera acceptée ou refusée.
      </p>
      <PostForm action={`/collectivites/${org.id}/rejoindre`}>
        <TextArea
          name="message"
          label="Message pour la personne qui validera la demande"
          hint={`Votre service et votre fonction aident à vous reconnaître. ${JOIN_MESSAGE_MAX} caractères au plus.`}
          value={message}
          error={errors?.message}
          rows={4}
        />
        <div class="actions">
          <Button>Envoyer la demande</Button>
          <a href={`/collectivites/${org.id}`}>Annuler</a>
        </div>
      </PostForm>
    </>
  );
}
