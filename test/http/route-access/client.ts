/**
 * The six personas of the route × role test as stateless HTTP clients: each request carries the persona's session
 * and CSRF cookies and nothing a previous response set (a route that signs someone in or out cannot change who the
 * next request is made as). A session closed by a route (sign-out, password change) is reopened after the request.
 */
import type { LightMyRequestResponse } from 'fastify';
import type { AccessPersona } from '../../../src/platform/http/access.ts';
import type { Server } from '../../../src/server.ts';
import { type MultipartFile, multipartBody } from '../../helpers/multipart.ts';

export type Persona = AccessPersona;

/** A concrete request for one route, as a table entry builds it. */
export interface Req {
  method?: string;
  /** Path and query string. */
  url: string;
  /** An urlencoded form (the CSRF token is added on unsafe methods). */
  form?: Record<string, string | string[]>;
  /** A JSON body (the CSRF token goes in the x-csrf-token header on unsafe methods). */
  json?: unknown;
  /** A multipart form (the CSRF token goes in the query string, as the builder's file forms do). */
  multipart?: { fields: Record<string, string | string[]>; files?: MultipartFile[] };
  headers?: Record<string, string>;
  /** Extra cookies (e.g. the anonymous respondent's cookie of a public link). */
  cookies?: Record<string, string>;
}

export interface Sent {
  status: number;
  location: string;
  body: string;
  response: LightMyRequestResponse;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let ipCounter = 0;

/** A distinct client address per request, so that rate limits never mix the personas' requests. */
function nextIp(): string {
  ipCounter++;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

export class PersonaClient {
  session: string | null = null;
  private csrfCookie = '';
  private csrfToken = '';

  constructor(
    private server: Server,
    readonly persona: Persona,
    /** The signed-in user (null for the visitor). */
    readonly userId: number | null,
  ) {}

  /** Opens the session and fetches a CSRF token (cookie + form token) from the home page. */
  async start(): Promise<void> {
    if (this.userId !== null) this.session = await this.server.platform.sessions.create(this.userId);
    const home = await this.server.app.inject({
      method: 'GET',
      url: '/',
      headers: { cookie: this.cookieHeader({}), 'x-forwarded-for': nextIp() },
    });
    const cookie = home.cookies.find((c) => c.name === 'bia_csrf');
    if (cookie) this.csrfCookie = cookie.value;
    const match = /<meta name="csrf-token" content="([^"]+)"/.exec(home.body);
    if (!match) throw new Error(`${this.persona} : pas de jeton CSRF sur la page d’accueil (${home.statusCode})`);
    this.csrfToken = match[1]!;
  }

  private cookieHeader(extra: Record<string, string>): string {
    const cookies: Record<string, string> = {};
    if (this.session) cookies.bia_session = this.session;
    if (this.csrfCookie) cookies.bia_csrf = this.csrfCookie;
    Object.assign(cookies, extra);
    return Object.entries(cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  }

  async send(req: Req, defaultMethod = 'GET'): Promise<Sent> {
    const method = (req.method ?? defaultMethod).toUpperCase();
    const unsafe = UNSAFE.has(method);
    const headers: Record<string, string> = { 'x-forwarded-for': nextIp(), ...(req.headers ?? {}) };
    headers.cookie = this.cookieHeader(req.cookies ?? {});
    const url = req.url;
    let payload: string | Buffer | undefined;
    if (req.multipart) {
      const fields = unsafe ? { _csrf: this.csrfToken, ...req.multipart.fields } : req.multipart.fields;
      const body = multipartBody(fields, req.multipart.files);
      payload = body.payload;
      headers['content-type'] = body.contentType;
    } else if (req.json !== undefined) {
      payload = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
      if (unsafe) headers['x-csrf-token'] = this.csrfToken;
    } else if (req.form || unsafe) {
      const params = new URLSearchParams();
      if (unsafe) params.append('_csrf', this.csrfToken);
      for (const [k, v] of Object.entries(req.form ?? {}))
        for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
      payload = params.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const response = await this.server.app.inject({ method: method as 'GET', url, headers, payload });
    if (unsafe) await this.keepSignedIn();
    return {
      status: response.statusCode,
      location: String(response.headers.location ?? ''),
      body: response.body,
      response,
    };
  }

  /** Reopens the persona's session when a route closed it (sign-out, password change, one-time link…). */
  async keepSignedIn(): Promise<void> {
    if (this.userId === null || !this.session) return;
    const still = await this.server.platform.sessions.userIdFor(this.session);
    if (still !== this.userId) this.session = await this.server.platform.sessions.create(this.userId);
  }
}
