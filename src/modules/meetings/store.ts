/**
 * The only code that reads or writes the tables of meetings (`meetings`, `meeting_agenda_items`,
 * `meeting_documents`, `meeting_registrations`, `meeting_minutes`, `meeting_decisions`, `meeting_actions`,
 * `meeting_reminders`, `meeting_feed_tokens`).
 */
import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type {
  ActionRecord,
  ActionStatus,
  AgendaItem,
  AttendanceMode,
  DocumentLink,
  MeetingInput,
  MeetingRecord,
  MeetingStatus,
  MeetingVisibility,
  MinutesRevision,
  Publication,
  RegistrationRecord,
  RegistrationStatus,
} from './model.ts';
import type { MeetingActionsTable, MeetingMinutesTable, MeetingRegistrationsTable, MeetingsTable } from './tables.ts';
import './tables.ts';

/** THE mapper of `meetings` rows (agenda and documents read beside them). */
function toMeeting(r: Selectable<MeetingsTable>, agenda: AgendaItem[], documents: DocumentLink[]): MeetingRecord {
  return {
    id: Number(r.id),
    groupId: Number(r.group_id),
    title: r.title,
    description: r.description,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    place: r.place ?? null,
    videoUrl: r.video_url ?? null,
    visibility: r.visibility as MeetingVisibility,
    capacity: r.capacity == null ? null : Number(r.capacity),
    status: r.status as MeetingStatus,
    sequence: Number(r.sequence),
    version: Number(r.version),
    agenda,
    documents,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** THE mapper of `meeting_registrations` rows. */
function toRegistration(r: Selectable<MeetingRegistrationsTable>): RegistrationRecord {
  return {
    id: Number(r.id),
    meetingId: Number(r.meeting_id),
    userId: Number(r.user_id),
    status: r.status as RegistrationStatus,
    mode: r.mode as AttendanceMode,
    attended: r.attended == null ? null : Number(r.attended) === 1,
    createdAt: r.created_at,
  };
}

/** THE mapper of `meeting_minutes` rows. */
function toMinutes(r: Selectable<MeetingMinutesTable>): MinutesRevision {
  return {
    id: Number(r.id),
    meetingId: Number(r.meeting_id),
    revision: Number(r.revision),
    body: r.body,
    publication: r.publication as Publication,
    authorId: r.author_id == null ? null : Number(r.author_id),
    createdAt: r.created_at,
  };
}

/** THE mapper of `meeting_actions` rows. */
function toAction(r: Selectable<MeetingActionsTable>): ActionRecord {
  return {
    id: Number(r.id),
    meetingId: Number(r.meeting_id),
    groupId: Number(r.group_id),
    title: r.title,
    ownerId: r.owner_id == null ? null : Number(r.owner_id),
    dueDate: r.due_date ?? null,
    status: r.status as ActionStatus,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export type MeetingsStore = ReturnType<typeof createMeetingsStore>;

/** Meetings with their agenda and documents. */
function meetingRows(db: Db) {
  async function withParts(rows: Selectable<MeetingsTable>[], on: Db = db): Promise<MeetingRecord[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => Number(r.id));
    const [items, docs] = await Promise.all([
      on.selectFrom('meeting_agenda_items').selectAll().where('meeting_id', 'in', ids).orderBy('position').execute(),
      on.selectFrom('meeting_documents').selectAll().where('meeting_id', 'in', ids).orderBy('position').execute(),
    ]);
    return rows.map((r) => {
      const id = Number(r.id);
      return toMeeting(
        r,
        items
          .filter((i) => Number(i.meeting_id) === id)
          .map((i) => ({
            title: i.title,
            speakerName: i.speaker_name ?? null,
            speakerFunction: i.speaker_function ?? null,
            guest: Number(i.speaker_guest) === 1,
          })),
        docs
          .filter((d) => Number(d.meeting_id) === id)
          .map((d) => ({ title: d.title, url: d.url, phase: d.phase === 'after' ? 'after' : 'before' })),
      );
    });
  }

  async function writeParts(trx: Db, id: number, input: MeetingInput) {
    await trx.deleteFrom('meeting_agenda_items').where('meeting_id', '=', id).execute();
    await trx.deleteFrom('meeting_documents').where('meeting_id', '=', id).execute();
    if (input.agenda.length)
      await trx
        .insertInto('meeting_agenda_items')
        .values(
          input.agenda.map((a, i) => ({
            meeting_id: id,
            position: i + 1,
            title: a.title,
            speaker_name: a.speakerName,
            speaker_function: a.speakerFunction,
            speaker_guest: a.guest ? 1 : 0,
          })),
        )
        .execute();
    if (input.documents.length)
      await trx
        .insertInto('meeting_documents')
        .values(
          input.documents.map((d, i) => ({
            meeting_id: id,
            position: i + 1,
            title: d.title,
            url: d.url,
            phase: d.phase,
          })),
        )
        .execute();
  }

  const columns = (input: MeetingInput) => ({
    title: input.title,
    description: input.description,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    place: input.place,
    video_url: input.videoUrl,
    visibility: input.visibility,
    capacity: input.capacity,
  });

  return {
    async find(id: number, on: Db = db): Promise<MeetingRecord | null> {
      const row = await on.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? ((await withParts([row], on))[0] ?? null) : null;
    },

    async insert(trx: Db, groupId: number, input: MeetingInput, by: number | null, now: string): Promise<number> {
      const row = await trx
        .insertInto('meetings')
        .values({
          ...columns(input),
          group_id: groupId,
          created_by: by,
          updated_by: by,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(row.id);
      await writeParts(trx, id, input);
      return id;
    },

    /** Applies on the version read only (false: someone saved in between); `bump` increments SEQUENCE. */
    async update(
      trx: Db,
      id: number,
      version: number,
      input: MeetingInput,
      bump: boolean,
      by: number | null,
      now: string,
    ): Promise<boolean> {
      const r = await trx
        .updateTable('meetings')
        .set((eb) => ({
          ...columns(input),
          version: eb('version', '+', 1),
          sequence: bump ? eb('sequence', '+', 1) : eb.ref('sequence'),
          updated_by: by,
          updated_at: now,
        }))
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await writeParts(trx, id, input);
      return true;
    },

    async cancel(trx: Db, id: number, by: number | null, now: string): Promise<boolean> {
      const r = await trx
        .updateTable('meetings')
        .set((eb) => ({
          status: 'cancelled',
          version: eb('version', '+', 1),
          sequence: eb('sequence', '+', 1),
          updated_by: by,
          updated_at: now,
        }))
        .where('id', '=', id)
        .where('status', '=', 'scheduled')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Meetings starting in [from, to) (either bound optional), of these groups when given, by start. */
    async between(filter: { from?: string; to?: string; groupIds?: readonly number[]; includeCancelled?: boolean }) {
      let q = db.selectFrom('meetings').selectAll();
      if (filter.from) q = q.where('starts_at', '>=', filter.from);
      if (filter.to) q = q.where('starts_at', '<', filter.to);
      if (filter.groupIds) {
        if (!filter.groupIds.length) return [];
        q = q.where('group_id', 'in', [...filter.groupIds]);
      }
      if (!filter.includeCancelled) q = q.where('status', '=', 'scheduled');
      return withParts(await q.orderBy('starts_at').orderBy('id').limit(2000).execute());
    },

    async lastBefore(groupId: number, iso: string): Promise<MeetingRecord | null> {
      const row = await db
        .selectFrom('meetings')
        .selectAll()
        .where('group_id', '=', groupId)
        .where('status', '=', 'scheduled')
        .where('starts_at', '<', iso)
        .orderBy('starts_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? ((await withParts([row]))[0] ?? null) : null;
    },

    async nextAfter(groupId: number, iso: string): Promise<MeetingRecord | null> {
      const row = await db
        .selectFrom('meetings')
        .selectAll()
        .where('group_id', '=', groupId)
        .where('status', '=', 'scheduled')
        .where('starts_at', '>', iso)
        .orderBy('starts_at')
        .limit(1)
        .executeTakeFirst();
      return row ? ((await withParts([row]))[0] ?? null) : null;
    },
  };
}

/** Registrations and the waiting list. */
function registrationRows(db: Db) {
  return {
    // ---- registrations ----
    async registrations(meetingId: number, on: Db = db): Promise<RegistrationRecord[]> {
      const rows = await on
        .selectFrom('meeting_registrations')
        .selectAll()
        .where('meeting_id', '=', meetingId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toRegistration);
    },

    async registrationsOfUser(userId: number): Promise<RegistrationRecord[]> {
      const rows = await db.selectFrom('meeting_registrations').selectAll().where('user_id', '=', userId).execute();
      return rows.map(toRegistration);
    },

    /** Locks the meeting row for the registration's transaction (PostgreSQL; SQLite has one writer). */
    async lockMeeting(trx: Db, id: number, dialect: string): Promise<void> {
      if (dialect === 'postgres')
        await trx.selectFrom('meetings').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
      else await trx.updateTable('meetings').set({ id }).where('id', '=', id).execute();
    },

    /** A new registration, or a cancelled one taken up again (one row per person and meeting). */
    async register(
      trx: Db,
      meetingId: number,
      userId: number,
      status: 'registered' | 'waiting',
      mode: AttendanceMode,
      now: string,
    ): Promise<void> {
      const existing = await trx
        .selectFrom('meeting_registrations')
        .select('id')
        .where('meeting_id', '=', meetingId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (existing)
        await trx
          .updateTable('meeting_registrations')
          .set({ status, mode, attended: null, created_at: now, updated_at: now })
          .where('id', '=', existing.id)
          .execute();
      else
        await trx
          .insertInto('meeting_registrations')
          .values({ meeting_id: meetingId, user_id: userId, status, mode, created_at: now, updated_at: now })
          .execute();
    },

    async setRegistrationStatus(trx: Db, id: number, status: RegistrationStatus, now: string): Promise<void> {
      await trx.updateTable('meeting_registrations').set({ status, updated_at: now }).where('id', '=', id).execute();
    },

    async setAttendance(trx: Db, meetingId: number, attended: ReadonlyMap<number, boolean>, now: string) {
      for (const [userId, value] of attended)
        await trx
          .updateTable('meeting_registrations')
          .set({ attended: value ? 1 : 0, updated_at: now })
          .where('meeting_id', '=', meetingId)
          .where('user_id', '=', userId)
          .execute();
    },
  };
}

/** Minutes (every revision) and decisions. */
function minutesRows(db: Db) {
  return {
    // ---- minutes, decisions ----
    async minutes(meetingId: number): Promise<MinutesRevision[]> {
      const rows = await db
        .selectFrom('meeting_minutes')
        .selectAll()
        .where('meeting_id', '=', meetingId)
        .orderBy('revision', 'desc')
        .execute();
      return rows.map(toMinutes);
    },

    /** Adds a revision on top of `base` (the revision read); false when another was saved in between. */
    async addMinutes(
      trx: Db,
      meetingId: number,
      base: number,
      body: string,
      publication: Publication,
      authorId: number | null,
      now: string,
    ): Promise<boolean> {
      const last = await trx
        .selectFrom('meeting_minutes')
        .select((eb) => eb.fn.max('revision').as('max'))
        .where('meeting_id', '=', meetingId)
        .executeTakeFirst();
      if (Number(last?.max ?? 0) !== base) return false;
      await trx
        .insertInto('meeting_minutes')
        .values({ meeting_id: meetingId, revision: base + 1, body, publication, author_id: authorId, created_at: now })
        .execute();
      return true;
    },

    async decisions(meetingId: number): Promise<string[]> {
      const rows = await db
        .selectFrom('meeting_decisions')
        .select('text')
        .where('meeting_id', '=', meetingId)
        .orderBy('position')
        .execute();
      return rows.map((r) => r.text);
    },

    async setDecisions(trx: Db, meetingId: number, texts: readonly string[]): Promise<void> {
      await trx.deleteFrom('meeting_decisions').where('meeting_id', '=', meetingId).execute();
      if (texts.length)
        await trx
          .insertInto('meeting_decisions')
          .values(texts.map((text, i) => ({ meeting_id: meetingId, position: i + 1, text })))
          .execute();
    },

    /** Past meetings whose latest minutes are published at least to `publications`. */
    async withPublishedMinutes(meetingIds: readonly number[]): Promise<Map<number, MinutesRevision>> {
      if (!meetingIds.length) return new Map();
      const rows = await db
        .selectFrom('meeting_minutes')
        .selectAll()
        .where('meeting_id', 'in', [...meetingIds])
        .orderBy('revision', 'desc')
        .execute();
      const latest = new Map<number, MinutesRevision>();
      for (const r of rows.map(toMinutes)) if (!latest.has(r.meetingId)) latest.set(r.meetingId, r);
      return latest;
    },
  };
}

/** Actions decided at meetings. */
function actionRows(db: Db) {
  return {
    // ---- actions ----
    async actionsOf(meetingId: number): Promise<ActionRecord[]> {
      const rows = await db
        .selectFrom('meeting_actions')
        .selectAll()
        .where('meeting_id', '=', meetingId)
        .orderBy('id')
        .execute();
      return rows.map(toAction);
    },

    async action(id: number, on: Db = db): Promise<ActionRecord | null> {
      const row = await on.selectFrom('meeting_actions').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toAction(row) : null;
    },

    async openActionsOfGroup(groupId: number): Promise<ActionRecord[]> {
      const rows = await db
        .selectFrom('meeting_actions')
        .selectAll()
        .where('group_id', '=', groupId)
        .where('status', 'in', ['todo', 'in_progress'])
        .orderBy('due_date')
        .orderBy('id')
        .execute();
      return rows.map(toAction);
    },

    async openActionsOfOwner(ownerId: number): Promise<ActionRecord[]> {
      const rows = await db
        .selectFrom('meeting_actions')
        .selectAll()
        .where('owner_id', '=', ownerId)
        .where('status', 'in', ['todo', 'in_progress'])
        .orderBy('due_date')
        .orderBy('id')
        .execute();
      return rows.map(toAction);
    },

    async insertAction(
      trx: Db,
      a: { meetingId: number; groupId: number; title: string; ownerId: number | null; dueDate: string | null },
      now: string,
    ): Promise<number> {
      const row = await trx
        .insertInto('meeting_actions')
        .values({
          meeting_id: a.meetingId,
          group_id: a.groupId,
          title: a.title,
          owner_id: a.ownerId,
          due_date: a.dueDate,
          status: 'todo',
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    async setActionStatus(trx: Db, id: number, version: number, status: ActionStatus, now: string): Promise<boolean> {
      const r = await trx
        .updateTable('meeting_actions')
        .set((eb) => ({ status, version: eb('version', '+', 1), updated_at: now }))
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}

/** Reminders sent, private feed tokens, and a person's data (RGPD). */
function personRows(db: Db) {
  return {
    // ---- reminders (idempotence) ----
    /** Records a reminder as sent; false when it already was (another run, a retried job). */
    async markReminder(trx: Db, meetingId: number, kind: string, startsAt: string, now: string): Promise<boolean> {
      const r = await trx
        .insertInto('meeting_reminders')
        .values({ meeting_id: meetingId, kind, starts_at: startsAt, sent_at: now })
        .onConflict((oc) => oc.columns(['meeting_id', 'kind', 'starts_at']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    // ---- feed tokens ----
    async activeToken(userId: number): Promise<{ id: number; createdAt: string } | null> {
      const row = await db
        .selectFrom('meeting_feed_tokens')
        .select(['id', 'created_at'])
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return row ? { id: Number(row.id), createdAt: row.created_at } : null;
    },

    async userOfToken(hash: string): Promise<number | null> {
      const row = await db
        .selectFrom('meeting_feed_tokens')
        .select('user_id')
        .where('token_hash', '=', hash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row ? Number(row.user_id) : null;
    },

    async revokeTokens(trx: Db, userId: number, now: string): Promise<number> {
      const r = await trx
        .updateTable('meeting_feed_tokens')
        .set({ revoked_at: now })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    async insertToken(trx: Db, userId: number, hash: string, now: string): Promise<void> {
      await trx
        .insertInto('meeting_feed_tokens')
        .values({ user_id: userId, token_hash: hash, created_at: now })
        .execute();
    },

    // ---- personal data ----
    async byPerson(userId: number) {
      const [registrations, tokens, actions] = await Promise.all([
        db
          .selectFrom('meeting_registrations')
          .innerJoin('meetings', 'meetings.id', 'meeting_registrations.meeting_id')
          .select([
            'meetings.id as meeting_id',
            'meetings.title',
            'meetings.starts_at',
            'meeting_registrations.status',
            'meeting_registrations.mode',
            'meeting_registrations.attended',
            'meeting_registrations.created_at',
          ])
          .where('meeting_registrations.user_id', '=', userId)
          .orderBy('meetings.starts_at')
          .execute(),
        db
          .selectFrom('meeting_feed_tokens')
          .select(['created_at', 'revoked_at'])
          .where('user_id', '=', userId)
          .orderBy('id')
          .execute(),
        db.selectFrom('meeting_actions').selectAll().where('owner_id', '=', userId).orderBy('id').execute(),
      ]);
      return {
        registrations: registrations.map((r) => ({
          meetingId: Number(r.meeting_id),
          title: r.title,
          startsAt: r.starts_at,
          status: r.status,
          mode: r.mode,
          attended: r.attended == null ? null : Number(r.attended) === 1,
          registeredAt: r.created_at,
        })),
        calendarFeedTokens: tokens.map((t) => ({ createdAt: t.created_at, revokedAt: t.revoked_at ?? null })),
        actionsOwned: actions.map(toAction).map((a) => ({
          id: a.id,
          meetingId: a.meetingId,
          title: a.title,
          dueDate: a.dueDate,
          status: a.status,
        })),
      };
    },

    /** Erasure: registrations and feed tokens are deleted, owned actions lose their owner, authorship is forgotten. */
    async erasePerson(userId: number, trx: Db): Promise<void> {
      await trx.deleteFrom('meeting_registrations').where('user_id', '=', userId).execute();
      await trx.deleteFrom('meeting_feed_tokens').where('user_id', '=', userId).execute();
      await trx.updateTable('meeting_actions').set({ owner_id: null }).where('owner_id', '=', userId).execute();
      await trx.updateTable('meeting_minutes').set({ author_id: null }).where('author_id', '=', userId).execute();
      await trx.updateTable('meetings').set({ created_by: null }).where('created_by', '=', userId).execute();
      await trx.updateTable('meetings').set({ updated_by: null }).where('updated_by', '=', userId).execute();
    },
  };
}

export function createMeetingsStore(db: Db) {
  return { ...meetingRows(db), ...registrationRows(db), ...minutesRows(db), ...actionRows(db), ...personRows(db) };
}
