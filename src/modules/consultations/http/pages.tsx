/**
 * The public pages of consultations: the list, a consultation (answer form while open, then results and synthesis),
 * and answering. Thin: the services authorise, validate and act.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ACCESS } from '../../../platform/http/access.ts';
import { type FieldErrors, ValidationError } from '../../../platform/http/errors.ts';
import type { FormBody } from '../../../platform/http/form.ts';
import { IdParams, idOf, LooseForm } from '../../../platform/http/schemas.ts';
import { type Answers, applyForm } from '../../forms/index.ts';
import { answeredCookie } from '../services/answers.ts';
import type { ConsultationsServices } from '../services/index.ts';
import { ConsultationPage, ConsultationsListPage, consultationPath } from '../views/public.tsx';

export const LIST_CRUMB = { href: '/consultations', label: 'Consultations' };

export function pageRoutes({ services }: { services: ConsultationsServices }): FastifyPluginAsync {
  const { consultations, answers } = services;

  async function renderConsultation(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: { answers?: Answers; errors?: FieldErrors; status?: number } = {},
  ) {
    const v = await consultations.get(request.user, id);
    const answered = await answers.hasAnswered(request.user, id, request.cookies[answeredCookie(id)] ?? null);
    const results = v.state === 'closed' ? await consultations.results(request.user, id) : null;
    const title = v.consultation.title;
    return reply.page(
      extra.errors ? `Erreur : ${title}` : title,
      <ConsultationPage
        v={v}
        signedIn={Boolean(request.user)}
        answered={answered && !extra.errors}
        results={results}
        answers={extra.answers}
        errors={extra.errors}
      />,
      { status: extra.status, breadcrumbs: [LIST_CRUMB, { label: title }] },
    );
  }

  return async (app) => {
    app.get('/consultations', { schema: {}, config: { access: ACCESS.public } }, async (request, reply) => {
      const items = await consultations.list(request.user);
      return reply.page(
        'Consultations',
        <ConsultationsListPage items={items} canOpen={consultations.mayOpen(request.user)} />,
      );
    });

    app.get(
      '/consultations/:id',
      { schema: { params: IdParams }, config: { access: ACCESS.public } },
      async (request, reply) => renderConsultation(request, reply, idOf(request.params)),
    );

    app.post(
      '/consultations/:id/repondre',
      {
        schema: { params: IdParams, body: LooseForm },
        // Everyone may answer an anonymous consultation; a signed-in one asks the visitor to sign in (401).
        config: { access: ACCESS.public, rateLimit: { max: 30, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const id = idOf(request.params);
        const body = (request.body ?? {}) as FormBody;
        try {
          const { browserToken } = await answers.answer(request.user, id, body, {
            address: request.ip,
            browserToken: request.cookies[answeredCookie(id)] ?? null,
          });
          reply.setCookie(answeredCookie(id), browserToken, {
            path: consultationPath(id),
            httpOnly: true,
            sameSite: 'lax',
            maxAge: 400 * 24 * 3600,
          });
          return reply.flash('success', 'Merci : votre réponse est enregistrée.').redirect(consultationPath(id));
        } catch (e) {
          if (e instanceof ValidationError) {
            const v = await consultations.get(request.user, id);
            return renderConsultation(request, reply, id, {
              answers: applyForm(v.consultation.form, {}, body),
              errors: e.fields,
              status: 422,
            });
          }
          throw e;
        }
      },
    );
  };
}
