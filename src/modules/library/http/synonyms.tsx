/** /coordination/synonymes: coordinators list, add, change and delete the synonym groups of the search. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { ACCESS } from '../../../platform/http/access.ts';
import { ConflictError, ValidationError } from '../../../platform/http/errors.ts';
import { formFields, integerField, textField } from '../../../platform/http/form.ts';
import { requireUser } from '../../../platform/http/plugin.tsx';
import { IdParams, idOf } from '../../../platform/http/schemas.ts';
import { SYNONYMS_PATH, SynonymGroupPage, SynonymsPage } from '../views/synonyms.tsx';
import type { LibraryHttpDeps } from './common.ts';

const GroupForm = formFields({
  expressions: textField('Expressions', { maxLength: 2000, trim: false }),
});
const EditForm = formFields({
  expressions: textField('Expressions', { maxLength: 2000, trim: false }),
  version: integerField('Version', { required: true, min: 1 }),
});
const DeleteForm = formFields({ version: integerField('Version', { required: true, min: 1 }) });

const COORDINATION_CRUMB = { href: '/coordination', label: 'Coordination' };
const CRUMBS = [COORDINATION_CRUMB, { label: 'Synonymes' }];
const limit = { rateLimit: { max: 60, timeWindow: '1 minute' } };

export function synonymsRoutes({ services }: LibraryHttpDeps): FastifyPluginAsync {
  const { synonyms } = services;

  function groupCrumbs(first: string) {
    return [COORDINATION_CRUMB, { href: SYNONYMS_PATH, label: 'Synonymes' }, { label: `Groupe « ${first} »` }];
  }

  return async (app) => {
    app.get(SYNONYMS_PATH, { schema: {}, config: { access: ACCESS.coordinators } }, async (request, reply) =>
      reply.page('Synonymes de la recherche', <SynonymsPage groups={await synonyms.list(requireUser(request))} />, {
        breadcrumbs: CRUMBS,
      }),
    );

    app.post(
      SYNONYMS_PATH,
      { schema: { body: GroupForm.schema }, config: { access: ACCESS.coordinators, ...limit } },
      async (request, reply) => {
        const user = requireUser(request);
        const { values, errors } = GroupForm.read(request.body);
        const again = async (fields: Record<string, string>, status: number, r: FastifyReply) =>
          r.page(
            'Synonymes de la recherche',
            <SynonymsPage groups={await synonyms.list(user)} errors={fields} typed={values.expressions ?? ''} />,
            { status, breadcrumbs: CRUMBS },
          );
        if (Object.keys(errors).length) return again(errors, 422, reply);
        try {
          const group = await synonyms.create(user, values.expressions ?? '');
          return reply
            .flash(
              'success',
              `Groupe « ${group.expressions[0]} » ajouté : il s’applique dès maintenant à la recherche.`,
            )
            .redirect(SYNONYMS_PATH);
        } catch (e) {
          if (e instanceof ValidationError) return again(e.fields ?? {}, 422, reply);
          throw e;
        }
      },
    );

    app.get(
      `${SYNONYMS_PATH}/:id`,
      { schema: { params: IdParams }, config: { access: ACCESS.coordinators } },
      async (request, reply) => {
        const group = await synonyms.find(requireUser(request), idOf(request.params));
        return reply.page(`Groupe « ${group.expressions[0]} »`, <SynonymGroupPage group={group} />, {
          breadcrumbs: groupCrumbs(group.expressions[0]!),
        });
      },
    );

    app.post(
      `${SYNONYMS_PATH}/:id`,
      { schema: { params: IdParams, body: EditForm.schema }, config: { access: ACCESS.coordinators, ...limit } },
      async (request, reply) => {
        const user = requireUser(request);
        const id = idOf(request.params);
        const { values, errors } = EditForm.read(request.body);
        const typed = values.expressions ?? '';
        const again = async (fields: Record<string, string> | null, status: number, conflict = false) => {
          const group = await synonyms.find(user, id);
          return reply.page(
            `Groupe « ${group.expressions[0]} »`,
            <SynonymGroupPage group={group} errors={fields} typed={typed} conflict={conflict} />,
            { status, breadcrumbs: groupCrumbs(group.expressions[0]!) },
          );
        };
        if (Object.keys(errors).length) return again(errors, 422);
        try {
          const group = await synonyms.update(user, id, values.version ?? 0, typed);
          return reply
            .flash('success', `Groupe « ${group.expressions[0]} » enregistré.`)
            .redirect(`${SYNONYMS_PATH}/${group.id}`);
        } catch (e) {
          if (e instanceof ValidationError) return again(e.fields ?? {}, 422);
          if (e instanceof ConflictError) return again(null, 409, true);
          throw e;
        }
      },
    );

    app.post(
      `${SYNONYMS_PATH}/:id/supprimer`,
      { schema: { params: IdParams, body: DeleteForm.schema }, config: { access: ACCESS.coordinators, ...limit } },
      async (request, reply) => {
        const user = requireUser(request);
        const { version } = DeleteForm.parse(request.body);
        await synonyms.remove(user, idOf(request.params), version ?? 0);
        return reply.flash('success', 'Le groupe de synonymes est supprimé.').redirect(SYNONYMS_PATH);
      },
    );
  };
}
