/**
 * Taking part in a challenge: an organisation joins through one of its editors (« responsables ») with a role and
 * what it brings — authorities as lead, contributor or observer, State labs and other bodies as partners; coordinators
 * may register any organisation. Refused in French: a closed challenge (past its deadline, or from « réalisation »
 * on), an organisation already taking part, an organisation the person is not an editor of. Leaving is the reverse.
 */
import { authorize, can } from '../../../platform/auth/authorize.ts';
import { type CurrentUser, isCoordinator } from '../../../platform/auth/user.ts';
import { forbidden, ValidationError } from '../../../platform/http/errors.ts';
import { choiceField, type FormBody, formFields, textField } from '../../../platform/http/form.ts';
import type { Platform } from '../../../platform/platform.ts';
import { AUTHORITY_ROLES, type ChallengeRecord, joinRefusal, LIMITS, type Role, roleLabel } from '../model.ts';
import type { ChallengesPorts, OrganisationRef } from '../ports.ts';
import type { ChallengesStore } from '../store.ts';
import type { MailService } from './mail.ts';
import { parisDay, type WritingService, who } from './writing.ts';

export const JoinForm = formFields({
  organisme: textField('Organisme'),
  autre_organisme: textField('Autre organisme (code)'),
  role: choiceField('Rôle', AUTHORITY_ROLES),
  apport: textField('Ce que vous apportez', { maxLength: LIMITS.brings }),
});

export function createParticipationService(deps: {
  platform: Platform;
  store: ChallengesStore;
  ports: ChallengesPorts;
  writing: WritingService;
  mail: MailService;
  touched: () => void;
}) {
  const { platform, store, ports, writing, mail } = deps;

  /** Only editors of some organisation and coordinators register organisations (others: 403 in French). */
  function assertMayJoinSome(actor: CurrentUser | null) {
    if (!actor) authorize(actor, 'challenge.join', { organisationId: 0 });
    if (!isCoordinator(actor) && !actor!.memberships.some((m) => m.role === 'editor'))
      throw forbidden(
        'Seuls les responsables d’un organisme (et les coordinateurs) peuvent l’inscrire à un défi : demandez-le au responsable de votre collectivité.',
      );
  }

  /** The organisations `actor` edits, with whether each is a partner (State lab, other body), by name. */
  async function ownOrganisations(actor: CurrentUser): Promise<(OrganisationRef & { partner: boolean })[]> {
    const ids = actor.memberships.filter((m) => m.role === 'editor').map((m) => m.organisationId);
    const found = ids.length ? await ports.organisations.findByIds(ids) : [];
    return found
      .map((o) => ({ ...o, partner: ports.organisations.isPartner(o.type) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  }

  return {
    assertMayJoinSome,
    /** What the join form offers `actor`: their organisations not yet taking part, and whether they may name others. */
    async joinOptions(actor: CurrentUser, c: ChallengeRecord) {
      const taking = new Set(c.participants.map((p) => p.organisationId));
      return {
        own: (await ownOrganisations(actor)).filter((o) => !taking.has(o.id)),
        mayNameOthers: isCoordinator(actor),
      };
    },
    /** The organisations `actor` may withdraw from this challenge. */
    leavable(actor: CurrentUser | null, c: ChallengeRecord): number[] {
      return c.participants
        .filter((p) => can(actor, 'challenge.join', { organisationId: p.organisationId }))
        .map((p) => p.organisationId);
    },
    async join(actor: CurrentUser, id: number, body: FormBody): Promise<{ organisation: OrganisationRef; role: Role }> {
      assertMayJoinSome(actor);
      const c = await writing.get(id);
      const { values, errors } = JoinForm.read(body);
      let organisation: OrganisationRef | null = null;
      const other = values.autre_organisme.trim();
      if (other) {
        organisation = await ports.organisations.findByCode(other);
        if (!organisation)
          errors.autre_organisme = `Autre organisme : « ${other.slice(0, 80)} » ne correspond à aucun organisme connu (indiquez son code, par exemple commune:44109).`;
      } else if (values.organisme) {
        const n = Number(values.organisme);
        organisation = Number.isInteger(n) && n > 0 ? ((await ports.organisations.findByIds([n]))[0] ?? null) : null;
        if (!organisation) errors.organisme = 'Organisme : choix inconnu.';
      } else errors.organisme = 'Choisissez l’organisme qui rejoint le défi.';
      if (organisation && !can(actor, 'challenge.join', { organisationId: organisation.id }))
        errors[other ? 'autre_organisme' : 'organisme'] =
          `Vous n’êtes pas responsable de « ${organisation.name} » : vous ne pouvez inscrire que les organismes dont vous êtes responsable (un coordinateur peut en inscrire d’autres).`;
      const partner = organisation ? ports.organisations.isPartner(organisation.type) : false;
      if (organisation && !partner && !values.role)
        errors.role = 'Choisissez le rôle de votre collectivité : porteur, contributeur ou observateur.';
      if (organisation && !errors.organisme && !errors.autre_organisme) {
        const refusal = joinRefusal(c, organisation.id, parisDay(platform.clock.now()));
        if (refusal) errors[other ? 'autre_organisme' : 'organisme'] = refusal;
      }
      if (Object.keys(errors).length || !organisation) throw new ValidationError(errors);
      const role: Role = partner ? 'partner' : values.role!;
      const org = organisation;
      const leads = await mail.leadAddresses(c, org.id);
      await platform.db.transaction().execute(async (trx) => {
        const added = await store.addParticipant(
          trx,
          id,
          { organisationId: org.id, role, brings: values.apport },
          who(actor),
          platform.clock.iso(),
        );
        if (!added) throw new ValidationError({ organisme: 'Cet organisme participe déjà à ce défi.' });
        await platform.audit.record(
          {
            actorUserId: who(actor),
            action: 'challenge.joined',
            subjectType: 'challenge',
            subjectId: id,
            details: { organisationId: org.id, role },
          },
          trx,
        );
        await platform.events.emit('challenges.joined', { challengeId: id, organisationId: org.id, role }, trx);
        const brings = values.apport.trim();
        await mail.toParticipants(trx, leads, c, `${org.name} rejoint le défi`, [
          `« ${org.name} » rejoint le défi « ${c.title} » comme ${roleLabel(role).toLowerCase()}.`,
          ...(brings ? ['', `Ce qu’il apporte : ${brings}`] : []),
          '',
          'Vous recevez ce message comme responsable d’un organisme porteur du défi.',
        ]);
      });
      deps.touched();
      return { organisation: org, role };
    },
    async leave(actor: CurrentUser, id: number, organisationId: number): Promise<OrganisationRef> {
      authorize(actor, 'challenge.join', { organisationId });
      const c = await writing.get(id);
      const p = c.participants.find((x) => x.organisationId === organisationId);
      const [org] = await ports.organisations.findByIds([organisationId]);
      if (!p || !org) throw new ValidationError({ organisme: 'Cet organisme ne participe pas à ce défi.' });
      if (c.stage === 'published' || c.stage === 'abandoned')
        throw new ValidationError({
          organisme: 'Ce défi est terminé : la liste de ses participants est conservée telle qu’elle était.',
        });
      const leads = await mail.leadAddresses(c, organisationId);
      await platform.db.transaction().execute(async (trx) => {
        await store.removeParticipant(trx, id, organisationId, platform.clock.iso());
        await platform.audit.record(
          {
            actorUserId: who(actor),
            action: 'challenge.left',
            subjectType: 'challenge',
            subjectId: id,
            details: { organisationId, role: p.role },
          },
          trx,
        );
        await mail.toParticipants(trx, leads, c, `${org.name} quitte le défi`, [
          `« ${org.name} » ne participe plus au défi « ${c.title} » (il y était ${roleLabel(p.role).toLowerCase()}).`,
          '',
          'Vous recevez ce message comme responsable d’un organisme porteur du défi.',
        ]);
      });
      deps.touched();
      return org;
    },
    roleLabel,
  };
}
export type ParticipationService = ReturnType<typeof createParticipationService>;
