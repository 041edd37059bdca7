/** The members' directory (names, bodies, roles; addresses for members only), the leads' add form, join requests. */
import type { FieldErrors } from '../../../platform/http/errors.ts';
import {
  bindFields,
  ChoiceGroup,
  ErrorSummary,
  formatDate,
  PostForm,
  Table,
  TextInput,
} from '../../../platform/ui/components.tsx';
import { type GroupRole, ROLE_LABELS } from '../model.ts';

export interface DirectoryView {
  group: { id: number; name: string; path: string };
  members: {
    userId: number;
    name: string;
    email: string | null;
    organisationName: string | null;
    role: GroupRole;
    function: string | null;
  }[];
  showEmails: boolean;
  canLead: boolean;
}

export function DirectoryPage({
  d,
  values,
  errors,
}: {
  d: DirectoryView;
  values?: Record<string, string>;
  errors?: FieldErrors;
}) {
  const field = bindFields(values ?? { role: 'member' }, errors);
  return (
    <>
      <h1>Membres du groupe « {d.group.name} »</h1>
      <ErrorSummary errors={errors} />
      {!d.showEmails && <p>Les adresses e-mail des membres ne sont visibles que des membres du groupe.</p>}
      {d.members.length ? (
        <Table
          caption={`Membres du groupe « ${d.group.name} »`}
          columns={[
            'Nom',
            'Organisme',
            'Rôle',
            'Fonction dans le groupe',
            ...(d.showEmails ? ['E-mail'] : []),
            ...(d.canLead ? ['Action'] : []),
          ]}
        >
          {d.members.map((m) => (
            <tr>
              <th scope="row">{m.name}</th>
              <td>{m.organisationName ?? '—'}</td>
              <td>{ROLE_LABELS[m.role]}</td>
              <td>{m.function ?? '—'}</td>
              {d.showEmails && <td>{m.email ? <a href={`mailto:${m.email}`}>{m.email}</a> : '—'}</td>}
              {d.canLead && (
                <td>
                  <PostForm
                    action={`${d.group.path}/membres/${m.userId}/retirer`}
                    class="inline-form"
                    data-confirm={`Retirer ${m.name} du groupe ?`}
                  >
                    <button type="submit" class="button button-secondary">
                      Retirer<span class="visually-hidden"> {m.name}</span>
                    </button>
                  </PostForm>
                </td>
              )}
            </tr>
          ))}
        </Table>
      ) : (
        <p>Le groupe n’a pas encore de membre.</p>
      )}
      {d.canLead && (
        <>
          <h2>Ajouter un membre ou un pilote</h2>
          <p>
            La personne doit avoir un compte sur la plateforme. Son organisme est celui dont elle est membre ; elle est
            prévenue par e-mail. Pour changer le rôle ou la fonction d’un membre, ajoutez-le à nouveau.
          </p>
          <PostForm action={`${d.group.path}/membres`}>
            <TextInput {...field('email')} label="Adresse e-mail" type="email" autocomplete="off" required />
            <ChoiceGroup
              {...field('role')}
              legend="Rôle dans le groupe"
              type="radio"
              required
              inline
              options={[
                { value: 'member', label: 'Membre' },
                { value: 'lead', label: 'Pilote (élu ou coordinateur)' },
              ]}
            />
            <TextInput
              {...field('function')}
              label="Fonction dans le groupe"
              hint="Par exemple : vice-présidente déléguée au numérique, référent données."
              maxLength={150}
            />
            <button type="submit" class="button button-primary">
              Ajouter au groupe
            </button>
          </PostForm>
        </>
      )}
      <p>
        <a href={d.group.path}>Retour à la page du groupe</a>
      </p>
    </>
  );
}

export interface RequestView {
  id: number;
  name: string;
  organisationName: string | null;
  message: string;
  createdAt: string;
}

export function RequestsPage({ group, requests }: { group: { name: string; path: string }; requests: RequestView[] }) {
  return (
    <>
      <h1>Demandes pour rejoindre « {group.name} »</h1>
      {requests.length === 0 && <p>Aucune demande n’attend de réponse.</p>}
      {requests.map((r) => (
        <section class="card" aria-labelledby={`demande-${r.id}`}>
          <h2 id={`demande-${r.id}`} class="card-title">
            {r.name}
            {r.organisationName ? ` (${r.organisationName})` : ''}
          </h2>
          <p class="meta">Demande du {formatDate(r.createdAt)}</p>
          <blockquote>
            {r.message.split('\n').map((line) => (
              <p>{line}</p>
            ))}
          </blockquote>
          <PostForm action={`${group.path}/demandes/${r.id}`} class="actions" aria-label={`Réponse à ${r.name}`}>
            <button type="submit" name="decision" value="accept" class="button button-primary">
              Accepter<span class="visually-hidden"> {r.name}</span>
            </button>
            <button type="submit" name="decision" value="refuse" class="button button-secondary">
              Refuser<span class="visually-hidden"> {r.name}</span>
            </button>
          </PostForm>
        </section>
      ))}
      <p>
        <a href={group.path}>Retour à la page du groupe</a>
      </p>
    </>
  );
}
