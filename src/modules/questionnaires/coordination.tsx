/**
 * HTTP routes for network coordinators: the questionnaire builder (with preview), versions, import and export,
 * campaigns (creation, dashboard, reminders, closing, invitations), results, exports streamed in CSV, XLSX and JSON,
 * and library drafts. Thin: parse → service → present.
 */
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, HttpError, notFound, ValidationError } from '../../platform/http/errors.ts';
import { requireUser } from '../../platform/http/plugin.tsx';
import { isOrganisationType } from '../organisations/model.ts';
import { PICKER_SCRIPT } from '../organisations/views/picker.tsx';
import { applyForm, progress, validatePage } from './answers.ts';
import {
  addElement,
  addPage,
  duplicateElement,
  moveElement,
  movePage,
  newElement,
  readElementForm,
  removeElement,
  removePage,
  replaceElement,
  updatePage,
} from './builder.ts';
import { emptyTargets, parseFormDate, parseReminderDays, type TargetSpec } from './campaigns.ts';
import { visibleElementIds } from './conditions.ts';
import { list, str } from './form.ts';
import {
  type Answers,
  allElements,
  isQuestion,
  QUESTION_TYPES,
  type Questionnaire,
  type QuestionType,
} from './model.ts';
import { csvCell } from './results.ts';
import { ANSWER_SCRIPT, body, idParam, readForm } from './routes.tsx';
import type { QuestionnairesService } from './service.ts';
import { AnswerPage, Summary } from './views/answer.tsx';
import {
  BuilderPage,
  ElementFormPage,
  ImportReportPage,
  PageFormPage,
  QuestionnaireListPage,
} from './views/builder.tsx';
import { CampaignFormPage, CampaignListPage, DashboardPage, InvitationPage, ResponsePage } from './views/campaigns.tsx';
import { ResultsPage } from './views/results.tsx';

const Q_CRUMB = { href: '/coordination/questionnaires', label: 'Questionnaires' };
const C_CRUMB = { href: '/coordination/campagnes', label: 'Campagnes' };

export function coordinationRoutes(deps: {
  questionnaires: QuestionnairesService;
  regions: () => Promise<{ code: string; name: string }[]>;
}): FastifyPluginAsync {
  const svc = deps.questionnaires;

  return async (app) => {
    // == questionnaires =============================================================================================

    app.get('/coordination/questionnaires', async (request, reply) => {
      const rows = await svc.listQuestionnaires(requireUser(request));
      return reply.page('Questionnaires', <QuestionnaireListPage rows={rows} />, {
        breadcrumbs: [{ label: 'Questionnaires' }],
      });
    });

    app.post('/coordination/questionnaires', async (request, reply) => {
      const user = requireUser(request);
      const title = str(body(request).title);
      try {
        const id = await svc.createBlank(user, title);
        return reply.redirect(`/coordination/questionnaires/${id}`);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        const rows = await svc.listQuestionnaires(user);
        return reply.page(
          'Erreur : Questionnaires',
          <QuestionnaireListPage rows={rows} errors={e.fields} title={title} />,
          { status: 422 },
        );
      }
    });

    app.post('/coordination/questionnaires/importer', async (request, reply) => {
      const user = requireUser(request);
      const { form, files } = await readForm(request);
      const file = files.find((f) => f.field === 'file');
      const format = str(form.format) === 'surveyjs' ? 'surveyjs' : 'native';
      try {
        if (!file) throw new ValidationError({ file: 'Choisissez un fichier JSON à importer.' });
        const { id, report } = await svc.importQuestionnaire(user, { format, text: file.data.toString('utf8') });
        const { questionnaire } = await svc.questionnaire(user, id);
        return reply.page(
          `Import : ${questionnaire.title}`,
          <ImportReportPage id={id} title={questionnaire.title} report={report} />,
          {
            breadcrumbs: [Q_CRUMB, { label: 'Import' }],
          },
        );
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        const rows = await svc.listQuestionnaires(user);
        const fields = e.fields ?? {};
        const errors = fields.file ? fields : { file: `${e.message} ${Object.values(fields).slice(0, 5).join(' ')}` };
        return reply.page('Erreur : Questionnaires', <QuestionnaireListPage rows={rows} errors={errors} />, {
          status: 422,
        });
      }
    });

    async function builder(
      request: FastifyRequest,
      reply: FastifyReply,
      errors?: Record<string, string>,
      status?: number,
    ) {
      const data = await svc.questionnaire(requireUser(request), idParam(request));
      return reply.page(data.questionnaire.title, <BuilderPage {...data} errors={errors} />, {
        status,
        breadcrumbs: [Q_CRUMB, { label: data.questionnaire.title }],
      });
    }

    app.get('/coordination/questionnaires/:id', (request, reply) => builder(request, reply));

    /** Runs a builder operation; a refused change shows the builder again with the reason. */
    async function edit(
      request: FastifyRequest,
      reply: FastifyReply,
      op: (draft: Questionnaire) => Questionnaire,
      redirect: (id: number) => string,
      flash?: string,
    ) {
      const user = requireUser(request);
      const id = idParam(request);
      const revision = Number(str(body(request)._revision));
      try {
        await svc.editDraft(user, id, revision, op);
      } catch (e) {
        if (e instanceof ValidationError) return builder(request, reply, e.fields, 422);
        if (e instanceof ConflictError) return builder(request, reply, { questionnaire: e.message }, 409);
        throw e;
      }
      if (flash) reply.flash('success', flash);
      return reply.redirect(redirect(id));
    }

    app.post('/coordination/questionnaires/:id/titre', (request, reply) => {
      const form = body(request);
      const title = str(form.title).trim();
      const description = str(form.description).trim();
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
    });

    app.post('/coordination/questionnaires/:id/publier', async (request, reply) => {
      const user = requireUser(request);
      try {
        const v = await svc.publish(user, idParam(request), Number(str(body(request)._revision)));
        reply.flash('success', `Version ${v.number} publiée : les nouvelles campagnes l’utiliseront.`);
        return reply.redirect(`/coordination/questionnaires/${idParam(request)}`);
      } catch (e) {
        if (e instanceof ValidationError) return builder(request, reply, e.fields, 422);
        if (e instanceof ConflictError) return builder(request, reply, { questionnaire: e.message }, 409);
        throw e;
      }
    });

    app.get('/coordination/questionnaires/:id/export', async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const v = str(query.version);
      const exported = await svc.exportQuestionnaire(request.user, idParam(request), {
        format: str(query.format) === 'surveyjs' ? 'surveyjs' : 'native',
        version: v === 'draft' ? 'draft' : /^\d+$/.test(v) ? Number(v) : undefined,
      });
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${exported.filename}"`)
        .send(`${JSON.stringify(exported.json, null, 2)}\n`);
    });

    app.post('/coordination/questionnaires/:id/pages', (request, reply) => {
      const title = str(body(request).title).trim() || 'Nouvelle page';
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
    });

    app.get('/coordination/questionnaires/:id/pages/:pageId', async (request, reply) => {
      const data = await svc.questionnaire(requireUser(request), idParam(request));
      const page = data.questionnaire.draft.pages.find((p) => p.id === (request.params as { pageId: string }).pageId);
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
    });

    app.post('/coordination/questionnaires/:id/pages/:pageId', (request, reply) => {
      const pageId = (request.params as { pageId: string }).pageId;
      const form = body(request);
      return edit(
        request,
        reply,
        (d) => updatePage(d, pageId, str(form.title), str(form.description)),
        (id) => `/coordination/questionnaires/${id}#page-${pageId}`,
        'Page enregistrée.',
      );
    });

    for (const [segment, op] of [
      ['monter', (d: Questionnaire, p: string) => movePage(d, p, 'up')],
      ['descendre', (d: Questionnaire, p: string) => movePage(d, p, 'down')],
      ['supprimer', (d: Questionnaire, p: string) => removePage(d, p)],
    ] as const) {
      app.post(`/coordination/questionnaires/:id/pages/:pageId/${segment}`, (request, reply) => {
        const pageId = (request.params as { pageId: string }).pageId;
        return edit(
          request,
          reply,
          (d) => op(d, pageId),
          (id) => `/coordination/questionnaires/${id}`,
        );
      });
    }

    app.post('/coordination/questionnaires/:id/pages/:pageId/elements', (request, reply) => {
      const pageId = (request.params as { pageId: string }).pageId;
      const type = str(body(request).type);
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
    });

    async function elementForm(
      request: FastifyRequest,
      reply: FastifyReply,
      errors?: Record<string, string>,
      form?: Record<string, unknown>,
      status?: number,
    ) {
      const data = await svc.questionnaire(requireUser(request), idParam(request));
      const q = data.questionnaire.draft;
      const elementId = (request.params as { elementId: string }).elementId;
      const elements = allElements(q);
      const index = elements.findIndex((e) => e.id === elementId);
      if (index < 0) throw notFound("Cet élément n'existe pas (ou plus).");
      const element = elements[index]!;
      return reply.page(
        `${errors ? 'Erreur : ' : ''}Modifier ${element.id}`,
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
          breadcrumbs: [
            Q_CRUMB,
            { href: `/coordination/questionnaires/${data.questionnaire.id}`, label: q.title },
            { label: element.id },
          ],
        },
      );
    }

    /** A structural issue of the saved draft, keyed by the element form's field it is about. */
    function elementFields(fields: Record<string, string>): Record<string, string> {
      const out: Record<string, string> = {};
      for (const [path, message] of Object.entries(fields)) {
        const local = path.replace(/^pages\[\d+\]\.elements\[\d+\]\.?/, '');
        let key = local || 'questionnaire';
        const condition = /^visibleIf(?:\.(?:all|any)\[(\d+)\])?(?:\.(question|op|value))?/.exec(local);
        if (condition) key = condition[2] ? `condition_${condition[1] ?? 0}_${condition[2]}` : 'condition_json';
        else if (/^validation\.(\w+)/.test(local)) key = `validation_${/^validation\.(\w+)/.exec(local)![1]}`;
        else if (/^(choices|rows|columns|accept)\b/.test(local)) key = /^(\w+)/.exec(local)![1]!;
        out[key] ??= message;
      }
      return out;
    }

    app.get('/coordination/questionnaires/:id/elements/:elementId', (request, reply) => elementForm(request, reply));

    app.post('/coordination/questionnaires/:id/elements/:elementId', async (request, reply) => {
      const user = requireUser(request);
      const id = idParam(request);
      const elementId = (request.params as { elementId: string }).elementId;
      const form = body(request);
      const data = await svc.questionnaire(user, id);
      const current = allElements(data.questionnaire.draft).find((e) => e.id === elementId);
      if (!current) throw notFound("Cet élément n'existe pas (ou plus).");
      const read = readElementForm(current.type, form, data.questionnaire.draft, elementId);
      if (Object.keys(read.errors).length) return elementForm(request, reply, read.errors, form, 422);
      try {
        await svc.editDraft(user, id, Number(str(form._revision)), (d) => replaceElement(d, elementId, read.element));
      } catch (e) {
        if (e instanceof ValidationError) return elementForm(request, reply, elementFields(e.fields ?? {}), form, 422);
        if (e instanceof ConflictError) return elementForm(request, reply, { questionnaire: e.message }, form, 409);
        throw e;
      }
      reply.flash('success', 'Élément enregistré.');
      return reply.redirect(`/coordination/questionnaires/${id}#element-${read.element.id}`);
    });

    for (const [segment, op] of [
      ['monter', (d: Questionnaire, e: string) => moveElement(d, e, 'up')],
      ['descendre', (d: Questionnaire, e: string) => moveElement(d, e, 'down')],
      ['dupliquer', (d: Questionnaire, e: string) => duplicateElement(d, e).draft],
      ['supprimer', (d: Questionnaire, e: string) => removeElement(d, e)],
    ] as const) {
      app.post(`/coordination/questionnaires/:id/elements/:elementId/${segment}`, (request, reply) => {
        const elementId = (request.params as { elementId: string }).elementId;
        return edit(
          request,
          reply,
          (d) => op(d, elementId),
          (id) => `/coordination/questionnaires/${id}${segment === 'supprimer' ? '' : `#element-${elementId}`}`,
        );
      });
    }

    // -- preview: the respondent's pages, answers carried in the form, nothing saved ---------------------------------

    async function preview(
      request: FastifyRequest,
      reply: FastifyReply,
      pageId: string | null,
      answers: Answers,
      errors: Record<string, string> = {},
      status?: number,
    ) {
      const data = await svc.questionnaire(requireUser(request), idParam(request));
      const q = data.questionnaire.draft;
      const visible = visibleElementIds(q, answers);
      const pages = q.pages.filter((p) => p.elements.some((e) => visible.has(e.id)));
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
          {
            breadcrumbs: crumbs,
          },
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

    app.get('/coordination/questionnaires/:id/apercu', async (request, reply) => {
      const data = await svc.questionnaire(requireUser(request), idParam(request));
      return preview(request, reply, data.questionnaire.draft.pages[0]!.id, {});
    });

    app.get('/coordination/questionnaires/:id/apercu/page/:pageId', (request, reply) =>
      preview(request, reply, (request.params as { pageId: string }).pageId, {}),
    );

    app.post('/coordination/questionnaires/:id/apercu/page/:pageId', async (request, reply) => {
      const data = await svc.questionnaire(requireUser(request), idParam(request));
      const q = data.questionnaire.draft;
      const pageId = (request.params as { pageId: string }).pageId;
      const { form } = await readForm(request);
      let previous: Answers = {};
      try {
        const parsed = JSON.parse(str(form._preview) || '{}');
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) previous = parsed;
      } catch {}
      if (!q.pages.some((p) => p.id === pageId)) throw notFound("Cette page n'existe pas.");
      const answers = applyForm(q, previous, form, { pageId });
      const action = str(form.action) || 'next';
      const visible = visibleElementIds(q, answers);
      const pages = q.pages.filter((p) => p.elements.some((e) => visible.has(e.id)));
      const order = q.pages.map((p) => p.id);
      const here = order.indexOf(pageId);
      if (action === 'previous') {
        const before = [...pages].reverse().find((p) => order.indexOf(p.id) < here);
        return preview(request, reply, before?.id ?? pageId, answers);
      }
      const errors = validatePage(q, pageId, answers).errors;
      if (Object.keys(errors).length) return preview(request, reply, pageId, answers, errors, 422);
      const next = pages.find((p) => order.indexOf(p.id) > here);
      return preview(request, reply, next?.id ?? null, answers);
    });

    // == campaigns ==================================================================================================

    app.get('/coordination/campagnes', async (request, reply) => {
      const rows = await svc.listCampaigns(requireUser(request));
      return reply.page('Campagnes de recensement', <CampaignListPage rows={rows} />, {
        breadcrumbs: [{ label: 'Campagnes' }],
      });
    });

    async function campaignForm(
      request: FastifyRequest,
      reply: FastifyReply,
      values: Record<string, unknown>,
      errors?: Record<string, string>,
    ) {
      const user = requireUser(request);
      const [questionnaires, regions] = await Promise.all([svc.listQuestionnaires(user), deps.regions()]);
      return reply.page(
        `${errors ? 'Erreur : ' : ''}Nouvelle campagne`,
        <CampaignFormPage questionnaires={questionnaires} regions={regions} values={values} errors={errors} />,
        { status: errors ? 422 : undefined, breadcrumbs: [C_CRUMB, { label: 'Nouvelle campagne' }] },
      );
    }

    app.get('/coordination/campagnes/nouvelle', (request, reply) => {
      const query = request.query as Record<string, unknown>;
      return campaignForm(request, reply, {
        questionnaireId: str(query.questionnaire),
        reminderDays: '7, 2',
        options: [],
      });
    });

    app.post('/coordination/campagnes', async (request, reply) => {
      const user = requireUser(request);
      const { form, files } = await readForm(request);
      const options = list(form.options);
      const csv = files.find((f) => f.field === 'sirenFile');
      const sirenList = [str(form.sirenList), csv ? csv.data.toString('utf8') : ''].filter((t) => t.trim()).join('\n');
      const targets: TargetSpec = {
        ...emptyTargets(),
        types: list(form.types).filter(isOrganisationType),
        regions: list(form.regions).filter((r) => /^[0-9]{2,3}$/.test(r)),
        departements: str(form.departements)
          .split(/[\s,;]+/)
          .map((d) => d.trim().toUpperCase())
          .filter((d) => /^([0-9]{2,3}|2A|2B)$/.test(d)),
      };
      try {
        const created = await svc.createCampaign(user, {
          questionnaireId: Number(str(form.questionnaireId)),
          title: str(form.title),
          description: str(form.description),
          opensAt: parseFormDate(str(form.opensAt)),
          closesAt: parseFormDate(str(form.closesAt), true),
          targets,
          sirenList,
          publicLink: options.includes('public'),
          resultsPublic: options.includes('results'),
          libraryAuto: options.includes('library'),
          reminderDays: parseReminderDays(str(form.reminderDays)),
        });
        reply.flash(
          'success',
          `Campagne créée : ${created.invited} collectivité${created.invited > 1 ? 's' : ''} invitée${created.invited > 1 ? 's' : ''}.`,
        );
        return reply.redirect(`/coordination/campagnes/${created.id}`);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        return campaignForm(request, reply, { ...form, sirenList }, e.fields);
      }
    });

    async function dashboard(
      request: FastifyRequest,
      reply: FastifyReply,
      errors?: Record<string, string>,
      status?: number,
    ) {
      const data = await svc.dashboard(requireUser(request), idParam(request));
      const statusFilter = str((request.query as Record<string, unknown>).statut);
      return reply.page(
        data.campaign.title,
        <DashboardPage
          {...data}
          statusFilter={['not_started', 'in_progress', 'submitted'].includes(statusFilter) ? statusFilter : ''}
          errors={errors}
        />,
        {
          status,
          breadcrumbs: [C_CRUMB, { label: data.campaign.title }],
        },
      );
    }

    app.get('/coordination/campagnes/:id', (request, reply) => dashboard(request, reply));

    app.post('/coordination/campagnes/:id/relancer', async (request, reply) => {
      const form = body(request);
      const ids =
        str(form.scope) === 'all'
          ? null
          : list(form.ids)
              .map(Number)
              .filter((n) => Number.isSafeInteger(n) && n > 0);
      try {
        const sent = await svc.remind(requireUser(request), idParam(request), ids);
        reply.flash(
          'success',
          sent
            ? `${sent} rappel${sent > 1 ? 's' : ''} envoyé${sent > 1 ? 's' : ''}.`
            : 'Aucun rappel à envoyer : pas de contact connu ou réponses déjà envoyées.',
        );
        return reply.redirect(`/coordination/campagnes/${idParam(request)}#suivi`);
      } catch (e) {
        if (e instanceof ValidationError) return dashboard(request, reply, e.fields, 422);
        throw e;
      }
    });

    app.post('/coordination/campagnes/:id/clore', async (request, reply) => {
      await svc.close(requireUser(request), idParam(request));
      reply.flash('success', 'Campagne close. Les réponses enregistrées sont conservées.');
      return reply.redirect(`/coordination/campagnes/${idParam(request)}`);
    });

    app.post('/coordination/campagnes/:id/reglages', async (request, reply) => {
      const settings = list(body(request).settings);
      await svc.updateSettings(requireUser(request), idParam(request), {
        resultsPublic: settings.includes('results'),
        publicLink: settings.includes('public'),
        libraryAuto: settings.includes('library'),
      });
      reply.flash('success', 'Réglages enregistrés.');
      return reply.redirect(`/coordination/campagnes/${idParam(request)}`);
    });

    app.post('/coordination/campagnes/:id/version', async (request, reply) => {
      try {
        const n = await svc.upgradeVersion(requireUser(request), idParam(request));
        reply.flash('success', `La campagne utilise maintenant la version ${n}.`);
        return reply.redirect(`/coordination/campagnes/${idParam(request)}`);
      } catch (e) {
        if (e instanceof ValidationError) return dashboard(request, reply, e.fields, 422);
        throw e;
      }
    });

    app.get('/coordination/campagnes/:id/invitations/:invitationId', async (request, reply) => {
      const user = requireUser(request);
      const campaignId = idParam(request);
      const invitationId = idParam(request, 'invitationId');
      const data = await svc.dashboard(user, campaignId);
      const invitation = await svc.store.findInvitation(invitationId);
      if (!invitation || invitation.campaignId !== campaignId) throw notFound("Cette invitation n'existe pas.");
      const link = await svc.invitationLinkOf(user, invitationId);
      return reply.page(
        `Invitation de ${invitation.organisationName}`,
        <InvitationPage campaign={data.campaign} invitation={invitation} link={link} />,
        {
          breadcrumbs: [
            C_CRUMB,
            { href: `/coordination/campagnes/${campaignId}`, label: data.campaign.title },
            { label: invitation.organisationName },
          ],
        },
      );
    });

    app.post('/coordination/campagnes/:id/invitations/:invitationId/renouveler', async (request, reply) => {
      await svc.renewInvitation(requireUser(request), idParam(request, 'invitationId'));
      reply.flash('success', 'Nouveau lien créé et envoyé aux contacts ; l’ancien ne fonctionne plus.');
      return reply.redirect(
        `/coordination/campagnes/${idParam(request)}/invitations/${idParam(request, 'invitationId')}`,
      );
    });

    app.post('/coordination/campagnes/:id/invitations/:invitationId/revoquer', async (request, reply) => {
      await svc.revokeInvitation(requireUser(request), idParam(request, 'invitationId'));
      reply.flash('success', 'Lien révoqué.');
      return reply.redirect(`/coordination/campagnes/${idParam(request)}#suivi`);
    });

    app.get('/coordination/campagnes/:id/resultats', async (request, reply) => {
      const user = requireUser(request);
      const query = request.query as Record<string, unknown>;
      const data = await svc.results(user, idParam(request), {
        organisationType: str(query.type) || undefined,
        regionCode: str(query.region) || undefined,
      });
      return reply.page(
        `Résultats — ${data.campaign.title}`,
        <ResultsPage {...data} basePath={`/coordination/campagnes/${data.campaign.id}/resultats`} coordination />,
        {
          breadcrumbs: [
            C_CRUMB,
            { href: `/coordination/campagnes/${data.campaign.id}`, label: data.campaign.title },
            { label: 'Résultats' },
          ],
        },
      );
    });

    // -- exports: streamed, one row per response ---------------------------------------------------------------------

    app.get('/coordination/campagnes/:id/export.csv', async (request, reply) => {
      const exp = await svc.exportResponses(requireUser(request), idParam(request));
      async function* lines() {
        yield `\uFEFF${exp.header.map(csvCell).join(',')}\r\n`;
        for await (const row of exp.rows()) yield `${row.cells.map(csvCell).join(',')}\r\n`;
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${exp.filenameBase}.csv"`)
        .send(Readable.from(lines()));
    });

    app.get('/coordination/campagnes/:id/export.json', async (request, reply) => {
      const exp = await svc.exportResponses(requireUser(request), idParam(request));
      async function* chunks() {
        yield `{"campaign":${JSON.stringify({ id: exp.campaign.id, title: exp.campaign.title, opensAt: exp.campaign.opensAt, closesAt: exp.campaign.closesAt })},`;
        yield `"questions":${JSON.stringify(exp.questions.map((q) => ({ id: q.id, type: q.type, label: q.label, ...('choices' in q ? { choices: q.choices } : {}) })))},"responses":[`;
        let first = true;
        for await (const { response: r, versionNumber } of exp.rows()) {
          const item = {
            id: r.id,
            organisationId: r.organisationId,
            organisation: r.organisationName,
            organisationType: r.organisationType,
            regionCode: r.regionCode,
            departementCode: r.departementCode,
            status: r.status,
            version: versionNumber,
            startedAt: r.startedAt,
            updatedAt: r.updatedAt,
            submittedAt: r.submittedAt,
            answers: r.answers,
          };
          yield `${first ? '' : ','}\n${JSON.stringify(item)}`;
          first = false;
        }
        yield '\n]}\n';
      }
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${exp.filenameBase}.json"`)
        .send(Readable.from(chunks()));
    });

    app.get('/coordination/campagnes/:id/export.xlsx', async (request, reply) => {
      const exp = await svc.exportResponses(requireUser(request), idParam(request));
      const out = new PassThrough();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: out,
        useStyles: false,
        useSharedStrings: false,
      });
      const sheet = workbook.addWorksheet('Réponses');
      (async () => {
        sheet.addRow(exp.header).commit();
        for await (const row of exp.rows()) sheet.addRow(row.cells).commit();
        sheet.commit();
        await workbook.commit();
      })().catch((e) => {
        request.log.error({ err: e }, 'export xlsx');
        out.destroy(e);
      });
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${exp.filenameBase}.xlsx"`)
        .send(out);
    });

    // == responses ==================================================================================================

    app.get('/coordination/reponses/:id', async (request, reply) => {
      const data = await svc.responseForCoordinator(requireUser(request), idParam(request));
      const names = await svc.organisationNames(Object.values(data.response.answers));
      return reply.page(
        `Réponse de ${data.response.organisationName ?? 'répondant anonyme'}`,
        <ResponsePage {...data} organisationNames={names} />,
        {
          breadcrumbs: [
            C_CRUMB,
            { href: `/coordination/campagnes/${data.campaign.id}`, label: data.campaign.title },
            { label: data.response.organisationName ?? 'Réponse anonyme' },
          ],
        },
      );
    });

    app.post('/coordination/reponses/:id/fiche', async (request, reply) => {
      try {
        const created = await svc.createLibraryDraft(requireUser(request), idParam(request));
        reply.flash(
          'success',
          created.created
            ? `Fiche brouillon créée dans la bibliothèque${created.skipped.length ? ` (${created.skipped.length} réponse(s) non reprise(s) : ${created.skipped.map((s) => s.message).join(' ')})` : ''}.`
            : 'Cette réponse a déjà sa fiche.',
        );
        return reply.redirect(created.url);
      } catch (e) {
        if (e instanceof ValidationError || (e instanceof HttpError && e.status === 503)) {
          reply.flash(
            'error',
            e instanceof ValidationError ? Object.values(e.fields ?? {}).join(' ') || e.message : e.message,
          );
          return reply.redirect(`/coordination/reponses/${idParam(request)}`);
        }
        throw e;
      }
    });

    app.get('/coordination/fichiers/:fileId', async (request, reply) => {
      const file = await svc.file({ coordinator: requireUser(request) }, (request.params as { fileId: string }).fileId);
      return reply
        .type(file.type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    });
  };
}
