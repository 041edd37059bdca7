import type { PortableMigration } from '../platform/db/schema.ts';
import { withId } from '../platform/db/schema.ts';

/**
 * Sheets kept alive (library, issue 11 #7): one row per review reminder sent, so that the editors of a published sheet
 * whose next-review date has passed get one reminder per due date, never two (`due_on` is the date reminded).
 */
const migration: PortableMigration = {
  async up(db, dialect) {
    await withId(db.schema.createTable('use_case_review_reminders'), dialect)
      .addColumn('use_case_id', 'integer', (c) => c.notNull().references('use_cases.id').onDelete('cascade'))
      .addColumn('due_on', 'text', (c) => c.notNull())
      .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('sent_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('use_case_review_reminders_due', ['use_case_id', 'due_on'])
      .execute();
  },
};

export default migration;
