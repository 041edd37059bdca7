/**
 * The tables of working groups (migration 0026_groups.ts), merged into the application's `DB` interface. Column
 * names are the real SQL names; store.ts maps rows to camelCase records with one mapper per table.
 */
import type { Defaulted, Id } from '../../platform/db/database.ts';

export interface WorkGroupsTable {
  id: Id;
  name: string;
  purpose: Defaulted<string>;
  parent_id: number | null;
  /** public | members */
  visibility: Defaulted<string>;
  version: Defaulted<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface GroupMembersTable {
  group_id: number;
  user_id: number;
  /** lead | member */
  role: string;
  organisation_id: number | null;
  function: string | null;
  added_by: number | null;
  created_at: string;
}

export interface GroupJoinRequestsTable {
  id: Id;
  group_id: number;
  user_id: number;
  message: Defaulted<string>;
  /** pending | accepted | refused */
  status: string;
  decided_by: number | null;
  decided_at: string | null;
  created_at: string;
}

export interface GroupFollowsTable {
  group_id: number;
  /** sheet | campaign | challenge | initiative */
  kind: string;
  item_id: number;
  created_by: number | null;
  created_at: string;
}

declare module '../../platform/db/database.ts' {
  interface DB {
    work_groups: WorkGroupsTable;
    group_members: GroupMembersTable;
    group_join_requests: GroupJoinRequestsTable;
    group_follows: GroupFollowsTable;
  }
}
