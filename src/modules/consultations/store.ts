/** The only code that reads or writes the consultations' tables (one mapper per table). */
import type { Selectable } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Answers, Form } from '../forms/index.ts';
import type { Consultation, ConsultationMode } from './model.ts';
import type { ConsultationsTable } from './tables.ts';

function toConsultation(r: Selectable<ConsultationsTable>): Consultation {
  return {
    id: Number(r.id),
    organisationId: Number(r.organisation_id),
    useCaseId: Number(r.use_case_id),
    title: r.title,
    introduction: r.introduction,
    form: JSON.parse(r.form) as Form,
    opensAt: r.opens_at,
    closesAt: r.closes_at,
    mode: r.mode as ConsultationMode,
    minCell: Number(r.min_cell),
    synthesis: r.synthesis,
    changes: r.changes,
    synthesisPublishedAt: r.synthesis_published_at,
    version: Number(r.version),
    createdBy: r.created_by == null ? null : Number(r.created_by),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface ConsultationInput {
  organisationId: number;
  useCaseId: number;
  title: string;
  introduction: string;
  form: Form;
  opensAt: string;
  closesAt: string;
  mode: ConsultationMode;
}

export interface StoredAnswer {
  id: number;
  consultationId: number;
  userId: number | null;
  answers: Answers;
  createdAt: string;
}

export function createConsultationsStore(db: Db, clock: Clock) {
  return {
    async find(id: number, trx: Db = db): Promise<Consultation | null> {
      const row = await trx.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toConsultation(row) : null;
    },

    /** Every consultation, the most recent opening first. */
    async list(filter: { organisationIds?: readonly number[] } = {}): Promise<Consultation[]> {
      let q = db.selectFrom('consultations').selectAll();
      if (filter.organisationIds) {
        if (!filter.organisationIds.length) return [];
        q = q.where('organisation_id', 'in', [...filter.organisationIds]);
      }
      const rows = await q.orderBy('opens_at', 'desc').orderBy('id', 'desc').execute();
      return rows.map(toConsultation);
    },

    async ofSheet(useCaseId: number): Promise<Consultation[]> {
      const rows = await db
        .selectFrom('consultations')
        .selectAll()
        .where('use_case_id', '=', useCaseId)
        .orderBy('opens_at', 'desc')
        .execute();
      return rows.map(toConsultation);
    },

    async create(input: ConsultationInput, actorId: number | null, trx: Db = db): Promise<number> {
      const now = clock.iso();
      const row = await trx
        .insertInto('consultations')
        .values({
          organisation_id: input.organisationId,
          use_case_id: input.useCaseId,
          title: input.title,
          introduction: input.introduction,
          form: JSON.stringify(input.form),
          opens_at: input.opensAt,
          closes_at: input.closesAt,
          mode: input.mode,
          created_by: actorId,
          updated_by: actorId,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    /** Changes a consultation at `version`; false when someone changed it meanwhile. */
    async update(
      id: number,
      version: number,
      changes: Partial<Omit<ConsultationInput, 'organisationId' | 'useCaseId'>> & {
        synthesis?: string | null;
        changes?: string | null;
        synthesisPublishedAt?: string | null;
      },
      actorId: number | null,
      trx: Db = db,
    ): Promise<boolean> {
      const set: Record<string, unknown> = { version: version + 1, updated_by: actorId, updated_at: clock.iso() };
      if (changes.title !== undefined) set.title = changes.title;
      if (changes.introduction !== undefined) set.introduction = changes.introduction;
      if (changes.form !== undefined) set.form = JSON.stringify(changes.form);
      if (changes.opensAt !== undefined) set.opens_at = changes.opensAt;
      if (changes.closesAt !== undefined) set.closes_at = changes.closesAt;
      if (changes.mode !== undefined) set.mode = changes.mode;
      if (changes.synthesis !== undefined) set.synthesis = changes.synthesis;
      if (changes.changes !== undefined) set.changes = changes.changes;
      if (changes.synthesisPublishedAt !== undefined) set.synthesis_published_at = changes.synthesisPublishedAt;
      const result = await trx
        .updateTable('consultations')
        .set(set)
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    // ---- answers ----

    async answersOf(consultationId: number): Promise<StoredAnswer[]> {
      const rows = await db
        .selectFrom('consultation_answers')
        .select(['id', 'consultation_id', 'user_id', 'answers', 'created_at'])
        .where('consultation_id', '=', consultationId)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        consultationId: Number(r.consultation_id),
        userId: r.user_id == null ? null : Number(r.user_id),
        answers: JSON.parse(r.answers) as Answers,
        createdAt: r.created_at,
      }));
    },

    async countAnswers(consultationIds: readonly number[]): Promise<Map<number, number>> {
      if (!consultationIds.length) return new Map();
      const rows = await db
        .selectFrom('consultation_answers')
        .select(['consultation_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('consultation_id', 'in', [...consultationIds])
        .groupBy('consultation_id')
        .execute();
      return new Map(rows.map((r) => [Number(r.consultation_id), Number(r.n)]));
    },

    async hasAnswerBy(consultationId: number, who: { userId?: number; browserToken?: string }): Promise<boolean> {
      let q = db.selectFrom('consultation_answers').select('id').where('consultation_id', '=', consultationId);
      if (who.userId !== undefined) q = q.where('user_id', '=', who.userId);
      else if (who.browserToken !== undefined) q = q.where('browser_token', '=', who.browserToken);
      else return false;
      return (await q.executeTakeFirst()) !== undefined;
    },

    async answersFromAddressSince(consultationId: number, addressHash: string, since: string): Promise<number> {
      const row = await db
        .selectFrom('consultation_answers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('consultation_id', '=', consultationId)
        .where('address_hash', '=', addressHash)
        .where('created_at', '>=', since)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async addAnswer(
      input: {
        consultationId: number;
        userId: number | null;
        answers: Answers;
        browserToken: string;
        addressHash: string;
      },
      trx: Db = db,
    ): Promise<number> {
      const row = await trx
        .insertInto('consultation_answers')
        .values({
          consultation_id: input.consultationId,
          user_id: input.userId,
          answers: JSON.stringify(input.answers),
          browser_token: input.browserToken,
          address_hash: input.addressHash,
          created_at: clock.iso(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    // ---- personal data ----

    /** A person's signed-in answers and the consultations they created (RGPD export). */
    async byPerson(userId: number) {
      const answers = await db
        .selectFrom('consultation_answers')
        .innerJoin('consultations', 'consultations.id', 'consultation_answers.consultation_id')
        .select([
          'consultation_answers.id as id',
          'consultations.id as consultation_id',
          'consultations.title as title',
          'consultation_answers.answers as answers',
          'consultation_answers.created_at as created_at',
        ])
        .where('consultation_answers.user_id', '=', userId)
        .orderBy('consultation_answers.id')
        .execute();
      const created = await db
        .selectFrom('consultations')
        .select(['id', 'title', 'created_at'])
        .where('created_by', '=', userId)
        .orderBy('id')
        .execute();
      return {
        answers: answers.map((a) => ({
          id: Number(a.id),
          consultationId: Number(a.consultation_id),
          consultation: a.title,
          answers: JSON.parse(a.answers) as Answers,
          createdAt: a.created_at,
        })),
        consultationsCreated: created.map((c) => ({ id: Number(c.id), title: c.title, createdAt: c.created_at })),
      };
    },

    /**
     * Erasure: the person's signed-in answers are deleted (a free text may say who they are; the counts of a closed
     * consultation's published synthesis were written by the authority and stay as written); the consultations
     * they created lose their author.
     */
    async erasePerson(userId: number, trx: Db) {
      await trx.deleteFrom('consultation_answers').where('user_id', '=', userId).execute();
      await trx.updateTable('consultations').set({ created_by: null }).where('created_by', '=', userId).execute();
      await trx.updateTable('consultations').set({ updated_by: null }).where('updated_by', '=', userId).execute();
    },
  };
}

export type ConsultationsStore = ReturnType<typeof createConsultationsStore>;
