/**
 * Transparency notices: the public page /bibliotheque/:ref/notice (the latest published version; the authority also
 * sees its draft), preparing a draft, editing, regenerating, publishing, and the JSON form in the API (404 until
 * published).
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import Type from 'typebox';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { text } from '../../../platform/http/form.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { LooseForm } from '../../../platform/http/schemas.ts';
import type { NoticeContent } from '../notice.ts';
import type { EthicsServices } from '../services/index.ts';
import { NoticeEditPage, NoticePage } from '../views/notice.tsx';
import { SheetParams, sheetIdOf } from './assessments.tsx';

const sheetPath = (s: { id: number; slug: string }) => `/bibliotheque/${s.id}-${s.slug}`;

const NoticeSchema = Type.Object({
  use_case_id: Type.Integer(),
  version: Type.Integer({ description: 'Numéro de version de la notice' }),
  published_at: Type.String(),
  summary: Type.String({ description: 'En bref : le résumé pour tout le monde' }),
  sections: Type.Array(Type.Object({ key: Type.String(), title: Type.String(), text: Type.String() })),
  url: Type.String({ description: 'Adresse de la page de la notice' }),
});

export function noticeRoutes({ services }: { services: EthicsServices }): FastifyPluginAsync {
  const { notices } = services;

  async function renderEdit(
    reply: FastifyReply,
    user: CurrentUser,
    useCaseId: number,
    extra: { errors?: Record<string, string>; content?: NoticeContent; status?: number } = {},
  ) {
    const { sheet, draft } = await notices.draftOf(user, useCaseId);
    const v = await notices.view(user, useCaseId);
    const title = `Notice de transparence — ${sheet.title}`;
    return reply.page(
      extra.errors ? `Erreur : ${title}` : title,
      <NoticeEditPage
        title={sheet.title}
        content={extra.content ?? draft.content}
        number={draft.number}
        version={draft.version}
        action={`${sheetPath(sheet)}/notice/modifier`}
        regenerateAction={`${sheetPath(sheet)}/notice/regenerer`}
        errors={extra.errors}
        hasPublished={v.published !== null}
      />,
      {
        status: extra.status,
        breadcrumbs: [
          { href: '/bibliotheque', label: 'Bibliothèque' },
          { href: sheetPath(sheet), label: sheet.title },
          { label: 'Notice de transparence' },
        ],
      },
    );
  }

  return async (app) => {
    app.get(
      '/bibliotheque/:ref/notice',
      { schema: { params: SheetParams }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const v = await notices.view(request.user, sheetIdOf(request.params));
        const shown = v.published ?? v.draft;
        if (!shown) return notices.publishedOf(request.user, v.sheet.id); // the 404 of « nothing published »
        const preview = shown === v.draft;
        return reply.page(
          `Notice de transparence — ${v.sheet.title}`,
          <NoticePage
            title={v.sheet.title}
            content={shown.content}
            number={shown.number}
            publishedAt={shown.publishedAt}
            sheetPath={sheetPath(v.sheet)}
            editPath={v.canWrite ? `${sheetPath(v.sheet)}/notice/modifier` : null}
            preview={preview}
          />,
          {
            breadcrumbs: [
              { href: '/bibliotheque', label: 'Bibliothèque' },
              { href: sheetPath(v.sheet), label: v.sheet.title },
              { label: 'Notice de transparence' },
            ],
          },
        );
      },
    );

    app.post(
      '/bibliotheque/:ref/notice/brouillon',
      { schema: { params: SheetParams, body: LooseForm }, config: { access: ACCESS.authorityMembers } },
      async (request, reply) => {
        const user = requireUser(request);
        await notices.startDraft(user, sheetIdOf(request.params));
        const { sheet } = await notices.draftOf(user, sheetIdOf(request.params));
        return reply.redirect(`${sheetPath(sheet)}/notice/modifier`);
      },
    );

    app.get(
      '/bibliotheque/:ref/notice/modifier',
      { schema: { params: SheetParams }, config: { access: ACCESS.authorityMembers, accessDenied: 404 } },
      async (request, reply) => renderEdit(reply, requireUser(request), sheetIdOf(request.params)),
    );

    app.post(
      '/bibliotheque/:ref/notice/modifier',
      {
        schema: { params: SheetParams, body: LooseForm },
        config: { access: ACCESS.authorityMembers, accessDenied: 404 },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const id = sheetIdOf(request.params);
        const body = request.body as Record<string, unknown>;
        const version = Number(text(body, 'version')) || 0;
        const publish = text(body, 'action') === 'publish';
        try {
          const saved = publish
            ? await notices.publish(user, id, version, body)
            : await notices.save(user, id, version, body);
          const { sheet } = await notices.view(user, id);
          if (publish)
            return reply
              .flash('success', `La notice (version ${saved.number}) est publiée.`)
              .redirect(`${sheetPath(sheet)}/notice`);
          return reply
            .flash('success', 'Le brouillon de la notice est enregistré.')
            .redirect(`${sheetPath(sheet)}/notice/modifier`);
        } catch (e) {
          if (e instanceof ValidationError) {
            const content: NoticeContent = {
              summary: text(body, 'resume'),
              sections: (await notices.draftOf(user, id)).draft.content.sections.map((s) => ({
                ...s,
                text: text(body, `section_${s.key}`),
              })),
            };
            return renderEdit(reply, user, id, { errors: e.fields, content, status: 422 });
          }
          throw e;
        }
      },
    );

    app.post(
      '/bibliotheque/:ref/notice/regenerer',
      {
        schema: { params: SheetParams, body: LooseForm },
        config: { access: ACCESS.authorityMembers, accessDenied: 404 },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const id = sheetIdOf(request.params);
        await notices.regenerate(user, id, Number(text(request.body as Record<string, unknown>, 'version')) || 0);
        const { sheet } = await notices.view(user, id);
        return reply
          .flash('success', 'La notice a été rédigée de nouveau à partir de la fiche.')
          .redirect(`${sheetPath(sheet)}/notice/modifier`);
      },
    );

    app.get(
      '/api/v1/use-cases/:ref/transparency-notice',
      {
        schema: {
          tags: ['use-cases'],
          summary: 'La notice de transparence publiée d’une fiche',
          description:
            'La dernière version publiée de la notice de transparence : un résumé pour tout le monde puis le détail, partie par partie. 404 tant qu’aucune notice n’est publiée.',
          params: SheetParams,
          response: { 200: NoticeSchema },
        },
        config: { access: ACCESS.public, rateLimit: { max: 300, timeWindow: '1 minute' } },
      },
      async (request) => {
        const { sheet, notice } = await notices.publishedOf(request.user, sheetIdOf(request.params));
        return {
          use_case_id: sheet.id,
          version: notice.number,
          published_at: notice.publishedAt ?? '',
          summary: notice.content.summary,
          sections: notice.content.sections,
          url: `${sheetPath(sheet)}/notice`,
        };
      },
    );
  };
}
