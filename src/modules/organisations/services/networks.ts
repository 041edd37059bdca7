/**
 * Networks of authorities as data (France urbaine, Les Interconnectés, Intercommunalités de France…): their
 * member authorities and their coordinators. Anyone sees the networks and their members (public bodies); the site's
 * coordinators and the network's own coordinators add and remove members.
 */
import { authorize, can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { Db } from '../../../platform/db/database.ts';
import { notFound, ValidationError } from '../../../platform/http/errors.ts';
import type { Network } from '../model-contacts.ts';
import { explainRefusal } from '../policy.ts';
import type { Person } from '../ports.ts';
import type { NetworkMemberRow } from '../store/networks.ts';
import type { OrganisationsContext } from './context.ts';

const MAX_CACHED_NETWORKS = 50;

const MANAGERS_ONLY = 'Seuls les coordinateurs de ce réseau gèrent ses membres.';

/** The reference networks, in our words (seeded on every site; their member lists are imported). */
export const REFERENCE_NETWORKS: { code: string; name: string; description: string; website: string }[] = [
  {
    code: 'france-urbaine',
    name: 'France urbaine',
    description: 'Association des grandes villes, métropoles, communautés urbaines et d’agglomération.',
    website: 'https://franceurbaine.org',
  },
  {
    code: 'les-interconnectes',
    name: 'Les Interconnectés',
    description: 'Réseau des territoires qui partagent leurs projets numériques et leurs usages de l’IA.',
    website: 'https://www.interconnectes.com',
  },
  {
    code: 'intercommunalites-de-france',
    name: 'Intercommunalités de France',
    description: 'Fédération des communautés et métropoles, qui porte la voix des intercommunalités.',
    website: 'https://www.intercommunalites.fr',
  },
];

export interface NetworkPage {
  network: Network;
  coordinators: Person[];
  members: { total: number; rows: NetworkMemberRow[] };
  canManage: boolean;
  canAppoint: boolean;
}

export function createNetworksService(context: OrganisationsContext) {
  const { db, audit, networks: store, ports } = context;
  /**
   * Member ids by network, valid while the networks' change counter stays at `version`: campaign targeting, the
   * directory's network filter and every view of census results read whole member lists (tens of thousands of ids),
   * which then costs one counter read instead of one list read per network. A made-up network id from a URL must not
   * grow it: past MAX_CACHED_NETWORKS entries, lists are read and not kept.
   */
  let members: { version: number; byNetwork: Map<number, Promise<number[]>> } = { version: -1, byNetwork: new Map() };

  async function memberIds(networkId: number): Promise<number[]> {
    const version = await store.version();
    if (members.version !== version) members = { version, byNetwork: new Map() };
    const cache = members.byNetwork;
    let ids = cache.get(networkId);
    if (!ids) {
      ids = store.memberIds(networkId);
      if (cache.size >= MAX_CACHED_NETWORKS) return ids;
      cache.set(networkId, ids);
      ids.catch(() => cache.delete(networkId));
    }
    return [...(await ids)];
  }

  async function networkOf(id: number): Promise<Network> {
    const network = Number.isSafeInteger(id) && id > 0 ? await store.findById(id) : null;
    if (!network) throw notFound('Ce réseau n’existe pas (ou plus).');
    return network;
  }

  async function requireManager(actor: CurrentUser | null, networkId: number): Promise<void> {
    const coordinatorIds = await store.coordinatorIds(networkId);
    explainRefusal(MANAGERS_ONLY, () => authorize(actor, 'network.manage', { coordinatorIds }));
  }

  return {
    networkOf,

    /** Every network with its number of members, by name. */
    list: () => store.list(),

    /** Ids of a network's member authorities (campaign targeting). */
    memberIds,

    /** The networks an authority belongs to (its page). */
    networksOf: (organisationId: number) => store.networksOf(organisationId),

    /** Which of these authorities belong to the network. */
    membersAmong: (networkId: number, ids: readonly number[]) => store.membersAmong(networkId, ids),

    /** A network's page: its coordinators, a page of its members, what the actor may do. */
    async page(
      actor: CurrentUser | null,
      networkId: number,
      page: { limit: number; offset: number },
    ): Promise<NetworkPage> {
      const network = await networkOf(networkId);
      const coordinatorIds = await store.coordinatorIds(networkId);
      const coordinators = coordinatorIds.length ? await ports.people.findUsers(coordinatorIds) : [];
      return {
        network,
        coordinators,
        members: await store.members(networkId, page),
        canManage: can(actor, 'network.manage', { coordinatorIds }),
        canAppoint: can(actor, 'network.appoint'),
      };
    },

    async addMember(actor: CurrentUser | null, networkId: number, organisationId: number): Promise<boolean> {
      await networkOf(networkId);
      await requireManager(actor, networkId);
      return db.transaction().execute(async (trx) => {
        const added = (await store.addMembers(trx, networkId, [organisationId], 'saisie')) > 0;
        if (added) await recordMembers(trx, actor, networkId, 'network.member_added', [organisationId]);
        return added;
      });
    },

    async removeMember(actor: CurrentUser | null, networkId: number, organisationId: number): Promise<boolean> {
      await networkOf(networkId);
      await requireManager(actor, networkId);
      return db.transaction().execute(async (trx) => {
        const removed = await store.removeMember(trx, networkId, organisationId);
        if (removed) await recordMembers(trx, actor, networkId, 'network.member_removed', [organisationId]);
        return removed;
      });
    },

    /** Names a coordinator of the network among the site's coordinators (site coordinators and administrators). */
    async appoint(actor: CurrentUser | null, networkId: number, userId: number): Promise<void> {
      await networkOf(networkId);
      explainRefusal('Seuls les coordinateurs du site nomment les coordinateurs d’un réseau.', () =>
        authorize(actor, 'network.appoint'),
      );
      const [person] = await ports.people.findUsers([userId]);
      if (!person || person.disabled) throw new ValidationError({ userId: 'Choisissez une personne de la liste.' });
      await db.transaction().execute(async (trx) => {
        await store.addCoordinator(trx, networkId, userId);
        await audit.record(
          {
            actorUserId: actor!.id,
            action: 'network.coordinator_appointed',
            subjectType: 'network',
            subjectId: networkId,
            details: { userId },
          },
          trx,
        );
      });
    },

    async dismiss(actor: CurrentUser | null, networkId: number, userId: number): Promise<void> {
      await networkOf(networkId);
      explainRefusal('Seuls les coordinateurs du site retirent les coordinateurs d’un réseau.', () =>
        authorize(actor, 'network.appoint'),
      );
      await db.transaction().execute(async (trx) => {
        if (!(await store.removeCoordinator(trx, networkId, userId))) return;
        await audit.record(
          {
            actorUserId: actor!.id,
            action: 'network.coordinator_dismissed',
            subjectType: 'network',
            subjectId: networkId,
            details: { userId },
          },
          trx,
        );
      });
    },

    /** People who may be named coordinators of a network: the site's coordinators. */
    candidates: () => ports.people.findCoordinators(),

    /** Checks the actor may manage the network's members (imports). */
    requireManager,

    /** The reference networks (every site): created or renamed by their code. */
    async seedReference(): Promise<number> {
      for (const n of REFERENCE_NETWORKS) await store.upsert(n);
      return REFERENCE_NETWORKS.length;
    },

    /** Personal data: the networks a person coordinates. */
    exportPersonalData: (userId: number) => store.coordinatedBy(userId),
    erasePersonalData: (userId: number, trx: Db) => store.deleteCoordinatorsOfUser(trx, userId),
  };

  async function recordMembers(
    trx: Db,
    actor: CurrentUser | null,
    networkId: number,
    action: string,
    organisationIds: number[],
  ): Promise<void> {
    await audit.record(
      {
        actorUserId: actor?.id ?? null,
        action,
        subjectType: 'network',
        subjectId: networkId,
        details: { organisationIds: organisationIds.slice(0, 100), count: organisationIds.length },
      },
      trx,
    );
  }
}

export type NetworksService = ReturnType<typeof createNetworksService>;
