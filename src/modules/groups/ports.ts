/**
 * What working groups need from other modules, as plain functions (wired in src/modules/index.ts).
 * `meetings`, `challenges` and `initiatives` are optional: those modules are younger than this one; without them the
 * group page has no meetings section and a group cannot follow challenges or initiatives.
 */

export interface PersonRef {
  id: number;
  email: string;
  name: string;
  disabled?: boolean;
}

export interface OrganisationRef {
  id: number;
  name: string;
  type: string;
}

/** Something a group follows, as its page and digest show it. */
export interface FollowedRef {
  id: number;
  title: string;
  path: string;
}

/** A change the digest reports (a sheet published or updated, a challenge's news, a new initiative…). */
export interface DigestItem {
  title: string;
  path: string;
  /** ISO date of the change. */
  at: string;
  detail?: string | null;
}

export interface SheetChange extends DigestItem {
  id: number;
  organisationId: number;
  /** « created »: first published in the period; « updated »: published before, changed in the period. */
  change: 'created' | 'updated';
}

export interface CampaignProgress {
  id: number;
  title: string;
  path: string;
  invited: number;
  started: number;
  submitted: number;
}

export interface MeetingRef {
  id: number;
  startsAt: string;
  path: string;
}

export interface UpcomingMeeting extends MeetingRef {
  title: string;
}

export interface OpenAction {
  id: number;
  title: string;
  ownerName: string | null;
  dueDate: string | null;
  status: string;
  path: string;
}

/** The meetings' api as groups use it (MeetingsApi). */
export interface MeetingsPort {
  lastMeetingBefore(groupId: number, iso: string): Promise<MeetingRef | null>;
  nextMeetingAfter(groupId: number, iso: string): Promise<MeetingRef | null>;
  openActions(groupId: number): Promise<OpenAction[]>;
  upcoming(groupId: number): Promise<UpcomingMeeting[]>;
}

export interface GroupsPorts {
  people: {
    /** People by id (unknown ids left out). */
    findUsers(ids: number[]): Promise<PersonRef[]>;
    /** A person by e-mail address (leads add members by address), or null. */
    findByEmail(email: string): Promise<PersonRef | null>;
  };
  organisations: {
    findByIds(ids: readonly number[]): Promise<OrganisationRef[]>;
    /** A person's active memberships. */
    activeRolesOfUser(userId: number): Promise<{ organisationId: number }[]>;
    typeLabel(type: string): string;
  };
  sheets: {
    /** The published sheets among these ids. */
    publishedByIds(ids: readonly number[]): Promise<(FollowedRef & { organisationId: number })[]>;
    /** Sheets published or updated since `sinceIso`, among these ids or of these bodies. */
    changedSince(
      sinceIso: string,
      scope: { ids: readonly number[]; organisationIds: readonly number[] },
    ): Promise<SheetChange[]>;
    /** Published sheets whose title matches (the « suivre une fiche » picker). */
    search(query: string, limit: number): Promise<FollowedRef[]>;
  };
  campaigns: {
    /** Campaigns by id (unknown left out). */
    findByIds(ids: readonly number[]): Promise<FollowedRef[]>;
    /** Every campaign that may be followed (open or closed), newest first. */
    list(): Promise<FollowedRef[]>;
    /** Census progress: invited, started and submitted counts. */
    progress(ids: readonly number[]): Promise<CampaignProgress[]>;
  };
  /** Challenges (module `challenges`), when it exists. */
  challenges?: () => {
    findByIds(ids: readonly number[]): Promise<FollowedRef[]>;
    /** News posted since `sinceIso` (of every challenge: groups keep the followed ones). */
    recentNews(sinceIso: string): Promise<(DigestItem & { challengeId: number })[]>;
  };
  /** Citizen initiatives (module `participation`), when it exists. */
  initiatives?: () => {
    findByIds(ids: readonly number[]): Promise<FollowedRef[]>;
    /** Initiatives published since `sinceIso`. */
    recentSince(sinceIso: string): Promise<(DigestItem & { id: number })[]>;
  };
  /** Meetings (module `meetings`), when it exists. */
  meetings?: () => MeetingsPort;
  /** What the demo content needs (demo mode only): bodies and people to place in the groups. */
  demo: {
    organisationByCode(code: string): Promise<OrganisationRef | null>;
    organisationsOfType(type: string, limit: number): Promise<OrganisationRef[]>;
    /** The account with this address, created (confirmed, no password: sign-in by link) when missing; its id. */
    ensurePerson(email: string, name: string): Promise<number>;
    /** Makes the person an active member of the body (idempotent). */
    ensureMembership(userId: number, organisationId: number): Promise<void>;
  };
}
