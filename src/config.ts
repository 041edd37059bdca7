import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { dialectOf, sqlitePath } from './platform/db/index.ts';
import { readUploadLimits, type UploadLimits } from './platform/http/upload-limit.ts';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  baseUrl: string;
  /** Absent: mail is written to outboxDir. */
  smtpUrl?: string;
  mailFrom: string;
  sessionSecret: string;
  /** null = default: seed demo content when the database is empty. */
  seedDemo: boolean | null;
  dataDir: string;
  outboxDir: string;
  uploadsDir: string;
  /** Run the background job worker in this process. */
  runJobs: boolean;
  /** Census invitations and reminders mailed per minute at most (CAMPAIGN_MAILS_PER_MINUTE). */
  campaignMailsPerMinute: number;
  /** Trust X-Forwarded-For (only behind a reverse proxy that overwrites it; otherwise rate limits could be dodged). */
  trustProxy: boolean;
  /** Public pages read per minute by one address without an account (PAGES_RATE_LIMIT; 0 = no limit). */
  pagesRateLimit: number;
  logLevel: string;
  oidc?: { issuer: string; clientId: string; clientSecret: string };
  /** What each kind of upload may weigh (UPLOAD_LIMIT_QUESTIONNAIRE_MO, _IMPORT_MO, _CONTACTS_MO); platform defaults. */
  uploadLimits?: UploadLimits;
}

export class ConfigError extends Error {
  constructor(public problems: string[]) {
    super(`Configuration invalide :\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

function parseBool(name: string, value: string | undefined, problems: string[]): boolean | null {
  if (value === undefined || value === '') return null;
  if (/^(1|true|yes|oui|on)$/i.test(value)) return true;
  if (/^(0|false|no|non|off)$/i.test(value)) return false;
  problems.push(`${name} doit valoir true ou false (reçu « ${value} »)`);
  return null;
}

/**
 * Reads and validates the environment. Every bad value gives its own message; all are reported at once.
 * In embedded (SQLite) mode a missing SESSION_SECRET is generated once and kept in the data folder.
 */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];

  const portText = env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    problems.push(`PORT doit être un entier entre 1 et 65535 (reçu « ${portText} »)`);
  }

  const databaseUrl = env.DATABASE_URL || 'sqlite:./data/bibliotheque.db';
  let dialect: 'sqlite' | 'postgres' = 'sqlite';
  try {
    dialect = dialectOf(databaseUrl);
    if (dialect === 'sqlite') sqlitePath(databaseUrl);
    else new URL(databaseUrl);
  } catch (e) {
    problems.push(`DATABASE_URL invalide : ${(e as Error).message}`);
  }

  const baseUrl = (env.BASE_URL || `http://localhost:${Number.isFinite(port) ? port : 3000}`).replace(/\/+$/, '');
  try {
    const u = new URL(baseUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    problems.push(
      `BASE_URL doit être une adresse http(s) complète, par exemple https://bibliotheque.example.fr (reçu « ${baseUrl} »)`,
    );
  }

  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl) {
    try {
      const u = new URL(smtpUrl);
      if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new Error();
    } catch {
      problems.push(
        `SMTP_URL doit être de la forme smtp://utilisateur:motdepasse@hote:587 ou smtps://… (reçu « ${smtpUrl} »)`,
      );
    }
  }

  const mailFrom = env.MAIL_FROM || 'Bibliothèque IA des territoires <ne-pas-repondre@bibliotheque-ia.localhost>';
  const seedDemo = parseBool('SEED_DEMO', env.SEED_DEMO, problems);
  const runJobs = parseBool('RUN_JOBS', env.RUN_JOBS, problems) ?? true;
  const trustProxy = parseBool('TRUST_PROXY', env.TRUST_PROXY, problems) ?? false;
  const pagesRateText = env.PAGES_RATE_LIMIT || (env.NODE_ENV === 'test' ? '0' : '600');
  const pagesRateLimit = Number(pagesRateText);
  if (!/^\d{1,7}$/.test(pagesRateText)) {
    problems.push(
      `PAGES_RATE_LIMIT doit être un nombre de pages par minute, 0 pour aucune limite (reçu « ${pagesRateText} »)`,
    );
  }
  const rateText = env.CAMPAIGN_MAILS_PER_MINUTE || '600';
  const campaignMailsPerMinute = Number(rateText);
  if (!/^\d+$/.test(rateText) || campaignMailsPerMinute < 1 || campaignMailsPerMinute > 100_000) {
    problems.push(`CAMPAIGN_MAILS_PER_MINUTE doit être un entier entre 1 et 100000 (reçu « ${rateText} »)`);
  }

  const defaultDataDir = dialect === 'sqlite' && !problems.length ? dirname(resolve(sqlitePath(databaseUrl))) : 'data';
  const dataDir = resolve(env.DATA_DIR || defaultDataDir);
  const outboxDir = resolve(env.OUTBOX_DIR || join(dataDir, 'outbox'));
  const uploadsDir = resolve(env.UPLOADS_DIR || join(dataDir, 'uploads'));

  let sessionSecret = env.SESSION_SECRET || '';
  if (sessionSecret && sessionSecret.length < 32) {
    problems.push('SESSION_SECRET doit compter au moins 32 caractères');
  }
  if (!sessionSecret && dialect === 'postgres') {
    problems.push(
      'SESSION_SECRET est obligatoire avec PostgreSQL (toutes les instances doivent partager le même secret)',
    );
  }

  const logLevel = env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL inconnu : « ${logLevel} »`);
  }

  const uploadLimits = readUploadLimits(env, problems);

  let oidc: Config['oidc'];
  if (env.OIDC_ISSUER || env.OIDC_CLIENT_ID || env.OIDC_CLIENT_SECRET) {
    if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) {
      problems.push('OIDC_ISSUER, OIDC_CLIENT_ID et OIDC_CLIENT_SECRET vont ensemble : renseignez les trois');
    } else {
      oidc = { issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID, clientSecret: env.OIDC_CLIENT_SECRET };
    }
  }

  if (problems.length) throw new ConfigError(problems);

  if (!sessionSecret) sessionSecret = embeddedSecret(dataDir);

  return {
    port,
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    baseUrl,
    smtpUrl,
    mailFrom,
    sessionSecret,
    seedDemo,
    dataDir,
    outboxDir,
    uploadsDir,
    runJobs,
    campaignMailsPerMinute,
    trustProxy,
    pagesRateLimit,
    logLevel,
    oidc,
    uploadLimits,
  };
}

/** Generated on first start in embedded mode and kept beside the database, readable by its owner only. */
function embeddedSecret(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
