/**
 * The one presenter of a challenge: the view-model pages, the API, the open-data files, the feed and the calendar
 * show. Participants are grouped by role, partners apart; the timeline lists each stage reached with its date.
 */
import { type Actor, can } from '../../../platform/auth/authorize.ts';
import {
  type ChallengeRecord,
  categoryLabel,
  challengePath,
  closedReason,
  isOpenToJoin,
  type NewsRecord,
  ROLES,
  type Role,
  STAGES,
  type Stage,
  stageLabel,
  themeLabel,
} from '../model.ts';
import type { ChallengesPorts, OrganisationRef, SheetRef } from '../ports.ts';

export interface PresentedParticipant {
  id: number;
  code: string;
  name: string;
  type: string;
  typeLabel: string;
  role: Role;
  roleLabel: string;
  brings: string;
  joinedAt: string;
  path: string;
}

export interface PresentedChallenge {
  id: number;
  path: string;
  title: string;
  need: string;
  expectedResult: string;
  data: string;
  hostingConstraints: string;
  personalDataConstraints: string;
  joinDeadline: string | null;
  open: boolean;
  /** Why registrations are closed (French), or null while open. */
  closedReason: string | null;
  themes: { code: string; label: string }[];
  category: { code: string; label: string } | null;
  stage: Stage;
  stageLabel: string;
  abandonReason: string | null;
  /** The stages in order, each reached (with its date) or not; « abandonné » only when it happened. */
  timeline: { stage: Stage; label: string; reachedAt: string | null; note: string | null; current: boolean }[];
  planned: { scoping: string | null; building: string | null; publication: string | null };
  statedBy: { id: number; name: string; path: string } | null;
  /** Participants by role (leads, contributors, observers, then partners), each group in the order they joined. */
  groups: { role: Role; label: string; participants: PresentedParticipant[] }[];
  participants: PresentedParticipant[];
  invited: { id: number; name: string }[];
  sheets: SheetRef[];
  commons: { id: number; name: string; path: string } | null;
  news: NewsRecord[];
  version: number;
  createdAt: string;
  updatedAt: string;
  canWrite: boolean;
  canPostNews: boolean;
}

export function createPresenter(ports: ChallengesPorts, today: () => string) {
  return async function present(
    actor: Actor,
    records: readonly ChallengeRecord[],
    newsOf: (id: number) => Promise<NewsRecord[]> = async () => [],
  ): Promise<PresentedChallenge[]> {
    const orgIds = [
      ...new Set(
        records.flatMap((r) => [
          ...r.participants.map((p) => p.organisationId),
          ...r.invitedIds,
          ...(r.statedByOrganisationId ? [r.statedByOrganisationId] : []),
        ]),
      ),
    ];
    const sheetIds = [...new Set(records.flatMap((r) => r.useCaseIds))];
    const [orgs, sheets] = await Promise.all([
      orgIds.length ? ports.organisations.findByIds(orgIds) : Promise.resolve([] as OrganisationRef[]),
      sheetIds.length ? ports.useCases.publishedByIds(sheetIds) : Promise.resolve([] as SheetRef[]),
    ]);
    const orgById = new Map(orgs.map((o) => [o.id, o]));
    const sheetById = new Map(sheets.map((s) => [s.id, s]));
    const out: PresentedChallenge[] = [];
    for (const r of records) {
      const participants: PresentedParticipant[] = [];
      for (const p of r.participants) {
        const o = orgById.get(p.organisationId);
        if (!o) continue;
        participants.push({
          id: o.id,
          code: o.code,
          name: o.name,
          type: o.type,
          typeLabel: ports.organisations.typeLabel(o.type),
          role: p.role,
          roleLabel: ROLES.find((x) => x.code === p.role)?.label ?? p.role,
          brings: p.brings,
          joinedAt: p.joinedAt,
          path: `/collectivites/${o.id}`,
        });
      }
      const leadIds = r.participants.filter((p) => p.role === 'lead').map((p) => p.organisationId);
      const reached = new Map(r.stages.map((s) => [s.stage, s]));
      const timeline = STAGES.filter((s) => s.code !== 'abandoned' || r.stage === 'abandoned')
        .filter((s) => !(r.stage === 'abandoned' && s.code === 'published'))
        .map((s) => ({
          stage: s.code,
          label: s.label,
          reachedAt: reached.get(s.code)?.reachedAt ?? null,
          note: reached.get(s.code)?.note ?? null,
          current: s.code === r.stage,
        }));
      const stated = r.statedByOrganisationId ? orgById.get(r.statedByOrganisationId) : null;
      out.push({
        id: r.id,
        path: challengePath(r.id),
        title: r.title,
        need: r.need,
        expectedResult: r.expectedResult,
        data: r.data,
        hostingConstraints: r.hostingConstraints,
        personalDataConstraints: r.personalDataConstraints,
        joinDeadline: r.joinDeadline,
        open: isOpenToJoin(r, today()),
        closedReason: closedReason(r, today()),
        themes: r.themes.map((code) => ({ code, label: themeLabel(code) })),
        category: r.commonsCategory ? { code: r.commonsCategory, label: categoryLabel(r.commonsCategory) } : null,
        stage: r.stage,
        stageLabel: stageLabel(r.stage),
        abandonReason: r.abandonReason,
        timeline,
        planned: { scoping: r.plannedScopingOn, building: r.plannedBuildingOn, publication: r.plannedPublicationOn },
        statedBy: stated ? { id: stated.id, name: stated.name, path: `/collectivites/${stated.id}` } : null,
        groups: ROLES.map((role) => ({
          role: role.code,
          label: role.plural,
          participants: participants.filter((p) => p.role === role.code),
        })).filter((g) => g.participants.length),
        participants,
        invited: r.invitedIds
          .filter((id) => !r.participants.some((p) => p.organisationId === id))
          .map((id) => orgById.get(id))
          .filter((o): o is OrganisationRef => !!o)
          .map((o) => ({ id: o.id, name: o.name })),
        sheets: r.useCaseIds.map((id) => sheetById.get(id)).filter((s): s is SheetRef => !!s),
        commons: r.commonsId ? await ports.commons.find(r.commonsId) : null,
        news: await newsOf(r.id),
        version: r.version,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
        canWrite: can(actor, 'challenge.write', { statedById: r.statedByOrganisationId, leadIds }),
        canPostNews: can(actor, 'challenge.post_news', { leadIds }),
      });
    }
    return out;
  };
}
export type Presenter = ReturnType<typeof createPresenter>;

/** The public JSON form of a challenge (API, open-data JSON). */
export function challengeJson(c: PresentedChallenge, baseUrl: string) {
  const participant = (p: PresentedParticipant) => ({
    id: p.id,
    name: p.name,
    type: p.type,
    role: p.role,
    brings: p.brings,
    joined_at: p.joinedAt,
  });
  return {
    id: c.id,
    url: `${baseUrl}${c.path}`,
    title: c.title,
    need: c.need,
    expected_result: c.expectedResult,
    data: c.data,
    hosting_constraints: c.hostingConstraints,
    personal_data_constraints: c.personalDataConstraints,
    join_deadline: c.joinDeadline,
    open_to_join: c.open,
    themes: c.themes.map((t) => t.code),
    commons_category: c.category?.code ?? null,
    stage: c.stage,
    abandon_reason: c.abandonReason,
    stages: c.timeline.filter((t) => t.reachedAt).map((t) => ({ stage: t.stage, date: t.reachedAt! })),
    planned: c.planned,
    stated_by: c.statedBy ? { id: c.statedBy.id, name: c.statedBy.name } : null,
    participants: c.participants.map(participant),
    use_cases: c.sheets.map((s) => ({ id: s.id, title: s.title, url: `${baseUrl}${s.path}` })),
    commons: c.commons ? { id: c.commons.id, name: c.commons.name, url: `${baseUrl}${c.commons.path}` } : null,
    news: c.news.map((n) => ({ id: n.id, date: n.postedAt, title: n.title, text: n.body })),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}
export type ChallengeJson = ReturnType<typeof challengeJson>;
