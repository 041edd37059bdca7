/** TypeBox schemas shared by the questionnaires routes (besides the platform's IdParams, LooseForm, LooseQuery). */
import { Type } from 'typebox';

/** A positive integer id in the path. */
export const idPart = () => Type.String({ pattern: '^[1-9][0-9]{0,15}$' });
/** A secret link's token (checked by the service, which explains an unknown link). */
export const tokenPart = () => Type.String({ minLength: 1, maxLength: 200 });
/** A page or element id of a questionnaire. */
export const elementPart = () => Type.String({ minLength: 1, maxLength: 120 });
/** A file's random id. */
export const filePart = () => Type.String({ minLength: 1, maxLength: 100 });

/** A text sent once or several times (the one form reader keeps the last: `textOf`). */
export const Text = () => Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())]));

export { MultipartForm } from '../../../platform/http/schemas.ts';

export const QuestionnairePageParams = Type.Object({ id: idPart(), pageId: elementPart() });
export const ElementParams = Type.Object({ id: idPart(), elementId: elementPart() });
export const SectionParams = Type.Object({ id: idPart(), sectionId: elementPart() });
export const InvitationParams = Type.Object({ id: idPart(), invitationId: idPart() });
export const FileIdParams = Type.Object({ fileId: filePart() });

/** Filters of a results page (`?type=…&region=…`, or `?reseau=<id>` alone). */
export const ResultsQuery = Type.Object({
  type: Text(),
  region: Text(),
  reseau: Type.Optional(
    Type.Union([Type.String(), Type.Array(Type.String())], {
      description:
        'Identifiant d’un réseau de collectivités (France urbaine, Les Interconnectés…) : les résultats de ses membres, ' +
        'sans filtre de type ni de région ; non publiés sous le seuil de répondants ou si une différence avec un ' +
        'ensemble publié désignait un petit groupe.',
    }),
  ),
});

/** The filter a results query asks for (`reseau`: a network id; anything else names no network: 404). */
export function resultsFilterOf(query: Record<string, unknown>): {
  organisationType?: string;
  regionCode?: string;
  network?: number;
} {
  const one = (v: unknown) => (Array.isArray(v) ? String(v[v.length - 1] ?? '') : typeof v === 'string' ? v : '');
  const network = one(query.reseau).trim();
  return {
    organisationType: one(query.type).trim() || undefined,
    regionCode: one(query.region).trim() || undefined,
    network: network ? (/^[1-9][0-9]{0,9}$/.test(network) ? Number(network) : 0) : undefined,
  };
}
