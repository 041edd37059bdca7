/**
 * Organisation questions (« Collectivité »): the answer is an authority's id, as text. The engine knows no
 * authorities: it reads the answer through an `OrganisationLookup` (the consumer wires the organisations module's
 * api to it, see ports.ts), passed as an argument.
 */
import { MESSAGES } from './answers.ts';
import type { AnswerValue, Question } from './model.ts';
import type { OrganisationOption } from './views/questions.tsx';

/** How the engine finds authorities (implemented over the organisations module's api by the consumer). */
export interface OrganisationLookup {
  /** The authorities with these ids (unknown ids left out). */
  byIds(ids: number[]): Promise<OrganisationOption[]>;
  /** Up to `limit` authorities matching a typed text (name, postcode, INSEE code, SIREN), best first. */
  search(query: string, limit: number): Promise<OrganisationOption[]>;
}

export interface OrganisationAnswer {
  value: AnswerValue | undefined;
  /** Several authorities matched the typed text: the person chooses among them. */
  choices?: OrganisationOption[];
  error?: string;
}

const ORGANISATION_ID = /^[1-9][0-9]{0,15}$/;

const last = (v: unknown) =>
  typeof v === 'string' ? v.trim() : Array.isArray(v) ? String(v[v.length - 1] ?? '').trim() : '';

/**
 * Reads an organisation question from a posted form: the picker's hidden id (`<id>`), or the typed text
 * (`<id>.query`) resolved when it names one authority; candidates when it names several.
 */
export async function readOrganisationAnswer(
  q: Question,
  form: Record<string, unknown>,
  lookup: OrganisationLookup,
): Promise<OrganisationAnswer> {
  const id = last(form[q.id]);
  const query = last(form[`${q.id}.query`]);
  if (ORGANISATION_ID.test(id)) {
    const [org] = await lookup.byIds([Number(id)]);
    if (org) return { value: String(org.id) };
    return { value: undefined, error: MESSAGES.organisation };
  }
  if (!query) return { value: undefined };
  const found = await lookup.search(query, 8);
  if (found.length === 1) return { value: String(found[0]!.id) };
  if (found.length === 0)
    return {
      value: undefined,
      error: `Aucune collectivité ne correspond à « ${query} » : essayez son nom, son code postal ou son SIREN.`,
    };
  return {
    value: undefined,
    choices: found,
    error: `Plusieurs collectivités correspondent à « ${query} » : choisissez la vôtre.`,
  };
}

/** Names of the authorities that organisation answers refer to (id → name), for display. */
export async function organisationNames(
  values: unknown[],
  lookup: OrganisationLookup,
): Promise<Record<string, string>> {
  const ids = [
    ...new Set(values.filter((v): v is string => typeof v === 'string' && ORGANISATION_ID.test(v)).map(Number)),
  ];
  if (!ids.length) return {};
  const orgs = await lookup.byIds(ids);
  return Object.fromEntries(orgs.map((o) => [String(o.id), o.name]));
}
