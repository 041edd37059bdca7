/**
 * The synonyms of the library's search, kept by coordinators (/coordination/synonymes): list, add, change and delete
 * groups of expressions that mean the same thing (« vidéoprotection », « vidéosurveillance », « caméra »). The groups
 * are the platform's (src/platform/search/synonyms-store.ts, table search_synonyms) and apply to every search of the
 * library, the same on SQLite and PostgreSQL; this service only authorises, checks, records and tells the search
 * that what a text finds has changed.
 */
import type { Actor } from '../../../platform/auth/authorize.ts';
import type { Db } from '../../../platform/db/database.ts';
import { notFound } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { readExpressions, type SynonymGroup, type SynonymStore } from '../../../platform/search/index.ts';
import { authorizeOr } from '../policy.ts';

const REFUSED = 'Seuls les coordinateurs du réseau gèrent les synonymes de la recherche.';

export function createSynonymsService(deps: { platform: Platform; synonyms: SynonymStore; changed: () => void }) {
  const { platform, synonyms, changed } = deps;
  const { db, audit } = platform;

  async function write<T>(actor: Actor, action: string, act: (trx: Db) => Promise<T>, subject: (r: T) => number) {
    const result = await db.transaction().execute(async (trx) => {
      const r = await act(trx);
      await audit.record(
        { actorUserId: actor?.id ?? null, action, subjectType: 'synonym_group', subjectId: subject(r) },
        trx,
      );
      return r;
    });
    changed();
    return result;
  }

  return {
    /** Every group, by its first expression. */
    async list(actor: Actor): Promise<SynonymGroup[]> {
      authorizeOr(REFUSED, actor, 'synonym.manage');
      return synonyms.list();
    },

    async find(actor: Actor, id: number): Promise<SynonymGroup> {
      authorizeOr(REFUSED, actor, 'synonym.manage');
      const group = await synonyms.find(id);
      if (!group) throw notFound('Ce groupe de synonymes n’existe pas (ou plus).');
      return group;
    },

    /** `expressions` as typed (one per line): ValidationError with French messages on `expressions`. */
    async create(actor: Actor, expressions: string): Promise<SynonymGroup> {
      authorizeOr(REFUSED, actor, 'synonym.manage');
      const list = readExpressions(expressions);
      return write(
        actor,
        'synonym_group.created',
        (trx) => synonyms.create(list, trx),
        (g) => g.id,
      );
    },

    /** ConflictError when someone changed the group since `version` was read. */
    async update(actor: Actor, id: number, version: number, expressions: string): Promise<SynonymGroup> {
      authorizeOr(REFUSED, actor, 'synonym.manage');
      const list = readExpressions(expressions);
      return write(
        actor,
        'synonym_group.updated',
        (trx) => synonyms.update(id, version, list, trx),
        (g) => g.id,
      );
    },

    async remove(actor: Actor, id: number, version: number): Promise<void> {
      authorizeOr(REFUSED, actor, 'synonym.manage');
      await write(
        actor,
        'synonym_group.deleted',
        (trx) => synonyms.remove(id, version, trx),
        () => id,
      );
    },

    /** Reference data: the default groups, added once to a new installation. */
    async seedDefaults(): Promise<number> {
      const added = await synonyms.seedDefaults();
      if (added) changed();
      return added;
    },
  };
}

export type LibrarySynonyms = ReturnType<typeof createSynonymsService>;
