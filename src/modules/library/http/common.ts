/** What the library's route plugins share: path parameters, breadcrumbs, API error schema, Server-Timing. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { notFound } from '../../../platform/http/errors.ts';
import type { LibraryServices } from '../services/index.ts';

/** Every plugin of the library gets the module's services. */
export interface LibraryHttpDeps {
  services: LibraryServices;
}

export const LIBRARY_CRUMB = { href: '/bibliotheque', label: 'Bibliothèque' };

/**
 * A use case in the path: « 12 » or « 12-prevision-des-repas » (the slug is decorative). Declared as a plain string
 * (the OpenAPI document describes it so); `useCaseIdOf` reads it, an unknown form being the use case's 404.
 */
export const UseCaseParams = Type.Object({ ref: Type.String() });
export const UseCaseStepParams = Type.Object({ ref: Type.String(), step: Type.String() });
export const UseCaseVersionParams = Type.Object({ ref: Type.String(), number: Type.String() });

/** The id of the use case named in the path (404 when it is not one). */
export function useCaseIdOf(params: unknown): number {
  const ref = String((params as Record<string, string>).ref ?? '');
  const m = /^([1-9][0-9]{0,15})(?:-[a-z0-9-]*)?$/.exec(ref);
  if (!m) throw notFound("Cette fiche n'existe pas (ou plus).");
  return Number(m[1]);
}

/** A version number in the path (404 when it is not one). */
export function versionNumberOf(params: unknown): number {
  const number = Number((params as Record<string, string>).number);
  if (!Number.isSafeInteger(number) || number < 1) throw notFound('Cette version n’existe pas.');
  return number;
}

/** A multipart form (files): read by readMultipartForm, not by the body parser (the body is then absent). */
export const MultipartBody = Type.Union([Type.Null(), Type.Record(Type.String(), Type.Unknown())], {
  description: 'multipart/form-data',
});

/**
 * Route hooks that send how long the server took (`Server-Timing`, read by the benchmarks and browser tools), for
 * the searching routes.
 */
const started = new WeakMap<FastifyRequest, number>();
export const serverTiming = {
  onRequest: async (request: FastifyRequest) => {
    started.set(request, performance.now());
  },
  onSend: async (request: FastifyRequest, reply: FastifyReply) => {
    const at = started.get(request);
    if (at !== undefined) reply.header('server-timing', `app;dur=${(performance.now() - at).toFixed(2)}`);
  },
};
