/**
 * Challenges (« défis »): domain types, reference lists (stages, roles) and pure rules (who may still join, which
 * stage may follow which). No I/O.
 */
import { commonsCategories, themes } from '../library/index.ts';

export const STAGES = [
  { code: 'call_for_interest', label: 'Appel à intérêt' },
  { code: 'scoping', label: 'Cadrage' },
  { code: 'building', label: 'Réalisation' },
  { code: 'published', label: 'Commun publié' },
  { code: 'abandoned', label: 'Abandonné' },
] as const;
export type Stage = (typeof STAGES)[number]['code'];
export const STAGE_CODES: Stage[] = STAGES.map((s) => s.code);

/** The roles of a participating organisation: authorities choose among the first three, partners are partners. */
export const ROLES = [
  { code: 'lead', label: 'Porteur', plural: 'Porteurs' },
  { code: 'contributor', label: 'Contributeur', plural: 'Contributeurs' },
  { code: 'observer', label: 'Observateur', plural: 'Observateurs' },
  { code: 'partner', label: 'Partenaire', plural: 'Partenaires' },
] as const;
export type Role = (typeof ROLES)[number]['code'];
export const AUTHORITY_ROLES = ['lead', 'contributor', 'observer'] as const satisfies readonly Role[];
export type AuthorityRole = (typeof AUTHORITY_ROLES)[number];

const labelIn = (list: readonly { code: string; label: string }[]) => (code: string | null) =>
  list.find((i) => i.code === code)?.label ?? code ?? '';
export const stageLabel = labelIn(STAGES);
export const roleLabel = labelIn(ROLES);
export const THEME_CODES = themes.codes;
export const CATEGORY_CODES = commonsCategories.codes;
export const themeLabel = (code: string) => themes.labelOf(code);
export const categoryLabel = (code: string) => commonsCategories.labelOf(code);

/** What a writer sets on a challenge (the form, a pooling suggestion, the demo seed). */
export interface ChallengeInput {
  title: string;
  need: string;
  expectedResult: string;
  data: string;
  hostingConstraints: string;
  personalDataConstraints: string;
  /** « AAAA-MM-JJ », or null: open until the stage closes it. */
  joinDeadline: string | null;
  themes: string[];
  commonsCategory: string | null;
  /** The authority that states the need (null: the coordinators). */
  statedByOrganisationId: number | null;
  plannedScopingOn: string | null;
  plannedBuildingOn: string | null;
  plannedPublicationOn: string | null;
}

export interface StageRecord {
  stage: Stage;
  reachedAt: string;
  note: string | null;
}

export interface ParticipantRecord {
  organisationId: number;
  role: Role;
  brings: string;
  joinedAt: string;
}

/** A stored challenge with its ties (store.ts reads it; never shown as such). */
export interface ChallengeRecord extends ChallengeInput {
  id: number;
  stage: Stage;
  abandonReason: string | null;
  commonsId: number | null;
  stages: StageRecord[];
  participants: ParticipantRecord[];
  useCaseIds: number[];
  invitedIds: number[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewsRecord {
  id: number;
  challengeId: number;
  title: string;
  body: string;
  postedAt: string;
}

export const LIMITS = { title: 200, text: 4000, brings: 1000, reason: 2000, newsTitle: 200, newsBody: 4000 } as const;

export const challengePath = (id: number) => `/defis/${id}`;

/** The stages that may follow `stage` (forward only; published and abandoned are final). */
export function nextStages(stage: Stage): Stage[] {
  switch (stage) {
    case 'call_for_interest':
      return ['scoping', 'abandoned'];
    case 'scoping':
      return ['building', 'abandoned'];
    case 'building':
      return ['published', 'abandoned'];
    default:
      return [];
  }
}

/** Whether organisations may still join on `today` (« AAAA-MM-JJ »): before building starts and the deadline. */
export function isOpenToJoin(c: { stage: Stage; joinDeadline: string | null }, today: string): boolean {
  return closedReason(c, today) === null;
}

/** Why nobody may join the challenge any more, in French, or null while registrations are open. */
export function closedReason(c: { stage: Stage; joinDeadline: string | null }, today: string): string | null {
  if (c.stage === 'abandoned') return 'Ce défi est abandonné : on ne peut plus le rejoindre.';
  if (c.stage === 'building' || c.stage === 'published')
    return `Ce défi en est au stade « ${stageLabel(c.stage)} » : les inscriptions sont closes depuis la fin du cadrage.`;
  if (c.joinDeadline && today > c.joinDeadline)
    return `La date limite pour rejoindre ce défi était le ${frenchDate(c.joinDeadline)} : les inscriptions sont closes.`;
  return null;
}

/** Why an organisation may not join, in French, or null when it may (the permission is checked apart). */
export function joinRefusal(
  c: { stage: Stage; joinDeadline: string | null; participants: readonly { organisationId: number }[] },
  organisationId: number,
  today: string,
): string | null {
  const closed = closedReason(c, today);
  if (closed) return closed;
  if (c.participants.some((p) => p.organisationId === organisationId))
    return 'Cet organisme participe déjà à ce défi : pour changer de rôle, quittez le défi puis rejoignez-le.';
  return null;
}

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** « 2026-03-01 » → « 1er mars 2026 » (pure, no time zone involved). */
export function frenchDate(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return day;
  const d = Number(m[3]);
  return `${d === 1 ? '1er' : d} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** A calendar date « AAAA-MM-JJ » that exists. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
