/**
 * Two campaigns compared: the public page (campaigns with public results, under small-number protection) and the
 * coordinators' page (every launched campaign, all results), each with its CSV export. Chosen with a GET form.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CSV_CONTENT_TYPE, csvDialectOf } from '../../../platform/export/csv.ts';
import { ACCESS } from '../../../platform/http/access.ts';
import { ValidationError } from '../../../platform/http/errors.ts';
import type { ComparisonService } from '../services/comparison.ts';
import { ComparisonPage } from '../views/comparison.tsx';
import { C_CRUMB } from './campaigns.tsx';
import { Text } from './schemas.ts';

const ComparisonQuery = Type.Object({
  a: Text(),
  b: Text(),
  separateur: Type.Optional(Type.String({ description: '« virgule » pour le CSV des programmes' })),
});

const one = (v: unknown) => (Array.isArray(v) ? String(v[v.length - 1] ?? '') : typeof v === 'string' ? v : '').trim();

/** The two campaigns asked for: their texts (kept in the form), their ids, and a French message per wrong one. */
function chosenOf(query: Record<string, unknown>) {
  const chosen = { a: one(query.a), b: one(query.b) };
  const errors: Record<string, string> = {};
  const idOf = (name: 'a' | 'b', label: string) => {
    const v = chosen[name];
    if (!v) return null;
    if (!/^[1-9][0-9]{0,9}$/.test(v)) {
      errors[name] = `Choisissez la ${label} campagne dans la liste.`;
      return null;
    }
    return Number(v);
  };
  const a = idOf('a', 'première');
  const b = idOf('b', 'seconde');
  return { chosen, a, b, errors };
}

export function comparisonRoutes(deps: { comparison: ComparisonService }): FastifyPluginAsync {
  const { comparison } = deps;

  const page = (coordination: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const basePath = coordination ? '/coordination/campagnes/comparer' : '/recensements/comparer';
    const { chosen, a, b, errors } = chosenOf(request.query as Record<string, unknown>);
    const campaigns = await comparison.campaigns(request.user, coordination);
    let model = null;
    let fieldErrors: Record<string, string> | null = Object.values(errors).some(Boolean) ? errors : null;
    // One campaign only (a link from a results page): the form, with it chosen.
    if (!fieldErrors && a !== null && b !== null) {
      try {
        model = await comparison.compare(request.user, a, b, coordination);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        fieldErrors = e.fields ?? { b: e.message };
      }
    }
    if (fieldErrors) reply.code(422);
    return reply.page(
      model ? `Comparaison — ${model.a.campaign.title} et ${model.b.campaign.title}` : 'Comparer deux campagnes',
      <ComparisonPage basePath={basePath} campaigns={campaigns} chosen={chosen} model={model} errors={fieldErrors} />,
      {
        breadcrumbs: coordination
          ? [C_CRUMB, { label: 'Comparer deux campagnes' }]
          : [{ href: '/recensements', label: 'Recensements' }, { label: 'Comparer deux campagnes' }],
      },
    );
  };

  const csv = (coordination: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const query = request.query as Record<string, unknown>;
    const { a, b, errors } = chosenOf(query);
    if (a === null || b === null)
      throw new ValidationError(
        Object.keys(errors).length ? errors : { a: 'Choisissez deux campagnes.' },
        'Choisissez deux campagnes à comparer.',
      );
    const file = await comparison.csv(request.user, a, b, coordination, csvDialectOf(query as { separateur?: string }));
    return reply
      .type(CSV_CONTENT_TYPE)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .send(file.body);
  };

  return async (app) => {
    const schema = { querystring: ComparisonQuery };
    app.get('/recensements/comparer', { schema, config: { access: ACCESS.public } }, page(false));
    app.get('/recensements/comparer.csv', { schema, config: { access: ACCESS.public } }, csv(false));
    app.get('/coordination/campagnes/comparer', { schema, config: { access: ACCESS.coordinators } }, page(true));
    app.get('/coordination/campagnes/comparer.csv', { schema, config: { access: ACCESS.coordinators } }, csv(true));
  };
}
