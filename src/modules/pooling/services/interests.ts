/**
 * « Nous faisons pareil »: a member of another authority says their authority does the same as a published sheet
 * (optional short note). One per sheet and authority; withdrawable; shown to the sheet's authority and to
 * coordinators; it links the interested authority to the sheet's group at the next computation (queued here).
 */
import { type Actor, authorize, can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { ConflictError, forbidden, notFound, unauthorized, ValidationError } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { OpenChallenge, PoolingPorts, SheetRef } from '../ports.ts';
import type { PoolingStore } from '../store.ts';
import type { ComputeService } from './compute.ts';

export const NOTE_MAX = 280;

/** An interest as the sheet's authority and coordinators see it. */
export interface InterestView {
  id: number;
  organisation: string;
  person: string | null;
  note: string | null;
  createdAt: string;
  canWithdraw: boolean;
}

/** The « Nous faisons pareil » block of a sheet's page. */
export interface SheetBlock {
  sheet: { id: number; title: string; path: string };
  /** What the viewer may do: sign in, nothing (their own authority's sheet), declare, or withdraw. */
  viewer:
    | { kind: 'anonymous' }
    | { kind: 'own' }
    | { kind: 'no_authority' }
    | { kind: 'can_declare'; organisations: { id: number; name: string }[] }
    | { kind: 'declared'; interest: InterestView; organisation: string };
  /** Shown to the sheet's authority and coordinators; null for others. */
  interests: InterestView[] | null;
  /** Open challenges on this sheet's subject (offered to join). */
  challenges: OpenChallenge[];
  /** The suggestion this sheet belongs to, if any. */
  suggestion: { id: number; label: string; href: string } | null;
}

export function createInterestService(deps: {
  platform: Platform;
  store: PoolingStore;
  ports: PoolingPorts;
  compute: ComputeService;
  /** The latest computation's group of a sheet. */
  groupOf(useCaseId: number): Promise<{ id: number; label: string; useCaseIds: number[] } | null>;
}) {
  const { platform, store, ports, compute } = deps;

  async function publishedSheet(id: number): Promise<SheetRef> {
    const sheet = await ports.library.sheet(id);
    if (!sheet?.published) throw notFound("Cette fiche n'existe pas ou n'est pas publiée.");
    return sheet;
  }

  /** The authorities a person may declare for on this sheet (theirs, except the sheet's). */
  const otherAuthorities = (actor: CurrentUser, sheet: SheetRef) =>
    [...new Set(actor.memberships.map((m) => m.organisationId))].filter((id) => id !== sheet.organisationId);

  async function views(
    actor: Actor,
    list: Awaited<ReturnType<PoolingStore['interestsOnSheet']>>,
  ): Promise<InterestView[]> {
    const orgs = await ports.organisations.names(list.map((i) => i.organisationId));
    const people = await ports.people.names(list.flatMap((i) => (i.userId === null ? [] : [i.userId])));
    return list.map((i) => ({
      id: i.id,
      organisation: orgs.get(i.organisationId) ?? `Organisation n° ${i.organisationId}`,
      person: i.userId === null ? null : (people.get(i.userId) ?? null),
      note: i.note,
      createdAt: i.createdAt,
      canWithdraw: can(actor, 'pooling.withdraw_interest', { userId: i.userId, organisationId: i.organisationId }),
    }));
  }

  return {
    /** Records an authority's interest; returns its id. Refusals in French: visitor, own authority, twice. */
    async declare(
      actor: Actor,
      useCaseId: number,
      input: { organisation?: string; note?: string },
    ): Promise<{ id: number; sheet: SheetRef }> {
      if (actor === null) throw unauthorized('Connectez-vous pour dire que votre collectivité fait pareil.');
      const sheet = await publishedSheet(useCaseId);
      const user = actor;
      const candidates = otherAuthorities(user, sheet);
      if (!candidates.length) {
        throw forbidden(
          user.memberships.some((m) => m.organisationId === sheet.organisationId)
            ? 'Cette fiche est celle de votre collectivité : « Nous faisons pareil » est proposé aux autres.'
            : 'Seuls les membres d’une collectivité peuvent dire qu’elle fait pareil.',
        );
      }
      const errors: Record<string, string> = {};
      const asked = Number(input.organisation ?? '');
      const organisationId = input.organisation ? asked : candidates.length === 1 ? candidates[0]! : NaN;
      if (!Number.isInteger(organisationId) || !candidates.includes(organisationId)) {
        errors.organisation = 'Choisissez la collectivité qui fait pareil parmi les vôtres.';
      }
      const note = (input.note ?? '').trim();
      if (note.length > NOTE_MAX) errors.note = `Le mot fait ${note.length} caractères : ${NOTE_MAX} au plus.`;
      if (Object.keys(errors).length) throw new ValidationError(errors);
      authorize(user, 'pooling.declare_interest', { sheetOrganisationId: sheet.organisationId, organisationId });
      const id = await platform.db.transaction().execute(async (trx) => {
        if (await store.interestOf(sheet.id, organisationId, trx)) {
          throw new ConflictError('Votre collectivité a déjà dit faire pareil sur cette fiche.');
        }
        const newId = await store.addInterest(
          {
            useCaseId: sheet.id,
            organisationId,
            sheetOrganisationId: sheet.organisationId,
            userId: user.id,
            note: note || null,
            createdAt: platform.clock.iso(),
          },
          trx,
        );
        await platform.audit.record(
          {
            actorUserId: user.id,
            action: 'pooling.interest_recorded',
            subjectType: 'use_case',
            subjectId: sheet.id,
            details: { interestId: newId, organisationId, sheetOrganisationId: sheet.organisationId },
          },
          trx,
        );
        await compute.schedule(trx);
        return newId;
      });
      return { id, sheet };
    },

    /** Withdraws an interest (its author, the interested authority's editors, coordinators). */
    async withdraw(actor: Actor, interestId: number): Promise<SheetRef | null> {
      const interest = await store.interest(interestId);
      if (!interest) throw notFound('Cette déclaration a déjà été retirée.');
      authorize(actor, 'pooling.withdraw_interest', {
        userId: interest.userId,
        organisationId: interest.organisationId,
      });
      await platform.db.transaction().execute(async (trx) => {
        await store.removeInterest(interest.id, trx);
        await platform.audit.record(
          {
            actorUserId: actor!.id,
            action: 'pooling.interest_withdrawn',
            subjectType: 'use_case',
            subjectId: interest.useCaseId,
            details: { interestId: interest.id, organisationId: interest.organisationId },
          },
          trx,
        );
        await compute.schedule(trx);
      });
      return ports.library.sheet(interest.useCaseId);
    },

    /** The block of a published sheet's page for this viewer. */
    async sheetBlock(actor: Actor, sheet: SheetRef): Promise<SheetBlock> {
      const list = await store.interestsOnSheet(sheet.id);
      const seesAll = can(actor, 'pooling.see_interests', { sheetOrganisationId: sheet.organisationId });
      const all = await views(actor, list);
      let viewer: SheetBlock['viewer'];
      if (actor === null) viewer = { kind: 'anonymous' };
      else {
        const mine = otherAuthorities(actor, sheet);
        const declared = all.find((_v, i) => mine.includes(list[i]!.organisationId));
        if (declared) viewer = { kind: 'declared', interest: declared, organisation: declared.organisation };
        else if (mine.length) {
          const names = await ports.organisations.names(mine);
          viewer = {
            kind: 'can_declare',
            organisations: mine.map((id) => ({ id, name: names.get(id) ?? `Organisation n° ${id}` })),
          };
        } else if (actor.memberships.some((m) => m.organisationId === sheet.organisationId)) viewer = { kind: 'own' };
        else viewer = { kind: 'no_authority' };
      }
      const group = await deps.groupOf(sheet.id);
      const challenges =
        ports.challenges && actor !== null
          ? await ports.challenges.openForUseCases(group?.useCaseIds ?? [sheet.id])
          : [];
      return {
        sheet: { id: sheet.id, title: sheet.title, path: sheet.path },
        viewer,
        interests: seesAll ? all : null,
        challenges,
        suggestion: group
          ? { id: group.id, label: group.label, href: `/mutualisation/suggestions#suggestion-${group.id}` }
          : null,
      };
    },

    publishedSheet,

    /** « Mon espace » of the sheets' authority editors: who does the same as their sheets. */
    async work(user: CurrentUser) {
      const mine = user.memberships.filter((m) => m.role === 'editor').map((m) => m.organisationId);
      const list = await store.interestsInSheetsOf(mine);
      if (!list.length) return [];
      const orgs = await ports.organisations.names(list.map((i) => i.organisationId));
      const items = [];
      for (const i of list.slice(0, 5)) {
        const sheet = await ports.library.sheet(i.useCaseId);
        if (!sheet) continue;
        items.push({
          title: `${orgs.get(i.organisationId) ?? 'Une collectivité'} fait pareil : ${sheet.title}`,
          href: `${sheet.path}#mutualisation`,
          detail: i.note,
        });
      }
      return [
        {
          key: 'pooling.interests',
          label: 'Collectivités qui font pareil que vos fiches',
          count: list.length,
          items,
          href: '/mutualisation/suggestions',
          urgency: 3,
        },
      ];
    },
  };
}

export type InterestService = ReturnType<typeof createInterestService>;
