/**
 * Participation initiatives: reference lists (formats, topics, publics, budget bands), the content of an initiative,
 * how the form reads it (French field messages) and what a complete initiative needs before review. No I/O.
 */
import { COMMITMENT_CODES } from './commitments.ts';

export interface Ref {
  code: string;
  label: string;
}

export const FORMATS: readonly Ref[] = [
  { code: 'public_debate', label: 'Débat public' },
  { code: 'citizen_convention', label: 'Conférence ou convention citoyenne' },
  { code: 'workshop', label: 'Atelier' },
  { code: 'online_consultation', label: 'Consultation en ligne' },
  { code: 'participatory_budget', label: 'Budget participatif' },
  { code: 'citizen_jury', label: 'Jury citoyen' },
  { code: 'mediation', label: 'Permanence ou médiation' },
  { code: 'hackathon', label: 'Hackathon' },
  { code: 'other', label: 'Autre format' },
];

export const TOPICS: readonly Ref[] = [
  { code: 'digital_inclusion', label: 'Inclusion numérique' },
  { code: 'data', label: 'Données publiques et protection des données' },
  { code: 'infrastructure_5g', label: 'Aménagement numérique et 5G' },
  { code: 'ai', label: 'Intelligence artificielle' },
  { code: 'public_services', label: 'Services publics numériques' },
  { code: 'sobriety', label: 'Sobriété numérique' },
  { code: 'smart_city', label: 'Capteurs et ville connectée' },
  { code: 'digital_education', label: 'Éducation au numérique' },
];

export const PUBLICS: readonly Ref[] = [
  { code: 'grand_public', label: 'Habitants en général' },
  { code: 'jeunes', label: 'Jeunes' },
  { code: 'seniors', label: 'Personnes âgées' },
  { code: 'eloignes_numerique', label: 'Personnes éloignées du numérique' },
  { code: 'handicap', label: 'Personnes en situation de handicap' },
  { code: 'quartiers_prioritaires', label: 'Habitants des quartiers prioritaires' },
  { code: 'rural', label: 'Habitants des communes rurales' },
  { code: 'associations', label: 'Associations' },
  { code: 'entreprises', label: 'Entreprises' },
  { code: 'agents', label: 'Agents de la collectivité' },
];

export const BUDGET_BANDS: readonly Ref[] = [
  { code: 'none', label: 'Sans budget propre' },
  { code: 'lt_5k', label: 'Moins de 5 000 €' },
  { code: '5k_20k', label: 'De 5 000 à 20 000 €' },
  { code: '20k_100k', label: 'De 20 000 à 100 000 €' },
  { code: 'gt_100k', label: 'Plus de 100 000 €' },
];

const codes = (l: readonly Ref[]) => l.map((r) => r.code);
export const FORMAT_CODES = codes(FORMATS);
export const TOPIC_CODES = codes(TOPICS);
export const PUBLIC_CODES = codes(PUBLICS);
export const BUDGET_CODES = codes(BUDGET_BANDS);
const labelIn = (l: readonly Ref[]) => (code: string | null | undefined) =>
  l.find((r) => r.code === code)?.label ?? code ?? '';
export const formatLabel = labelIn(FORMATS);
export const topicLabel = labelIn(TOPICS);
export const publicLabel = labelIn(PUBLICS);
export const budgetLabel = labelIn(BUDGET_BANDS);

export interface Resource {
  label: string;
  url: string;
}

/** What the authority writes about an initiative (draft and published alike). */
export interface InitiativeContent {
  title: string;
  /** « En bref, en langage clair »: short sentences, shown first to visitors. */
  plainSummary: string;
  summary: string;
  format: string | null;
  topics: string[];
  publics: string[];
  /** How people far from digital tools were included. */
  farFromDigital: string;
  /** AAAA-MM-JJ. */
  startDate: string | null;
  endDate: string | null;
  partners: string;
  budgetBand: string | null;
  participants: number | null;
  /** What changed in the policy. */
  outcomes: string;
  obstacles: string;
  strengths: string;
  resources: Resource[];
  contact: string;
  /** Manifesto commitments it puts into practice (commitments.ts codes). */
  commitments: string[];
}

export const LIMITS = {
  title: 200,
  plainSummary: 600,
  text: 5000,
  partners: 1000,
  contact: 300,
  resources: 10,
  url: 2000,
} as const;

export function emptyContent(): InitiativeContent {
  return {
    title: '',
    plainSummary: '',
    summary: '',
    format: null,
    topics: [],
    publics: [],
    farFromDigital: '',
    startDate: null,
    endDate: null,
    partners: '',
    budgetBand: null,
    participants: null,
    outcomes: '',
    obstacles: '',
    strengths: '',
    resources: [],
    contact: '',
    commitments: [],
  };
}

/** Content read back from JSON: every field present and of its type (older or partial rows included). */
export function contentOf(json: string | null): InitiativeContent | null {
  if (!json) return null;
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return null;
  }
  const base = emptyContent();
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const opt = (v: unknown) => (typeof v === 'string' && v ? v : null);
  return {
    ...base,
    title: str(raw.title),
    plainSummary: str(raw.plainSummary),
    summary: str(raw.summary),
    format: opt(raw.format),
    topics: strs(raw.topics),
    publics: strs(raw.publics),
    farFromDigital: str(raw.farFromDigital),
    startDate: opt(raw.startDate),
    endDate: opt(raw.endDate),
    partners: str(raw.partners),
    budgetBand: opt(raw.budgetBand),
    participants: typeof raw.participants === 'number' ? raw.participants : null,
    outcomes: str(raw.outcomes),
    obstacles: str(raw.obstacles),
    strengths: str(raw.strengths),
    resources: Array.isArray(raw.resources)
      ? (raw.resources as Resource[]).filter((r) => r && typeof r.url === 'string')
      : [],
    contact: str(raw.contact),
    commitments: strs(raw.commitments),
  };
}

/** A calendar date « AAAA-MM-JJ » that exists. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A link as people give it: an absolute http(s) address; the French message of what is wrong, or null. */
export function linkProblem(label: string, value: string): string | null {
  if (value.length > LIMITS.url) return `${label} : ${LIMITS.url} caractères au plus.`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${label} : « ${value.slice(0, 80)} » n’est pas une adresse complète (elle doit commencer par https://).`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `${label} : seules les adresses https:// (ou http://) sont acceptées.`;
  return null;
}

/**
 * Resources as people type them, one per line: « Compte rendu | https://… » or just the address. Returns the
 * resources, or the French message of the first wrong line.
 */
export function readResources(text: string): { resources: Resource[] } | { error: string } {
  const resources: Resource[] = [];
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > LIMITS.resources) return { error: `Ressources : ${LIMITS.resources} lignes au plus.` };
  for (const [i, line] of lines.entries()) {
    const bar = line.lastIndexOf('|');
    const label = bar >= 0 ? line.slice(0, bar).trim() : '';
    const url = (bar >= 0 ? line.slice(bar + 1) : line).trim();
    const problem = linkProblem(`Ressources, ligne ${i + 1}`, url);
    if (problem) return { error: problem };
    resources.push({ label: label.slice(0, 200) || url, url });
  }
  return { resources };
}

export const resourcesText = (resources: readonly Resource[]) =>
  resources.map((r) => (r.label && r.label !== r.url ? `${r.label} | ${r.url}` : r.url)).join('\n');

/**
 * What an initiative needs before it goes to review (and to be published): French messages by form field name.
 * A draft needs only its title.
 */
export function completenessProblems(c: InitiativeContent): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!c.title.trim()) errors.titre = 'Indiquez le titre de l’initiative.';
  if (!c.plainSummary.trim())
    errors.en_bref = 'Écrivez le résumé « en bref, en langage clair » : c’est ce que les visiteurs lisent d’abord.';
  if (!c.summary.trim()) errors.resume = 'Décrivez l’initiative dans le résumé.';
  if (!c.format) errors.format = 'Choisissez le format de l’initiative.';
  if (!c.topics.length) errors.sujets = 'Cochez au moins un sujet.';
  if (!c.publics.length) errors.publics = 'Cochez au moins un public touché.';
  if (!c.startDate) errors.debut = 'Indiquez la date de début.';
  return errors;
}

/** The year an initiative took place (its start), for the facet and the statistics. */
export const yearOf = (c: InitiativeContent): string | null => c.startDate?.slice(0, 4) ?? null;

export const COMMITMENT_SET = new Set(COMMITMENT_CODES);
