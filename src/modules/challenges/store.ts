/**
 * The only code that reads or writes the tables of challenges (`challenges`, `challenge_stages`,
 * `challenge_participants`, `challenge_news`, `challenge_use_cases`, `challenge_invitations`). Changes are numbered
 * by a change counter (settings « challenges.change_seq ») that the catalogue reads to stay fresh.
 */
import type { Selectable } from 'kysely';
import { type ChangeCounter, settingsCounter } from '../../platform/catalogue/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { jsonArray } from '../../platform/db/json.ts';
import type {
  ChallengeInput,
  ChallengeRecord,
  NewsRecord,
  ParticipantRecord,
  Role,
  Stage,
  StageRecord,
} from './model.ts';
import type { ChallengeNewsTable, ChallengesTable } from './tables.ts';
import './tables.ts';

interface Ties {
  stages: StageRecord[];
  participants: ParticipantRecord[];
  useCaseIds: number[];
  invitedIds: number[];
}

/** THE mapper of `challenges` rows (with the ties read beside them). */
function toRecord(r: Selectable<ChallengesTable>, ties: Ties): ChallengeRecord {
  return {
    id: Number(r.id),
    title: r.title,
    need: r.need,
    expectedResult: r.expected_result,
    data: r.data,
    hostingConstraints: r.hosting_constraints,
    personalDataConstraints: r.personal_data_constraints,
    joinDeadline: r.join_deadline ?? null,
    themes: jsonArray<string>(r.themes),
    commonsCategory: r.commons_category ?? null,
    statedByOrganisationId: r.stated_by_organisation_id === null ? null : Number(r.stated_by_organisation_id),
    plannedScopingOn: r.planned_scoping_on ?? null,
    plannedBuildingOn: r.planned_building_on ?? null,
    plannedPublicationOn: r.planned_publication_on ?? null,
    stage: r.stage as Stage,
    abandonReason: r.abandon_reason ?? null,
    commonsId: r.commons_id === null ? null : Number(r.commons_id),
    ...ties,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** THE mapper of `challenge_news` rows. */
function toNews(r: Selectable<ChallengeNewsTable>): NewsRecord {
  return {
    id: Number(r.id),
    challengeId: Number(r.challenge_id),
    title: r.title,
    body: r.body,
    postedAt: r.posted_at,
  };
}

const columns = (input: ChallengeInput) => ({
  title: input.title,
  need: input.need,
  expected_result: input.expectedResult,
  data: input.data,
  hosting_constraints: input.hostingConstraints,
  personal_data_constraints: input.personalDataConstraints,
  join_deadline: input.joinDeadline,
  themes: JSON.stringify(input.themes),
  commons_category: input.commonsCategory,
  stated_by_organisation_id: input.statedByOrganisationId,
  planned_scoping_on: input.plannedScopingOn,
  planned_building_on: input.plannedBuildingOn,
  planned_publication_on: input.plannedPublicationOn,
});

export type ChallengesStore = ReturnType<typeof createChallengesStore>;

export function createChallengesStore(db: Db) {
  const counter = settingsCounter(db, 'challenges.change_seq');

  async function withTies(rows: Selectable<ChallengesTable>[], on: Db = db): Promise<ChallengeRecord[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => Number(r.id));
    const [stages, participants, sheets, invited] = await Promise.all([
      on.selectFrom('challenge_stages').selectAll().where('challenge_id', 'in', ids).orderBy('id').execute(),
      on.selectFrom('challenge_participants').selectAll().where('challenge_id', 'in', ids).orderBy('id').execute(),
      on
        .selectFrom('challenge_use_cases')
        .selectAll()
        .where('challenge_id', 'in', ids)
        .orderBy('use_case_id')
        .execute(),
      on
        .selectFrom('challenge_invitations')
        .selectAll()
        .where('challenge_id', 'in', ids)
        .orderBy('organisation_id')
        .execute(),
    ]);
    const ties = new Map<number, Ties>(
      ids.map((id) => [id, { stages: [], participants: [], useCaseIds: [], invitedIds: [] }]),
    );
    for (const s of stages)
      ties.get(Number(s.challenge_id))!.stages.push({
        stage: s.stage as Stage,
        reachedAt: s.reached_at,
        note: s.note ?? null,
      });
    for (const p of participants)
      ties.get(Number(p.challenge_id))!.participants.push({
        organisationId: Number(p.organisation_id),
        role: p.role as Role,
        brings: p.brings,
        joinedAt: p.joined_at,
      });
    for (const s of sheets) ties.get(Number(s.challenge_id))!.useCaseIds.push(Number(s.use_case_id));
    for (const i of invited) ties.get(Number(i.challenge_id))!.invitedIds.push(Number(i.organisation_id));
    return rows.map((r) => toRecord(r, ties.get(Number(r.id))!));
  }

  return {
    counter,
    version: () => counter.read(),
    async find(id: number, on: Db = db): Promise<ChallengeRecord | null> {
      const row = await on.selectFrom('challenges').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? (await withTies([row], on))[0]! : null;
    },
    async findByIds(ids: readonly number[]): Promise<ChallengeRecord[]> {
      if (!ids.length) return [];
      const rows = await db
        .selectFrom('challenges')
        .selectAll()
        .where('id', 'in', [...ids])
        .execute();
      const byId = new Map((await withTies(rows)).map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id)).filter((r): r is ChallengeRecord => !!r);
    },
    async rowsAfter(afterId: number, limit: number): Promise<ChallengeRecord[]> {
      const rows = await db
        .selectFrom('challenges')
        .selectAll()
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return withTies(rows);
    },
    /** Ids of the challenges that came from or list any of these sheets. */
    async listingSheets(useCaseIds: readonly number[]): Promise<number[]> {
      if (!useCaseIds.length) return [];
      const rows = await db
        .selectFrom('challenge_use_cases')
        .select('challenge_id')
        .distinct()
        .where('use_case_id', 'in', [...useCaseIds])
        .orderBy('challenge_id')
        .execute();
      return rows.map((r) => Number(r.challenge_id));
    },
    /** Ids of the challenges these organisations take part in or are invited to. */
    async ofOrganisations(organisationIds: readonly number[]): Promise<number[]> {
      if (!organisationIds.length) return [];
      const [a, b] = await Promise.all([
        db
          .selectFrom('challenge_participants')
          .select('challenge_id')
          .where('organisation_id', 'in', [...organisationIds])
          .execute(),
        db
          .selectFrom('challenge_invitations')
          .select('challenge_id')
          .where('organisation_id', 'in', [...organisationIds])
          .execute(),
      ]);
      return [...new Set([...a, ...b].map((r) => Number(r.challenge_id)))].sort((x, y) => x - y);
    },
    /** The published challenge that produced this commons entry, if any. */
    async originOf(commonsId: number): Promise<{ id: number; title: string } | null> {
      const row = await db
        .selectFrom('challenges')
        .select(['id', 'title'])
        .where('commons_id', '=', commonsId)
        .where('stage', '=', 'published')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      return row ? { id: Number(row.id), title: row.title } : null;
    },
    async insert(
      trx: Db,
      input: ChallengeInput,
      extra: { useCaseIds: readonly number[]; invitedIds: readonly number[] },
      actorId: number | null,
      now: string,
    ): Promise<number> {
      const row = await trx
        .insertInto('challenges')
        .values({
          ...columns(input),
          stage: 'call_for_interest',
          created_by: actorId,
          updated_by: actorId,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(row.id);
      await trx
        .insertInto('challenge_stages')
        .values({ challenge_id: id, stage: 'call_for_interest', reached_at: now, note: null, changed_by: actorId })
        .execute();
      const sheets = [...new Set(extra.useCaseIds)].map((u) => ({ challenge_id: id, use_case_id: u }));
      if (sheets.length) await trx.insertInto('challenge_use_cases').values(sheets).execute();
      const invited = [...new Set(extra.invitedIds)].map((o) => ({
        challenge_id: id,
        organisation_id: o,
        invited_at: now,
      }));
      if (invited.length) await trx.insertInto('challenge_invitations').values(invited).execute();
      await counter.next(trx);
      return id;
    },
    /** Updates when the version is still `version`; false when someone changed it in between. */
    async update(
      trx: Db,
      id: number,
      version: number,
      input: ChallengeInput,
      actorId: number | null,
      now: string,
    ): Promise<boolean> {
      const r = await trx
        .updateTable('challenges')
        .set({ ...columns(input), version: version + 1, updated_by: actorId, updated_at: now })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await counter.next(trx);
      return true;
    },
    /** Moves the stage when it is still `from` (false otherwise), and dates it in the timeline. */
    async moveStage(
      trx: Db,
      id: number,
      from: Stage,
      to: { stage: Stage; note: string | null; commonsId: number | null },
      actorId: number | null,
      now: string,
    ): Promise<boolean> {
      const r = await trx
        .updateTable('challenges')
        .set({
          stage: to.stage,
          ...(to.stage === 'abandoned' ? { abandon_reason: to.note } : {}),
          ...(to.stage === 'published' ? { commons_id: to.commonsId } : {}),
          updated_by: actorId,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('stage', '=', from)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await trx
        .insertInto('challenge_stages')
        .values({ challenge_id: id, stage: to.stage, reached_at: now, note: to.note, changed_by: actorId })
        .execute();
      await counter.next(trx);
      return true;
    },
    /** Adds a participant; false when the organisation already takes part (the unique key says so). */
    async addParticipant(
      trx: Db,
      challengeId: number,
      p: { organisationId: number; role: Role; brings: string },
      actorId: number | null,
      now: string,
    ): Promise<boolean> {
      const existing = await trx
        .selectFrom('challenge_participants')
        .select('id')
        .where('challenge_id', '=', challengeId)
        .where('organisation_id', '=', p.organisationId)
        .executeTakeFirst();
      if (existing) return false;
      await trx
        .insertInto('challenge_participants')
        .values({
          challenge_id: challengeId,
          organisation_id: p.organisationId,
          role: p.role,
          brings: p.brings,
          joined_by: actorId,
          joined_at: now,
        })
        .execute();
      await trx.updateTable('challenges').set({ updated_at: now }).where('id', '=', challengeId).execute();
      await counter.next(trx);
      return true;
    },
    /** Removes a participant; false when it was not taking part. */
    async removeParticipant(trx: Db, challengeId: number, organisationId: number, now: string): Promise<boolean> {
      const r = await trx
        .deleteFrom('challenge_participants')
        .where('challenge_id', '=', challengeId)
        .where('organisation_id', '=', organisationId)
        .executeTakeFirst();
      if (Number(r.numDeletedRows) !== 1) return false;
      await trx.updateTable('challenges').set({ updated_at: now }).where('id', '=', challengeId).execute();
      await counter.next(trx);
      return true;
    },
    async addNews(
      trx: Db,
      news: { challengeId: number; title: string; body: string },
      actorId: number | null,
      now: string,
    ): Promise<number> {
      const row = await trx
        .insertInto('challenge_news')
        .values({
          challenge_id: news.challengeId,
          title: news.title,
          body: news.body,
          posted_at: now,
          created_by: actorId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.updateTable('challenges').set({ updated_at: now }).where('id', '=', news.challengeId).execute();
      await counter.next(trx);
      return Number(row.id);
    },
    async newsOf(challengeId: number): Promise<NewsRecord[]> {
      const rows = await db
        .selectFrom('challenge_news')
        .selectAll()
        .where('challenge_id', '=', challengeId)
        .orderBy('posted_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toNews);
    },
    /** News posted after `since` (ISO), newest first; or the newest `limit` when `since` is null. */
    async latestNews(since: string | null, limit: number): Promise<NewsRecord[]> {
      let q = db.selectFrom('challenge_news').selectAll();
      if (since) q = q.where('posted_at', '>', since);
      const rows = await q.orderBy('posted_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toNews);
    },
    ...demoRecords(counter),
    ...personRecords(db),
  };
}

/** What challenges hold about people: the RGPD export and the erasure with the account. */
function personRecords(db: Db) {
  return {
    /** What challenges hold about a person (RGPD export): what they stated, news, registrations, stage changes. */
    async byPerson(userId: number) {
      const [challenges, news, registrations, stageChanges] = await Promise.all([
        db.selectFrom('challenges').select(['id', 'title', 'created_at']).where('created_by', '=', userId).execute(),
        db
          .selectFrom('challenge_news')
          .select(['id', 'challenge_id', 'title', 'posted_at'])
          .where('created_by', '=', userId)
          .execute(),
        db
          .selectFrom('challenge_participants')
          .select(['challenge_id', 'organisation_id', 'role', 'joined_at'])
          .where('joined_by', '=', userId)
          .execute(),
        db
          .selectFrom('challenge_stages')
          .select(['challenge_id', 'stage', 'reached_at'])
          .where('changed_by', '=', userId)
          .execute(),
      ]);
      return { challenges, news, registrations, stageChanges };
    },
    async erasePerson(userId: number, trx: Db) {
      await trx.updateTable('challenges').set({ created_by: null }).where('created_by', '=', userId).execute();
      await trx.updateTable('challenges').set({ updated_by: null }).where('updated_by', '=', userId).execute();
      await trx.updateTable('challenge_news').set({ created_by: null }).where('created_by', '=', userId).execute();
      await trx
        .updateTable('challenge_participants')
        .set({ joined_by: null })
        .where('joined_by', '=', userId)
        .execute();
      await trx.updateTable('challenge_stages').set({ changed_by: null }).where('changed_by', '=', userId).execute();
    },
  };
}

/** What only the demo seed writes. */
function demoRecords(counter: ChangeCounter) {
  return {
    /** The demo seed only: dates a challenge's story in the past (creation, registrations, stages, news). */
    async backdate(
      trx: Db,
      id: number,
      dates: { createdAt: string; joinedAt: string; stages: [Stage, string][]; news: [number, string][] },
    ): Promise<void> {
      await trx.updateTable('challenges').set({ created_at: dates.createdAt }).where('id', '=', id).execute();
      await trx
        .updateTable('challenge_participants')
        .set({ joined_at: dates.joinedAt })
        .where('challenge_id', '=', id)
        .execute();
      for (const [stage, at] of dates.stages)
        await trx
          .updateTable('challenge_stages')
          .set({ reached_at: at })
          .where('challenge_id', '=', id)
          .where('stage', '=', stage)
          .execute();
      for (const [newsId, at] of dates.news)
        await trx
          .updateTable('challenge_news')
          .set({ posted_at: at })
          .where('id', '=', newsId)
          .where('challenge_id', '=', id)
          .execute();
      await counter.next(trx);
    },
  };
}
