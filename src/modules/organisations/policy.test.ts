import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CurrentUser } from '../../platform/auth/user.ts';
import type { Membership } from './model.ts';
import {
  canAddMemberDirectly,
  canChangeMemberRole,
  canCreateOrganisation,
  canDecideMembership,
  canManageMembers,
  canRemoveMembership,
  canRequestMembership,
  canReviewRequests,
} from './policy.ts';

const ORG = 10;
const person = (id: number, role: CurrentUser['role'], memberships: CurrentUser['memberships'] = []): CurrentUser => ({
  id,
  email: `p${id}@exemple.fr`,
  name: '',
  role,
  memberships,
});
const people = {
  visitor: null,
  user: person(1, 'user'),
  member: person(2, 'user', [{ organisationId: ORG, role: 'member' }]),
  editorElsewhere: person(3, 'user', [{ organisationId: 99, role: 'editor' }]),
  editor: person(4, 'user', [{ organisationId: ORG, role: 'editor' }]),
  coordinator: person(5, 'coordinator'),
  admin: person(6, 'admin'),
};
type Who = keyof typeof people;
const request = (userId: number): Membership => ({
  id: 1,
  userId,
  organisationId: ORG,
  role: 'member',
  status: 'pending',
  message: '',
  requestedAt: '2025-01-01T00:00:00.000Z',
  decidedAt: null,
  decidedBy: null,
});

function matrix(rule: (u: CurrentUser | null) => boolean, expected: Record<Who, boolean>) {
  for (const [who, allowed] of Object.entries(expected) as [Who, boolean][]) {
    assert.equal(rule(people[who]), allowed, who);
  }
}

describe('organisations policy', () => {
  it('only administrators create other bodies', () => {
    matrix(canCreateOrganisation, {
      visitor: false,
      user: false,
      member: false,
      editorElsewhere: false,
      editor: false,
      coordinator: false,
      admin: true,
    });
  });

  it('anyone signed in asks to join; editors and coordinators review', () => {
    matrix(canRequestMembership, {
      visitor: false,
      user: true,
      member: true,
      editorElsewhere: true,
      editor: true,
      coordinator: true,
      admin: true,
    });
    matrix(canReviewRequests, {
      visitor: false,
      user: false,
      member: false,
      editorElsewhere: true,
      editor: true,
      coordinator: true,
      admin: true,
    });
  });

  it("an authority's editors and the coordinators manage its members, nobody else", () => {
    matrix((u) => canManageMembers(u, ORG), {
      visitor: false,
      user: false,
      member: false,
      editorElsewhere: false,
      editor: true,
      coordinator: true,
      admin: true,
    });
    matrix((u) => canDecideMembership(u, request(1)), {
      visitor: false,
      user: false,
      member: false,
      editorElsewhere: false,
      editor: true,
      coordinator: true,
      admin: true,
    });
  });

  it('nobody decides their own request except an administrator; editors do not change their own role', () => {
    assert.equal(canDecideMembership(people.coordinator, request(5)), false);
    assert.equal(canDecideMembership(people.admin, request(6)), true);
    const ownActive = { ...request(4), status: 'active' as const, role: 'editor' as const };
    assert.equal(canChangeMemberRole(people.editor, ownActive), false);
    // A coordinator manages every authority's members, their own membership included.
    assert.equal(canChangeMemberRole(people.coordinator, { ...request(5), status: 'active' }), true);
    assert.equal(canChangeMemberRole(people.coordinator, request(1)), true);
  });

  it('a member may leave; removing someone else takes a manager', () => {
    const mine = { ...request(2), status: 'active' as const };
    assert.equal(canRemoveMembership(people.member, mine), true);
    assert.equal(canRemoveMembership(people.user, mine), false);
    assert.equal(canRemoveMembership(people.editor, mine), true);
    assert.equal(canRemoveMembership(people.editorElsewhere, mine), false);
    assert.equal(canRemoveMembership(null, mine), false);
  });

  it('coordinators and administrators add members directly', () => {
    matrix(canAddMemberDirectly, {
      visitor: false,
      user: false,
      member: false,
      editorElsewhere: false,
      editor: false,
      coordinator: true,
      admin: true,
    });
  });
});
