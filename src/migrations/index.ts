import type { PortableMigration } from '../platform/db/schema.ts';
import m0001 from './0001_platform.ts';
import m0002 from './0002_organisations_accounts.ts';
import m0003 from './0003_search.ts';
import m0004 from './0004_library.ts';
import m0005 from './0005_questionnaires.ts';
import m0006 from './0006_one_name_per_concept.ts';
import m0007 from './0007_ids_never_reused_token_expiry.ts';
import m0008 from './0008_contacts_networks.ts';
import m0009 from './0009_campaign_delivery.ts';
import m0010 from './0010_results_aggregates.ts';
import m0011 from './0011_search_synonyms.ts';
import m0012 from './0012_review_requests.ts';
import m0013 from './0013_logos_table.ts';
import m0016 from './0016_results_cells_by_question.ts';
import m0017 from './0017_ethics.ts';
import m0018 from './0018_review_reminders.ts';
import m0019 from './0019_commons.ts';
import m0020 from './0020_ethics_conditions.ts';
import m0021 from './0021_challenges.ts';
import m0022 from './0022_pooling.ts';
import m0023 from './0023_participation.ts';
import m0024 from './0024_voice.ts';
import m0025 from './0025_consultations.ts';
import m0026 from './0026_groups.ts';
import m0027 from './0027_meetings.ts';
import m0028 from './0028_use_cases_published_walk.ts';
import m0029 from './0029_indexed_lookups.ts';
import m0030 from './0030_search_fts_without_prefixes.ts';
import m0031 from './0031_versions_current_content.ts';

/**
 * Every migration, in order. Names are "NNNN_topic"; a migration never changes once it has landed:
 * add a new one instead. Each one must run on SQLite and PostgreSQL.
 */
export const migrations: Record<string, PortableMigration> = {
  '0001_platform': m0001,
  '0002_organisations_accounts': m0002,
  '0003_search': m0003,
  '0004_library': m0004,
  '0005_questionnaires': m0005,
  '0006_one_name_per_concept': m0006,
  '0007_ids_never_reused_token_expiry': m0007,
  '0008_contacts_networks': m0008,
  '0009_campaign_delivery': m0009,
  '0010_results_aggregates': m0010,
  '0011_search_synonyms': m0011,
  '0012_review_requests': m0012,
  '0013_logos_table': m0013,
  '0016_results_cells_by_question': m0016,
  '0017_ethics': m0017,
  '0018_review_reminders': m0018,
  '0019_commons': m0019,
  '0020_ethics_conditions': m0020,
  '0021_challenges': m0021,
  '0022_pooling': m0022,
  '0023_participation': m0023,
  '0024_voice': m0024,
  '0025_consultations': m0025,
  '0026_groups': m0026,
  '0027_meetings': m0027,
  '0028_use_cases_published_walk': m0028,
  '0029_indexed_lookups': m0029,
  '0030_search_fts_without_prefixes': m0030,
  '0031_versions_current_content': m0031,
};

/** The migrations before `name` (« 0031 »): a database as it was before that one, for the tests of a migration. */
export function migrationsBefore(name: string): Record<string, PortableMigration> {
  return Object.fromEntries(Object.entries(migrations).filter(([n]) => n < name));
}
