/**
 * Which addresses the server may fetch a logo from: never its own network. Pure code (the resolver is given), so that
 * the rules are tested without a network.
 */
import { isIP } from 'node:net';

/** A resolver: every address a host name resolves to (the system's `dns.lookup` in production, a stub in tests). */
export type Resolve = (host: string) => Promise<readonly { address: string; family: number }[]>;

function privateV4(bytes: readonly number[]): boolean {
  const [a, b, c] = bytes as [number, number, number, number];
  return (
    a === 0 || // « this network »
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // shared address space (carrier-grade NAT)
    (a === 169 && b === 254) || // link-local
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && c === 0) || // IETF protocol assignments
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast, reserved, broadcast
  );
}

/** The 16 bytes of an IPv6 address (with an IPv4 tail or not), or null when it is not one. */
export function ipv6Bytes(address: string): number[] | null {
  let text = address.toLowerCase().replace(/%.*$/, '');
  if (isIP(text) !== 6) return null;
  // An IPv4 tail (« ::ffff:127.0.0.1 ») is written as its two groups (« ::ffff:7f00:1 »).
  text = text.replace(
    /(\d+)\.(\d+)\.(\d+)\.(\d+)$/,
    (_m, a, b, c, d) => `${((Number(a) << 8) | Number(b)).toString(16)}:${((Number(c) << 8) | Number(d)).toString(16)}`,
  );
  const groups = (s: string) => (s ? s.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const halves = text.split('::');
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  const all = halves.length === 2 ? [...left, ...Array(8 - left.length - right.length).fill(0), ...right] : left;
  if (all.length !== 8 || all.some((g) => !(g >= 0 && g <= 0xffff))) return null;
  return all.flatMap((g) => [(g >> 8) & 0xff, g & 0xff]);
}

/**
 * Loopback, private, link-local, unique-local, multicast and reserved addresses, in IPv4 and IPv6, including IPv4
 * addresses written as IPv6 (« ::ffff:127.0.0.1 », « ::ffff:7f00:1 », NAT64 « 64:ff9b::a00:1 », 6to4 « 2002:a00:1:: »).
 * Anything that is not an IP address counts as private (it is never connected to).
 */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  if (isIP(bare) === 4) return privateV4(bare.split('.').map(Number));
  const b = ipv6Bytes(bare);
  if (!b) return true;
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zeros(0, 15) && (b[15] === 0 || b[15] === 1)) return true; // :: and ::1
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return privateV4(b.slice(12)); // IPv4-mapped
  if (zeros(0, 12)) return privateV4(b.slice(12)); // IPv4-compatible (deprecated)
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return privateV4(b.slice(12));
  if (b[0] === 0x20 && b[1] === 0x02) return privateV4(b.slice(2, 6)); // 6to4
  if ((b[0]! & 0xfe) === 0xfc) return true; // unique local fc00::/7
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0x80) return true; // link-local fe80::/10
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0xc0) return true; // site-local fec0::/10 (deprecated)
  if (b[0] === 0xff) return true; // multicast
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return true; // documentation
  return false;
}

export type Resolved = { ok: true; address: string; family: number } | { ok: false; reason: string };

/**
 * Resolves `host` once (an IP literal is not resolved) and picks the address to connect to: refused when it resolves
 * to nothing or when ANY of its addresses is not allowed (a name answering both a public and a private address is a
 * rebinding attempt).
 */
export async function resolveOnce(
  host: string,
  resolve: Resolve,
  allowed: (address: string) => boolean = (a) => !isPrivateAddress(a),
): Promise<Resolved> {
  const bare = host.replace(/^\[|\]$/g, '');
  const literal = isIP(bare);
  const addresses = literal
    ? [{ address: bare, family: literal }]
    : await resolve(bare).then(
        (list) => list.filter((a) => isIP(a.address)),
        () => [],
      );
  if (!addresses.length) return { ok: false, reason: 'site introuvable' };
  if (addresses.some((a) => !allowed(a.address))) return { ok: false, reason: 'adresse d’un réseau privé' };
  const first = addresses[0]!;
  return { ok: true, address: first.address, family: isIP(first.address) };
}
