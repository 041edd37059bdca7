/**
 * TypeBox schemas of the native form format (HTTP validation and the OpenAPI document). The semantic rules
 * (unique ids, conditions on earlier questions, codes…) are in model.ts `validateForm`; a test checks that
 * both agree on the catalogue questionnaires (forms/model.test.ts). Kept apart from model.ts so that the browser bundle stays small.
 */
import Type, { type TSchema } from 'typebox';
import {
  CODE_PATTERN,
  CONDITION_OPS,
  ID_PATTERN,
  LIBRARY_FIELD_PATTERN,
  MAX_FILE_SIZE_LIMIT,
  MIME_PATTERN,
} from './model.ts';

const strict = { additionalProperties: false } as const;
const IdSchema = Type.String({ pattern: ID_PATTERN.source, maxLength: 60 });
const ChoiceSchema = Type.Object(
  { code: Type.String({ pattern: CODE_PATTERN.source, maxLength: 60 }), label: Type.String({ minLength: 1 }) },
  strict,
);

export const ConditionSchema = Type.Cyclic(
  {
    Condition: Type.Union([
      Type.Object({ all: Type.Array(Type.Ref('Condition'), { minItems: 1 }) }, strict),
      Type.Object({ any: Type.Array(Type.Ref('Condition'), { minItems: 1 }) }, strict),
      Type.Object(
        {
          question: IdSchema,
          op: Type.Union(CONDITION_OPS.map((op) => Type.Literal(op))),
          value: Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
        },
        strict,
      ),
    ]),
  },
  'Condition',
);

export const ValidationSchema = Type.Object(
  {
    minLength: Type.Optional(Type.Integer({ minimum: 0 })),
    maxLength: Type.Optional(Type.Integer({ minimum: 1 })),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    pattern: Type.Optional(Type.String({ minLength: 1 })),
    patternMessage: Type.Optional(Type.String({ minLength: 1 })),
  },
  strict,
);

/**
 * The schemas of a form, pages and elements, with the given schema for display conditions: the exact,
 * recursive one for validation; a plain described object for serialising API responses (fast-json-stringify does
 * not take the recursive definition) and the OpenAPI document.
 */
function build(condition: TSchema) {
  const questionBase = {
    id: IdSchema,
    visibleIf: Type.Optional(condition),
    section: Type.Optional(IdSchema),
    label: Type.String({ minLength: 1 }),
    hint: Type.Optional(Type.String()),
    required: Type.Optional(Type.Boolean()),
    validation: Type.Optional(ValidationSchema),
    restricted: Type.Optional(Type.Boolean()),
    publicText: Type.Optional(Type.Boolean()),
    libraryField: Type.Optional(Type.String({ pattern: LIBRARY_FIELD_PATTERN.source })),
  };
  const choiceFields = {
    choices: Type.Array(ChoiceSchema, { minItems: 1 }),
    allowOther: Type.Optional(Type.Boolean()),
    otherLabel: Type.Optional(Type.String({ minLength: 1 })),
  };

  const InfoBlockSchema = Type.Object(
    {
      id: IdSchema,
      visibleIf: Type.Optional(condition),
      section: Type.Optional(IdSchema),
      type: Type.Literal('info'),
      title: Type.Optional(Type.String()),
      paragraphs: Type.Array(Type.String({ minLength: 1 })),
    },
    strict,
  );

  const QuestionSchema = Type.Union([
    Type.Object(
      {
        ...questionBase,
        type: Type.Union([
          Type.Literal('short_text'),
          Type.Literal('long_text'),
          Type.Literal('email'),
          Type.Literal('url'),
          Type.Literal('number'),
          Type.Literal('yes_no'),
          Type.Literal('organisation'),
        ]),
      },
      strict,
    ),
    Type.Object(
      {
        ...questionBase,
        type: Type.Literal('date'),
        precision: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('month')])),
      },
      strict,
    ),
    Type.Object(
      { ...questionBase, ...choiceFields, type: Type.Union([Type.Literal('single_choice'), Type.Literal('dropdown')]) },
      strict,
    ),
    Type.Object(
      {
        ...questionBase,
        ...choiceFields,
        type: Type.Literal('multiple_choice'),
        minChoices: Type.Optional(Type.Integer({ minimum: 0 })),
        maxChoices: Type.Optional(Type.Integer({ minimum: 1 })),
      },
      strict,
    ),
    Type.Object(
      {
        ...questionBase,
        type: Type.Literal('scale'),
        max: Type.Union([Type.Literal(5), Type.Literal(10)]),
        minLabel: Type.Optional(Type.String()),
        maxLabel: Type.Optional(Type.String()),
      },
      strict,
    ),
    Type.Object(
      {
        ...questionBase,
        type: Type.Literal('matrix'),
        rows: Type.Array(ChoiceSchema, { minItems: 1 }),
        columns: Type.Array(ChoiceSchema, { minItems: 1 }),
        allRowsRequired: Type.Optional(Type.Boolean()),
      },
      strict,
    ),
    Type.Object(
      { ...questionBase, type: Type.Literal('ranking'), choices: Type.Array(ChoiceSchema, { minItems: 2 }) },
      strict,
    ),
    Type.Object(
      {
        ...questionBase,
        type: Type.Literal('file'),
        maxSizeBytes: Type.Integer({ minimum: 1, maximum: MAX_FILE_SIZE_LIMIT }),
        accept: Type.Array(Type.String({ pattern: MIME_PATTERN.source }), { minItems: 1 }),
      },
      strict,
    ),
  ]);

  const ElementSchema = Type.Union([QuestionSchema, InfoBlockSchema]);

  const SectionSchema = Type.Object(
    {
      id: IdSchema,
      title: Type.Optional(Type.String()),
      description: Type.Optional(Type.String()),
      visibleIf: Type.Optional(condition),
      parent: Type.Optional(IdSchema),
    },
    { ...strict, description: 'Groupe d’éléments consécutifs de la page (titre, présentation, condition commune).' },
  );

  const PageSchema = Type.Object(
    {
      id: IdSchema,
      title: Type.String({ minLength: 1 }),
      description: Type.Optional(Type.String()),
      elements: Type.Array(ElementSchema, { minItems: 1 }),
      sections: Type.Optional(Type.Array(SectionSchema)),
    },
    strict,
  );

  const FormSchema = Type.Object(
    {
      id: Type.Optional(Type.Union([Type.String(), Type.Integer()])),
      version: Type.Optional(Type.Integer({ minimum: 1 })),
      title: Type.String({ minLength: 1, maxLength: 200 }),
      description: Type.Optional(Type.String()),
      language: Type.Literal('fr'),
      pages: Type.Array(PageSchema, { minItems: 1 }),
    },
    strict,
  );

  return { InfoBlockSchema, QuestionSchema, ElementSchema, PageSchema, FormSchema };
}

const exact = build(ConditionSchema);
export const { InfoBlockSchema, QuestionSchema, ElementSchema, PageSchema, FormSchema } = exact;

/** A display condition as the API documents it (the exact rules are those of ConditionSchema). */
export const ConditionDocumentSchema = Type.Unsafe<object>({
  type: 'object',
  description:
    'Condition d’affichage : { "all": [conditions] }, { "any": [conditions] } ou { "question": "id", "op": "equals|differs|contains|not_contains|answered|not_answered|greater|less", "value": … }, imbriquées.',
  additionalProperties: true,
});

/** The native format as API responses carry it (documented in OpenAPI). */
export const FormDocumentSchema = build(ConditionDocumentSchema).FormSchema;
