import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyRequest, type RouteOptions } from 'fastify';
import type { Config } from './config.ts';
import { migrations } from './migrations/index.ts';
import { createModules, type Modules } from './modules/index.ts';
import type { Clock } from './platform/clock.ts';
import { type DbHandle, openDatabase, ping } from './platform/db/index.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { lazySchemaCompilers } from './platform/http/lazy-schemas.ts';
import { registerHttpPlatform } from './platform/http/plugin.tsx';
import { redactUrl } from './platform/http/redact.ts';
import { uploadLimitHook } from './platform/http/upload-limit.ts';
import { createPlatform, type Platform } from './platform/platform.ts';

export interface Server {
  app: FastifyInstance;
  platform: Platform;
  modules: Modules;
  /** Every route registered, in order (HEAD duplicates included): the route × role test reads their `config.access`. */
  routes: readonly RegisteredRoute[];
  /** Runs every due background job now (tests and CLI). */
  runJobs(): Promise<number>;
  /** Compiles every route schema now (they compile at their first use): how many there are. */
  compileSchemas(): number;
  close(): Promise<void>;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  config: RouteOptions['config'];
}

export interface BuildOptions {
  /** Reuse an open database (tests); otherwise DATABASE_URL is opened and closed with the server. */
  handle?: DbHandle;
  /** Start the background job worker (default: config.runJobs). */
  worker?: boolean;
  /** Seed reference data and demo content when the database is empty (default: config.seedDemo !== false). */
  seed?: boolean;
  /** The clock every time-based rule reads (default: the system clock; tests pass a manualClock). */
  clock?: Clock;
  /** Where the logs go (default: standard output); tests pass a stream to read what would be logged. */
  logStream?: { write(line: string): void };
}

/** Builds the whole application: platform plugins first, then each module's routes. */
export async function buildServer(config: Config, options: BuildOptions = {}): Promise<Server> {
  const ownHandle = !options.handle;
  const handle = options.handle ?? openDatabase(config.databaseUrl);
  await migrateToLatest(handle.db, handle.dialect, migrations);

  const platform = createPlatform(config, handle, { clock: options.clock });
  const modules = createModules(platform);

  if (options.seed ?? config.seedDemo !== false) {
    await modules.seed({ demo: config.seedDemo !== false, log: () => {} });
  }

  // Route schemas compile at their first use, not before the server listens (lazy-schemas.ts).
  const schemas = lazySchemaCompilers();
  const app = Fastify({
    schemaController: { compilersFactory: schemas.compilersFactory },
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            ...(options.logStream ? { stream: options.logStream } : {}),
            // Addresses are logged without their secrets (one-time links, answer links, OIDC codes): redact.ts.
            serializers: {
              req: (req: FastifyRequest) => ({
                method: req.method,
                url: redactUrl(req.url),
                host: req.host,
                remoteAddress: req.ip,
              }),
            },
          },
    trustProxy: config.trustProxy,
    bodyLimit: 25 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  });

  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, config: route.config });
  });

  await registerHttpPlatform(app, {
    platform,
    navigation: modules.navigation,
    loadUser: modules.loadUser,
    resolveApiToken: modules.resolveApiToken,
  });
  // Uploads over their route's limit (config.upload, sizes from UPLOAD_LIMIT_*_MO) are refused before being read.
  app.addHook('onRequest', uploadLimitHook(config));

  await app.register(fastifyStatic, {
    root: join(process.cwd(), 'public'),
    prefix: '/',
    wildcard: false,
    index: false,
    maxAge: config.logLevel === 'silent' ? 0 : 3600_000,
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const ok = await ping(handle.db);
    return reply
      .status(ok ? 200 : 503)
      .send({ status: ok ? 'ok' : 'unavailable', database: ok ? 'ok' : 'unreachable' });
  });

  for (const routes of modules.routes) await app.register(routes);

  const stopWorker =
    (options.worker ?? config.runJobs)
      ? platform.jobs.startWorker(modules.jobHandlers, 2000, (e) => app.log.error({ err: e }, 'job worker'))
      : () => {};

  return {
    app,
    platform,
    modules,
    routes,
    runJobs: () => platform.jobs.runDue(modules.jobHandlers),
    compileSchemas: schemas.compileAll,
    async close() {
      stopWorker();
      await app.close();
      // Modules' background work (caches being built…) ends before the database closes.
      await modules.close();
      if (ownHandle) await handle.close();
    },
  };
}
