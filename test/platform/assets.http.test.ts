// Compression and static assets (issue 8, « Scale »): pages, JSON, CSS and JS over 1 KB are compressed (brotli and
// gzip); stylesheets and scripts have content-hashed names, cached as immutable, named so by the layout.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { describeEachApp } from '../helpers/app.ts';

describeEachApp('compression and hashed assets', (app) => {
  test('the layout names the stylesheet by its content hash, served immutable in brotli, gzip or plain', async () => {
    const home = await app().agent().get('/');
    const href = /<link rel="stylesheet" href="(\/assets\/site-[0-9a-f]{10}\.css)"/.exec(home.body)?.[1];
    assert.ok(href, 'hashed stylesheet in the layout');
    const css = readFileSync('public/assets/site.css');
    const decoders: Record<string, (b: Buffer) => Buffer> = {
      br: (b) => brotliDecompressSync(b),
      gzip: (b) => gunzipSync(b),
      identity: (b) => b,
    };
    for (const [encoding, decode] of Object.entries(decoders)) {
      const res: LightMyRequestResponse = await app().server.app.inject({
        method: 'GET',
        url: href,
        headers: { 'accept-encoding': encoding },
      });
      assert.equal(res.statusCode, 200, encoding);
      assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.match(String(res.headers['content-type']), /^text\/css/);
      assert.equal(res.headers['content-encoding'], encoding === 'identity' ? undefined : encoding);
      assert.ok(decode(res.rawPayload).equals(css), `${encoding}: the same bytes as public/assets/site.css`);
    }
    // A name that is not (or no longer) the content's: 404, never a stale file under an immutable name.
    const stale = await app().agent().get('/assets/site-0000000000.css');
    assert.equal(stale.statusCode, 404);
  });

  test('pages and JSON over 1 KB are compressed as the browser accepts, under the same strict CSP', async () => {
    const agent = app().agent();
    for (const url of ['/', '/bibliotheque', '/api/openapi.json']) {
      for (const encoding of ['br', 'gzip']) {
        const res = await agent.get(url, { 'accept-encoding': encoding });
        assert.equal(res.statusCode, 200, url);
        assert.equal(res.headers['content-encoding'], encoding, `${url} ${encoding}`);
        const body = (encoding === 'br' ? brotliDecompressSync : gunzipSync)(res.rawPayload).toString('utf8');
        assert.ok(body.length > 1024, url);
        assert.match(String(res.headers.vary), /accept-encoding/i);
      }
    }
    const page = await agent.get('/', { 'accept-encoding': 'br' });
    const csp = String(page.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self'(;|$)/);
    // Small answers are sent as they are.
    const small = await agent.get('/healthz', { 'accept-encoding': 'br, gzip' });
    assert.equal(small.headers['content-encoding'], undefined);
  });
});
