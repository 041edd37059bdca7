import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp } from '../../../test/helpers/app.ts';
import { type AgentFrom, newAgent } from './test-support.ts';

type Role = 'visitor' | 'member' | 'editor' | 'coordinator' | 'admin';
const ROLES: Role[] = ['visitor', 'member', 'editor', 'coordinator', 'admin'];

/** Expected status per role: 'in' = signed-in page (302 to sign-in for visitors, else 200); 'admin' = admins only. */
const ROUTES: {
  method: 'GET' | 'POST';
  path: (targetId: number) => string;
  access: 'in' | 'admin';
  form?: Record<string, string>;
}[] = [
  { method: 'GET', path: () => '/compte', access: 'in' },
  { method: 'GET', path: () => '/compte/supprimer', access: 'in' },
  { method: 'GET', path: () => '/compte/donnees.json', access: 'in' },
  { method: 'GET', path: () => '/admin', access: 'admin' },
  { method: 'GET', path: () => '/admin/utilisateurs', access: 'admin' },
  { method: 'GET', path: () => '/admin/utilisateurs?q=cible', access: 'admin' },
  { method: 'GET', path: (id) => `/admin/utilisateurs/${id}`, access: 'admin' },
  { method: 'GET', path: () => '/admin/journal', access: 'admin' },
  { method: 'GET', path: () => '/admin/courriels', access: 'admin' },
  { method: 'POST', path: (id) => `/admin/utilisateurs/${id}/role`, access: 'admin', form: { role: 'user' } },
  { method: 'POST', path: (id) => `/admin/utilisateurs/${id}/reactiver`, access: 'admin' },
];

function expected(access: 'in' | 'admin', method: 'GET' | 'POST', role: Role): number {
  if (role === 'visitor') return method === 'GET' ? 302 : 401;
  if (access === 'admin' && role !== 'admin') return 403;
  return method === 'GET' ? 200 : 303;
}

describeEachApp('Accounts: routes × roles matrix', (app) => {
  const agents = new Map<Role, AgentFrom>();
  let targetId = 0;

  before(async () => {
    const orgId = await app().createOrganisation({ name: 'Commune de la Matrice' });
    targetId = (await app().createUser({ email: 'cible@matrice.fr' })).id;
    const users: Record<Exclude<Role, 'visitor'>, Parameters<ReturnType<typeof app>['createUser']>[0]> = {
      member: { email: 'membre@matrice.fr', memberships: [{ organisationId: orgId, role: 'member' }] },
      editor: { email: 'editeur@matrice.fr', memberships: [{ organisationId: orgId, role: 'editor' }] },
      coordinator: { email: 'coordination@matrice.fr', role: 'coordinator' },
      admin: { email: 'admin@matrice.fr', role: 'admin' },
    };
    const visitor = newAgent(app());
    await visitor.get('/');
    agents.set('visitor', visitor);
    for (const [role, input] of Object.entries(users)) {
      await app().createUser(input);
      const agent = newAgent(app());
      await agent.signInAs(input.email);
      agents.set(role as Role, agent);
    }
  });

  for (const route of ROUTES) {
    test(`${route.method} ${route.path(0).replace('/0', '/:id')}`, async () => {
      const seen: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const role of ROLES) {
        const agent = agents.get(role)!;
        const url = route.path(targetId);
        const res = route.method === 'GET' ? await agent.get(url) : await agent.post(url, route.form ?? {});
        seen[role] = res.statusCode;
        want[role] = expected(route.access, route.method, role);
        if (res.statusCode === 302) assert.match(String(res.headers.location), /^\/connexion\?retour=/);
        if (res.statusCode === 403) assert.match(res.body, /Accès refusé/);
      }
      assert.deepEqual(seen, want);
    });
  }
});
