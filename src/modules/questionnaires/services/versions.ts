/** Published questionnaire versions never change: read once, kept in memory (autosave reads one on every request). */
import { notFound } from '../../../platform/http/errors.ts';
import type { QuestionnaireVersion } from '../records.ts';
import type { QuestionnairesStore } from '../store.ts';

export interface VersionReader {
  /** A published version, or the French 404. */
  version(id: number): Promise<QuestionnaireVersion>;
}

export function createVersionReader(store: QuestionnairesStore, maxSize = 500): VersionReader {
  const cache = new Map<number, QuestionnaireVersion>();
  return {
    async version(id) {
      const cached = cache.get(id);
      if (cached) return cached;
      const v = await store.findVersion(id);
      if (!v) throw notFound("Cette version du questionnaire n'existe pas.");
      if (cache.size >= maxSize) cache.clear();
      cache.set(id, v);
      return v;
    },
  };
}
