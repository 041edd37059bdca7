import type { FieldErrors } from '../../../platform/http/errors.ts';
import {
  Button,
  ChoiceGroup,
  ErrorSummary,
  formatDate,
  PostForm,
  Table,
  TextInput,
} from '../../../platform/ui/components.tsx';
import { type MyAuthority, ROLE_LABELS, type User } from '../model.ts';
import { EmailField, PasswordField } from './fields.tsx';

const MEMBERSHIP_ROLE: Record<MyAuthority['role'], string> = { member: 'Membre', editor: 'Rédaction (éditeur)' };
const MEMBERSHIP_STATUS: Record<MyAuthority['status'], string> = {
  active: 'Active',
  pending: 'Demande en attente',
  refused: 'Demande refusée',
};

export function AuthoritiesTable({ authorities, caption }: { authorities: MyAuthority[]; caption: string }) {
  return (
    <Table wrap caption={caption} columns={['Collectivité', 'Rôle', 'Statut']}>
      {authorities.map((a) => (
        <tr>
          <th scope="row">{a.href ? <a href={a.href}>{a.name}</a> : a.name}</th>
          <td>{MEMBERSHIP_ROLE[a.role] ?? a.role}</td>
          <td>{MEMBERSHIP_STATUS[a.status] ?? a.status}</td>
        </tr>
      ))}
    </Table>
  );
}

export interface AccountPageProps {
  user: User;
  authorities: MyAuthority[] | null;
  errors?: FieldErrors;
  values?: Record<string, string>;
}

/** "Mon compte": identity, authorities, address, password, data and deletion; each part is its own small form. */
export function AccountPage({ user, authorities, errors, values = {} }: AccountPageProps) {
  return (
    <>
      <h1>Mon compte</h1>
      <ErrorSummary errors={errors} />
      <dl class="summary">
        <dt>Nom</dt>
        <dd>{user.name || '—'}</dd>
        <dt>Adresse électronique</dt>
        <dd>{user.email}</dd>
        <dt>Rôle sur la plateforme</dt>
        <dd>{ROLE_LABELS[user.role]}</dd>
        <dt>Compte créé le</dt>
        <dd>{formatDate(user.createdAt)}</dd>
        {user.oidcLinked && (
          <>
            <dt>Connexion professionnelle</dt>
            <dd>Compte relié à ProConnect</dd>
          </>
        )}
      </dl>

      <section aria-labelledby="authorities-title">
        <h2 id="authorities-title">Mes collectivités</h2>
        {authorities === null ? (
          <p>La liste de vos collectivités n’est pas disponible pour le moment.</p>
        ) : authorities.length === 0 ? (
          <p>Vous n’êtes rattaché à aucune collectivité pour l’instant.</p>
        ) : (
          <AuthoritiesTable authorities={authorities} caption="Mes collectivités" />
        )}
        <p>
          <a href="/collectivites">Trouver ma collectivité et demander à la rejoindre</a>
        </p>
      </section>

      <section aria-labelledby="name-title">
        <h2 id="name-title">Mon nom</h2>
        <PostForm action="/compte/nom" aria-label="Modifier mon nom">
          <TextInput
            name="name"
            label="Nom et prénom"
            hint="Affiché à côté de vos contributions."
            autocomplete="name"
            value={values.name ?? user.name}
            error={errors?.name}
            required
          />
          <Button kind="secondary">Enregistrer le nom</Button>
        </PostForm>
      </section>

      <section aria-labelledby="email-title">
        <h2 id="email-title">Mon adresse électronique</h2>
        <p>
          Adresse actuelle : <strong>{user.email}</strong>. La nouvelle adresse ne remplacera l’actuelle qu’une fois
          confirmée par le lien que nous y enverrons.
        </p>
        <PostForm action="/compte/courriel" aria-label="Changer d’adresse électronique">
          <EmailField
            name="newEmail"
            label="Nouvelle adresse électronique"
            value={values.newEmail}
            error={errors?.newEmail}
          />
          {user.hasPassword && (
            <PasswordField
              name="currentPasswordForEmail"
              label="Mot de passe actuel"
              hint="Pour vérifier qu’il s’agit bien de vous."
              autocomplete="current-password"
              error={errors?.currentPasswordForEmail}
            />
          )}
          <Button kind="secondary">Changer d’adresse</Button>
        </PostForm>
      </section>

      <section aria-labelledby="password-title">
        <h2 id="password-title">Mon mot de passe</h2>
        {!user.hasPassword && (
          <p>
            Vous vous connectez aujourd’hui sans mot de passe (lien par courriel ou ProConnect). Vous pouvez en choisir
            un.
          </p>
        )}
        <p>Les autres sessions ouvertes sur votre compte seront fermées.</p>
        <PostForm action="/compte/mot-de-passe" aria-label="Changer de mot de passe">
          {user.hasPassword && (
            <PasswordField
              name="currentPassword"
              label="Mot de passe actuel"
              autocomplete="current-password"
              error={errors?.currentPassword}
            />
          )}
          <PasswordField
            name="newPassword"
            label="Nouveau mot de passe"
            hint="Au moins 12 caractères."
            autocomplete="new-password"
            error={errors?.newPassword}
          />
          <Button kind="secondary">{user.hasPassword ? 'Changer le mot de passe' : 'Choisir ce mot de passe'}</Button>
        </PostForm>
      </section>

      <section aria-labelledby="data-title">
        <h2 id="data-title">Mes données</h2>
        <p>
          Téléchargez tout ce que la plateforme conserve sur vous, dans un fichier JSON lisible par d’autres outils
          (droit d’accès et à la portabilité, RGPD).
        </p>
        <p>
          <a class="button button-secondary" href="/compte/donnees.json" download="mes-donnees.json">
            Télécharger mes données (JSON)
          </a>
        </p>
        <p>
          <a href="/compte/supprimer">Supprimer mon compte</a>
        </p>
      </section>
    </>
  );
}

export function DeleteAccountPage({ errors }: { errors?: FieldErrors }) {
  return (
    <div class="narrow">
      <h1>Supprimer mon compte</h1>
      <ErrorSummary errors={errors} />
      <p class="lead">La suppression est définitive.</p>
      <ul>
        <li>Vous ne pourrez plus vous connecter avec ce compte ; toutes vos sessions seront fermées.</li>
        <li>Vos rattachements aux collectivités seront supprimés.</li>
        <li>
          Les contenus publiés au nom d’une collectivité (fiches, réponses aux recensements) restent la propriété de
          celle-ci : ils sont conservés, sans votre nom ni votre adresse.
        </li>
      </ul>
      <p>
        Pensez à{' '}
        <a href="/compte/donnees.json" download="mes-donnees.json">
          télécharger vos données (JSON)
        </a>{' '}
        avant de continuer.
      </p>
      <PostForm action="/compte/supprimer" aria-label="Confirmer la suppression du compte">
        <ChoiceGroup
          name="confirm"
          type="checkbox"
          legend="Confirmation"
          options={[{ value: 'oui', label: 'Je comprends que la suppression de mon compte est définitive.' }]}
          error={errors?.confirm}
          required
        />
        <div class="actions">
          <Button kind="danger">Supprimer définitivement mon compte</Button>
          <a href="/compte">Annuler et revenir à mon compte</a>
        </div>
      </PostForm>
    </div>
  );
}
