/**
 * Responsible AI's entries in the library's Atom feed (the library owns the feed; this module gives its entries
 * through the library's `feed` port, wired in src/modules/index.ts): one entry per published version of a
 * transparency notice of a published sheet, so that publishing version 2 (« updated ») is a new entry. The notices
 * and their sheets are read in a few statements whatever their number. Public content only: the published notice's
 * summary.
 */
import type { FeedEntry } from '../../library/index.ts';
import type { EthicsPorts } from '../ports.ts';
import type { EthicsStore } from '../store.ts';

export function createFeedService(deps: { store: EthicsStore; ports: EthicsPorts }) {
  const { store, ports } = deps;
  return {
    async entries(limit: number): Promise<FeedEntry[]> {
      const notices = await store.recentPublishedNotices(limit);
      const sheets = new Map(
        (await ports.useCases.publishedLinks([...new Set(notices.map((n) => n.useCaseId))])).map((s) => [s.id, s]),
      );
      const entries: FeedEntry[] = [];
      for (const n of notices) {
        const sheet = sheets.get(n.useCaseId);
        if (!sheet || !n.publishedAt) continue;
        const path = `${sheet.path}/notice`;
        entries.push({
          id: `${path}#version-${n.number}`,
          title: `${n.number > 1 ? 'Notice de transparence mise à jour' : 'Notice de transparence publiée'} : ${sheet.title}`,
          href: path,
          updated: n.publishedAt,
          published: n.publishedAt,
          author: sheet.authorityName ?? 'Bibliothèque IA des territoires',
          category: null,
          summary: `Version ${n.number}. ${n.content.summary}`,
        });
      }
      return entries;
    },
  };
}
