/**
 * Responsible AI (« IA responsable »): the domain's vocabulary. An assessment is one filled form of the engine about
 * one library sheet, of one of three kinds:
 * - `self`: the self-assessment (ALTAI's seven requirements, read also along the Montréal Declaration's principles);
 * - `ai_act`: the AI Act classification wizard;
 * - `law`: the French-law checklist (CRPA, GDPR, accessibility).
 *
 * Assessments are numbered per sheet and kind (version 1, 2…). A draft is kept however partly answered; signing it
 * freezes it (dated, signed by who did it); a new version starts from the previous one's answers. Everything stays
 * private to the sheet's authority and the coordinators until the authority publishes a signed assessment.
 *
 * Pure code only.
 */
import type { Answers, Form } from '../forms/index.ts';
import { aiActForm } from './ai-act.ts';
import { selfAssessmentForm } from './altai.ts';
import { lawForm } from './law.ts';

export const ASSESSMENT_KINDS = ['self', 'ai_act', 'law'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

/** How each kind is named (UI), and its path segment (French URLs). */
export const KIND_LABELS: Record<AssessmentKind, string> = {
  self: 'Auto-évaluation éthique',
  ai_act: 'Classification au titre du règlement européen sur l’IA',
  law: 'Obligations du droit français',
};
export const KIND_SHORT_LABELS: Record<AssessmentKind, string> = {
  self: 'auto-évaluation',
  ai_act: 'classification AI Act',
  law: 'liste des obligations',
};
export const KIND_SLUGS: Record<AssessmentKind, string> = {
  self: 'auto-evaluation',
  ai_act: 'reglement-ia',
  law: 'obligations',
};

export function kindOfSlug(slug: string): AssessmentKind | null {
  return (ASSESSMENT_KINDS.find((k) => KIND_SLUGS[k] === slug) as AssessmentKind | undefined) ?? null;
}

/** The form of each kind (built once: they are constants of the product). */
export const FORMS: Record<AssessmentKind, Form> = {
  self: selfAssessmentForm,
  ai_act: aiActForm,
  law: lawForm,
};

export type AssessmentStatus = 'draft' | 'signed';

/** One assessment, as the store returns it. */
export interface Assessment {
  id: number;
  useCaseId: number;
  organisationId: number;
  kind: AssessmentKind;
  /** 1, 2…: per sheet and kind. */
  number: number;
  status: AssessmentStatus;
  answers: Answers;
  /** Per answer key, the assessment version that last set it (concurrent saves, see forms' mergeConcurrent). */
  revisions: Record<string, number>;
  currentPage: string | null;
  /** Optimistic concurrency of the answers. */
  version: number;
  /** Public (the authority chose to publish it): only a signed assessment may be. */
  published: boolean;
  publishedAt: string | null;
  signedAt: string | null;
  signedBy: number | null;
  /** The signer's name as it was when signing (kept if the account is later deleted: « compte supprimé »). */
  signedName: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

/** The French status line of an assessment. */
export function statusText(a: Pick<Assessment, 'status' | 'published'>): string {
  if (a.status === 'draft') return 'Brouillon';
  return a.published ? 'Signée et publiée' : 'Signée, non publiée';
}
