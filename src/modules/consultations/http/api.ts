/**
 * Consultations in the JSON API: the list, and one consultation with its questions, its published synthesis and its
 * results under the small-number rule (nothing under the minimum; free texts only where the question allows it).
 */
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { ACCESS } from '../../../platform/http/access.ts';
import { ApiErrorSchema } from '../../../platform/http/catalogue-api.ts';
import { IdParams, idOf } from '../../../platform/http/schemas.ts';
import { allQuestions, questionsJson } from '../../forms/index.ts';
import type { ConsultationResults } from '../model.ts';
import type { ConsultationView } from '../services/consultations.ts';
import type { ConsultationsServices } from '../services/index.ts';

const tags = ['consultations'];
const Nullable = (s: ReturnType<typeof Type.String>) => Type.Union([s, Type.Null()]);

const ConsultationSummarySchema = Type.Object({
  id: Type.Integer(),
  url: Type.String({ description: 'Adresse de la page de la consultation' }),
  title: Type.String(),
  state: Type.String({ description: 'scheduled (à venir), open (ouverte) ou closed (close)' }),
  mode: Type.String({ description: 'anonymous (sans compte) ou signed_in (avec un compte)' }),
  opens_at: Type.String(),
  closes_at: Type.String(),
  organisation: Type.Object({ id: Type.Integer(), name: Type.String() }),
  use_case: Nullable(Type.String({ description: 'Adresse de la fiche du projet' })),
  answers: Type.Integer({ description: 'Nombre de réponses reçues' }),
  synthesis_published: Type.Boolean(),
});

const ConsultationSchema = Type.Object({
  ...ConsultationSummarySchema.properties,
  introduction: Type.String(),
  plain_summary: Nullable(Type.String()),
  questions: Type.Array(Type.Unknown(), { description: 'Les questions (format du moteur de formulaires)' }),
  synthesis: Nullable(Type.String()),
  changes: Nullable(Type.String({ description: 'Ce que la consultation a changé' })),
  synthesis_published_at: Nullable(Type.String()),
  results: Type.Union([
    Type.Null(),
    Type.Object({
      min_cell: Type.Integer(),
      withheld: Type.Boolean({ description: 'Vrai quand il y a moins de réponses que le minimum publié' }),
      questions: Type.Array(Type.Unknown()),
    }),
  ]),
});

function summaryJson(v: ConsultationView, baseUrl: string) {
  const c = v.consultation;
  return {
    id: c.id,
    url: `${baseUrl}/consultations/${c.id}`,
    title: c.title,
    state: v.state,
    mode: c.mode,
    opens_at: c.opensAt,
    closes_at: c.closesAt,
    organisation: { id: c.organisationId, name: v.organisationName },
    use_case: v.sheet ? `${baseUrl}${v.sheet.path}` : null,
    answers: v.answers,
    synthesis_published: c.synthesisPublishedAt !== null,
  };
}

/** Results as JSON: per question, its kind and figures (texts only where published). */
function resultsJson(r: ConsultationResults | null) {
  if (!r) return null;
  return {
    min_cell: r.minCell,
    withheld: r.withheld,
    questions: (r.results?.questions ?? []).map(({ question, ...figures }) => ({
      id: question.id,
      label: question.label,
      ...figures,
    })),
  };
}

export function apiRoutes({ services }: { services: ConsultationsServices }): FastifyPluginAsync {
  const { consultations, baseUrl } = services;
  return async (app) => {
    app.get(
      '/api/v1/consultations',
      {
        schema: {
          tags,
          summary: 'Les consultations',
          description: 'Toutes les consultations (à venir, ouvertes, closes), la plus récente ouverture en premier.',
          response: { 200: Type.Object({ items: Type.Array(ConsultationSummarySchema), total: Type.Integer() }) },
        },
        config: { access: ACCESS.public, rateLimit: { max: 300, timeWindow: '1 minute' } },
      },
      async (request) => {
        const items = await consultations.list(request.user);
        return { items: items.map((v) => summaryJson(v, baseUrl)), total: items.length };
      },
    );

    app.get(
      '/api/v1/consultations/:id',
      {
        schema: {
          tags,
          summary: 'Une consultation',
          description:
            'Une consultation : ses questions, l’explication du projet, et une fois close sa synthèse publiée et ses résultats. Aucun résultat n’est publié sous le nombre minimum de réponses ; les réponses écrites ne le sont que pour les questions qui le prévoient.',
          params: IdParams,
          response: { 200: ConsultationSchema, 404: ApiErrorSchema },
        },
        config: { access: ACCESS.public, rateLimit: { max: 300, timeWindow: '1 minute' } },
      },
      async (request) => {
        const id = idOf(request.params);
        const v = await consultations.get(request.user, id);
        const c = v.consultation;
        const results = v.state === 'closed' ? await consultations.results(null, id) : null;
        const published = c.synthesisPublishedAt !== null;
        return {
          ...summaryJson(v, baseUrl),
          introduction: c.introduction,
          plain_summary: v.sheet?.plainSummary ?? null,
          questions: questionsJson(allQuestions(c.form)),
          synthesis: published ? c.synthesis : null,
          changes: published ? c.changes : null,
          synthesis_published_at: c.synthesisPublishedAt,
          results: resultsJson(results),
        };
      },
    );
  };
}
