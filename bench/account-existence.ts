// Does the response time of « mot de passe oublié » and « lien de connexion » say whether an account exists?
// (issue 8, finding 9: 10.1 ms vs 4.5 ms and 8.9 vs 4.7 ms before the mail went through the job queue.)
// In-process requests (fastify inject) alternating a known and an unknown address, each from its own client
// address (the per-address rate limit never answers instead), after a warm-up; the medians and their ratio are
// printed with their sample counts. The tests compare the WORK done (one queued job each); this measures time.
import { performance } from 'node:perf_hooks';
import { createTestApp, type TestApp } from '../test/helpers/app.ts';
import { benchmark, type Figure, percentile } from './lib.ts';

async function timePost(app: TestApp, url: string, email: string, client: number): Promise<number> {
  const agent = app.agent();
  await agent.get('/connexion');
  const forwarded = { 'x-forwarded-for': `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client & 255}` };
  const t = performance.now();
  const res = await agent.request({ method: 'POST', url, form: { _csrf: agent.csrfToken, email }, headers: forwarded });
  const ms = performance.now() - t;
  if (res.statusCode !== 200) throw new Error(`${url} : ${res.statusCode} ${res.body.slice(0, 200)}`);
  return ms;
}

export default benchmark(import.meta.url, 'Existence d’un compte', async ({ dialects, quick, log }) => {
  const figures: Figure[] = [];
  const samples = quick ? 60 : 400;
  const warmup = quick ? 10 : 50;
  let client = 1;
  for (const dialect of dialects) {
    const app = await createTestApp(dialect);
    try {
      const { email } = await app.createUser({ email: 'connue@mairie-exemple.fr' });
      for (const [label, url] of [
        ['mot de passe oublié', '/mot-de-passe-oublie'],
        ['lien de connexion', '/connexion/lien'],
      ] as const) {
        const known: number[] = [];
        const unknown: number[] = [];
        for (let i = 0; i < warmup + samples; i++) {
          const k = await timePost(app, url, email, client++);
          const u = await timePost(app, url, `inconnue.${i}@mairie-exemple.fr`, client++);
          if (i >= warmup) {
            known.push(k);
            unknown.push(u);
          }
          // The job queue runs as the worker would, outside the measured requests.
          if (i % 20 === 19) await app.server.runJobs();
        }
        await app.server.runJobs();
        const mk = percentile(known, 50);
        const mu = percentile(unknown, 50);
        log(
          `${dialect} ${label} : médianes ${mk.toFixed(2)} ms (connue) / ${mu.toFixed(2)} ms (inconnue), ${samples} × 2`,
        );
        const note = `${samples} requêtes par adresse, après ${warmup} d’échauffement`;
        figures.push(
          { measure: `${label} : médiane, adresse connue`, database: dialect, value: mk, unit: 'ms', note },
          { measure: `${label} : médiane, adresse inconnue`, database: dialect, value: mu, unit: 'ms', note },
          {
            measure: `${label} : rapport connue / inconnue`,
            database: dialect,
            value: mk / mu,
            unit: '×',
            min: 0.9,
            max: 1.1,
            note: 'avant : 2,2× (10,1 / 4,5 ms) et 1,9× (8,9 / 4,7 ms)',
          },
        );
      }
    } finally {
      await app.server.close();
      await app.database.dispose();
    }
  }
  return figures;
});
