/** TypeBox schemas of use cases (API validation and OpenAPI), generated from the field catalogue. */
import Type, { type Static } from 'typebox';
import { FIELDS, type FieldDef, type UseCaseContent } from '../fields.ts';
import { referenceListOf } from './content.ts';
import { WORKFLOW_STATES } from './workflow.ts';

/**
 * A nullable JSON Schema written with a type array (`["string", "null"]`, valid in JSON Schema and OpenAPI 3.1):
 * the response serializer handles it directly, where `anyOf` would make it test each branch for every value.
 */
function nullable(
  type: 'string' | 'integer' | 'number',
  options: Record<string, unknown>,
  meta: Record<string, unknown>,
) {
  return Type.Unsafe({ type: [type, 'null'], ...options, ...meta });
}

function fieldSchema(field: FieldDef) {
  const meta = { title: field.label, ...(field.hint ? { description: field.hint } : {}) };
  switch (field.type) {
    case 'text':
    case 'longtext':
      return nullable('string', { maxLength: field.maxLength ?? 20_000 }, meta);
    case 'email':
      return nullable('string', { maxLength: 254 }, meta);
    case 'url':
      return nullable('string', { maxLength: field.maxLength ?? 2000, pattern: '^https?://' }, meta);
    case 'date':
      return nullable('string', { pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, meta);
    case 'partialDate':
      return nullable('string', { pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' }, meta);
    case 'integer':
      return nullable('integer', { minimum: field.min, maximum: field.max }, meta);
    case 'number':
      return nullable('number', { minimum: field.min, maximum: field.max }, meta);
    case 'code':
      return nullable('string', { enum: [...referenceListOf(field).codes, null] }, meta);
    case 'codes':
      return Type.Array(Type.String({ enum: [...referenceListOf(field).codes] }), {
        ...meta,
        uniqueItems: true,
        ...(field.maxItems ? { maxItems: field.maxItems } : {}),
      });
    case 'links':
      return Type.Array(
        Type.Object({
          title: Type.String({ maxLength: 300 }),
          url: Type.String({ maxLength: 2000, pattern: '^https?://' }),
        }),
        { ...meta, maxItems: field.maxItems ?? 20 },
      );
  }
}

function contentSchema(fields: readonly FieldDef[], description: string) {
  const properties: Record<string, any> = {};
  for (const f of fields) properties[f.key] = Type.Optional(fieldSchema(f));
  return Type.Object(properties, { additionalProperties: false, description });
}

/** Content of a use case as the API returns it (fields the caller may not read are absent). */
export const UseCaseContentSchema = Type.Unsafe<Partial<UseCaseContent>>(
  contentSchema(FIELDS, 'Contenu d’une fiche ; les champs que l’appelant ne peut pas lire sont absents.'),
);

/** Content an API client may write (every form field; metadata is set by the platform). */
export const UseCaseContentInputSchema = Type.Unsafe<Partial<UseCaseContent>>(
  contentSchema(
    FIELDS.filter((f) => f.step !== null),
    'Champs à enregistrer ; les champs absents restent inchangés.',
  ),
);

export const OrganisationSummarySchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  slug: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'] })),
  type: Type.Unsafe<string | null>({ type: ['string', 'null'] }),
  siren: Type.Unsafe<string | null>({ type: ['string', 'null'] }),
  siret: Type.Unsafe<string | null>({ type: ['string', 'null'] }),
  country: Type.String(),
  departementCode: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'] })),
  regionCode: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'] })),
  logoUrl: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'] })),
  latitude: Type.Optional(Type.Unsafe<number | null>({ type: ['number', 'null'] })),
  longitude: Type.Optional(Type.Unsafe<number | null>({ type: ['number', 'null'] })),
});

export const PresentedUseCaseSchema = Type.Object(
  {
    id: Type.Integer(),
    slug: Type.String(),
    organisation: OrganisationSummarySchema,
    state: Type.String({ enum: [...WORKFLOW_STATES] }),
    revision: Type.Unsafe<string | null>({
      type: ['string', 'null'],
      enum: ['draft', 'submitted', 'changes_requested', null],
    }),
    version: Type.Integer(),
    access: Type.String({ enum: ['public', 'members', 'editors'] }),
    content: UseCaseContentSchema,
    externalKey: Type.Unsafe<string | null>({ type: ['string', 'null'] }),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    publishedAt: Type.Unsafe<string | null>({ type: ['string', 'null'] }),
    archivedAt: Type.Unsafe<string | null>({ type: ['string', 'null'] }),
    archiveReason: Type.Unsafe<string | null>({ type: ['string', 'null'] }),
  },
  { description: 'Une fiche telle que l’appelant peut la voir.' },
);

/** Body of a write through the API: the content to save and the version it was based on. */
export const UseCaseWriteSchema = Type.Object({
  version: Type.Optional(Type.Integer({ minimum: 0, description: 'Version lue avant modification (conflits).' })),
  content: UseCaseContentInputSchema,
});
export type UseCaseWrite = Static<typeof UseCaseWriteSchema>;
