/**
 * Addresses as they may be written to the logs: every secret they can carry is masked (one-time links' `jeton`,
 * invitation and public answer links' tokens in the path, OIDC `code`/`state`, a stray `_csrf`), so that reading the
 * logs never gives someone else's access.
 */

/** Query parameters whose value is a secret (compared case-insensitively). */
const SECRET_PARAMETERS = new Set([
  'jeton',
  'token',
  '_csrf',
  'csrf',
  'code',
  'state',
  'cle',
  'key',
  'secret',
  'password',
]);

/** Path prefixes followed by a secret segment (answer links by invitation, public answer links). */
const SECRET_SEGMENTS = [/^(\/recensements\/lien\/)([^/?#]+)/, /^(\/recensements\/public\/)([^/?#]+)/];

export const MASK = '[masqué]';

export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  let path = q < 0 ? url : url.slice(0, q);
  for (const pattern of SECRET_SEGMENTS) path = path.replace(pattern, `$1${MASK}`);
  if (q < 0) return path;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {}
      return SECRET_PARAMETERS.has(name.toLowerCase()) ? `${rawName}=${MASK}` : pair;
    })
    .join('&');
  return `${path}?${query}`;
}
