/** Forgotten password: /mot-de-passe-oublie, then the link mailed to /mot-de-passe/nouveau. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { ACCESS } from '../../../platform/http/access.ts';
import { HttpError, ValidationError } from '../../../platform/http/errors.ts';
import { text } from '../../../platform/http/form.ts';
import { AUTH_RATE_LIMIT } from '../model.ts';
import { CheckMailboxPage, EmailRequestPage, InvalidLinkPage, NewPasswordPage } from '../views/auth.tsx';
import { type AccountsRouteDeps, AUTH_CRUMBS, FORMS, NoQuery, orForm, textQuery } from './support.tsx';

export function passwordResetRoutes(deps: Pick<AccountsRouteDeps, 'passwordReset' | 'links'>): FastifyPluginAsync {
  const { passwordReset, links } = deps;

  const forgotPage = (values?: Record<string, string>, errors?: Record<string, string>) => (
    <EmailRequestPage
      title="Mot de passe oublié"
      intro="Indiquez l’adresse de votre compte : nous y enverrons un lien pour choisir un nouveau mot de passe."
      action="/mot-de-passe-oublie"
      button="Recevoir le lien"
      values={values}
      errors={errors}
    />
  );

  const invalidReset = (reply: FastifyReply) =>
    reply.page(
      'Lien expiré ou déjà utilisé',
      <InvalidLinkPage
        message="Ce lien a déjà servi ou a expiré (il vaut 1 heure). Demandez-en un nouveau."
        again={{ href: '/mot-de-passe-oublie', label: 'Demander un nouveau lien' }}
      />,
      { status: 410 },
    );

  return async (app) => {
    app.get(
      '/mot-de-passe-oublie',
      { schema: { querystring: NoQuery }, config: { access: ACCESS.public } },
      async (_request, reply) =>
        reply.page('Mot de passe oublié', forgotPage(), { breadcrumbs: AUTH_CRUMBS('Mot de passe oublié') }),
    );

    app.post(
      '/mot-de-passe-oublie',
      { schema: { body: FORMS.email.schema }, config: { access: ACCESS.public, rateLimit: AUTH_RATE_LIMIT } },
      async (request, reply) => {
        const { email } = FORMS.email.read(request.body).values;
        const result = await orForm(
          () => passwordReset.requestPasswordReset(email),
          (errors) => reply.page('Mot de passe oublié', forgotPage({ email }, errors), { status: 422 }),
        );
        if (!result.ok) return result.reply;
        return reply.page('Vérifiez votre messagerie', <CheckMailboxPage email={result.value.email} kind="reset" />);
      },
    );

    app.get(
      '/mot-de-passe/nouveau',
      { schema: { querystring: textQuery('jeton') }, config: { access: ACCESS.link } },
      async (request, reply) => {
        const token = text(request.query as Record<string, unknown>, 'jeton');
        if (!(await links.isValid('reset', token))) return invalidReset(reply);
        return reply.page('Nouveau mot de passe', <NewPasswordPage token={token} />);
      },
    );

    app.post(
      '/mot-de-passe/nouveau',
      { schema: { body: FORMS.newPassword.schema }, config: { access: ACCESS.link, rateLimit: AUTH_RATE_LIMIT } },
      async (request, reply) => {
        const { jeton: token, password } = FORMS.newPassword.read(request.body).values;
        try {
          await passwordReset.resetPassword({ token, password });
        } catch (e) {
          if (e instanceof ValidationError) {
            return reply.page('Nouveau mot de passe', <NewPasswordPage token={token} errors={e.fields} />, {
              status: 422,
            });
          }
          if (e instanceof HttpError && e.status === 410) return invalidReset(reply);
          throw e;
        }
        await reply.signOut();
        return reply
          .flash(
            'success',
            'Votre mot de passe est changé. Toutes les sessions ont été fermées : connectez-vous avec le nouveau mot de passe.',
          )
          .redirect('/connexion', 303);
      },
    );
  };
}
