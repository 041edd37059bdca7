/** « Mon compte »: /compte (name, address, password), data export and deletion. */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ACCESS } from '../../../platform/http/access.ts';
import { HttpError, ValidationError } from '../../../platform/http/errors.ts';
import { text } from '../../../platform/http/form.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { AUTH_RATE_LIMIT, normaliseEmail } from '../model.ts';
import { AccountPage, DeleteAccountPage } from '../views/account.tsx';
import { CheckMailboxPage, InvalidLinkPage, UseLinkPage } from '../views/auth.tsx';
import { ACCOUNT_CRUMBS, type AccountsRouteDeps, FORMS, NoQuery, orForm, textQuery } from './support.tsx';

export function accountRoutes(deps: Pick<AccountsRouteDeps, 'account' | 'personalData' | 'links'>): FastifyPluginAsync {
  const { account, personalData, links } = deps;
  const signedIn = { access: ACCESS.signedIn };

  const accountPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: Record<string, string>,
    values?: Record<string, string>,
  ) => {
    const { user, authorities } = await account.profile(request.user);
    return reply.page(
      'Mon compte',
      <AccountPage user={user} authorities={authorities} errors={errors} values={values} />,
      { status: errors ? 422 : undefined, breadcrumbs: ACCOUNT_CRUMBS() },
    );
  };

  const invalidEmailChange = (reply: FastifyReply, message?: string) =>
    reply.page(
      'Lien expiré ou déjà utilisé',
      <InvalidLinkPage
        message={message ?? 'Ce lien a déjà servi ou a expiré (il vaut 24 heures). Recommencez depuis votre compte.'}
        again={{ href: '/compte', label: 'Revenir à mon compte' }}
      />,
      { status: 410 },
    );

  const deletePage = (reply: FastifyReply, errors?: Record<string, string>) =>
    reply.page('Supprimer mon compte', <DeleteAccountPage errors={errors} />, {
      status: errors ? 422 : undefined,
      breadcrumbs: ACCOUNT_CRUMBS('Supprimer mon compte'),
    });

  return async (app) => {
    app.get('/compte', { schema: { querystring: NoQuery }, config: signedIn }, async (request, reply) =>
      accountPage(request, reply),
    );

    app.post('/compte/nom', { schema: { body: FORMS.name.schema }, config: signedIn }, async (request, reply) => {
      const { name } = FORMS.name.read(request.body).values;
      const result = await orForm(
        () => account.updateName(request.user, name),
        (errors) => accountPage(request, reply, errors, { name }),
      );
      if (!result.ok) return result.reply;
      return reply.flash('success', 'Votre nom est enregistré.').redirect('/compte', 303);
    });

    app.post(
      '/compte/courriel',
      { schema: { body: FORMS.emailChange.schema }, config: { ...signedIn, rateLimit: AUTH_RATE_LIMIT } },
      async (request, reply) => {
        const form = FORMS.emailChange.read(request.body).values;
        const result = await orForm(
          () =>
            account.requestEmailChange(request.user, {
              email: form.newEmail,
              password: form.currentPasswordForEmail,
            }),
          (errors) => accountPage(request, reply, errors, { newEmail: form.newEmail }),
        );
        if (!result.ok) return result.reply;
        return reply.page(
          'Confirmez votre nouvelle adresse',
          <CheckMailboxPage email={result.value.email} kind="email" />,
          { breadcrumbs: ACCOUNT_CRUMBS('Nouvelle adresse') },
        );
      },
    );

    app.get(
      '/compte/courriel/confirmer',
      { schema: { querystring: textQuery('jeton', 'courriel') }, config: { access: ACCESS.link } },
      async (request, reply) => {
        const query = request.query as Record<string, unknown>;
        const token = text(query, 'jeton');
        const email = normaliseEmail(text(query, 'courriel'));
        if (!(await links.isValid('email', token, email))) return invalidEmailChange(reply);
        return reply.page(
          'Confirmer ma nouvelle adresse',
          <UseLinkPage
            title="Confirmer ma nouvelle adresse"
            text={`Votre compte utilisera désormais l’adresse ${email}.`}
            action="/compte/courriel/confirmer"
            button="Confirmer cette adresse"
            hidden={{ jeton: token, courriel: email }}
          />,
        );
      },
    );

    app.post(
      '/compte/courriel/confirmer',
      { schema: { body: FORMS.link.schema }, config: { access: ACCESS.link, rateLimit: AUTH_RATE_LIMIT } },
      async (request, reply) => {
        const form = FORMS.link.read(request.body).values;
        try {
          await account.confirmEmailChange({ token: form.jeton, email: form.courriel });
        } catch (e) {
          if (e instanceof HttpError && e.status === 410) return invalidEmailChange(reply, e.message);
          throw e;
        }
        return reply
          .flash('success', 'Votre nouvelle adresse électronique est enregistrée.')
          .redirect(request.user ? '/compte' : '/connexion', 303);
      },
    );

    app.post(
      '/compte/mot-de-passe',
      { schema: { body: FORMS.passwordChange.schema }, config: { ...signedIn, rateLimit: AUTH_RATE_LIMIT } },
      async (request, reply) => {
        const form = FORMS.passwordChange.read(request.body).values;
        try {
          await account.changePassword(request.user, { current: form.currentPassword, password: form.newPassword });
        } catch (e) {
          if (e instanceof ValidationError) return accountPage(request, reply, e.fields);
          throw e;
        }
        // Every session was closed, this one included: open a fresh one for the person who just proved who they are.
        await reply.signIn(requireUser(request).id);
        return reply
          .flash('success', 'Votre mot de passe est changé. Vos autres sessions ont été fermées.')
          .redirect('/compte', 303);
      },
    );

    app.get('/compte/donnees.json', { schema: { querystring: NoQuery }, config: signedIn }, async (request, reply) => {
      const data = await personalData.exportData(request.user);
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="mes-donnees.json"')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(data, null, 2));
    });

    app.get('/compte/supprimer', { schema: { querystring: NoQuery }, config: signedIn }, async (request, reply) => {
      requireUser(request);
      return deletePage(reply);
    });

    app.post(
      '/compte/supprimer',
      { schema: { body: FORMS.deletion.schema }, config: signedIn },
      async (request, reply) => {
        const { confirm } = FORMS.deletion.read(request.body).values;
        const result = await orForm(
          () => personalData.deleteAccount(request.user, { confirm }),
          (errors) => deletePage(reply, errors),
        );
        if (!result.ok) return result.reply;
        await reply.signOut();
        return reply.flash('success', 'Votre compte a été supprimé.').redirect('/', 303);
      },
    );
  };
}
