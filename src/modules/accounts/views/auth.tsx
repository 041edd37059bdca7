import type { FieldErrors } from '../../../platform/http/errors.ts';
import { Button, ErrorSummary, PostForm, TextInput } from '../../../platform/ui/components.tsx';
import { EmailField, PasswordField } from './fields.tsx';

type Values = Record<string, string>;

function ReturnField({ retour }: { retour?: string | null }) {
  return retour ? <input type="hidden" name="retour" value={retour} /> : null;
}

const PASSWORD_HINT = 'Au moins 12 caractères. Une phrase de plusieurs mots est plus facile à retenir et plus sûre.';

export function SignUpPage({ values = {}, errors }: { values?: Values; errors?: FieldErrors }) {
  return (
    <div class="narrow">
      <h1>Créer un compte</h1>
      <p class="lead">
        Un compte permet de contribuer pour votre collectivité : répondre aux recensements, rédiger et mettre à jour les
        fiches de ses projets.
      </p>
      <ErrorSummary errors={errors} />
      <PostForm action="/inscription" aria-label="Création de compte">
        <TextInput
          name="name"
          label="Nom et prénom"
          autocomplete="name"
          value={values.name}
          error={errors?.name}
          required
        />
        <EmailField
          hint="De préférence votre adresse professionnelle. Nous y enverrons un lien de confirmation."
          value={values.email}
          error={errors?.email}
        />
        <PasswordField hint={PASSWORD_HINT} autocomplete="new-password" error={errors?.password} />
        <Button>Créer mon compte</Button>
      </PostForm>
      <p>
        Vous avez déjà un compte ? <a href="/connexion">Se connecter</a>
      </p>
    </div>
  );
}

export type MailboxKind = 'signup' | 'resend' | 'reset' | 'magic' | 'email';

const MAILBOX_TEXT: Record<MailboxKind, { title: string; body: string }> = {
  signup: {
    title: 'Vérifiez votre messagerie',
    body: 'Si cette adresse peut être utilisée, un message vient d’y être envoyé. Ouvrez le lien qu’il contient pour confirmer votre adresse et activer votre compte (lien valable 48 heures).',
  },
  resend: {
    title: 'Vérifiez votre messagerie',
    body: 'Si un compte en attente de confirmation utilise cette adresse, un nouveau lien de confirmation vient d’y être envoyé (valable 48 heures).',
  },
  reset: {
    title: 'Vérifiez votre messagerie',
    body: 'Si un compte utilise cette adresse, un message vient d’y être envoyé avec un lien pour choisir un nouveau mot de passe (valable 1 heure, utilisable une seule fois).',
  },
  magic: {
    title: 'Vérifiez votre messagerie',
    body: 'Si un compte utilise cette adresse, un lien de connexion vient d’y être envoyé (valable 15 minutes, utilisable une seule fois).',
  },
  email: {
    title: 'Confirmez votre nouvelle adresse',
    body: 'Si cette adresse peut être utilisée, un lien de confirmation vient d’y être envoyé (valable 24 heures). Votre adresse actuelle reste celle du compte tant que le lien n’a pas été ouvert.',
  },
};

export function CheckMailboxPage({ email, kind }: { email: string; kind: MailboxKind }) {
  const text = MAILBOX_TEXT[kind];
  return (
    <div class="narrow">
      <h1>{text.title}</h1>
      <div class="notice notice-info" role="status">
        <p>
          Adresse indiquée : <strong>{email}</strong>
        </p>
      </div>
      <p>{text.body}</p>
      <h2>Vous n’avez rien reçu ?</h2>
      <ul>
        <li>Regardez dans le dossier des courriels indésirables.</li>
        <li>Vérifiez l’orthographe de l’adresse ci-dessus.</li>
        <li>
          Patientez quelques minutes, puis recommencez :{' '}
          {kind === 'signup' || kind === 'resend' ? (
            <a href="/inscription/renvoyer">recevoir un nouveau lien de confirmation</a>
          ) : kind === 'reset' ? (
            <a href="/mot-de-passe-oublie">demander un nouveau lien</a>
          ) : kind === 'magic' ? (
            <a href="/connexion/lien">demander un nouveau lien de connexion</a>
          ) : (
            <a href="/compte">revenir à mon compte</a>
          )}
          .
        </li>
      </ul>
    </div>
  );
}

export function SignInPage(props: {
  values?: Values;
  errors?: FieldErrors;
  retour?: string | null;
  unconfirmedEmail?: string | null;
  oidc?: boolean;
}) {
  const { values = {}, errors, retour, unconfirmedEmail, oidc } = props;
  const retourQuery = retour ? `?retour=${encodeURIComponent(retour)}` : '';
  return (
    <div class="narrow">
      <h1>Se connecter</h1>
      <ErrorSummary errors={errors} />
      {unconfirmedEmail && (
        <section class="notice notice-info" aria-labelledby="resend-title">
          <h2 id="resend-title">Adresse à confirmer</h2>
          <p>
            Nous avons envoyé un lien de confirmation à <strong>{unconfirmedEmail}</strong> lors de la création du
            compte. Vous pouvez en recevoir un nouveau.
          </p>
          <PostForm action="/inscription/renvoyer" aria-label="Renvoyer le lien de confirmation">
            <input type="hidden" name="email" value={unconfirmedEmail} />
            <Button kind="secondary">Renvoyer le lien de confirmation</Button>
          </PostForm>
        </section>
      )}
      <PostForm action="/connexion" aria-label="Connexion par mot de passe">
        <ReturnField retour={retour} />
        <EmailField autocomplete="username" value={values.email} error={errors?.email} />
        <PasswordField autocomplete="current-password" error={errors?.password} />
        <Button>Se connecter</Button>
      </PostForm>
      <ul class="link-list">
        <li>
          <a href="/mot-de-passe-oublie">Mot de passe oublié ?</a>
        </li>
        <li>
          <a href={`/connexion/lien${retourQuery}`}>Recevoir un lien de connexion par courriel (sans mot de passe)</a>
        </li>
        {oidc && (
          <li>
            <a href={`/connexion/oidc${retourQuery}`}>
              Se connecter avec ProConnect (compte professionnel d’agent public)
            </a>
          </li>
        )}
        <li>
          Pas encore de compte ? <a href="/inscription">Créer un compte</a>
        </li>
      </ul>
    </div>
  );
}

/** One form asking for an address: forgotten password, magic link, new confirmation link. */
export function EmailRequestPage(props: {
  title: string;
  intro: string;
  action: string;
  button: string;
  values?: Values;
  errors?: FieldErrors;
  retour?: string | null;
}) {
  return (
    <div class="narrow">
      <h1>{props.title}</h1>
      <p class="lead">{props.intro}</p>
      <ErrorSummary errors={props.errors} />
      <PostForm action={props.action} aria-label={props.title}>
        <ReturnField retour={props.retour} />
        <EmailField hint="L’adresse de votre compte." value={props.values?.email} error={props.errors?.email} />
        <Button>{props.button}</Button>
      </PostForm>
      <p>
        <a href="/connexion">Revenir à la connexion</a>
      </p>
    </div>
  );
}

export function NewPasswordPage({ token, errors }: { token: string; errors?: FieldErrors }) {
  return (
    <div class="narrow">
      <h1>Choisir un nouveau mot de passe</h1>
      <p class="lead">Une fois le mot de passe changé, toutes les sessions ouvertes sur votre compte seront fermées.</p>
      <ErrorSummary errors={errors} />
      <PostForm action="/mot-de-passe/nouveau" aria-label="Nouveau mot de passe">
        <input type="hidden" name="jeton" value={token} />
        <PasswordField
          label="Nouveau mot de passe"
          hint={PASSWORD_HINT}
          autocomplete="new-password"
          error={errors?.password}
        />
        <Button>Enregistrer le mot de passe</Button>
      </PostForm>
    </div>
  );
}

/**
 * The page a one-time link opens: a button that uses the link. Links are used by a POST, never by the GET
 * itself, so that mail scanners that open links do not burn them.
 */
export function UseLinkPage(props: {
  title: string;
  text: string;
  action: string;
  button: string;
  hidden: Record<string, string | null | undefined>;
}) {
  return (
    <div class="narrow">
      <h1>{props.title}</h1>
      <p class="lead">{props.text}</p>
      <PostForm action={props.action} aria-label={props.title}>
        {Object.entries(props.hidden).map(([name, value]) =>
          value ? <input type="hidden" name={name} value={value} /> : null,
        )}
        <Button>{props.button}</Button>
      </PostForm>
    </div>
  );
}

export function InvalidLinkPage({ message, again }: { message: string; again: { href: string; label: string } }) {
  return (
    <div class="narrow">
      <h1>Ce lien n’est plus valable</h1>
      <p class="lead">{message}</p>
      <p>
        <a class="button" href={again.href}>
          {again.label}
        </a>
      </p>
    </div>
  );
}
