// What the deadline-day and soak benchmarks share: real `serve` processes (one or several on the same database), an
// AI-census campaign with a public link, respondents each with their own browser session (cookie, CSRF token,
// address given by the reverse proxy), autosave as the browser island sends it, latency windows, and the check that
// every respondent's last acknowledged save is in the database. Figures only.
import { readFileSync } from 'node:fs';
import { Agent, type OutgoingHttpHeaders, request } from 'node:http';
import { loadConfig } from '../src/config.ts';
import { createModules } from '../src/modules/index.ts';
import { CLI_ACTOR, type QuestionnairesApi } from '../src/modules/questionnaires/index.ts';
import { createLinks } from '../src/modules/questionnaires/services/links.ts';
import { type DbHandle, openDatabase } from '../src/platform/db/index.ts';
import { createPlatform } from '../src/platform/platform.ts';
import { percentile, type RunningServe, startServe } from './lib.ts';

export const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

/** The machine's load average over the last minute (the benchmarks share the machine). */
export const loadAverage = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

/** `count` servers on one database (the first one migrates it), behind a reverse proxy (TRUST_PROXY). */
export async function startServers(
  database: { url: string; dir: string },
  count: number,
  env: Record<string, string> = {},
): Promise<RunningServe[]> {
  const servers: RunningServe[] = [];
  for (let i = 0; i < count; i++)
    servers.push(
      await startServe({
        databaseUrl: database.url,
        dataDir: database.dir,
        env: {
          SEED_DEMO: 'false',
          RUN_JOBS: i === 0 ? 'true' : 'false',
          TRUST_PROXY: 'true',
          ...env,
        },
      }),
    );
  return servers;
}

type CampaignInput = Parameters<QuestionnairesApi['campaigns']['create']>[1];

/**
 * A campaign open since yesterday for 30 days, with a public link and public results, targeting nobody in particular
 * (the benches' census); `over` changes fields.
 */
export function openCampaign(questionnaireId: number, title: string, over: Partial<CampaignInput> = {}): CampaignInput {
  return {
    questionnaireId,
    title,
    description: '',
    opensAt: new Date(Date.now() - 86_400_000).toISOString(),
    closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    targets: { types: [], regions: [], departements: [], organisationIds: [], sirens: [] },
    sirenList: '',
    publicLink: true,
    resultsPublic: true,
    libraryAuto: false,
    reminderDays: [],
    ...over,
  } as CampaignInput;
}

export interface Census {
  handle: DbHandle;
  api: QuestionnairesApi;
  modules: ReturnType<typeof createModules>;
  campaignId: number;
  /** Path of the public link (`/recensements/public/<token>`), the same on every server. */
  publicPath: string;
  close(): Promise<void>;
}

/** Installs the catalogue and opens an AI-census campaign with a public link and public results. */
export async function censusCampaign(database: { url: string; dir: string }, baseUrl: string): Promise<Census> {
  const handle = openDatabase(database.url, { poolSize: 4 });
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: database.url,
    DATA_DIR: database.dir,
    SESSION_SECRET: SECRET,
    BASE_URL: baseUrl,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
  });
  const platform = createPlatform(config, handle);
  const modules = createModules(platform);
  const api = modules.api('questionnaires') as QuestionnairesApi;
  const [censusId] = await api.questionnaires.installCatalogue();
  const created = await api.campaigns.create(CLI_ACTOR, openCampaign(censusId!, 'Jour de clôture'));
  const row = await handle.db
    .selectFrom('campaigns')
    .select(['id', 'public_token_nonce'])
    .where('id', '=', created.id)
    .executeTakeFirstOrThrow();
  const link = createLinks({ baseUrl, sessionSecret: SECRET }).publicLink({
    id: Number(row.id),
    publicTokenNonce: row.public_token_nonce,
  })!;
  return {
    handle,
    api,
    modules,
    campaignId: created.id,
    publicPath: new URL(link).pathname,
    close: () => handle.close(),
  };
}

export interface Respondent {
  index: number;
  baseUrl: string;
  /** The address the reverse proxy reports (one per person, as on a real deadline day). */
  ip: string;
  cookie: string;
  csrf: string;
  version: number;
  /** Number of the last save the server acknowledged (written in the answer `description`). */
  acknowledged: number;
  sent: number;
}

const ipOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

/** Opens the census as a new browser: the first page gives the session cookie and the CSRF token. */
export async function openRespondent(index: number, baseUrl: string, publicPath: string): Promise<Respondent> {
  const ip = ipOf(index + 1);
  const res = await fetch(`${baseUrl}${publicPath}/page/projet`, { headers: { 'x-forwarded-for': ip } });
  const html = await res.text();
  if (res.status !== 200) throw new Error(`ouverture du questionnaire : ${res.status} ${html.slice(0, 200)}`);
  const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(html)?.[1] ?? '';
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { index, baseUrl, ip, cookie, csrf, version: 0, acknowledged: 0, sent: 0 };
}

/**
 * The load generator's connections: kept alive (as a browser keeps its connection to the site), no limit per server.
 * node:http rather than fetch: fetch's streams, signals and header objects cost the generator several times what
 * the request itself does, and the generator shares the machine's two cores with the servers it measures.
 */
const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

/** What does not change from one save to the next: the target and the headers (built once per respondent). */
const requestsOf = new WeakMap<
  Respondent,
  { host: string; port: string; path: string; headers: OutgoingHttpHeaders }
>();
const DESCRIPTION_TAIL = 'texte de la description '.repeat(8);

function post(r: Respondent, publicPath: string, body: string): Promise<{ status: number; text: string }> {
  let target = requestsOf.get(r);
  if (!target) {
    const url = new URL(`${r.baseUrl}${publicPath}/enregistrer`);
    target = {
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        cookie: r.cookie,
        'x-csrf-token': r.csrf,
        'x-forwarded-for': r.ip,
      },
    };
    requestsOf.set(r, target);
  }
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        method: 'POST',
        host: target.host,
        port: target.port,
        path: target.path,
        headers: { ...target.headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** One autosave as the browser island sends it (changed answers on top of the version last seen). */
export async function autosave(
  r: Respondent,
  publicPath: string,
): Promise<{ ms: number; ok: boolean; status: number }> {
  const n = r.sent + 1;
  r.sent = n;
  const body = `{"baseVersion":${r.version},"answers":{"description":"répondant ${r.index} sauvegarde ${n} : ${DESCRIPTION_TAIL}"},"page":"projet"}`;
  const started = performance.now();
  try {
    const res = await post(r, publicPath, body);
    const ms = performance.now() - started;
    let version: number | undefined;
    try {
      version = (JSON.parse(res.text) as { version?: number }).version;
    } catch {}
    if (res.status === 200 && version) {
      r.version = version;
      r.acknowledged = n;
      return { ms, ok: true, status: 200 };
    }
    return { ms, ok: false, status: res.status };
  } catch {
    return { ms: performance.now() - started, ok: false, status: 0 };
  }
}

/** Respondents whose last acknowledged save is not what the database holds (0 when nothing was lost). */
export async function lostSaves(handle: DbHandle, campaignId: number, respondents: Respondent[]): Promise<number> {
  const rows = await handle.db
    .selectFrom('responses')
    .select('answers')
    .where('campaign_id', '=', campaignId)
    .execute();
  const saved = new Map<number, number>();
  for (const row of rows) {
    const m = /^répondant (\d+) sauvegarde (\d+) /.exec(
      (JSON.parse(row.answers as string) as { description?: string }).description ?? '',
    );
    if (m) saved.set(Number(m[1]), Number(m[2]));
  }
  return respondents.filter((r) => r.acknowledged > 0 && saved.get(r.index) !== r.acknowledged).length;
}

/** Latencies in windows of `windowMs` (p99 over time) and overall. */
export class Latencies {
  all: number[] = [];
  errors = 0;
  statuses = new Map<number, number>();
  windows: { at: number; samples: number[]; errors: number }[] = [];
  constructor(
    private readonly started: number,
    private readonly windowMs: number,
  ) {}

  record(ms: number, ok: boolean, status = 200) {
    const w = Math.floor((performance.now() - this.started) / this.windowMs);
    while (this.windows.length <= w)
      this.windows.push({ at: (this.windows.length * this.windowMs) / 1000, samples: [], errors: 0 });
    if (ok) {
      this.all.push(ms);
      this.windows[w]!.samples.push(ms);
    } else {
      this.errors++;
      this.windows[w]!.errors++;
      this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    }
  }

  p(q: number) {
    return percentile(this.all, q);
  }

  describeErrors() {
    return [...this.statuses].map(([s, n]) => `${n} × ${s || 'réseau'}`).join(', ');
  }
}

/** Runs `respondents` saving every `everyMs` for `durationMs` (each one waits for its previous save). */
export async function driveAutosaves(
  respondents: Respondent[],
  publicPath: string,
  options: { everyMs: number; durationMs: number; latencies: Latencies },
): Promise<void> {
  const end = performance.now() + options.durationMs;
  await Promise.all(
    respondents.map(async (r) => {
      // Spread the first saves over one period, as people do not all type at the same millisecond.
      let next = performance.now() + Math.random() * options.everyMs;
      for (;;) {
        const wait = next - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (performance.now() >= end) return;
        const result = await autosave(r, publicPath);
        options.latencies.record(result.ms, result.ok, result.status);
        next += options.everyMs;
      }
    }),
  );
}
