// Deadline day: 500 people filling in the census at the same time, each browser autosaving every 2 s for 5 minutes
// (BENCH_QUICK=1: 30 s), on one `serve` process (SQLite) and on two processes sharing one PostgreSQL database
// (respondents spread over both, as behind a load balancer). Figures: p50/p99 of the autosave as the browser sees
// it (targets ≤ 100 ms p99), errors, saves lost (each respondent's last acknowledged save must be in the database
// at the end), servers' memory at the start and the end. Latencies are measured from the bench process, on the same
// machine as the servers (and, when run in the shared workspace, as other people's work): they are noisy. The CPU
// time of the servers per save (from /proc, what 250 saves/s cost a core) and of the load generator itself are
// printed beside them, with the load average.
// BENCH_RESPONDENTS=N changes the number of respondents (default 500); BENCH_DEADLINE_SECONDS=N the duration;
// BENCH_DEADLINE_DIALECTS=postgres (or sqlite) measures one database only.

import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Census,
  censusCampaign,
  driveAutosaves,
  Latencies,
  loadAverage,
  lostSaves,
  openRespondent,
  type Respondent,
  startServers,
} from './deadline-lib.ts';
import { benchmark, emptyDatabase, type Figure, percentile, processCpuSeconds } from './lib.ts';

/** The machine's durable write (4 KB written then fsync), the floor under every acknowledged save. */
function fsyncMs(dir: string): number {
  const file = join(dir, 'fsync-probe');
  const fd = openSync(file, 'w');
  const times: number[] = [];
  const block = Buffer.alloc(4096, 1);
  for (let i = 0; i < 40; i++) {
    const t = performance.now();
    writeSync(fd, block);
    fsyncSync(fd);
    times.push(performance.now() - t);
  }
  closeSync(fd);
  rmSync(file, { force: true });
  return percentile(times, 50);
}

const RESPONDENTS = Number(process.env.BENCH_RESPONDENTS) || 500;

/**
 * What PostgreSQL did for the database (its statistics views: commits, index and sequential scans, rows updated),
 * load-independent figures beside the noisy latencies: divided by the saves, the transactions and reads per save.
 */
async function postgresWork(handle: Census['handle']) {
  const { sql } = await import('kysely');
  // The statistics of a backend reach the views within a second of its last transaction.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await sql`select pg_stat_clear_snapshot()`.execute(handle.db);
  const db = await sql<{ commits: number; rollbacks: number; sessions: number }>`
    select xact_commit as commits, xact_rollback as rollbacks, sessions
    from pg_stat_database where datname = current_database()`.execute(handle.db);
  const tables = await sql<{ scans: number; updated: number }>`
    select coalesce(sum(coalesce(idx_scan, 0) + coalesce(seq_scan, 0)), 0) as scans, coalesce(sum(n_tup_upd), 0) as updated
    from pg_stat_user_tables`.execute(handle.db);
  return {
    commits: Number(db.rows[0]!.commits) + Number(db.rows[0]!.rollbacks),
    scans: Number(tables.rows[0]!.scans),
    updated: Number(tables.rows[0]!.updated),
    sessions: Number(db.rows[0]!.sessions),
  };
}

export default benchmark(import.meta.url, 'Jour de clôture', async ({ dialects, quick, log }) => {
  const figures: Figure[] = [];
  const durationMs = Number(process.env.BENCH_DEADLINE_SECONDS) * 1000 || (quick ? 30_000 : 5 * 60_000);
  const only = process.env.BENCH_DEADLINE_DIALECTS?.split(',');
  for (const dialect of dialects.filter((d) => !only || only.includes(d))) {
    const instances = dialect === 'sqlite' ? 1 : 2;
    const database = await emptyDatabase(dialect);
    const fsync = fsyncMs(database.dir);
    const servers = await startServers(database, instances);
    const census = await censusCampaign(database, servers[0]!.url);
    try {
      const respondents: Respondent[] = [];
      for (let i = 0; i < RESPONDENTS; i += 50)
        respondents.push(
          ...(await Promise.all(
            Array.from({ length: Math.min(50, RESPONDENTS - i) }, (_, k) =>
              openRespondent(i + k, servers[(i + k) % instances]!.url, census.publicPath),
            ),
          )),
        );
      const rssStart = servers.map((s) => s.rssMb());
      const where = `${instances} instance${instances > 1 ? 's' : ''}`;
      log(
        `${dialect} : ${RESPONDENTS} répondants sur ${where}, une sauvegarde toutes les 2 s pendant ${durationMs / 1000} s`,
      );
      const latencies = new Latencies(performance.now(), 10_000);
      const cpuStart = servers.map((s) => processCpuSeconds(s.pid));
      const loadStart = loadAverage();
      const workStart = dialect === 'postgres' ? await postgresWork(census.handle) : null;
      const generatorStart = process.cpuUsage();
      await driveAutosaves(respondents, census.publicPath, { everyMs: 2000, durationMs, latencies });
      const cpu = servers.map((s, i) => processCpuSeconds(s.pid) - cpuStart[i]!);
      const generatorUsage = process.cpuUsage(generatorStart);
      const generator = (generatorUsage.user + generatorUsage.system) / 1e6;
      const load = `charge ${loadStart.toFixed(1)} → ${loadAverage().toFixed(1)}`;
      const rssEnd = servers.map((s) => s.rssMb());
      const workEnd = workStart ? await postgresWork(census.handle) : null;
      const lost = await lostSaves(census.handle, census.campaignId, respondents);
      const saves = latencies.all.length;
      const memory = servers.map((_, i) => `${Math.round(rssStart[i]!)} → ${Math.round(rssEnd[i]!)} Mo`).join(' ; ');
      figures.push(
        {
          measure: `autosave p99, ${RESPONDENTS} répondants / 2 s, ${where}`,
          database: dialect,
          value: latencies.p(99),
          unit: 'ms',
          max: 100,
          note: `p50 ${latencies.p(50).toFixed(1)} ms, max ${Math.round(Math.max(...latencies.all))} ms ; ${saves} sauvegardes (${(saves / (durationMs / 1000)).toFixed(0)}/s) ; fsync de la machine ${fsync.toFixed(1)} ms (médiane) ; ${load}`,
        },
        {
          measure: `autosave p99 par fenêtre de 10 s (${where})`,
          database: dialect,
          value: Math.max(...latencies.windows.slice(1).map((w) => percentile(w.samples, 99))),
          unit: 'ms',
          max: 100,
          note: `pire fenêtre hors la première ; fenêtres : ${latencies.windows.map((w) => Math.round(percentile(w.samples, 99))).join(' / ')} ms`,
        },
        {
          measure: `temps CPU des serveurs par sauvegarde (${where})`,
          database: dialect,
          value: (1000 * cpu.reduce((a, b) => a + b, 0)) / Math.max(1, saves),
          unit: 'ms',
          note: `CPU ${cpu.map((c) => `${c.toFixed(1)} s`).join(' + ')} pour ${durationMs / 1000} s de charge (un cœur pour 250 sauvegardes/s : 4 ms par sauvegarde au plus) ; ${load}`,
        },
        {
          measure: `temps CPU du générateur de charge par sauvegarde (${where})`,
          database: dialect,
          value: (1000 * generator) / Math.max(1, saves),
          unit: 'ms',
          note: `CPU ${generator.toFixed(1)} s (même machine que les serveurs) ; ${load}`,
        },
        ...(workStart && workEnd
          ? [
              {
                measure: `PostgreSQL : transactions par sauvegarde (${where})`,
                database: dialect,
                value: (workEnd.commits - workStart.commits) / Math.max(1, saves),
                unit: '',
                note: `lectures de table (index ou séquentielles) par sauvegarde ${((workEnd.scans - workStart.scans) / Math.max(1, saves)).toFixed(2)}, lignes modifiées par sauvegarde ${((workEnd.updated - workStart.updated) / Math.max(1, saves)).toFixed(2)}, connexions ouvertes pendant la charge ${workEnd.sessions - workStart.sessions} (statistiques de PostgreSQL, relevées par ce banc)`,
              } satisfies Figure,
            ]
          : []),
        {
          measure: `autosave en erreur (${where})`,
          database: dialect,
          value: latencies.errors,
          unit: 'requêtes',
          max: 0,
          note: latencies.errors ? latencies.describeErrors() : undefined,
        },
        {
          measure: `sauvegardes perdues (dernière sauvegarde acquittée absente, ${where})`,
          database: dialect,
          value: lost,
          unit: 'répondants',
          max: 0,
          note: `${respondents.filter((r) => r.acknowledged > 0).length} répondants vérifiés`,
        },
        {
          measure: `mémoire des serveurs : croissance début → fin (${where})`,
          database: dialect,
          value: Math.max(...rssEnd.map((end, i) => (100 * (end - rssStart[i]!)) / rssStart[i]!)),
          unit: '%',
          max: 10,
          note: `RSS ${memory}`,
        },
      );
    } finally {
      await census.close();
      for (const s of servers) await s.stop();
      await database.dispose();
    }
  }
  return figures;
});
