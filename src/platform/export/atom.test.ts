// The Atom writer: the feed's links and date, each entry's fields, text escaped (markup never passes through).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { atomFeed } from './atom.ts';

test('a feed with its links, the newest entry’s date, and escaped text', () => {
  const xml = atomFeed({
    title: 'Initiatives & débats',
    self: 'https://site.fr/flux.atom',
    alternate: 'https://site.fr/initiatives',
    fallbackUpdated: '2026-01-01T00:00:00Z',
    entries: [
      {
        id: 'https://site.fr/initiatives/2',
        title: '<script>alert("x")</script>',
        link: 'https://site.fr/initiatives/2?a=1&b=2',
        updated: '2026-03-02T10:00:00Z',
        author: 'Ville',
        summary: 'x'.repeat(1200),
      },
      {
        id: 'https://site.fr/initiatives/1',
        title: 'Débat',
        link: 'https://site.fr/initiatives/1',
        updated: '2026-02-01T10:00:00Z',
        author: 'Ville',
        summary: 'Court.',
      },
    ],
  });
  assert.match(
    xml,
    /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="fr">/,
  );
  assert.match(xml, /<title>Initiatives &amp; débats<\/title>/);
  assert.match(xml, /<link rel="self" type="application\/atom\+xml" href="https:\/\/site.fr\/flux.atom"\/>/);
  assert.match(xml, /<\/title>\n {2}<id>s?[^<]*<\/id>[\s\S]*?<updated>2026-03-02T10:00:00Z<\/updated>\n {2}<entry>/);
  assert.match(xml, /<title>&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;<\/title>/);
  assert.doesNotMatch(xml, /<script>/);
  assert.match(xml, /href="https:\/\/site.fr\/initiatives\/2\?a=1&amp;b=2"/);
  assert.match(xml, new RegExp(`<summary type="text">${'x'.repeat(1000)}</summary>`));
  assert.equal((xml.match(/<entry>/g) ?? []).length, 2);
});

test('an empty feed is dated by the fallback', () => {
  const xml = atomFeed({ title: 'T', self: 's', alternate: 'a', fallbackUpdated: '2026-01-01T00:00:00Z', entries: [] });
  assert.match(xml, /<updated>2026-01-01T00:00:00Z<\/updated>/);
  assert.doesNotMatch(xml, /<entry>/);
});

test('rights, a feed author for entries without one, and an entry’s publication date and category', () => {
  const xml = atomFeed({
    title: 'T',
    self: 'https://site.fr/flux.atom',
    alternate: 'https://site.fr/',
    fallbackUpdated: '2026-01-01T00:00:00Z',
    rights: 'Licence Ouverte 2.0',
    author: 'Plateforme & co',
    entries: [
      {
        id: 'https://site.fr/1',
        title: 'Avec',
        link: 'https://site.fr/1',
        updated: '2026-03-02T10:00:00Z',
        published: '2026-02-01T10:00:00Z',
        author: 'Ville',
        category: { term: 'mobilite', label: 'Mobilité & transports' },
        summary: 'S',
      },
      {
        id: 'https://site.fr/2',
        title: 'Sans',
        link: 'https://site.fr/2',
        updated: '2026-03-01T10:00:00Z',
        summary: 'S',
      },
    ],
  });
  assert.match(
    xml,
    /<updated>2026-03-02T10:00:00Z<\/updated>\n {2}<rights>Licence Ouverte 2.0<\/rights>\n {2}<author><name>Plateforme &amp; co<\/name><\/author>\n {2}<entry>/,
  );
  assert.match(
    xml,
    /<updated>2026-03-02T10:00:00Z<\/updated>\n {4}<published>2026-02-01T10:00:00Z<\/published>\n {4}<author><name>Ville<\/name><\/author>\n {4}<category term="mobilite" label="Mobilité &amp; transports"\/>\n {4}<summary/,
  );
  const second = xml.slice(xml.lastIndexOf('<entry>'));
  assert.doesNotMatch(second, /<author>|<published>|<category/);
});
