/**
 * The only code that reads or writes the library's tables (tables.ts): use_cases and library_state,
 * use_case_versions, use_case_events, use_case_reports, library_api_tokens,
 * library_logos and library_logo_sources. Portable SQL through Kysely<DB>
 * (SQLite and PostgreSQL), one typed mapper per table; split by table group under store/.
 */
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { createHistoryStore } from './store/history.ts';
import { createUseCaseKeysStore } from './store/keys.ts';
import { createLogoStore } from './store/logos.ts';
import { createPersonalDataStore } from './store/personal-data.ts';
import { createReportStore } from './store/reports.ts';
import { createReviewReminderStore } from './store/review-reminders.ts';
import { createTokenStore } from './store/tokens.ts';
import { createUseCaseCountsStore, createUseCaseStore, type IndexColumns } from './store/use-cases.ts';

export type { EventRow, VersionRow } from './store/history.ts';
export type { ListedReportRow, ReportRow } from './store/reports.ts';
export type { TokenRow } from './store/tokens.ts';
export type { IndexColumns, IndexRow, NewUseCase, UseCaseChanges, UseCaseRow } from './store/use-cases.ts';

/**
 * The library's store. `onWrite` is called whenever a change of `use_cases` is numbered (the facet index then looks
 * at the change counter again); `indexColumns` derives the sorting and facet columns from the visible content (the
 * search service's knowledge).
 */
export function createLibraryStore(db: Db, clock: Clock, hooks: { onWrite: () => void; indexColumns: IndexColumns }) {
  return {
    ...createUseCaseStore(db, clock, hooks.onWrite, hooks.indexColumns),
    ...createUseCaseCountsStore(db),
    ...createUseCaseKeysStore(db),
    ...createHistoryStore(db, clock),
    ...createReportStore(db, clock),
    ...createTokenStore(db, clock),
    ...createPersonalDataStore(db),
    ...createLogoStore(db, clock),
    ...createReviewReminderStore(db, clock),
  };
}

export type LibraryStore = ReturnType<typeof createLibraryStore>;
