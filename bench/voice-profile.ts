// Profiling aid for bench/voice.ts (not registered in bench/run.ts): N people post through the real form route
// in-process while the V8 profiler records; writes a .cpuprofile and prints the top functions by self time.
//   node --import tsx bench/voice-profile.ts [people] [out.cpuprofile]      VOICE_PROFILE=0: measure without the profiler
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { createTestApp, type TestAgent } from '../test/helpers/app.ts';
import { publishedSheet } from '../test/helpers/sheets.ts';
import '../src/modules/voice/tables.ts';
import { postContribution } from './voice-post.ts';

const people = Number(process.argv[2] ?? 200);
const out = process.argv[3] ?? '/tmp/voice-posting.cpuprofile';
const app = await createTestApp('sqlite');
try {
  const authority = await app.createOrganisation({ name: 'Ville du Banc', type: 'commune' });
  const member = await app.signedIn({
    email: 'agent@banc.fr',
    memberships: [{ organisationId: authority, role: 'member' }],
  });
  const coordinator = await app.signedIn({ email: 'coord@banc.fr', role: 'coordinator' });
  const sheet = await publishedSheet(app, authority, member, coordinator, 'banc');
  const agents: TestAgent[] = [];
  for (let i = 0; i < people; i++) {
    const agent = await app.signedIn({ email: `personne${i}@banc.fr` });
    await agent.get('/participation/charte');
    agents.push(agent);
  }
  await app.server.platform.db
    .insertInto('voice_settings')
    .values({ organisation_id: authority, premoderation: 'none', updated_by: null, updated_at: app.clock.iso() })
    .execute();
  const profiling = process.env.VOICE_PROFILE !== '0';
  const session = new Session();
  session.connect();
  if (profiling) {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  }
  const cpu = process.cpuUsage();
  const t = performance.now();
  let next = 0;
  let refused = 0;
  const rounds = 3;
  const total = people * rounds;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < total) {
        const n = next++;
        const i = n % people;
        const agent = agents[i]!;
        const res = await postContribution(agent, sheet.id, n, i);
        if (res.statusCode !== 302) refused++;
      }
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  console.log(
    `${total} messages (${refused} refusés) : ${(total / seconds).toFixed(0)} msg/s mur, ${(total / ((used.user + used.system) / 1e6)).toFixed(0)} msg/s CPU, charge ${loadavg()[0]!.toFixed(1)}`,
  );
  if (profiling) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(out, JSON.stringify(profile));
    // Self time by function.
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const counts = new Map<number, number>();
    for (const s of profile.samples ?? []) counts.set(s, (counts.get(s) ?? 0) + 1);
    const totalSamples = profile.samples?.length ?? 1;
    for (const [id, c] of counts) {
      const n = byId.get(id)!;
      const f = n.callFrame;
      const key = `${f.functionName || '(anon)'} ${f.url.replace(/^.*\/work\/main\//, '')}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + c);
    }
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40))
      console.log(`${((100 * v) / totalSamples).toFixed(1).padStart(5)} %  ${k}`);
  }
} finally {
  await app.server.close();
  await app.database.dispose();
}
