/** OpenID Connect (ProConnect) sign-in, registered only when an identity provider is configured. */
import type { FastifyPluginAsync } from 'fastify';
import { ACCESS } from '../../../platform/http/access.ts';
import { HttpError } from '../../../platform/http/errors.ts';
import { text } from '../../../platform/http/form.ts';
import { AUTH_RATE_LIMIT, safeReturnPath } from '../model.ts';
import type { OidcService } from '../services/oidc.ts';
import type { OidcClient, OidcPending } from '../services/oidc-client.ts';
import { textQuery } from './support.tsx';

const OIDC_COOKIE = 'bia_oidc';

export function oidcRoutes(deps: { oidc: OidcService; client: OidcClient; baseUrl: string }): FastifyPluginAsync {
  const { oidc, client, baseUrl } = deps;
  const secure = baseUrl.startsWith('https:');
  const config = { access: ACCESS.public, rateLimit: AUTH_RATE_LIMIT };

  return async (app) => {
    app.get('/connexion/oidc', { schema: { querystring: textQuery('retour') }, config }, async (request, reply) => {
      let start: Awaited<ReturnType<OidcClient['start']>>;
      try {
        start = await client.start(safeReturnPath(text(request.query as Record<string, unknown>, 'retour')));
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

    app.get(
      '/connexion/oidc/retour',
      { schema: { querystring: textQuery('code', 'state', 'error', 'iss') }, config },
      async (request, reply) => {
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
        if (text(request.query as Record<string, unknown>, 'error'))
          return failed('La connexion professionnelle a été annulée ou refusée.');
        let claims: Awaited<ReturnType<OidcClient['finish']>>;
        try {
          claims = await client.finish(new URL(request.url, baseUrl), pending);
        } catch (e) {
          request.log.warn({ err: e }, 'OpenID Connect: callback refused');
          return failed('La connexion professionnelle n’a pas pu être vérifiée. Recommencez.');
        }
        const user = await oidc.signInWithOidc(claims);
        await reply.signIn(user.id);
        return reply.flash('success', 'Vous êtes connecté.').redirect(pending.retour ?? '/mon-espace', 303);
      },
    );
  };
}
