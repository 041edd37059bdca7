/**
 * What meetings need from other modules, as plain functions (wired in src/modules/index.ts).
 */
import type { Actor } from '../../platform/auth/authorize.ts';

export interface GroupRef {
  id: number;
  name: string;
  parentId: number | null;
  visibility: 'public' | 'members';
  path: string;
}

export interface GroupMember {
  userId: number;
  name: string;
  email: string;
  organisationName: string | null;
  role: 'lead' | 'member';
  function: string | null;
}

export interface PersonRef {
  id: number;
  name: string;
  email: string;
  disabled?: boolean;
}

export interface MeetingsPorts {
  groups: {
    findGroup(id: number): Promise<GroupRef | null>;
    listGroups(): Promise<GroupRef[]>;
    members(groupId: number): Promise<GroupMember[]>;
    groupsOf(userId: number): Promise<{ id: number; name: string; role: 'lead' | 'member' }[]>;
    /** The actor leads the group or coordinates the network. */
    canLead(actor: Actor, groupId: number): Promise<boolean>;
    /** The actor belongs to the group (any role) or coordinates the network. */
    isInside(actor: Actor, groupId: number): Promise<boolean>;
  };
  people: {
    findUsers(ids: number[]): Promise<PersonRef[]>;
  };
}
