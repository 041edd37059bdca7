/**
 * The evidence behind the network's « conditions de réussite », computed from the public sheets across the network
 * and their latest SIGNED assessments (drafts never count). What it shows is public, so it shows aggregates only:
 *
 * - a figure computed from fewer than SMALL_NUMBER projects is not given: it reads « moins de 5 »;
 * - a count under SMALL_NUMBER reads « moins de 5 » (0 included), and a count that leaves fewer than SMALL_NUMBER
 *   projects out reads « au moins … »: neither « none » nor « all » is ever said of a group;
 * - a theme or authority type with fewer than SMALL_NUMBER public projects shows no figure at all;
 * - a requirement's mean score needs SMALL_NUMBER signed self-assessments that score it.
 * So no single authority's private answer (an unpublished assessment) can be read on the page. Lessons learned are
 * the sheets' PUBLIC fields, quoted with the sheet they come from.
 *
 * Pure code only.
 */
import type { Answers } from '../forms/index.ts';
import { authorityTypes, themes } from '../library/index.ts';
import { ANSWER_YES, REQUIREMENTS } from './altai.ts';
import { lawChecklist } from './law.ts';
import { requirementScores } from './scoring.ts';

export const SMALL_NUMBER = 5;
export const SMALL_TEXT = 'moins de 5';

/** One public sheet of the network as the evidence needs it. */
export interface EvidenceSheet {
  id: number;
  title: string;
  href: string;
  organisationName: string;
  theme: string | null;
  authorityType: string | null;
  /** The sheet has a published transparency notice. */
  noticePublished: boolean;
  /** Answers of its latest signed self-assessment (null: none signed). */
  self: Answers | null;
  /** Answers of its latest signed French-law checklist (null: none signed). */
  law: Answers | null;
  /** Its public « retour d'expérience » texts (what worked, what did not), in order. */
  lessons: { label: string; text: string }[];
}

/** A figure that may be withheld: `value` null when the small-number rule hides it. */
export interface Figure {
  value: number | null;
  text: string;
}

export const INDICATORS = [
  { code: 'notice', anchor: 'notices', label: 'Notice de transparence publiée' },
  { code: 'assessment', anchor: 'auto-evaluations', label: 'Auto-évaluation signée' },
  { code: 'dpia', anchor: 'aipd', label: 'Analyse d’impact (AIPD) réalisée' },
  { code: 'oversight', anchor: 'controle-humain', label: 'Contrôle humain de chaque décision' },
] as const;
export type IndicatorCode = (typeof INDICATORS)[number]['code'];

export interface GroupRow {
  code: string;
  label: string;
  projects: Figure;
  /** Per indicator (absent when the group is too small: `projects.value` null). */
  values: Record<IndicatorCode, Figure> | null;
}

export interface RequirementMean {
  code: string;
  label: string;
  /** Signed self-assessments that score this requirement. */
  assessments: Figure;
  /** Mean of their scores (0–100, rounded), null when withheld or nothing to average. */
  mean: number | null;
}

export interface Evidence {
  projects: number;
  network: Record<IndicatorCode, Figure>;
  /** Every requirement, weakest first (withheld ones last). */
  requirements: RequirementMean[];
  weakest: RequirementMean[];
  strongest: RequirementMean[];
  byTheme: GroupRow[];
  byAuthorityType: GroupRow[];
  lessons: { sheetId: number; title: string; href: string; organisationName: string; label: string; text: string }[];
}

/**
 * A count of `total` projects under the small-number rule: fewer than 5 (0 included: « none of them » would tell each
 * one's answer) reads « moins de 5 »; when fewer than 5 projects are left out (all of them included), it reads « au
 * moins X », so that nobody's answer can be deduced either way.
 */
export function countFigure(n: number, total: number): Figure {
  if (n < SMALL_NUMBER) return { value: null, text: SMALL_TEXT };
  if (total - n < SMALL_NUMBER)
    return { value: null, text: `au moins ${Math.max(SMALL_NUMBER, total - SMALL_NUMBER + 1)}` };
  return { value: n, text: String(n) };
}

/** The sheet's latest signed checklist says its DPIA is done. */
export function hasDpia(law: Answers | null): boolean {
  if (!law) return false;
  const item = lawChecklist(law).find((i) => i.code === 'aipd');
  return item?.done === true;
}

/** A person identified validates each decision (the self-assessment's « h_validation » answered « Oui »). */
export function hasHumanOversight(self: Answers | null): boolean {
  return self?.h_validation === ANSWER_YES;
}

const TESTS: Record<IndicatorCode, (s: EvidenceSheet) => boolean> = {
  notice: (s) => s.noticePublished,
  assessment: (s) => s.self !== null,
  dpia: (s) => hasDpia(s.law),
  oversight: (s) => hasHumanOversight(s.self),
};

function indicatorsOf(sheets: EvidenceSheet[]): Record<IndicatorCode, Figure> {
  return Object.fromEntries(
    INDICATORS.map((i) => [i.code, countFigure(sheets.filter(TESTS[i.code]).length, sheets.length)]),
  ) as Record<IndicatorCode, Figure>;
}

function groups(
  sheets: EvidenceSheet[],
  keyOf: (s: EvidenceSheet) => string | null,
  labelOf: (code: string) => string,
): GroupRow[] {
  const byKey = new Map<string, EvidenceSheet[]>();
  for (const s of sheets) {
    const key = keyOf(s) ?? '';
    byKey.set(key, [...(byKey.get(key) ?? []), s]);
  }
  return [...byKey.entries()]
    .map(([code, list]) => {
      const small = list.length < SMALL_NUMBER;
      return {
        code,
        label: code ? labelOf(code) : 'Non renseigné',
        projects: small ? { value: null, text: SMALL_TEXT } : { value: list.length, text: String(list.length) },
        values: small ? null : indicatorsOf(list),
      };
    })
    .sort((a, b) => (b.projects.value ?? 0) - (a.projects.value ?? 0) || a.label.localeCompare(b.label, 'fr'));
}

function requirementMeans(sheets: EvidenceSheet[]): RequirementMean[] {
  const scored = sheets.filter((s) => s.self).map((s) => requirementScores(s.self!));
  return REQUIREMENTS.map((r) => {
    const values = scored
      .map((scores) => scores.find((x) => x.code === r.code)?.score ?? null)
      .filter((v): v is number => v !== null);
    const enough = values.length >= SMALL_NUMBER;
    return {
      code: r.code,
      label: r.label,
      assessments: countFigure(values.length, sheets.length),
      mean: enough ? Math.round(values.reduce((a, b) => a + b, 0) / values.length) : null,
    };
  }).sort((a, b) => (a.mean ?? 101) - (b.mean ?? 101) || a.label.localeCompare(b.label, 'fr'));
}

/** The evidence of the network (sheets: the public ones, each once). */
export function computeEvidence(sheets: EvidenceSheet[]): Evidence {
  const requirements = requirementMeans(sheets);
  const ranked = requirements.filter((r) => r.mean !== null);
  return {
    projects: sheets.length,
    network: indicatorsOf(sheets),
    requirements,
    weakest: ranked.slice(0, 2),
    strongest: ranked.length > 2 ? ranked.slice(-2).reverse() : [],
    byTheme: groups(
      sheets,
      (s) => s.theme,
      (c) => themes.labelOf(c),
    ),
    byAuthorityType: groups(
      sheets,
      (s) => s.authorityType,
      (c) => authorityTypes.labelOf(c),
    ),
    lessons: sheets.flatMap((s) =>
      s.lessons
        .filter((l) => l.text.trim())
        .map((l) => ({
          sheetId: s.id,
          title: s.title,
          href: s.href,
          organisationName: s.organisationName,
          label: l.label,
          text: l.text.trim(),
        })),
    ),
  };
}

/** The rules of the evidence, written on the page. */
export const EVIDENCE_RULES = [
  'Les chiffres portent sur les fiches publiées de la bibliothèque et sur la dernière version signée de leurs évaluations ; les brouillons ne comptent jamais.',
  'Le score moyen d’une exigence est la moyenne des scores de cette exigence dans les auto-évaluations signées qui la notent (règle de calcul de chaque auto-évaluation : voir sa page de résultat).',
  'AIPD réalisée : la liste des obligations signée indique l’analyse d’impact comme faite. Contrôle humain : l’auto-évaluation signée répond « Oui » à la question sur la validation de chaque décision par une personne identifiée.',
  `Pour qu’aucune réponse d’une collectivité ne puisse être lue ici : un nombre inférieur à ${SMALL_NUMBER} (zéro compris) s’affiche « ${SMALL_TEXT} », un nombre qui laisse de côté moins de ${SMALL_NUMBER} projets s’affiche « au moins … », un score moyen n’est donné qu’à partir de ${SMALL_NUMBER} auto-évaluations, et un thème ou un type de collectivité comptant moins de ${SMALL_NUMBER} projets publiés n’est pas détaillé.`,
];
