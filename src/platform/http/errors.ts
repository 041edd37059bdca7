/**
 * Errors that carry an HTTP meaning. Services throw them; the error handler presents them as a French HTML page
 * or as structured JSON `{ error: { code, message, fields? } }` for the API.
 */
export type FieldErrors = Record<string, string>;

export class HttpError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public fields?: FieldErrors,
    public details?: unknown,
  ) {
    super(message);
  }
}

export class ValidationError extends HttpError {
  constructor(fields: FieldErrors, message = 'Certaines informations sont à corriger.') {
    super(422, 'validation_failed', message, fields);
  }
}

export class ConflictError extends HttpError {
  /** `current` is the stored version, shown beside the user's attempt on the conflict screen. */
  constructor(message: string, current?: unknown) {
    super(409, 'conflict', message, undefined, current);
  }
}

export const notFound = (message = 'Cette page est introuvable.') => new HttpError(404, 'not_found', message);
export const forbidden = (message = "Vous n'avez pas l'autorisation d'effectuer cette action.") =>
  new HttpError(403, 'forbidden', message);
export const unauthorized = (message = 'Vous devez vous connecter pour accéder à cette page.') =>
  new HttpError(401, 'unauthorized', message);
export const badRequest = (message: string, fields?: FieldErrors) => new HttpError(400, 'bad_request', message, fields);
export const gone = (message: string) => new HttpError(410, 'gone', message);
