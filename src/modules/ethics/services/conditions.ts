/**
 * The network's « conditions de réussite »: the coordinators write the working group's positions (a draft), then
 * publish it; everyone reads the latest published version and every earlier one. A published version never changes:
 * the next change is a new draft numbered n+1, started from the published text. The evidence is computed on each
 * read from the public sheets and the latest signed assessments (evidence.ts: aggregates only).
 */
import { type Actor, authorize, can } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { ConflictError, notFound, ValidationError } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { type ConditionsContent, emptyContent, parseConditionsForm, readConditionsForm } from '../conditions.ts';
import { computeEvidence, type Evidence, type EvidenceSheet } from '../evidence.ts';
import type { EthicsPorts } from '../ports.ts';
import { type ConditionsVersion, type EthicsStore, statusChanges } from '../store.ts';

export interface ConditionsView {
  /** The version shown: the latest published one (or the one asked for). */
  shown: ConditionsVersion | null;
  /** Every published version, newest first (numbers and dates: the version list). */
  published: { number: number; publishedAt: string | null }[];
  /** The draft in preparation (coordinators only). */
  draft: ConditionsVersion | null;
  canWrite: boolean;
  evidence: Evidence;
}

/** At most this old, whatever the counters say. */
const EVIDENCE_MAX_AGE_MS = 10 * 60_000;

const CONFLICT = 'Quelqu’un a modifié le brouillon pendant que vous le modifiiez. Rechargez la page.';

export function createConditionsService(deps: { platform: Platform; store: EthicsStore; ports: EthicsPorts }) {
  const { platform, store, ports } = deps;
  const { db, audit, clock } = platform;

  /**
   * The evidence, computed again only when a sheet or an assessment's status changed (the library's change counter
   * and this module's, both read from the database: right on every instance) or after EVIDENCE_MAX_AGE_MS (what
   * neither counter follows, such as an authority's type).
   */
  let cached: { key: string; at: number; evidence: Evidence } | null = null;
  async function evidence(): Promise<Evidence> {
    const key = `${await ports.network.version()}:${await statusChanges(db).read()}`;
    if (cached && cached.key === key && clock.millis() - cached.at < EVIDENCE_MAX_AGE_MS) return cached.evidence;
    const computed = await computeNow();
    cached = { key, at: clock.millis(), evidence: computed };
    return computed;
  }

  /** The evidence of the network: public sheets, their latest signed assessments, their published notices. */
  async function computeNow(): Promise<Evidence> {
    const [sheets, signed] = await Promise.all([ports.network.publicSheets(), store.networkSigned()]);
    const rows: EvidenceSheet[] = sheets.map((s) => ({
      id: s.id,
      title: s.title,
      href: ports.useCases.path(s),
      organisationName: s.organisationName,
      theme: s.theme,
      authorityType: s.organisationType,
      noticePublished: signed.notices.has(s.id),
      self: signed.self.get(s.id) ?? null,
      law: signed.law.get(s.id) ?? null,
      lessons: s.lessons,
    }));
    return computeEvidence(rows);
  }

  /** The page: the latest published version (or version `number`: 404 unless published) and the evidence. */
  async function view(actor: Actor, number?: number): Promise<ConditionsView> {
    const all = await store.conditions();
    const published = all.filter((v) => v.status === 'published');
    const shown = number === undefined ? (published[0] ?? null) : (published.find((v) => v.number === number) ?? null);
    if (number !== undefined && !shown) throw notFound('Cette version des conditions de réussite n’est pas publiée.');
    const canWrite = can(actor, 'ethics.conditions_write', undefined);
    return {
      shown,
      published: published.map((v) => ({ number: v.number, publishedAt: v.publishedAt })),
      draft: canWrite ? (all.find((v) => v.status === 'draft') ?? null) : null,
      canWrite,
      evidence: await evidence(),
    };
  }

  /** What the edit form starts from: the draft, or else the latest published text (saving makes the draft). */
  async function editing(actor: CurrentUser): Promise<{
    draft: ConditionsVersion | null;
    content: ConditionsContent;
    nextNumber: number;
    version: number;
  }> {
    authorize(actor, 'ethics.conditions_write', undefined);
    const all = await store.conditions();
    const draft = all.find((v) => v.status === 'draft') ?? null;
    const published = all.find((v) => v.status === 'published') ?? null;
    return {
      draft,
      content: draft?.content ?? published?.content ?? emptyContent(),
      nextNumber: draft?.number ?? (all[0]?.number ?? 0) + 1,
      version: draft?.version ?? 0,
    };
  }

  /**
   * Saves the draft (version 0: none yet, a new one is numbered after the last version). ValidationError with the
   * French messages; ConflictError when someone saved or published meanwhile.
   */
  async function save(actor: CurrentUser, version: number, body: Record<string, unknown>): Promise<ConditionsVersion> {
    authorize(actor, 'ethics.conditions_write', undefined);
    const content = parseConditionsForm(body);
    return db.transaction().execute(async (trx) => {
      const draft = (await store.conditions(trx)).find((v) => v.status === 'draft') ?? null;
      if (!draft) {
        if (version !== 0) throw new ConflictError(CONFLICT);
        const created = await store.insertConditions(content, actor.id, trx);
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'ethics_conditions.drafted',
            subjectType: 'ethics_conditions',
            subjectId: created.id,
            details: { number: created.number },
          },
          trx,
        );
        return created;
      }
      if (version !== draft.version || !(await store.saveConditions(draft.id, version, content, actor.id, trx)))
        throw new ConflictError(CONFLICT, draft);
      return { ...draft, content, version: version + 1 };
    });
  }

  /** Saves then publishes the draft: at least one position, each linked to its evidence. */
  async function publish(actor: CurrentUser, version: number, body: Record<string, unknown>) {
    const saved = await save(actor, version, body);
    const { errors } = readConditionsForm(body, { publish: true });
    if (Object.keys(errors).length)
      throw new ValidationError(errors, 'Le brouillon est enregistré, mais il ne peut pas encore être publié.');
    await db.transaction().execute(async (trx) => {
      if (!(await store.publishConditions(saved.id, saved.version, actor.id, trx))) throw new ConflictError(CONFLICT);
      await audit.record(
        {
          actorUserId: actor.id,
          action: 'ethics_conditions.published',
          subjectType: 'ethics_conditions',
          subjectId: saved.id,
          details: { number: saved.number },
        },
        trx,
      );
    });
    return saved;
  }

  return { view, evidence, editing, save, publish };
}

export type ConditionsService = ReturnType<typeof createConditionsService>;
