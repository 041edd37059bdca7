/**
 * Sheets' logos, fetched by the server once (when a sheet is saved or imported with a logo address) and served from
 * here: pages never hot-link another site's image (the CSP forbids it, and a reader's visit would be told to that
 * site). An image is kept when it is at most 500 KB and its first bytes say PNG, JPEG or WebP. SVG is refused, not
 * sanitised: it is a document that may carry scripts and external references, and a sanitiser is one more thing to
 * get exactly right; authorities nearly always publish a PNG as well.
 *
 * Files are content-addressed under `<uploads>/logos/<sha256>.<ext>` (served with immutable caching), and
 * `<uploads>/logos/sources/<sha256 of the address>` names the file fetched for an address.
 */
import { createHash } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { sniff } from '../../../platform/http/sniff.ts';

export const LOGO_MAX_BYTES = 500 * 1024;
/** Job type that fetches a sheet's logo (enqueued when a sheet is saved or imported with a logo address). */
export const LOGO_JOB = 'library.fetch_logo';

const TYPES = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' } as const;
type LogoKind = keyof typeof TYPES;
const EXTENSIONS: Record<LogoKind, string> = { png: 'png', jpeg: 'jpg', webp: 'webp' };
export const LOGO_FILE = /^[0-9a-f]{64}\.(png|jpg|webp)$/;

const sha256 = (x: string | Buffer) => createHash('sha256').update(x).digest('hex');

/** Loopback, private, link-local and unique-local addresses: never fetched (the server's own network). */
export function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 4) {
    const [a, b] = address.split('.').map(Number) as [number, number];
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  const v6 = address.toLowerCase();
  if (v6.startsWith('::ffff:')) return isPrivateAddress(v6.slice(7));
  return v6 === '::1' || v6 === '::' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe80');
}

export type LogoResult = { ok: true; file: string } | { ok: false; reason: string };

export function createLogoService(options: { uploadsDir: string }) {
  const dir = join(options.uploadsDir, 'logos');
  const sourceFile = (url: string) => join(dir, 'sources', sha256(url));

  /** Fetches the image at `url` and keeps it; the reason in French when it is not kept. */
  async function fetchAndStore(url: string, opts: { allowPrivateHosts?: boolean } = {}): Promise<LogoResult> {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return { ok: false, reason: 'adresse illisible' };
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return { ok: false, reason: 'adresse non web' };
    if (!opts.allowPrivateHosts) {
      const host = u.hostname.replace(/^\[|\]$/g, '');
      const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
      if (!addresses.length) return { ok: false, reason: 'site introuvable' };
      if (addresses.some(isPrivateAddress)) return { ok: false, reason: 'adresse d’un réseau privé' };
    }
    let response: Response;
    try {
      response = await fetch(u, { redirect: 'error', signal: AbortSignal.timeout(10_000) });
    } catch {
      return { ok: false, reason: 'site injoignable (ou redirection refusée)' };
    }
    if (!response.ok || !response.body) return { ok: false, reason: `le site répond ${response.status}` };
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > LOGO_MAX_BYTES) return { ok: false, reason: 'image de plus de 500 Ko' };
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > LOGO_MAX_BYTES) return { ok: false, reason: 'image de plus de 500 Ko' };
      chunks.push(Buffer.from(chunk));
    }
    const data = Buffer.concat(chunks);
    const kind = sniff(data);
    if (!(kind in TYPES)) return { ok: false, reason: 'ce n’est pas une image PNG, JPEG ou WebP' };
    const file = `${sha256(data)}.${EXTENSIONS[kind as LogoKind]}`;
    await mkdir(join(dir, 'sources'), { recursive: true });
    const temporary = join(dir, `${file}.${process.pid}.tmp`);
    await writeFile(temporary, data);
    await rename(temporary, join(dir, file));
    await writeFile(sourceFile(url), file);
    return { ok: true, file };
  }

  /** Where the page shows the logo fetched for `url`, or null (not fetched, or refused). */
  async function pathFor(url: string | null | undefined): Promise<string | null> {
    if (!url) return null;
    const file = await readFile(sourceFile(url), 'utf8').catch(() => '');
    return LOGO_FILE.test(file) ? `/bibliotheque/logos/${file}` : null;
  }

  /** A stored logo's bytes and type, or null. */
  async function read(file: string): Promise<{ data: Buffer; type: string } | null> {
    if (!LOGO_FILE.test(file)) return null;
    const data = await readFile(join(dir, file)).catch(() => null);
    if (!data) return null;
    const ext = file.split('.').pop();
    return { data, type: ext === 'png' ? TYPES.png : ext === 'jpg' ? TYPES.jpeg : TYPES.webp };
  }

  return { fetchAndStore, pathFor, read };
}

export type LogoService = ReturnType<typeof createLogoService>;
