// A route schema compiles when a request first needs it (its first call, or Fastify's first read of `errors` or
// `schemaEnv`), once; the compiled function's answers and properties are the ones the caller sees.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compiledOnFirstUse } from './lazy-schemas.ts';

function counting() {
  let compilations = 0;
  const compile = () => {
    compilations++;
    const validate = Object.assign((data: unknown) => typeof data === 'number', {
      errors: null as unknown,
      schemaEnv: { root: true },
    });
    return validate as unknown as ((...args: unknown[]) => unknown) & Record<string, unknown>;
  };
  return { compile, count: () => compilations };
}

test('nothing compiles before the first use, and it compiles once', () => {
  const c = counting();
  const lazy = compiledOnFirstUse(c.compile, ['errors', 'schemaEnv']);
  assert.equal(c.count(), 0);
  assert.equal(lazy(3), true);
  assert.equal(lazy('trois'), false);
  assert.equal(c.count(), 1);
});

test('reading a property Fastify reads compiles too, and gives the compiled function’s value', () => {
  const c = counting();
  const lazy = compiledOnFirstUse(c.compile, ['errors', 'schemaEnv']);
  assert.deepEqual(lazy.schemaEnv, { root: true });
  assert.equal(c.count(), 1);
  assert.equal(lazy.errors, null);
});

test('a schema that does not compile fails at its first use', () => {
  const lazy = compiledOnFirstUse(() => {
    throw new Error('schéma invalide');
  }, []);
  assert.throws(() => lazy({}), /schéma invalide/);
  assert.throws(() => lazy.compile(), /schéma invalide/);
});
