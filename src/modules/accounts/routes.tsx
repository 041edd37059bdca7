import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, notFound, ValidationError } from '../../platform/http/errors.ts';
import { requireUser } from '../../platform/http/plugin.tsx';
import type { Platform } from '../../platform/platform.ts';
import { AUTH_RATE_LIMIT, normaliseEmail, safeReturnPath } from './model.ts';
import { createOidcClient, type OidcClient, type OidcPending } from './oidc.ts';
import { type AccountsService, UnconfirmedEmailError } from './service.ts';
import { AccountPage, DeleteAccountPage } from './views/account.tsx';
import {
  AdminDashboard,
  type AdminLink,
  AuditPage,
  OutboxMessagePage,
  OutboxPage,
  UserPage,
  UsersPage,
} from './views/admin.tsx';
import {
  CheckMailboxPage,
  EmailRequestPage,
  InvalidLinkPage,
  NewPasswordPage,
  SignInPage,
  SignUpPage,
  UseLinkPage,
} from './views/auth.tsx';

export interface AccountsRouteDeps {
  platform: Platform;
  accounts: AccountsService;
  /** Extra entries of the administration dashboard (other modules' admin pages). */
  adminLinks?: AdminLink[];
}

const OIDC_COOKIE = 'bia_oidc';
const limited = { config: { rateLimit: AUTH_RATE_LIMIT } };

type Body = Record<string, unknown>;
const bodyOf = (request: FastifyRequest): Body => (request.body ?? {}) as Body;
const queryOf = (request: FastifyRequest): Record<string, string | undefined> => (request.query ?? {}) as any;
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function idParam(request: FastifyRequest): number {
  const id = Number((request.params as { id?: string }).id);
  if (!Number.isSafeInteger(id) || id < 1) throw notFound("Ce compte n'existe pas.");
  return id;
}

/** Runs a form action; a ValidationError re-renders the form (status 422) instead of an error page. */
async function orForm<T>(
  action: () => Promise<T>,
  rerender: (errors: Record<string, string>, error: ValidationError) => FastifyReply,
): Promise<{ ok: true; value: T } | { ok: false; reply: FastifyReply }> {
  try {
    return { ok: true, value: await action() };
  } catch (e) {
    if (e instanceof ValidationError) return { ok: false, reply: rerender(e.fields ?? {}, e) };
    throw e;
  }
}

const AUTH_CRUMBS = (label: string) => [{ href: '/', label: 'Accueil' }, { label }];
const ACCOUNT_CRUMBS = (label?: string) =>
  label
    ? [{ href: '/', label: 'Accueil' }, { href: '/compte', label: 'Mon compte' }, { label }]
    : [{ href: '/', label: 'Accueil' }, { label: 'Mon compte' }];
const ADMIN_CRUMBS = (...trail: { href?: string; label: string }[]) => [
  { href: '/', label: 'Accueil' },
  { href: '/admin', label: 'Administration' },
  ...trail,
];

/** Sign-up, sign-in (password, one-time link, OpenID Connect), forgotten password, "my account" and administration. */
export function accountsRoutes(deps: AccountsRouteDeps): FastifyPluginAsync {
  const { accounts, platform } = deps;
  const { config } = platform;
  const secure = config.baseUrl.startsWith('https:');
  const oidc: OidcClient | null = config.oidc
    ? createOidcClient({ ...config.oidc, redirectUri: `${config.baseUrl}/connexion/oidc/retour` })
    : null;

  return async (app) => {
    // ---------------------------------------------------------------------------------------------------------
    // Sign-up and confirmation
    // ---------------------------------------------------------------------------------------------------------
    app.get('/inscription', async (request, reply) => {
      if (request.user) return reply.redirect('/compte');
      return reply.page('Créer un compte', <SignUpPage />, { breadcrumbs: AUTH_CRUMBS('Créer un compte') });
    });

    app.post('/inscription', limited, async (request, reply) => {
      const body = bodyOf(request);
      const values = { name: text(body.name), email: text(body.email) };
      const result = await orForm(
        () => accounts.signUp(body),
        (errors) =>
          reply.page('Créer un compte', <SignUpPage values={values} errors={errors} />, {
            status: 422,
            breadcrumbs: AUTH_CRUMBS('Créer un compte'),
          }),
      );
      if (!result.ok) return result.reply;
      return reply.page('Vérifiez votre messagerie', <CheckMailboxPage email={result.value.email} kind="signup" />);
    });

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
    app.get('/inscription/renvoyer', async (_request, reply) =>
      reply.page('Nouveau lien de confirmation', resendPage(), {
        breadcrumbs: AUTH_CRUMBS('Nouveau lien de confirmation'),
      }),
    );
    app.post('/inscription/renvoyer', limited, async (request, reply) => {
      const body = bodyOf(request);
      const result = await orForm(
        () => accounts.resendConfirmation(body.email),
        (errors) =>
          reply.page('Nouveau lien de confirmation', resendPage({ email: text(body.email) }, errors), { status: 422 }),
      );
      if (!result.ok) return result.reply;
      return reply.page('Vérifiez votre messagerie', <CheckMailboxPage email={result.value.email} kind="resend" />);
    });

    const invalidConfirmation = (reply: FastifyReply, message: string) =>
      reply.page(
        'Lien expiré ou déjà utilisé',
        <InvalidLinkPage
          message={message}
          again={{ href: '/inscription/renvoyer', label: 'Recevoir un nouveau lien' }}
        />,
        { status: 410 },
      );

    app.get('/inscription/confirmer', async (request, reply) => {
      const token = text(queryOf(request).jeton);
      if (!(await accounts.isTokenValid('confirm', token))) {
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
    });

    app.post('/inscription/confirmer', limited, async (request, reply) => {
      try {
        await accounts.confirmEmail(bodyOf(request).jeton);
      } catch (e) {
        if (e instanceof HttpError && e.status === 410) return invalidConfirmation(reply, e.message);
        throw e;
      }
      if (request.user)
        return reply.flash('success', 'Votre adresse électronique est confirmée.').redirect('/compte', 303);
      return reply
        .flash('success', 'Votre adresse électronique est confirmée. Vous pouvez maintenant vous connecter.')
        .redirect('/connexion', 303);
    });

    // ---------------------------------------------------------------------------------------------------------
    // Sign-in and sign-out
    // ---------------------------------------------------------------------------------------------------------
    const signInPage = (reply: FastifyReply, props: Parameters<typeof SignInPage>[0], status?: number) =>
      reply.page('Se connecter', <SignInPage {...props} oidc={!!oidc} />, {
        status,
        breadcrumbs: AUTH_CRUMBS('Se connecter'),
      });

    app.get('/connexion', async (request, reply) => {
      const retour = safeReturnPath(queryOf(request).retour);
      if (request.user) return reply.redirect(retour ?? '/compte');
      return signInPage(reply, { retour });
    });

    app.post('/connexion', limited, async (request, reply) => {
      const body = bodyOf(request);
      const retour = safeReturnPath(body.retour);
      const values = { email: text(body.email) };
      try {
        const user = await accounts.signIn(body);
        await reply.signIn(user.id);
        return reply.redirect(retour ?? '/compte', 303);
      } catch (e) {
        if (e instanceof UnconfirmedEmailError) {
          return signInPage(reply, { values, errors: e.fields, retour, unconfirmedEmail: e.email }, 422);
        }
        if (e instanceof ValidationError) return signInPage(reply, { values, errors: e.fields, retour }, 422);
        throw e;
      }
    });

    app.post('/deconnexion', async (_request, reply) => {
      await reply.signOut();
      return reply.flash('success', 'Vous êtes déconnecté. À bientôt !').redirect('/', 303);
    });

    // One-time sign-in link ("lien magique").
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
    app.get('/connexion/lien', async (request, reply) =>
      reply.page('Lien de connexion', magicPage(safeReturnPath(queryOf(request).retour)), {
        breadcrumbs: AUTH_CRUMBS('Lien de connexion'),
      }),
    );
    app.post('/connexion/lien', limited, async (request, reply) => {
      const body = bodyOf(request);
      const retour = safeReturnPath(body.retour);
      const result = await orForm(
        () => accounts.requestMagicLink(body.email, retour),
        (errors) =>
          reply.page('Lien de connexion', magicPage(retour, { email: text(body.email) }, errors), { status: 422 }),
      );
      if (!result.ok) return result.reply;
      return reply.page('Vérifiez votre messagerie', <CheckMailboxPage email={result.value.email} kind="magic" />);
    });

    const invalidMagic = (reply: FastifyReply) =>
      reply.page(
        'Lien expiré ou déjà utilisé',
        <InvalidLinkPage
          message="Ce lien de connexion a déjà été utilisé ou a expiré (il vaut 15 minutes). Demandez-en un nouveau."
          again={{ href: '/connexion/lien', label: 'Recevoir un nouveau lien' }}
        />,
        { status: 410 },
      );

    app.get('/connexion/lien/utiliser', async (request, reply) => {
      const query = queryOf(request);
      const token = text(query.jeton);
      if (!(await accounts.isTokenValid('magic', token))) return invalidMagic(reply);
      return reply.page(
        'Se connecter',
        <UseLinkPage
          title="Se connecter"
          text="Ce lien vous connecte à votre compte. Il ne peut servir qu’une fois."
          action="/connexion/lien/utiliser"
          button="Me connecter"
          hidden={{ jeton: token, retour: safeReturnPath(query.retour) }}
        />,
      );
    });

    app.post('/connexion/lien/utiliser', limited, async (request, reply) => {
      const body = bodyOf(request);
      try {
        const user = await accounts.useMagicLink(body.jeton);
        await reply.signIn(user.id);
      } catch (e) {
        if (e instanceof HttpError && e.status === 410) return invalidMagic(reply);
        throw e;
      }
      return reply.flash('success', 'Vous êtes connecté.').redirect(safeReturnPath(body.retour) ?? '/compte', 303);
    });

    // OpenID Connect (ProConnect), only when configured.
    if (oidc) {
      app.get('/connexion/oidc', limited, async (request, reply) => {
        let start: Awaited<ReturnType<OidcClient['start']>>;
        try {
          start = await oidc.start(safeReturnPath(queryOf(request).retour));
        } catch (e) {
          request.log.error({ err: e }, 'OpenID Connect: discovery failed');
          throw new HttpError(
            503,
            'oidc_unavailable',
            'Le service de connexion professionnelle ne répond pas. Réessayez plus tard ou connectez-vous avec votre adresse électronique.',
          );
        }
        reply.setCookie(OIDC_COOKIE, JSON.stringify(start.pending), {
          path: '/connexion/oidc',
          httpOnly: true,
          sameSite: 'lax',
          secure,
          signed: true,
          maxAge: 600,
        });
        return reply.redirect(start.url);
      });

      app.get('/connexion/oidc/retour', limited, async (request, reply) => {
        const raw = request.cookies[OIDC_COOKIE];
        reply.clearCookie(OIDC_COOKIE, { path: '/connexion/oidc' });
        const unsigned = raw ? request.unsignCookie(raw) : null;
        let pending: OidcPending | null = null;
        try {
          pending = unsigned?.valid && unsigned.value ? (JSON.parse(unsigned.value) as OidcPending) : null;
        } catch {
          pending = null;
        }
        const failed = (message: string) => reply.flash('error', message).redirect('/connexion', 303);
        if (!pending) return failed('La connexion professionnelle a expiré ou a été interrompue. Recommencez.');
        if (queryOf(request).error) return failed('La connexion professionnelle a été annulée ou refusée.');
        let claims: Awaited<ReturnType<OidcClient['finish']>>;
        try {
          claims = await oidc.finish(new URL(request.url, config.baseUrl), pending);
        } catch (e) {
          request.log.warn({ err: e }, 'OpenID Connect: callback refused');
          return failed('La connexion professionnelle n’a pas pu être vérifiée. Recommencez.');
        }
        const user = await accounts.signInWithOidc(claims);
        await reply.signIn(user.id);
        return reply.flash('success', 'Vous êtes connecté.').redirect(pending.retour ?? '/compte', 303);
      });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Forgotten password
    // ---------------------------------------------------------------------------------------------------------
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
    app.get('/mot-de-passe-oublie', async (_request, reply) =>
      reply.page('Mot de passe oublié', forgotPage(), { breadcrumbs: AUTH_CRUMBS('Mot de passe oublié') }),
    );
    app.post('/mot-de-passe-oublie', limited, async (request, reply) => {
      const body = bodyOf(request);
      const result = await orForm(
        () => accounts.requestPasswordReset(body.email),
        (errors) => reply.page('Mot de passe oublié', forgotPage({ email: text(body.email) }, errors), { status: 422 }),
      );
      if (!result.ok) return result.reply;
      return reply.page('Vérifiez votre messagerie', <CheckMailboxPage email={result.value.email} kind="reset" />);
    });

    const invalidReset = (reply: FastifyReply) =>
      reply.page(
        'Lien expiré ou déjà utilisé',
        <InvalidLinkPage
          message="Ce lien a déjà servi ou a expiré (il vaut 1 heure). Demandez-en un nouveau."
          again={{ href: '/mot-de-passe-oublie', label: 'Demander un nouveau lien' }}
        />,
        { status: 410 },
      );

    app.get('/mot-de-passe/nouveau', async (request, reply) => {
      const token = text(queryOf(request).jeton);
      if (!(await accounts.isTokenValid('reset', token))) return invalidReset(reply);
      return reply.page('Nouveau mot de passe', <NewPasswordPage token={token} />);
    });

    app.post('/mot-de-passe/nouveau', limited, async (request, reply) => {
      const body = bodyOf(request);
      const token = text(body.jeton);
      try {
        await accounts.resetPassword({ token, password: body.password });
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
    });

    // ---------------------------------------------------------------------------------------------------------
    // My account
    // ---------------------------------------------------------------------------------------------------------
    const accountPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      errors?: Record<string, string>,
      values?: Record<string, string>,
    ) => {
      const { user, authorities } = await accounts.profile(request.user);
      return reply.page(
        'Mon compte',
        <AccountPage user={user} authorities={authorities} errors={errors} values={values} />,
        {
          status: errors ? 422 : undefined,
          breadcrumbs: ACCOUNT_CRUMBS(),
        },
      );
    };

    app.get('/compte', async (request, reply) => {
      requireUser(request);
      return accountPage(request, reply);
    });

    app.post('/compte/nom', async (request, reply) => {
      const user = requireUser(request);
      const body = bodyOf(request);
      try {
        await accounts.updateName(user, body.name);
      } catch (e) {
        if (e instanceof ValidationError) return accountPage(request, reply, e.fields, { name: text(body.name) });
        throw e;
      }
      return reply.flash('success', 'Votre nom est enregistré.').redirect('/compte', 303);
    });

    app.post('/compte/courriel', limited, async (request, reply) => {
      const user = requireUser(request);
      const body = bodyOf(request);
      try {
        const { email } = await accounts.requestEmailChange(user, {
          email: body.newEmail,
          password: body.currentPasswordForEmail,
        });
        return reply.page('Confirmez votre nouvelle adresse', <CheckMailboxPage email={email} kind="email" />, {
          breadcrumbs: ACCOUNT_CRUMBS('Nouvelle adresse'),
        });
      } catch (e) {
        if (e instanceof ValidationError)
          return accountPage(request, reply, e.fields, { newEmail: text(body.newEmail) });
        throw e;
      }
    });

    const invalidEmailChange = (reply: FastifyReply, message?: string) =>
      reply.page(
        'Lien expiré ou déjà utilisé',
        <InvalidLinkPage
          message={message ?? 'Ce lien a déjà servi ou a expiré (il vaut 24 heures). Recommencez depuis votre compte.'}
          again={{ href: '/compte', label: 'Revenir à mon compte' }}
        />,
        { status: 410 },
      );

    app.get('/compte/courriel/confirmer', async (request, reply) => {
      const query = queryOf(request);
      const token = text(query.jeton);
      const email = normaliseEmail(query.courriel);
      if (!(await accounts.isTokenValid('email', token, email))) return invalidEmailChange(reply);
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
    });

    app.post('/compte/courriel/confirmer', limited, async (request, reply) => {
      const body = bodyOf(request);
      try {
        await accounts.confirmEmailChange({ token: body.jeton, email: body.courriel });
      } catch (e) {
        if (e instanceof HttpError && e.status === 410) return invalidEmailChange(reply, e.message);
        throw e;
      }
      return reply
        .flash('success', 'Votre nouvelle adresse électronique est enregistrée.')
        .redirect(request.user ? '/compte' : '/connexion', 303);
    });

    app.post('/compte/mot-de-passe', limited, async (request, reply) => {
      const user = requireUser(request);
      const body = bodyOf(request);
      try {
        await accounts.changePassword(user, { current: body.currentPassword, password: body.newPassword });
      } catch (e) {
        if (e instanceof ValidationError) return accountPage(request, reply, e.fields);
        throw e;
      }
      // Every session was closed, this one included: open a fresh one for the person who just proved who they are.
      await reply.signIn(user.id);
      return reply
        .flash('success', 'Votre mot de passe est changé. Vos autres sessions ont été fermées.')
        .redirect('/compte', 303);
    });

    app.get('/compte/donnees.json', async (request, reply) => {
      const data = await accounts.exportData(requireUser(request));
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="mes-donnees.json"')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(data, null, 2));
    });

    app.get('/compte/supprimer', async (request, reply) => {
      requireUser(request);
      return reply.page('Supprimer mon compte', <DeleteAccountPage />, {
        breadcrumbs: ACCOUNT_CRUMBS('Supprimer mon compte'),
      });
    });

    app.post('/compte/supprimer', async (request, reply) => {
      const user = requireUser(request);
      try {
        await accounts.deleteAccount(user, { confirm: bodyOf(request).confirm });
      } catch (e) {
        if (e instanceof ValidationError) {
          return reply.page('Supprimer mon compte', <DeleteAccountPage errors={e.fields} />, {
            status: 422,
            breadcrumbs: ACCOUNT_CRUMBS('Supprimer mon compte'),
          });
        }
        throw e;
      }
      await reply.signOut();
      return reply.flash('success', 'Votre compte a été supprimé.').redirect('/', 303);
    });

    // ---------------------------------------------------------------------------------------------------------
    // Administration
    // ---------------------------------------------------------------------------------------------------------
    app.get('/admin', async (request, reply) => {
      const summary = await accounts.adminSummary(requireUser(request));
      const links: AdminLink[] = [
        {
          href: '/admin/utilisateurs',
          label: 'Utilisateurs',
          description: 'Rechercher un compte, changer son rôle, le désactiver.',
        },
        ...(deps.adminLinks ?? []),
        { href: '/admin/journal', label: 'Journal des actions', description: 'Qui a changé quoi, et quand.' },
        {
          href: '/admin/courriels',
          label: 'Courriels envoyés',
          description: 'Les messages de la boîte d’envoi locale, quand aucun serveur SMTP n’est configuré.',
        },
      ];
      return reply.page('Administration', <AdminDashboard {...summary} links={links} />, {
        breadcrumbs: [{ href: '/', label: 'Accueil' }, { label: 'Administration' }],
      });
    });

    app.get('/admin/utilisateurs', async (request, reply) => {
      const list = await accounts.listUsers(requireUser(request), queryOf(request));
      return reply.page('Utilisateurs', <UsersPage {...list} />, {
        breadcrumbs: ADMIN_CRUMBS({ label: 'Utilisateurs' }),
      });
    });

    const userPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: number,
      errors?: Record<string, string>,
      role?: string,
    ) => {
      const actor = requireUser(request);
      const { user, authorities } = await accounts.getUser(actor, id);
      return reply.page(
        user.name || user.email,
        <UserPage user={user} authorities={authorities} isSelf={actor.id === user.id} errors={errors} role={role} />,
        {
          status: errors ? 422 : undefined,
          breadcrumbs: ADMIN_CRUMBS(
            { href: '/admin/utilisateurs', label: 'Utilisateurs' },
            { label: user.name || user.email },
          ),
        },
      );
    };

    app.get('/admin/utilisateurs/:id', async (request, reply) => userPage(request, reply, idParam(request)));

    app.post('/admin/utilisateurs/:id/role', async (request, reply) => {
      const actor = requireUser(request);
      const id = idParam(request);
      const role = bodyOf(request).role;
      try {
        await accounts.changeRole(actor, id, role);
      } catch (e) {
        if (e instanceof ValidationError) return userPage(request, reply, id, e.fields, text(role));
        throw e;
      }
      return reply.flash('success', 'Le rôle est enregistré.').redirect(`/admin/utilisateurs/${id}`, 303);
    });

    for (const [path, disable] of [
      ['desactiver', true],
      ['reactiver', false],
    ] as const) {
      app.post(`/admin/utilisateurs/:id/${path}`, async (request, reply) => {
        const actor = requireUser(request);
        const id = idParam(request);
        try {
          await accounts.setDisabled(actor, id, disable);
        } catch (e) {
          if (e instanceof ValidationError) return userPage(request, reply, id, e.fields);
          throw e;
        }
        return reply
          .flash(
            'success',
            disable ? 'Le compte est désactivé ; ses sessions sont fermées.' : 'Le compte est réactivé.',
          )
          .redirect(`/admin/utilisateurs/${id}`, 303);
      });
    }

    app.get('/admin/journal', async (request, reply) => {
      const log = await accounts.auditLog(requireUser(request), queryOf(request));
      return reply.page('Journal des actions', <AuditPage {...log} />, {
        breadcrumbs: ADMIN_CRUMBS({ label: 'Journal des actions' }),
      });
    });

    app.get('/admin/courriels', async (request, reply) => {
      const outbox = accounts.outbox(requireUser(request), queryOf(request));
      return reply.page('Courriels envoyés', <OutboxPage {...outbox} />, {
        breadcrumbs: ADMIN_CRUMBS({ label: 'Courriels envoyés' }),
      });
    });

    app.get('/admin/courriels/:id', async (request, reply) => {
      const message = accounts.outboxMessage(requireUser(request), (request.params as { id: string }).id);
      return reply.page(message.subject, <OutboxMessagePage message={message} />, {
        breadcrumbs: ADMIN_CRUMBS({ href: '/admin/courriels', label: 'Courriels envoyés' }, { label: message.subject }),
      });
    });
  };
}
