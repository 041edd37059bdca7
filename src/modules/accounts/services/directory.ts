/**
 * What the rest of the application may know about people: who is signed in (with their active memberships, read
 * from the organisations module through a port) and the name and address of people other modules deal with.
 * Other modules' services decide who may see these (they authorise their own entry points).
 */
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { UserSummary } from '../model.ts';
import type { AccountsPorts } from '../ports.ts';
import type { AccountsDeps } from './support.ts';

export type DirectoryDeps = Pick<AccountsDeps, 'store'> & { ports: Pick<AccountsPorts, 'activeMembershipsOf'> };

export function createDirectoryService(deps: DirectoryDeps) {
  const { store, ports } = deps;
  return {
    /** The signed-in person of a session: null for an unknown or disabled account. */
    async loadUser(id: number): Promise<CurrentUser | null> {
      const user = await store.findById(id);
      if (!user || user.disabledAt) return null;
      const memberships = await ports.activeMembershipsOf(id);
      return { id: user.id, email: user.email, name: user.name, role: user.role, memberships };
    },

    /** People by id (unknown ids are left out). */
    async findUsers(ids: number[]): Promise<UserSummary[]> {
      const rows = await store.byIds(ids);
      return [...rows.values()].map((u) => ({ id: u.id, email: u.email, name: u.name, disabled: !!u.disabledAt }));
    },

    /** A person by address (any case), or null (working groups add members by address). */
    async findUserByEmail(email: string): Promise<UserSummary | null> {
      const u = await store.findByEmail(email);
      return u ? { id: u.id, email: u.email, name: u.name, disabled: !!u.disabledAt } : null;
    },

    /** Enabled network coordinators (not administrators), by name. */
    async findCoordinators(): Promise<UserSummary[]> {
      const rows = await store.activeWithRole('coordinator');
      return rows.map((u) => ({ id: u.id, email: u.email, name: u.name }));
    },
  };
}
export type DirectoryService = ReturnType<typeof createDirectoryService>;
