/**
 * Answering a campaign, three ways in: a personal invitation link, an account (as a member of an invited
 * organisation), or the campaign's public link (anonymous: one response per browser, kept by a cookie). The same
 * pages behind each: start, one page at a time (saved without JavaScript), autosave (JSON), summary, send, reopen,
 * attached files.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { type TSchema, Type } from 'typebox';
import { newToken } from '../../../platform/auth/tokens.ts';
import { ACCESS, type Access } from '../../../platform/http/access.ts';
import { HttpError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import { readMultipartForm, text } from '../../../platform/http/form.ts';
import { LooseForm } from '../../../platform/http/schemas.ts';
import type { Answers, AnswerValue } from '../../forms/index.ts';
import type { Respondent, RespondentService } from '../services/respondents.ts';
import type { ResponseService } from '../services/responses.ts';
import {
  nextPage,
  pagesOf,
  previousPage,
  renderAnswerPage,
  renderResponseList,
  renderSummary,
} from './answer-pages.tsx';
import { elementPart, filePart, idPart, MultipartForm, tokenPart } from './schemas.ts';

export interface AnsweringDeps {
  respondents: RespondentService;
  responses: ResponseService;
  /** Names of the organisations that answers refer to (id → name). */
  organisationNames(values: unknown[]): Promise<Record<string, string>>;
}

interface WayIn {
  prefix: string;
  params: Record<string, TSchema>;
  access: Access;
  /** Public routes are rate limited. */
  rateLimit?: boolean;
  /** The way in of an authority (several responses: the list of its responses, « add a response »). */
  authority?: boolean;
  open(request: FastifyRequest, reply: FastifyReply): Promise<Respondent>;
}

/** The response chosen in the path (several responses per authority), if any. */
const responseIdOf = (request: FastifyRequest): number | undefined => {
  const id = (request.params as { responseId?: string }).responseId;
  return id === undefined ? undefined : Number(id);
};

/** The browser's anonymous token for a campaign's public link. */
const anonymousCookie = (campaignToken: string) => `bia_rep_${campaignToken.slice(0, 12)}`;

function parseBase(value: string): Answers | null {
  if (!value) return null;
  try {
    const v = JSON.parse(value);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Answers) : null;
  } catch {
    return null;
  }
}

const AutosaveBody = Type.Object({
  baseVersion: Type.Integer({ minimum: 0 }),
  answers: Type.Record(Type.String({ maxLength: 120 }), Type.Any()),
  page: Type.Optional(Type.String({ maxLength: 120 })),
});

/** Several responses per authority and none chosen yet: the list of its responses is the only page. */
const choosing = (r: Respondent) => r.listPath !== null && r.response === null;

export function answeringRoutes(deps: AnsweringDeps): FastifyPluginAsync {
  const { respondents, responses, organisationNames: names } = deps;

  const link: WayIn = {
    prefix: '/recensements/lien/:token',
    params: { token: tokenPart() },
    access: ACCESS.link,
    authority: true,
    open: (request) =>
      respondents.openInvitation((request.params as { token: string }).token, request.user, responseIdOf(request)),
  };
  const member: WayIn = {
    prefix: '/recensements/:campaignId/collectivites/:organisationId',
    params: { campaignId: idPart(), organisationId: idPart() },
    // Members (any role) of the invited organisation; coordinators follow the campaign from its dashboard.
    access: ['member', 'editor'],
    authority: true,
    open: (request) => {
      const p = request.params as { campaignId: string; organisationId: string };
      return respondents.openAsMember(
        request.user,
        Number(p.campaignId),
        Number(p.organisationId),
        responseIdOf(request),
      );
    },
  };
  /** One of several responses of an authority (one per project). */
  const oneOfSeveral = (way: WayIn): WayIn => ({
    ...way,
    prefix: `${way.prefix}/reponses/:responseId`,
    params: { ...way.params, responseId: idPart() },
    authority: false,
  });

  const waysIn: WayIn[] = [
    link,
    member,
    oneOfSeveral(link),
    oneOfSeveral(member),
    {
      prefix: '/recensements/public/:token',
      params: { token: tokenPart() },
      access: ACCESS.link,
      rateLimit: true,
      open: async (request, reply) => {
        const token = (request.params as { token: string }).token;
        const name = anonymousCookie(token);
        let mine = request.cookies[name] ?? null;
        if (!mine) {
          mine = newToken();
          reply.setCookie(name, mine, {
            path: '/recensements/public/',
            httpOnly: true,
            sameSite: 'lax',
            secure: request.protocol === 'https',
            maxAge: 180 * 86400,
          });
        }
        return respondents.openPublic(token, mine, request.user);
      },
    },
  ];

  function register(app: FastifyInstance, way: WayIn) {
    const { prefix, open } = way;
    const params = (extra: Record<string, TSchema> = {}) => Type.Object({ ...way.params, ...extra });
    const config = (limited: boolean) => ({
      access: way.access,
      // Counted in memory, per instance (rate-limit-store.ts): on deadline day every person autosaves every few
      // seconds, and a database write per request to count them would cost more than the save itself.
      ...(limited && way.rateLimit ? { rateLimit: { max: 120, timeWindow: '1 minute', perInstance: true } } : {}),
    });
    const pageParams = params({ pageId: elementPart() });

    /** Where the respondent left off (or the summary once sent or closed); several responses: the list of them. */
    app.get(prefix, { schema: { params: params() }, config: config(false) }, async (request, reply) => {
      const r = await open(request, reply);
      if (r.state === 'scheduled') respondents.assertWritable(r);
      if (choosing(r)) return renderResponseList(reply, r, await respondents.responsesOf(r));
      if (r.state === 'closed' || r.response?.status === 'submitted')
        return reply.redirect(`${r.basePath}/recapitulatif`);
      const { pages } = pagesOf(r.version.content, r.response?.answers ?? {});
      const current =
        r.response?.currentPage && pages.some((p) => p.id === r.response!.currentPage)
          ? r.response.currentPage
          : pages[0]?.id;
      return reply.redirect(`${r.basePath}/page/${current}`);
    });

    app.get(
      `${prefix}/page/:pageId`,
      { schema: { params: pageParams }, config: config(false) },
      async (request, reply) => {
        const r = await open(request, reply);
        if (choosing(r)) return reply.redirect(r.basePath);
        if (r.state === 'scheduled') respondents.assertWritable(r);
        if (r.state === 'closed' || r.response?.status === 'submitted')
          return reply.redirect(`${r.basePath}/recapitulatif`);
        const { pageId } = request.params as { pageId: string };
        const questionnaire = r.version.content;
        const answers = r.response?.answers ?? {};
        if (!questionnaire.pages.some((p) => p.id === pageId))
          throw notFound("Cette page du questionnaire n'existe pas.");
        if (!pagesOf(questionnaire, answers).pages.some((p) => p.id === pageId)) {
          // A page with nothing to show for these answers: go on to the next one that has.
          const next = nextPage(questionnaire, answers, pageId);
          return reply.redirect(next ? `${r.basePath}/page/${next}` : `${r.basePath}/recapitulatif`);
        }
        return renderAnswerPage(reply, r, pageId, names);
      },
    );

    app.post(
      `${prefix}/page/:pageId`,
      { schema: { params: pageParams, body: MultipartForm }, config: config(true) },
      async (request, reply) => {
        const r = await open(request, reply);
        if (choosing(r)) return reply.redirect(r.basePath);
        const { pageId } = request.params as { pageId: string };
        const { form, files, tooLarge } = await readMultipartForm(request);
        // The honeypot field of the public link: people leave it empty.
        if (text(form, 'site_web'))
          throw new HttpError(400, 'bad_request', 'Le formulaire n’a pas pu être enregistré.');
        const action = text(form, 'action') || 'next';
        let outcome: Awaited<ReturnType<ResponseService['savePage']>>;
        try {
          outcome = await responses.savePage(r, pageId, form, {
            baseVersion: Number(text(form, '_version')) || 0,
            base: parseBase(text(form, '_base')),
            files,
            validate: action === 'next',
          });
        } catch (e) {
          if (e instanceof HttpError && (e.status === 410 || e.code === 'response_submitted')) {
            reply.flash('error', e.message);
            return reply.redirect(`${r.basePath}/recapitulatif`);
          }
          throw e;
        }
        for (const field of tooLarge) outcome.errors[field] = 'Le fichier dépasse la taille autorisée (20 Mo au plus).';
        const next = outcome.respondent;
        if (outcome.conflicts.length || Object.keys(outcome.organisationChoices).length) {
          return renderAnswerPage(reply, next, pageId, names, {
            errors: outcome.errors,
            conflicts: outcome.conflicts,
            organisationChoices: outcome.organisationChoices,
            status: outcome.conflicts.length ? 409 : 422,
          });
        }
        if (Object.keys(outcome.errors).length && action !== 'previous')
          return renderAnswerPage(reply, next, pageId, names, { errors: outcome.errors, status: 422 });
        const questionnaire = next.version.content;
        const answers = outcome.response.answers;
        if (action === 'previous')
          return reply.redirect(`${r.basePath}/page/${previousPage(questionnaire, answers, pageId) ?? pageId}`);
        if (action === 'save') {
          reply.flash('success', 'Vos réponses sont enregistrées.');
          return reply.redirect(`${r.basePath}/page/${pageId}`);
        }
        const following = nextPage(questionnaire, answers, pageId);
        return reply.redirect(following ? `${r.basePath}/page/${following}` : `${r.basePath}/recapitulatif`);
      },
    );

    app.get(
      `${prefix}/recapitulatif`,
      { schema: { params: params() }, config: config(false) },
      async (request, reply) => {
        const r = await open(request, reply);
        if (choosing(r)) return reply.redirect(r.basePath);
        if (r.state === 'scheduled') respondents.assertWritable(r);
        if (!r.response && r.state === 'closed') {
          throw new HttpError(
            410,
            'campaign_closed',
            `Le recensement « ${r.campaign.title} » est clos et aucune réponse n’a été enregistrée.`,
          );
        }
        return renderSummary(reply, r, names);
      },
    );

    app.post(
      `${prefix}/envoyer`,
      { schema: { params: params(), body: LooseForm }, config: config(true) },
      async (request, reply) => {
        const r = await open(request, reply);
        if (choosing(r)) return reply.redirect(r.basePath);
        const body = request.body as Record<string, unknown>;
        const email = text(body, 'email').trim();
        try {
          await responses.submit(r, { baseVersion: Number(text(body, '_version')) || 0, email: email || null });
        } catch (e) {
          if (e instanceof ValidationError) {
            const fresh = await open(request, reply);
            return renderSummary(reply, fresh, names, { errors: e.fields, status: 422, email });
          }
          if (e instanceof HttpError && e.status === 409) {
            reply.flash('error', e.message);
            return reply.redirect(`${r.basePath}/recapitulatif`);
          }
          throw e;
        }
        reply.flash('success', 'Vos réponses sont envoyées. Merci !');
        return reply.redirect(`${r.basePath}/recapitulatif`);
      },
    );

    app.post(
      `${prefix}/rouvrir`,
      { schema: { params: params(), body: LooseForm }, config: config(true) },
      async (request, reply) => {
        const r = await open(request, reply);
        if (choosing(r)) return reply.redirect(r.basePath);
        await responses.reopen(r);
        reply.flash('info', 'La réponse est rouverte : pensez à l’envoyer de nouveau après vos modifications.');
        return reply.redirect(r.basePath);
      },
    );

    /** Autosave (JavaScript): JSON in, JSON out; an error is JSON too (Accept: application/json). */
    app.post(
      `${prefix}/enregistrer`,
      { schema: { params: params(), body: AutosaveBody }, config: config(true) },
      async (request, reply) => {
        const r = await open(request, reply);
        if (choosing(r)) throw new HttpError(409, 'response_not_chosen', 'Choisissez d’abord la réponse à compléter.');
        const input = request.body as {
          baseVersion: number;
          answers: Record<string, AnswerValue | null>;
          page?: string;
        };
        const saved = await responses.autosave(r, input);
        return reply.header('cache-control', 'no-store').send(saved);
      },
    );

    app.get(
      `${prefix}/fichiers/:fileId`,
      { schema: { params: params({ fileId: filePart() }) }, config: config(false) },
      async (request, reply) => {
        const r = await open(request, reply);
        if (choosing(r)) return reply.redirect(r.basePath);
        const file = await responses.file(r, (request.params as { fileId: string }).fileId);
        return reply
          .type(file.type)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
          .header('x-content-type-options', 'nosniff')
          .send(file.content);
      },
    );
  }

  /** A new response of the authority (several per authority: one per project). */
  function registerAdd(app: FastifyInstance, way: WayIn) {
    app.post(
      `${way.prefix}/reponses`,
      { schema: { params: Type.Object(way.params), body: LooseForm }, config: { access: way.access } },
      async (request, reply) => {
        const r = await way.open(request, reply);
        const added = await respondents.addResponse(r);
        reply.flash('success', `Réponse n° ${added.response.number} commencée.`);
        return reply.redirect(added.path);
      },
    );
  }

  return async (app) => {
    for (const way of waysIn) {
      register(app, way);
      if (way.authority) registerAdd(app, way);
    }
  };
}
