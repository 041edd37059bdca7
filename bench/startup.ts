// Cold start and idle memory of the real `serve` command (node bin/bibliotheque-ia.js serve), on SQLite and
// PostgreSQL. Cold: an empty database, so the start includes migrations, reference data and demo content, as for
// `npm start` on a fresh machine. Warm: a restart on that same database. Time = spawn → first 200 on /healthz.
import { benchmark, emptyDatabase, type Figure, percentile, startServe } from './lib.ts';

export default benchmark(import.meta.url, 'Démarrage', async ({ dialects, quick, log }) => {
  const figures: Figure[] = [];
  const runs = quick ? 1 : 3;
  const idleSeconds = quick ? 1 : 3;
  for (const dialect of dialects) {
    const cold: number[] = [];
    const warm: number[] = [];
    const coldRss: number[] = [];
    const warmRss: number[] = [];
    let selfReport = '';
    for (let i = 0; i < runs; i++) {
      const database = await emptyDatabase(dialect);
      try {
        const first = await startServe({ databaseUrl: database.url, dataDir: database.dir });
        cold.push(first.readyMs);
        await new Promise((r) => setTimeout(r, idleSeconds * 1000));
        coldRss.push(first.rssMb());
        await first.stop();

        const second = await startServe({ databaseUrl: database.url, dataDir: database.dir });
        warm.push(second.readyMs);
        await new Promise((r) => setTimeout(r, idleSeconds * 1000));
        warmRss.push(second.rssMb());
        selfReport = /démarré en [^)]*/.exec(second.output())?.[0] ?? '';
        await second.stop();
        log(
          `${dialect} #${i + 1} : à froid ${cold.at(-1)!.toFixed(0)} ms, redémarrage ${warm.at(-1)!.toFixed(0)} ms, RSS ${warmRss.at(-1)!.toFixed(0)} Mo`,
        );
      } finally {
        await database.dispose();
      }
    }
    const note = `médiane de ${runs}`;
    figures.push(
      {
        measure: 'démarrage à froid (base vide : migrations + démo)',
        database: dialect,
        value: percentile(cold, 50),
        unit: 'ms',
        max: 2000,
        note,
      },
      {
        measure: 'redémarrage (base existante)',
        database: dialect,
        value: percentile(warm, 50),
        unit: 'ms',
        max: 2000,
        note: `${note}; le serveur dit « ${selfReport} »`,
      },
      {
        measure: 'mémoire au repos après démarrage à froid (RSS)',
        database: dialect,
        value: percentile(coldRss, 50),
        unit: 'Mo',
        max: 300,
        note: `après ${idleSeconds} s sans requête`,
      },
      {
        measure: 'mémoire au repos après redémarrage (RSS)',
        database: dialect,
        value: percentile(warmRss, 50),
        unit: 'Mo',
        max: 300,
        note: `après ${idleSeconds} s sans requête`,
      },
    );
  }
  return figures;
});
