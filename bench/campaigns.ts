// Census campaigns at the scale of France (issue 9): every commune of the geographic code (about 35,000), each with
// one contact, invited by one campaign on the real `serve` process driven over HTTP as a coordinator would: the
// preparation (targets resolved, one invitation each, recipients counted), the preview before launch, the launch
// and the invitation job (one delivery and one queued job per recipient), then the dashboard's first page, filters
// and a deep page. The server's resident memory is sampled throughout. Figures only; nothing is asserted.
import { loadConfig } from '../src/config.ts';
import { createModules } from '../src/modules/index.ts';
import type { OrganisationsApi } from '../src/modules/organisations/index.ts';
import { CLI_ACTOR, type QuestionnairesApi } from '../src/modules/questionnaires/index.ts';
import { openDatabase } from '../src/platform/db/index.ts';
import { createPlatform } from '../src/platform/platform.ts';
import type { Server } from '../src/server.ts';
import { factoriesOf, TEST_PASSWORD } from '../test/helpers/factories.ts';
import { multipartBody } from '../test/helpers/multipart.ts';
import { loadAverage } from './deadline-lib.ts';
import {
  benchmark,
  emptyDatabase,
  type Figure,
  percentile,
  processCpuSeconds,
  type RunningServe,
  startServe,
} from './lib.ts';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

/** A browser session: its cookies and CSRF token, kept up to date from each answer. */
class Session {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(private baseUrl: string) {}

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  }

  async get(path: string): Promise<{ status: number; body: string; ms: number }> {
    const t = performance.now();
    const res = await fetch(this.baseUrl + path, { headers: { cookie: this.cookie() }, redirect: 'manual' });
    const body = await res.text();
    const ms = performance.now() - t;
    this.keep(res);
    this.csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(body)?.[1] ?? this.csrf;
    return { status: res.status, body, ms };
  }

  async post(path: string, body: BodyInit, contentType: string) {
    const t = performance.now();
    const res = await fetch(this.baseUrl + path, {
      method: 'POST',
      body,
      redirect: 'manual',
      headers: { cookie: this.cookie(), 'content-type': contentType, 'x-csrf-token': this.csrf },
    });
    await res.text();
    this.keep(res);
    return { status: res.status, location: res.headers.get('location') ?? '', ms: performance.now() - t };
  }

  cookie() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** Samples the server's resident memory every 100 ms; `max()` is the peak so far. */
function sampleMemory(serve: RunningServe) {
  let peak = serve.rssMb();
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, serve.rssMb());
    } catch {}
  }, 100);
  return {
    max: () => peak,
    stop: () => clearInterval(timer),
  };
}

export default benchmark(import.meta.url, 'Campagnes de recensement', async ({ dialects, log }) => {
  const figures: Figure[] = [];
  /** The server's memory peak so far, once sampling started (printed with each figure: which step raised it). */
  let peakSoFar: (() => number) | null = null;
  /** Each figure is also printed at once (a later failure keeps what was measured). */
  const record = (f: Figure) => {
    figures.push(f);
    const peak = peakSoFar ? ` ; pic mémoire jusqu’ici ${Math.round(peakSoFar())} Mo` : '';
    log(
      `${f.database} : ${f.measure} = ${Math.round(f.value * 10) / 10} ${f.unit}${f.max ? ` (objectif ≤ ${f.max})` : ''}${peak}`,
    );
  };
  for (const dialect of dialects) {
    const database = await emptyDatabase(dialect);
    let serve: RunningServe | null = null;
    let memory: ReturnType<typeof sampleMemory> | null = null;
    const handle = () => openDatabase(database.url, { poolSize: 4 });
    let db: ReturnType<typeof handle> | null = null;
    try {
      // 1. The data: the geographic code, one contact per commune (written in bulk: a tool, not a test).
      serve = await startServe({
        databaseUrl: database.url,
        dataDir: database.dir,
        // The worker runs in the server (invitation job); mails go to the outbox at a slow rate, so that the
        // figures measure the queuing, not 35,000 files written.
        env: { SEED_DEMO: 'false', RUN_JOBS: 'true', CAMPAIGN_MAILS_PER_MINUTE: '60' },
        timeoutMs: 600_000,
      });
      db = handle();
      const config = loadConfig({
        ...process.env,
        DATABASE_URL: database.url,
        DATA_DIR: database.dir,
        SESSION_SECRET: SECRET,
        BASE_URL: serve.url,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'silent',
        RUN_JOBS: 'false',
      });
      const platform = createPlatform(config, db);
      const modules = createModules(platform);
      const organisations = modules.api('organisations') as OrganisationsApi;
      const svc = modules.api('questionnaires') as QuestionnairesApi;
      await organisations.ensureGeography(log);
      const [censusId] = await svc.questionnaires.installCatalogue();
      const communeIds: number[] = [];
      for (let offset = 0; ; offset += 1000) {
        const page = await organisations.list({ type: 'commune' }, { limit: 1000, offset });
        communeIds.push(...page.rows.map((o) => o.id));
        if (page.rows.length < 1000) break;
      }
      const at = new Date().toISOString();
      for (let i = 0; i < communeIds.length; i += 500) {
        await db.db
          .insertInto('organisation_contacts')
          .values(
            communeIds.slice(i, i + 500).map((id) => ({
              organisation_id: id,
              name: 'Secrétariat de mairie',
              function: 'Secrétariat',
              email: `mairie-${id}@communes.test`,
              source: 'banc',
              created_at: at,
              updated_at: at,
            })),
          )
          .execute();
      }
      log(`${dialect} : ${communeIds.length} communes, une adresse chacune`);
      const factories = factoriesOf({ modules, platform } as unknown as Server);
      await factories.createUser({ email: 'coordination@banc.test', role: 'coordinator' });

      // 2. A coordinator's session on the real server.
      memory = sampleMemory(serve);
      peakSoFar = memory.max;
      const browser = new Session(serve.url);
      await browser.get('/connexion');
      const signedIn = await browser.post(
        '/connexion',
        new URLSearchParams({ email: 'coordination@banc.test', password: TEST_PASSWORD, _csrf: browser.csrf }),
        'application/x-www-form-urlencoded',
      );
      if (signedIn.status !== 303) throw new Error(`connexion refusée (${signedIn.status})`);
      await browser.get('/coordination/campagnes/nouvelle');

      // 3. Preparation: the campaign form with « communes » ticked.
      const day = 86_400_000;
      const isoDay = (offset: number) => new Date(Date.now() + offset * day).toISOString().slice(0, 10);
      const form = multipartBody({
        _csrf: browser.csrf,
        questionnaireId: String(censusId),
        title: 'Recensement de toutes les communes',
        opensAt: isoDay(-1),
        closesAt: isoDay(30),
        types: 'commune',
        reminderDays: '',
      });
      const prepared = await browser.post('/coordination/campagnes', form.payload, form.contentType);
      const campaignId = Number(/campagnes\/(\d+)\/apercu/.exec(prepared.location)?.[1]);
      if (!campaignId) throw new Error(`préparation refusée (${prepared.status})`);
      record({
        measure: `préparation : ${communeIds.length} communes ciblées, invitations et destinataires`,
        database: dialect,
        value: prepared.ms / 1000,
        unit: 's',
        note: 'POST /coordination/campagnes (ciblage, invitations, comptage des destinataires)',
      });

      // 4. The preview (recipients counted again at each display).
      const previews: number[] = [];
      let previewBody = '';
      for (let i = 0; i < 3; i++) {
        const page = await browser.get(`/coordination/campagnes/${campaignId}/apercu`);
        if (page.status !== 200) throw new Error(`aperçu : statut ${page.status}`);
        previews.push(page.ms);
        previewBody = page.body;
      }
      const targeted = /Collectivités ciblées<\/dt><dd class="card-title">([^<]+)</.exec(previewBody)?.[1] ?? '?';
      record({
        measure: 'aperçu avant lancement (p50 de 3)',
        database: dialect,
        value: percentile(previews, 50),
        unit: 'ms',
        max: 2000,
        note: `${targeted} collectivités ciblées affichées`,
      });

      // The dashboard before launch (no mail queued yet): the same page without the worker's queue behind it.
      const quiet: number[] = [];
      for (let i = 0; i < 5; i++) quiet.push((await browser.get(`/coordination/campagnes/${campaignId}`)).ms);
      record({
        measure: 'suivi : première page avant lancement, file vide (p50 de 5)',
        database: dialect,
        value: percentile(quiet, 50),
        unit: 'ms',
        max: 200,
      });

      // 5. Launch, then the invitation job in the server's worker: one delivery and one job per recipient.
      const launchedAt = performance.now();
      const launched = await browser.post(
        `/coordination/campagnes/${campaignId}/lancer`,
        new URLSearchParams({ confirm: 'oui', _csrf: browser.csrf }),
        'application/x-www-form-urlencoded',
      );
      if (launched.status !== 302) throw new Error(`lancement refusé (${launched.status})`);
      for (;;) {
        const campaign = await db.db
          .selectFrom('campaigns')
          .select('invitations_sent_at')
          .where('id', '=', campaignId)
          .executeTakeFirstOrThrow();
        if (campaign.invitations_sent_at) break;
        if (performance.now() - launchedAt > 600_000) throw new Error('tâche d’invitation non terminée en 10 min');
        await new Promise((r) => setTimeout(r, 250));
      }
      const queuing = performance.now() - launchedAt;
      const deliveries = await db.db
        .selectFrom('invitation_deliveries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('campaign_id', '=', campaignId)
        .executeTakeFirstOrThrow();
      record({
        measure: 'préparation + lancement et mise en file de tous les e-mails',
        database: dialect,
        value: (prepared.ms + queuing) / 1000,
        unit: 's',
        max: 60,
        note: `charge ${loadAverage().toFixed(1)} ; ${Number(deliveries.n)} envois en file ; dont tâche d’invitation ${Math.round(queuing / 100) / 10} s (jusqu’à 2 s d’attente du worker)`,
      });

      // 6. The dashboard: first page, filters, a deep page.
      const pages: [string, string][] = [
        ['tableau de bord, première page', ''],
        ['filtre région (Auvergne-Rhône-Alpes)', '?region=84'],
        ['filtre type et statut', '?type=commune&statut=not_started'],
        ['filtre sans destinataire', '?envoi=sans-destinataire'],
        ['page 500 (tri français, décalage profond)', '?page=500'],
      ];
      for (const [label, query] of pages) {
        const times: number[] = [];
        const cpuStart = processCpuSeconds(serve.pid);
        const load = loadAverage();
        for (let i = 0; i < 5; i++) {
          const page = await browser.get(`/coordination/campagnes/${campaignId}${query}`);
          if (page.status !== 200) throw new Error(`${label} : statut ${page.status}`);
          times.push(page.ms);
        }
        record({
          measure: `suivi : ${label} (p50 de 5)`,
          database: dialect,
          value: percentile(times, 50),
          unit: 'ms',
          max: 200,
          note: `CPU du serveur ${((1000 * (processCpuSeconds(serve.pid) - cpuStart)) / 5).toFixed(0)} ms par page ; charge ${load.toFixed(1)}`,
        });
      }
      const csv = await browser.get(`/coordination/campagnes/${campaignId}/suivi.csv`);
      record({
        measure: 'export CSV du suivi (toutes les communes)',
        database: dialect,
        value: csv.ms,
        unit: 'ms',
        note: `${Math.round(csv.body.length / 1024)} Ko`,
      });
      const stats = await svc.campaigns.dashboard(CLI_ACTOR, campaignId);
      memory.stop();
      record({
        measure: 'mémoire résidente du serveur (pic, tout le parcours)',
        database: dialect,
        value: memory.max(),
        unit: 'Mo',
        max: 300,
        note: `${stats.summary.invited} invitées, ${stats.summary.withoutRecipient} sans destinataire`,
      });
    } finally {
      memory?.stop();
      await serve?.stop();
      await db?.close().catch(() => {});
      await database.dispose();
    }
  }
  return figures;
});
