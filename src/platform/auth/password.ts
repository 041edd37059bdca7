import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { dictionary } from '@zxcvbn-ts/language-common';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
const N = 16384;
const r = 8;
const p = 1;
const KEYLEN = 32;

/** scrypt hash as `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { N, r, p, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  if (!stored) {
    // Same work as a real check, so that timing does not reveal whether an account exists.
    await hashPassword(password);
    return false;
  }
  const [scheme, n, rr, pp, saltText, keyText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !keyText) return false;
  const expected = Buffer.from(keyText, 'base64url');
  const key = await scrypt(password, Buffer.from(saltText, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(rr),
    p: Number(pp),
    maxmem: 64 * 1024 * 1024,
  });
  return timingSafeEqual(key, expected);
}

export const COMMON_PASSWORD =
  'Ce mot de passe fait partie des plus courants, ceux que l’on essaie en premier : choisissez-en un autre, par exemple une phrase de quelques mots.';

let common: Set<string> | null = null;
/** The common passwords of @zxcvbn-ts/language-common (a maintained list, ~49,000 entries), loaded once. */
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

/**
 * True for a password found in the list of common passwords, ignoring case and spaces, alone or surrounded by
 * digits and symbols (« Azerty123456! », « 2024motdepasse »), or made of one short piece repeated (« azertyazerty »).
 */
export function isCommonPassword(password: string): boolean {
  const list = commonPasswords();
  const plain = password.toLowerCase().replace(/\s+/g, '');
  if (list.has(plain)) return true;
  const core = plain.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (core.length >= 4 && list.has(core)) return true;
  if (/^(.{1,6})\1+$/u.test(plain)) return true;
  return false;
}

/** French rules for a new password; returns a message or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < 12) return 'Le mot de passe doit compter au moins 12 caractères.';
  if (password.length > 200) return 'Le mot de passe ne peut pas dépasser 200 caractères.';
  if (isCommonPassword(password)) return COMMON_PASSWORD;
  return null;
}
