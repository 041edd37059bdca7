/**
 * The only code that reads or writes the tables of participation (`initiatives`, `initiative_versions`,
 * `commitment_use_cases`). Changes to initiatives are numbered by a change counter (settings
 * « participation.change_seq ») that the catalogue reads to stay fresh.
 */
import type { Selectable } from 'kysely';
import { settingsCounter } from '../../platform/catalogue/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { contentOf, emptyContent, type InitiativeContent } from './model.ts';
import type { InitiativesTable, InitiativeVersionsTable } from './tables.ts';
import type { InitiativeState, RevisionState } from './workflow.ts';
import './tables.ts';

export interface InitiativeRecord {
  id: number;
  organisationId: number;
  state: InitiativeState;
  revision: RevisionState | null;
  /** The published content (null until first published). */
  published: InitiativeContent | null;
  /** The working content (draft, or pending revision), null when none. */
  draft: InitiativeContent | null;
  reviewComment: string | null;
  originResponseId: number | null;
  version: number;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
}

/** What the writers see and edit: the working content, else the published one. */
export const workingContent = (r: InitiativeRecord): InitiativeContent => r.draft ?? r.published ?? emptyContent();

export interface VersionRecord {
  id: number;
  initiativeId: number;
  event: string;
  content: InitiativeContent;
  comment: string | null;
  createdBy: number | null;
  createdAt: string;
}

/** THE mapper of `initiatives` rows. */
function toRecord(r: Selectable<InitiativesTable>): InitiativeRecord {
  return {
    id: Number(r.id),
    organisationId: Number(r.organisation_id),
    state: r.state as InitiativeState,
    revision: (r.revision ?? null) as RevisionState | null,
    published: contentOf(r.content),
    draft: contentOf(r.draft),
    reviewComment: r.review_comment ?? null,
    originResponseId: r.origin_response_id == null ? null : Number(r.origin_response_id),
    version: Number(r.version),
    createdBy: r.created_by == null ? null : Number(r.created_by),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    submittedAt: r.submitted_at ?? null,
    publishedAt: r.published_at ?? null,
  };
}

/** THE mapper of `initiative_versions` rows. */
function toVersion(r: Selectable<InitiativeVersionsTable>): VersionRecord {
  return {
    id: Number(r.id),
    initiativeId: Number(r.initiative_id),
    event: r.event,
    content: contentOf(r.content) ?? emptyContent(),
    comment: r.comment ?? null,
    createdBy: r.created_by == null ? null : Number(r.created_by),
    createdAt: r.created_at,
  };
}

/** The changes of an act, as the workflow and the writers decide them. */
export interface InitiativeChanges {
  state?: InitiativeState;
  revision?: RevisionState | null;
  published?: InitiativeContent | null;
  draft?: InitiativeContent | null;
  reviewComment?: string | null;
  submittedAt?: string | null;
  publishedAt?: string | null;
}

export type ParticipationStore = ReturnType<typeof createParticipationStore>;

export function createParticipationStore(db: Db) {
  const counter = settingsCounter(db, 'participation.change_seq');
  const json = (c: InitiativeContent | null | undefined) => (c ? JSON.stringify(c) : null);

  return {
    counter,
    version: () => counter.read(),
    async find(id: number, on: Db = db): Promise<InitiativeRecord | null> {
      const row = await on.selectFrom('initiatives').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async findByIds(ids: readonly number[]): Promise<InitiativeRecord[]> {
      if (!ids.length) return [];
      const rows = await db
        .selectFrom('initiatives')
        .selectAll()
        .where('id', 'in', [...ids])
        .execute();
      const byId = new Map(rows.map((r) => [Number(r.id), toRecord(r)]));
      return ids.map((id) => byId.get(id)).filter((r): r is InitiativeRecord => !!r);
    },
    async findByOrigin(responseId: number): Promise<InitiativeRecord | null> {
      const row = await db
        .selectFrom('initiatives')
        .selectAll()
        .where('origin_response_id', '=', responseId)
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async rowsAfter(afterId: number, limit: number): Promise<InitiativeRecord[]> {
      const rows = await db
        .selectFrom('initiatives')
        .selectAll()
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toRecord);
    },
    /** The initiatives of these authorities that are not simply published (drafts, reviews, revisions, withdrawn). */
    async inProgress(organisationIds: readonly number[] | null): Promise<InitiativeRecord[]> {
      let q = db
        .selectFrom('initiatives')
        .selectAll()
        .where((eb) => eb.or([eb('state', '!=', 'published'), eb('revision', 'is not', null)]));
      if (organisationIds) {
        if (!organisationIds.length) return [];
        q = q.where('organisation_id', 'in', [...organisationIds]);
      }
      return (await q.orderBy('updated_at', 'desc').orderBy('id', 'desc').execute()).map(toRecord);
    },
    /** Waiting for a coordinator: submitted initiatives and revisions, oldest first. */
    async awaitingReview(): Promise<InitiativeRecord[]> {
      const rows = await db
        .selectFrom('initiatives')
        .selectAll()
        .where((eb) => eb.or([eb('state', '=', 'submitted'), eb('revision', '=', 'submitted')]))
        .orderBy('submitted_at')
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },
    /** Published (first publication or revision) since `iso`, newest first. */
    async publishedSince(iso: string): Promise<InitiativeRecord[]> {
      const rows = await db
        .selectFrom('initiatives')
        .selectAll()
        .where('state', '=', 'published')
        .where('published_at', '>=', iso)
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toRecord);
    },
    async insert(
      trx: Db,
      input: { organisationId: number; draft: InitiativeContent; originResponseId?: number | null },
      actorId: number | null,
      now: string,
    ): Promise<number> {
      const row = await trx
        .insertInto('initiatives')
        .values({
          organisation_id: input.organisationId,
          state: 'draft',
          revision: null,
          content: null,
          draft: json(input.draft),
          origin_response_id: input.originResponseId ?? null,
          created_by: actorId,
          updated_by: actorId,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await counter.next(trx);
      return Number(row.id);
    },
    /** Applies an act when the version is still `version`; false when someone changed it in between. */
    async update(
      trx: Db,
      id: number,
      version: number,
      changes: InitiativeChanges,
      actorId: number | null,
      now: string,
    ): Promise<boolean> {
      const set: Record<string, unknown> = { version: version + 1, updated_by: actorId, updated_at: now };
      if (changes.state !== undefined) set.state = changes.state;
      if (changes.revision !== undefined) set.revision = changes.revision;
      if (changes.published !== undefined) set.content = json(changes.published);
      if (changes.draft !== undefined) set.draft = json(changes.draft);
      if (changes.reviewComment !== undefined) set.review_comment = changes.reviewComment;
      if (changes.submittedAt !== undefined) set.submitted_at = changes.submittedAt;
      if (changes.publishedAt !== undefined) set.published_at = changes.publishedAt;
      const r = await trx
        .updateTable('initiatives')
        .set(set)
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await counter.next(trx);
      return true;
    },
    async addVersion(
      trx: Db,
      v: { initiativeId: number; event: string; content: InitiativeContent; comment: string | null },
      actorId: number | null,
      now: string,
    ): Promise<void> {
      await trx
        .insertInto('initiative_versions')
        .values({
          initiative_id: v.initiativeId,
          event: v.event,
          content: JSON.stringify(v.content),
          comment: v.comment,
          created_by: actorId,
          created_at: now,
        })
        .execute();
    },
    async versionsOf(initiativeId: number): Promise<VersionRecord[]> {
      const rows = await db
        .selectFrom('initiative_versions')
        .selectAll()
        .where('initiative_id', '=', initiativeId)
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toVersion);
    },
    async findVersion(initiativeId: number, versionId: number): Promise<VersionRecord | null> {
      const row = await db
        .selectFrom('initiative_versions')
        .selectAll()
        .where('initiative_id', '=', initiativeId)
        .where('id', '=', versionId)
        .executeTakeFirst();
      return row ? toVersion(row) : null;
    },

    // ---- the Manifesto's commitments ↔ library sheets ----
    async sheetLinks(): Promise<{ commitment: string; useCaseId: number }[]> {
      const rows = await db
        .selectFrom('commitment_use_cases')
        .select(['commitment', 'use_case_id'])
        .orderBy('commitment')
        .orderBy('use_case_id')
        .execute();
      return rows.map((r) => ({ commitment: r.commitment, useCaseId: Number(r.use_case_id) }));
    },
    async linkSheet(trx: Db, commitment: string, useCaseId: number, actorId: number | null, now: string) {
      const exists = await trx
        .selectFrom('commitment_use_cases')
        .select('use_case_id')
        .where('commitment', '=', commitment)
        .where('use_case_id', '=', useCaseId)
        .executeTakeFirst();
      if (exists) return false;
      await trx
        .insertInto('commitment_use_cases')
        .values({ commitment, use_case_id: useCaseId, created_by: actorId, created_at: now })
        .execute();
      return true;
    },
    async unlinkSheet(trx: Db, commitment: string, useCaseId: number): Promise<boolean> {
      const r = await trx
        .deleteFrom('commitment_use_cases')
        .where('commitment', '=', commitment)
        .where('use_case_id', '=', useCaseId)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    // ---- personal data ----
    /** What participation holds about a person (RGPD export): the initiatives they created, the acts they took. */
    async byPerson(userId: number) {
      const [created, acts, links] = await Promise.all([
        db.selectFrom('initiatives').select(['id', 'created_at']).where('created_by', '=', userId).execute(),
        db
          .selectFrom('initiative_versions')
          .select(['initiative_id', 'event', 'comment', 'created_at'])
          .where('created_by', '=', userId)
          .orderBy('id')
          .execute(),
        db
          .selectFrom('commitment_use_cases')
          .select(['commitment', 'use_case_id', 'created_at'])
          .where('created_by', '=', userId)
          .execute(),
      ]);
      return {
        initiativesCreated: created.map((r) => ({ id: Number(r.id), createdAt: r.created_at })),
        acts: acts.map((a) => ({
          initiativeId: Number(a.initiative_id),
          event: a.event,
          comment: a.comment,
          at: a.created_at,
        })),
        sheetLinks: links.map((l) => ({
          commitment: l.commitment,
          useCaseId: Number(l.use_case_id),
          at: l.created_at,
        })),
      };
    },
    /** Keeps the initiatives and their history, without who wrote them. */
    async erasePerson(userId: number, trx: Db) {
      await trx.updateTable('initiatives').set({ created_by: null }).where('created_by', '=', userId).execute();
      await trx.updateTable('initiatives').set({ updated_by: null }).where('updated_by', '=', userId).execute();
      await trx.updateTable('initiative_versions').set({ created_by: null }).where('created_by', '=', userId).execute();
      await trx
        .updateTable('commitment_use_cases')
        .set({ created_by: null })
        .where('created_by', '=', userId)
        .execute();
    },
  };
}
