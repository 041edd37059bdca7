/**
 * The network's « conditions de réussite »: the public page (latest published version and the evidence), each
 * published version, and the coordinators' edit page (save the draft, publish it as the next version).
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import Type from 'typebox';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import { text } from '../../../platform/http/form.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { LooseForm } from '../../../platform/http/schemas.ts';
import { formValues } from '../conditions.ts';
import type { EthicsServices } from '../services/index.ts';
import { CONDITIONS_PATH, ConditionsEditPage, ConditionsPage } from '../views/conditions.tsx';

const VersionParams = Type.Object({ number: Type.String({ pattern: '^[1-9][0-9]{0,6}$' }) });
const TITLE = 'Conditions de réussite';
const CRUMBS = [{ href: '/bibliotheque', label: 'Bibliothèque' }];

export function conditionsRoutes({ services }: { services: EthicsServices }): FastifyPluginAsync {
  const { conditions } = services;

  async function renderEdit(
    reply: FastifyReply,
    user: CurrentUser,
    extra: { errors?: Record<string, string>; body?: Record<string, unknown>; status?: number } = {},
  ) {
    const e = await conditions.editing(user);
    const values = extra.body
      ? (Object.fromEntries(
          Object.entries(extra.body).filter(([, x]) => typeof x === 'string' || Array.isArray(x)),
        ) as Record<string, string | string[]>)
      : formValues(e.content);
    return reply.page(
      extra.errors ? `Erreur : Rédiger les conditions de réussite` : 'Rédiger les conditions de réussite',
      <ConditionsEditPage
        values={values}
        number={e.nextNumber}
        version={e.version}
        errors={extra.errors}
        hasPublished={(await conditions.view(user)).shown !== null}
      />,
      {
        status: extra.status,
        breadcrumbs: [...CRUMBS, { href: CONDITIONS_PATH, label: TITLE }, { label: 'Rédiger' }],
      },
    );
  }

  return async (app) => {
    app.get(CONDITIONS_PATH, { schema: {}, config: { access: ACCESS.public } }, async (request, reply) => {
      const v = await conditions.view(request.user);
      return reply.page(
        TITLE,
        <ConditionsPage
          content={v.shown?.content ?? null}
          number={v.shown?.number ?? null}
          publishedAt={v.shown?.publishedAt ?? null}
          latest
          versions={v.published}
          canWrite={v.canWrite}
          draftNumber={v.draft?.number ?? null}
          evidence={v.evidence}
        />,
        { breadcrumbs: [...CRUMBS, { label: TITLE }] },
      );
    });

    app.get(
      `${CONDITIONS_PATH}/versions/:number`,
      { schema: { params: VersionParams }, config: { access: ACCESS.public } },
      async (request, reply) => {
        const number = Number((request.params as { number: string }).number);
        const v = await conditions.view(request.user, number);
        return reply.page(
          `${TITLE} — version ${number}`,
          <ConditionsPage
            content={v.shown!.content}
            number={number}
            publishedAt={v.shown!.publishedAt}
            latest={v.published[0]?.number === number}
            versions={v.published}
            canWrite={false}
            draftNumber={null}
            evidence={v.evidence}
          />,
          { breadcrumbs: [...CRUMBS, { href: CONDITIONS_PATH, label: TITLE }, { label: `Version ${number}` }] },
        );
      },
    );

    app.get(
      `${CONDITIONS_PATH}/modifier`,
      { schema: {}, config: { access: ACCESS.coordinators } },
      async (request, reply) => renderEdit(reply, requireUser(request)),
    );

    app.post(
      `${CONDITIONS_PATH}/modifier`,
      { schema: { body: LooseForm }, config: { access: ACCESS.coordinators } },
      async (request, reply) => {
        const user = requireUser(request);
        const body = request.body as Record<string, unknown>;
        const version = Number(text(body, 'version')) || 0;
        const publish = text(body, 'action') === 'publish';
        try {
          const saved = publish
            ? await conditions.publish(user, version, body)
            : await conditions.save(user, version, body);
          if (publish)
            return reply
              .flash('success', `Les conditions de réussite (version ${saved.number}) sont publiées.`)
              .redirect(CONDITIONS_PATH);
          return reply.flash('success', 'Le brouillon est enregistré.').redirect(`${CONDITIONS_PATH}/modifier`);
        } catch (e) {
          if (e instanceof ValidationError) return renderEdit(reply, user, { errors: e.fields, body, status: 422 });
          throw e;
        }
      },
    );
  };
}
