/**
 * What a group follows: library sheets, census campaigns, challenges and initiatives (kind + id). Leads choose; the
 * group's page lists them (published sheets only: a sheet withdrawn since is left out) and the digest reports on
 * them. Challenges and initiatives exist only when their modules are wired (ports `challenges`, `initiatives`).
 */
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { notFound, ValidationError } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { FOLLOW_KINDS, type FollowKind } from '../model.ts';
import type { FollowedRef, GroupsPorts } from '../ports.ts';
import type { GroupsStore } from '../store.ts';
import type { GroupsService } from './groups.ts';

export interface FollowedItem extends FollowedRef {
  kind: FollowKind;
}

/** The number of a sheet from « 12 », « /bibliotheque/12-titre » or a full address; null when none. */
export function sheetNumberOf(text: string): number | null {
  const t = text.trim();
  if (/^\d{1,9}$/.test(t)) return Number(t);
  const m = /\/bibliotheque\/(\d{1,9})(?:[-/?#]|$)/.exec(t);
  return m ? Number(m[1]) : null;
}

export function createFollowsService({
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
  const { db, clock, audit } = platform;

  /** The kinds this site can follow (challenges and initiatives when their modules exist). */
  function kinds(): FollowKind[] {
    return FOLLOW_KINDS.filter(
      (k) => (k !== 'challenge' || !!ports.challenges) && (k !== 'initiative' || !!ports.initiatives),
    );
  }

  /** The items behind these ids of one kind, as they exist now (gone ones left out). */
  async function resolve(kind: FollowKind, ids: number[]): Promise<FollowedRef[]> {
    if (!ids.length) return [];
    if (kind === 'sheet') return ports.sheets.publishedByIds(ids);
    if (kind === 'campaign') return ports.campaigns.findByIds(ids);
    if (kind === 'challenge') return ports.challenges ? ports.challenges().findByIds(ids) : [];
    return ports.initiatives ? ports.initiatives().findByIds(ids) : [];
  }

  return {
    kinds,

    /** The items a group follows, by kind then title. */
    async followed(groupId: number): Promise<FollowedItem[]> {
      const rows = await store.followsOf(groupId);
      const out: FollowedItem[] = [];
      for (const kind of FOLLOW_KINDS) {
        const ids = rows.filter((r) => r.kind === kind).map((r) => r.itemId);
        const found = await resolve(kind, ids);
        out.push(
          ...found
            .map((f) => ({ kind, id: f.id, title: f.title, path: f.path }))
            .sort((a, b) => a.title.localeCompare(b.title, 'fr')),
        );
      }
      return out;
    },

    /** Followed ids by kind (the digest). */
    async followedIds(groupId: number): Promise<Record<FollowKind, number[]>> {
      const rows = await store.followsOf(groupId);
      const of = (k: FollowKind) => rows.filter((r) => r.kind === k).map((r) => r.itemId);
      return { sheet: of('sheet'), campaign: of('campaign'), challenge: of('challenge'), initiative: of('initiative') };
    },

    /** Every campaign a lead may choose from. */
    campaigns: () => ports.campaigns.list(),
    /** Published sheets matching words (the picker). */
    searchSheets: (q: string) => (q.trim() ? ports.sheets.search(q.trim().slice(0, 200), 10) : Promise.resolve([])),

    /** Follows an item (leads): `reference` is its number (or a sheet's address). Audited `group.item_followed`. */
    async follow(actor: CurrentUser | null, groupId: number, input: { kind?: string; reference?: string }) {
      await groups.led(actor, groupId);
      const kind = String(input.kind ?? '') as FollowKind;
      if (!kinds().includes(kind)) throw new ValidationError({ kind: 'Choisissez ce que le groupe suit.' });
      const raw = String(input.reference ?? '');
      const id = kind === 'sheet' ? sheetNumberOf(raw) : /^\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : null;
      const messages: Record<FollowKind, string> = {
        sheet: 'Indiquez une fiche publiée de la bibliothèque : son numéro ou son adresse (/bibliotheque/12-…).',
        campaign: 'Choisissez un recensement dans la liste.',
        challenge: 'Indiquez le numéro d’un défi existant.',
        initiative: 'Indiquez le numéro d’une initiative publiée.',
      };
      const [found] = id === null ? [] : await resolve(kind, [id]);
      if (!found) throw new ValidationError({ reference: messages[kind] });
      await db.transaction().execute(async (trx) => {
        if (!(await store.follow(groupId, kind, found.id, actor!.id, clock.iso(), trx))) return;
        await audit.record(
          {
            actorUserId: actor!.id,
            action: 'group.item_followed',
            subjectType: 'group',
            subjectId: groupId,
            details: { kind, id: found.id },
          },
          trx,
        );
      });
      return found;
    },

    /** Stops following an item (leads). Audited `group.item_unfollowed`. */
    async unfollow(actor: CurrentUser | null, groupId: number, input: { kind?: string; id?: string }) {
      await groups.led(actor, groupId);
      const kind = String(input.kind ?? '') as FollowKind;
      const id = Number(input.id);
      if (!FOLLOW_KINDS.includes(kind) || !Number.isInteger(id)) throw notFound('Cet élément n’est pas suivi.');
      await db.transaction().execute(async (trx) => {
        if (!(await store.unfollow(groupId, kind, id, trx))) throw notFound('Cet élément n’est pas suivi.');
        await audit.record(
          {
            actorUserId: actor!.id,
            action: 'group.item_unfollowed',
            subjectType: 'group',
            subjectId: groupId,
            details: { kind, id },
          },
          trx,
        );
      });
    },
  };
}
export type FollowsService = ReturnType<typeof createFollowsService>;
