/** Small value helpers of the library's domain: slugs, dates as people type them, web addresses, e-mail, text. */

/** « Prévision des repas — cantines » -> « prevision-des-repas-cantines ». */
export function slugify(text: string, maxLength = 80): string {
  const slug = text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, maxLength).replace(/-+$/, '') || 'fiche';
}

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

function validYmd(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Reads a date as people type it and returns an ISO partial date, or null when it is not one:
 * « 2024 » -> 2024; « 3/2024 », « 03/2024 », « 2024-03 » -> 2024-03; « 15/03/2024 », « 2024-03-15 » -> 2024-03-15.
 */
export function parsePartialDate(input: string): string | null {
  const s = input.trim();
  let m = /^(\d{4})$/.exec(s);
  if (m) return validYmd(Number(m[1]), 1, 1) ? m[1]! : null;
  m = /^(\d{4})-(\d{1,2})$/.exec(s) ?? null;
  if (m) return validYmd(Number(m[1]), Number(m[2]), 1) ? `${m[1]}-${pad2(Number(m[2]))}` : null;
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return validYmd(Number(m[2]), Number(m[1]), 1) ? `${m[2]}-${pad2(Number(m[1]))}` : null;
  const full = parseFullDate(s);
  return full;
}

/** « 15/03/2024 », « 15-03-2024 », « 2024-03-15 » -> 2024-03-15 (day first: French order); null otherwise. */
export function parseFullDate(input: string): string | null {
  const s = input.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validYmd(y, mo, d) ? `${y}-${pad2(mo)}-${pad2(d)}` : null;
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validYmd(y, mo, d) ? `${y}-${pad2(mo)}-${pad2(d)}` : null;
  }
  return null;
}

export function isPartialDate(value: string): boolean {
  return /^\d{4}(-\d{2}(-\d{2})?)?$/.test(value) && parsePartialDate(value) === value;
}

export function isFullDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && parseFullDate(value) === value;
}

/** « 2024-03 » -> « mars 2024 »; « 2024-03-05 » -> « 5 mars 2024 »; « 2024 » -> « 2024 ». */
export function formatPartialDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  if (!m) return y ?? '';
  const month = MONTHS[Number(m) - 1] ?? m;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

/** The year of a partial date (facets « année de démarrage »). */
export function yearOf(iso: string | null): number | null {
  if (!iso) return null;
  const y = Number(iso.slice(0, 4));
  return Number.isInteger(y) ? y : null;
}

const URL_RE = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

export function isWebUrl(value: string): boolean {
  if (!URL_RE.test(value)) return false;
  try {
    const u = new URL(value);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname.includes('.');
  } catch {
    return false;
  }
}

const EMAIL_RE = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[a-z]{2,}$/i;

export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL_RE.test(value);
}

/** Text as stored: trimmed, Windows line ends unified, empty -> null. */
export function cleanText(value: unknown): string | null {
  if (value == null) return null;
  const s = String(value).replace(/\r\n?/g, '\n').trim();
  return s === '' ? null : s;
}
