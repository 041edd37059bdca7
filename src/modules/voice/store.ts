/**
 * The only code that reads or writes the tables of citizens' voice (voice_profiles, voice_messages, voice_reports,
 * voice_follows, voice_settings, voice_blocked_words).
 */
import { type Selectable, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { MessageKind, MessageStatus, Premoderation, TargetKind } from './model.ts';
import type { VoiceMessagesTable, VoiceProfilesTable } from './tables.ts';
import './tables.ts';

export interface ProfileRecord {
  userId: number;
  pseudonym: string;
  blockedAt: string | null;
  blockedReason: string | null;
  createdAt: string;
}

export interface MessageRecord {
  id: number;
  targetKind: TargetKind;
  targetId: number;
  organisationId: number;
  authorId: number | null;
  kind: MessageKind;
  official: boolean;
  body: string;
  status: MessageStatus;
  hiddenReason: string | null;
  reports: number;
  reportsCleared: number;
  createdAt: string;
  decidedAt: string | null;
}

/** THE mapper of `voice_profiles` rows. */
function toProfile(r: Selectable<VoiceProfilesTable>): ProfileRecord {
  return {
    userId: Number(r.user_id),
    pseudonym: r.pseudonym,
    blockedAt: r.blocked_at ?? null,
    blockedReason: r.blocked_reason ?? null,
    createdAt: r.created_at,
  };
}

/** THE mapper of `voice_messages` rows. */
function toMessage(r: Selectable<VoiceMessagesTable>): MessageRecord {
  return {
    id: Number(r.id),
    targetKind: r.target_kind as TargetKind,
    targetId: Number(r.target_id),
    organisationId: Number(r.organisation_id),
    authorId: r.author_id == null ? null : Number(r.author_id),
    kind: r.kind as MessageKind,
    official: Number(r.official) === 1,
    body: r.body,
    status: r.status as MessageStatus,
    hiddenReason: r.hidden_reason ?? null,
    reports: Number(r.reports),
    reportsCleared: Number(r.reports_cleared),
    createdAt: r.created_at,
    decidedAt: r.decided_at ?? null,
  };
}

export type VoiceStore = ReturnType<typeof createVoiceStore>;

export function createVoiceStore(db: Db) {
  const people = peopleAndMessages(db);
  return { ...people, ...moderationData(db, people.profile) };
}

/** Profiles, the limits' counts and messages. */
function peopleAndMessages(db: Db) {
  return {
    // ---- profiles ----
    async profile(userId: number, on: Db = db): Promise<ProfileRecord | null> {
      const r = await on.selectFrom('voice_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
      return r ? toProfile(r) : null;
    },
    async profiles(userIds: readonly number[]): Promise<Map<number, ProfileRecord>> {
      if (!userIds.length) return new Map();
      const rows = await db
        .selectFrom('voice_profiles')
        .selectAll()
        .where('user_id', 'in', [...userIds])
        .execute();
      return new Map(rows.map((r) => [Number(r.user_id), toProfile(r)]));
    },
    async pseudonymTaken(key: string, exceptUserId: number, on: Db = db): Promise<boolean> {
      const r = await on
        .selectFrom('voice_profiles')
        .select('user_id')
        .where('pseudonym_key', '=', key)
        .where('user_id', '!=', exceptUserId)
        .executeTakeFirst();
      return !!r;
    },
    async saveProfile(userId: number, pseudonym: string, key: string, at: string, on: Db = db): Promise<void> {
      await on
        .insertInto('voice_profiles')
        .values({ user_id: userId, pseudonym, pseudonym_key: key, created_at: at })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ pseudonym, pseudonym_key: key }))
        .execute();
    },
    async setBlocked(userId: number, block: { by: number; reason: string; at: string } | null, on: Db = db) {
      await on
        .updateTable('voice_profiles')
        .set(
          block
            ? { blocked_at: block.at, blocked_by: block.by, blocked_reason: block.reason }
            : { blocked_at: null, blocked_by: null, blocked_reason: null },
        )
        .where('user_id', '=', userId)
        .execute();
    },
    async blockedPeople(): Promise<ProfileRecord[]> {
      const rows = await db
        .selectFrom('voice_profiles')
        .selectAll()
        .where('blocked_at', 'is not', null)
        .orderBy('blocked_at', 'desc')
        .execute();
      return rows.map(toProfile);
    },

    // ---- limits ----
    async hasPublished(userId: number, on: Db = db): Promise<boolean> {
      const r = await on
        .selectFrom('voice_messages')
        .select('id')
        .where('author_id', '=', userId)
        .where('status', '=', 'published')
        .limit(1)
        .executeTakeFirst();
      return !!r;
    },
    /**
     * The three counts of the limits in one read (indexes voice_messages_author and voice_messages_address): the
     * person's messages since `burstSince` and since `daySince`, and the messages sent from the address (its keyed
     * hash) since `burstSince`.
     */
    async limitCounts(
      userId: number,
      addressKey: string | null,
      since: { burst: string; day: string },
      on: Db = db,
    ): Promise<{ burst: number; day: number; address: number }> {
      // Written as one SQL text: the same statement every time (the query builder's CASE expressions cost more CPU
      // than the query itself).
      const byAddress =
        addressKey == null ? sql`` : sql` or (address_key = ${addressKey} and created_at >= ${since.burst})`;
      const { rows } = await sql<{
        burst: number | string | null;
        day: number | string | null;
        address: number | string | null;
      }>`
        select
          sum(case when author_id = ${userId} and created_at >= ${since.burst} then 1 else 0 end) as burst,
          sum(case when author_id = ${userId} then 1 else 0 end) as day,
          sum(case when address_key = ${addressKey ?? ''} and created_at >= ${since.burst} then 1 else 0 end) as address
        from voice_messages
        where (author_id = ${userId} and created_at >= ${since.day})${byAddress}`.execute(on);
      const r = rows[0] ?? { burst: 0, day: 0, address: 0 };
      return { burst: Number(r.burst ?? 0), day: Number(r.day ?? 0), address: Number(r.address ?? 0) };
    },

    // ---- messages ----
    async insertMessage(
      m: {
        targetKind: TargetKind;
        targetId: number;
        organisationId: number;
        authorId: number;
        kind: MessageKind;
        body: string;
        status: MessageStatus;
        addressKey: string | null;
        at: string;
      },
      on: Db = db,
    ): Promise<number> {
      const r = await on
        .insertInto('voice_messages')
        .values({
          target_kind: m.targetKind,
          target_id: m.targetId,
          organisation_id: m.organisationId,
          author_id: m.authorId,
          kind: m.kind,
          official: m.kind === 'official' ? 1 : 0,
          body: m.body,
          status: m.status,
          address_key: m.addressKey,
          created_at: m.at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(r.id);
    },
    async message(id: number, on: Db = db): Promise<MessageRecord | null> {
      const r = await on.selectFrom('voice_messages').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toMessage(r) : null;
    },
    /** One page of a target's published messages: official answers first, then the newest first. */
    async publishedPage(kind: TargetKind, targetId: number, limit: number, offset: number): Promise<MessageRecord[]> {
      const rows = await db
        .selectFrom('voice_messages')
        .selectAll()
        .where('target_kind', '=', kind)
        .where('target_id', '=', targetId)
        .where('status', '=', 'published')
        .orderBy('official', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
      return rows.map(toMessage);
    },
    /** Published messages of a target by kind (the total is their sum). */
    async publishedCounts(kind: TargetKind, targetId: number): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('voice_messages')
        .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
        .where('target_kind', '=', kind)
        .where('target_id', '=', targetId)
        .where('status', '=', 'published')
        .groupBy('kind')
        .execute();
      return new Map(rows.map((r) => [r.kind, Number(r.n)]));
    },
    /** A person's own messages on a target that are not published (waiting for approval or hidden). */
    async unpublishedOf(kind: TargetKind, targetId: number, userId: number): Promise<MessageRecord[]> {
      const rows = await db
        .selectFrom('voice_messages')
        .selectAll()
        .where('target_kind', '=', kind)
        .where('target_id', '=', targetId)
        .where('author_id', '=', userId)
        .where('status', '!=', 'published')
        .orderBy('id', 'desc')
        .limit(20)
        .execute();
      return rows.map(toMessage);
    },
    async decide(
      id: number,
      change: { status: MessageStatus; reason: string | null; by: number | null; at: string; clearReports?: boolean },
      on: Db = db,
    ): Promise<void> {
      await on
        .updateTable('voice_messages')
        .set((eb) => ({
          status: change.status,
          hidden_reason: change.reason,
          decided_by: change.by,
          decided_at: change.at,
          ...(change.clearReports ? { reports_cleared: eb.ref('reports') } : {}),
        }))
        .where('id', '=', id)
        .execute();
    },
    /** How many messages of an authority wait for a moderator (pending or hidden by reports). */
    async waitingCount(organisationId: number): Promise<number> {
      const r = await db
        .selectFrom('voice_messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', 'in', ['pending', 'reported'])
        .where('organisation_id', '=', organisationId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /** Messages waiting for a moderator (pending or hidden by reports), of these authorities (null: all). */
    async queue(organisationIds: readonly number[] | null): Promise<MessageRecord[]> {
      if (organisationIds && !organisationIds.length) return [];
      let q = db.selectFrom('voice_messages').selectAll().where('status', 'in', ['pending', 'reported']);
      if (organisationIds) q = q.where('organisation_id', 'in', [...organisationIds]);
      return (await q.orderBy('id').limit(200).execute()).map(toMessage);
    },
  };
}

/** Reports, follows, settings, the blocklist and what the module holds about a person. */
function moderationData(db: Db, profile: (userId: number) => Promise<ProfileRecord | null>) {
  return {
    // ---- reports ----
    /** Records a report; false when this person had already reported the message. */
    async addReport(
      r: { messageId: number; userId: number; reason: string; details: string; at: string },
      on: Db = db,
    ): Promise<boolean> {
      const existing = await on
        .selectFrom('voice_reports')
        .select('user_id')
        .where('message_id', '=', r.messageId)
        .where('user_id', '=', r.userId)
        .executeTakeFirst();
      if (existing) return false;
      await on
        .insertInto('voice_reports')
        .values({ message_id: r.messageId, user_id: r.userId, reason: r.reason, details: r.details, created_at: r.at })
        .execute();
      await on
        .updateTable('voice_messages')
        .set((eb) => ({ reports: eb('reports', '+', 1) }))
        .where('id', '=', r.messageId)
        .execute();
      return true;
    },
    async reportsOf(messageIds: readonly number[]): Promise<Map<number, { reason: string; details: string }[]>> {
      const out = new Map<number, { reason: string; details: string }[]>();
      if (!messageIds.length) return out;
      const rows = await db
        .selectFrom('voice_reports')
        .select(['message_id', 'reason', 'details'])
        .where('message_id', 'in', [...messageIds])
        .orderBy('created_at')
        .execute();
      for (const r of rows) {
        const list = out.get(Number(r.message_id)) ?? [];
        list.push({ reason: r.reason, details: r.details });
        out.set(Number(r.message_id), list);
      }
      return out;
    },

    // ---- follows ----
    async follow(kind: TargetKind, targetId: number, userId: number, at: string, on: Db = db): Promise<void> {
      await on
        .insertInto('voice_follows')
        .values({ target_kind: kind, target_id: targetId, user_id: userId, created_at: at })
        .onConflict((oc) => oc.columns(['target_kind', 'target_id', 'user_id']).doNothing())
        .execute();
    },
    async unfollow(kind: TargetKind, targetId: number, userId: number): Promise<void> {
      await db
        .deleteFrom('voice_follows')
        .where('target_kind', '=', kind)
        .where('target_id', '=', targetId)
        .where('user_id', '=', userId)
        .execute();
    },
    async follows(kind: TargetKind, targetId: number, userId: number): Promise<boolean> {
      const r = await db
        .selectFrom('voice_follows')
        .select('user_id')
        .where('target_kind', '=', kind)
        .where('target_id', '=', targetId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return !!r;
    },
    async followers(kind: TargetKind, targetId: number): Promise<number[]> {
      const rows = await db
        .selectFrom('voice_follows')
        .select('user_id')
        .where('target_kind', '=', kind)
        .where('target_id', '=', targetId)
        .execute();
      return rows.map((r) => Number(r.user_id));
    },

    // ---- settings and blocklist ----
    async premoderation(organisationId: number, on: Db = db): Promise<Premoderation> {
      const r = await on
        .selectFrom('voice_settings')
        .select('premoderation')
        .where('organisation_id', '=', organisationId)
        .executeTakeFirst();
      return (r?.premoderation as Premoderation | undefined) ?? 'first';
    },
    async setPremoderation(organisationId: number, mode: Premoderation, by: number, at: string, on: Db = db) {
      await on
        .insertInto('voice_settings')
        .values({ organisation_id: organisationId, premoderation: mode, updated_by: by, updated_at: at })
        .onConflict((oc) =>
          oc.column('organisation_id').doUpdateSet({ premoderation: mode, updated_by: by, updated_at: at }),
        )
        .execute();
    },
    async blockedWords(on: Db = db): Promise<{ id: number; word: string; createdAt: string }[]> {
      const rows = await on.selectFrom('voice_blocked_words').selectAll().orderBy('word').execute();
      return rows.map((r) => ({ id: Number(r.id), word: r.word, createdAt: r.created_at }));
    },
    async addBlockedWord(word: string, by: number | null, at: string, on: Db = db): Promise<boolean> {
      const r = await on
        .insertInto('voice_blocked_words')
        .values({ word, created_by: by, created_at: at })
        .onConflict((oc) => oc.column('word').doNothing())
        .returning('id')
        .executeTakeFirst();
      return !!r;
    },
    async removeBlockedWord(id: number, on: Db = db): Promise<string | null> {
      const r = await on.selectFrom('voice_blocked_words').select('word').where('id', '=', id).executeTakeFirst();
      if (!r) return null;
      await on.deleteFrom('voice_blocked_words').where('id', '=', id).execute();
      return r.word;
    },

    // ---- personal data ----
    async byPerson(userId: number) {
      const own = await profile(userId);
      const messages = await db
        .selectFrom('voice_messages')
        .selectAll()
        .where('author_id', '=', userId)
        .orderBy('id')
        .execute();
      const reports = await db.selectFrom('voice_reports').selectAll().where('user_id', '=', userId).execute();
      const follows = await db.selectFrom('voice_follows').selectAll().where('user_id', '=', userId).execute();
      return {
        profile: own && { pseudonym: own.pseudonym, blockedAt: own.blockedAt, createdAt: own.createdAt },
        messages: messages.map(toMessage).map((m) => ({
          id: m.id,
          target: `${m.targetKind}:${m.targetId}`,
          kind: m.kind,
          body: m.body,
          status: m.status,
          createdAt: m.createdAt,
        })),
        reports: reports.map((r) => ({ messageId: Number(r.message_id), reason: r.reason, createdAt: r.created_at })),
        follows: follows.map((f) => ({ target: `${f.target_kind}:${f.target_id}`, since: f.created_at })),
      };
    },
    /**
     * Account deletion: the messages stay, without their author (« Contribution d'un compte supprimé ») nor the hash
     * of their address; the pseudonym, reports (their count on the message stays) and follows are deleted.
     */
    async erasePerson(userId: number, trx: Db): Promise<void> {
      await trx
        .updateTable('voice_messages')
        .set({ author_id: null, address_key: null })
        .where('author_id', '=', userId)
        .execute();
      await trx.updateTable('voice_messages').set({ decided_by: null }).where('decided_by', '=', userId).execute();
      await trx.deleteFrom('voice_reports').where('user_id', '=', userId).execute();
      await trx.deleteFrom('voice_follows').where('user_id', '=', userId).execute();
      await trx.updateTable('voice_profiles').set({ blocked_by: null }).where('blocked_by', '=', userId).execute();
      await trx.deleteFrom('voice_profiles').where('user_id', '=', userId).execute();
      await trx.updateTable('voice_settings').set({ updated_by: null }).where('updated_by', '=', userId).execute();
      await trx.updateTable('voice_blocked_words').set({ created_by: null }).where('created_by', '=', userId).execute();
    },
  };
}
