/**
 * The Atom feed writer (RFC 4287): one function for every module's feed, so that escaping, dates and the feed's
 * links are written once. Entries are given newest first; text is escaped (never HTML), summaries cut at 1,000
 * characters.
 */

export interface AtomEntry {
  /** A stable IRI (usually the entry's page address). */
  id: string;
  title: string;
  /** The page the entry is about. */
  link: string;
  /** ISO-8601 date-time of the entry's last change. */
  updated: string;
  /** ISO-8601 date-time of the entry's first publication, when known. */
  published?: string | null;
  /** The entry's author; may be left out only when the feed has an author of its own (RFC 4287 §4.1.1). */
  author?: string;
  /** One category: a machine term and its label for people. */
  category?: { term: string; label: string } | null;
  summary: string;
}

export interface AtomFeed {
  title: string;
  /** The feed's own address (also its id). */
  self: string;
  /** The HTML page the feed follows. */
  alternate: string;
  /** When nothing is in the feed: the feed's date (the clock's). */
  fallbackUpdated: string;
  /** The rights held over the feed's content (e.g. its licence's name). */
  rights?: string;
  /** The feed's author, for entries that name none. */
  author?: string;
  entries: readonly AtomEntry[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

export function atomFeed(feed: AtomFeed): string {
  const updated =
    feed.entries
      .map((e) => e.updated)
      .sort()
      .at(-1) ?? feed.fallbackUpdated;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
    `  <title>${esc(feed.title)}</title>`,
    `  <id>${esc(feed.self)}</id>`,
    `  <link rel="self" type="application/atom+xml" href="${esc(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${esc(feed.alternate)}"/>`,
    `  <updated>${esc(updated)}</updated>`,
    ...(feed.rights === undefined ? [] : [`  <rights>${esc(feed.rights)}</rights>`]),
    ...(feed.author === undefined ? [] : [`  <author><name>${esc(feed.author)}</name></author>`]),
    ...feed.entries.map((e) =>
      [
        '  <entry>',
        `    <id>${esc(e.id)}</id>`,
        `    <title>${esc(e.title)}</title>`,
        `    <link rel="alternate" type="text/html" href="${esc(e.link)}"/>`,
        `    <updated>${esc(e.updated)}</updated>`,
        e.published ? `    <published>${esc(e.published)}</published>` : '',
        e.author === undefined ? '' : `    <author><name>${esc(e.author)}</name></author>`,
        e.category ? `    <category term="${esc(e.category.term)}" label="${esc(e.category.label)}"/>` : '',
        `    <summary type="text">${esc(e.summary.slice(0, 1000))}</summary>`,
        '  </entry>',
      ]
        .filter(Boolean)
        .join('\n'),
    ),
    '</feed>',
    '',
  ].join('\n');
}
