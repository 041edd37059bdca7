/** Creating or refreshing an entry from a publiccode.yml file (filled in later in this session). */
import type { CommonsPorts } from '../ports.ts';
import type { CommonsStore } from '../store.ts';
import type { WritingService } from './writing.ts';

export function createPubliccodeService(_deps: { store: CommonsStore; writing: WritingService; ports: CommonsPorts }) {
  return {};
}
