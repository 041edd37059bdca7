/**
 * The preview of a draft (coordinators): the respondent's pages, the answers carried in the form, nothing saved.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ACCESS } from '../../../platform/http/access.ts';
import { notFound } from '../../../platform/http/errors.ts';
import { readMultipartForm, text } from '../../../platform/http/form.ts';
import { IdParams, idOf } from '../../../platform/http/schemas.ts';
import { PICKER_SCRIPT } from '../../../platform/ui/organisation-picker.tsx';
import { type Answers, applyForm, progress, validatePage } from '../../forms/index.ts';
import type { QuestionnaireService } from '../services/questionnaires.ts';
import { AnswerPage, Summary } from '../views/answer.tsx';
import { ANSWER_SCRIPT, nextPage, pagesOf, previousPage } from './answer-pages.tsx';
import { Q_CRUMB } from './builder.tsx';
import { MultipartForm, QuestionnairePageParams } from './schemas.ts';

const config = { access: ACCESS.coordinators };

function previousAnswers(value: string): Answers {
  try {
    const parsed = JSON.parse(value || '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

export function previewRoutes(deps: { questionnaires: QuestionnaireService }): FastifyPluginAsync {
  const svc = deps.questionnaires;

  return async (app) => {
    async function preview(
      request: FastifyRequest,
      reply: FastifyReply,
      pageId: string | null,
      answers: Answers,
      errors: Record<string, string> = {},
      status?: number,
    ) {
      const data = await svc.get(request.user, idOf(request.params));
      const q = data.questionnaire.draft;
      const { visible, pages } = pagesOf(q, answers);
      const ctx = {
        campaignTitle: q.title,
        authorityName: null,
        basePath: `/coordination/questionnaires/${data.questionnaire.id}/apercu`,
        preview: true,
      };
      const crumbs = [
        Q_CRUMB,
        { href: `/coordination/questionnaires/${data.questionnaire.id}`, label: q.title },
        { label: 'Aperçu' },
      ];
      if (!pageId) {
        return reply.page(
          `Aperçu : ${q.title}`,
          <Summary
            ctx={ctx}
            questionnaire={q}
            pages={pages}
            answers={answers}
            visible={visible}
            errors={errors}
            version={0}
            mode="check"
            state="open"
          />,
          { breadcrumbs: crumbs },
        );
      }
      const page = q.pages.find((p) => p.id === pageId);
      if (!page) throw notFound("Cette page n'existe pas.");
      const position = pages.findIndex((p) => p.id === page.id);
      return reply.page(
        `Aperçu : ${page.title}`,
        <AnswerPage
          ctx={ctx}
          questionnaire={q}
          page={page}
          pageIndex={Math.max(0, position)}
          pageCount={pages.length}
          previousPageId={position > 0 ? pages[position - 1]!.id : null}
          isLast={position === pages.length - 1}
          answers={answers}
          visible={visible}
          progress={progress(q, answers)}
          errors={errors}
          conflicts={[]}
          version={0}
          base={{}}
          organisationChoices={{}}
          previewState={JSON.stringify(answers)}
        />,
        { status, scripts: [ANSWER_SCRIPT, PICKER_SCRIPT], breadcrumbs: crumbs },
      );
    }

    app.get(
      '/coordination/questionnaires/:id/apercu',
      { schema: { params: IdParams }, config },
      async (request, reply) => {
        const data = await svc.get(request.user, idOf(request.params));
        return preview(request, reply, data.questionnaire.draft.pages[0]!.id, {});
      },
    );

    app.get(
      '/coordination/questionnaires/:id/apercu/page/:pageId',
      { schema: { params: QuestionnairePageParams }, config },
      (request, reply) => preview(request, reply, (request.params as { pageId: string }).pageId, {}),
    );

    app.post(
      '/coordination/questionnaires/:id/apercu/page/:pageId',
      { schema: { params: QuestionnairePageParams, body: MultipartForm }, config },
      async (request, reply) => {
        const data = await svc.get(request.user, idOf(request.params));
        const q = data.questionnaire.draft;
        const { pageId } = request.params as { pageId: string };
        const { form } = await readMultipartForm(request);
        if (!q.pages.some((p) => p.id === pageId)) throw notFound("Cette page n'existe pas.");
        const answers = applyForm(q, previousAnswers(text(form, '_preview')), form, { pageId });
        const action = text(form, 'action') || 'next';
        if (action === 'previous') return preview(request, reply, previousPage(q, answers, pageId) ?? pageId, answers);
        const errors = validatePage(q, pageId, answers).errors;
        if (Object.keys(errors).length) return preview(request, reply, pageId, answers, errors, 422);
        return preview(request, reply, nextPage(q, answers, pageId), answers);
      },
    );
  };
}
