/**
 * Memberships and join requests: an agent asks to join an authority (its editors, or the network coordinators, are
 * mailed), an editor or a coordinator accepts with a role or refuses (the agent is mailed), roles change, members
 * leave or are removed, coordinators add members directly. Every act is audited, in the transaction that does it.
 */
import { authorize, can } from '../../../platform/auth/authorize.ts';
import { type CurrentUser, isCoordinator } from '../../../platform/auth/user.ts';
import { ConflictError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import { JOIN_MESSAGE_MAX, type Membership, type MembershipRole, type Organisation } from '../model.ts';
import { explainRefusal } from '../policy.ts';
import type { Person } from '../ports.ts';
import type { MembershipWithOrganisation } from '../store/memberships.ts';
import { mail, type OrganisationsContext } from './context.ts';
import { decisionMail, requestMail } from './mails.ts';

/** A membership with the person it belongs to (null: the account is gone). */
export interface MemberView extends Membership {
  user: Person | null;
}

export type RequestOutcome = 'requested' | 'already_member' | 'already_pending';

export function createMembershipsService(
  context: OrganisationsContext,
  organisation: (id: number) => Promise<Organisation>,
) {
  const { db, audit, events, memberships: store, ports, baseUrl } = context;
  /** Tells the other modules that what the person may do for the authority changed (API tokens…). */
  const changed = (m: { userId: number; organisationId: number }, trx: typeof db) =>
    events.emit('organisations.membership_changed', { userId: m.userId, organisationId: m.organisationId }, trx);

  /** The membership, which must belong to `organisationId` when given (URLs name both). */
  async function membershipOrThrow(id: number, organisationId?: number): Promise<Membership> {
    const m = Number.isSafeInteger(id) && id > 0 ? await store.findMembership(id) : null;
    if (!m || (organisationId !== undefined && m.organisationId !== organisationId)) {
      throw notFound("Cette demande d'adhésion n'existe pas (ou plus).");
    }
    return m;
  }

  async function withUsers<T extends Membership>(rows: T[]): Promise<(T & { user: Person | null })[]> {
    const users = await ports.people.findUsers([...new Set(rows.map((r) => r.userId))]);
    const byId = new Map(users.map((u) => [u.id, u]));
    return rows.map((r) => ({ ...r, user: byId.get(r.userId) ?? null }));
  }

  return {
    /** The signed-in person's memberships and requests, newest first. */
    async membershipsOf(actor: CurrentUser | null): Promise<MembershipWithOrganisation[]> {
      authorize(actor, 'membership.request');
      return store.membershipsOfUser(actor!.id);
    },

    async membershipOf(actor: CurrentUser | null, organisationId: number): Promise<Membership | null> {
      return actor ? store.findMembershipOf(actor.id, organisationId) : null;
    },

    /**
     * An agent asks to join an authority. The authority's editors (or, when it has none, the network
     * coordinators) are told by email; the request is in the audit log.
     */
    async request(
      actor: CurrentUser | null,
      organisationId: number,
      messageInput: string,
    ): Promise<{ outcome: RequestOutcome; membershipId: number }> {
      explainRefusal('Connectez-vous pour demander à rejoindre une collectivité.', () =>
        authorize(actor, 'membership.request'),
      );
      const person = actor!;
      const org = await organisation(organisationId);
      const message = (messageInput ?? '').trim();
      if (message.length > JOIN_MESSAGE_MAX) {
        throw new ValidationError({
          message: `Le message doit compter ${JOIN_MESSAGE_MAX} caractères au plus (${message.length} saisis).`,
        });
      }
      const existing = await store.findMembershipOf(person.id, org.id);
      if (existing?.status === 'active') return { outcome: 'already_member', membershipId: existing.id };
      if (existing?.status === 'pending') return { outcome: 'already_pending', membershipId: existing.id };

      const editorIds = await store.editorIds(org.id);
      const reviewers = editorIds.length
        ? await ports.people.findUsers(editorIds)
        : await ports.people.findCoordinators();
      const id = await db.transaction().execute(async (trx) => {
        let membershipId: number;
        if (existing) {
          if (!(await store.reopenRequest(existing.id, message, trx))) {
            throw new ConflictError('Votre demande vient de changer. Rechargez la page.');
          }
          membershipId = existing.id;
        } else {
          membershipId = await store.insertRequest({ userId: person.id, organisationId: org.id, message }, trx);
        }
        await audit.record(
          {
            actorUserId: person.id,
            action: 'membership.requested',
            subjectType: 'membership',
            subjectId: membershipId,
            details: { organisationId: org.id, organisation: org.name, userId: person.id },
          },
          trx,
        );
        const to = reviewers.map((u) => u.email);
        if (to.length) {
          const text = requestMail({ person, org, message, toEditors: editorIds.length > 0, baseUrl });
          await mail(context, to, `Demande pour rejoindre ${org.name}`, text, trx);
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
      const org = await organisation(organisationId);
      explainRefusal(
        'Seuls les responsables de cette collectivité et les coordinateurs du réseau voient ses membres.',
        () => authorize(actor, 'membership.manage', { organisationId: org.id }),
      );
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
      explainRefusal(
        m.userId === actor?.id
          ? 'Vous ne pouvez pas décider de votre propre demande.'
          : "Seuls les responsables de cette collectivité et les coordinateurs du réseau décident des demandes d'adhésion.",
        () => authorize(actor, 'membership.decide', m),
      );
      const decider = actor!;
      const org = await organisation(m.organisationId);
      const [person] = await ports.people.findUsers([m.userId]);
      const status = decision === 'accept' ? 'active' : 'refused';
      await db.transaction().execute(async (trx) => {
        if (!(await store.decide(m.id, { status, role, by: decider.id }, trx))) {
          const current = await store.findMembership(m.id, trx);
          throw new ConflictError('Cette demande a déjà été traitée (peut-être par une autre personne).', current);
        }
        await audit.record(
          {
            actorUserId: decider.id,
            action: decision === 'accept' ? 'membership.accepted' : 'membership.refused',
            subjectType: 'membership',
            subjectId: m.id,
            details: { organisationId: org.id, organisation: org.name, userId: m.userId, role },
          },
          trx,
        );
        if (person) {
          const message = decisionMail({ org, decision, role, baseUrl });
          await mail(context, person.email, message.subject, message.text, trx);
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
      explainRefusal(
        m.userId === actor?.id
          ? 'Vous ne pouvez pas changer votre propre rôle : demandez à un coordinateur du réseau.'
          : 'Seuls les responsables de cette collectivité et les coordinateurs du réseau changent les rôles.',
        () => authorize(actor, 'membership.change_role', m),
      );
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
        await changed(m, trx);
      });
    },

    async remove(actor: CurrentUser | null, membershipId: number, organisationId?: number): Promise<Membership> {
      const m = await membershipOrThrow(membershipId, organisationId);
      explainRefusal(
        'Seuls les responsables de cette collectivité et les coordinateurs du réseau retirent un membre.',
        () => authorize(actor, 'membership.remove', m),
      );
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
        await changed(m, trx);
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
      explainRefusal('Seuls les coordinateurs et les administrateurs ajoutent un membre directement.', () =>
        authorize(actor, 'membership.add'),
      );
      const org = await organisation(input.organisationId);
      const [person] = await ports.people.findUsers([input.userId]);
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
        await changed({ userId: input.userId, organisationId: org.id }, trx);
        return (await store.findMembership(id, trx))!;
      });
    },

    /** Pending requests a reviewer may decide: all of them for coordinators, their authorities' for editors. */
    async pendingRequests(
      actor: CurrentUser | null,
    ): Promise<(MembershipWithOrganisation & { user: Person | null })[]> {
      explainRefusal(
        "Seuls les responsables de collectivité et les coordinateurs du réseau voient les demandes d'adhésion.",
        () => authorize(actor, 'membership.review'),
      );
      const scope = isCoordinator(actor)
        ? null
        : actor!.memberships.filter((m) => m.role === 'editor').map((m) => m.organisationId);
      return withUsers(await store.pendingRequests(scope));
    },

    /** Whether `actor` manages the members of `organisationId` (what the authority page shows). */
    canManage: (actor: CurrentUser | null, organisationId: number) =>
      can(actor, 'membership.manage', { organisationId }),
  };
}

export type MembershipsService = ReturnType<typeof createMembershipsService>;
