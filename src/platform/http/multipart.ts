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

export async function readMultipartBody(request: FastifyRequest): Promise<MultipartContent> {
  const takesFiles = acceptsFiles(request);
  const form: FormBody = {};
  const files: UploadedFile[] = [];
  const tooLarge: string[] = [];
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
          if (part.filename)
            files.push({ field: part.fieldname, filename: part.filename, mimetype: part.mimetype, data });
        } catch (e) {
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') tooLarge.push(part.fieldname);
          else throw e;
        }
      } else {
        const value = String(part.value ?? '');
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
