/** Test support for the groups' HTTP tests (imported by *.test.ts only). */
import assert from 'node:assert/strict';
import type { TestAgent } from '../../../test/helpers/app.ts';

export { publishedSheet } from '../../../test/helpers/sheets.ts';

/** Creates a group through the page as `coordinator`; returns its id. */
export async function createGroup(
  coordinator: TestAgent,
  form: { nom: string; objet?: string; parent?: string | number; visibilite?: 'public' | 'members' },
): Promise<number> {
  const sent = await coordinator.post('/groupes/nouveau', {
    nom: form.nom,
    objet: form.objet ?? '',
    parent: form.parent === undefined ? '' : String(form.parent),
    visibilite: form.visibilite ?? 'public',
  });
  assert.equal(sent.statusCode, 302, sent.body.slice(0, 500));
  const m = /^\/groupes\/(\d+)\/membres$/.exec(String(sent.headers.location));
  assert.ok(m, `adresse d’un groupe attendue, reçu ${sent.headers.location}`);
  return Number(m[1]);
}

/** Adds a person by address through the directory page as `lead`; asserts the redirect. */
export async function addMember(
  lead: TestAgent,
  groupId: number,
  email: string,
  role: 'lead' | 'member' = 'member',
  fn = '',
) {
  const sent = await lead.post(`/groupes/${groupId}/membres`, { email, role, function: fn });
  assert.equal(sent.statusCode, 302, sent.body.slice(0, 500));
}
