/**
 * A French sort key for names, stored beside them so that both databases sort (and page) like a French reader:
 * accents are folded (« Écully » with E, not after Z), œ/æ spelt out, case ignored, punctuation and hyphens read as a
 * space, and numbers compared by value (« Paris 2e » before « Paris 10e »). Compare keys byte by byte (SQLite's
 * default, PostgreSQL `collate "C"`), then the name, then the id, for a total order.
 */
export function frenchSortKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/[0-9]+/g, (digits) => digits.replace(/^0+(?=\d)/, '').padStart(8, '0'));
}
