// The minutes' markup: our parser gives a tree (headings, lists, paragraphs, emphasis, safe links) and the Preact
// renderer never lets HTML through — an XSS corpus is rendered and must come out as text, with no element, event
// handler or dangerous URL other than what the markup itself makes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { parseMarkup, plainText, safeHref } from './markup.ts';
import { Markup } from './views/markup.tsx';

const html = (source: string) => renderToString(h(Markup, { source }));

describe('the minutes markup', () => {
  test('headings, lists, paragraphs, emphasis and links become a tree', () => {
    assert.deepEqual(
      parseMarkup('# Titre\n\nUn *mot* et **fort**.\n- un\n- [deux](https://exemple.fr/a)\n1. premier'),
      [
        { type: 'heading', level: 1, children: [{ type: 'text', text: 'Titre' }] },
        {
          type: 'paragraph',
          children: [
            { type: 'text', text: 'Un ' },
            { type: 'em', children: [{ type: 'text', text: 'mot' }] },
            { type: 'text', text: ' et ' },
            { type: 'strong', children: [{ type: 'text', text: 'fort' }] },
            { type: 'text', text: '.' },
          ],
        },
        {
          type: 'list',
          ordered: false,
          items: [
            [{ type: 'text', text: 'un' }],
            [{ type: 'link', href: 'https://exemple.fr/a', children: [{ type: 'text', text: 'deux' }] }],
          ],
        },
        { type: 'list', ordered: true, items: [[{ type: 'text', text: 'premier' }]] },
      ],
    );
  });

  test('rendered below the page title: « # » is an h3, « ## » an h4', () => {
    assert.equal(html('# A\n## B'), '<div class="markup"><h3>A</h3><h4>B</h4></div>');
  });

  test('only absolute http(s) and mailto links are links', () => {
    assert.equal(safeHref('https://exemple.fr/x?y=1'), 'https://exemple.fr/x?y=1');
    assert.equal(safeHref('mailto:equipe@exemple.fr'), 'mailto:equipe@exemple.fr');
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      '/relatif',
      '//exemple.fr',
      'https:/exemple.fr',
      ' javascript:alert(1)',
    ])
      assert.equal(safeHref(bad), null, bad);
  });

  const CORPUS = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<svg/onload=alert(1)>',
    '"><script>alert(document.cookie)</script>',
    "<a href='javascript:alert(1)'>clic</a>",
    '[clic](javascript:alert(1))',
    '[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[clic](https://exemple.fr/"onmouseover="alert(1))',
    '**<b onmouseover=alert(1)>gras</b>**',
    '# <iframe src="https://mal.exemple"></iframe>',
    '- <style>body{display:none}</style>',
    '<!-- commentaire --><div>bloc</div>',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '[a](https://exemple.fr/) <a href="https://exemple.fr">b</a>',
  ];

  test('an XSS corpus comes out as text: no element but the markup’s own, no handler, no dangerous URL', () => {
    const allowed = new Set(['div', 'p', 'h3', 'h4', 'h5', 'ul', 'ol', 'li', 'strong', 'em', 'a']);
    for (const source of CORPUS) {
      const out = html(source);
      for (const [, tag] of out.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g))
        assert.ok(allowed.has(tag!.toLowerCase()), `élément ${tag} dans ${out}`);
      assert.doesNotMatch(out, /<[a-z]+[^>]*\son[a-z]+=/i, `gestionnaire d’événement dans ${out}`);
      for (const [, href] of out.matchAll(/href="([^"]*)"/g))
        assert.match(href!, /^(https?:\/\/|mailto:)/, `lien ${href}`);
      for (const [a] of out.matchAll(/<a\b[^>]*>/g))
        assert.match(a, /^<a href="[^"]*" rel="nofollow noopener">$/, `lien ${a}`);
    }
    assert.match(html('<script>alert(1)</script>'), /&lt;script>alert\(1\)&lt;\/script>/);
    assert.match(html('&lt;b&gt;'), /&amp;lt;b&amp;gt;/, 'entities are text too');
  });

  test('plain text for mails and calendars keeps link targets', () => {
    assert.equal(plainText(parseMarkup('# T\n- [note](https://exemple.fr)')), 'T\n\n- note (https://exemple.fr/)');
  });
});
