/**
 * The editors' routes: opening a consultation, changing it before it opens, its management page (full results) and
 * the synthesis. The services authorise (`consultation.manage`) and validate.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { authorize } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { ACCESS, type Access } from '../../../platform/http/access.ts';
import { type FieldErrors, HttpError, ValidationError } from '../../../platform/http/errors.ts';
import { text } from '../../../platform/http/form.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { IdParams, idOf, LooseForm } from '../../../platform/http/schemas.ts';
import { type ConsultationFormValues, formValuesOf, readConsultationForm } from '../services/consultations.ts';
import type { ConsultationsServices } from '../services/index.ts';
import { ConsultationFormPage, ManagePage, SynthesisFormPage } from '../views/manage.tsx';
import { consultationPath } from '../views/public.tsx';
import { LIST_CRUMB } from './pages.tsx';

/** « Responsables » of any authority (they open consultations on their own sheets), coordinators, administrators. */
export const ACCESS_OPENERS: Access = ['editor', 'other_editor', 'coordinator', 'admin'];

export function manageRoutes({ services }: { services: ConsultationsServices }): FastifyPluginAsync {
  const { consultations } = services;

  async function renderForm(
    reply: FastifyReply,
    user: CurrentUser,
    id: number | null,
    extra: { values?: ConsultationFormValues; errors?: FieldErrors; status?: number } = {},
  ) {
    const existing = id ? await consultations.get(user, id) : null;
    if (existing) {
      authorize(user, 'consultation.manage', { organisationId: existing.consultation.organisationId });
      if (existing.state !== 'scheduled' || existing.answers > 0)
        throw new HttpError(409, 'conflict', 'Une consultation ouverte ou close ne peut plus être modifiée.');
    }
    const title = existing ? `Modifier « ${existing.consultation.title} »` : 'Ouvrir une consultation';
    return reply.page(
      extra.errors ? `Erreur : ${title}` : title,
      <ConsultationFormPage
        action={existing ? `${consultationPath(existing.consultation.id)}/modifier` : '/consultations/nouvelle'}
        existing={existing}
        sheets={existing ? [] : await consultations.sheetsFor(user)}
        values={extra.values ?? (existing ? formValuesOf(existing.consultation) : null)}
        errors={extra.errors}
      />,
      {
        status: extra.status,
        breadcrumbs: [
          LIST_CRUMB,
          ...(existing
            ? [{ href: consultationPath(existing.consultation.id), label: existing.consultation.title }]
            : []),
          { label: title },
        ],
      },
    );
  }

  return async (app) => {
    app.get('/consultations/nouvelle', { schema: {}, config: { access: ACCESS_OPENERS } }, async (request, reply) => {
      const user = requireUser(request);
      if (!consultations.mayOpen(user)) authorize(user, 'consultation.manage', { organisationId: 0 });
      return renderForm(reply, user, null);
    });

    app.post(
      '/consultations/nouvelle',
      { schema: { body: LooseForm }, config: { access: ACCESS_OPENERS } },
      async (request, reply) => {
        const user = requireUser(request);
        const values = readConsultationForm(request.body);
        try {
          const id = await consultations.create(user, values);
          return reply.flash('success', 'La consultation est programmée.').redirect(`${consultationPath(id)}/gestion`);
        } catch (e) {
          if (e instanceof ValidationError)
            return renderForm(reply, user, null, { values, errors: e.fields, status: 422 });
          throw e;
        }
      },
    );

    app.get(
      '/consultations/:id/modifier',
      { schema: { params: IdParams }, config: { access: ACCESS.authorityEditors } },
      async (request, reply) => renderForm(reply, requireUser(request), idOf(request.params)),
    );

    app.post(
      '/consultations/:id/modifier',
      { schema: { params: IdParams, body: LooseForm }, config: { access: ACCESS.authorityEditors } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        const values = readConsultationForm(request.body);
        try {
          await consultations.update(user, id, values);
          return reply.flash('success', 'La consultation est modifiée.').redirect(`${consultationPath(id)}/gestion`);
        } catch (e) {
          if (e instanceof ValidationError)
            return renderForm(reply, user, id, { values, errors: e.fields, status: 422 });
          throw e;
        }
      },
    );

    app.get(
      '/consultations/:id/gestion',
      { schema: { params: IdParams }, config: { access: ACCESS.authorityEditors } },
      async (request, reply) => {
        const r = await consultations.results(requireUser(request), idOf(request.params), true);
        const title = r.view.consultation.title;
        return reply.page(`Gérer « ${title} »`, <ManagePage v={r.view} results={r} />, {
          breadcrumbs: [
            LIST_CRUMB,
            { href: consultationPath(r.view.consultation.id), label: title },
            { label: 'Gestion' },
          ],
        });
      },
    );

    const renderSynthesis = async (
      reply: FastifyReply,
      user: CurrentUser,
      id: number,
      extra: { values?: { synthese: string; changements: string }; errors?: FieldErrors; status?: number } = {},
    ) => {
      const v = await consultations.get(user, id);
      authorize(user, 'consultation.manage', { organisationId: v.consultation.organisationId });
      const title = `Synthèse de « ${v.consultation.title} »`;
      return reply.page(
        extra.errors ? `Erreur : ${title}` : title,
        <SynthesisFormPage v={v} values={extra.values ?? null} errors={extra.errors} />,
        {
          status: extra.status,
          breadcrumbs: [LIST_CRUMB, { href: consultationPath(id), label: v.consultation.title }, { label: 'Synthèse' }],
        },
      );
    };

    app.get(
      '/consultations/:id/synthese',
      { schema: { params: IdParams }, config: { access: ACCESS.authorityEditors } },
      async (request, reply) => renderSynthesis(reply, requireUser(request), idOf(request.params)),
    );

    app.post(
      '/consultations/:id/synthese',
      { schema: { params: IdParams, body: LooseForm }, config: { access: ACCESS.authorityEditors } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        const body = request.body as Record<string, unknown>;
        const values = { synthese: text(body, 'synthese'), changements: text(body, 'changements') };
        try {
          await consultations.publishSynthesis(user, id, { ...values, version: text(body, 'version') });
          return reply.flash('success', 'La synthèse est publiée.').redirect(consultationPath(id));
        } catch (e) {
          if (e instanceof ValidationError)
            return renderSynthesis(reply, user, id, { values, errors: e.fields, status: 422 });
          throw e;
        }
      },
    );
  };
}
