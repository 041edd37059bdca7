/**
 * Membership of working groups: leads (and coordinators) add and remove members and leads; signed-in people ask to
 * join with a message, leads accept or refuse, and the person is told by e-mail (a `groups.send_mail` job enqueued
 * in the same transaction as the decision). Every change is audited.
 */
import { authorize } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { Db } from '../../../platform/db/database.ts';
import { ConflictError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { GROUP_ROLES, type GroupRecord, type GroupRole, groupPath, type JoinRequestRecord } from '../model.ts';
import type { GroupsPorts } from '../ports.ts';
import type { GroupsStore } from '../store.ts';
import { type GroupsService, MAIL_JOB } from './groups.ts';

export interface MemberInput {
  email?: string;
  userId?: string | number;
  role?: string;
  organisationId?: string | number | null;
  function?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function createMembershipService({
  platform,
  store,
  ports,
  groups,
}: {
  platform: Platform;
  store: GroupsStore;
  ports: GroupsPorts;
  groups: GroupsService;
}) {
  const { db, clock, audit, jobs, config } = platform;
  const link = (path: string) => `${config.baseUrl}${path}`;
  const mail = (to: string | string[], subject: string, text: string, trx: Db) =>
    jobs.enqueue(MAIL_JOB, { to, subject, text }, {}, trx);

  /** The body a member is shown with: the one given (among theirs), else their first authority, else none. */
  async function bodyOf(userId: number, asked: number | null, errors: Record<string, string>): Promise<number | null> {
    const theirs = (await ports.organisations.activeRolesOfUser(userId)).map((m) => m.organisationId);
    if (asked === null) return theirs[0] ?? null;
    if (!theirs.includes(asked)) {
      const [found] = await ports.organisations.findByIds([asked]);
      if (!found) errors.organisationId = 'Choisissez un organisme existant.';
    }
    return asked;
  }

  async function leadsAddresses(groupId: number): Promise<string[]> {
    return (await groups.members(groupId)).filter((m) => m.role === 'lead').map((m) => m.email);
  }

  async function assertKeepsALead(group: GroupRecord, userId: number, trx: Db) {
    const leads = (await store.membersOf(group.id, trx)).filter((m) => m.role === 'lead');
    if (leads.length === 1 && leads[0]!.userId === userId)
      throw new ValidationError(
        { member: 'Un groupe garde au moins un pilote : nommez-en un autre avant de retirer celui-ci.' },
        'Un groupe garde au moins un pilote.',
      );
  }

  return {
    /**
     * Adds a person (by address or id) as member or lead, or changes their role, body or function. Leads and
     * coordinators. Audited `group.member_added` or `group.member_updated`.
     */
    async addMember(actor: CurrentUser | null, groupId: number, input: MemberInput): Promise<{ userId: number }> {
      const group = await groups.led(actor, groupId);
      const errors: Record<string, string> = {};
      const role = String(input.role ?? 'member') as GroupRole;
      if (!GROUP_ROLES.includes(role)) errors.role = 'Choisissez le rôle : pilote ou membre.';
      const fn = String(input.function ?? '').trim();
      if (fn.length > 150) errors.function = 'La fonction tient en 150 caractères au plus.';
      let person = null;
      if (input.userId !== undefined && input.userId !== '') {
        [person] = await ports.people.findUsers([Number(input.userId)]);
        if (!person) errors.email = "Cette personne n'a pas de compte.";
      } else {
        const email = String(input.email ?? '').trim();
        if (!email) errors.email = "Indiquez l'adresse e-mail de la personne.";
        else if (!EMAIL.test(email)) errors.email = "Cette adresse e-mail n'est pas valide (exemple : nom@commune.fr).";
        else {
          person = await ports.people.findByEmail(email);
          if (!person)
            errors.email =
              "Personne n'a de compte avec cette adresse : invitez-la d'abord à créer son compte sur la plateforme.";
        }
      }
      if (person?.disabled) errors.email = 'Ce compte est désactivé.';
      const askedBody =
        input.organisationId === undefined || input.organisationId === null || input.organisationId === ''
          ? null
          : Number(input.organisationId);
      if (askedBody !== null && !Number.isInteger(askedBody)) errors.organisationId = 'Choisissez un organisme.';
      const organisationId = person && !errors.organisationId ? await bodyOf(person.id, askedBody, errors) : null;
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const userId = person!.id;
      await db.transaction().execute(async (trx) => {
        const before = await store.membership(groupId, userId, trx);
        if (before?.role === 'lead' && role !== 'lead') await assertKeepsALead(group, userId, trx);
        const done = await store.upsertMember(
          { groupId, userId, role, organisationId, function: fn || null },
          actor!.id,
          clock.iso(),
          trx,
        );
        await audit.record(
          {
            actorUserId: actor!.id,
            action: done === 'added' ? 'group.member_added' : 'group.member_updated',
            subjectType: 'group',
            subjectId: groupId,
            details: { userId, role, organisationId, function: fn || null },
          },
          trx,
        );
        // Someone already asking to join is now in: their request is answered.
        const pending = await store.pendingRequest(groupId, userId, trx);
        if (pending) await store.decideRequest(pending.id, 'accepted', actor!.id, clock.iso(), trx);
        if (done === 'added')
          await mail(
            person!.email,
            `Vous faites partie du groupe « ${group.name} »`,
            `Bonjour ${person!.name},\n\n${actor!.name} vous a ajouté${role === 'lead' ? ' comme pilote' : ''} au groupe de travail « ${group.name} ».\n\nLa page du groupe : ${link(groupPath(groupId))}\n`,
            trx,
          );
      });
      return { userId };
    },

    /** Removes a member or lead (leads and coordinators; a person may also leave). Audited `group.member_removed`. */
    async removeMember(actor: CurrentUser | null, groupId: number, userId: number): Promise<void> {
      const group = await groups.get(groupId);
      if (actor?.id !== userId) authorize(actor, 'group.lead', { role: await groups.roleOf(actor?.id, groupId) });
      if (!actor) throw notFound();
      await db.transaction().execute(async (trx) => {
        await assertKeepsALead(group, userId, trx);
        if (!(await store.removeMember(groupId, userId, trx)))
          throw notFound("Cette personne n'est pas membre du groupe.");
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'group.member_removed',
            subjectType: 'group',
            subjectId: groupId,
            details: { userId, self: actor.id === userId },
          },
          trx,
        );
      });
    },

    /** A signed-in non-member asks to join, with a message (leads are told by e-mail). Audited. */
    async requestJoin(actor: CurrentUser | null, groupId: number, input: { message?: string }): Promise<number> {
      const group = await groups.get(groupId);
      const role = await groups.roleOf(actor?.id, groupId);
      if (actor && role) throw new ConflictError('Vous êtes déjà membre de ce groupe.');
      authorize(actor, 'group.join', { role });
      const message = String(input.message ?? '').trim();
      const errors: Record<string, string> = {};
      if (message.length < 10)
        errors.message = 'Dites en quelques mots (10 caractères au moins) ce que vous souhaitez apporter au groupe.';
      else if (message.length > 2000) errors.message = 'Le message tient en 2 000 caractères au plus.';
      if (await store.pendingRequest(groupId, actor!.id))
        errors.message = 'Votre demande pour ce groupe attend déjà la réponse des pilotes.';
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const leads = await leadsAddresses(groupId);
      return db.transaction().execute(async (trx) => {
        const id = await store.insertRequest(groupId, actor!.id, message, clock.iso(), trx);
        await audit.record(
          {
            actorUserId: actor!.id,
            action: 'group.join_requested',
            subjectType: 'group',
            subjectId: groupId,
            details: { requestId: id },
          },
          trx,
        );
        if (leads.length)
          await mail(
            leads,
            `Demande pour rejoindre « ${group.name} »`,
            `Bonjour,\n\n${actor!.name} demande à rejoindre le groupe de travail « ${group.name} » :\n\n${message}\n\nAcceptez ou refusez la demande : ${link(`${groupPath(groupId)}/demandes`)}\n`,
            trx,
          );
        return id;
      });
    },

    /** Leads accept (the person becomes a member) or refuse a pending request; the person is told by e-mail. */
    async decide(
      actor: CurrentUser | null,
      groupId: number,
      requestId: number,
      decision: string,
    ): Promise<JoinRequestRecord> {
      const group = await groups.led(actor, groupId);
      const request = await store.findRequest(requestId);
      if (!request || request.groupId !== groupId) throw notFound("Cette demande n'existe pas.");
      if (decision !== 'accept' && decision !== 'refuse')
        throw new ValidationError({ decision: 'Choisissez : accepter ou refuser.' });
      const status = decision === 'accept' ? 'accepted' : 'refused';
      const [person] = await ports.people.findUsers([request.userId]);
      const organisationId = (await ports.organisations.activeRolesOfUser(request.userId))[0]?.organisationId ?? null;
      await db.transaction().execute(async (trx) => {
        if (!(await store.decideRequest(requestId, status, actor!.id, clock.iso(), trx)))
          throw new ConflictError('Cette demande a déjà reçu une réponse.');
        if (status === 'accepted' && !(await store.membership(groupId, request.userId, trx)))
          await store.upsertMember(
            { groupId, userId: request.userId, role: 'member', organisationId, function: null },
            actor!.id,
            clock.iso(),
            trx,
          );
        await audit.record(
          {
            actorUserId: actor!.id,
            action: status === 'accepted' ? 'group.join_accepted' : 'group.join_refused',
            subjectType: 'group',
            subjectId: groupId,
            details: { requestId, userId: request.userId },
          },
          trx,
        );
        if (person && !person.disabled)
          await mail(
            person.email,
            status === 'accepted'
              ? `Bienvenue dans le groupe « ${group.name} »`
              : `Votre demande pour le groupe « ${group.name} »`,
            status === 'accepted'
              ? `Bonjour ${person.name},\n\nLes pilotes du groupe de travail « ${group.name} » ont accepté votre demande : vous en êtes membre.\n\nLa page du groupe : ${link(groupPath(groupId))}\n`
              : `Bonjour ${person.name},\n\nLes pilotes du groupe de travail « ${group.name} » n'ont pas retenu votre demande pour le moment. Vous pouvez leur écrire pour en savoir plus ou suivre les travaux publics du réseau.\n`,
            trx,
          );
      });
      return (await store.findRequest(requestId))!;
    },

    /** Pending requests of a group, with the person's name and body (leads and coordinators). */
    async pendingOf(actor: CurrentUser | null, groupId: number) {
      await groups.led(actor, groupId);
      return describeRequests(await store.pendingRequests([groupId]));
    },

    /** The pending requests `user` may decide (the groups they lead), for « Mon espace ». */
    async toDecide(user: CurrentUser) {
      const led = (await store.membershipsOfUser(user.id)).filter((m) => m.role === 'lead').map((m) => m.groupId);
      return describeRequests(await store.pendingRequests(led));
    },

    /** `user`'s own pending request to a group, if any. */
    pendingRequestOf: (groupId: number, userId: number) => store.pendingRequest(groupId, userId),
  };

  async function describeRequests(requests: JoinRequestRecord[]) {
    if (!requests.length) return [];
    const people = new Map((await ports.people.findUsers(requests.map((r) => r.userId))).map((p) => [p.id, p]));
    const bodies = new Map<number, string>();
    for (const r of requests) {
      const first = (await ports.organisations.activeRolesOfUser(r.userId))[0]?.organisationId;
      if (first && !bodies.has(r.userId)) {
        const [o] = await ports.organisations.findByIds([first]);
        if (o) bodies.set(r.userId, o.name);
      }
    }
    return requests.map((r) => ({
      ...r,
      name: people.get(r.userId)?.name ?? 'Compte supprimé',
      organisationName: bodies.get(r.userId) ?? null,
    }));
  }
}
export type MembershipService = ReturnType<typeof createMembershipService>;
