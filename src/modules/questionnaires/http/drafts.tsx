/**
 * The forms engine's operations on a questionnaire's draft (coordinators): adding, editing, moving, duplicating and
 * removing pages and elements (groups: sections.tsx). Each is saved with the draft's revision (a stale one is a conflict).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ACCESS } from '../../../platform/http/access.ts';
import { ConflictError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import { formFields, textField } from '../../../platform/http/form.ts';
import { IdParams, idOf, LooseForm } from '../../../platform/http/schemas.ts';
import {
  addElement,
  addPage,
  allElements,
  CONDITION_EDITOR_SCRIPT,
  duplicateElement,
  type Element,
  type Form,
  isQuestion,
  moveElement,
  movePage,
  newElement,
  QUESTION_TYPES,
  type QuestionType,
  readElementForm,
  removeElement,
  removePage,
  replaceElement,
  updatePage,
} from '../../forms/index.ts';
import type { QuestionnaireService } from '../services/questionnaires.ts';
import { ElementFormPage, PageFormPage } from '../views/builder.tsx';
import { builderActions, conditionFieldOf, Q_CRUMB, revisionOf } from './builder.tsx';
import { ElementParams, QuestionnairePageParams } from './schemas.ts';

const config = { access: ACCESS.coordinators };

const RevisionForm = formFields({ _revision: textField('Révision') });
const PageTitleForm = formFields({ title: textField('Titre'), _revision: textField('Révision') });
const PageEditForm = formFields({
  title: textField('Titre', { trim: false }),
  description: textField('Présentation', { trim: false }),
  _revision: textField('Révision'),
});
const NewElementForm = formFields({ type: textField('Type'), _revision: textField('Révision') });

/** A structural issue of the saved draft, keyed by the element form's field it is about. */
function elementFields(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    const local = path.replace(/^pages\[\d+\]\.elements\[\d+\]\.?/, '');
    const validation = /^validation\.(\w+)/.exec(local);
    const list = /^(choices|rows|columns|accept)\b/.exec(local);
    const key =
      conditionFieldOf(local) ??
      (validation ? `validation_${validation[1]}` : list ? list[1]! : local || 'questionnaire');
    out[key] ??= message;
  }
  return out;
}

/** How an element is named to people: its label (or a block's title), never its code. */
function elementName(e: Element): string {
  const text = e.type === 'info' ? (e.title ?? e.paragraphs[0] ?? 'Bloc d’information') : e.label;
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

export function draftRoutes(deps: { questionnaires: QuestionnaireService }): FastifyPluginAsync {
  const svc = deps.questionnaires;

  return async (app) => {
    const { edit } = builderActions(svc);

    // -- pages ----------------------------------------------------------------------------------------------------

    app.post(
      '/coordination/questionnaires/:id/pages',
      { schema: { params: IdParams, body: PageTitleForm.schema }, config },
      (request, reply) => {
        const title = PageTitleForm.read(request.body).values.title || 'Nouvelle page';
        let pageId = '';
        return edit(
          request,
          reply,
          (d) => {
            const added = addPage(d, title);
            pageId = added.pageId;
            // A new page needs content to be valid: an information block to edit or replace.
            return addElement(added.draft, added.pageId, newElement(added.draft, 'info'));
          },
          (id) => `/coordination/questionnaires/${id}#page-${pageId}`,
          'Page ajoutée.',
        );
      },
    );

    app.get(
      '/coordination/questionnaires/:id/pages/:pageId',
      { schema: { params: QuestionnairePageParams }, config },
      async (request, reply) => {
        const data = await svc.get(request.user, idOf(request.params));
        const { pageId } = request.params as { pageId: string };
        const page = data.questionnaire.draft.pages.find((p) => p.id === pageId);
        if (!page) throw notFound("Cette page n'existe pas (ou plus).");
        return reply.page(
          `Modifier la page ${page.title}`,
          <PageFormPage
            questionnaireId={data.questionnaire.id}
            revision={data.questionnaire.draftRevision}
            page={page}
          />,
          {
            breadcrumbs: [
              Q_CRUMB,
              { href: `/coordination/questionnaires/${data.questionnaire.id}`, label: data.questionnaire.title },
              { label: page.title },
            ],
          },
        );
      },
    );

    app.post(
      '/coordination/questionnaires/:id/pages/:pageId',
      { schema: { params: QuestionnairePageParams, body: PageEditForm.schema }, config },
      (request, reply) => {
        const { pageId } = request.params as { pageId: string };
        const { title, description } = PageEditForm.read(request.body).values;
        return edit(
          request,
          reply,
          (d) => updatePage(d, pageId, title, description),
          (id) => `/coordination/questionnaires/${id}#page-${pageId}`,
          'Page enregistrée.',
        );
      },
    );

    for (const [segment, op] of [
      ['monter', (d: Form, p: string) => movePage(d, p, 'up')],
      ['descendre', (d: Form, p: string) => movePage(d, p, 'down')],
      ['supprimer', (d: Form, p: string) => removePage(d, p)],
    ] as const) {
      app.post(
        `/coordination/questionnaires/:id/pages/:pageId/${segment}`,
        { schema: { params: QuestionnairePageParams, body: RevisionForm.schema }, config },
        (request, reply) => {
          const { pageId } = request.params as { pageId: string };
          return edit(
            request,
            reply,
            (d) => op(d, pageId),
            (id) => `/coordination/questionnaires/${id}`,
          );
        },
      );
    }

    // -- elements -------------------------------------------------------------------------------------------------

    app.post(
      '/coordination/questionnaires/:id/pages/:pageId/elements',
      { schema: { params: QuestionnairePageParams, body: NewElementForm.schema }, config },
      (request, reply) => {
        const { pageId } = request.params as { pageId: string };
        const type = NewElementForm.read(request.body).values.type;
        if (type !== 'info' && !(QUESTION_TYPES as readonly string[]).includes(type)) {
          throw new ValidationError({ type: 'Choisissez un type de question.' });
        }
        let elementId = '';
        return edit(
          request,
          reply,
          (d) => {
            const element = newElement(d, type as QuestionType | 'info');
            elementId = element.id;
            return addElement(d, pageId, element);
          },
          (id) => `/coordination/questionnaires/${id}/elements/${elementId}`,
        );
      },
    );

    async function elementForm(
      request: FastifyRequest,
      reply: FastifyReply,
      errors?: Record<string, string>,
      form?: Record<string, unknown>,
      status?: number,
    ) {
      const data = await svc.get(request.user, idOf(request.params));
      const q = data.questionnaire.draft;
      const { elementId } = request.params as { elementId: string };
      const elements = allElements(q);
      const index = elements.findIndex((e) => e.id === elementId);
      if (index < 0) throw notFound("Cet élément n'existe pas (ou plus).");
      const element = elements[index]!;
      return reply.page(
        `${errors ? 'Erreur : ' : ''}Modifier ${elementName(element)}`,
        <ElementFormPage
          questionnaireId={data.questionnaire.id}
          revision={data.questionnaire.draftRevision}
          questionnaire={q}
          element={element}
          earlier={elements.slice(0, index).filter(isQuestion)}
          errors={errors}
          form={form}
        />,
        {
          status,
          scripts: [CONDITION_EDITOR_SCRIPT],
          breadcrumbs: [
            Q_CRUMB,
            { href: `/coordination/questionnaires/${data.questionnaire.id}`, label: q.title },
            { label: elementName(element) },
          ],
        },
      );
    }

    app.get(
      '/coordination/questionnaires/:id/elements/:elementId',
      { schema: { params: ElementParams }, config },
      (request, reply) => elementForm(request, reply),
    );

    app.post(
      '/coordination/questionnaires/:id/elements/:elementId',
      { schema: { params: ElementParams, body: LooseForm }, config },
      async (request, reply) => {
        const id = idOf(request.params);
        const { elementId } = request.params as { elementId: string };
        const form = request.body as Record<string, unknown>;
        const data = await svc.get(request.user, id);
        const current = allElements(data.questionnaire.draft).find((e) => e.id === elementId);
        if (!current) throw notFound("Cet élément n'existe pas (ou plus).");
        // The condition editor's first step: show the answers of the chosen questions, nothing saved.
        if (form._step === 'condition') return elementForm(request, reply, undefined, form);
        const read = readElementForm(current.type, form, data.questionnaire.draft, elementId);
        if (Object.keys(read.errors).length) return elementForm(request, reply, read.errors, form, 422);
        try {
          await svc.editDraft(request.user, id, revisionOf(form), (d) => replaceElement(d, elementId, read.element));
        } catch (e) {
          if (e instanceof ValidationError)
            return elementForm(request, reply, elementFields(e.fields ?? {}), form, 422);
          if (e instanceof ConflictError) return elementForm(request, reply, { questionnaire: e.message }, form, 409);
          throw e;
        }
        reply.flash('success', 'Élément enregistré.');
        return reply.redirect(`/coordination/questionnaires/${id}#element-${read.element.id}`);
      },
    );

    for (const [segment, op] of [
      ['monter', (d: Form, e: string) => moveElement(d, e, 'up')],
      ['descendre', (d: Form, e: string) => moveElement(d, e, 'down')],
      ['dupliquer', (d: Form, e: string) => duplicateElement(d, e).draft],
      ['supprimer', (d: Form, e: string) => removeElement(d, e)],
    ] as const) {
      app.post(
        `/coordination/questionnaires/:id/elements/:elementId/${segment}`,
        { schema: { params: ElementParams, body: RevisionForm.schema }, config },
        (request, reply) => {
          const { elementId } = request.params as { elementId: string };
          return edit(
            request,
            reply,
            (d) => op(d, elementId),
            (id) => `/coordination/questionnaires/${id}${segment === 'supprimer' ? '' : `#element-${elementId}`}`,
          );
        },
      );
    }
  };
}
