// The groups api other modules use (meetings first), on both databases: a group is found with its path and
// visibility, the list holds every group, a person's role and groups are read, members come leads first with their
// body and function, and `canLead` / `isInside` / `canRead` follow the group's rules (coordinators lead every group).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachApp } from '../../../test/helpers/app.ts';
import type { CurrentUser } from '../../platform/auth/user.ts';
import type { GroupsApi } from './index.ts';

describeEachApp('groups: the api for other modules', (app) => {
  let api: GroupsApi;
  let commission: number;
  let aiGroup: number;
  let lead: { id: number; email: string };
  let member: { id: number; email: string };
  let outsider: { id: number; email: string };
  let coordinator: CurrentUser;
  let orgA: number;

  const actor = (u: { id: number; email: string }, role: CurrentUser['role'] = 'user'): CurrentUser => ({
    id: u.id,
    email: u.email,
    name: u.email,
    role,
    memberships: [],
  });

  before(async () => {
    api = app().server.modules.services.groups as GroupsApi;
    orgA = await app().createOrganisation({ name: 'Ville des Sources', type: 'commune', siren: '213502388' });
    const c = await app().createUser({ email: 'coord@reseau.fr', role: 'coordinator' });
    coordinator = actor(c, 'coordinator');
    lead = await app().createUser({
      email: 'elue@sources.fr',
      memberships: [{ organisationId: orgA, role: 'editor' }],
    });
    member = await app().createUser({
      email: 'agent@sources.fr',
      memberships: [{ organisationId: orgA, role: 'member' }],
    });
    outsider = await app().createUser({ email: 'autre@ailleurs.fr' });
    commission = await api.createGroup(coordinator, { name: 'Numérique et innovation', purpose: 'La commission.' });
    aiGroup = await api.createGroup(coordinator, {
      name: 'Intelligence artificielle',
      parentId: commission,
      visibility: 'members',
    });
    await api.addMember(coordinator, aiGroup, { email: lead.email, role: 'lead', function: 'Vice-présidente' });
    await api.addMember(actor(lead), aiGroup, { email: member.email, role: 'member' });
  });

  test('findGroup gives the group with its parent, visibility and path; an unknown id gives null', async () => {
    assert.deepEqual(await api.findGroup(aiGroup), {
      id: aiGroup,
      name: 'Intelligence artificielle',
      parentId: commission,
      visibility: 'members',
      path: `/groupes/${aiGroup}`,
    });
    assert.equal(await api.findGroup(999999), null);
    assert.deepEqual(
      (await api.listGroups()).map((g) => g.name),
      ['Intelligence artificielle', 'Numérique et innovation'],
    );
  });

  test('roleOf, groupsOf and members: leads first, with their body and function', async () => {
    assert.equal(await api.roleOf(lead.id, aiGroup), 'lead');
    assert.equal(await api.roleOf(member.id, aiGroup), 'member');
    assert.equal(await api.roleOf(outsider.id, aiGroup), null);
    assert.deepEqual(await api.groupsOf(member.id), [
      { id: aiGroup, name: 'Intelligence artificielle', role: 'member' },
    ]);
    assert.deepEqual(await api.members(aiGroup), [
      {
        userId: lead.id,
        name: 'elue',
        email: 'elue@sources.fr',
        organisationName: 'Ville des Sources',
        role: 'lead',
        function: 'Vice-présidente',
      },
      {
        userId: member.id,
        name: 'agent',
        email: 'agent@sources.fr',
        organisationName: 'Ville des Sources',
        role: 'member',
        function: null,
      },
    ]);
  });

  test('canLead, isInside and canRead follow the rules of the group', async () => {
    assert.equal(await api.canLead(actor(lead), aiGroup), true);
    assert.equal(await api.canLead(actor(member), aiGroup), false);
    assert.equal(await api.canLead(coordinator, aiGroup), true);
    assert.equal(await api.canLead(null, aiGroup), false);
    assert.equal(await api.isInside(actor(member), aiGroup), true);
    assert.equal(await api.isInside(actor(outsider), aiGroup), false);
    assert.equal(await api.canRead(null, aiGroup), false, 'members-only group');
    assert.equal(await api.canRead(actor(outsider), aiGroup), false);
    assert.equal(await api.canRead(actor(member), aiGroup), true);
    assert.equal(await api.canRead(null, commission), true, 'public group');
  });
});
