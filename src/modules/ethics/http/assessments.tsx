/**
 * Responsible AI pages: a sheet's overview (/bibliotheque/:ref/ia-responsable), starting an assessment, filling it
 * page by page (saved without JavaScript) or by autosave (JSON), its result page, signing, publishing, abandoning a
 * draft, and reporting the AI Act category in the sheet. Thin: the service authorises and acts.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import Type from 'typebox';
import type { Actor } from '../../../platform/auth/authorize.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { HttpError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import { text } from '../../../platform/http/form.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { IdParams, idOf, LooseForm } from '../../../platform/http/schemas.ts';
import { type Answers, type AnswerValue, type Conflict, visibleElementIds } from '../../forms/index.ts';
import { CATEGORY_LABELS } from '../ai-act.ts';
import { FORMS, KIND_LABELS, kindOfSlug } from '../model.ts';
import type { EthicsServices } from '../services/index.ts';
import { presentResult } from '../services/presenter.ts';
import { assessmentPath, FillPage, OverviewPage } from '../views/assessment.tsx';
import { NoticeBlock } from '../views/notice.tsx';
import { ResultPage } from '../views/result.tsx';

/** The forms island (display conditions shown live, autosave), shared with the questionnaires' answer pages. */
const FORMS_SCRIPT = '/assets/questionnaire.js';

export const SheetParams = Type.Object({ ref: Type.String() });
const KindParams = Type.Object({ ref: Type.String(), kind: Type.String({ maxLength: 40 }) });
const PageParams = Type.Object({
  id: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }),
  pageId: Type.String({ maxLength: 80 }),
});
const AutosaveBody = Type.Object({
  baseVersion: Type.Integer({ minimum: 0 }),
  answers: Type.Record(Type.String({ maxLength: 120 }), Type.Any()),
  page: Type.Optional(Type.String({ maxLength: 120 })),
});

/** The sheet named in the path: « 12 » or « 12-titre » (the slug is decorative); 404 otherwise. */
export function sheetIdOf(params: unknown): number {
  const ref = String((params as Record<string, string>).ref ?? '');
  const m = /^([1-9][0-9]{0,15})(?:-[a-z0-9-]*)?$/.exec(ref);
  if (!m) throw notFound("Cette fiche n'existe pas (ou plus).");
  return Number(m[1]);
}

export const overviewPath = (sheet: { id: number; slug: string }) =>
  `/bibliotheque/${sheet.id}-${sheet.slug}/ia-responsable`;

function parseBase(value: string): Answers | null {
  if (!value) return null;
  try {
    const v = JSON.parse(value);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Answers) : null;
  } catch {
    return null;
  }
}

export function assessmentRoutes({ services }: { services: EthicsServices }): FastifyPluginAsync {
  const { assessments } = services;

  async function renderResult(
    reply: FastifyReply,
    actor: Actor,
    id: number,
    extra: { errors?: Record<string, string>; status?: number } = {},
  ) {
    const { assessment, sheet, canWrite } = await assessments.open(actor, id);
    const previous = await assessments.previousOf(actor, assessment, sheet);
    const result = presentResult(assessment, previous);
    const form = FORMS[assessment.kind];
    const pageOf: Record<string, string> = {};
    for (const p of form.pages) for (const e of p.elements) pageOf[e.id] = p.id;
    const title = `${KIND_LABELS[assessment.kind]}, version ${assessment.number} — ${sheet.title}`;
    return reply.page(
      extra.errors ? `Erreur : ${title}` : title,
      <ResultPage
        result={result}
        sheetTitle={sheet.title}
        overviewPath={overviewPath(sheet)}
        canWrite={canWrite}
        errors={extra.errors}
        pageOf={pageOf}
        firstPage={form.pages[0]!.id}
        version={assessment.version}
      />,
      {
        status: extra.status,
        breadcrumbs: [
          { href: '/bibliotheque', label: 'Bibliothèque' },
          { href: `/bibliotheque/${sheet.id}-${sheet.slug}`, label: sheet.title },
          { href: overviewPath(sheet), label: 'IA responsable' },
          { label: `Version ${assessment.number}` },
        ],
      },
    );
  }

  async function renderPage(
    reply: FastifyReply,
    actor: Actor,
    id: number,
    pageId: string,
    extra: { errors?: Record<string, string>; conflicts?: Conflict[]; status?: number } = {},
  ) {
    const { assessment, sheet } = await assessments.openDraft(requireActor(actor), id);
    const form = FORMS[assessment.kind];
    const page = form.pages.find((p) => p.id === pageId);
    if (!page) throw notFound("Cette page de l'évaluation n'existe pas.");
    const base: Answers = {};
    for (const e of page.elements)
      if (e.type !== 'info' && assessment.answers[e.id] !== undefined) base[e.id] = assessment.answers[e.id];
    const title = `${page.title} — ${KIND_LABELS[assessment.kind]}`;
    return reply.page(
      Object.keys(extra.errors ?? {}).length ? `Erreur : ${title}` : title,
      <FillPage
        form={form}
        page={page}
        assessment={assessment}
        sheetTitle={sheet.title}
        visible={visibleElementIds(form, assessment.answers)}
        errors={extra.errors ?? {}}
        conflicts={extra.conflicts ?? []}
        base={base}
      />,
      {
        status: extra.status,
        scripts: [FORMS_SCRIPT],
        breadcrumbs: [
          { href: '/bibliotheque', label: 'Bibliothèque' },
          { href: `/bibliotheque/${sheet.id}-${sheet.slug}`, label: sheet.title },
          { href: overviewPath(sheet), label: 'IA responsable' },
          { label: page.title },
        ],
      },
    );
  }

  return async (app) => {
    app.get(
      '/bibliotheque/:ref/ia-responsable',
      { schema: { params: SheetParams }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const {
          sheet,
          assessments: list,
          canWrite,
        } = await assessments.ofSheet(request.user, sheetIdOf(request.params));
        const notice = await services.notices.view(request.user, sheet.id);
        return reply.page(
          `IA responsable — ${sheet.title}`,
          <OverviewPage
            title={sheet.title}
            sheetPath={`/bibliotheque/${sheet.id}-${sheet.slug}`}
            basePath={overviewPath(sheet)}
            assessments={list}
            canWrite={canWrite}
            notice={
              <NoticeBlock
                sheetPath={`/bibliotheque/${sheet.id}-${sheet.slug}`}
                published={notice.published}
                draft={notice.draft}
                canWrite={notice.canWrite}
              />
            }
          />,
          {
            breadcrumbs: [
              { href: '/bibliotheque', label: 'Bibliothèque' },
              { href: `/bibliotheque/${sheet.id}-${sheet.slug}`, label: sheet.title },
              { label: 'IA responsable' },
            ],
          },
        );
      },
    );

    app.post(
      '/bibliotheque/:ref/ia-responsable/:kind',
      { schema: { params: KindParams, body: LooseForm }, config: { access: ACCESS.authorityMembers } },
      async (request, reply) => {
        const user = requireUser(request);
        const kind = kindOfSlug((request.params as { kind: string }).kind);
        if (!kind) throw notFound("Ce type d'évaluation n'existe pas.");
        const created = await assessments.start(user, sheetIdOf(request.params), kind);
        const page = created.currentPage ?? FORMS[kind].pages[0]!.id;
        return reply.redirect(`${assessmentPath(created)}/page/${page}`);
      },
    );

    app.get(
      '/ia-responsable/evaluations/:id',
      { schema: { params: IdParams }, config: { access: ACCESS.public } },
      async (request, reply) => renderResult(reply, request.user, idOf(request.params)),
    );

    app.get(
      '/ia-responsable/evaluations/:id/reprendre',
      { schema: { params: IdParams }, config: { access: ACCESS.authorityMembers, accessDenied: 404 } },
      async (request, reply) => {
        const { assessment } = await assessments.openDraft(requireUser(request), idOf(request.params));
        const form = FORMS[assessment.kind];
        const page = form.pages.find((p) => p.id === assessment.currentPage) ?? form.pages[0]!;
        return reply.redirect(`${assessmentPath(assessment)}/page/${page.id}`);
      },
    );

    app.get(
      '/ia-responsable/evaluations/:id/page/:pageId',
      { schema: { params: PageParams }, config: { access: ACCESS.authorityMembers, accessDenied: 404 } },
      async (request, reply) => {
        const { id, pageId } = request.params as { id: string; pageId: string };
        return renderPage(reply, request.user, Number(id), pageId);
      },
    );

    app.post(
      '/ia-responsable/evaluations/:id/page/:pageId',
      {
        schema: { params: PageParams, body: LooseForm },
        config: { access: ACCESS.authorityMembers, accessDenied: 404, rateLimit: { max: 120, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const { id, pageId } = request.params as { id: string; pageId: string };
        const body = request.body as Record<string, unknown>;
        const action = text(body, 'action') || 'next';
        const baseVersion = Number(text(body, '_version')) || 0;
        const outcome = await assessments.savePage(
          user,
          Number(id),
          pageId,
          body,
          baseVersion,
          parseBase(text(body, '_base')),
        );
        if (outcome.conflicts.length)
          return renderPage(reply, user, Number(id), pageId, {
            errors: outcome.errors,
            conflicts: outcome.conflicts,
            status: 409,
          });
        if (Object.keys(outcome.errors).length && action !== 'previous')
          return renderPage(reply, user, Number(id), pageId, { errors: outcome.errors, status: 422 });
        const path = assessmentPath(outcome.assessment);
        const pages = FORMS[outcome.assessment.kind].pages;
        const here = pages.findIndex((p) => p.id === pageId);
        if (action === 'previous') return reply.redirect(`${path}/page/${pages[Math.max(0, here - 1)]!.id}`);
        if (action === 'save')
          return reply.flash('success', 'Vos réponses sont enregistrées.').redirect(`${path}/page/${pageId}`);
        const next = pages[here + 1];
        return reply.redirect(next ? `${path}/page/${next.id}` : path);
      },
    );

    app.post(
      '/ia-responsable/evaluations/:id/enregistrer',
      {
        schema: { params: IdParams, body: AutosaveBody },
        config: { access: ACCESS.authorityMembers, accessDenied: 404, rateLimit: { max: 240, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const input = request.body as {
          baseVersion: number;
          answers: Record<string, AnswerValue | null>;
          page?: string;
        };
        const saved = await assessments.autosave(requireUser(request), idOf(request.params), input);
        return reply.header('cache-control', 'no-store').send(saved);
      },
    );

    app.post(
      '/ia-responsable/evaluations/:id/signer',
      { schema: { params: IdParams, body: LooseForm }, config: { access: ACCESS.authorityMembers, accessDenied: 404 } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        const version = Number(text(request.body as Record<string, unknown>, 'version')) || 0;
        try {
          const signed = await assessments.sign(user, id, version);
          return reply
            .flash('success', `Évaluation signée le ${signed.signedAt?.slice(0, 10)} : elle ne changera plus.`)
            .redirect(assessmentPath(signed));
        } catch (e) {
          if (e instanceof ValidationError) return renderResult(reply, user, id, { errors: e.fields, status: 422 });
          if (e instanceof HttpError && e.status === 409 && e.code === 'conflict') {
            reply.flash('error', e.message);
            return reply.redirect(assessmentPath({ id }));
          }
          throw e;
        }
      },
    );

    app.post(
      '/ia-responsable/evaluations/:id/publier',
      { schema: { params: IdParams, body: LooseForm }, config: { access: ACCESS.authorityMembers, accessDenied: 404 } },
      async (request, reply) => {
        const publish = text(request.body as Record<string, unknown>, 'publier') !== '0';
        const a = await assessments.setPublished(requireUser(request), idOf(request.params), publish);
        return reply
          .flash(
            'success',
            publish
              ? 'L’évaluation est publiée : tout le monde peut la lire avec la fiche.'
              : 'L’évaluation n’est plus publiée.',
          )
          .redirect(assessmentPath(a));
      },
    );

    app.post(
      '/ia-responsable/evaluations/:id/abandonner',
      { schema: { params: IdParams, body: LooseForm }, config: { access: ACCESS.authorityMembers, accessDenied: 404 } },
      async (request, reply) => {
        const user = requireUser(request);
        const { sheet } = await assessments.open(user, idOf(request.params));
        await assessments.discard(user, idOf(request.params));
        return reply.flash('success', 'Le brouillon est supprimé.').redirect(overviewPath(sheet));
      },
    );

    app.post(
      '/ia-responsable/evaluations/:id/appliquer',
      { schema: { params: IdParams, body: LooseForm }, config: { access: ACCESS.authorityMembers, accessDenied: 404 } },
      async (request, reply) => {
        const { result } = await assessments.applyAiAct(requireUser(request), idOf(request.params));
        return reply
          .flash('success', `La catégorie « ${CATEGORY_LABELS[result.category]} » est reportée dans la fiche.`)
          .redirect(assessmentPath({ id: idOf(request.params) }));
      },
    );
  };
}

function requireActor(actor: Actor) {
  if (!actor) throw new HttpError(404, 'not_found', 'Cette évaluation n’existe pas, ou elle n’est pas publiée.');
  return actor;
}
