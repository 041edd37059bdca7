/**
 * Route schemas compiled when a request first needs them instead of while the server starts. Fastify compiles the
 * validators (Ajv) and response serializers (fast-json-stringify) of every route before it listens: a third of a
 * second of each start, for routes most of which a process may never serve before its next restart. The compilers
 * are Fastify's own defaults (loaded from where Fastify finds them, with the options Fastify gives them), so each
 * compiled function is exactly the one Fastify would have made; it is made at its first use and kept.
 *
 * `compileAll()` compiles every schema not compiled yet (the test that every route's schemas compile).
 */
import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type Compiled = ((...args: unknown[]) => unknown) & Record<string, unknown>;
type Compiler = (route: unknown) => Compiled;
type Builder = (externalSchemas: unknown, options: unknown) => Compiler;
type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

/** Fastify's own packages, resolved from Fastify's place (they are its dependencies, not ours). */
const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));

/**
 * A function that stands for `compile()`'s result: the first call, or the first read of one of `properties` (Fastify
 * reads a validator's `errors` after a failed call, and its `schemaEnv` before calling it), compiles it.
 */
export function compiledOnFirstUse(
  compile: () => Compiled,
  properties: readonly string[],
): Compiled & { compile(): void } {
  let compiled: Compiled | undefined;
  const get = () => {
    compiled ??= compile();
    return compiled;
  };
  const lazy = ((...args: unknown[]) => get()(...args)) as Compiled & { compile(): void };
  for (const property of properties) Object.defineProperty(lazy, property, { get: () => get()[property] });
  lazy.compile = () => void get();
  return lazy;
}

/** Fastify's `schemaController.compilersFactory`, compiling on first use; `compileAll` for the test. */
export function lazySchemaCompilers() {
  const waiting: { compile(): void }[] = [];
  const lazily =
    (build: Builder, properties: readonly string[]): Builder =>
    (externalSchemas, options) => {
      const compiler = build(externalSchemas, options);
      return (route) => {
        const lazy = compiledOnFirstUse(() => compiler(route), properties);
        waiting.push(lazy);
        return lazy;
      };
    };
  return {
    compilersFactory: {
      buildValidator: lazily(fromFastify('@fastify/ajv-compiler')(), ['errors', 'schemaEnv']),
      buildSerializer: lazily(fromFastify('@fastify/fast-json-stringify-compiler')(), []),
    } as unknown as CompilersFactory,
    /** Compiles every schema of the routes registered so far; returns how many there are. */
    compileAll(): number {
      for (const lazy of waiting) lazy.compile();
      return waiting.length;
    },
  };
}
