/** Signing in and out: /connexion (password), /connexion/lien (one-time link), /deconnexion. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { ACCESS } from '../../../platform/http/access.ts';
import { HttpError, ValidationError } from '../../../platform/http/errors.ts';
import { text } from '../../../platform/http/form.ts';
import { LooseForm } from '../../../platform/http/schemas.ts';
import { AUTH_RATE_LIMIT, safeReturnPath } from '../model.ts';
import { TooManyAttemptsError } from '../services/sign-in.ts';
import { UnconfirmedEmailError } from '../services/support.ts';
import { CheckMailboxPage, EmailRequestPage, InvalidLinkPage, SignInPage, UseLinkPage } from '../views/auth.tsx';
import { type AccountsRouteDeps, AUTH_CRUMBS, FORMS, orForm, textQuery } from './support.tsx';

export function signInRoutes(deps: Pick<AccountsRouteDeps, 'signIn' | 'links' | 'oidcClient'>): FastifyPluginAsync {
  const { signIn, links } = deps;
  const publicForm = { access: ACCESS.public, rateLimit: AUTH_RATE_LIMIT };

  const signInPage = (reply: FastifyReply, props: Parameters<typeof SignInPage>[0], status?: number) =>
    reply.page('Se connecter', <SignInPage {...props} oidc={!!deps.oidcClient} />, {
      status,
      breadcrumbs: AUTH_CRUMBS('Se connecter'),
    });

  const magicPage = (retour: string | null, values?: Record<string, string>, errors?: Record<string, string>) => (
    <EmailRequestPage
      title="Recevoir un lien de connexion"
      intro="Sans mot de passe : indiquez l’adresse de votre compte et nous y enverrons un lien qui vous connecte en un clic (valable 15 minutes, utilisable une seule fois)."
      action="/connexion/lien"
      button="Recevoir le lien"
      values={values}
      errors={errors}
      retour={retour}
    />
  );

  const invalidMagic = (reply: FastifyReply) =>
    reply.page(
      'Lien expiré ou déjà utilisé',
      <InvalidLinkPage
        message="Ce lien de connexion a déjà été utilisé ou a expiré (il vaut 15 minutes). Demandez-en un nouveau."
        again={{ href: '/connexion/lien', label: 'Recevoir un nouveau lien' }}
      />,
      { status: 410 },
    );

  return async (app) => {
    app.get(
      '/connexion',
      { schema: { querystring: textQuery('retour') }, config: { access: ACCESS.signedOut, accessDenied: 'redirect' } },
      async (request, reply) => {
        const retour = safeReturnPath(text(request.query as Record<string, unknown>, 'retour'));
        if (request.user) return reply.redirect(retour ?? '/mon-espace');
        return signInPage(reply, { retour });
      },
    );

    app.post('/connexion', { schema: { body: FORMS.signIn.schema }, config: publicForm }, async (request, reply) => {
      const form = FORMS.signIn.read(request.body).values;
      const retour = safeReturnPath(form.retour);
      const values = { email: form.email };
      try {
        const user = await signIn.signIn(form);
        await reply.signIn(user.id);
        return reply.redirect(retour ?? '/mon-espace', 303);
      } catch (e) {
        if (e instanceof UnconfirmedEmailError) {
          return signInPage(reply, { values, errors: e.fields, retour, unconfirmedEmail: e.email }, 422);
        }
        if (e instanceof ValidationError) return signInPage(reply, { values, errors: e.fields, retour }, 422);
        if (e instanceof TooManyAttemptsError) return signInPage(reply, { values, errors: e.fields, retour }, 429);
        throw e;
      }
    });

    app.post(
      '/deconnexion',
      { schema: { body: LooseForm }, config: { access: ACCESS.public } },
      async (_request, reply) => {
        await reply.signOut();
        return reply.flash('success', 'Vous êtes déconnecté. À bientôt !').redirect('/', 303);
      },
    );

    // One-time sign-in link ("lien magique").
    app.get(
      '/connexion/lien',
      { schema: { querystring: textQuery('retour') }, config: { access: ACCESS.public } },
      async (request, reply) =>
        reply.page(
          'Lien de connexion',
          magicPage(safeReturnPath(text(request.query as Record<string, unknown>, 'retour'))),
          {
            breadcrumbs: AUTH_CRUMBS('Lien de connexion'),
          },
        ),
    );

    app.post(
      '/connexion/lien',
      { schema: { body: FORMS.email.schema }, config: publicForm },
      async (request, reply) => {
        const form = FORMS.email.read(request.body).values;
        const retour = safeReturnPath(form.retour);
        const result = await orForm(
          () => signIn.requestMagicLink(form.email, retour),
          (errors) =>
            reply.page('Lien de connexion', magicPage(retour, { email: form.email }, errors), { status: 422 }),
        );
        if (!result.ok) return result.reply;
        return reply.page('Vérifiez votre messagerie', <CheckMailboxPage email={result.value.email} kind="magic" />);
      },
    );

    app.get(
      '/connexion/lien/utiliser',
      { schema: { querystring: textQuery('jeton', 'retour') }, config: { access: ACCESS.link } },
      async (request, reply) => {
        const query = request.query as Record<string, unknown>;
        const token = text(query, 'jeton');
        if (!(await links.isValid('magic', token))) return invalidMagic(reply);
        return reply.page(
          'Se connecter',
          <UseLinkPage
            title="Se connecter"
            text="Ce lien vous connecte à votre compte. Il ne peut servir qu’une fois."
            action="/connexion/lien/utiliser"
            button="Me connecter"
            hidden={{ jeton: token, retour: safeReturnPath(text(query, 'retour')) }}
          />,
        );
      },
    );

    app.post(
      '/connexion/lien/utiliser',
      { schema: { body: FORMS.link.schema }, config: { access: ACCESS.link, rateLimit: AUTH_RATE_LIMIT } },
      async (request, reply) => {
        const form = FORMS.link.read(request.body).values;
        try {
          const user = await signIn.useMagicLink(form.jeton);
          await reply.signIn(user.id);
        } catch (e) {
          if (e instanceof HttpError && e.status === 410) return invalidMagic(reply);
          throw e;
        }
        return reply
          .flash('success', 'Vous êtes connecté.')
          .redirect(safeReturnPath(form.retour) ?? '/mon-espace', 303);
      },
    );
  };
}
