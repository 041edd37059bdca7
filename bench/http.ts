// HTTP throughput of the real `serve` process with demo content: home page and health check against the static
// stylesheet of the same server, measured in the same run (the ratio is what matters, not the machine).
import { benchmark, compareThroughput, emptyDatabase, type Figure, startServe } from './lib.ts';

export default benchmark(import.meta.url, 'HTTP', async ({ dialects, quick, log }) => {
  const figures: Figure[] = [];
  const seconds = quick ? 2 : 10;
  for (const dialect of dialects) {
    const database = await emptyDatabase(dialect);
    try {
      const serve = await startServe({ databaseUrl: database.url, dataDir: database.dir });
      try {
        log(`${dialect} : ${serve.url}, ${seconds} s par route`);
        figures.push(
          ...(await compareThroughput({
            baseUrl: serve.url,
            page: '/',
            database: dialect,
            label: "page d'accueil",
            seconds,
          })),
        );
        figures.push(
          ...(
            await compareThroughput({ baseUrl: serve.url, page: '/healthz', database: dialect, label: 'JSON', seconds })
          ).slice(0, 1),
        );
        figures.push({
          measure: 'mémoire après la charge (RSS)',
          database: dialect,
          value: serve.rssMb(),
          unit: 'Mo',
          max: 300,
        });
      } finally {
        await serve.stop();
      }
    } finally {
      await database.dispose();
    }
  }
  return figures;
});
