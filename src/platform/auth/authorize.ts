/**
 * The one authorisation entry point: `authorize(actor, action, resource)`.
 *
 * Each module declares its actions in its `policy.ts`: pure rules (actor, resource) → boolean, typed by augmenting
 * `Rules`, and hands them to the platform through its module definition (`rules`). Every service entry point that
 * reveals restricted data or changes anything calls `authorize` (or `can`, to choose what to show) first.
 *
 *   declare module '../../platform/auth/authorize.ts' {
 *     interface Rules { 'use_case.review': Rule<void>; 'use_case.write': Rule<{ organisationId: number }> }
 *   }
 *
 * Action names are `<entity>.<verb>` in English (`use_case.publish`, `campaign.manage`).
 * A refused anonymous actor gets 401 (sign in, then retry); a refused signed-in actor gets 403.
 */
import { forbidden, unauthorized } from '../http/errors.ts';
import type { CurrentUser } from './user.ts';

export type Actor = CurrentUser | null;
export type Rule<R = void> = (actor: Actor, resource: R) => boolean;

// biome-ignore lint/suspicious/noEmptyInterface: filled by the modules' declaration merging.
export interface Rules {}
export type Action = keyof Rules & string;
type ResourceOf<A extends Action> = Rules[A] extends Rule<infer R> ? R : never;
/** A module's rules, as its definition hands them to the platform. */
export type RuleSet = { [A in Action]?: Rules[A] };

const registry = new Map<string, Rule<any>>();

/** Wiring time: adds a module's rules. An action is declared by one module only. */
export function registerRules(rules: RuleSet): void {
  for (const [action, rule] of Object.entries(rules)) {
    if (!rule) continue;
    const existing = registry.get(action);
    if (existing && existing !== rule) throw new Error(`règle d'autorisation déclarée deux fois : ${action}`);
    registry.set(action, rule as Rule<any>);
  }
}

/** Whether `actor` may do `action` on `resource` (to choose what to show; acts go through `authorize`). */
export function can<A extends Action>(actor: Actor, action: A, ...resource: ResourceArgs<A>): boolean {
  const rule = registry.get(action);
  if (!rule) throw new Error(`aucune règle d'autorisation pour « ${action} »`);
  return rule(actor, resource[0]);
}

/** Throws 401 (anonymous) or 403 (signed in) unless `actor` may do `action` on `resource`. */
export function authorize<A extends Action>(actor: Actor, action: A, ...resource: ResourceArgs<A>): void {
  if (can(actor, action, ...resource)) return;
  throw actor ? forbidden() : unauthorized();
}

/** The actions known to the application (tests: every declared action is exercised). */
export function registeredActions(): string[] {
  return [...registry.keys()].sort();
}

// biome-ignore lint/suspicious/noConfusingVoidType: actions without a resource are declared with `void`.
type ResourceArgs<A extends Action> = [ResourceOf<A>] extends [void] ? [] | [undefined] : [ResourceOf<A>];
