/**
 * Size limits of uploads, per route, from the configuration (`uploadLimits`, env UPLOAD_LIMIT_*_MO): a route hook
 * refuses a body whose declared length is over the limit before anything is read (413, French message naming the
 * limit), and `assertUploadSize` checks the files actually read (bodies sent without a length). The multipart reader's
 * global ceiling (plugin.tsx) stays the last guard.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { HttpError } from './errors.ts';

/** What each kind of upload may weigh, in bytes. */
export interface UploadLimits {
  /** A questionnaire file (native JSON, SurveyJS, LimeSurvey). */
  questionnaire: number;
  /** A library import file (Interconnectés, PSTW CSV). */
  import: number;
  /** A contacts or network members CSV. */
  contacts: number;
}

export type UploadKind = keyof UploadLimits;

const MB = 1024 * 1024;

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { questionnaire: 1 * MB, import: 20 * MB, contacts: 5 * MB };

/** The env variables of each limit, in Mo (decimals allowed). */
export const UPLOAD_LIMIT_ENV: Record<UploadKind, string> = {
  questionnaire: 'UPLOAD_LIMIT_QUESTIONNAIRE_MO',
  import: 'UPLOAD_LIMIT_IMPORT_MO',
  contacts: 'UPLOAD_LIMIT_CONTACTS_MO',
};

const WHAT: Record<UploadKind, string> = {
  questionnaire: 'un fichier de questionnaire',
  import: 'un fichier d’import',
  contacts: 'un fichier de contacts',
};

/** « 1 Mo », « 2,5 Mo », « 800 ko ». */
export function formatSize(bytes: number): string {
  if (bytes < MB) return `${Math.max(1, Math.round(bytes / 1024))} ko`;
  return `${(Math.round((bytes / MB) * 10) / 10).toLocaleString('fr-FR')} Mo`;
}

/** Reads the limits from the environment: one French problem per bad value. */
export function readUploadLimits(env: Record<string, string | undefined>, problems: string[]): UploadLimits {
  const limits = { ...DEFAULT_UPLOAD_LIMITS };
  for (const kind of Object.keys(UPLOAD_LIMIT_ENV) as UploadKind[]) {
    const name = UPLOAD_LIMIT_ENV[kind];
    const text = env[name];
    if (text === undefined || text === '') continue;
    const mo = Number(text.replace(',', '.'));
    if (!/^\d+([.,]\d+)?$/.test(text) || mo <= 0 || mo > 1024) {
      problems.push(`${name} doit être une taille en Mo entre 0 et 1024 (reçu « ${text} »)`);
      continue;
    }
    limits[kind] = Math.round(mo * MB);
  }
  return limits;
}

export function limitOf(config: Pick<Config, 'uploadLimits'>, kind: UploadKind): number {
  return config.uploadLimits?.[kind] ?? DEFAULT_UPLOAD_LIMITS[kind];
}

function tooLarge(kind: UploadKind, limit: number, size: number | null): HttpError {
  return new HttpError(
    413,
    'too_large',
    `${size == null ? 'Le fichier envoyé est trop lourd' : `Le fichier envoyé pèse ${formatSize(size)}`} : ${WHAT[kind]} ne peut pas dépasser ${formatSize(limit)}.`,
  );
}

/**
 * A route's `onRequest` hook: a body declared larger than the limit (plus room for the form's other fields) is refused
 * with a 413 before it is read.
 */
export function uploadLimit(config: Pick<Config, 'uploadLimits'>, kind: UploadKind) {
  const limit = limitOf(config, kind);
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const declared = Number(request.headers['content-length'] ?? Number.NaN);
    if (Number.isFinite(declared) && declared > limit + 64 * 1024) throw tooLarge(kind, limit, declared);
  };
}

/** The files read are within the limit (bodies without a declared length); `tooLarge` from the multipart reader too. */
export function assertUploadSize(
  config: Pick<Config, 'uploadLimits'>,
  kind: UploadKind,
  files: readonly { data: Buffer }[],
  overCeiling: readonly string[] = [],
): void {
  const limit = limitOf(config, kind);
  if (overCeiling.length) throw tooLarge(kind, limit, null);
  for (const f of files) if (f.data.length > limit) throw tooLarge(kind, limit, f.data.length);
}
