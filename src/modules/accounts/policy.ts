/**
 * Who may do what with accounts, in one place: the `rules` handed to `authorize` (platform/auth/authorize.ts), and
 * the refusals that depend on the target (shown to the administrator as field messages).
 */
import { type Actor, authorize, can, type Rule, type RuleSet } from '../../platform/auth/authorize.ts';
import { type GlobalRole, isAdmin } from '../../platform/auth/user.ts';
import { forbidden } from '../../platform/http/errors.ts';

declare module '../../platform/auth/authorize.ts' {
  interface Rules {
    /** One's own account: profile, address, password, data export, deletion. */
    'account.manage': Rule<void>;
    /** The administration dashboard (/admin). */
    'administration.view': Rule<void>;
    /** The list of users and each user's page. */
    'user.view': Rule<void>;
    /** Changing a user's global role, disabling or enabling an account. */
    'user.manage': Rule<void>;
    /** The audit log. */
    'audit_log.view': Rule<void>;
    /** The local mail outbox. */
    'mail_outbox.view': Rule<void>;
  }
}

const signedIn: Rule<void> = (actor) => actor !== null;
const administrators: Rule<void> = (actor) => isAdmin(actor);

export const rules = {
  'account.manage': signedIn,
  'administration.view': administrators,
  'user.view': administrators,
  'user.manage': administrators,
  'audit_log.view': administrators,
  'mail_outbox.view': administrators,
} satisfies RuleSet;

type AdminAction = 'administration.view' | 'user.view' | 'user.manage' | 'audit_log.view' | 'mail_outbox.view';

/** `authorize` for the administration pages, with their French refusal for signed-in people. */
export function authorizeAdministration(actor: Actor, action: AdminAction): void {
  if (actor && !can(actor, action)) throw forbidden("Cette page est réservée à l'administration de la plateforme.");
  authorize(actor, action);
}

/**
 * Why a role change is refused (French, shown to the administrator), or null when allowed.
 * An administrator cannot remove their own administrator role: the platform must never lose its last
 * administrator by accident, and nobody demotes themselves by a slip of the mouse.
 */
export function roleChangeRefusal(actor: Actor, target: { id: number }, role: GlobalRole): string | null {
  if (!isAdmin(actor)) return "Seuls les administrateurs peuvent changer le rôle d'un compte.";
  if (actor!.id === target.id && role !== 'admin') {
    return "Vous ne pouvez pas retirer votre propre rôle d'administrateur. Demandez à un autre administrateur de le faire.";
  }
  return null;
}

/** Why disabling (or enabling) a user is refused, or null when allowed. */
export function disableRefusal(actor: Actor, target: { id: number }, disable: boolean): string | null {
  if (!isAdmin(actor)) return 'Seuls les administrateurs peuvent désactiver ou réactiver un compte.';
  if (disable && actor!.id === target.id) return 'Vous ne pouvez pas désactiver votre propre compte.';
  return null;
}

/** Why deleting one's own account is refused, or null when allowed. */
export function selfDeletionRefusal(actor: Actor, otherActiveAdmins: number): string | null {
  if (!actor) return 'Vous devez être connecté pour supprimer votre compte.';
  if (isAdmin(actor) && otherActiveAdmins === 0) {
    return "Vous êtes le seul administrateur : nommez d'abord un autre administrateur avant de supprimer votre compte.";
  }
  return null;
}
