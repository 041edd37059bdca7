// The server starts without compiling its routes' schemas; every one of them compiles, and requests are validated
// and answered through them as before (a bad query is refused with the usual structured error).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachApp } from '../../../test/helpers/app.ts';

describeEachApp('route schemas compiled at their first use', (app) => {
  it('validates a request through a schema compiled on the spot', async () => {
    const bad = await app().server.app.inject({ method: 'GET', url: '/api/v1/use-cases?per_page=abc' });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.match(bad.body, /per_page/);
    // Fastify's coercion of the query string, as with the compilers it makes itself.
    const good = await app().server.app.inject({ method: 'GET', url: '/api/v1/use-cases?per_page=2&page=1' });
    assert.equal(good.statusCode, 200, good.body);
    assert.equal(typeof good.json().total, 'number');
  });

  it('compiles every schema of every route', () => {
    const schemas = app().server.compileSchemas();
    assert.ok(schemas > 50, `${schemas} schémas`);
  });
});
