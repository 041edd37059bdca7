/**
 * Who may do what with accounts, in one place. Pure functions: (actor, resource) → decision.
 * Routes and the service ask these; nothing else decides.
 */
import { type CurrentUser, type GlobalRole, isAdmin } from '../../platform/auth/user.ts';

/** Anyone signed in manages their own account (profile, password, data export, deletion). */
export const canManageOwnAccount = (actor: CurrentUser | null): boolean => actor !== null;

/** The administration pages (dashboard, users, audit log, mail outbox) are for administrators only. */
export const canAdminister = (actor: CurrentUser | null): boolean => isAdmin(actor);
export const canListUsers = canAdminister;
export const canViewAuditLog = canAdminister;
export const canViewOutbox = canAdminister;

/**
 * Why a role change is refused (French, shown to the administrator), or null when allowed.
 * An administrator cannot remove their own administrator role: the platform must never lose its last
 * administrator by accident, and nobody demotes themselves by a slip of the mouse.
 */
export function roleChangeRefusal(actor: CurrentUser | null, target: { id: number }, role: GlobalRole): string | null {
  if (!isAdmin(actor)) return "Seuls les administrateurs peuvent changer le rôle d'un compte.";
  if (actor!.id === target.id && role !== 'admin') {
    return "Vous ne pouvez pas retirer votre propre rôle d'administrateur. Demandez à un autre administrateur de le faire.";
  }
  return null;
}

/** Why disabling (or enabling) a user is refused, or null when allowed. */
export function disableRefusal(actor: CurrentUser | null, target: { id: number }, disable: boolean): string | null {
  if (!isAdmin(actor)) return 'Seuls les administrateurs peuvent désactiver ou réactiver un compte.';
  if (disable && actor!.id === target.id) return 'Vous ne pouvez pas désactiver votre propre compte.';
  return null;
}

/** Why deleting one's own account is refused, or null when allowed. */
export function selfDeletionRefusal(actor: CurrentUser | null, otherActiveAdmins: number): string | null {
  if (!actor) return 'Vous devez être connecté pour supprimer votre compte.';
  if (isAdmin(actor) && otherActiveAdmins === 0) {
    return "Vous êtes le seul administrateur : nommez d'abord un autre administrateur avant de supprimer votre compte.";
  }
  return null;
}
