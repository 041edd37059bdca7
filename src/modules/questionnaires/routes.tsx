/**
 * HTTP routes of the questionnaires module that respondents and the public use: answering (through a personal
 * invitation link, an account, or a campaign's public link), « Mes recensements », public results, and the JSON API.
 * Coordination pages (builder, campaigns, results, exports) are in coordination.tsx. Thin: parse → service → present.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { newToken } from '../../platform/auth/tokens.ts';
import { isCoordinator } from '../../platform/auth/user.ts';
import { HttpError, notFound, ValidationError } from '../../platform/http/errors.ts';
import { PICKER_SCRIPT } from '../organisations/views/picker.tsx';
import { type Conflict, progress as progressOf, validateAnswers } from './answers.ts';
import { visibleElementIds } from './conditions.ts';
import { str } from './form.ts';
import type { Answers, FileAnswer } from './model.ts';
import { QuestionnaireDocumentSchema } from './schema.ts';
import type { QuestionnairesService, Respondent, UploadedFile } from './service.ts';
import { AnswerPage, MyCampaignsPage, Summary } from './views/answer.tsx';
import { ResultsPage } from './views/results.tsx';

export const ANSWER_SCRIPT = '/assets/questionnaire.js';

/** The parsed body of a form post or JSON request ({} without one). */
export const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

export function idParam(request: FastifyRequest, name = 'id'): number {
  const text = String((request.params as Record<string, string>)[name] ?? '');
  const id = /^[1-9][0-9]{0,15}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(id)) throw notFound();
  return id;
}

/** Reads a form body, urlencoded or multipart (files are buffered: they are small and size-limited). */
export async function readForm(
  request: FastifyRequest,
): Promise<{ form: Record<string, unknown>; files: UploadedFile[]; tooLarge: string[] }> {
  if (!request.isMultipart()) return { form: body(request), files: [], tooLarge: [] };
  const form: Record<string, unknown> = {};
  const files: UploadedFile[] = [];
  const tooLarge: string[] = [];
  for await (const part of request.parts()) {
    if (part.type === 'file') {
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
  return { form, files, tooLarge };
}

function parseBase(text: string): Answers | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Answers) : null;
  } catch {
    return null;
  }
}

const ANONYMOUS_COOKIE = (campaignToken: string) => `bia_rep_${campaignToken.slice(0, 12)}`;

export function questionnairesRoutes(deps: { questionnaires: QuestionnairesService }): FastifyPluginAsync {
  const svc = deps.questionnaires;

  return async (app) => {
    // -- my campaigns -----------------------------------------------------------------------------------------------

    app.get('/recensements', async (request, reply) => {
      const user = request.user;
      const [rows, published] = await Promise.all([
        user ? svc.myCampaigns(user) : Promise.resolve(null),
        svc.publicResults(),
      ]);
      return reply.page(
        user ? 'Mes recensements' : 'Recensements',
        <MyCampaignsPage rows={rows} coordinator={isCoordinator(user)} published={published} />,
      );
    });

    // -- answering, three ways in -----------------------------------------------------------------------------------

    const accesses: {
      prefix: string;
      open: (request: FastifyRequest, reply: FastifyReply) => Promise<Respondent>;
      rateLimit?: boolean;
    }[] = [
      {
        prefix: '/recensements/lien/:token',
        open: (request) => svc.openInvitation((request.params as { token: string }).token, request.user),
      },
      {
        prefix: '/recensements/:campaignId/collectivites/:organisationId',
        open: (request) =>
          svc.openAsMember(request.user, idParam(request, 'campaignId'), idParam(request, 'organisationId')),
      },
      {
        prefix: '/recensements/public/:token',
        rateLimit: true,
        open: async (request, reply) => {
          const token = (request.params as { token: string }).token;
          const cookieName = ANONYMOUS_COOKIE(token);
          let mine = request.cookies[cookieName] ?? null;
          if (!mine) {
            mine = newToken();
            reply.setCookie(cookieName, mine, {
              path: '/recensements/public/',
              httpOnly: true,
              sameSite: 'lax',
              secure: request.protocol === 'https',
              maxAge: 180 * 86400,
            });
          }
          return svc.openPublic(token, mine, request.user);
        },
      },
    ];

    for (const access of accesses) registerAnswering(app, access);

    function pagesOf(r: Respondent, answers: Answers) {
      const questionnaire = r.version.content;
      const visible = visibleElementIds(questionnaire, answers);
      const pages = questionnaire.pages.filter((p) => p.elements.some((e) => visible.has(e.id)));
      return { questionnaire, visible, pages };
    }

    function basePathOf(request: FastifyRequest, r: Respondent) {
      void request;
      return r.basePath;
    }

    async function answerContext(r: Respondent, answers: Answers) {
      const questionnaire = r.version.content;
      const orgValues = questionnaire.pages
        .flatMap((p) => p.elements)
        .filter((e) => e.type === 'organisation')
        .map((e) => answers[e.id]);
      return {
        campaignTitle: r.campaign.title,
        authorityName: r.authority?.organisationName ?? null,
        basePath: r.basePath,
        publicLink: r.kind === 'public',
        closesAt: r.campaign.closedAt ?? r.campaign.closesAt,
        organisationNames: await svc.organisationNames(orgValues),
      };
    }

    function registerAnswering(
      instance: FastifyInstance,
      access: {
        prefix: string;
        open: (request: FastifyRequest, reply: FastifyReply) => Promise<Respondent>;
        rateLimit?: boolean;
      },
    ) {
      const { prefix, open } = access;
      const limited = access.rateLimit ? { config: { rateLimit: { max: 120, timeWindow: '1 minute' } } } : {};

      const renderPage = async (
        request: FastifyRequest,
        reply: FastifyReply,
        r: Respondent,
        pageId: string,
        extra: {
          errors?: Record<string, string>;
          conflicts?: Conflict[];
          organisationChoices?: Record<string, any>;
          status?: number;
          answersOverride?: Answers;
        } = {},
      ) => {
        const answers = extra.answersOverride ?? r.response?.answers ?? {};
        const { questionnaire, visible, pages } = pagesOf(r, answers);
        const page = questionnaire.pages.find((p) => p.id === pageId);
        if (!page) throw notFound("Cette page du questionnaire n'existe pas.");
        const index = Math.max(
          0,
          pages.findIndex((p) => p.id === page.id),
        );
        const position = pages.findIndex((p) => p.id === page.id);
        const base: Answers = {};
        for (const e of page.elements) {
          if (e.type === 'info') continue;
          if (answers[e.id] !== undefined) base[e.id] = answers[e.id];
          if (answers[`${e.id}.other`] !== undefined) base[`${e.id}.other`] = answers[`${e.id}.other`];
        }
        const ctx = await answerContext(r, answers);
        const title = `${page.title} — ${r.campaign.title}`;
        return reply.page(
          Object.keys(extra.errors ?? {}).length ? `Erreur : ${title}` : title,
          <AnswerPage
            ctx={ctx}
            questionnaire={questionnaire}
            page={page}
            pageIndex={index}
            pageCount={pages.length}
            previousPageId={position > 0 ? pages[position - 1]!.id : null}
            isLast={position === pages.length - 1 || position < 0}
            answers={answers}
            visible={visible}
            progress={progressOf(questionnaire, answers)}
            errors={extra.errors ?? {}}
            conflicts={extra.conflicts ?? []}
            version={r.response?.version ?? 0}
            base={base}
            organisationChoices={extra.organisationChoices ?? {}}
            fileUrl={(f: FileAnswer) => `${basePathOf(request, r)}/fichiers/${f.id}`}
            savedAt={r.response?.updatedAt}
          />,
          { status: extra.status, scripts: [ANSWER_SCRIPT, PICKER_SCRIPT] },
        );
      };

      const renderSummary = async (
        request: FastifyRequest,
        reply: FastifyReply,
        r: Respondent,
        extra: { errors?: Record<string, string>; status?: number; email?: string | null } = {},
      ) => {
        const answers = r.response?.answers ?? {};
        const { questionnaire, visible, pages } = pagesOf(r, answers);
        const submitted = r.response?.status === 'submitted';
        const mode = r.state === 'closed' && !submitted ? 'closed' : submitted ? 'submitted' : 'check';
        const ctx = await answerContext(r, answers);
        // Checking answers: what is missing is listed at the top, each linked to its page.
        const errors =
          extra.errors ?? (mode === 'check' && r.response ? validateAnswers(questionnaire, answers).errors : {});
        return reply.page(
          mode === 'check'
            ? `Vérifiez vos réponses — ${r.campaign.title}`
            : `Réponse ${submitted ? 'envoyée' : 'enregistrée'} — ${r.campaign.title}`,
          <Summary
            ctx={ctx}
            questionnaire={questionnaire}
            pages={pages}
            answers={answers}
            visible={visible}
            errors={errors}
            version={r.response?.version ?? 0}
            mode={mode}
            submittedAt={r.response?.submittedAt}
            email={extra.email ?? r.response?.respondentEmail ?? r.user?.email ?? null}
            canReopen={submitted && r.state === 'open' && r.kind !== 'public'}
            state={r.state}
            fileUrl={(f: FileAnswer) => `${basePathOf(request, r)}/fichiers/${f.id}`}
          />,
          { status: extra.status },
        );
      };

      instance.get(prefix, async (request, reply) => {
        const r = await open(request, reply);
        if (r.state === 'scheduled') svc.assertWritable(r);
        if (r.state === 'closed' || r.response?.status === 'submitted')
          return reply.redirect(`${r.basePath}/recapitulatif`);
        const answers = r.response?.answers ?? {};
        const { pages } = pagesOf(r, answers);
        const current =
          r.response?.currentPage && pages.some((p) => p.id === r.response!.currentPage)
            ? r.response.currentPage
            : pages[0]?.id;
        return reply.redirect(`${r.basePath}/page/${current}`);
      });

      instance.get(`${prefix}/page/:pageId`, async (request, reply) => {
        const r = await open(request, reply);
        if (r.state === 'scheduled') svc.assertWritable(r);
        if (r.state === 'closed' || r.response?.status === 'submitted')
          return reply.redirect(`${r.basePath}/recapitulatif`);
        const pageId = (request.params as { pageId: string }).pageId;
        const answers = r.response?.answers ?? {};
        const { questionnaire, pages } = pagesOf(r, answers);
        if (!questionnaire.pages.some((p) => p.id === pageId))
          throw notFound("Cette page du questionnaire n'existe pas.");
        if (!pages.some((p) => p.id === pageId)) {
          // A page with nothing to show for these answers: go on to the next one that has.
          const order = questionnaire.pages.map((p) => p.id);
          const next = pages.find((p) => order.indexOf(p.id) > order.indexOf(pageId));
          return reply.redirect(next ? `${r.basePath}/page/${next.id}` : `${r.basePath}/recapitulatif`);
        }
        return renderPage(request, reply, r, pageId);
      });

      instance.post(`${prefix}/page/:pageId`, limited, async (request, reply) => {
        const r = await open(request, reply);
        const pageId = (request.params as { pageId: string }).pageId;
        const { form, files, tooLarge } = await readForm(request);
        if (str(form.site_web)) throw new HttpError(400, 'bad_request', 'Le formulaire n’a pas pu être enregistré.');
        const action = str(form.action) || 'next';
        let outcome: Awaited<ReturnType<typeof svc.savePage>>;
        try {
          outcome = await svc.savePage(r, pageId, form, {
            baseVersion: Number(str(form._version)) || 0,
            base: parseBase(str(form._base)),
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
          return renderPage(request, reply, next, pageId, {
            errors: outcome.errors,
            conflicts: outcome.conflicts,
            organisationChoices: outcome.organisationChoices,
            status: outcome.conflicts.length ? 409 : 422,
          });
        }
        if (Object.keys(outcome.errors).length && action !== 'previous') {
          return renderPage(request, reply, next, pageId, { errors: outcome.errors, status: 422 });
        }
        const { questionnaire, pages } = pagesOf(next, outcome.response.answers);
        const order = questionnaire.pages.map((p) => p.id);
        const here = order.indexOf(pageId);
        if (action === 'previous') {
          const previous = [...pages].reverse().find((p) => order.indexOf(p.id) < here);
          return reply.redirect(`${r.basePath}/page/${previous?.id ?? pageId}`);
        }
        if (action === 'save') {
          reply.flash('success', 'Vos réponses sont enregistrées.');
          return reply.redirect(`${r.basePath}/page/${pageId}`);
        }
        const following = pages.find((p) => order.indexOf(p.id) > here);
        return reply.redirect(following ? `${r.basePath}/page/${following.id}` : `${r.basePath}/recapitulatif`);
      });

      instance.get(`${prefix}/recapitulatif`, async (request, reply) => {
        const r = await open(request, reply);
        if (r.state === 'scheduled') svc.assertWritable(r);
        if (!r.response && r.state === 'closed') {
          throw new HttpError(
            410,
            'campaign_closed',
            `Le recensement « ${r.campaign.title} » est clos et aucune réponse n’a été enregistrée.`,
          );
        }
        return renderSummary(request, reply, r);
      });

      instance.post(`${prefix}/envoyer`, limited, async (request, reply) => {
        const r = await open(request, reply);
        const form = body(request);
        const email = str(form.email).trim();
        try {
          await svc.submit(r, { baseVersion: Number(str(form._version)) || 0, email: email || null });
        } catch (e) {
          if (e instanceof ValidationError) {
            const fresh = await open(request, reply);
            return renderSummary(request, reply, fresh, { errors: e.fields, status: 422, email });
          }
          if (e instanceof HttpError && e.status === 409) {
            reply.flash('error', e.message);
            return reply.redirect(`${r.basePath}/recapitulatif`);
          }
          throw e;
        }
        reply.flash('success', 'Vos réponses sont envoyées. Merci !');
        return reply.redirect(`${r.basePath}/recapitulatif`);
      });

      instance.post(`${prefix}/rouvrir`, limited, async (request, reply) => {
        const r = await open(request, reply);
        if (r.kind === 'public')
          throw new HttpError(403, 'forbidden', 'Une réponse anonyme envoyée ne peut pas être rouverte.');
        await svc.reopen(r);
        reply.flash('info', 'La réponse est rouverte : pensez à l’envoyer de nouveau après vos modifications.');
        return reply.redirect(r.basePath);
      });

      /** Autosave (JavaScript): JSON in, JSON out; an error is JSON too (Accept: application/json). */
      instance.post(
        `${prefix}/enregistrer`,
        {
          ...limited,
          schema: {
            body: Type.Object({
              baseVersion: Type.Integer({ minimum: 0 }),
              answers: Type.Record(Type.String({ maxLength: 120 }), Type.Any()),
              page: Type.Optional(Type.String({ maxLength: 120 })),
            }),
          },
        },
        async (request, reply) => {
          const r = await open(request, reply);
          const input = request.body as { baseVersion: number; answers: Record<string, any>; page?: string };
          const saved = await svc.autosave(r, input);
          return reply.header('cache-control', 'no-store').send(saved);
        },
      );

      instance.get(`${prefix}/fichiers/:fileId`, async (request, reply) => {
        const r = await open(request, reply);
        const file = await svc.file({ response: r.response }, (request.params as { fileId: string }).fileId);
        return reply
          .type(file.type)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
          .header('x-content-type-options', 'nosniff')
          .send(file.content);
      });
    }

    // -- public results ---------------------------------------------------------------------------------------------

    app.get('/recensements/:campaignId/resultats', async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const data = await svc.results(request.user, idParam(request, 'campaignId'), {
        organisationType: str(query.type) || undefined,
        regionCode: str(query.region) || undefined,
      });
      return reply.page(
        `Résultats — ${data.campaign.title}`,
        <ResultsPage {...data} basePath={`/recensements/${data.campaign.id}/resultats`} />,
        {
          breadcrumbs: [{ label: 'Recensements' }, { label: `Résultats — ${data.campaign.title}` }],
        },
      );
    });

    // -- API --------------------------------------------------------------------------------------------------------

    const QuestionnaireListSchema = Type.Object({
      items: Type.Array(
        Type.Object({
          id: Type.Integer(),
          title: Type.String(),
          version: Type.Integer({ description: 'Numéro de la dernière version publiée' }),
          updatedAt: Type.String(),
          url: Type.String(),
        }),
      ),
    });
    const IdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }) });
    const VersionQuery = Type.Object({
      version: Type.Optional(
        Type.Integer({ minimum: 1, description: 'Numéro de version (par défaut : la dernière publiée)' }),
      ),
    });

    app.get(
      '/api/v1/questionnaires',
      {
        schema: {
          tags: ['questionnaires'],
          summary: 'Questionnaires publiés',
          response: { 200: QuestionnaireListSchema },
        },
      },
      async () => ({ items: await svc.publishedList() }),
    );

    app.get(
      '/api/v1/questionnaires/:id',
      {
        schema: {
          tags: ['questionnaires'],
          summary: 'Un questionnaire publié, au format natif de la plateforme',
          params: IdParams,
          querystring: VersionQuery,
          response: { 200: QuestionnaireDocumentSchema },
        },
      },
      async (request) => svc.published(idParam(request), (request.query as { version?: number }).version),
    );

    app.get(
      '/api/v1/questionnaires/:id/surveyjs',
      {
        schema: {
          tags: ['questionnaires'],
          summary: 'Un questionnaire publié, au format JSON de SurveyJS',
          params: IdParams,
          querystring: VersionQuery,
          response: {
            200: Type.Unsafe<object>({
              type: 'object',
              description: 'Questionnaire SurveyJS (pages, elements, visibleIf).',
              additionalProperties: true,
            }),
          },
        },
      },
      async (request) => {
        const exported = await svc.exportQuestionnaire(request.user, idParam(request), {
          format: 'surveyjs',
          version: (request.query as { version?: number }).version,
        });
        return exported.json;
      },
    );
  };
}
