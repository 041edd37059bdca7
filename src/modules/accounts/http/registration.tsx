/** Sign-up and confirmation of the address: /inscription… */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { ACCESS } from '../../../platform/http/access.ts';
import { HttpError } from '../../../platform/http/errors.ts';
import { text } from '../../../platform/http/form.ts';
import { AUTH_RATE_LIMIT } from '../model.ts';
import { CheckMailboxPage, EmailRequestPage, InvalidLinkPage, SignUpPage, UseLinkPage } from '../views/auth.tsx';
import { type AccountsRouteDeps, AUTH_CRUMBS, FORMS, NoQuery, orForm, textQuery } from './support.tsx';

export function registrationRoutes(deps: Pick<AccountsRouteDeps, 'registration' | 'links'>): FastifyPluginAsync {
  const { registration, links } = deps;
  const publicForm = { access: ACCESS.public, rateLimit: AUTH_RATE_LIMIT };

  const resendPage = (values?: Record<string, string>, errors?: Record<string, string>) => (
    <EmailRequestPage
      title="Recevoir un nouveau lien de confirmation"
      intro="Indiquez l’adresse utilisée à la création du compte : si le compte attend encore sa confirmation, nous y enverrons un nouveau lien."
      action="/inscription/renvoyer"
      button="Envoyer le lien"
      values={values}
      errors={errors}
    />
  );

  const invalidConfirmation = (reply: FastifyReply, message: string) =>
    reply.page(
      'Lien expiré ou déjà utilisé',
      <InvalidLinkPage
        message={message}
        again={{ href: '/inscription/renvoyer', label: 'Recevoir un nouveau lien' }}
      />,
      { status: 410 },
    );

  return async (app) => {
    app.get(
      '/inscription',
      { schema: { querystring: NoQuery }, config: { access: ACCESS.signedOut, accessDenied: 'redirect' } },
      async (request, reply) => {
        if (request.user) return reply.redirect('/compte');
        return reply.page('Créer un compte', <SignUpPage />, { breadcrumbs: AUTH_CRUMBS('Créer un compte') });
      },
    );

    app.post('/inscription', { schema: { body: FORMS.signUp.schema }, config: publicForm }, async (request, reply) => {
      const { values: form } = FORMS.signUp.read(request.body);
      const values = { name: form.name, email: form.email };
      const result = await orForm(
        () => registration.signUp(form),
        (errors) =>
          reply.page('Créer un compte', <SignUpPage values={values} errors={errors} />, {
            status: 422,
            breadcrumbs: AUTH_CRUMBS('Créer un compte'),
          }),
      );
      if (!result.ok) return result.reply;
      return reply.page('Vérifiez votre messagerie', <CheckMailboxPage email={result.value.email} kind="signup" />);
    });

    app.get(
      '/inscription/renvoyer',
      { schema: { querystring: NoQuery }, config: { access: ACCESS.public } },
      async (_request, reply) =>
        reply.page('Nouveau lien de confirmation', resendPage(), {
          breadcrumbs: AUTH_CRUMBS('Nouveau lien de confirmation'),
        }),
    );

    app.post(
      '/inscription/renvoyer',
      { schema: { body: FORMS.email.schema }, config: publicForm },
      async (request, reply) => {
        const { email } = FORMS.email.read(request.body).values;
        const result = await orForm(
          () => registration.resendConfirmation(email),
          (errors) => reply.page('Nouveau lien de confirmation', resendPage({ email }, errors), { status: 422 }),
        );
        if (!result.ok) return result.reply;
        return reply.page('Vérifiez votre messagerie', <CheckMailboxPage email={result.value.email} kind="resend" />);
      },
    );

    app.get(
      '/inscription/confirmer',
      { schema: { querystring: textQuery('jeton') }, config: { access: ACCESS.link } },
      async (request, reply) => {
        const token = text(request.query as Record<string, unknown>, 'jeton');
        if (!(await links.isValid('confirm', token))) {
          return invalidConfirmation(
            reply,
            'Ce lien de confirmation a déjà été utilisé ou a expiré (il vaut 48 heures). Si votre adresse est déjà confirmée, connectez-vous ; sinon demandez un nouveau lien.',
          );
        }
        return reply.page(
          'Confirmer mon adresse',
          <UseLinkPage
            title="Confirmer mon adresse électronique"
            text="Dernière étape : confirmez votre adresse pour activer votre compte."
            action="/inscription/confirmer"
            button="Confirmer mon adresse"
            hidden={{ jeton: token }}
          />,
        );
      },
    );

    app.post(
      '/inscription/confirmer',
      { schema: { body: FORMS.link.schema }, config: { access: ACCESS.link, rateLimit: AUTH_RATE_LIMIT } },
      async (request, reply) => {
        try {
          await registration.confirmEmail(FORMS.link.read(request.body).values.jeton);
        } catch (e) {
          if (e instanceof HttpError && e.status === 410) return invalidConfirmation(reply, e.message);
          throw e;
        }
        if (request.user)
          return reply.flash('success', 'Votre adresse électronique est confirmée.').redirect('/compte', 303);
        return reply
          .flash('success', 'Votre adresse électronique est confirmée. Vous pouvez maintenant vous connecter.')
          .redirect('/connexion', 303);
      },
    );
  };
}
