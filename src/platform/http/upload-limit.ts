/**
 * Size limits of uploads, per route, from the configuration (`uploadLimits`, env UPLOAD_LIMIT_*_MO). A route says
 * what it receives (`config: { upload: 'questionnaire' }`); the server's `uploadLimitHook` refuses a body whose
 * declared length is over that limit before anything is read (413, a French message naming the limit), and the route
 * calls `assertUploadSize(request, files, tooLarge)` on the files actually read (bodies sent without a length). The
 * multipart reader's global ceiling (plugin.tsx) stays the last guard.
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

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What this route's uploads are: their size limit is `uploadLimits[upload]` (platform/http/upload-limit.ts). */
    upload?: UploadKind;
  }
}

/** Room for the form's other fields and the multipart envelope around the file. */
const ENVELOPE = 64 * 1024;

/** The limit each request's route applies (kept for `assertUploadSize`; a WeakMap: nothing outlives the request). */
const applied = new WeakMap<FastifyRequest, { kind: UploadKind; limit: number }>();

/**
 * The server's `onRequest` hook: on a route that declares `config.upload`, a body declared larger than its limit is
 * refused with a 413 before it is read.
 */
export function uploadLimitHook(config: Pick<Config, 'uploadLimits'>) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const kind = request.routeOptions.config?.upload;
    if (!kind) return;
    const limit = limitOf(config, kind);
    applied.set(request, { kind, limit });
    const declared = Number(request.headers['content-length'] ?? Number.NaN);
    if (Number.isFinite(declared) && declared > limit + ENVELOPE) throw tooLarge(kind, limit, declared);
  };
}

/**
 * The files read are within the route's limit (bodies sent without a declared length), and none was cut by the
 * multipart reader's ceiling (`overCeiling`: its `tooLarge` list): else the same 413 as the hook.
 */
export function assertUploadSize(
  request: FastifyRequest,
  files: readonly { data: Buffer }[],
  overCeiling: readonly string[] = [],
): void {
  const route = applied.get(request);
  if (!route) return;
  if (overCeiling.length) throw tooLarge(route.kind, route.limit, null);
  for (const f of files) if (f.data.length > route.limit) throw tooLarge(route.kind, route.limit, f.data.length);
}
