/**
 * Answering a consultation, with its protections against abuse (no CAPTCHA: RGAA, and no third party):
 * - open consultations only (the clock decides);
 * - a hidden field (`site_web`) that people never see: a robot filling it is refused;
 * - one answer per person in « signed-in » mode (a visitor must sign in), one per browser in « anonymous » mode (a
 *   random cookie, stored hashed: the answer is not tied to anyone);
 * - at most LIMITS.perAddressPerHour answers per address and hour on one consultation (the address is kept as a
 *   keyed hash, per consultation: it cannot be read back nor followed across consultations).
 * Answers are checked by the forms engine (required questions, lengths, choices) with French messages per question;
 * nothing is saved unless everything is right.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../../platform/auth/authorize.ts';
import { HttpError, notFound, unauthorized, ValidationError } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { type Answers, applyForm, type FormBody, validateAnswers } from '../../forms/index.ts';
import { LIMITS, stateAt } from '../model.ts';
import type { ConsultationsStore } from '../store.ts';

/** The cookie that says « this browser has answered consultation `id` ». */
export const answeredCookie = (id: number) => `bia_consultation_${id}`;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** What the request brings besides the form: the sender's address and the browser's cookie, if any. */
export interface AnswerContext {
  address: string;
  browserToken: string | null;
}

export function createAnswersService(deps: { platform: Platform; store: ConsultationsStore }) {
  const { platform, store } = deps;
  const { clock } = platform;
  const addressHash = (id: number, address: string) =>
    sha256(`${platform.config.sessionSecret}|consultation|${id}|${address}`);

  return {
    /** Whether this person or this browser has already answered (the page then thanks instead of asking). */
    async hasAnswered(actor: Actor, id: number, browserToken: string | null): Promise<boolean> {
      if (actor && (await store.hasAnswerBy(id, { userId: actor.id }))) return true;
      return browserToken ? store.hasAnswerBy(id, { browserToken: sha256(browserToken) }) : false;
    },

    /**
     * Records an answer. Returns the new browser token (the route sets it as the cookie). Refusals: 404 unknown, 409
     * not open or already answered, 401 a visitor on a signed-in consultation, 429 too many from the address, 422 a
     * filled trap or wrong answers (with what was typed, to show back).
     */
    async answer(
      actor: Actor,
      id: number,
      body: FormBody,
      context: AnswerContext,
    ): Promise<{ browserToken: string; answerId: number }> {
      const c = await store.find(id);
      if (!c) throw notFound('Cette consultation n’existe pas (ou plus).');
      const state = stateAt(c, clock.iso());
      if (state !== 'open')
        throw new HttpError(
          409,
          'consultation_not_open',
          state === 'scheduled' ? 'Cette consultation n’est pas encore ouverte.' : 'Cette consultation est close.',
        );
      if (c.mode === 'signed_in' && !actor) throw unauthorized('Connectez-vous pour répondre à cette consultation.');
      if (typeof body.site_web === 'string' && body.site_web.trim())
        throw new ValidationError({
          _formulaire: 'Cette réponse ressemble à un envoi automatique : elle n’a pas été enregistrée.',
        });
      if (c.mode === 'signed_in' && actor && (await store.hasAnswerBy(id, { userId: actor.id })))
        throw new HttpError(409, 'already_answered', 'Vous avez déjà répondu à cette consultation.');
      if (context.browserToken && (await store.hasAnswerBy(id, { browserToken: sha256(context.browserToken) })))
        throw new HttpError(409, 'already_answered', 'Une réponse a déjà été envoyée depuis ce navigateur.');
      const hash = addressHash(id, context.address);
      const since = new Date(clock.millis() - 3_600_000).toISOString();
      if ((await store.answersFromAddressSince(id, hash, since)) >= LIMITS.perAddressPerHour)
        throw new HttpError(
          429,
          'rate_limited',
          'Trop de réponses envoyées depuis votre connexion en une heure. Réessayez plus tard.',
        );

      const answers: Answers = applyForm(c.form, {}, body);
      const checked = validateAnswers(c.form, answers);
      if (!checked.valid) throw new ValidationError(checked.errors);

      const browserToken = randomBytes(24).toString('hex');
      const answerId = await store.addAnswer({
        consultationId: id,
        userId: c.mode === 'signed_in' && actor ? actor.id : null,
        answers: checked.answers,
        browserToken: sha256(browserToken),
        addressHash: hash,
      });
      return { browserToken, answerId };
    },
  };
}

export type AnswersService = ReturnType<typeof createAnswersService>;
