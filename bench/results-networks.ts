// Census results by network and two campaigns compared, on campaigns of 10,000 and 6,000 submitted responses from
// real communes (geographic code), with the three reference networks holding 2,000, 500 and 6,000 members (a fifth,
// a twentieth and most of the others of the communes that answered the first campaign): the
// public results read without networks (before) and with the networks' small-number protection (after), one
// network's results, and the comparison of the two campaigns. Service calls in process (median of several reads,
// process CPU time beside wall time). Figures only; nothing is asserted.
import { loadConfig } from '../src/config.ts';
import type { Form } from '../src/modules/forms/index.ts';
import { createModules } from '../src/modules/index.ts';
import type { OrganisationsApi } from '../src/modules/organisations/index.ts';
import { CLI_ACTOR, type QuestionnairesApi } from '../src/modules/questionnaires/index.ts';
import { now, openDatabase } from '../src/platform/db/index.ts';
import { createPlatform } from '../src/platform/platform.ts';
import { seededRandom } from '../test/helpers/random.ts';
import { openCampaign } from './deadline-lib.ts';
import { benchmark, emptyDatabase, type Figure, percentile, startServe } from './lib.ts';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

const choice = (id: string, codes: string[]) => ({
  id,
  type: 'single_choice' as const,
  label: `Question ${id}`,
  choices: codes.map((c) => ({ code: c, label: `Réponse ${c}` })),
});
const FORM: Form = {
  title: 'Banc des réseaux',
  language: 'fr',
  pages: [
    {
      id: 'p1',
      title: 'Page',
      elements: [
        choice('q1', ['a', 'b', 'c']),
        choice('q2', ['a', 'b', 'c', 'd', 'e']),
        { id: 'q3', type: 'multiple_choice', label: 'Question q3', choices: choice('x', ['a', 'b', 'c', 'd']).choices },
        { id: 'q4', type: 'number', label: 'Question q4' },
        { id: 'q5', type: 'yes_no', label: 'Question q5' },
      ],
    },
  ],
};

/** Median wall time (ms) and mean process CPU time (ms) of `runs` calls. */
async function measure(runs: number, fn: () => Promise<unknown>) {
  const wall: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    wall.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  return { wall: percentile(wall, 50), cpu: (cpu.user + cpu.system) / 1000 / runs };
}

export default benchmark(import.meta.url, 'Résultats par réseau et comparaison de campagnes', async (ctx) => {
  const { dialects, quick, log } = ctx;
  const figures: Figure[] = [];
  const sizes = quick ? [2000, 1200] : [10_000, 6000];
  const runs = quick ? 3 : 7;
  for (const dialect of dialects) {
    const database = await emptyDatabase(dialect);
    try {
      const serve = await startServe({
        databaseUrl: database.url,
        dataDir: database.dir,
        env: { SEED_DEMO: 'false', RUN_JOBS: 'false' },
      });
      await serve.stop();
      const handle = openDatabase(database.url, { poolSize: 4 });
      try {
        const config = loadConfig({
          ...process.env,
          DATABASE_URL: database.url,
          DATA_DIR: database.dir,
          SESSION_SECRET: SECRET,
          BASE_URL: 'http://localhost',
          SEED_DEMO: 'false',
          LOG_LEVEL: 'silent',
        });
        const modules = createModules(createPlatform(config, handle));
        const svc = modules.api('questionnaires') as QuestionnairesApi;
        const organisations = modules.api('organisations') as OrganisationsApi;
        await organisations.ensureGeography();
        const communes: { id: number; name: string; regionCode: string | null }[] = [];
        for (let offset = 0; communes.length < sizes[0]!; offset += 1000) {
          const page = await organisations.list({ type: 'commune' }, { limit: 1000, offset });
          if (!page.rows.length) break;
          communes.push(...page.rows);
        }
        const qid = await svc.questionnaires.createBlank(CLI_ACTOR, FORM.title);
        await svc.questionnaires.publish(CLI_ACTOR, qid, await svc.questionnaires.saveDraft(CLI_ACTOR, qid, 1, FORM));
        const versionId = (await svc.questionnaires.get(CLI_ACTOR, qid)).versions[0]!.id;
        const rnd = seededRandom(7);
        const pick = (list: string[]) => list[Math.floor(rnd() * list.length)]!;
        const campaignIds: number[] = [];
        for (const [n, size] of sizes.entries()) {
          const campaign = await svc.campaigns.create(CLI_ACTOR, openCampaign(qid, `Banc ${2025 + n}`));
          campaignIds.push(campaign.id);
          // The second campaign's respondents: the last `size` communes of the first one's (a partial overlap).
          const who = communes.slice(sizes[0]! - size - (n ? 2000 : 0), sizes[0]! - (n ? 2000 : 0));
          for (let i = 0; i < who.length; i += 500) {
            const at = now();
            await handle.db
              .insertInto('responses')
              .values(
                who.slice(i, i + 500).map((o) => ({
                  campaign_id: campaign.id,
                  version_id: versionId,
                  organisation_id: o.id,
                  organisation_name: o.name,
                  organisation_type: 'commune',
                  region_code: o.regionCode,
                  answers: JSON.stringify({
                    q1: pick(['a', 'b', 'c']),
                    q2: pick(['a', 'b', 'c', 'd', 'e']),
                    q3: ['a', 'b', 'c', 'd'].filter(() => rnd() < 0.4),
                    q4: Math.floor(rnd() * 100),
                    q5: rnd() < 0.5,
                  }),
                  revisions: '{}',
                  version: 2,
                  status: 'submitted',
                  progress: 100,
                  started_at: at,
                  updated_at: at,
                  submitted_at: at,
                })),
              )
              .execute();
          }
        }
        const [a, b] = campaignIds as [number, number];
        // Counters built once (first read), as on a running site.
        for (const id of campaignIds) await svc.results.results(null, id, {});
        log(`${dialect} : ${sizes.join(' + ')} réponses, compteurs construits`);

        const before = await measure(runs, () => svc.results.results(null, a, {}));
        const networks = await organisations.ensureReferenceNetworks();
        const ids = communes.map((c) => c.id);
        const members: Record<string, number[]> = {
          'france-urbaine': ids.filter((_, i) => i % 5 === 0),
          'les-interconnectes': ids.filter((_, i) => i % 20 === 1),
          'intercommunalites-de-france': ids.filter((_, i) => i % 5 !== 0).slice(0, 6000),
        };
        for (const [code, list] of Object.entries(members)) await organisations.addNetworkMembers(code, list);
        const after = await measure(runs, () => svc.results.results(null, a, {}));
        const fu = networks.find((n) => n.code === 'france-urbaine')!.id;
        const network = await measure(runs, () => svc.results.results(null, a, { network: fu }));
        const comparison = await measure(runs, () => svc.comparison.compare(null, a, b, false));
        const note = (m: { cpu: number }) => `CPU du processus ${Math.round(m.cpu)} ms par lecture`;
        figures.push(
          {
            measure: `résultats publics de ${sizes[0]} réponses, sans réseau (avant)`,
            database: dialect,
            value: Math.round(before.wall),
            unit: 'ms',
            note: note(before),
          },
          {
            measure: `les mêmes avec 3 réseaux (${Object.values(members).reduce((n, l) => n + l.length, 0)} membres) et leur protection (après)`,
            database: dialect,
            value: Math.round(after.wall),
            unit: 'ms',
            note: `${note(after)} ; ×${(after.wall / before.wall).toFixed(2)} l’avant`,
          },
          {
            measure: `résultats d’un réseau (${members['france-urbaine']!.length} membres)`,
            database: dialect,
            value: Math.round(network.wall),
            unit: 'ms',
            note: note(network),
          },
          {
            measure: `comparaison de deux campagnes (${sizes.join(' et ')} réponses)`,
            database: dialect,
            value: Math.round(comparison.wall),
            unit: 'ms',
            note: note(comparison),
          },
        );
      } finally {
        await handle.close();
      }
    } finally {
      await database.dispose();
    }
  }
  return figures;
});
