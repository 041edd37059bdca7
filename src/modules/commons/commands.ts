/** The commons commands of the `bibliotheque-ia` CLI. */
import type { Command } from '../../platform/module.ts';
import type { CommonsServices } from './services/index.ts';

export function commonsCommands(_services: CommonsServices): Record<string, Command> {
  return {};
}
