/**
 * Responsible AI's entries in the library's Atom feed (the library owns the feed; this module gives its entries
 * through the library's `feed` port, wired in src/modules/index.ts): one entry per published version of a
 * transparency notice of a public sheet, so that publishing version 2 (« updated ») is a new entry. Public content
 * only: the published notice's summary.
 */
import type { FeedEntry } from '../../library/index.ts';
import type { EthicsPorts } from '../ports.ts';
import type { EthicsStore } from '../store.ts';
import { isPublicSheet } from './assessments.ts';

export function createFeedService(deps: { store: EthicsStore; ports: EthicsPorts }) {
  const { store, ports } = deps;
  return {
    async entries(limit: number): Promise<FeedEntry[]> {
      const notices = await store.recentPublishedNotices(limit);
      const entries: FeedEntry[] = [];
      for (const n of notices) {
        const sheet = await ports.useCases.find(n.useCaseId);
        if (!sheet || !isPublicSheet(sheet) || !n.publishedAt) continue;
        const path = `${ports.useCases.path(sheet)}/notice`;
        const presented = await ports.useCases.present(null, sheet.id).catch(() => null);
        entries.push({
          id: `${path}#version-${n.number}`,
          title: `${n.number > 1 ? 'Notice de transparence mise à jour' : 'Notice de transparence publiée'} : ${sheet.title}`,
          href: path,
          updated: n.publishedAt,
          published: n.publishedAt,
          author: presented?.organisation.name ?? 'Bibliothèque IA des territoires',
          category: null,
          summary: `Version ${n.number}. ${n.content.summary}`,
        });
      }
      return entries;
    },
  };
}
