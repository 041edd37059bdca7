/**
 * The Manifesto as a frame: each commitment with the published initiatives that put it into practice (the
 * catalogue's commitment facet) and the library sheets linked to it (commitment_use_cases, kept here: the library's
 * tables are left alone). A sheet is linked or unlinked by the members of its authority or a coordinator.
 */
import { type Actor, authorize, can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { notFound, ValidationError } from '../../../platform/http/errors.ts';
import { type FormBody, text } from '../../../platform/http/form.ts';
import type { Platform } from '../../../platform/platform.ts';
import { AMBITIONS, COMMITMENTS, type Commitment, commitmentOf, MANIFESTO } from '../commitments.ts';
import type { ParticipationPorts, SheetRef } from '../ports.ts';
import type { ParticipationStore } from '../store.ts';
import type { Presenter } from './presenter.ts';
import type { SearchService } from './search.ts';
import { who } from './writing.ts';

export interface ManifestoCommitment extends Commitment {
  ambitionTitle: string;
  initiativeCount: number;
  initiatives: { id: number; title: string; path: string; organisation: string }[];
  sheetCount: number;
  sheets: (SheetRef & { canUnlink: boolean })[];
}

/** A sheet number or address (« /bibliotheque/12-titre »). */
export function readSheetRef(value: string): number | null {
  const m = /^(?:.*\/bibliotheque\/)?(\d{1,12})(?:-[^/]*)?\/?$/.exec(value.trim());
  return m ? Number(m[1]) : null;
}

export function createManifestoService(deps: {
  platform: Platform;
  store: ParticipationStore;
  ports: ParticipationPorts;
  search: SearchService;
  present: Presenter;
}) {
  const { platform, store, ports, search, present } = deps;

  async function readLink(actor: CurrentUser, body: FormBody) {
    const errors: Record<string, string> = {};
    const code = text(body, 'engagement');
    const commitment = commitmentOf(code);
    if (!commitment)
      errors.engagement = code ? `Engagement : choix inconnu « ${code.slice(0, 40)} ».` : 'Choisissez l’engagement.';
    const raw = text(body, 'fiche').trim();
    const id = raw ? readSheetRef(raw) : null;
    let sheet: SheetRef | null = null;
    if (!raw) errors.fiche = 'Indiquez le numéro ou l’adresse de la fiche.';
    else if (id === null) errors.fiche = `Fiche : « ${raw.slice(0, 80)} » n’est ni un numéro ni une adresse de fiche.`;
    else {
      sheet = (await ports.useCases.findByIds([id]))[0] ?? null;
      if (!sheet?.published) errors.fiche = `Fiche : aucune fiche publiée ne porte le numéro ${id}.`;
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);
    authorize(actor, 'commitment.link_sheet', { organisationId: sheet!.organisationId });
    return { commitment: commitment!, sheet: sheet! };
  }

  return {
    manifesto: MANIFESTO,
    /** Every commitment with its initiatives and sheets, and counts. */
    async page(actor: Actor): Promise<{ commitments: ManifestoCommitment[]; initiativeTotal: number }> {
      const { total, counts } = await search.counts();
      const published = await present(null, await search.all('title'));
      const links = await store.sheetLinks();
      const sheets = new Map(
        (await ports.useCases.findByIds([...new Set(links.map((l) => l.useCaseId))])).map((s) => [s.id, s]),
      );
      const commitments = COMMITMENTS.map((c): ManifestoCommitment => {
        const linked = links
          .filter((l) => l.commitment === c.code)
          .map((l) => sheets.get(l.useCaseId))
          .filter((s): s is SheetRef => !!s && s.published)
          .map((s) => ({ ...s, canUnlink: can(actor, 'commitment.link_sheet', { organisationId: s.organisationId }) }));
        const initiatives = published
          .filter((p) => p.content.commitments.includes(c.code))
          .map((p) => ({ id: p.id, title: p.content.title, path: p.path, organisation: p.organisation.name }));
        return {
          ...c,
          ambitionTitle: AMBITIONS[c.ambition],
          initiativeCount: counts.commitment.get(c.code) ?? 0,
          initiatives,
          sheetCount: linked.length,
          sheets: linked,
        };
      });
      return { commitments, initiativeTotal: total };
    },
    async link(
      actor: CurrentUser,
      body: FormBody,
    ): Promise<{ created: boolean; title: string; commitment: Commitment }> {
      const { commitment, sheet } = await readLink(actor, body);
      const created = await platform.db.transaction().execute(async (trx) => {
        const created = await store.linkSheet(trx, commitment.code, sheet.id, who(actor), platform.clock.iso());
        if (created)
          await platform.audit.record(
            {
              actorUserId: who(actor),
              action: 'commitment_sheet.linked',
              subjectType: 'use_case',
              subjectId: sheet.id,
              details: { commitment: commitment.code },
            },
            trx,
          );
        return created;
      });
      return { created, title: sheet.title, commitment };
    },
    async unlink(actor: CurrentUser, body: FormBody): Promise<void> {
      const code = text(body, 'engagement');
      const id = readSheetRef(text(body, 'fiche'));
      const sheet = id ? ((await ports.useCases.findByIds([id]))[0] ?? null) : null;
      if (!commitmentOf(code) || !sheet) throw notFound('Ce lien entre une fiche et un engagement est introuvable.');
      authorize(actor, 'commitment.link_sheet', { organisationId: sheet.organisationId });
      await platform.db.transaction().execute(async (trx) => {
        if (!(await store.unlinkSheet(trx, code, sheet.id)))
          throw notFound('Ce lien entre une fiche et un engagement est introuvable.');
        await platform.audit.record(
          {
            actorUserId: who(actor),
            action: 'commitment_sheet.unlinked',
            subjectType: 'use_case',
            subjectId: sheet.id,
            details: { commitment: code },
          },
          trx,
        );
      });
    },
  };
}
export type ManifestoService = ReturnType<typeof createManifestoService>;
