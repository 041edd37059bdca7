/**
 * Multipart bodies are read by the pipeline, once, before the CSRF check and the schema validation: the fields
 * become `request.body` (the same shape as an urlencoded body, so the CSRF token travels as the hidden `_csrf` field
 * like in every other form, never in the address), the files are kept for `readMultipartForm` (form.ts).
 *
 * What can go wrong is answered here for every upload route at once:
 * - a truncated or malformed body (the connection dropped, a broken boundary) → 400 with a French message;
 * - too many parts or fields → 413; a file over the size limit → listed in `tooLarge` for the route's message;
 * - a file whose content does not match its name or declared type (magic bytes, sniff.ts) → 422 on that field;
 * - files sent to a route that takes none → 400.
 */
import type { FastifyRequest } from 'fastify';
import { HttpError, ValidationError } from './errors.ts';
import type { FormBody, UploadedFile } from './form.ts';
import { uploadProblem } from './sniff.ts';

export interface MultipartContent {
  form: FormBody;
  files: UploadedFile[];
  tooLarge: string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The multipart body read by the pipeline (null when the request is not multipart). */
    multipartContent: MultipartContent | null;
  }
}

export const INCOMPLETE_BODY =
  'Le formulaire envoyé est incomplet ou mal formé (envoi interrompu ?). Rechargez la page et envoyez-le de nouveau.';

/** A route takes files when its body schema documents a multipart form (platform MultipartForm and the like). */
export function acceptsFiles(request: FastifyRequest): boolean {
  const body = (request.routeOptions.schema as { body?: { description?: string } } | undefined)?.body;
  return typeof body?.description === 'string' && body.description.includes('multipart/form-data');
}

const LIMIT_CODES = new Set(['FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT']);

/** The largest multipart body one request may make us hold (the plugin's limits: 5 files of 20 MB, fields). */
export const MAX_MULTIPART_BYTES = 5 * 20 * 1024 * 1024 + 1024 * 1024;
/** What all the uploads being read or handled at once may hold together; beyond, a new upload waits (503). */
export const UPLOADS_IN_FLIGHT_MAX_BYTES = 256 * 1024 * 1024;

let uploadsInFlight = 0;
const reserved = new WeakMap<FastifyRequest, number>();

/** Bytes reserved now by the uploads in flight (tests). */
export const uploadBytesInFlight = () => uploadsInFlight;

/**
 * Reserves room for the request's upload (its declared length, or the most a multipart body may weigh), so that
 * many uploads at once never hold more than UPLOADS_IN_FLIGHT_MAX_BYTES; released when the response is sent.
 */
function reserveUpload(request: FastifyRequest): void {
  const declared = Number(request.headers['content-length']);
  const bytes =
    Number.isFinite(declared) && declared > 0 ? Math.min(declared, MAX_MULTIPART_BYTES) : MAX_MULTIPART_BYTES;
  if (uploadsInFlight + bytes > UPLOADS_IN_FLIGHT_MAX_BYTES) {
    throw new HttpError(503, 'busy', 'Le serveur reçoit beaucoup de fichiers en ce moment. Réessayez dans une minute.');
  }
  uploadsInFlight += bytes;
  reserved.set(request, bytes);
}

/** Gives back what the request reserved (the pipeline calls it when the response is sent or the request aborted). */
export function releaseUpload(request: FastifyRequest): void {
  const bytes = reserved.get(request);
  if (bytes === undefined) return;
  reserved.delete(request);
  uploadsInFlight -= bytes;
}

export async function readMultipartBody(request: FastifyRequest): Promise<MultipartContent> {
  reserveUpload(request);
  const takesFiles = acceptsFiles(request);
  const form: FormBody = {};
  const files: UploadedFile[] = [];
  const tooLarge: string[] = [];
  // Fields and files together stay within what was reserved for the request (busboy limits each, not the sum).
  let total = 0;
  const count = (bytes: number) => {
    total += bytes;
    if (total > MAX_MULTIPART_BYTES)
      throw new HttpError(413, 'too_large', 'Le fichier ou la requête dépasse la taille autorisée.');
  };
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (!takesFiles) {
          await drain(part.file);
          if (!part.filename) continue;
          throw new HttpError(400, 'unexpected_file', 'Ce formulaire n’accepte pas de fichier.');
        }
        try {
          const data = await part.toBuffer();
          count(data.length);
          if (part.filename)
            files.push({ field: part.fieldname, filename: part.filename, mimetype: part.mimetype, data });
        } catch (e) {
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') tooLarge.push(part.fieldname);
          else throw e;
        }
      } else {
        const value = String(part.value ?? '');
        count(value.length * 2);
        const previous = form[part.fieldname];
        form[part.fieldname] =
          previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
      }
    }
  } catch (e) {
    throw multipartError(e, tooLarge);
  }
  const problems: Record<string, string> = {};
  for (const file of files) {
    const problem = uploadProblem(file);
    if (problem) problems[file.field] = problem;
  }
  if (Object.keys(problems).length) throw new ValidationError(problems, Object.values(problems).join(' '));
  return { form, files, tooLarge };
}

function multipartError(e: unknown, tooLarge: string[]): unknown {
  if (e instanceof HttpError) return e;
  const code = (e as { code?: string }).code ?? '';
  if (code === 'FST_REQ_FILE_TOO_LARGE' || tooLarge.length)
    return new HttpError(413, 'too_large', 'Le fichier ou la requête dépasse la taille autorisée.');
  if (LIMIT_CODES.has(code))
    return new HttpError(413, 'too_many_parts', 'Le formulaire envoyé compte trop de champs ou de fichiers.');
  // Busboy's errors (« Unexpected end of form », « Part terminated early », « Malformed part header »…), a closed
  // connection, a field named like a prototype property: the body cannot be read as a form.
  return new HttpError(400, 'incomplete_body', INCOMPLETE_BODY);
}

async function drain(stream: NodeJS.ReadableStream): Promise<void> {
  for await (const _ of stream) {
    // discard
  }
}
