/**
 * Sheets kept alive (issue 11 #7), pure rules: when a published sheet is next reviewed (its « date du prochain
 * réexamen », else one year after its publication), when its information was last checked, whether its review is
 * overdue, and its completeness — which of the fields that make a sheet useful are filled, whether a self-assessment
 * is signed and a transparency notice published (responsible AI, through a port), whether a review date is set —
 * with what to add, for its editors.
 */
import { type ContentKey, type FormStepKey, fieldDef, type UseCaseContent } from '../fields.ts';
import { isEmpty } from './content.ts';

/** A published sheet without a review date of its own is reviewed this many years after its publication. */
export const REVIEW_AFTER_YEARS = 1;

/** `date` (YYYY-MM-DD, or an ISO instant) plus `years`, as YYYY-MM-DD (29 February becomes 28 February). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

export interface UpkeepSheet {
  state: string;
  publishedAt: string | null;
  content: Partial<Pick<UseCaseContent, 'nextReviewDate' | 'infoUpdatedOn'>>;
}

/** The date a published (or archived) sheet is next reviewed; null for a sheet never published. */
export function nextReviewOn(sheet: UpkeepSheet): string | null {
  if (!sheet.publishedAt || (sheet.state !== 'published' && sheet.state !== 'archived')) return null;
  return sheet.content.nextReviewDate || addYears(sheet.publishedAt, REVIEW_AFTER_YEARS);
}

/** The day the sheet's information was last checked (its last update, else its publication). */
export function verifiedOn(sheet: UpkeepSheet): string | null {
  return sheet.content.infoUpdatedOn || sheet.publishedAt?.slice(0, 10) || null;
}

/** A published sheet whose review date is today or past (`today`: YYYY-MM-DD). */
export function reviewOverdue(sheet: UpkeepSheet, today: string): boolean {
  if (sheet.state !== 'published') return false;
  const due = nextReviewOn(sheet);
  return due !== null && due <= today;
}

/** What responsible AI says of a sheet (through the library's `ethics` port). */
export interface EthicsStatus {
  /** A self-assessment (ALTAI) is signed. */
  assessmentSigned: boolean;
  /** A signed self-assessment is published by the authority (public). */
  assessmentPublished: boolean;
  /** A transparency notice is published (public). */
  noticePublished: boolean;
}

export const NO_ETHICS: EthicsStatus = { assessmentSigned: false, assessmentPublished: false, noticePublished: false };

/** The fields that make a sheet useful to a reader and to the L312-1-3 inventory, in form order. */
export const COMPLETENESS_FIELDS: readonly ContentKey[] = [
  'summary',
  'description',
  'goal',
  'theme',
  'projectStatus',
  'startDate',
  'contactEmail',
  'algorithmDescription',
  'techniques',
  'dataSources',
  'automationLevel',
  'legalBasis',
  'humanOversight',
  'affectedPublic',
  'objectionProcedure',
  'aiActRiskCategory',
  'nextReviewDate',
];

export interface CompletenessItem {
  key: string;
  label: string;
  done: boolean;
  /** Where to add it: a step of the form, or the sheet's « IA responsable » page. */
  where: { kind: 'step'; step: FormStepKey } | { kind: 'ethics' };
}

export interface Completeness {
  /** Whole percentage of the items done. */
  score: number;
  done: number;
  total: number;
  items: CompletenessItem[];
  /** The items still to add, in order. */
  missing: CompletenessItem[];
}

/**
 * The completeness of a sheet: one item per field of COMPLETENESS_FIELDS (filled or not), then a signed
 * self-assessment and a published transparency notice. Each item weighs the same; the score is the share done.
 */
export function completeness(content: Partial<UseCaseContent>, ethics: EthicsStatus): Completeness {
  const items: CompletenessItem[] = COMPLETENESS_FIELDS.map((key) => {
    const field = fieldDef(key);
    return {
      key,
      label: field.label,
      done: !isEmpty(content[key]),
      where: { kind: 'step', step: field.step ?? 'project' },
    };
  });
  items.push(
    {
      key: 'assessment',
      label: 'Auto-évaluation « IA responsable » signée',
      done: ethics.assessmentSigned,
      where: { kind: 'ethics' },
    },
    {
      key: 'notice',
      label: 'Notice de transparence publiée',
      done: ethics.noticePublished,
      where: { kind: 'ethics' },
    },
  );
  const done = items.filter((i) => i.done).length;
  return {
    score: Math.round((done / items.length) * 100),
    done,
    total: items.length,
    items,
    missing: items.filter((i) => !i.done),
  };
}
