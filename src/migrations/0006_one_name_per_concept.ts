import { sql } from 'kysely';
import type { PortableMigration } from '../platform/db/schema.ts';

/**
 * One form for job types (`<module>.<verb>_<object>`) and audit actions (`<entity>.<past participle>`), adopted
 * with the redesign: rows already in a database take the new names, so that pending jobs still find their handler
 * and the audit log reads one vocabulary. Data only; no table changes.
 */
export const JOB_TYPES: Record<string, string> = {
  'library.mail': 'library.send_mail',
  'organisations.mail': 'organisations.send_mail',
  'questionnaires.mail': 'questionnaires.send_mail',
  'questionnaires.announce': 'questionnaires.send_invitations',
  'questionnaires.reminder': 'questionnaires.send_reminder',
  'questionnaires.library-draft': 'questionnaires.create_use_case_draft',
};

/** Prefixes of jobs' unique keys (`<type>:<id>…`) that changed with their type. */
export const JOB_KEY_PREFIXES: Record<string, string> = {
  'questionnaires.announce:': 'questionnaires.send_invitations:',
  'questionnaires.reminder:': 'questionnaires.send_reminder:',
};

export const AUDIT_ACTIONS: Record<string, string> = {
  'library.token_created': 'api_token.created',
  'library.token_revoked': 'api_token.revoked',
  'questionnaire.create': 'questionnaire.created',
  'questionnaire.publish': 'questionnaire.published',
  'questionnaire.archive': 'questionnaire.archived',
  'campaign.create': 'campaign.created',
  'campaign.remind': 'campaign.reminded',
  'campaign.close': 'campaign.closed',
  'campaign.settings': 'campaign.settings_updated',
  'campaign.version': 'campaign.version_upgraded',
  'invitation.revoke': 'invitation.revoked',
  'invitation.renew': 'invitation.renewed',
  'response.submit': 'response.submitted',
  'response.reopen': 'response.reopened',
  'response.library_draft': 'response.use_case_drafted',
};

const migration: PortableMigration = {
  async up(db) {
    for (const [from, to] of Object.entries(JOB_TYPES)) {
      await sql`update jobs set type = ${to} where type = ${from}`.execute(db);
    }
    for (const [from, to] of Object.entries(JOB_KEY_PREFIXES)) {
      await sql`update jobs set unique_key = ${to} || substr(unique_key, ${from.length + 1})
        where substr(unique_key, 1, ${from.length}) = ${from}`.execute(db);
    }
    for (const [from, to] of Object.entries(AUDIT_ACTIONS)) {
      await sql`update audit_log set action = ${to} where action = ${from}`.execute(db);
    }
  },
};
export default migration;
