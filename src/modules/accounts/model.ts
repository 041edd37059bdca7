/**
 * Accounts: types, lifetimes of one-time links and pure validation rules. No I/O here.
 */
import { GLOBAL_ROLES, type GlobalRole } from '../../platform/auth/user.ts';
import type { FieldErrors } from '../../platform/http/errors.ts';

/** What a one-time link stored in `auth_tokens` is for. */
export type TokenPurpose = 'confirm' | 'reset' | 'magic' | 'email';

/** How long each kind of link stays valid, in milliseconds. */
export const TOKEN_LIFETIME: Record<TokenPurpose | 'cli', number> = {
  confirm: 48 * 3600_000,
  reset: 3600_000,
  magic: 15 * 60_000,
  email: 24 * 3600_000,
  /** Links printed by `bibliotheque-ia user:create` (a magic link that lives longer: it is handed over by a person). */
  cli: 24 * 3600_000,
};

/** The same limit on every endpoint that sends mail or checks a secret: 10 attempts per minute and per address. */
export const AUTH_RATE_LIMIT = { max: 10, timeWindow: '1 minute' } as const;

export const ROLE_LABELS: Record<GlobalRole, string> = {
  user: 'Utilisateur',
  coordinator: 'Coordination du réseau',
  admin: 'Administration',
};

export const ROLE_HINTS: Record<GlobalRole, string> = {
  user: 'Consulte la bibliothèque ; peut rejoindre une collectivité et contribuer pour elle.',
  coordinator: 'Construit les recensements, relit et publie les fiches, modère.',
  admin: 'Gère les comptes, les collectivités et les réglages de la plateforme.',
};

/** French labels of the audit actions this module writes; other modules' codes are shown as they are. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'user.created': 'Compte créé',
  'user.role_changed': 'Rôle modifié',
  'user.disabled': 'Compte désactivé',
  'user.enabled': 'Compte réactivé',
  'user.deleted': 'Compte supprimé par son titulaire',
  'user.anonymised': 'Compte anonymisé à la demande de son titulaire',
};

export interface User {
  id: number;
  email: string;
  name: string;
  role: GlobalRole;
  emailConfirmedAt: string | null;
  disabledAt: string | null;
  createdAt: string;
  hasPassword: boolean;
  oidcLinked: boolean;
}

export type UserStatus = 'active' | 'unconfirmed' | 'disabled';

export function userStatus(u: Pick<User, 'emailConfirmedAt' | 'disabledAt'>): UserStatus {
  if (u.disabledAt) return 'disabled';
  if (!u.emailConfirmedAt) return 'unconfirmed';
  return 'active';
}

export const STATUS_LABELS: Record<UserStatus, string> = {
  active: 'Actif',
  unconfirmed: 'Adresse non confirmée',
  disabled: 'Désactivé',
};

/** What other modules may know about a person. */
export interface UserSummary {
  id: number;
  email: string;
  name: string;
  /** True for a disabled account (it receives no mail). */
  disabled?: boolean;
}

/** One line of the audit log as the administration page shows it (people named). */
export interface AuditView {
  id: number;
  at: string;
  actor: { id: number; label: string } | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  subjectLabel: string | null;
  details: Record<string, unknown>;
}

/** An authority the person belongs to (or asked to join), as read from the organisations module. */
export interface MyAuthority {
  organisationId: number;
  name: string;
  role: 'member' | 'editor';
  status: 'pending' | 'active' | 'refused';
  href?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------------------------

export function normaliseEmail(value: unknown): string {
  return typeof value === 'string' ? value.trim().toLowerCase() : '';
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;

/** A French message when the address cannot be an email address, otherwise null. */
export function emailProblem(email: string): string | null {
  if (!email) return 'Saisissez votre adresse électronique.';
  if (email.length > 254) return "L'adresse électronique ne peut pas dépasser 254 caractères.";
  if (!EMAIL.test(email)) return 'Saisissez une adresse électronique valide, par exemple prenom.nom@mairie-exemple.fr.';
  return null;
}

export function normaliseName(value: unknown): string {
  return typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : '';
}

export function nameProblem(name: string): string | null {
  if (!name) return 'Saisissez votre nom.';
  if (name.length > 120) return 'Le nom ne peut pas dépasser 120 caractères.';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'Le nom contient des caractères non autorisés.';
  return null;
}

export function isGlobalRole(value: unknown): value is GlobalRole {
  return typeof value === 'string' && (GLOBAL_ROLES as string[]).includes(value);
}

export function roleProblem(value: unknown): string | null {
  if (isGlobalRole(value)) return null;
  return `Rôle inconnu${typeof value === 'string' && value ? ` « ${value} »` : ''} : choisissez user (utilisateur), coordinator (coordination du réseau) ou admin (administration).`;
}

/** Where to go after signing in: the platform's one return-path reader (same-origin paths only). */
export { safeReturnPath } from '../../platform/http/return-path.ts';

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
}

/** Validates a sign-up form; `passwordProblem` comes from the platform's password rules. */
export function signUpProblems(input: SignUpInput, passwordProblem: (p: string) => string | null): FieldErrors {
  const errors: FieldErrors = {};
  const name = nameProblem(input.name);
  if (name) errors.name = name;
  const email = emailProblem(input.email);
  if (email) errors.email = email;
  const password = input.password ? passwordProblem(input.password) : 'Choisissez un mot de passe.';
  if (password) errors.password = password;
  return errors;
}

/** Display name for lists: the name, or the address when no name was given. */
export function displayName(u: { name: string; email: string }): string {
  return u.name || u.email;
}
