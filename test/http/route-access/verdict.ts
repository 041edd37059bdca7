/**
 * How a response is read by the route × role test, and what each declaration expects of it.
 */
import { ACCESS, type Access, type AccessDenied, PERSONAS } from '../../../src/platform/http/access.ts';
import type { Persona, Sent } from './client.ts';

/**
 * ok: 2xx · redirect: 3xx elsewhere than the sign-in page with a return address · invalid: 400/409/422 (the request reached the service
 * and was refused on its content) · login: redirect to /connexion · denied: 401/403 · hidden: 404 · gone: 410 ·
 * error: 5xx · other: anything else (429…).
 */
export type Outcome = 'ok' | 'redirect' | 'invalid' | 'login' | 'denied' | 'hidden' | 'gone' | 'error' | 'other';

export function outcomeOf(sent: Sent): Outcome {
  const s = sent.status;
  // The error handler sends a refused visitor's page to /connexion?retour=… (a success may go to /connexion too).
  if (s >= 300 && s < 400) return /^\/connexion\?(.*&)?retour=/.test(sent.location) ? 'login' : 'redirect';
  if (s >= 200 && s < 300) return 'ok';
  if (s === 401 || s === 403) return 'denied';
  if (s === 404) return 'hidden';
  if (s === 410) return 'gone';
  if (s === 400 || s === 409 || s === 422) return 'invalid';
  if (s >= 500) return 'error';
  return 'other';
}

/** Outcomes that mean "this persona was let through". */
export const PASSED: ReadonlySet<Outcome> = new Set(['ok', 'redirect', 'invalid']);

export interface Expectation {
  allowed: boolean;
  accepted: ReadonlySet<Outcome>;
  /** « autorisé », « refusé », « lien valide », « lien faux ». */
  label: string;
}

export function expectationFor(
  access: Access,
  denied: AccessDenied | undefined,
  persona: Persona,
  link: 'valid' | 'wrong' | null,
): Expectation {
  if (access === 'link') {
    return link === 'wrong'
      ? { allowed: false, accepted: new Set(['denied', 'hidden', 'gone']), label: 'lien faux' }
      : { allowed: true, accepted: PASSED, label: 'lien valide' };
  }
  if (access.includes(persona)) return { allowed: true, accepted: PASSED, label: 'autorisé' };
  const accepted = new Set<Outcome>(['denied']);
  if (persona === 'visitor') accepted.add('login');
  if (denied === 404) accepted.add('hidden');
  if (denied === 'redirect') accepted.add('redirect');
  return { allowed: false, accepted, label: 'refusé' };
}

const SHORT: Record<Outcome, string> = {
  ok: 'ok',
  redirect: 'redirection',
  invalid: 'refus du contenu',
  login: 'vers connexion',
  denied: 'refusé',
  hidden: 'introuvable',
  gone: 'expiré',
  error: 'erreur serveur',
  other: 'autre',
};

export function describeSent(sent: Sent): string {
  const o = outcomeOf(sent);
  const where = sent.location ? ` → ${sent.location.split('?')[0]}` : '';
  return `${sent.status}${where} (${SHORT[o]})`;
}

/** The ACCESS preset (by name) whose personas are exactly those that passed, or the list itself. */
export function suggestAccess(passed: readonly Persona[]): string {
  const key = [...passed].sort().join(',');
  for (const [name, value] of Object.entries(ACCESS)) {
    if (value === 'link') continue;
    if ([...value].sort().join(',') === key) return `ACCESS.${name}`;
  }
  return passed.length
    ? `[${PERSONAS.filter((p) => passed.includes(p))
        .map((p) => `'${p}'`)
        .join(', ')}]`
    : '[] (personne)';
}
