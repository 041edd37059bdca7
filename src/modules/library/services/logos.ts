/**
 * Sheets' logos, fetched by the server once (when a sheet is saved or imported with a logo address) and served from
 * here: pages never hot-link another site's image (the CSP forbids it, and a reader's visit would be told to that
 * site). An image is kept when it is at most 500 KB and its first bytes say PNG, JPEG or WebP. SVG is refused, not
 * sanitised: it is a document that may carry scripts and external references, and a sanitiser is one more thing to
 * get exactly right; authorities nearly always publish a PNG as well.
 *
 * Images are kept in the database (store/logos.ts), named by their content hash (served with immutable caching), so
 * that every server instance sharing the database serves them; the store notes which image an address gave.
 *
 * The server's own network is never reached: the host is resolved ONCE, every address it resolves to must be public
 * (logo-addresses.ts), and the connection goes to that very address (a custom `lookup` on the request), so a name
 * that resolves elsewhere the second time (DNS rebinding) changes nothing. Redirections are not followed.
 */
import { createHash } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { sniff } from '../../../platform/http/sniff.ts';
import { isWebUrl } from '../model/values.ts';
import type { LogoStore } from '../store/logos.ts';
import { type Resolve, resolveOnce } from './logo-addresses.ts';

export { isPrivateAddress, type Resolve, resolveOnce } from './logo-addresses.ts';

export const LOGO_MAX_BYTES = 500 * 1024;
/** Job type that fetches a sheet's logo (enqueued when a sheet is saved or imported with a logo address). */
export const LOGO_JOB = 'library.fetch_logo';
const TIMEOUT_MS = 10_000;

const TYPES = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' } as const;
type LogoKind = keyof typeof TYPES;
const EXTENSIONS: Record<LogoKind, string> = { png: 'png', jpeg: 'jpg', webp: 'webp' };
export const LOGO_FILE = /^[0-9a-f]{64}\.(png|jpg|webp)$/;

const sha256 = (x: string | Buffer) => createHash('sha256').update(x).digest('hex');

/** The system's resolver: every address of the name. */
export const systemResolve: Resolve = (host) => lookup(host, { all: true, verbatim: true });

export type LogoResult = { ok: true; file: string } | { ok: false; reason: string };

/** What a fetch may be told: another resolver (tests) and which resolved addresses may be reached. */
export interface FetchOptions {
  resolve?: Resolve;
  /** Default: public addresses only. */
  allowed?: (address: string) => boolean;
  /** Tests against a local server: every address is allowed (still resolved once and pinned). */
  allowPrivateHosts?: boolean;
}

type Download = { ok: true; data: Buffer } | { ok: false; reason: string };

/** GET `u` from the pinned address (never resolved again), without following redirections, at most 500 KB. */
function download(u: URL, pinned: { address: string; family: number }): Promise<Download> {
  const pin: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) {
      (callback as unknown as (e: null, all: { address: string; family: number }[]) => void)(null, [pinned]);
    } else callback(null, pinned.address, pinned.family);
  };
  const options: RequestOptions = { method: 'GET', lookup: pin, timeout: TIMEOUT_MS, headers: { accept: 'image/*' } };
  const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: Download) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      req.destroy();
      resolve(result);
    };
    // The whole download, not only each wait for bytes: a site sending a byte now and then is given up too.
    const deadline = setTimeout(() => done({ ok: false, reason: 'site trop lent' }), TIMEOUT_MS);
    const req = send(u, options, (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400) return done({ ok: false, reason: 'redirection refusée' });
      if (status < 200 || status >= 300) return done({ ok: false, reason: `le site répond ${status}` });
      if (Number(response.headers['content-length'] ?? 0) > LOGO_MAX_BYTES) {
        return done({ ok: false, reason: 'image de plus de 500 Ko' });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > LOGO_MAX_BYTES) done({ ok: false, reason: 'image de plus de 500 Ko' });
        else chunks.push(chunk);
      });
      response.on('end', () => done({ ok: true, data: Buffer.concat(chunks) }));
      response.on('error', () => done({ ok: false, reason: 'site injoignable' }));
    });
    req.on('timeout', () => done({ ok: false, reason: 'site trop lent' }));
    req.on('error', () => done({ ok: false, reason: 'site injoignable' }));
    req.end();
  });
}

export function createLogoService(options: {
  store: LogoStore & { logoAddresses(): Promise<string[]> };
  changed?: () => Promise<void>;
  /** Queues the fetch of one address (the job queue). */
  queue?: (url: string) => Promise<void>;
}) {
  const { store } = options;

  /** Fetches the image at `url` and keeps it; the reason in French when it is not kept. */
  async function fetchAndStore(url: string, opts: FetchOptions = {}): Promise<LogoResult> {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return { ok: false, reason: 'adresse illisible' };
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return { ok: false, reason: 'adresse non web' };
    const allowed = opts.allowPrivateHosts ? () => true : opts.allowed;
    const pinned = await resolveOnce(u.hostname, opts.resolve ?? systemResolve, allowed);
    if (!pinned.ok) return pinned;
    const fetched = await download(u, pinned);
    if (!fetched.ok) return fetched;
    const kind = sniff(fetched.data);
    if (!(kind in TYPES)) return { ok: false, reason: 'ce n’est pas une image PNG, JPEG ou WebP' };
    const file = `${sha256(fetched.data)}.${EXTENSIONS[kind as LogoKind]}`;
    await store.saveLogo({ file, type: TYPES[kind as LogoKind], data: fetched.data, url, urlHash: sha256(url) });
    // Pages kept for visitors are built again: they now show the image.
    await options.changed?.();
    return { ok: true, file };
  }

  /** Where pages show the logo fetched for each address that has one (address → path). */
  async function pathsFor(urls: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(urls.filter((u): u is string => !!u))];
    const files = await store.logoFilesFor(wanted.map((u) => sha256(u)));
    const out = new Map<string, string>();
    for (const u of wanted) {
      const file = files.get(sha256(u));
      if (file && LOGO_FILE.test(file)) out.set(u, `/bibliotheque/logos/${file}`);
    }
    return out;
  }

  /** Where the page shows the logo fetched for `url`, or null (not fetched, or refused). */
  async function pathFor(url: string | null | undefined): Promise<string | null> {
    if (!url) return null;
    return (await pathsFor([url])).get(url) ?? null;
  }

  /** A stored logo's bytes and type, or null. */
  async function read(file: string): Promise<{ data: Buffer; type: string } | null> {
    if (!LOGO_FILE.test(file)) return null;
    return store.readLogo(file);
  }

  /**
   * Queues the fetch of every sheet's logo that has no stored image (after an update that moved the logos into the
   * database, or a site that was down); how many were queued.
   */
  async function queueMissing(): Promise<{ addresses: number; queued: number }> {
    const urls = (await store.logoAddresses()).filter((u) => isWebUrl(u));
    const stored = await pathsFor(urls);
    const missing = urls.filter((u) => !stored.has(u));
    for (const url of missing) await options.queue?.(url);
    return { addresses: urls.length, queued: options.queue ? missing.length : 0 };
  }

  return { fetchAndStore, pathFor, pathsFor, read, queueMissing };
}

export type LogoService = ReturnType<typeof createLogoService>;
