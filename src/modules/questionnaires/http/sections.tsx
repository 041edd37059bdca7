/**
 * The builder's groups (sections of consecutive elements, e.g. imported SurveyJS panels) on a questionnaire's draft
 * (coordinators): made from a run of a page's elements, edited through their own form (title, presentation, display
 * condition), and undone. Each change is saved with the draft's revision (a stale one is a conflict).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ACCESS } from '../../../platform/http/access.ts';
import { ConflictError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import { formFields, textField } from '../../../platform/http/form.ts';
import { idOf, LooseForm } from '../../../platform/http/schemas.ts';
import {
  addSection,
  allSections,
  CONDITION_EDITOR_SCRIPT,
  questionsBeforeSection,
  readSectionForm,
  removeSection,
  updateSection,
} from '../../forms/index.ts';
import type { QuestionnaireService } from '../services/questionnaires.ts';
import { SectionFormPage } from '../views/builder.tsx';
import { builderActions, conditionFieldOf, Q_CRUMB, revisionOf } from './builder.tsx';
import { QuestionnairePageParams, SectionParams } from './schemas.ts';

const config = { access: ACCESS.coordinators };

const RevisionForm = formFields({ _revision: textField('Révision') });
const NewSectionForm = formFields({
  title: textField('Titre du groupe'),
  first: textField('Premier élément'),
  last: textField('Dernier élément'),
  _revision: textField('Révision'),
});

/** A structural issue of the saved draft, keyed by the section form's field it is about. */
function sectionFields(
  fields: Record<string, string>,
  index: { page: number; section: number },
): Record<string, string> {
  const out: Record<string, string> = {};
  const prefix = `pages[${index.page}].sections[${index.section}].`;
  for (const [path, message] of Object.entries(fields)) {
    const local = path.startsWith(prefix) ? path.slice(prefix.length) : '';
    const key =
      conditionFieldOf(local) ??
      (local.startsWith('title') || local.startsWith('description') ? local.split('.')[0]! : 'questionnaire');
    out[key] ??= message;
  }
  return out;
}

export function sectionRoutes(deps: { questionnaires: QuestionnaireService }): FastifyPluginAsync {
  const svc = deps.questionnaires;

  return async (app) => {
    const { edit } = builderActions(svc);

    // -- groups (sections) made and unmade from scratch ----------------------------------------------------------

    app.post(
      '/coordination/questionnaires/:id/pages/:pageId/groupes',
      { schema: { params: QuestionnairePageParams, body: NewSectionForm.schema }, config },
      (request, reply) => {
        const { pageId } = request.params as { pageId: string };
        const { title, first, last } = NewSectionForm.read(request.body).values;
        let sectionId = '';
        return edit(
          request,
          reply,
          (d) => {
            const added = addSection(d, pageId, { title, firstId: first, lastId: last });
            sectionId = added.sectionId;
            return added.draft;
          },
          (id) => `/coordination/questionnaires/${id}#groupe-${sectionId}`,
          'Groupe créé.',
        );
      },
    );

    app.post(
      '/coordination/questionnaires/:id/groupes/:sectionId/supprimer',
      { schema: { params: SectionParams, body: RevisionForm.schema }, config },
      (request, reply) => {
        const { sectionId } = request.params as { sectionId: string };
        return edit(
          request,
          reply,
          (d) => removeSection(d, sectionId),
          (id) => `/coordination/questionnaires/${id}`,
          'Groupe défait : ses questions restent à leur place.',
        );
      },
    );

    // -- sections (groups of consecutive elements, e.g. imported SurveyJS panels) --------------------------------

    async function sectionForm(
      request: FastifyRequest,
      reply: FastifyReply,
      errors?: Record<string, string>,
      form?: Record<string, unknown>,
      status?: number,
    ) {
      const data = await svc.get(request.user, idOf(request.params));
      const q = data.questionnaire.draft;
      const { sectionId } = request.params as { sectionId: string };
      const section = allSections(q).find((s) => s.id === sectionId);
      if (!section) throw notFound("Ce groupe n'existe pas (ou plus).");
      const name = `le groupe ${section.title ? `« ${section.title} »` : 'sans titre'}`;
      return reply.page(
        `${errors ? 'Erreur : ' : ''}Modifier ${name}`,
        <SectionFormPage
          questionnaireId={data.questionnaire.id}
          revision={data.questionnaire.draftRevision}
          section={section}
          earlier={questionsBeforeSection(q, sectionId)}
          errors={errors}
          form={form}
        />,
        {
          status,
          scripts: [CONDITION_EDITOR_SCRIPT],
          breadcrumbs: [
            Q_CRUMB,
            { href: `/coordination/questionnaires/${data.questionnaire.id}`, label: q.title },
            { label: section.title ?? 'Groupe' },
          ],
        },
      );
    }

    app.get(
      '/coordination/questionnaires/:id/groupes/:sectionId',
      { schema: { params: SectionParams }, config },
      (request, reply) => sectionForm(request, reply),
    );

    app.post(
      '/coordination/questionnaires/:id/groupes/:sectionId',
      { schema: { params: SectionParams, body: LooseForm }, config },
      async (request, reply) => {
        const id = idOf(request.params);
        const { sectionId } = request.params as { sectionId: string };
        const form = request.body as Record<string, unknown>;
        const data = await svc.get(request.user, id);
        const draft = data.questionnaire.draft;
        const page = draft.pages.findIndex((p) => p.sections?.some((s) => s.id === sectionId));
        if (page < 0) throw notFound("Ce groupe n'existe pas (ou plus).");
        // The condition editor's first step: show the answers of the chosen questions, nothing saved.
        if (form._step === 'condition') return sectionForm(request, reply, undefined, form);
        const read = readSectionForm(form, draft, sectionId);
        if (Object.keys(read.errors).length) return sectionForm(request, reply, read.errors, form, 422);
        try {
          await svc.editDraft(request.user, id, revisionOf(form), (d) => updateSection(d, sectionId, read.values));
        } catch (e) {
          if (e instanceof ValidationError) {
            const section = draft.pages[page]!.sections!.findIndex((s) => s.id === sectionId);
            return sectionForm(request, reply, sectionFields(e.fields ?? {}, { page, section }), form, 422);
          }
          if (e instanceof ConflictError) return sectionForm(request, reply, { questionnaire: e.message }, form, 409);
          throw e;
        }
        reply.flash('success', 'Groupe enregistré.');
        return reply.redirect(`/coordination/questionnaires/${id}#groupe-${sectionId}`);
      },
    );
  };
}
