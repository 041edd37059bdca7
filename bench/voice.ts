// Citizens' voice (issue 13, points 3 and 4):
//  1. A published sheet with 2,000 published contributions (300 pseudonymous authors, one official answer): the first
//     page of its thread rendered alone (the voice api's view, to HTML) and the whole sheet page through HTTP
//     (inject), the first time and repeated (p50 / p99 of 100). Target: first page of messages ≤ 50 ms.
//  2. Posting through the real form route (session, CSRF, schema, every rule of the charter: trap field, block,
//     pseudonym, kind, length, links, blocklist of 5 words, limits per person and per address, pre-moderation) by 400
//     different people from 400 addresses, 16 at a time. Target: ≥ 200 messages/s on SQLite.
//
//   npm run bench -- voice            BENCH_SQLITE_ONLY=1 to skip PostgreSQL
import { loadavg } from 'node:os';
import { renderToString } from 'preact-render-to-string';
import type { VoiceApi } from '../src/modules/voice/index.ts';
import { createTestApp, type TestAgent } from '../test/helpers/app.ts';
import { publishedSheet } from '../test/helpers/sheets.ts';
import { type BenchDialect, benchmark, type Figure, percentile } from './lib.ts';
import '../src/modules/voice/tables.ts';
import { postContribution } from './voice-post.ts';

const load = () => loadavg()[0]!.toFixed(1);
const ms = (t: number) => performance.now() - t;

async function measure(dialect: BenchDialect, quick: boolean, log: (line: string) => void): Promise<Figure[]> {
  const app = await createTestApp(dialect);
  const figures: Figure[] = [];
  try {
    const db = app.server.platform.db;
    const authority = await app.createOrganisation({ name: 'Ville du Banc', type: 'commune' });
    const member = await app.signedIn({
      email: 'agent@banc.fr',
      memberships: [{ organisationId: authority, role: 'member' }],
    });
    const coordinator = await app.signedIn({ email: 'coord@banc.fr', role: 'coordinator' });
    const sheet = await publishedSheet(app, authority, member, coordinator, 'banc');
    const voice = app.server.modules.api('voice') as VoiceApi;

    // The sheet page before any contribution: what the library's page costs by itself.
    const baseline: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await app.agent().get(sheet.path);
      baseline.push(ms(t0));
    }

    // ---- 2,000 messages by 300 authors ----
    const authors: number[] = [];
    for (let i = 0; i < 300; i++) authors.push((await app.createUser({ email: `auteur${i}@banc.fr` })).id);
    const now = app.clock.iso();
    await db
      .insertInto('voice_profiles')
      .values(
        authors.map((id, i) => ({
          user_id: id,
          pseudonym: `Auteur ${i}`,
          pseudonym_key: `auteur ${i}`,
          created_at: now,
        })),
      )
      .execute();
    const kinds = ['question', 'comment', 'comment', 'support', 'concerned'];
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      target_kind: 'use_case',
      target_id: sheet.id,
      organisation_id: authority,
      author_id: authors[i % authors.length]!,
      kind: i === 3 ? 'official' : kinds[i % kinds.length]!,
      official: i === 3 ? 1 : 0,
      body: `Contribution ${i} : une remarque de quelques phrases sur le projet, son utilité et les données qu’il utilise. Est-ce que les habitants seront informés avant la mise en service ?`,
      status: i % 50 === 7 ? 'pending' : 'published',
      created_at: new Date(Date.parse(now) - (2000 - i) * 60_000).toISOString(),
    }));
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto('voice_messages')
        .values(rows.slice(i, i + 200))
        .execute();
    log(`${dialect} : 2 000 contributions écrites`);

    // ---- 1. first page of the thread ----
    const renderThread = async () => renderToString((await voice.threadView('use_case', sheet.id, null, {}))!);
    let t = performance.now();
    const html = await renderThread();
    const firstThread = ms(t);
    if (!html.includes('Contributions citoyennes (1960)')) throw new Error('le fil n’a pas le bon nombre de messages');
    const threadSamples: number[] = [];
    const threadCpu = process.cpuUsage();
    for (let i = 0; i < 100; i++) {
      t = performance.now();
      await renderThread();
      threadSamples.push(ms(t));
    }
    const threadUsed = process.cpuUsage(threadCpu);
    const threadCpuMs = (threadUsed.user + threadUsed.system) / 1000 / 100;
    const threadLoad = load();
    const visitor = app.agent();
    t = performance.now();
    const first = await visitor.get(sheet.path);
    const firstPage = ms(t);
    if (first.statusCode !== 200) throw new Error(`page de la fiche : ${first.statusCode}`);
    const pageSamples: number[] = [];
    for (let i = 0; i < 100; i++) {
      t = performance.now();
      await visitor.get(sheet.path);
      pageSamples.push(ms(t));
    }
    figures.push(
      {
        measure: 'Fil de 2 000 messages : 1re page seule, 1re fois',
        database: dialect,
        value: firstThread,
        unit: 'ms',
        max: 50,
        note: `mur, charge ${load()}`,
      },
      {
        measure: 'Fil de 2 000 messages : 1re page seule, répétée p50',
        database: dialect,
        value: percentile(threadSamples, 50),
        unit: 'ms',
        max: 50,
        note: `p99 ${percentile(threadSamples, 99).toFixed(1)} ms (mur), charge ${threadLoad}`,
      },
      {
        measure: 'Fil de 2 000 messages : 1re page seule, temps CPU par rendu',
        database: dialect,
        value: threadCpuMs,
        unit: 'ms',
        max: 50,
        note: `indépendant de la charge de la machine (charge ${threadLoad})`,
      },
      {
        measure: 'Page de la fiche sans contribution (référence), p50',
        database: dialect,
        value: percentile(baseline, 50),
        unit: 'ms',
      },
      { measure: 'Page de la fiche (HTTP, avec le fil), 1re fois', database: dialect, value: firstPage, unit: 'ms' },
      {
        measure: 'Page de la fiche (HTTP, avec le fil), répétée p50',
        database: dialect,
        value: percentile(pageSamples, 50),
        unit: 'ms',
        max: 50,
        note: `p99 ${percentile(pageSamples, 99).toFixed(1)} ms, charge ${load()}`,
      },
    );

    // ---- 2. posting by many people ----
    const people = quick ? 100 : 400;
    const agents: TestAgent[] = [];
    for (let i = 0; i < people; i++) {
      const agent = await app.signedIn({ email: `personne${i}@banc.fr` });
      await agent.get('/participation/charte'); // the CSRF token
      agents.push(agent);
    }
    // The authority publishes at once (a person's first message would otherwise wait: same rules, same cost).
    const settings = { organisation_id: authority, premoderation: 'none', updated_by: null, updated_at: now };
    await db.insertInto('voice_settings').values(settings).execute();
    log(`${dialect} : ${people} personnes connectées`);
    let refused = 0;
    let next = 0;
    const latencies: number[] = [];
    const postCpu = process.cpuUsage();
    t = performance.now();
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < agents.length) {
          const i = next++;
          const agent = agents[i]!;
          const sent = performance.now();
          const res = await postContribution(agent, sheet.id, i, i);
          latencies.push(ms(sent));
          if (res.statusCode !== 302) refused++;
        }
      }),
    );
    const seconds = ms(t) / 1000;
    const used = process.cpuUsage(postCpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    if (refused) throw new Error(`${refused} messages refusés pendant le banc`);
    const postLoad = load();
    figures.push({
      measure: `Publication par ${people} personnes (16 à la fois, règles de modération)`,
      database: dialect,
      value: people / seconds,
      unit: 'messages/s',
      min: dialect === 'sqlite' ? 200 : undefined,
      note: `mur ; réponse p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms ; charge ${postLoad}`,
    });
    figures.push({
      measure: 'Publication : messages par seconde de CPU (serveur et requêtes)',
      database: dialect,
      value: people / cpuSeconds,
      unit: 'messages/s CPU',
      note: `${((cpuSeconds * 1000) / people).toFixed(2)} ms de CPU par message ; indépendant de la charge (${postLoad}) ; les écritures attendent aussi le disque (fsync)`,
    });
  } finally {
    await app.server.close();
    await app.database.dispose();
  }
  return figures;
}

export default benchmark(import.meta.url, 'Contributions citoyennes', async (ctx) => {
  const figures: Figure[] = [];
  for (const dialect of ctx.dialects) figures.push(...(await measure(dialect, ctx.quick, ctx.log)));
  return figures;
});
