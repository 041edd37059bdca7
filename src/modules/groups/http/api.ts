/**
 * Working groups in the JSON API: the list (a flat list with each group's parent) and one group with its members'
 * names, bodies, roles and functions (never their e-mail addresses) and what it follows. Visitors get public groups
 * only; a members-only group is answered 404 to those outside it.
 */
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { ACCESS } from '../../../platform/http/access.ts';
import { ApiErrorSchema } from '../../../platform/http/catalogue-api.ts';
import { HttpError } from '../../../platform/http/errors.ts';
import { IdParams, idOf } from '../../../platform/http/schemas.ts';
import { groupPath } from '../model.ts';
import type { GroupsServices } from '../services/index.ts';

const tags = ['groups'];
const Nullable = (s: ReturnType<typeof Type.String | typeof Type.Integer>) => Type.Union([s, Type.Null()]);

const GroupSummarySchema = Type.Object({
  id: Type.Integer(),
  url: Type.String({ description: 'Adresse de la page du groupe' }),
  name: Type.String(),
  purpose: Type.String(),
  parent_id: Nullable(Type.Integer()),
  visibility: Type.String({ description: '« public » ou « members » (page réservée aux membres)' }),
  members_count: Type.Integer(),
});

const GroupSchema = Type.Object({
  ...GroupSummarySchema.properties,
  members: Type.Array(
    Type.Object({
      name: Type.String(),
      organisation: Nullable(Type.String()),
      role: Type.String({ description: '« lead » (pilote) ou « member »' }),
      function: Nullable(Type.String()),
    }),
  ),
  children: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
  followed: Type.Array(
    Type.Object({
      kind: Type.String({ description: 'sheet, campaign, challenge ou initiative' }),
      id: Type.Integer(),
      title: Type.String(),
      url: Type.String(),
    }),
  ),
});

export function apiRoutes({ services }: { services: GroupsServices }): FastifyPluginAsync {
  const { groups, store, follows } = services;
  const abs = (path: string) => (path.startsWith('http') ? path : `${services.baseUrl}${path}`);
  return async (app) => {
    app.get(
      '/api/v1/groups',
      {
        schema: {
          tags,
          summary: 'Les groupes de travail',
          description:
            'Les commissions et groupes de travail que la personne peut voir (sans jeton : les groupes publics), avec leur groupe parent (`parent_id`) pour reconstruire l’arborescence.',
          response: { 200: Type.Object({ items: Type.Array(GroupSummarySchema), total: Type.Integer() }) },
        },
        config: { access: ACCESS.public, rateLimit: { max: 300, timeWindow: '1 minute' } },
      },
      async (request) => {
        const [visible, counts] = await Promise.all([groups.visibleGroups(request.user), store.memberCounts()]);
        const ids = new Set(visible.map((g) => g.id));
        const items = visible.map((g) => ({
          id: g.id,
          url: abs(groupPath(g.id)),
          name: g.name,
          purpose: g.purpose,
          // A parent the reader may not see is not named.
          parent_id: g.parentId !== null && ids.has(g.parentId) ? g.parentId : null,
          visibility: g.visibility,
          members_count: counts.get(g.id) ?? 0,
        }));
        return { items, total: items.length };
      },
    );

    app.get(
      '/api/v1/groups/:id',
      {
        schema: {
          tags,
          summary: 'Un groupe de travail',
          description:
            'Un groupe : son objet, son parent, ses sous-groupes, ses membres (nom, organisme, rôle, fonction ; jamais leur adresse e-mail) et ce qu’il suit. Un groupe réservé à ses membres répond 404 aux autres.',
          params: IdParams,
          response: { 200: GroupSchema, 404: ApiErrorSchema },
        },
        config: { access: ACCESS.public, rateLimit: { max: 300, timeWindow: '1 minute' } },
      },
      async (request) => {
        const groupId = idOf(request.params);
        const visible = await groups.visibleGroups(request.user);
        const g = visible.find((v) => v.id === groupId);
        if (!g) throw new HttpError(404, 'not_found', "Ce groupe de travail n'existe pas.");
        const [members, followed] = await Promise.all([groups.members(groupId), follows.followed(groupId)]);
        const ids = new Set(visible.map((v) => v.id));
        return {
          id: g.id,
          url: abs(groupPath(g.id)),
          name: g.name,
          purpose: g.purpose,
          parent_id: g.parentId !== null && ids.has(g.parentId) ? g.parentId : null,
          visibility: g.visibility,
          members_count: members.length,
          members: members.map((m) => ({
            name: m.name,
            organisation: m.organisationName,
            role: m.role,
            function: m.function,
          })),
          children: visible
            .filter((c) => c.parentId === g.id)
            .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
            .map((c) => ({ id: c.id, name: c.name })),
          followed: followed.map((f) => ({ kind: f.kind, id: f.id, title: f.title, url: abs(f.path) })),
        };
      },
    );
  };
}
