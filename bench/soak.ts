// Soak: 10 minutes (BENCH_QUICK=1: 40 s) of mixed traffic on one `serve` process with the demo content — visitors
// searching and reading pages, the public API, open-data exports and census results, while census respondents
// autosave every 2 s. Figures: errors (target 0), memory growth after warm-up (target ≤ 10 %), p99 overall. Writes
// bench/out/soak-<base>.csv (one line per 10 s: time, RSS, p50, p99, requests, errors) and bench/out/soak-<base>.svg
// (RSS and p99 over time). SQLite by default; BENCH_SOAK_POSTGRES=1 adds PostgreSQL. The machine's other work
// shows in the latencies.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  censusCampaign,
  driveAutosaves,
  Latencies,
  openRespondent,
  type Respondent,
  startServers,
} from './deadline-lib.ts';
import { benchmark, emptyDatabase, type Figure, percentile, ROOT } from './lib.ts';

const WORDS = [
  'cantine',
  'eau',
  'mobilité',
  'déchets',
  'chatbot',
  'courrier',
  'éclairage',
  'prévision',
  'santé',
  'agents',
];
const WINDOW_MS = 10_000;

interface Sample {
  at: number;
  rssMb: number;
}

/** The visitors' requests, drawn at random (weights: searches and pages most, exports least). */
function visitorRequest(rnd: () => number, useCases: string[], campaignId: number): string {
  const word = WORDS[Math.floor(rnd() * WORDS.length)]!;
  const r = rnd();
  if (r < 0.3) return `/bibliotheque?q=${encodeURIComponent(word)}${rnd() < 0.5 ? '&par_page=50' : ''}`;
  if (r < 0.45)
    return useCases.length ? `/bibliotheque/${useCases[Math.floor(rnd() * useCases.length)]}` : '/bibliotheque';
  if (r < 0.55)
    return ['/', '/bibliotheque', '/collectivites', '/recensements', '/carte', '/statistiques'][Math.floor(rnd() * 6)]!;
  if (r < 0.7) return `/api/v1/use-cases?q=${encodeURIComponent(word)}`;
  if (r < 0.78) return `/api/v1/organisations?q=${encodeURIComponent(word.slice(0, 4))}`;
  if (r < 0.88)
    return rnd() < 0.5 ? `/recensements/${campaignId}/resultats` : `/api/v1/campaigns/${campaignId}/results`;
  return [
    '/donnees-ouvertes/bibliotheque-ia.json',
    '/donnees-ouvertes/bibliotheque-ia-interconnectes.csv',
    '/donnees-ouvertes/bibliotheque-ia.xlsx',
  ][Math.floor(rnd() * 3)]!;
}

/** A line chart (SVG) of RSS and p99 over time, both axes labelled; no script, no external resource. */
function chart(title: string, rows: { at: number; rssMb: number; p99: number }[]): string {
  const w = 760;
  const h = 220;
  const pad = { l: 60, r: 60, t: 30, b: 40 };
  const maxT = Math.max(1, ...rows.map((r) => r.at));
  const maxRss = Math.max(1, ...rows.map((r) => r.rssMb)) * 1.1;
  const maxP99 = Math.max(1, ...rows.map((r) => (Number.isFinite(r.p99) ? r.p99 : 0))) * 1.1;
  const x = (t: number) => pad.l + ((w - pad.l - pad.r) * t) / maxT;
  const y = (v: number, max: number) => h - pad.b - ((h - pad.t - pad.b) * v) / max;
  const line = (pick: (r: (typeof rows)[number]) => number, max: number) =>
    rows
      .filter((r) => Number.isFinite(pick(r)))
      .map((r, i) => `${i ? 'L' : 'M'}${x(r.at).toFixed(1)},${y(pick(r), max).toFixed(1)}`)
      .join(' ');
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" font-family="sans-serif" font-size="12">
  <title>${esc(title)}</title>
  <text x="${pad.l}" y="18" font-weight="bold">${esc(title)}</text>
  <line x1="${pad.l}" y1="${h - pad.b}" x2="${w - pad.r}" y2="${h - pad.b}" stroke="#444"/>
  <line x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${h - pad.b}" stroke="#1f4e99"/>
  <line x1="${w - pad.r}" y1="${pad.t}" x2="${w - pad.r}" y2="${h - pad.b}" stroke="#b3261e"/>
  <text x="${pad.l - 6}" y="${pad.t + 4}" text-anchor="end" fill="#1f4e99">${Math.round(maxRss)} Mo</text>
  <text x="${pad.l - 6}" y="${h - pad.b}" text-anchor="end" fill="#1f4e99">0</text>
  <text x="${w - pad.r + 6}" y="${pad.t + 4}" fill="#b3261e">${Math.round(maxP99)} ms</text>
  <text x="${w - pad.r + 6}" y="${h - pad.b}" fill="#b3261e">0</text>
  <text x="${pad.l}" y="${h - pad.b + 16}">0 s</text>
  <text x="${w - pad.r}" y="${h - pad.b + 16}" text-anchor="end">${Math.round(maxT)} s</text>
  <text x="${w / 2}" y="${h - 6}" text-anchor="middle">temps ; en bleu : mémoire du serveur (RSS) ; en rouge : p99 par tranche de 10 s</text>
  <path d="${line((r) => r.rssMb, maxRss)}" fill="none" stroke="#1f4e99" stroke-width="2"/>
  <path d="${line((r) => r.p99, maxP99)}" fill="none" stroke="#b3261e" stroke-width="1.5"/>
</svg>
`;
}

export default benchmark(import.meta.url, 'Endurance', async ({ dialects, quick, log }) => {
  const figures: Figure[] = [];
  const durationMs = quick ? 40_000 : 10 * 60_000;
  const warmUpMs = quick ? 10_000 : 2 * 60_000;
  const visitors = quick ? 8 : 16;
  const respondentsCount = quick ? 40 : 100;
  const selected = dialects.filter((d) => d === 'sqlite' || process.env.BENCH_SOAK_POSTGRES === '1');
  for (const dialect of selected) {
    const database = await emptyDatabase(dialect);
    const [server] = await startServers(database, 1, { SEED_DEMO: 'true' });
    const census = await censusCampaign(database, server!.url);
    try {
      const useCases =
        ((await (await fetch(`${server!.url}/api/v1/use-cases`)).json()) as { items?: { id: number }[] }).items?.map(
          (u) => String(u.id),
        ) ?? [];
      const respondents: Respondent[] = [];
      for (let i = 0; i < respondentsCount; i++)
        respondents.push(await openRespondent(i, server!.url, census.publicPath));
      log(
        `${dialect} : ${durationMs / 1000} s, ${visitors} visiteurs en continu, ${respondentsCount} répondants (une sauvegarde / 2 s), ${useCases.length} fiches`,
      );
      const started = performance.now();
      const latencies = new Latencies(started, WINDOW_MS);
      const samples: Sample[] = [];
      const sampler = setInterval(() => {
        try {
          samples.push({ at: (performance.now() - started) / 1000, rssMb: server!.rssMb() });
        } catch {}
      }, 2000);
      const end = started + durationMs;
      const visiting = Array.from({ length: visitors }, async (_, v) => {
        let seed = v * 7919 + 1;
        const rnd = () => {
          seed = (seed * 48271) % 2147483647;
          return seed / 2147483647;
        };
        while (performance.now() < end) {
          const path = visitorRequest(rnd, useCases, census.campaignId);
          const t = performance.now();
          try {
            const res = await fetch(`${server!.url}${path}`, { headers: { 'x-forwarded-for': `10.200.0.${v + 1}` } });
            await res.arrayBuffer();
            latencies.record(performance.now() - t, res.status < 400, res.status);
          } catch {
            latencies.record(performance.now() - t, false, 0);
          }
          await new Promise((resolve) => setTimeout(resolve, 50 + rnd() * 150));
        }
      });
      await Promise.all([
        ...visiting,
        driveAutosaves(respondents, census.publicPath, { everyMs: 2000, durationMs, latencies }),
      ]);
      clearInterval(sampler);

      const rows = latencies.windows.map((w) => {
        const near = samples.filter((s) => s.at <= w.at + WINDOW_MS / 1000);
        return {
          at: w.at + WINDOW_MS / 1000,
          rssMb: near.length ? near[near.length - 1]!.rssMb : Number.NaN,
          p50: percentile(w.samples, 50),
          p99: percentile(w.samples, 99),
          requests: w.samples.length + w.errors,
          errors: w.errors,
        };
      });
      const out = join(ROOT, 'bench', 'out');
      mkdirSync(out, { recursive: true });
      writeFileSync(
        join(out, `soak-${dialect}.csv`),
        `temps_s,rss_mo,p50_ms,p99_ms,requetes,erreurs\n${rows
          .map((r) => [r.at, r.rssMb.toFixed(1), r.p50.toFixed(1), r.p99.toFixed(1), r.requests, r.errors].join(','))
          .join('\n')}\n`,
      );
      writeFileSync(join(out, `soak-${dialect}.svg`), chart(`Endurance (${dialect}) : mémoire et p99`, rows));

      // Memory after warm-up: the median of the first minute after warm-up against the median of the last minute.
      const median = (list: number[]) => percentile(list, 50);
      const afterWarmUp = median(
        samples.filter((s) => s.at * 1000 >= warmUpMs && s.at * 1000 < warmUpMs + 60_000).map((s) => s.rssMb),
      );
      const last = median(samples.filter((s) => s.at * 1000 >= durationMs - 60_000).map((s) => s.rssMb));
      const total = latencies.all.length + latencies.errors;
      figures.push(
        {
          measure: `erreurs sur ${total} requêtes mêlées en ${durationMs / 1000} s`,
          database: dialect,
          value: latencies.errors,
          unit: 'requêtes',
          max: 0,
          note: latencies.errors ? latencies.describeErrors() : `${(total / (durationMs / 1000)).toFixed(0)} req/s`,
        },
        {
          measure: 'mémoire : croissance après la mise en route',
          database: dialect,
          value: (100 * (last - afterWarmUp)) / afterWarmUp,
          unit: '%',
          max: 10,
          note: `RSS médiane ${Math.round(afterWarmUp)} Mo après ${warmUpMs / 1000} s → ${Math.round(last)} Mo à la fin ; bench/out/soak-${dialect}.svg et .csv`,
        },
        {
          measure: 'p99 de toutes les requêtes',
          database: dialect,
          value: latencies.p(99),
          unit: 'ms',
          note: `p50 ${latencies.p(50).toFixed(1)} ms ; p99 par tranche de 10 s de ${Math.round(Math.min(...rows.map((r) => r.p99)))} à ${Math.round(Math.max(...rows.map((r) => r.p99)))} ms`,
        },
      );
    } finally {
      await census.close();
      await server!.stop();
      await database.dispose();
    }
  }
  return figures;
});
