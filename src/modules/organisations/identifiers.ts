/**
 * SIREN and SIRET: the identifiers of French legal units and their establishments. Checks (Luhn, La Poste's
 * exception), normalisation of what people type or paste, and display. Pure code.
 */

/** La Poste's SIREN: its establishments' SIRETs use a different control rule (sum of digits multiple of 5). */
export const LA_POSTE_SIREN = '356000000';

export type IdentifierKind = 'SIREN' | 'SIRET';
export type IdentifierErrorCode = 'required' | 'characters' | 'length' | 'checksum' | 'siren_checksum';

export type IdentifierResult =
  | { ok: true; value: string }
  | { ok: false; code: IdentifierErrorCode; message: string; value: string };

/** Removes the separators people type or paste: spaces (including non-breaking ones), dots and hyphens. */
export function normaliseIdentifier(input: string): string {
  return input.replace(/[\s\u00a0\u202f.-]/g, '');
}

/** Luhn (mod 10) check on a string of digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function digitSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += digits.charCodeAt(i) - 48;
  return sum;
}

/** SIRET control: Luhn on 14 digits, except La Poste's establishments whose digit sum is a multiple of 5. */
export function siretChecksumValid(siret: string): boolean {
  if (luhnValid(siret)) return true;
  return siret.startsWith(LA_POSTE_SIREN) && /^\d{14}$/.test(siret) && digitSum(siret) % 5 === 0;
}

function digitsWord(n: number): string {
  return n <= 1 ? `${n} saisi` : `${n} saisis`;
}

/** A refused identifier, with the reason. */
function refused(code: IdentifierErrorCode, value: string, message: string): IdentifierResult {
  return { ok: false, code, value, message };
}

function validateIdentifier(input: string, kind: IdentifierKind, expected: number): IdentifierResult {
  const value = normaliseIdentifier(input ?? '');
  const article = kind === 'SIREN' ? 'Le numéro SIREN' : 'Le numéro SIRET';
  if (value === '') return refused('required', value, `Saisissez le numéro ${kind}.`);
  const bad = value.match(/[^0-9]/);
  if (bad) {
    return refused(
      'characters',
      value,
      `${article} ne doit contenir que des chiffres (caractère « ${bad[0]} » non admis).`,
    );
  }
  if (value.length !== expected) {
    return refused('length', value, `Le ${kind} doit compter ${expected} chiffres (${digitsWord(value.length)}).`);
  }
  if (/^0+$/.test(value)) return refused('checksum', value, `${article} ${value} n'est pas valide (que des zéros).`);
  return { ok: true, value };
}

/** Validates a SIREN (9 digits, Luhn key). Separators are removed first. */
export function validateSiren(input: string): IdentifierResult {
  const r = validateIdentifier(input, 'SIREN', 9);
  if (!r.ok) return r;
  if (!luhnValid(r.value)) {
    return refused('checksum', r.value, `Le numéro SIREN ${r.value} n'est pas valide (clé de contrôle incorrecte).`);
  }
  return r;
}

/**
 * Validates a SIRET (14 digits = SIREN + NIC). Both the SIREN part and the whole SIRET must pass their control,
 * with La Poste's exception for the whole SIRET.
 */
export function validateSiret(input: string): IdentifierResult {
  const r = validateIdentifier(input, 'SIRET', 14);
  if (!r.ok) return r;
  const siren = r.value.slice(0, 9);
  if (!luhnValid(siren)) {
    return refused(
      'siren_checksum',
      r.value,
      `Le numéro SIRET ${r.value} n'est pas valide : son SIREN ${siren} (9 premiers chiffres) a une clé de contrôle incorrecte.`,
    );
  }
  if (!siretChecksumValid(r.value)) {
    return refused('checksum', r.value, `Le numéro SIRET ${r.value} n'est pas valide (clé de contrôle incorrecte).`);
  }
  return r;
}

export function sirenOfSiret(siret: string): string {
  return normaliseIdentifier(siret).slice(0, 9);
}

/** « 217 500 016 » */
export function formatSiren(siren: string): string {
  return /^\d{9}$/.test(siren) ? `${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}` : siren;
}

/** « 217 500 016 00019 » */
export function formatSiret(siret: string): string {
  return /^\d{14}$/.test(siret) ? `${formatSiren(siret.slice(0, 9))} ${siret.slice(9)}` : siret;
}
