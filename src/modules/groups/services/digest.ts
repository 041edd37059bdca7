/**
 * The digest for a group's next meeting (« synthèse »): what happened in the group's scope since its last meeting,
 * so that the agenda is prepared from facts — sheets of the followed list or of the members' bodies first published
 * or updated, census progress of the followed campaigns, news of the followed challenges, new initiatives, the
 * group's open actions. Read on /groupes/:id/synthese (members and leads) and mailed to the leads seven days before
 * the next meeting (a daily sweep job) or on request (« m'envoyer la synthèse »).
 */
import { authorize } from '../../../platform/auth/authorize.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { Platform } from '../../../platform/platform.ts';
import { type GroupRecord, groupPath } from '../model.ts';
import { canLead } from '../policy.ts';
import type { CampaignProgress, DigestItem, GroupsPorts, MeetingRef, OpenAction, SheetChange } from '../ports.ts';
import type { GroupsStore } from '../store.ts';
import type { FollowsService } from './follows.ts';
import { type GroupsService, MAIL_JOB } from './groups.ts';

/** The daily sweep that mails digests seven days before meetings. */
export const DIGEST_SWEEP_JOB = 'groups.send_digests';
/** One group's digest mailed to its leads for one meeting. */
export const DIGEST_JOB = 'groups.send_digest';
/** The hour (UTC) of the daily sweep. */
const SWEEP_HOUR = 'T06:00:00.000Z';
const DAY_MS = 86_400_000;
/** Without a previous meeting, the digest covers this many days. */
export const DEFAULT_PERIOD_DAYS = 30;
/** The digest is mailed this many days before the next meeting. */
export const DAYS_BEFORE_MEETING = 7;

export interface Digest {
  group: { id: number; name: string; path: string };
  /** Start of the period: the last meeting's start, or DEFAULT_PERIOD_DAYS ago. */
  since: string;
  until: string;
  lastMeeting: MeetingRef | null;
  nextMeeting: MeetingRef | null;
  /** False when the meetings module is not there (no meetings, no actions). */
  meetingsKnown: boolean;
  sheets: SheetChange[];
  campaigns: CampaignProgress[];
  challengeNews: DigestItem[] | null;
  initiatives: DigestItem[] | null;
  actions: OpenAction[] | null;
}

const frDate = (iso: string) =>
  new Date(iso).toLocaleDateString('fr-FR', {
    timeZone: 'Europe/Paris',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });

/** The digest as plain text (the e-mail). */
export function digestText(d: Digest, baseUrl: string): string {
  const url = (p: string) => (p.startsWith('http') ? p : `${baseUrl}${p}`);
  const lines: string[] = [
    `Synthèse du groupe « ${d.group.name} »`,
    `Du ${frDate(d.since)} au ${frDate(d.until)}${d.lastMeeting ? ' (depuis la dernière réunion)' : ''}.`,
  ];
  if (d.nextMeeting)
    lines.push(`Prochaine réunion : le ${frDate(d.nextMeeting.startsAt)} — ${url(d.nextMeeting.path)}`);
  lines.push('', 'Fiches publiées ou mises à jour :');
  if (!d.sheets.length) lines.push('  aucune');
  for (const s of d.sheets)
    lines.push(
      `  - ${s.title} (${s.change === 'created' ? 'nouvelle' : 'mise à jour'}, ${frDate(s.at)}) — ${url(s.path)}`,
    );
  lines.push('', 'Recensements suivis :');
  if (!d.campaigns.length) lines.push('  aucun');
  for (const c of d.campaigns)
    lines.push(
      `  - ${c.title} : ${c.invited} invités, ${c.started} ont commencé, ${c.submitted} ont envoyé leur réponse`,
    );
  if (d.challengeNews) {
    lines.push('', 'Actualités des défis suivis :');
    if (!d.challengeNews.length) lines.push('  aucune');
    for (const n of d.challengeNews) lines.push(`  - ${n.title} (${frDate(n.at)}) — ${url(n.path)}`);
  }
  if (d.initiatives) {
    lines.push('', 'Nouvelles initiatives :');
    if (!d.initiatives.length) lines.push('  aucune');
    for (const n of d.initiatives) lines.push(`  - ${n.title} (${frDate(n.at)}) — ${url(n.path)}`);
  }
  if (d.actions) {
    lines.push('', 'Actions ouvertes :');
    if (!d.actions.length) lines.push('  aucune');
    for (const a of d.actions)
      lines.push(
        `  - ${a.title}${a.ownerName ? ` — ${a.ownerName}` : ''}${a.dueDate ? `, pour le ${frDate(a.dueDate)}` : ''} — ${url(a.path)}`,
      );
  }
  lines.push('', `La synthèse en ligne : ${url(`${d.group.path}/synthese`)}`);
  return `${lines.join('\n')}\n`;
}

export function createDigestService({
  platform,
  store,
  ports,
  groups,
  follows,
}: {
  platform: Platform;
  store: GroupsStore;
  ports: GroupsPorts;
  groups: GroupsService;
  follows: FollowsService;
}) {
  const { clock, jobs, config, audit } = platform;

  async function build(group: GroupRecord): Promise<Digest> {
    const until = clock.iso();
    const meetings = ports.meetings?.() ?? null;
    const [lastMeeting, nextMeeting] = meetings
      ? await Promise.all([meetings.lastMeetingBefore(group.id, until), meetings.nextMeetingAfter(group.id, until)])
      : [null, null];
    const since = lastMeeting?.startsAt ?? new Date(clock.millis() - DEFAULT_PERIOD_DAYS * DAY_MS).toISOString();
    const followed = await follows.followedIds(group.id);
    const bodies = [
      ...new Set((await store.membersOf(group.id)).flatMap((m) => (m.organisationId ? [m.organisationId] : []))),
    ];
    const challenges = ports.challenges?.() ?? null;
    const initiatives = ports.initiatives?.() ?? null;
    const [sheets, campaigns, challengeNews, newInitiatives, actions] = await Promise.all([
      ports.sheets.changedSince(since, { ids: followed.sheet, organisationIds: bodies }),
      followed.campaign.length ? ports.campaigns.progress(followed.campaign) : Promise.resolve([]),
      challenges
        ? challenges.recentNews(since).then((news) => news.filter((n) => followed.challenge.includes(n.challengeId)))
        : Promise.resolve(null),
      initiatives ? initiatives.recentSince(since) : Promise.resolve(null),
      meetings ? meetings.openActions(group.id) : Promise.resolve(null),
    ]);
    return {
      group: { id: group.id, name: group.name, path: groupPath(group.id) },
      since,
      until,
      lastMeeting,
      nextMeeting,
      meetingsKnown: !!meetings,
      sheets,
      campaigns,
      challengeNews,
      initiatives: newInitiatives,
      actions,
    };
  }

  async function mailToLeads(group: GroupRecord, to: string[]): Promise<number> {
    if (!to.length) return 0;
    const digest = await build(group);
    await jobs.enqueue(MAIL_JOB, {
      to,
      subject: `Synthèse avant la prochaine réunion — ${group.name}`,
      text: digestText(digest, config.baseUrl),
    });
    return to.length;
  }

  async function scheduleSweep(day: string): Promise<void> {
    await jobs.enqueue(
      DIGEST_SWEEP_JOB,
      {},
      { runAt: new Date(`${day}${SWEEP_HOUR}`), uniqueKey: `${DIGEST_SWEEP_JOB}:${day}` },
    );
  }

  return {
    build,

    /** The digest page (members, leads, coordinators). */
    async forReader(actor: CurrentUser | null, groupId: number): Promise<Digest & { canSend: boolean }> {
      const group = await groups.get(groupId);
      const role = await groups.roleOf(actor?.id, groupId);
      authorize(actor, 'group.read_members_only', { role });
      return { ...(await build(group)), canSend: canLead(actor, role) };
    },

    /** « M'envoyer la synthèse »: a lead (or coordinator) gets the digest now. Audited `group.digest_sent`. */
    async sendToMe(actor: CurrentUser | null, groupId: number): Promise<void> {
      await groups.led(actor, groupId);
      const group = await groups.get(groupId);
      await mailToLeads(group, [actor!.email]);
      await audit.record({
        actorUserId: actor!.id,
        action: 'group.digest_sent',
        subjectType: 'group',
        subjectId: groupId,
        details: { to: 'self' },
      });
    },

    /** Job: one group's digest to its leads (for the meeting the sweep found). */
    async sendToLeads(payload: { groupId: number; meetingId?: number }): Promise<void> {
      const group = await store.findGroup(payload.groupId);
      if (!group) return;
      const leads = (await groups.members(group.id)).filter((m) => m.role === 'lead').map((m) => m.email);
      const sent = await mailToLeads(group, leads);
      if (sent)
        await audit.record({
          actorUserId: null,
          action: 'group.digest_sent',
          subjectType: 'group',
          subjectId: group.id,
          details: { to: 'leads', recipients: sent, meetingId: payload.meetingId ?? null },
        });
    },

    /** At start-up (reference seed): today's sweep, which then queues the next day's. */
    async scheduleToday(): Promise<void> {
      await scheduleSweep(clock.iso().slice(0, 10));
    },

    /**
     * The daily sweep: each group whose next meeting starts within DAYS_BEFORE_MEETING days gets its digest job,
     * once per meeting (unique key). Then tomorrow's sweep is queued. Without the meetings module, nothing to do.
     */
    async sweep(): Promise<number> {
      let queued = 0;
      const meetings = ports.meetings?.() ?? null;
      if (meetings) {
        const now = clock.iso();
        const horizon = clock.millis() + DAYS_BEFORE_MEETING * DAY_MS;
        for (const group of await store.allGroups()) {
          const next = await meetings.nextMeetingAfter(group.id, now);
          if (!next || new Date(next.startsAt).getTime() > horizon) continue;
          await jobs.enqueue(
            DIGEST_JOB,
            { groupId: group.id, meetingId: next.id },
            { uniqueKey: `${DIGEST_JOB}:${group.id}:${next.id}` },
          );
          queued++;
        }
      }
      const tomorrow = new Date(clock.millis() + DAY_MS).toISOString().slice(0, 10);
      await scheduleSweep(tomorrow);
      return queued;
    },
  };
}
export type DigestService = ReturnType<typeof createDigestService>;
