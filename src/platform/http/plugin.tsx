import { join } from 'node:path';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { Type } from 'typebox';
import type { CurrentUser } from '../auth/user.ts';
import { createByteCache } from '../byte-cache.ts';
import type { Platform } from '../platform.ts';
import type { Flash, NavItem, PageContext } from '../ui/context.ts';
import { ErrorPage, errorTitle } from '../ui/error-page.tsx';
import { type PageOptions, renderPage } from '../ui/render.tsx';
import { ACCESS } from './access.ts';
import { hashedAsset, IMMUTABLE, loadAssets, preferredEncoding } from './assets.ts';
import { forbidden, HttpError, notFound, unauthorized } from './errors.ts';
import { refuseNulCharacters } from './input-guard.ts';
import { readMultipartBody, releaseUpload } from './multipart.ts';
import { createPageRateLimiter } from './page-rate-limit.ts';
import { databaseRateLimitStore } from './rate-limit-store.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
    /** Set when the request is authenticated by an API token instead of a session. */
    apiToken: boolean;
    flash: Flash | null;
  }
  interface FastifyReply {
    /** Sends a full HTML page with the common layout. */
    page(title: string, body: VNode, options?: PageOptions & { status?: number }): FastifyReply;
    /** A message shown once on the next page. */
    flash(kind: Flash['kind'], message: string): FastifyReply;
    /** Starts a new session for the user (rotating any previous one). */
    signIn(userId: number): Promise<void>;
    signOut(): Promise<void>;
  }
}

export const SESSION_COOKIE = 'bia_session';
const FLASH_COOKIE = 'bia_flash';
const CSRF_COOKIE = 'bia_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface HttpPlatformOptions {
  platform: Platform;
  navigation: NavItem[];
  loadUser(id: number): Promise<CurrentUser | null>;
  resolveApiToken?(token: string): Promise<CurrentUser | null>;
}

export const isApiRequest = (request: FastifyRequest) => request.url.startsWith('/api/');

/**
 * The request pipeline shared by every route:
 * security headers → cookies → body parsing → authenticate (session cookie or API token) → CSRF check on unsafe
 * methods → (per route) rate limit → schema validation → handler (authorise + act in a transaction in the service)
 * → present (reply.page / JSON). Errors of any stage are presented by one handler, in French or as JSON.
 */
export async function registerHttpPlatform(app: FastifyInstance, options: HttpPlatformOptions) {
  const { platform, navigation } = options;
  const { config } = platform;
  const secure = config.baseUrl.startsWith('https:');

  // The security headers (helmet) depend on the options only: worked out once here, then set on every response as
  // helmet would set them (on the raw response, from the first hook) instead of helmet building them again for each
  // request (its CSP directives parsed on every request were a measurable share of an autosave's CPU).
  const headers = await securityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: secure ? { maxAge: 31536000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw;
    for (const [name, value] of headers) raw.setHeader(name, value);
    done();
  });
  // Every cookie is `Secure` when the site is served over https (defaults here, enforced on sending below).
  // HTML, JSON, CSS and JS over 1 KB are sent compressed (brotli or gzip, as the browser accepts; brotli at quality 4
  // for pages made per request). Hashed assets carry their own compressed forms, made once at start-up (assets.ts).
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(cookie, { secret: config.sessionSecret, parseOptions: { secure } });
  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 5, fields: 200 } });
  await app.register(csrf, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { httpOnly: true, sameSite: 'lax', secure, path: '/', signed: true },
    // The token travels in the form (`_csrf`, multipart forms included: the pipeline reads them before this check)
    // or in a header (islands, API clients with a session); never in the address, where logs and Referer keep it.
    getToken: csrfToken,
  });
  await app.register(rateLimit, {
    global: false,
    store: databaseRateLimitStore(platform.db, platform.clock) as any,
    errorResponseBuilder: (_req, context) =>
      new HttpError(
        429,
        'rate_limited',
        `Trop de tentatives. Réessayez dans ${Math.ceil(context.ttl / 1000)} secondes.`,
      ) as any,
  });

  app.decorateRequest('user', null);
  app.decorateRequest('apiToken', false);
  app.decorateRequest('flash', null);
  app.decorateRequest('multipartContent', null);

  if (secure) {
    // A cookie set anywhere (a module's own cookie included) never travels over plain http.
    app.addHook('onSend', async (_request, reply) => {
      const header = reply.getHeader('set-cookie');
      if (!header) return;
      const list = (Array.isArray(header) ? header : [String(header)]).map((c) =>
        /;\s*secure\b/i.test(c) ? c : `${c}; Secure`,
      );
      // Set-Cookie headers add up in Fastify: remove the originals before writing them back.
      reply.removeHeader('set-cookie');
      reply.header('set-cookie', list);
    });
  }

  // Authenticate.
  app.addHook('onRequest', async (request, reply) => {
    const auth = request.headers.authorization;
    if (auth?.startsWith('Bearer ') && isApiRequest(request) && options.resolveApiToken) {
      const user = await options.resolveApiToken(auth.slice(7).trim());
      if (!user) throw new HttpError(401, 'invalid_token', "Jeton d'API invalide, expiré ou révoqué.");
      request.user = user;
      request.apiToken = true;
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const userId = await platform.sessions.userIdFor(token);
      request.user = userId ? await options.loadUser(userId) : null;
      if (!request.user) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
  });

  // Routes kept for network roles (`/coordination/…`, administration) are refused here to everyone else, before any
  // body is read and whatever the service would show: a page meant for coordinators is never a second way in, even
  // to data that is public elsewhere. Routes open to authority members are decided by their service (`authorize`).
  app.addHook('preValidation', async (request) => {
    const config = (request.routeOptions.config ?? {}) as { access?: unknown; accessDenied?: unknown };
    const access = config.access;
    if (!Array.isArray(access) || access.includes('visitor') || config.accessDenied === 'redirect') return;
    const refuse = (error: HttpError) => {
      throw config.accessDenied === 404 ? notFound("Cette page est introuvable. Vérifiez l'adresse.") : error;
    };
    if (!request.user) return refuse(unauthorized());
    if (access.some((p) => p === 'member' || p === 'editor' || p === 'other_editor')) return;
    const role = request.user.role;
    if (access.includes(role === 'admin' ? 'admin' : role === 'coordinator' ? 'coordinator' : '')) return;
    refuse(
      forbidden(
        access.includes('coordinator')
          ? 'Seuls les coordinateurs du réseau ont accès à cette page.'
          : 'Seuls les administrateurs ont accès à cette page.',
      ),
    );
  });

  // Multipart bodies are read here, once (fields → request.body, files kept for readMultipartForm); then no input
  // may carry a NUL character, whatever the route (PostgreSQL refuses it: a 400 here rather than a 500 later).
  app.addHook('preValidation', async (request) => {
    if (request.isMultipart()) {
      request.multipartContent = await readMultipartBody(request);
      request.body = request.multipartContent.form;
    }
    refuseNulCharacters({ query: request.query, params: request.params, body: request.body });
  });

  // Public pages read without an account: PAGES_RATE_LIMIT per minute and address (page-rate-limit.ts).
  if (config.pagesRateLimit > 0) {
    const limiter = createPageRateLimiter(config.pagesRateLimit, platform.clock);
    app.addHook('onRequest', async (request, reply) => {
      if (request.user || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      if (request.url.startsWith('/assets/')) return;
      const access = (request.routeOptions.config as { access?: unknown } | undefined)?.access;
      if (!Array.isArray(access) || !access.includes('visitor')) return;
      const wait = limiter.hit(request.ip);
      if (wait === null) return;
      reply.header('retry-after', String(wait));
      throw new HttpError(429, 'rate_limited', `Trop de pages demandées. Réessayez dans ${wait} secondes.`);
    });
  }

  // The room reserved for an upload is given back once the response is sent (or the request abandoned).
  app.addHook('onResponse', async (request) => releaseUpload(request));
  app.addHook('onRequestAbort', async (request) => releaseUpload(request));

  // CSRF on every state-changing request made with a session cookie (API token requests carry no cookie). The check
  // is a pure function of the signed cookie and the token (two HMACs): a pair found valid is remembered (bounded, least
  // recently used out), so that a page autosaving every few seconds pays it once, not on every save.
  const csrfValid = createByteCache<true>({ maxBytes: 4_000_000, maxEntries: 20_000, sizeOf: () => 0 });
  app.addHook('preValidation', (request, reply, done) => {
    if (!UNSAFE.has(request.method) || request.apiToken) return done();
    if ((request.routeOptions.config as any)?.csrf === false) return done();
    const cookie = request.cookies[CSRF_COOKIE];
    const token = csrfToken(request);
    const pair = cookie && token ? `${cookie}\n${token}` : null;
    if (pair && csrfValid.get(pair)) return done();
    app.csrfProtection(request, reply, () => {
      if (pair) csrfValid.set(pair, true);
      done();
    });
  });

  app.decorateReply(
    'page',
    function (this: FastifyReply, title: string, body: VNode, opts: PageOptions & { status?: number } = {}) {
      const request = this.request;
      // The flash message is consumed by the first page actually rendered (not by redirects or assets).
      const flashCookie = request.cookies[FLASH_COOKIE];
      if (flashCookie && !request.flash) {
        const unsigned = request.unsignCookie(flashCookie);
        if (unsigned.valid && unsigned.value) {
          try {
            request.flash = JSON.parse(unsigned.value);
          } catch {}
        }
        this.clearCookie(FLASH_COOKIE, { path: '/' });
      }
      const ctx: PageContext = {
        user: request.user,
        csrfToken: this.generateCsrf(),
        path: request.url.split('?')[0] ?? '/',
        flash: request.flash,
        navigation,
        baseUrl: config.baseUrl,
      };
      const { status, ...layout } = opts;
      if (status) this.status(status);
      return this.type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(renderPage(ctx, title, body, layout));
    },
  );

  app.decorateReply('flash', function (this: FastifyReply, kind: Flash['kind'], message: string) {
    return this.setCookie(FLASH_COOKIE, JSON.stringify({ kind, message }), {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      signed: true,
      maxAge: 120,
    });
  });

  app.decorateReply('signIn', async function (this: FastifyReply, userId: number) {
    const previous = this.request.cookies[SESSION_COOKIE];
    if (previous) await platform.sessions.destroy(previous);
    const token = await platform.sessions.create(userId);
    this.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: 30 * 86400,
    });
  });

  app.decorateReply('signOut', async function (this: FastifyReply) {
    const token = this.request.cookies[SESSION_COOKIE];
    if (token) await platform.sessions.destroy(token);
    this.clearCookie(SESSION_COOKIE, { path: '/' });
  });

  // Stylesheets and scripts under their content-hashed names, from memory, cached for a year by browsers.
  loadAssets(join(process.cwd(), 'public', 'assets'));
  app.get(
    '/assets/:file',
    {
      schema: { params: Type.Object({ file: Type.String({ pattern: '^[A-Za-z0-9_.-]+-[0-9a-f]{10}\\.(css|js)$' }) }) },
      config: { access: ACCESS.public },
    },
    async (request, reply) => {
      const asset = hashedAsset(`/assets/${(request.params as { file: string }).file}`);
      if (!asset) throw new HttpError(404, 'not_found', 'Ce fichier n’existe pas (ou plus).');
      const encoding = preferredEncoding(request.headers['accept-encoding']);
      reply.type(asset.type).header('cache-control', IMMUTABLE).header('vary', 'accept-encoding');
      if (encoding) reply.header('content-encoding', encoding);
      return reply.send(encoding === 'br' ? asset.br : encoding === 'gzip' ? asset.gzip : asset.body);
    },
  );

  app.setNotFoundHandler((request, reply) => {
    presentError(request, reply, new HttpError(404, 'not_found', "Cette page est introuvable. Vérifiez l'adresse."));
  });

  app.setErrorHandler((error: any, request, reply) => {
    let httpError: HttpError;
    if (error instanceof HttpError) httpError = error;
    else if (error.validation && error.validationContext === 'params') {
      // A path that does not match its parameters' schema names no page: 404, as an unknown id would.
      httpError = new HttpError(404, 'not_found', "Cette page est introuvable. Vérifiez l'adresse.");
    } else if (error.validation) {
      const fields: Record<string, string> = {};
      for (const v of error.validation as any[]) {
        const path = (v.instancePath || v.params?.missingProperty || '').replace(/^\//, '').replace(/\//g, '.');
        fields[path || v.params?.missingProperty || 'requête'] = v.message ?? 'valeur invalide';
      }
      httpError = new HttpError(400, 'invalid_request', 'La requête contient des valeurs invalides.', fields);
    } else if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
      httpError = new HttpError(
        403,
        'csrf_invalid',
        'Le formulaire a expiré ou ne provient pas de ce site. Rechargez la page et recommencez.',
      );
    } else if (error.statusCode === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE') {
      httpError = new HttpError(413, 'too_large', 'Le fichier ou la requête dépasse la taille autorisée.');
    } else if (error.statusCode && error.statusCode < 500) {
      httpError = new HttpError(error.statusCode, 'bad_request', 'La requête est incorrecte.');
    } else {
      request.log.error({ err: error }, 'unhandled error');
      httpError = new HttpError(
        500,
        'internal_error',
        'Une erreur inattendue est survenue. Elle a été enregistrée ; réessayez plus tard.',
      );
    }
    presentError(request, reply, httpError);
  });
}

/** The CSRF token of a request: the form's `_csrf` field (its last value), else the `x-csrf-token` header. */
function csrfToken(req: FastifyRequest): string {
  return (lastText((req.body as Record<string, unknown> | undefined)?._csrf) || req.headers['x-csrf-token']) as string;
}

/** The headers helmet sets with these options, read once from a throw-away instance (they vary with no request). */
async function securityHeaders(options: FastifyHelmetOptions): Promise<[string, string | number | string[]][]> {
  const probe = Fastify();
  await probe.register(helmet, options);
  // At handler time the raw response holds what helmet's hook set, and nothing else.
  probe.get('/', async (_request, reply) => reply.raw.getHeaders());
  const set = (await probe.inject('/')).json() as Record<string, string | number | string[]>;
  await probe.close();
  return Object.entries(set);
}

function lastText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return lastText(value[value.length - 1]);
  return undefined;
}

function wantsJson(request: FastifyRequest): boolean {
  return isApiRequest(request) || (request.headers.accept ?? '').startsWith('application/json');
}

function presentError(request: FastifyRequest, reply: FastifyReply, error: HttpError) {
  if (error.status === 401 && !wantsJson(request) && request.method === 'GET') {
    reply.redirect(`/connexion?retour=${encodeURIComponent(request.url)}`);
    return;
  }
  if (wantsJson(request)) {
    reply.status(error.status).send({
      error: {
        code: error.code,
        message: error.message,
        ...(error.fields ? { fields: error.fields } : {}),
        ...(error.details !== undefined ? { current: error.details } : {}),
      },
    });
    return;
  }
  reply.page(errorTitle(error.status), <ErrorPage status={error.status} message={error.message} />, {
    status: error.status,
  });
}

/** Throws 401 unless someone is signed in; returns the user. */
export function requireUser(request: FastifyRequest): CurrentUser {
  if (!request.user) throw unauthorized();
  return request.user;
}
