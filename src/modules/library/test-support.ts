/**
 * Test support for the library's service and HTTP tests (imported by *.test.ts only): the server's library services,
 * people as the services see them, a complete use case written, submitted and published, and error assertions.
 */
import assert from 'node:assert/strict';
import type { TestApp } from '../../../test/helpers/app.ts';
import type { CurrentUser } from '../../platform/auth/user.ts';
import type { Db } from '../../platform/db/database.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { type AccessLevel, canRead, FIELDS } from './fields.ts';
import { filledContent } from './fixtures.ts';
import type { ImportRecord, UseCaseContent } from './model.ts';
import { type LibraryServices, libraryServicesOf } from './services/index.ts';

/** The library services of the test server (the instance behind its routes). */
export const libraryOf = (app: TestApp): LibraryServices => libraryServicesOf(app.server.platform);

/** A person as the services see them (memberships active). */
export function userOf(
  id: number,
  email: string,
  role: CurrentUser['role'],
  organisations: number[] = [],
  membershipRole: 'member' | 'editor' = 'member',
): CurrentUser {
  return {
    id,
    email,
    name: email,
    role,
    memberships: organisations.map((organisationId) => ({ organisationId, role: membershipRole })),
  };
}

/** Creates a person with the factory and returns them as the services see them. */
export async function person(
  app: TestApp,
  email: string,
  role: CurrentUser['role'] = 'user',
  organisations: number[] = [],
  membershipRole: 'member' | 'editor' = 'member',
): Promise<CurrentUser> {
  const u = await app.createUser({
    email,
    role,
    memberships: organisations.map((organisationId) => ({ organisationId, role: membershipRole })),
  });
  return userOf(u.id, u.email, role, organisations, membershipRole);
}

/** Awaits an HttpError of `status` (and a message or field matching `pattern`); returns it. */
export async function rejects(promise: Promise<unknown>, status: number, pattern?: RegExp): Promise<HttpError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof HttpError, `HttpError attendue, reçu ${e}`);
    assert.equal(e.status, status, e.message);
    if (pattern) assert.match(`${e.message} ${JSON.stringify(e.fields ?? {})}`, pattern);
    return e;
  }
  assert.fail(`une erreur ${status} était attendue`);
}

/** Every form field of a complete use case (values carry `marker`), with overrides. */
export function completePatch(marker: string, overrides: Partial<UseCaseContent> = {}): Partial<UseCaseContent> {
  const content = { ...filledContent(marker), ...overrides } as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const f of FIELDS) if (f.step) patch[f.key] = content[f.key];
  return patch as Partial<UseCaseContent>;
}

/**
 * A complete use case written by `writer` for their (first) authority, submitted and published by `reviewer`: its id,
 * path and version.
 */
export async function publishUseCase(
  library: LibraryServices,
  writer: CurrentUser,
  reviewer: CurrentUser,
  title: string,
  options: { marker?: string; content?: Partial<UseCaseContent> } = {},
): Promise<{ id: number; path: string; version: number }> {
  const row = await library.writing.create(writer, writer.memberships[0]!.organisationId, { title });
  const patch = completePatch(options.marker ?? 't3', {
    title,
    projectStatus: 'experimentation',
    abandonReason: null,
    ...options.content,
  });
  const saved = await library.writing.save(writer, row.id, row.version, patch);
  const submitted = await library.workflow.act(writer, row.id, 'submit', { version: saved.version });
  const published = await library.workflow.act(reviewer, row.id, 'publish', { version: submitted.version });
  return { id: row.id, path: `/bibliotheque/${row.id}-${row.slug}`, version: published.version };
}

/** The query of the whole library (or of a text). */
export const everything = (q = '') => ({ q, filters: {}, sort: null, page: 1, perPage: 20 });

/** The body of a foreign PSTW row: created by the organisations module with its country, found by the library. */
export async function assertForeignBody(app: () => TestApp, records: readonly ImportRecord[]) {
  const library = libraryOf(app());
  const foreign = records.find((r) => r.organisation.foreign && !r.organisation.siren)!;
  const found = await app()
    .server.platform.db.selectFrom('use_cases')
    .select('id')
    .where('external_key', '=', foreign.externalKey)
    .executeTakeFirstOrThrow();
  const useCase = await library.reading.findUseCase(found.id);
  const organisations = app().server.modules.api('organisations') as {
    findByIds(ids: number[]): Promise<{ id: number; country: string; source: string }[]>;
  };
  const [body] = await organisations.findByIds([useCase!.organisationId]);
  assert.ok(body, `organisme importé « ${foreign.organisation.name} »`);
  assert.equal(body.country, foreign.organisation.country);
  assert.equal(body.source, 'import');
  const listed = await library.search.query(null, {
    ...everything(),
    filters: { organisation: [String(body.id)] },
  });
  assert.ok(listed.items.some((i) => i.useCase.organisation.name === foreign.organisation.name));
}

/** What restricted values look like in the fixture content: « r9:<field> », e-mail and web addresses with « r9 ». */
export function assertNoRestricted(text: string, where: string, granted: AccessLevel = 'public') {
  for (const f of FIELDS) {
    if (canRead(granted, f.access)) continue;
    assert.ok(!text.includes(`r9:${f.key}`), `${where} : le champ ${f.key} (${f.access}) est visible`);
    if (f.type === 'email') assert.ok(!text.includes(`${f.key.toLowerCase()}.r9@`), `${where} : ${f.key}`);
    if (f.type === 'url') assert.ok(!text.includes(`/r9/${f.key}`), `${where} : ${f.key}`);
  }
}

/**
 * The readers of the HTTP tests around one authority (« Ville de Lumière », Rhône): its « responsable » and a
 * coordinator (as services see them and as signed-in browsers), a member of another authority, a visitor; and a
 * complete use case of the authority (every field filled with « r9 » values), published.
 */
export async function readersWorld(app: TestApp) {
  const orgId = await app.createOrganisation({
    name: 'Ville de Lumière',
    type: 'commune',
    departementCode: '69',
    regionCode: '84',
  });
  const other = await app.createOrganisation({ name: 'Ville Voisine', type: 'commune' });
  const writer = await person(app, 'redactrice@lumiere.fr', 'user', [orgId], 'editor');
  const reviewer = await person(app, 'coordination@reseau.fr', 'coordinator');
  const member = app.agent();
  await member.signInAs(writer.email);
  const coordinator = app.agent();
  await coordinator.signInAs(reviewer.email);
  const outsider = await app.signedIn({
    email: 'agent@voisine.fr',
    memberships: [{ organisationId: other, role: 'member' }],
  });
  const published = await publishUseCase(
    libraryOf(app),
    writer,
    reviewer,
    'Prévision de la fréquentation des cantines',
    {
      marker: 'r9',
      content: {
        description: 'Chaque jour, le nombre de repas à préparer est prévu pour réduire le gaspillage alimentaire.',
        projectStatus: 'deployment',
      },
    },
  );
  return { orgId, writer, reviewer, member, coordinator, outsider, anonymous: app.agent(), published };
}

/** An authority written straight into `organisations` (store tests, which run without the modules): its id. */
export async function storeTestOrganisation(db: Db, code: string, name = 'Commune d’essai'): Promise<number> {
  const at = new Date().toISOString();
  const row = await db
    .insertInto('organisations')
    .values({ code, name, type: 'commune', created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
