/** Who may see the editorial pages' restricted parts: the coordination hub is for coordinators and administrators. */
import { type Actor, authorize, can, type Rule, type RuleSet } from '../../platform/auth/authorize.ts';
import { isCoordinator } from '../../platform/auth/user.ts';
import { forbidden } from '../../platform/http/errors.ts';

declare module '../../platform/auth/authorize.ts' {
  interface Rules {
    /** The coordination hub (/coordination). */
    'coordination_hub.view': Rule<void>;
  }
}

export const rules = {
  'coordination_hub.view': (actor) => isCoordinator(actor),
} satisfies RuleSet;

/** `authorize`, with the hub's French refusal for signed-in people who do not coordinate the network. */
export function authorizeHub(actor: Actor): void {
  if (actor && !can(actor, 'coordination_hub.view'))
    throw forbidden('Cet espace est réservé aux coordinateurs du réseau.');
  authorize(actor, 'coordination_hub.view');
}
