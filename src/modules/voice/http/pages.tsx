/**
 * The pages of contributors: a target's thread (its own page, with the form and its errors), posting, following,
 * reporting, the pseudonym and the charter. Routes are thin: the services decide and check.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { ACCESS } from '../../../platform/http/access.ts';
import { HttpError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import { formFields, text, textField } from '../../../platform/http/form.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { IdParams, idOf, LooseForm } from '../../../platform/http/schemas.ts';
import { DELETED_AUTHOR, type TargetKind } from '../model.ts';
import type { VoiceServices } from '../services/index.ts';
import { CharterPage, PseudonymPage, ReportPage } from '../views/pages.tsx';
import { type ThreadFormState, ThreadPageView } from '../views/thread.tsx';

export const POST_FORM = formFields({
  type: textField('Type de contribution', { trim: false }),
  message: textField('Votre message', { trim: false }),
  pseudonyme: textField('Votre pseudonyme', { trim: false }),
  site_web: textField('Site web', { trim: false }),
});
const REPORT_FORM = formFields({
  motif: textField('Raison du signalement'),
  precision: textField('Précision', { trim: false }),
});
const PSEUDONYM_FORM = formFields({ pseudonyme: textField('Pseudonyme', { trim: false }) });
const PageQuery = Type.Object({ page: Type.Optional(Type.String()) }, { additionalProperties: true });

const SEGMENTS: [string, TargetKind][] = [
  ['fiches', 'use_case'],
  ['initiatives', 'initiative'],
];

export function pageRoutes({ services }: { services: VoiceServices }): FastifyPluginAsync {
  const { posting, thread } = services;

  async function threadPage(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: TargetKind,
    id: number,
    page: number,
    state?: ThreadFormState,
    status?: number,
  ) {
    const found = await thread.thread(kind, id, request.user, page);
    if (!found) throw notFound('Cette page n’est pas publiée : elle n’a pas de contributions.');
    const title = `Contributions : ${found.thread.target.title}`;
    return reply.page(
      state?.errors ? `Erreur — ${title}` : title,
      <ThreadPageView thread={found.thread} reader={found.reader} state={state} />,
      {
        status,
        breadcrumbs: [{ href: found.thread.target.path, label: found.thread.target.title }, { label: 'Contributions' }],
      },
    );
  }

  return async (app) => {
    for (const [segment, kind] of SEGMENTS) {
      app.get(
        `/contributions/${segment}/:id`,
        { schema: { params: IdParams, querystring: PageQuery }, config: { access: ACCESS.public } },
        async (request, reply) => {
          const page = Number((request.query as { page?: string }).page) || 1;
          return threadPage(request, reply, kind, idOf(request.params), page);
        },
      );

      app.post(
        `/contributions/${segment}/:id`,
        {
          schema: { params: IdParams, body: POST_FORM.schema },
          config: { access: ACCESS.signedIn },
        },
        async (request, reply) => {
          const user = requireUser(request);
          const id = idOf(request.params);
          const { values } = POST_FORM.read(request.body);
          let result: Awaited<ReturnType<typeof posting.post>>;
          try {
            result = await posting.post(user, { kind, id }, values, request.ip);
          } catch (e) {
            const shown = { type: values.type, message: values.message, pseudonyme: values.pseudonyme };
            if (e instanceof ValidationError)
              return threadPage(request, reply, kind, id, 1, { values: shown, errors: e.fields }, 422);
            if (e instanceof HttpError && (e.status === 429 || e.status === 403))
              return threadPage(
                request,
                reply,
                kind,
                id,
                1,
                { values: shown, errors: { message: e.message } },
                e.status,
              );
            throw e;
          }
          const target = await posting.findTarget(kind, id);
          return reply
            .flash(
              'success',
              result.status === 'pending'
                ? 'Merci : votre contribution attend la validation d’un modérateur. Vous seul·e la voyez en attendant.'
                : 'Merci : votre contribution est publiée.',
            )
            .redirect(`${target.path}#contributions`);
        },
      );

      app.post(
        `/contributions/${segment}/:id/suivre`,
        { schema: { params: IdParams, body: LooseForm }, config: { access: ACCESS.signedIn } },
        async (request, reply) => {
          const user = requireUser(request);
          const on = text(request.body as Record<string, unknown>, 'suivre') !== '0';
          const target = await posting.setFollowing(user, { kind, id: idOf(request.params) }, on);
          return reply
            .flash(
              'success',
              on
                ? 'Vous suivez la discussion : les réponses officielles vous seront envoyées par courriel.'
                : 'Vous ne suivez plus la discussion.',
            )
            .redirect(`${target.path}#contributions`);
        },
      );
    }

    async function reportPage(
      _request: FastifyRequest,
      reply: FastifyReply,
      messageId: number,
      values?: { motif?: string; precision?: string },
      errors?: Record<string, string>,
    ) {
      const m = await services.store.message(messageId);
      const target = m && (await posting.findTarget(m.targetKind, m.targetId).catch(() => null));
      if (!m || !target || m.status !== 'published') throw notFound('Ce message n’existe pas ou n’est plus publié.');
      const profile = m.authorId ? await services.store.profile(m.authorId) : null;
      const author = m.official ? 'Réponse officielle' : (profile?.pseudonym ?? DELETED_AUTHOR);
      return reply.page(
        errors ? 'Erreur — Signaler un message' : 'Signaler un message',
        <ReportPage
          messageId={messageId}
          author={author}
          body={m.body}
          back={`${target.path}#contributions`}
          values={values}
          errors={errors}
        />,
        {
          status: errors ? 422 : undefined,
          breadcrumbs: [{ href: target.path, label: target.title }, { label: 'Signaler un message' }],
        },
      );
    }

    app.get(
      '/contributions/messages/:id/signaler',
      { schema: { params: IdParams }, config: { access: ACCESS.signedIn } },
      async (request, reply) => {
        requireUser(request);
        return reportPage(request, reply, idOf(request.params));
      },
    );

    app.post(
      '/contributions/messages/:id/signaler',
      { schema: { params: IdParams, body: REPORT_FORM.schema }, config: { access: ACCESS.signedIn } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        const { values } = REPORT_FORM.read(request.body);
        let result: Awaited<ReturnType<typeof posting.report>>;
        try {
          result = await posting.report(user, id, values);
        } catch (e) {
          if (e instanceof ValidationError) return reportPage(request, reply, id, values, e.fields);
          throw e;
        }
        const message = !result.counted
          ? 'Vous aviez déjà signalé ce message : un signalement compte une fois par personne.'
          : result.hidden
            ? 'Merci : ce message est masqué en attendant la décision d’un modérateur.'
            : 'Merci : votre signalement est transmis aux modérateurs.';
        return reply
          .flash(result.counted ? 'success' : 'info', message)
          .redirect(`${result.target.path}#contributions`);
      },
    );

    app.get('/participation/charte', { schema: {}, config: { access: ACCESS.public } }, async (_request, reply) =>
      reply.page('Charte des contributions citoyennes', <CharterPage />),
    );

    app.get(
      '/participation/pseudonyme',
      { schema: {}, config: { access: ACCESS.signedIn } },
      async (request, reply) => {
        const user = requireUser(request);
        const profile = await posting.profile(user.id);
        return reply.page('Mon pseudonyme', <PseudonymPage current={profile?.pseudonym ?? null} />);
      },
    );

    app.post(
      '/participation/pseudonyme',
      { schema: { body: PSEUDONYM_FORM.schema }, config: { access: ACCESS.signedIn } },
      async (request, reply) => {
        const user = requireUser(request);
        const { values } = PSEUDONYM_FORM.read(request.body);
        try {
          const pseudonym = await posting.setPseudonym(user, values.pseudonyme);
          return reply
            .flash('success', `Vos contributions sont signées « ${pseudonym} ».`)
            .redirect('/participation/pseudonyme');
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          const profile = await posting.profile(user.id);
          return reply.page(
            'Erreur — Mon pseudonyme',
            <PseudonymPage current={profile?.pseudonym ?? null} value={values.pseudonyme} errors={e.fields} />,
            { status: 422 },
          );
        }
      },
    );
  };
}
