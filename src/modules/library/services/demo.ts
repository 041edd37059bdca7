/** Demo content (demo mode): the use cases of seed.ts, created once (stable external keys `demo:<n>`). */
import { slugify } from '../model.ts';
import { demoRecords } from '../seed.ts';
import { type LibraryContext, uniqueSlug, unknownOrganisation } from './context.ts';
import { writtenRecord } from './import.ts';
import type { LibrarySearch } from './search.ts';

export function createDemoService({ platform, store, ports, search }: LibraryContext & { search: LibrarySearch }) {
  return {
    /** Creates the demo use cases missing from the database; how many were created. */
    async seedDemo(log: (line: string) => void = () => {}): Promise<number> {
      const { records: demo, missing } = await demoRecords({
        findOrganisationByCode: (code) => ports.organisations.byCode(code),
      });
      if (!demo.length) {
        log('Bibliothèque : aucune collectivité de démonstration trouvée (code géographique non chargé ?).');
        return 0;
      }
      const present = await store.idsByExternalKeys(demo.map((d) => d.key));
      const todo = demo.filter((d) => !present.has(d.key));
      if (!todo.length) return 0;
      const summaries = await ports.organisations.summaries(todo.map((d) => d.organisationId));
      const at = platform.clock.iso();
      await platform.db.transaction().execute(async (trx) => {
        const bases = todo.map((d) => slugify(d.content.title ?? 'fiche', 70));
        const taken = await store.slugsNear(bases, new Set(bases), trx);
        const inputs = [];
        for (const d of todo) {
          inputs.push({
            slug: await uniqueSlug(store, d.content.title, trx, taken),
            organisationId: d.organisationId,
            state: d.state,
            content: d.content,
            externalKey: d.key,
            createdBy: null,
            publishedAt: d.state === 'published' ? at : null,
          });
        }
        const ids = await store.insertMany(inputs, trx);
        const published = inputs
          .map((input, i) => ({ ...input, id: ids[i]! }))
          .filter((input) => input.state === 'published')
          .map((input) =>
            writtenRecord(input, summaries.get(input.organisationId) ?? unknownOrganisation(input.organisationId), at),
          );
        await search.indexMany(published, trx);
      });
      log(
        `Bibliothèque : ${todo.length} fiches de démonstration créées${missing.length ? ` (${missing.length} collectivités introuvables : ${missing.join(', ')})` : ''}.`,
      );
      return todo.length;
    },
  };
}
