/**
 * Static assets with content-hashed names. At start-up every stylesheet and script of public/assets/ (site.css, the
 * esbuild islands) is read once, named by its content (`site.css` → `/assets/site-3f9a1c2b7d.css`), and kept in memory
 * with its gzip and brotli forms (each compressed once, at the highest levels, since it never changes, when a request
 * first asks for it: compressing them all cost 50 ms of every start). The pages name the
 * hashed address (`assetUrl`), served with `Cache-Control: public, max-age=31536000, immutable`: a browser asks for a
 * stylesheet once per version, and a new deployment changes the name. Computing the names at start-up (not at build
 * time) means a name can never point to a stale copy of the file.
 *
 * The plain names stay served by @fastify/static with a short cache, for anything that still links them.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface Asset {
  /** The plain address (`/assets/site.css`). */
  path: string;
  /** The content-hashed address (`/assets/site-3f9a1c2b7d.css`). */
  hashed: string;
  type: string;
  body: Buffer;
  /** Compressed at its first read, then kept. */
  readonly gzip: Buffer;
  readonly br: Buffer;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Hashed address → asset, and plain address → hashed address, for the assets loaded last (one public folder). */
const byHashed = new Map<string, Asset>();
const hashedOf = new Map<string, string>();

/** Reads (or re-reads) the stylesheets and scripts of `dir` (public/assets). Returns them. */
export function loadAssets(dir: string): Asset[] {
  const assets: Asset[] = [];
  if (!existsSync(dir)) return assets;
  for (const name of readdirSync(dir).sort()) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 ? name.slice(dot) : '';
    const type = TYPES[ext];
    if (!type) continue;
    const body = readFileSync(join(dir, name));
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    const asset = {
      path: `/assets/${name}`,
      hashed: `/assets/${name.slice(0, dot)}-${hash}${ext}`,
      type,
      body,
    } as Asset;
    let gzip: Buffer | undefined;
    let br: Buffer | undefined;
    Object.defineProperties(asset, {
      gzip: { enumerable: true, get: () => (gzip ??= gzipSync(body, { level: 9 })) },
      br: {
        enumerable: true,
        get: () =>
          (br ??= brotliCompressSync(body, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 11,
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          })),
      },
    });
    assets.push(asset);
  }
  byHashed.clear();
  hashedOf.clear();
  for (const a of assets) {
    byHashed.set(a.hashed, a);
    hashedOf.set(a.path, a.hashed);
  }
  return assets;
}

/** The address a page should use for `/assets/x.css` or `/assets/x.js`: its hashed name when it is known. */
export function assetUrl(path: string): string {
  return hashedOf.get(path) ?? path;
}

/** The asset behind a hashed address, if any. */
export function hashedAsset(path: string): Asset | undefined {
  return byHashed.get(path);
}

/** The encoding to send for an Accept-Encoding header: brotli first, then gzip, else none. */
export function preferredEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = (acceptEncoding ?? '')
    .toLowerCase()
    .split(',')
    .map((part) => {
      const [name = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { name: name.trim(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((e) => e.q > 0)
    .map((e) => e.name);
  if (accepted.includes('br')) return 'br';
  if (accepted.includes('gzip') || accepted.includes('*')) return 'gzip';
  return null;
}
