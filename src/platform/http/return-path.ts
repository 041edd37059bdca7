/**
 * The one reader of a return address (`retour`, `next`…): where to send someone after signing in or after an action.
 * The value is resolved against the site's origin FIRST, and only then checked, so that every spelling a browser
 * would read as another site (`//evil`, `/.//evil`, `/\evil`, `/%09/evil`, `https://evil`, `javascript:`…) is
 * refused whatever the tricks on the way. The answer is the serialised path (`/…?…#…`) of this site, or null.
 */

/** An origin that no real request uses: a value that resolves elsewhere cannot come back to it. */
const ORIGIN = 'http://same-origin.invalid';

export interface ReturnPathOptions {
  /** Only paths under this prefix are accepted (`/bibliotheque/`). */
  within?: string;
  /** The site's own origin (BASE_URL): an absolute address of this origin is accepted and turned into its path. */
  origin?: string;
}

/** Paths never worth coming back to (signing out again would be a surprise). */
const REFUSED = new Set(['/deconnexion']);

export function safeReturnPath(value: unknown, options: ReturnPathOptions = {}): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return null;
  // Browsers drop tabs and newlines inside addresses and read a backslash as a slash: refuse them outright rather
  // than guess what a browser would make of them.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are refused on purpose
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  let candidate = value;
  if (options.origin && !value.startsWith('/')) {
    let absolute: URL;
    try {
      absolute = new URL(value);
    } catch {
      return null;
    }
    if (absolute.origin !== new URL(options.origin).origin) return null;
    candidate = absolute.pathname + absolute.search + absolute.hash;
  }
  if (!candidate.startsWith('/')) return null;
  const resolved = resolve(candidate);
  if (!resolved) return null;
  const path = resolved.pathname + resolved.search + resolved.hash;
  // A path that starts with two slashes (`/.//evil` resolves to `//evil`) is another host for a browser.
  if (path.startsWith('//')) return null;
  // The serialised path must resolve to itself on this origin: what we send is exactly what we checked.
  const again = resolve(path);
  if (!again || again.href !== resolved.href) return null;
  if (REFUSED.has(resolved.pathname)) return null;
  if (options.within && !resolved.pathname.startsWith(options.within)) return null;
  return path;
}

function resolve(path: string): URL | null {
  try {
    const url = new URL(path, ORIGIN);
    return url.origin === ORIGIN ? url : null;
  } catch {
    return null;
  }
}
