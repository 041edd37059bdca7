/** What every service of meetings is built from. */
import type { Platform } from '../../../platform/platform.ts';
import type { MeetingsPorts } from '../ports.ts';
import type { MeetingsStore } from '../store.ts';

export interface MeetingsContext {
  platform: Platform;
  store: MeetingsStore;
  ports: MeetingsPorts;
}

export const MAIL_JOB = 'meetings.send_mail';
export const REMINDER_JOB = 'meetings.send_reminder';
export const ACTION_REMINDER_JOB = 'meetings.send_action_reminder';

/** The site's address without a trailing slash. */
export const siteUrl = (platform: Platform) => platform.config.baseUrl.replace(/\/+$/, '');
