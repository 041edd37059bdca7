import type { PortableMigration } from '../platform/db/schema.ts';
import { withId } from '../platform/db/schema.ts';

/**
 * Census results kept up to date as responses change, instead of being computed from every response on each view:
 * - `results_cells`: per campaign and breakdown (authority type, région; '' when unknown), one counter per question
 *   and cell (answered, a choice, a matrix cell, a rank, a number…); question '' holds the responses per version
 *   (`v:<id>`) and per authority (`o:<id>`);
 * - `results_texts`: the free texts (answers and « autre » precisions), newest first by response;
 * - `results_counted`: what each submitted response contributed (so that a change subtracts exactly that);
 * - `results_state`: the versions whose questions the counters were built with (absent: build on first read).
 * Campaigns get the smallest number of responses a published breakdown may show (`results_min_cell`, default 5).
 */
const migration: PortableMigration = {
  async up(db, dialect) {
    await db.schema
      .createTable('results_cells')
      .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
      .addColumn('organisation_type', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('question_id', 'text', (c) => c.notNull())
      .addColumn('cell', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('results_cells_pk', [
        'campaign_id',
        'organisation_type',
        'region_code',
        'question_id',
        'cell',
      ])
      .execute();

    await withId(db.schema.createTable('results_texts'), dialect)
      .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
      .addColumn('response_id', 'integer', (c) => c.notNull())
      .addColumn('organisation_type', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('question_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull()) // 't': the answer, 'o': the « autre » precision
      .addColumn('value', 'text', (c) => c.notNull())
      .addUniqueConstraint('results_texts_response', ['response_id', 'question_id', 'kind'])
      .execute();
    await db.schema
      .createIndex('results_texts_campaign')
      .on('results_texts')
      .columns(['campaign_id', 'question_id', 'kind', 'response_id'])
      .execute();

    await db.schema
      .createTable('results_counted')
      .addColumn('response_id', 'integer', (c) => c.primaryKey())
      .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
      .addColumn('version_id', 'integer', (c) => c.notNull())
      .addColumn('organisation_id', 'integer')
      .addColumn('organisation_type', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('answers', 'text', (c) => c.notNull()) // JSON: the answers as counted
      .execute();
    await db.schema.createIndex('results_counted_campaign').on('results_counted').column('campaign_id').execute();

    await db.schema
      .createTable('results_state')
      .addColumn('campaign_id', 'integer', (c) => c.primaryKey().references('campaigns.id').onDelete('cascade'))
      .addColumn('versions', 'text', (c) => c.notNull()) // JSON array of version ids
      .addColumn('built_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .alterTable('campaigns')
      .addColumn('results_min_cell', 'integer', (c) => c.notNull().defaultTo(5))
      .execute();
  },
};
export default migration;
