import { ofName } from '../../../platform/text/french.ts';
import { formatDate, PostForm, Table } from '../../../platform/ui/components.tsx';
import { MEMBERSHIP_ROLES, type MembershipRole, membershipRoleLabel, type Organisation } from '../model.ts';
import type { Person } from '../ports.ts';
import type { MemberView } from '../services/memberships.ts';
import type { MembershipWithOrganisation } from '../store/memberships.ts';

const personName = (u: Person | null) => (u ? u.name || u.email : 'Compte supprimé');

function RoleSelect({ id, value, label }: { id: string; value: MembershipRole; label: string }) {
  return (
    // Named by aria-label, not a visually hidden label: inside a table that scrolls on a phone, an absolutely
    // positioned hidden element escapes the scrolling box and widens the page.
    <select id={id} name="role" class="input input-short" aria-label={label}>
      {MEMBERSHIP_ROLES.map((r) => (
        <option value={r.code} selected={r.code === value}>
          {r.label}
        </option>
      ))}
    </select>
  );
}

/** Accept (with a role) or refuse a pending request. */
export function DecisionForm({ m, back }: { m: MemberView; back?: string }) {
  return (
    <PostForm
      action={`/collectivites/${m.organisationId}/membres/${m.id}/decision`}
      class="inline-form"
      novalidate={false}
    >
      {back && <input type="hidden" name="retour" value={back} />}
      <RoleSelect
        id={`role-demande-${m.id}`}
        value="member"
        label={`Rôle donné à ${personName(m.user)} si la demande est acceptée`}
      />{' '}
      <button
        type="submit"
        class="button"
        name="decision"
        value="accept"
        aria-label={`Accepter la demande ${ofName(personName(m.user))}`}
      >
        Accepter
      </button>
      <button
        type="submit"
        class="button button-secondary"
        name="decision"
        value="refuse"
        aria-label={`Refuser la demande ${ofName(personName(m.user))}`}
      >
        Refuser
      </button>
    </PostForm>
  );
}

export interface MembersPageProps {
  organisation: Organisation;
  pending: MemberView[];
  active: MemberView[];
  refused: MemberView[];
  currentUserId: number;
  canChangeOwnRole: boolean;
}

export function MembersPage(props: MembersPageProps) {
  const { organisation: org } = props;
  return (
    <>
      <h1>Membres {ofName(org.name)}</h1>
      <h2>Demandes en attente</h2>
      {props.pending.length === 0 ? (
        <p>Aucune demande en attente.</p>
      ) : (
        <Table wrap caption="Demandes d'adhésion en attente" columns={['Personne', 'Message', 'Date', 'Décision']}>
          {props.pending.map((m) => (
            <tr>
              <th scope="row">
                {personName(m.user)}
                {m.user?.name && <div class="meta">{m.user.email}</div>}
              </th>
              <td>{m.message || <span class="meta">(sans message)</span>}</td>
              <td>{formatDate(m.requestedAt)}</td>
              <td>
                {m.userId === props.currentUserId ? (
                  <span class="meta">Votre propre demande</span>
                ) : (
                  <DecisionForm m={m} />
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}

      <h2>Membres</h2>
      {props.active.length === 0 ? (
        <p>Personne n'a encore rejoint cette collectivité.</p>
      ) : (
        <Table wrap caption="Membres de la collectivité" columns={['Personne', 'Rôle', 'Membre depuis', 'Actions']}>
          {props.active.map((m) => {
            const self = m.userId === props.currentUserId;
            const name = personName(m.user);
            return (
              <tr>
                <th scope="row">
                  {name}
                  {self && ' (vous)'}
                  {m.user?.name && <div class="meta">{m.user.email}</div>}
                </th>
                <td>{membershipRoleLabel(m.role)}</td>
                <td>{formatDate(m.decidedAt ?? m.requestedAt)}</td>
                <td>
                  {(!self || props.canChangeOwnRole) && (
                    <PostForm
                      action={`/collectivites/${org.id}/membres/${m.id}/role`}
                      class="inline-form"
                      novalidate={false}
                    >
                      <RoleSelect id={`role-membre-${m.id}`} value={m.role} label={`Rôle ${ofName(name)}`} />{' '}
                      <button
                        type="submit"
                        class="button button-secondary"
                        aria-label={`Changer le rôle ${ofName(name)}`}
                      >
                        Changer le rôle
                      </button>
                    </PostForm>
                  )}{' '}
                  <PostForm
                    action={`/collectivites/${org.id}/membres/${m.id}/retrait`}
                    class="inline-form"
                    data-confirm={self ? `Quitter ${org.name} ?` : `Retirer ${name} des membres ${ofName(org.name)} ?`}
                    novalidate={false}
                  >
                    <button
                      type="submit"
                      class="button button-danger"
                      aria-label={self ? undefined : `Retirer ${name}`}
                    >
                      {self ? 'Quitter la collectivité' : 'Retirer'}
                    </button>
                  </PostForm>
                </td>
              </tr>
            );
          })}
        </Table>
      )}

      {props.refused.length > 0 && (
        <>
          <h2>Demandes refusées</h2>
          <ul>
            {props.refused.map((m) => (
              <li>
                {personName(m.user)} — refusée le {formatDate(m.decidedAt)}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href={`/collectivites/${org.id}`}>Retour à la page {ofName(org.name)}</a>
      </p>
    </>
  );
}

export function RequestsPage({
  requests,
  currentUserId,
}: {
  requests: (MembershipWithOrganisation & { user: Person | null })[];
  currentUserId: number;
}) {
  return (
    <>
      <h1>Demandes d'adhésion en attente</h1>
      <p class="lead">
        Les agents qui demandent à rejoindre une collectivité attendent votre réponse. Vérifiez qu'ils y travaillent
        (adresse électronique, message) avant d'accepter.
      </p>
      {requests.length === 0 ? (
        <p>Aucune demande en attente.</p>
      ) : (
        <Table
          wrap
          caption="Demandes d'adhésion en attente, les plus anciennes d'abord"
          columns={['Personne', 'Collectivité', 'Message', 'Date', 'Décision']}
        >
          {requests.map((m) => (
            <tr>
              <th scope="row">
                {personName(m.user)}
                {m.user?.name && <div class="meta">{m.user.email}</div>}
              </th>
              <td>
                <a href={`/collectivites/${m.organisation.id}/membres`}>{m.organisation.name}</a>
              </td>
              <td>{m.message || <span class="meta">(sans message)</span>}</td>
              <td>{formatDate(m.requestedAt)}</td>
              <td>
                {m.userId === currentUserId ? (
                  <span class="meta">Votre propre demande</span>
                ) : (
                  <DecisionForm m={m} back="/collectivites/demandes" />
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
