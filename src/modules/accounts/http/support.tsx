/** What the accounts routes share: forms, query schemas, breadcrumbs and the "re-render the form on 422" helper. */
import type { FastifyReply } from 'fastify';
import { type TSchema, Type } from 'typebox';
import { ValidationError } from '../../../platform/http/errors.ts';
import { formFields, textField } from '../../../platform/http/form.ts';
import type { HubLink } from '../../../platform/module.ts';
import type { AccountService } from '../services/account.ts';
import type { AdministrationService } from '../services/administration.ts';
import type { OidcService } from '../services/oidc.ts';
import type { OidcClient } from '../services/oidc-client.ts';
import type { PasswordResetService } from '../services/password-reset.ts';
import type { PersonalDataService } from '../services/personal-data.ts';
import type { RegistrationService } from '../services/registration.ts';
import type { SignInService } from '../services/sign-in.ts';
import type { OneTimeLinks } from '../services/support.ts';

/** The services the routes call (each plugin takes the ones it uses). */
export interface AccountsRouteDeps {
  links: Pick<OneTimeLinks, 'isValid'>;
  registration: RegistrationService;
  signIn: SignInService;
  passwordReset: PasswordResetService;
  oidc: OidcService;
  /** The OpenID Connect client, when an identity provider is configured. */
  oidcClient: OidcClient | null;
  account: AccountService;
  personalData: PersonalDataService;
  administration: AdministrationService;
  /** Other modules' administration pages, on the dashboard (between the users and the audit log). */
  adminLinks(): HubLink[];
  baseUrl: string;
}

/** The query string of a page that reads none: parameters are accepted and ignored. */
export const NoQuery = Type.Object({}, { description: 'aucun paramètre' });

/** A query string whose named parameters are texts (repeated ones allowed); other parameters are ignored. */
export function textQuery(...names: string[]): TSchema {
  const value = Type.Union([Type.String(), Type.Array(Type.String())]);
  return Type.Object(Object.fromEntries(names.map((n) => [n, Type.Optional(value)])), { additionalProperties: true });
}

// The forms of this module. Fields are read as texts; the services check them (French message per field).
const password = (label: string) => textField(label, { trim: false });
const retour = textField('Page de retour', { trim: false });
export const FORMS = {
  signUp: formFields({
    name: textField('Nom et prénom'),
    email: textField('Adresse électronique'),
    password: password('Mot de passe'),
  }),
  email: formFields({ email: textField('Adresse électronique'), retour }),
  signIn: formFields({ email: textField('Adresse électronique'), password: password('Mot de passe'), retour }),
  link: formFields({ jeton: textField('Jeton'), retour, courriel: textField('Adresse électronique') }),
  newPassword: formFields({ jeton: textField('Jeton'), password: password('Nouveau mot de passe') }),
  name: formFields({ name: textField('Nom et prénom') }),
  emailChange: formFields({
    newEmail: textField('Nouvelle adresse électronique'),
    currentPasswordForEmail: password('Mot de passe actuel'),
  }),
  passwordChange: formFields({
    currentPassword: password('Mot de passe actuel'),
    newPassword: password('Nouveau mot de passe'),
  }),
  deletion: formFields({ confirm: textField('Confirmation') }),
  role: formFields({ role: textField('Rôle') }),
};

/** Runs a form action; a ValidationError re-renders the form (status 422) instead of an error page. */
export async function orForm<T>(
  action: () => Promise<T>,
  rerender: (errors: Record<string, string>, error: ValidationError) => FastifyReply | Promise<FastifyReply>,
): Promise<{ ok: true; value: T } | { ok: false; reply: FastifyReply }> {
  try {
    return { ok: true, value: await action() };
  } catch (e) {
    if (e instanceof ValidationError) return { ok: false, reply: await rerender(e.fields ?? {}, e) };
    throw e;
  }
}

export const AUTH_CRUMBS = (label: string) => [{ href: '/', label: 'Accueil' }, { label }];
export const ACCOUNT_CRUMBS = (label?: string) =>
  label
    ? [{ href: '/', label: 'Accueil' }, { href: '/compte', label: 'Mon compte' }, { label }]
    : [{ href: '/', label: 'Accueil' }, { label: 'Mon compte' }];
export const ADMIN_CRUMBS = (...trail: { href?: string; label: string }[]) => [
  { href: '/', label: 'Accueil' },
  { href: '/admin', label: 'Administration' },
  ...trail,
];
