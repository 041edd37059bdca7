/**
 * Campaigns: pure rules (state from dates, targets, SIREN lists, reminder dates, invitation tokens).
 * No I/O; `node:crypto` is used only to derive invitation tokens (server side).
 */
import { createHmac } from 'node:crypto';
import { isOrganisationType, type OrganisationType, validateSiren, validateSiret } from '../organisations/index.ts';

export type CampaignState = 'scheduled' | 'open' | 'closed';

export const CAMPAIGN_STATE_LABELS: Record<CampaignState, string> = {
  scheduled: 'Programmée',
  open: 'Ouverte',
  closed: 'Close',
};

export interface CampaignDates {
  opensAt: string;
  closesAt: string;
  closedAt: string | null;
  /** null: prepared, not launched yet (then it is not open to anyone). */
  launchedAt?: string | null;
}

/** A campaign is open between its opening and closing dates, unless a coordinator closed it early (`at`: the clock). */
export function campaignState(c: CampaignDates, at: Date): CampaignState {
  if (c.closedAt || at.getTime() >= new Date(c.closesAt).getTime()) return 'closed';
  if (at.getTime() < new Date(c.opensAt).getTime() || c.launchedAt === null) return 'scheduled';
  return 'open';
}

/** How the authorities of a campaign were chosen (kept for display; invitations are resolved at creation). */
export interface TargetSpec {
  types: OrganisationType[];
  regions: string[];
  departements: string[];
  organisationIds: number[];
  /** Members of these networks (ids of the directory's networks); absent in campaigns made before networks. */
  networks?: number[];
  /** SIREN codes from a pasted or uploaded list, with optional contact e-mails. */
  sirens: { siren: string; emails: string[] }[];
}

export const emptyTargets = (): TargetSpec => ({
  types: [],
  regions: [],
  departements: [],
  organisationIds: [],
  networks: [],
  sirens: [],
});

export function hasTargets(t: TargetSpec): boolean {
  return (
    t.types.length +
      t.regions.length +
      t.departements.length +
      t.organisationIds.length +
      (t.networks ?? []).length +
      t.sirens.length >
    0
  );
}

/** Reads target fields of the campaign form leniently (unknown types dropped). */
export function readTargets(form: Record<string, unknown>): TargetSpec {
  const list = (v: unknown) =>
    (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]).map((x) => String(x).trim()).filter(Boolean);
  return {
    types: list(form.types).filter(isOrganisationType),
    regions: list(form.regions).filter((r) => /^[0-9]{2,3}$/.test(r)),
    departements: list(form.departements).filter((d) => /^[0-9]{2,3}$|^2[AB]$/.test(d)),
    organisationIds: list(form.organisationIds)
      .map(Number)
      .filter((n) => Number.isSafeInteger(n) && n > 0),
    networks: list(form.networks)
      .map(Number)
      .filter((n) => Number.isSafeInteger(n) && n > 0),
    sirens: [],
  };
}

export interface SirenListResult {
  entries: { siren: string; emails: string[]; line: number }[];
  /** Line-numbered French errors (line 1 is the first line). */
  errors: { line: number; message: string }[];
}

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/**
 * Reads a list of SIREN (or SIRET) codes, one per line, optionally followed by contact e-mails; separators: comma,
 * semicolon or tab (a CSV exported by a spreadsheet works). A header line is skipped; blank lines are ignored.
 */
export function parseSirenList(text: string): SirenListResult {
  const entries: SirenListResult['entries'] = [];
  const errors: SirenListResult['errors'] = [];
  const seen = new Set<string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const cells = raw
      .split(/[;,\t]/)
      .map((c) => c.trim().replace(/^"|"$/g, '').trim())
      .filter((c) => c !== '');
    if (cells.length === 0) return;
    const code = cells[0]!;
    if (line === 1 && !/\d/.test(code)) return; // header
    const digits = code.replace(/[\s.]/g, '');
    const checked = digits.length === 14 ? validateSiret(digits) : validateSiren(digits);
    if (!checked.ok) {
      errors.push({ line, message: `Ligne ${line} : ${checked.message}` });
      return;
    }
    const siren = checked.value.slice(0, 9);
    const emails: string[] = [];
    for (const cell of cells.slice(1)) {
      if (EMAIL.test(cell)) emails.push(cell.toLowerCase());
      else errors.push({ line, message: `Ligne ${line} : « ${cell} » n'est pas une adresse e-mail valide.` });
    }
    if (seen.has(siren)) {
      const previous = entries.find((e) => e.siren === siren)!;
      for (const e of emails) if (!previous.emails.includes(e)) previous.emails.push(e);
      return;
    }
    seen.add(siren);
    entries.push({ siren, emails, line });
  });
  return { entries, errors };
}

/** Reminder instants: `days` before closing, at 9:00 Paris time (8:00 UTC), only those after `at`. */
export function reminderDates(closesAt: string, days: number[], at: Date): Date[] {
  const close = new Date(closesAt);
  return [...new Set(days)]
    .filter((d) => Number.isInteger(d) && d > 0 && d < 365)
    .map((d) => {
      const x = new Date(close.getTime() - d * 86_400_000);
      x.setUTCHours(8, 0, 0, 0);
      return x;
    })
    .filter((x) => x.getTime() > at.getTime() && x.getTime() < close.getTime())
    .sort((a, b) => a.getTime() - b.getTime());
}

export function parseReminderDays(text: string): number[] | null {
  const t = text.trim();
  if (t === '') return [];
  const parts = t.split(/[\s,;]+/).map(Number);
  if (parts.some((n) => !Number.isInteger(n) || n < 1 || n > 90)) return null;
  return [...new Set(parts)].sort((a, b) => b - a);
}

/**
 * The invitation token is derived from a random nonce and the server secret (HMAC): it is never stored, only its
 * hash is, yet a reminder can mail the same link again. Renewing an invitation draws a new nonce (the old link
 * stops working).
 */
export function invitationToken(secret: string, invitationKey: string, nonce: string): string {
  return createHmac('sha256', secret).update(`invitation:${invitationKey}:${nonce}`).digest('base64url');
}

/** A date-time from a form (`AAAA-MM-JJ` or `AAAA-MM-JJTHH:MM`, Paris time) as ISO UTC; null when unreadable. */
export function parseFormDate(input: string, endOfDay = false): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(input.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hh = m[4] !== undefined ? Number(m[4]) : endOfDay ? 23 : 0;
  const mm = m[5] !== undefined ? Number(m[5]) : endOfDay ? 59 : 0;
  if (mo < 1 || mo > 12 || d < 1 || hh > 23 || mm > 59) return null;
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null;
  // Paris offset for that day (CET/CEST), computed without a time zone library.
  const guess = new Date(Date.UTC(y, mo - 1, d, hh, mm));
  const paris = new Date(guess.toLocaleString('en-US', { timeZone: 'Europe/Paris' }));
  const utc = new Date(guess.toLocaleString('en-US', { timeZone: 'UTC' }));
  const offset = paris.getTime() - utc.getTime();
  return new Date(guess.getTime() - offset).toISOString();
}

/** An ISO instant as the value of an `<input type="date">` (Paris time). */
export function toFormDate(iso: string): string {
  const d = new Date(iso);
  const parts = new Intl.DateTimeFormat('fr-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);
  return parts;
}
