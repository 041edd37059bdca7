/**
 * The questionnaire builder (coordinators): the list, creation, import, the builder page, title, publication,
 * export, and the forms engine's operations on pages and elements of the draft.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ACCESS } from '../../../platform/http/access.ts';
import { ConflictError, ValidationError } from '../../../platform/http/errors.ts';
import { formFields, readMultipartForm, text, textField, textOf } from '../../../platform/http/form.ts';
import { IdParams, idOf, LooseQuery } from '../../../platform/http/schemas.ts';
import { assertUploadSize } from '../../../platform/http/upload-limit.ts';
import type { Form } from '../../forms/index.ts';
import type { QuestionnaireService } from '../services/questionnaires.ts';
import { BuilderPage, ImportReportPage, QuestionnaireListPage } from '../views/builder.tsx';
import { MultipartForm } from './schemas.ts';

export const Q_CRUMB = { href: '/coordination/questionnaires', label: 'Questionnaires' };
const config = { access: ACCESS.coordinators };

const TitleForm = formFields({ title: textField('Titre'), description: textField('Présentation') });
const RevisionForm = formFields({ _revision: textField('Révision') });

export const revisionOf = (body: unknown) => Number(text(body as Record<string, unknown>, '_revision'));

/**
 * The builder form's field for an error on a display condition (`visibleIf`, `visibleIf.all[1].op`…) of a question
 * or a group: `condition_<n>_<part>` for one rule's part, `condition_json` for the condition as a whole; null when
 * the path is not a condition's.
 */
export function conditionFieldOf(localPath: string): string | null {
  const m = /^visibleIf(?:\.(?:all|any)\[(\d+)\])?(?:\.(question|op|value))?/.exec(localPath);
  if (!m) return null;
  return m[2] ? `condition_${m[1] ?? 0}_${m[2]}` : 'condition_json';
}

/** The builder page, and a builder operation on the draft (a refused change shows the builder again). */
export function builderActions(svc: QuestionnaireService) {
  async function builderPage(
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: Record<string, string>,
    status?: number,
  ) {
    const data = await svc.get(request.user, idOf(request.params));
    return reply.page(data.questionnaire.title, <BuilderPage {...data} errors={errors} />, {
      status,
      breadcrumbs: [Q_CRUMB, { label: data.questionnaire.title }],
    });
  }

  /** Runs a builder operation; a refused change shows the builder again with the reason. */
  async function edit(
    request: FastifyRequest,
    reply: FastifyReply,
    op: (draft: Form) => Form,
    redirect: (id: number) => string,
    flash?: string,
  ) {
    const id = idOf(request.params);
    try {
      await svc.editDraft(request.user, id, revisionOf(request.body), op);
    } catch (e) {
      if (e instanceof ValidationError) return builderPage(request, reply, e.fields, 422);
      if (e instanceof ConflictError) return builderPage(request, reply, { questionnaire: e.message }, 409);
      throw e;
    }
    if (flash) reply.flash('success', flash);
    return reply.redirect(redirect(id));
  }

  return { builderPage, edit };
}

export function builderRoutes(deps: { questionnaires: QuestionnaireService }): FastifyPluginAsync {
  const svc = deps.questionnaires;

  return async (app) => {
    const { builderPage, edit } = builderActions(svc);

    async function listPage(
      request: FastifyRequest,
      reply: FastifyReply,
      errors?: Record<string, string>,
      title?: string,
    ) {
      const rows = await svc.list(request.user);
      return reply.page(
        errors ? 'Erreur : Questionnaires' : 'Questionnaires',
        <QuestionnaireListPage rows={rows} errors={errors} title={title} />,
        errors ? { status: 422 } : { breadcrumbs: [{ label: 'Questionnaires' }] },
      );
    }

    app.get('/coordination/questionnaires', { schema: {}, config }, (request, reply) => listPage(request, reply));

    app.post('/coordination/questionnaires', { schema: { body: TitleForm.schema }, config }, async (request, reply) => {
      const title = text(request.body as Record<string, unknown>, 'title');
      try {
        const id = await svc.createBlank(request.user, title);
        return reply.redirect(`/coordination/questionnaires/${id}`);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        return listPage(request, reply, e.fields, title);
      }
    });

    app.post(
      '/coordination/questionnaires/importer',
      { schema: { body: MultipartForm }, config: { ...config, upload: 'questionnaire' } },
      async (request, reply) => {
        const { form, files, tooLarge } = await readMultipartForm(request);
        assertUploadSize(request, files, tooLarge);
        const file = files.find((f) => f.field === 'file');
        const chosen = text(form, 'format');
        const format = chosen === 'surveyjs' || chosen === 'limesurvey' ? chosen : 'native';
        try {
          if (!file) throw new ValidationError({ file: 'Choisissez un fichier à importer (JSON ou .lss).' });
          const { id, report } = await svc.importFile(request.user, { format, text: file.data.toString('utf8') });
          const { questionnaire } = await svc.get(request.user, id);
          return reply.page(
            `Import : ${questionnaire.title}`,
            <ImportReportPage id={id} title={questionnaire.title} report={report} />,
            { breadcrumbs: [Q_CRUMB, { label: 'Import' }] },
          );
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          const fields = e.fields ?? {};
          const errors = fields.file ? fields : { file: `${e.message} ${Object.values(fields).slice(0, 5).join(' ')}` };
          return listPage(request, reply, errors);
        }
      },
    );

    app.get('/coordination/questionnaires/:id', { schema: { params: IdParams }, config }, (request, reply) =>
      builderPage(request, reply),
    );

    app.post(
      '/coordination/questionnaires/:id/titre',
      { schema: { params: IdParams, body: TitleForm.schema }, config },
      (request, reply) => {
        const { title, description } = TitleForm.read(request.body).values;
        return edit(
          request,
          reply,
          (d) => {
            const next = { ...d, title };
            if (description) next.description = description;
            else delete next.description;
            return next;
          },
          (id) => `/coordination/questionnaires/${id}`,
          'Titre enregistré.',
        );
      },
    );

    app.post(
      '/coordination/questionnaires/:id/publier',
      { schema: { params: IdParams, body: RevisionForm.schema }, config },
      async (request, reply) => {
        const id = idOf(request.params);
        try {
          const v = await svc.publish(request.user, id, revisionOf(request.body));
          reply.flash('success', `Version ${v.number} publiée : les nouvelles campagnes l’utiliseront.`);
          return reply.redirect(`/coordination/questionnaires/${id}`);
        } catch (e) {
          if (e instanceof ValidationError) return builderPage(request, reply, e.fields, 422);
          if (e instanceof ConflictError) return builderPage(request, reply, { questionnaire: e.message }, 409);
          throw e;
        }
      },
    );

    app.get(
      '/coordination/questionnaires/:id/export',
      { schema: { params: IdParams, querystring: LooseQuery }, config },
      async (request, reply) => {
        const query = request.query as Record<string, unknown>;
        const v = textOf(query.version);
        const exported = await svc.exportFile(request.user, idOf(request.params), {
          format: textOf(query.format) === 'surveyjs' ? 'surveyjs' : 'native',
          version: v === 'draft' ? 'draft' : /^\d+$/.test(v) ? Number(v) : undefined,
        });
        return reply
          .type('application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="${exported.filename}"`)
          .send(`${JSON.stringify(exported.json, null, 2)}\n`);
      },
    );
  };
}
