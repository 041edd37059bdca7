/**
 * Commons as open data: the CSV file (the one writer, platform/export/csv.ts), the JSON file (the API's form) and
 * the Atom feed of new entries and news. Public fields only: never the contacts.
 */
import { atomFeed } from '../../../platform/export/atom.ts';
import { type CsvDialect, type CsvValue, toCsv } from '../../../platform/export/csv.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { CommonsStore } from '../store.ts';
import { entryJson, entryPath, type Presenter } from './presenter.ts';
import type { SearchService } from './search.ts';

const CSV_HEADER = [
  'identifiant',
  'nom',
  'resume',
  'type',
  'statut',
  'licence',
  'depot',
  'telechargement',
  'documentation',
  'themes',
  'categorie',
  'mainteneurs',
  'utilisateurs',
  'contributeurs',
  'fiches',
  'mis_a_jour',
  'adresse',
];

export function createOpenDataService(deps: {
  platform: Platform;
  store: CommonsStore;
  search: SearchService;
  present: Presenter;
}) {
  const { platform, store, search, present } = deps;
  const baseUrl = platform.config.baseUrl;

  async function everything() {
    const records = await search.all();
    return present(null, records, (id) => store.newsOf(id));
  }

  return {
    async json() {
      return { items: (await everything()).map((e) => entryJson(e, baseUrl)) };
    },
    async csv(dialect: CsvDialect): Promise<string> {
      const rows: CsvValue[][] = [CSV_HEADER];
      for (const e of await everything()) {
        rows.push([
          e.id,
          e.name,
          e.summary,
          e.kindLabel,
          e.statusLabel,
          e.licence,
          e.links.repository,
          e.links.download,
          e.links.documentation,
          e.themes.map((t) => t.label).join(' ; '),
          e.category?.label ?? '',
          e.maintainers.map((o) => o.name).join(' ; '),
          e.users.map((o) => o.name).join(' ; '),
          e.contributors.map((o) => o.name).join(' ; '),
          e.sheets.map((s) => s.title).join(' ; '),
          e.updatedAt,
          `${baseUrl}${e.path}`,
        ]);
      }
      return toCsv(rows, dialect);
    },
    /** Atom feed: the 50 entries changed last and the 50 newest news, newest first. */
    async feed(): Promise<string> {
      const result = await search.catalogue.search({ q: '', filters: {}, sort: 'updated', page: 1, perPage: 50 });
      const entries = await present(null, await store.findByIds(result.ids));
      const news = await store.latestNews(50);
      const names = new Map(
        (await store.findByIds([...new Set(news.map((n) => n.commonsId))])).map((r) => [r.id, r.name]),
      );
      const items = [
        ...entries.map((e) => ({
          id: `${baseUrl}${e.path}`,
          updated: e.updatedAt,
          title: `${e.name} (${e.kindLabel}, ${e.statusLabel.toLowerCase()})`,
          link: `${baseUrl}${e.path}`,
          author: e.maintainers.map((m) => m.name).join(', ') || 'Bibliothèque IA des territoires',
          summary: e.summary,
        })),
        ...news.map((n) => ({
          id: `${baseUrl}${entryPath(n.commonsId)}#actualite-${n.id}`,
          updated: `${n.date}T00:00:00Z`,
          title: `${names.get(n.commonsId) ?? 'Commun'} : ${n.title}${n.release ? ` (version ${n.release})` : ''}`,
          link: `${baseUrl}${entryPath(n.commonsId)}#actualite-${n.id}`,
          author: names.get(n.commonsId) ?? 'Bibliothèque IA des territoires',
          summary: n.body,
        })),
      ].sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0));
      return atomFeed({
        title: 'Bibliothèque IA des territoires — communs et actualités',
        self: `${baseUrl}/communs/flux.atom`,
        alternate: `${baseUrl}/communs`,
        fallbackUpdated: platform.clock.iso(),
        entries: items,
      });
    },
  };
}
