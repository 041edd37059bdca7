import { GLOBAL_ROLES } from '../../../platform/auth/user.ts';
import type { FieldErrors } from '../../../platform/http/errors.ts';
import type { OutboxMessage } from '../../../platform/mail/mailer.ts';
import { ofName } from '../../../platform/text/french.ts';
import {
  Button,
  ChoiceGroup,
  ErrorSummary,
  formatDate,
  formatNumber,
  Pagination,
  PostForm,
  Table,
} from '../../../platform/ui/components.tsx';
import type { AuditView } from '../model.ts';
import {
  AUDIT_ACTION_LABELS,
  displayName,
  type MyAuthority,
  ROLE_HINTS,
  ROLE_LABELS,
  STATUS_LABELS,
  type User,
  userStatus,
} from '../model.ts';
import { AuthoritiesTable } from './account.tsx';

export interface AdminLink {
  href: string;
  label: string;
  description: string;
}

export function AdminDashboard(props: {
  total: number;
  admins: number;
  coordinators: number;
  disabled: number;
  mailMode: 'smtp' | 'outbox';
  outboxCount: number;
  links: AdminLink[];
}) {
  return (
    <>
      <h1>Administration</h1>
      <dl class="summary">
        <dt>Comptes</dt>
        <dd>{formatNumber(props.total)}</dd>
        <dt>Administrateurs</dt>
        <dd>{formatNumber(props.admins)}</dd>
        <dt>Coordination du réseau</dt>
        <dd>{formatNumber(props.coordinators)}</dd>
        <dt>Comptes désactivés</dt>
        <dd>{formatNumber(props.disabled)}</dd>
        <dt>Envoi des courriels</dt>
        <dd>
          {props.mailMode === 'smtp'
            ? 'par le serveur SMTP configuré'
            : `dans la boîte d’envoi locale (${formatNumber(props.outboxCount)} message${props.outboxCount > 1 ? 's' : ''})`}
        </dd>
      </dl>
      <ul class="cards">
        {props.links.map((l) => (
          <li class="card">
            <h2 class="card-title">
              <a href={l.href}>{l.label}</a>
            </h2>
            <p>{l.description}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

export function UsersPage(props: { q: string; total: number; page: number; pageCount: number; users: User[] }) {
  const href = (page: number) => {
    const params = new URLSearchParams();
    if (props.q) params.set('q', props.q);
    if (page > 1) params.set('page', String(page));
    const qs = params.toString();
    return `/admin/utilisateurs${qs ? `?${qs}` : ''}`;
  };
  return (
    <>
      <h1>Utilisateurs</h1>
      <form method="get" action="/admin/utilisateurs" class="search-form" aria-label="Rechercher un compte">
        <div class="field">
          <label for="recherche-utilisateurs">Rechercher un compte</label>
          <p class="hint" id="recherche-utilisateurs-hint">
            Une partie du nom ou de l’adresse électronique.
          </p>
          <input
            id="recherche-utilisateurs"
            name="q"
            type="search"
            class="input input-medium"
            value={props.q}
            autoComplete="off"
            aria-describedby="recherche-utilisateurs-hint"
          />
        </div>
        <Button kind="secondary">Rechercher</Button>
      </form>
      <p role="status">
        {props.total === 0
          ? 'Aucun compte ne correspond.'
          : `${formatNumber(props.total)} compte${props.total > 1 ? 's' : ''}${props.q ? ` pour « ${props.q} »` : ''}.`}
      </p>
      {props.users.length > 0 && (
        <Table
          wrap
          caption={`Comptes, page ${props.page} sur ${props.pageCount}`}
          columns={['Nom', 'Adresse électronique', 'Rôle', 'État', 'Créé le']}
        >
          {props.users.map((u) => (
            <tr>
              <th scope="row">
                <a href={`/admin/utilisateurs/${u.id}`}>{displayName(u)}</a>
              </th>
              <td>{u.email}</td>
              <td>{ROLE_LABELS[u.role]}</td>
              <td>{STATUS_LABELS[userStatus(u)]}</td>
              <td>{formatDate(u.createdAt)}</td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination page={props.page} pageCount={props.pageCount} href={href} />
    </>
  );
}

export function UserPage(props: {
  user: User;
  authorities: MyAuthority[] | null;
  isSelf: boolean;
  errors?: FieldErrors;
  role?: string;
}) {
  const { user, errors } = props;
  const status = userStatus(user);
  return (
    <>
      <h1>{displayName(user)}</h1>
      <ErrorSummary errors={errors} />
      <dl class="summary">
        <dt>Adresse électronique</dt>
        <dd>{user.email}</dd>
        <dt>Rôle</dt>
        <dd>{ROLE_LABELS[user.role]}</dd>
        <dt>État</dt>
        <dd>
          {STATUS_LABELS[status]}
          {user.disabledAt ? ` depuis le ${formatDate(user.disabledAt, true)}` : ''}
        </dd>
        <dt>Adresse confirmée le</dt>
        <dd>{formatDate(user.emailConfirmedAt, true)}</dd>
        <dt>Compte créé le</dt>
        <dd>{formatDate(user.createdAt, true)}</dd>
        <dt>Moyens de connexion</dt>
        <dd>
          {[user.hasPassword ? 'mot de passe' : '', 'lien par courriel', user.oidcLinked ? 'ProConnect' : '']
            .filter(Boolean)
            .join(', ')}
        </dd>
      </dl>

      <section aria-labelledby="user-authorities">
        <h2 id="user-authorities">Collectivités</h2>
        {props.authorities === null ? (
          <p>Les rattachements ne sont pas disponibles.</p>
        ) : props.authorities.length === 0 ? (
          <p>Ce compte n’est rattaché à aucune collectivité.</p>
        ) : (
          <AuthoritiesTable authorities={props.authorities} caption={`Collectivités ${ofName(displayName(user))}`} />
        )}
      </section>

      <section aria-labelledby="user-role">
        <h2 id="user-role">Rôle sur la plateforme</h2>
        {props.isSelf && <p>Vous ne pouvez pas retirer votre propre rôle d’administrateur.</p>}
        <PostForm action={`/admin/utilisateurs/${user.id}/role`} aria-label="Changer le rôle">
          <ChoiceGroup
            name="role"
            type="radio"
            legend="Rôle"
            options={GLOBAL_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r], hint: ROLE_HINTS[r] }))}
            value={props.role ?? user.role}
            error={errors?.role}
            required
          />
          <Button>Enregistrer le rôle</Button>
        </PostForm>
      </section>

      <section aria-labelledby="user-status">
        <h2 id="user-status" tabIndex={-1}>
          Accès
        </h2>
        {errors?.status && (
          <p class="error-message" id="champ-status">
            <span class="visually-hidden">Erreur : </span>
            {errors.status}
          </p>
        )}
        {user.disabledAt ? (
          <PostForm action={`/admin/utilisateurs/${user.id}/reactiver`} aria-label="Réactiver le compte">
            <p>Ce compte ne peut plus se connecter. Le réactiver lui rend l’accès.</p>
            <Button kind="secondary">Réactiver le compte</Button>
          </PostForm>
        ) : (
          !props.isSelf && (
            <PostForm action={`/admin/utilisateurs/${user.id}/desactiver`} aria-label="Désactiver le compte">
              <p>Un compte désactivé ne peut plus se connecter ; ses sessions ouvertes sont fermées aussitôt.</p>
              <Button kind="danger">Désactiver le compte</Button>
            </PostForm>
          )
        )}
      </section>
    </>
  );
}

function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

function detailsText(e: AuditView): string {
  const d = e.details ?? {};
  if (e.action === 'user.role_changed' && typeof d.from === 'string' && typeof d.to === 'string') {
    const from = ROLE_LABELS[d.from as keyof typeof ROLE_LABELS] ?? d.from;
    const to = ROLE_LABELS[d.to as keyof typeof ROLE_LABELS] ?? d.to;
    return `${from} → ${to}${d.via === 'cli' ? ' (ligne de commande)' : ''}`;
  }
  if (d.via === 'cli' && Object.keys(d).length <= 2)
    return `ligne de commande${d.role ? `, rôle ${String(d.role)}` : ''}`;
  const keys = Object.keys(d);
  return keys.length ? JSON.stringify(d) : '';
}

export function AuditPage(props: { total: number; page: number; pageCount: number; entries: AuditView[] }) {
  return (
    <>
      <h1>Journal des actions</h1>
      <p class="lead">
        Qui a fait quoi, et quand : changements de rôle, désactivations, rattachements, publications. Le journal ne se
        modifie pas.
      </p>
      <p>
        {formatNumber(props.total)} action{props.total > 1 ? 's' : ''} enregistrée{props.total > 1 ? 's' : ''}, des plus
        récentes aux plus anciennes.
      </p>
      {props.entries.length > 0 && (
        <Table
          wrap
          caption={`Journal des actions, page ${props.page} sur ${props.pageCount}`}
          columns={['Date', 'Auteur', 'Action', 'Objet', 'Détails']}
        >
          {props.entries.map((e) => (
            <tr>
              <td>{formatDate(e.at, true)}</td>
              <td>
                {e.actor ? (
                  <a href={`/admin/utilisateurs/${e.actor.id}`}>{e.actor.label}</a>
                ) : (
                  'Système ou ligne de commande'
                )}
              </td>
              <th scope="row">{actionLabel(e.action)}</th>
              <td>
                {e.subjectType === 'user' && e.subjectId ? (
                  <a href={`/admin/utilisateurs/${e.subjectId}`}>{e.subjectLabel}</a>
                ) : (
                  `${e.subjectType}${e.subjectId ? ` n° ${e.subjectId}` : ''}`
                )}
              </td>
              <td class="details">{detailsText(e)}</td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination
        page={props.page}
        pageCount={props.pageCount}
        href={(p) => (p > 1 ? `/admin/journal?page=${p}` : '/admin/journal')}
      />
    </>
  );
}

export function OutboxPage(props: {
  mode: 'smtp' | 'outbox';
  total: number;
  page: number;
  pageCount: number;
  messages: OutboxMessage[];
}) {
  return (
    <>
      <h1>Courriels envoyés</h1>
      {props.mode === 'smtp' ? (
        <p class="lead">
          Les courriels partent par le serveur SMTP configuré (SMTP_URL) : ils ne sont pas conservés ici. Consultez les
          journaux de votre serveur de messagerie.
        </p>
      ) : (
        <>
          <p class="lead">
            Aucun serveur SMTP n’est configuré : les courriels sont écrits dans la boîte d’envoi locale au lieu d’être
            envoyés. Vous pouvez les lire ici.
          </p>
          <p>
            {formatNumber(props.total)} message{props.total > 1 ? 's' : ''}, du plus récent au plus ancien.
          </p>
          {props.messages.length > 0 && (
            <Table
              wrap
              caption={`Boîte d’envoi, page ${props.page} sur ${props.pageCount}`}
              columns={['Date', 'Destinataire', 'Objet']}
            >
              {props.messages.map((m) => (
                <tr>
                  <td>{formatDate(m.date, true)}</td>
                  <td>{m.to.join(', ')}</td>
                  <th scope="row">
                    <a href={`/admin/courriels/${encodeURIComponent(m.id)}`}>{m.subject}</a>
                  </th>
                </tr>
              ))}
            </Table>
          )}
          <Pagination
            page={props.page}
            pageCount={props.pageCount}
            href={(p) => (p > 1 ? `/admin/courriels?page=${p}` : '/admin/courriels')}
          />
        </>
      )}
    </>
  );
}

export function OutboxMessagePage({ message }: { message: OutboxMessage }) {
  return (
    <>
      <h1>{message.subject}</h1>
      <dl class="summary">
        <dt>Date</dt>
        <dd>{formatDate(message.date, true)}</dd>
        <dt>Expéditeur</dt>
        <dd>{message.from}</dd>
        <dt>Destinataire</dt>
        <dd>{message.to.join(', ')}</dd>
      </dl>
      <h2>Texte du message</h2>
      <pre class="mail-text">{message.text}</pre>
      <p>
        <a href="/admin/courriels">Revenir à la boîte d’envoi</a>
      </p>
    </>
  );
}
