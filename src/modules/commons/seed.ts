/** The demo content of commons (demo mode only). */
import type { Platform } from '../../platform/platform.ts';
import type { CommonsPorts } from './ports.ts';
import type { CommonsServices } from './services/index.ts';

export async function seedDemo(
  _services: CommonsServices,
  _ports: CommonsPorts,
  _log: (line: string) => void,
  _platform: Platform,
): Promise<void> {}
