import type { Kysely } from 'kysely';
import { type CurrentUser, isCoordinator } from '../../platform/auth/user.ts';
import { ConflictError, forbidden, notFound, ValidationError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { geographyVersion, loadGeography } from './geo.ts';
import {
  checkOtherBody,
  type Division,
  formatSiren,
  importedBodyCode,
  JOIN_MESSAGE_MAX,
  type Membership,
  type MembershipRole,
  membershipRoleLabel,
  type Organisation,
  type OrganisationFilter,
  type OrganisationJson,
  type OrganisationType,
  type OtherBodyInput,
  organisationContext,
  organisationTypeLabel,
} from './model.ts';
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
import { createOrganisationsStore, type MembershipWithOrganisation } from './store.ts';

/** What this module needs to know about people (provided by the accounts module at wiring time). */
export interface UserSummary {
  id: number;
  email: string;
  name: string;
  disabled?: boolean;
}
export interface UserDirectory {
  findUsers(ids: number[]): Promise<UserSummary[]>;
  /** Network coordinators (not administrators), who receive join requests for authorities without an editor. */
  findCoordinators(): Promise<UserSummary[]>;
}

export interface DivisionMaps {
  departements: Map<string, string>;
  regions: Map<string, string>;
  list: { departements: Division[]; regions: Division[] };
}

export interface MemberView extends Membership {
  user: UserSummary | null;
}

/** Job type that sends this module's mail (durable: enqueued in the same transaction as the act). */
export const MAIL_JOB = 'organisations.mail';

const GEO_VERSION_SETTING = 'organisations.geography_version';

export function createOrganisationsService(platform: Platform, deps: { users: UserDirectory }) {
  const store = createOrganisationsStore(platform.db, platform.dialect);
  const { db, audit, jobs } = platform;
  const baseUrl = platform.config.baseUrl.replace(/\/$/, '');
  let divisionsCache: DivisionMaps | null = null;

  async function divisions(): Promise<DivisionMaps> {
    if (divisionsCache) return divisionsCache;
    const list = await store.divisions();
    const maps: DivisionMaps = {
      departements: new Map(list.departements.map((d) => [d.code, d.name])),
      regions: new Map(list.regions.map((r) => [r.code, r.name])),
      list,
    };
    // Only cache once the geographic code is loaded (it never changes while the server runs).
    if (list.departements.length) divisionsCache = maps;
    return maps;
  }

  function toJson(org: Organisation, maps: DivisionMaps): OrganisationJson {
    return {
      id: org.id,
      code: org.code,
      name: org.name,
      type: org.type,
      typeLabel: organisationTypeLabel(org.type),
      context: organisationContext(org, maps),
      inseeCode: org.inseeCode,
      siren: org.siren,
      siret: org.siret,
      population: org.population,
      departementCode: org.departementCode,
      regionCode: org.regionCode,
      postcodes: org.postcodes,
      website: org.website,
      country: org.country,
      url: `/collectivites/${org.id}`,
    };
  }

  async function get(id: number): Promise<Organisation> {
    const org = Number.isSafeInteger(id) && id > 0 ? await store.findById(id) : null;
    if (!org) throw notFound("Cette collectivité ou cet organisme n'existe pas (ou plus).");
    return org;
  }

  function mail(to: string | string[], subject: string, text: string, trx: Kysely<any>) {
    return jobs.enqueue(MAIL_JOB, { to, subject, text }, {}, trx);
  }

  /** The membership, which must belong to `organisationId` when given (URLs name both). */
  async function membershipOrThrow(id: number, organisationId?: number): Promise<Membership> {
    const m = Number.isSafeInteger(id) && id > 0 ? await store.findMembership(id) : null;
    if (!m || (organisationId !== undefined && m.organisationId !== organisationId)) {
      throw notFound("Cette demande d'adhésion n'existe pas (ou plus).");
    }
    return m;
  }

  async function withUsers<T extends Membership>(rows: T[]): Promise<(T & { user: UserSummary | null })[]> {
    const users = await deps.users.findUsers([...new Set(rows.map((r) => r.userId))]);
    const byId = new Map(users.map((u) => [u.id, u]));
    return rows.map((r) => ({ ...r, user: byId.get(r.userId) ?? null }));
  }

  const displayName = (u: { name: string; email: string }) => (u.name ? `${u.name} (${u.email})` : u.email);

  /**
   * Loads (or refreshes) the official geographic code into `organisations`: idempotent upsert by code.
   * Returns the number of rows and the time taken.
   */
  async function loadGeo(log: (line: string) => void = () => {}): Promise<{ rows: number; ms: number }> {
    const started = performance.now();
    const rows = await loadGeography();
    await store.upsertGeography(rows);
    await store.setSetting(GEO_VERSION_SETTING, await geographyVersion());
    divisionsCache = null;
    const ms = Math.round(performance.now() - started);
    log(`Code géographique : ${rows.length} collectivités chargées ou mises à jour en ${ms} ms.`);
    return { rows: rows.length, ms };
  }

  return {
    loadGeography: loadGeo,

    /** Loads the geographic code when it is missing or when the package's version changed since last time. */
    async ensureGeography(log: (line: string) => void = () => {}): Promise<boolean> {
      const [version, stored, count] = await Promise.all([
        geographyVersion(),
        store.getSetting(GEO_VERSION_SETTING),
        store.countBySource('cog'),
      ]);
      if (count > 0 && stored === version) return false;
      await loadGeo(log);
      return true;
    },

    divisions,
    toJson,
    get,

    async findByCode(code: string, trx?: Kysely<any>): Promise<Organisation | null> {
      return store.findByCode(code, trx);
    },

    async findByIds(ids: number[]): Promise<Organisation[]> {
      return store.findByIds(ids);
    },

    /**
     * The body of an imported row (library imports): found by its stable code (`importedBodyCode`) or created
     * with source « import », its country, and no SIREN when it has none (foreign bodies). Runs entirely in the
     * caller's transaction. Match by SIREN first with `findBySiren` (outside the transaction).
     */
    async findOrCreateImported(
      org: { name: string; type: OrganisationType | null; siren: string | null; siret: string | null; country: string },
      trx: Kysely<any>,
    ): Promise<{ id: number; created: boolean }> {
      const code = importedBodyCode(org);
      const existing = await store.findByCode(code, trx);
      if (existing) return { id: existing.id, created: false };
      const id = await store.insertImported(
        {
          code,
          name: org.name.trim(),
          type: org.type ?? 'autre',
          siren: org.siren,
          siret: org.siret,
          country: org.country,
        },
        trx,
      );
      return { id, created: true };
    },

    /** E-mail addresses of an authority's active members (any role). */
    async memberEmails(organisationId: number): Promise<string[]> {
      const ids = await store.activeMemberIds(organisationId);
      return ids.length ? (await deps.users.findUsers(ids)).map((u) => u.email) : [];
    },

    /** A person's active memberships, for the signed-in user of each request. */
    activeRolesOfUser: (userId: number) => store.activeRolesOfUser(userId),

    /** E-mail addresses of the active members of several authorities (campaign invitations), by authority. */
    async contactEmails(organisationIds: number[]): Promise<Map<number, string[]>> {
      const byOrg = await store.activeMemberIdsOf(organisationIds);
      const userIds = [...new Set([...byOrg.values()].flat())];
      const users = userIds.length ? await deps.users.findUsers(userIds) : [];
      const emailOf = new Map(users.filter((u) => !u.disabled).map((u) => [u.id, u.email]));
      const out = new Map<number, string[]>();
      for (const [org, ids] of byOrg)
        out.set(
          org,
          ids.map((id) => emailOf.get(id)).filter((e): e is string => !!e),
        );
      return out;
    },

    async findBySiren(siren: string): Promise<Organisation[]> {
      return store.findBySiren(siren);
    },

    /** Organisations having one of these SIRENs, by id (several bodies may share one: look at their SIRET). */
    async findBySirens(sirens: readonly string[]): Promise<Organisation[]> {
      return store.findBySirens(sirens);
    },

    async list(filter: OrganisationFilter, page: { limit: number; offset: number }) {
      return store.search(filter, page);
    },

    async countByType() {
      return store.countByType();
    },

    assertCanCreate(actor: CurrentUser | null): void {
      if (!canCreateOrganisation(actor)) throw forbidden('Seuls les administrateurs peuvent ajouter un organisme.');
    },

    /** Creates another body (administrators). Field errors are French and keyed by form field. */
    async createOther(actor: CurrentUser | null, input: OtherBodyInput): Promise<Organisation> {
      if (!canCreateOrganisation(actor)) throw forbidden('Seuls les administrateurs peuvent ajouter un organisme.');
      const checked = checkOtherBody(input);
      const errors: Record<string, string> = checked.ok ? {} : { ...checked.errors };
      const maps = await divisions();
      const depCode = (input.departementCode ?? '').trim();
      const regCode = (input.regionCode ?? '').trim();
      if (depCode && !maps.departements.has(depCode)) errors.departementCode = 'Choisissez un département de la liste.';
      if (regCode && !maps.regions.has(regCode)) errors.regionCode = 'Choisissez une région de la liste.';
      if (checked.ok && !errors.departementCode && depCode && regCode) {
        const expected = maps.list.departements.find((d) => d.code === depCode)?.regionCode;
        if (expected && expected !== regCode) {
          errors.regionCode = `Le département ${maps.departements.get(depCode)} est en région ${maps.regions.get(expected)}.`;
        }
      }
      if (checked.ok) {
        const same = await store.findBySiren(checked.value.siren);
        if (same.length) {
          const o = same[0]!;
          errors.siren = `Le SIREN ${formatSiren(checked.value.siren)} est déjà celui de « ${o.name} » (${organisationTypeLabel(o.type).toLowerCase()}).`;
        }
      }
      if (!checked.ok || Object.keys(errors).length) throw new ValidationError(errors);
      const body = checked.value;
      if (body.departementCode && !body.regionCode) {
        body.regionCode = maps.list.departements.find((d) => d.code === body.departementCode)?.regionCode ?? null;
      }
      const id = await db.transaction().execute(async (trx) => {
        const newId = await store.insertOther(body, trx);
        await audit.record(
          {
            actorUserId: actor!.id,
            action: 'organisation.created',
            subjectType: 'organisation',
            subjectId: newId,
            details: { name: body.name, type: body.type, siren: body.siren, siret: body.siret },
          },
          trx,
        );
        return newId;
      });
      return get(id);
    },

    // -- memberships ------------------------------------------------------------------------------------------

    /** The signed-in person's memberships and requests, newest first. */
    async membershipsOf(user: CurrentUser): Promise<MembershipWithOrganisation[]> {
      return store.membershipsOfUser(user.id);
    },

    /** A person's authorities and requests, for their account page (accounts module). */
    async authoritiesOf(userId: number) {
      const rows = await store.membershipsOfUser(userId);
      return rows.map((m) => ({
        organisationId: m.organisationId,
        name: m.organisation.name,
        role: m.role,
        status: m.status,
        href: `/collectivites/${m.organisationId}`,
      }));
    },

    /** Personal data held here (RGPD export): the person's memberships and requests with their messages. */
    async personalData(userId: number) {
      const rows = await store.membershipsOfUser(userId);
      return rows.map((m) => ({
        organisation: m.organisation.name,
        role: m.role,
        status: m.status,
        message: m.message,
        requestedAt: m.requestedAt,
        decidedAt: m.decidedAt,
      }));
    },

    async membershipOf(user: CurrentUser | null, organisationId: number): Promise<Membership | null> {
      return user ? store.findMembershipOf(user.id, organisationId) : null;
    },

    async countActiveMembers(organisationId: number): Promise<number> {
      return store.countActiveMembers(organisationId);
    },

    /** Everything an authority's page shows, for this viewer. */
    async page(actor: CurrentUser | null, id: number) {
      const organisation = await get(id);
      const maps = await divisions();
      const canManage = canManageMembers(actor, organisation.id);
      const [memberCount, membership, pendingCount] = await Promise.all([
        store.countActiveMembers(organisation.id),
        actor ? store.findMembershipOf(actor.id, organisation.id) : null,
        canManage ? store.countPending(organisation.id) : 0,
      ]);
      const dep = organisation.departementCode;
      const reg = organisation.regionCode;
      return {
        organisation,
        context: organisationContext(organisation, maps),
        departement: dep && maps.departements.has(dep) ? { code: dep, name: maps.departements.get(dep)! } : null,
        region: reg && maps.regions.has(reg) ? { code: reg, name: maps.regions.get(reg)! } : null,
        memberCount,
        membership,
        canManage,
        pendingCount,
      };
    },

    /**
     * An agent asks to join an authority. The authority's editors (or, when it has none, the network
     * coordinators) are told by email; the request is in the audit log.
     */
    async requestMembership(
      actor: CurrentUser | null,
      organisationId: number,
      messageInput: string,
    ): Promise<{ outcome: 'requested' | 'already_member' | 'already_pending'; membershipId: number }> {
      if (!canRequestMembership(actor)) throw forbidden('Connectez-vous pour demander à rejoindre une collectivité.');
      const org = await get(organisationId);
      const message = (messageInput ?? '').trim();
      if (message.length > JOIN_MESSAGE_MAX) {
        throw new ValidationError({
          message: `Le message doit compter ${JOIN_MESSAGE_MAX} caractères au plus (${message.length} saisis).`,
        });
      }
      const existing = await store.findMembershipOf(actor!.id, org.id);
      if (existing?.status === 'active') return { outcome: 'already_member', membershipId: existing.id };
      if (existing?.status === 'pending') return { outcome: 'already_pending', membershipId: existing.id };

      const editorIds = await store.editorIds(org.id);
      const reviewers = editorIds.length ? await deps.users.findUsers(editorIds) : await deps.users.findCoordinators();
      const id = await db.transaction().execute(async (trx) => {
        let membershipId: number;
        if (existing) {
          if (!(await store.reopenRequest(existing.id, message, trx))) {
            throw new ConflictError('Votre demande vient de changer. Rechargez la page.');
          }
          membershipId = existing.id;
        } else {
          membershipId = await store.insertRequest({ userId: actor!.id, organisationId: org.id, message }, trx);
        }
        await audit.record(
          {
            actorUserId: actor!.id,
            action: 'membership.requested',
            subjectType: 'membership',
            subjectId: membershipId,
            details: { organisationId: org.id, organisation: org.name, userId: actor!.id },
          },
          trx,
        );
        const to = reviewers.map((u) => u.email);
        if (to.length) {
          await mail(
            to,
            `Demande pour rejoindre ${org.name}`,
            [
              'Bonjour,',
              '',
              `${displayName(actor!)} demande à rejoindre « ${org.name} » (${organisationTypeLabel(org.type).toLowerCase()}) sur la Bibliothèque IA des territoires.`,
              ...(message ? ['', 'Son message :', message.replace(/^/gm, '> ')] : []),
              '',
              'Pour accepter ou refuser cette demande :',
              `${baseUrl}/collectivites/${org.id}/membres`,
              '',
              editorIds.length
                ? 'Vous recevez ce message parce que vous êtes responsable de cette collectivité sur la plateforme.'
                : "Vous recevez ce message parce que vous coordonnez le réseau et que cette collectivité n'a pas encore de responsable.",
            ].join('\n'),
            trx,
          );
        }
        return membershipId;
      });
      return { outcome: 'requested', membershipId: id };
    },

    /** The members page: requests and members, for the authority's editors and the coordinators. */
    async members(
      actor: CurrentUser | null,
      organisationId: number,
    ): Promise<{ organisation: Organisation; pending: MemberView[]; active: MemberView[]; refused: MemberView[] }> {
      const org = await get(organisationId);
      if (!canManageMembers(actor, org.id)) {
        throw forbidden(
          'Seuls les responsables de cette collectivité et les coordinateurs du réseau voient ses membres.',
        );
      }
      const rows = await withUsers(await store.membershipsOfOrganisation(org.id));
      return {
        organisation: org,
        pending: rows.filter((r) => r.status === 'pending'),
        active: rows.filter((r) => r.status === 'active'),
        refused: rows.filter((r) => r.status === 'refused'),
      };
    },

    /** Accepts (with a role) or refuses a pending request; the person is told by email. */
    async decide(
      actor: CurrentUser | null,
      membershipId: number,
      decision: 'accept' | 'refuse',
      role: MembershipRole = 'member',
      organisationId?: number,
    ): Promise<Membership> {
      const m = await membershipOrThrow(membershipId, organisationId);
      if (!canDecideMembership(actor, m)) {
        throw forbidden(
          m.userId === actor?.id
            ? 'Vous ne pouvez pas décider de votre propre demande.'
            : "Seuls les responsables de cette collectivité et les coordinateurs du réseau décident des demandes d'adhésion.",
        );
      }
      const org = await get(m.organisationId);
      const [person] = await deps.users.findUsers([m.userId]);
      const status = decision === 'accept' ? 'active' : 'refused';
      await db.transaction().execute(async (trx) => {
        if (!(await store.decide(m.id, { status, role, by: actor!.id }, trx))) {
          const current = await store.findMembership(m.id, trx);
          throw new ConflictError('Cette demande a déjà été traitée (peut-être par une autre personne).', current);
        }
        await audit.record(
          {
            actorUserId: actor!.id,
            action: decision === 'accept' ? 'membership.accepted' : 'membership.refused',
            subjectType: 'membership',
            subjectId: m.id,
            details: { organisationId: org.id, organisation: org.name, userId: m.userId, role },
          },
          trx,
        );
        if (person) {
          await mail(
            person.email,
            decision === 'accept'
              ? `Vous avez rejoint ${org.name}`
              : `Votre demande pour rejoindre ${org.name} n'a pas été acceptée`,
            decision === 'accept'
              ? [
                  'Bonjour,',
                  '',
                  `Votre demande pour rejoindre « ${org.name} » a été acceptée. Vous en êtes désormais ${membershipRoleLabel(role).toLowerCase()} sur la Bibliothèque IA des territoires.`,
                  '',
                  `${baseUrl}/collectivites/${org.id}`,
                ].join('\n')
              : [
                  'Bonjour,',
                  '',
                  `Votre demande pour rejoindre « ${org.name} » n'a pas été acceptée.`,
                  "Si vous pensez qu'il s'agit d'une erreur, vous pouvez renouveler votre demande en expliquant votre rôle dans la collectivité :",
                  `${baseUrl}/collectivites/${org.id}/rejoindre`,
                ].join('\n'),
            trx,
          );
        }
      });
      return (await store.findMembership(m.id))!;
    },

    async changeRole(
      actor: CurrentUser | null,
      membershipId: number,
      role: MembershipRole,
      organisationId?: number,
    ): Promise<void> {
      const m = await membershipOrThrow(membershipId, organisationId);
      if (!canChangeMemberRole(actor, m)) {
        throw forbidden(
          m.userId === actor?.id
            ? 'Vous ne pouvez pas changer votre propre rôle : demandez à un coordinateur du réseau.'
            : 'Seuls les responsables de cette collectivité et les coordinateurs du réseau changent les rôles.',
        );
      }
      if (m.role === role && m.status === 'active') return;
      await db.transaction().execute(async (trx) => {
        if (!(await store.setRole(m.id, role, trx))) {
          throw new ConflictError(
            "Ce membre n'est plus actif dans cette collectivité.",
            await store.findMembership(m.id, trx),
          );
        }
        await audit.record(
          {
            actorUserId: actor!.id,
            action: 'membership.role_changed',
            subjectType: 'membership',
            subjectId: m.id,
            details: { organisationId: m.organisationId, userId: m.userId, from: m.role, to: role },
          },
          trx,
        );
      });
    },

    async remove(actor: CurrentUser | null, membershipId: number, organisationId?: number): Promise<Membership> {
      const m = await membershipOrThrow(membershipId, organisationId);
      if (!canRemoveMembership(actor, m)) {
        throw forbidden(
          'Seuls les responsables de cette collectivité et les coordinateurs du réseau retirent un membre.',
        );
      }
      await db.transaction().execute(async (trx) => {
        if (!(await store.deleteMembership(m.id, trx))) throw new ConflictError('Ce membre a déjà été retiré.');
        await audit.record(
          {
            actorUserId: actor!.id,
            action: m.userId === actor!.id ? 'membership.left' : 'membership.removed',
            subjectType: 'membership',
            subjectId: m.id,
            details: { organisationId: m.organisationId, userId: m.userId, role: m.role, status: m.status },
          },
          trx,
        );
      });
      return m;
    },

    /**
     * Makes someone an active member with a role, directly (coordinators and administrators, from the
     * administration pages): creates the membership or updates an existing one (pending, refused or active).
     */
    async setMembership(
      actor: CurrentUser | null,
      input: { userId: number; organisationId: number; role: MembershipRole },
    ): Promise<Membership> {
      if (!canAddMemberDirectly(actor))
        throw forbidden('Seuls les coordinateurs et les administrateurs ajoutent un membre directement.');
      const org = await get(input.organisationId);
      const [person] = await deps.users.findUsers([input.userId]);
      if (!person) throw notFound("Ce compte n'existe pas (ou plus).");
      return db.transaction().execute(async (trx) => {
        const existing = await store.findMembershipOf(input.userId, org.id, trx);
        let id: number;
        if (!existing) {
          id = await store.insertRequest(
            { userId: input.userId, organisationId: org.id, message: '', role: input.role, status: 'active' },
            trx,
          );
        } else {
          id = existing.id;
          if (existing.status === 'pending')
            await store.decide(id, { status: 'active', role: input.role, by: actor!.id }, trx);
          else if (existing.status === 'refused') {
            await store.reopenRequest(id, existing.message, trx);
            await store.decide(id, { status: 'active', role: input.role, by: actor!.id }, trx);
          } else await store.setRole(id, input.role, trx);
        }
        await audit.record(
          {
            actorUserId: actor!.id,
            action: 'membership.set',
            subjectType: 'membership',
            subjectId: id,
            details: { organisationId: org.id, organisation: org.name, userId: input.userId, role: input.role },
          },
          trx,
        );
        return (await store.findMembership(id, trx))!;
      });
    },

    /** Pending requests a reviewer may decide: all of them for coordinators, their authorities' for editors. */
    async pendingRequests(
      actor: CurrentUser | null,
    ): Promise<(MembershipWithOrganisation & { user: UserSummary | null })[]> {
      if (!canReviewRequests(actor)) {
        throw forbidden(
          "Seuls les responsables de collectivité et les coordinateurs du réseau voient les demandes d'adhésion.",
        );
      }
      const scope = isCoordinator(actor)
        ? null
        : actor!.memberships.filter((m) => m.role === 'editor').map((m) => m.organisationId);
      return withUsers(await store.pendingRequests(scope));
    },
  };
}
export type OrganisationsService = ReturnType<typeof createOrganisationsService>;
