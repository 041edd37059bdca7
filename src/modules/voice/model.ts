/**
 * Citizens' voice: the domain words and the pure rules (no I/O). What a contribution is, the limits a message must
 * respect (length, links, blocklist), pseudonyms, pre-moderation and the reports rule.
 */
import type { FieldErrors } from '../../platform/http/errors.ts';

/** What a contribution is about: a library sheet or a participation initiative. */
export type TargetKind = 'use_case' | 'initiative';
export const TARGET_KINDS: readonly TargetKind[] = ['use_case', 'initiative'];

/** A published target as the ports give it. */
export interface Target {
  kind: TargetKind;
  id: number;
  title: string;
  organisationId: number;
  path: string;
}

/** What a person says. `official` is the authority's answer (its editors only). */
export type MessageKind = 'question' | 'comment' | 'concerned' | 'support' | 'official';
export const CITIZEN_KINDS = ['question', 'comment', 'concerned', 'support'] as const;
export const KIND_LABELS: Record<MessageKind, string> = {
  question: 'Question',
  comment: 'Commentaire',
  concerned: 'Je suis concerné·e',
  support: 'Je soutiens',
  official: 'Réponse officielle',
};
/** Kinds whose text may be empty (a « je soutiens » says enough by itself). */
export const TEXT_OPTIONAL: readonly MessageKind[] = ['concerned', 'support'];

/** published: everyone sees it; pending: waits for approval; reported: hidden by 3 reports; hidden: by a moderator. */
export type MessageStatus = 'published' | 'pending' | 'reported' | 'hidden';

/** Pre-moderation of an authority: every message, a person's first message (default), or none. */
export type Premoderation = 'all' | 'first' | 'none';
export const PREMODERATION_LABELS: Record<Premoderation, string> = {
  first: 'Le premier message de chaque personne attend une validation (réglage par défaut)',
  all: 'Chaque message attend une validation avant d’être publié',
  none: 'Les messages sont publiés tout de suite (les signalements restent possibles)',
};

export const REPORT_REASONS = {
  insult: 'Propos injurieux, haineux ou discriminatoires',
  personal: 'Donnée personnelle d’une autre personne',
  spam: 'Publicité ou message sans rapport',
  false: 'Information manifestement fausse',
  other: 'Autre raison contraire à la charte',
} as const;
export type ReportReason = keyof typeof REPORT_REASONS;

export const LIMITS = {
  /** Characters of a message. */
  textMin: 3,
  textMax: 2000,
  /** Links (http(s):// or www.) in one message. */
  linksMax: 2,
  pseudonymMin: 3,
  pseudonymMax: 30,
  /** Per person: messages in 10 minutes, in a day. */
  perPersonBurst: 5,
  perPersonDay: 30,
  /** Per address (several people behind a town hall's address): messages in 10 minutes. */
  perAddressBurst: 20,
  burstMinutes: 10,
  /** Distinct reporters that hide a message until a moderator decides. */
  reportsToHide: 3,
  reasonMax: 500,
  wordMax: 60,
  /** Messages per page of a thread. */
  perPage: 20,
} as const;

/** Lower case, accents folded, œ/æ expanded, runs of spaces as one: how words and pseudonyms are compared. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The links of a text (http://, https://, www.). */
export function countLinks(text: string): number {
  return (text.match(/\bhttps?:\/\/|\bwww\./gi) ?? []).length;
}

/** A text as the blocklist reads it: folded, every run of other characters as one space, a space on each side. */
function wordsOf(text: string): string {
  return ` ${fold(text).replace(/[^a-z0-9]+/g, ' ')} `;
}

/** The blocklist compiled once into one regular expression (whole words or expressions, folded). */
export interface Blocklist {
  readonly words: readonly string[];
  /** The first blocked word found in `text` (the leftmost), or null. */
  find(text: string): string | null;
}

const compiled = { key: '', list: null as Blocklist | null };

/**
 * Compiles the words into one alternation (`( a| b c)(?= )` over the folded text) with the word each folded form came
 * from. The last list compiled is kept: posting reads the same list again and again until a coordinator changes it.
 */
export function compileBlocklist(words: readonly string[]): Blocklist {
  const key = words.join('\u0000');
  if (compiled.list && compiled.key === key) return compiled.list;
  const byForm = new Map<string, string>();
  for (const word of words) {
    const form = wordsOf(word).trim();
    if (form && !byForm.has(form)) byForm.set(form, word);
  }
  const forms = [...byForm.keys()].sort((a, b) => b.length - a.length);
  const pattern = forms.length
    ? new RegExp(` (${forms.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?= )`)
    : null;
  const list: Blocklist = {
    words,
    find(text) {
      if (!pattern) return null;
      const m = pattern.exec(wordsOf(text));
      return m ? (byForm.get(m[1]!) ?? null) : null;
    },
  };
  compiled.key = key;
  compiled.list = list;
  return list;
}

/** The first blocked word found in `text` as a whole word or expression (folded), or null. */
export function blockedWordIn(text: string, words: readonly string[] | Blocklist): string | null {
  return (Array.isArray(words) ? compileBlocklist(words as readonly string[]) : (words as Blocklist)).find(text);
}

export interface MessageInput {
  kind: string;
  body: string;
}

/** Checks a message's kind, length, links and words: the French message of each wrong field. */
export function checkMessage(
  input: MessageInput,
  options: { canAnswer: boolean; blockedWords: readonly string[] | Blocklist },
): { ok: true; kind: MessageKind; body: string } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const kind = input.kind as MessageKind;
  const allowed: readonly string[] = options.canAnswer ? [...CITIZEN_KINDS, 'official'] : CITIZEN_KINDS;
  if (!allowed.includes(kind)) errors.type = 'Choisissez le type de votre contribution.';
  const body = input.body.replace(/\r\n/g, '\n').trim();
  const optional = TEXT_OPTIONAL.includes(kind);
  if (!body && !optional) errors.message = 'Écrivez votre message.';
  else if (body && body.length < LIMITS.textMin)
    errors.message = `Votre message : au moins ${LIMITS.textMin} caractères.`;
  else if (body.length > LIMITS.textMax)
    errors.message = `Votre message : ${LIMITS.textMax} caractères au plus (${body.length} saisis).`;
  else if (countLinks(body) > LIMITS.linksMax)
    errors.message = `Votre message contient ${countLinks(body)} liens : ${LIMITS.linksMax} au plus.`;
  else {
    const word = blockedWordIn(body, options.blockedWords);
    if (word) errors.message = `Votre message contient un terme refusé par la charte (« ${word} ») : reformulez-le.`;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, kind, body };
}

/** Checks a pseudonym: its length, its characters, no address, no blocked word. */
export function checkPseudonym(
  raw: string,
  blockedWords: readonly string[] | Blocklist,
): { value: string } | { error: string } {
  const value = raw.replace(/\s+/g, ' ').trim();
  if (!value) return { error: 'Choisissez un pseudonyme.' };
  if (value.length < LIMITS.pseudonymMin || value.length > LIMITS.pseudonymMax)
    return { error: `Pseudonyme : de ${LIMITS.pseudonymMin} à ${LIMITS.pseudonymMax} caractères.` };
  if (!/^[\p{L}\p{N}][\p{L}\p{N} ._'’-]*$/u.test(value))
    return { error: 'Pseudonyme : lettres, chiffres, espaces, points, tirets et apostrophes seulement.' };
  if (blockedWordIn(value, blockedWords)) return { error: 'Pseudonyme : il contient un terme refusé par la charte.' };
  return { value };
}

/** Whether a new message waits for approval: by the authority's setting and whether the person was approved before. */
export function needsApproval(mode: Premoderation, authorHasPublished: boolean): boolean {
  if (mode === 'all') return true;
  if (mode === 'first') return !authorHasPublished;
  return false;
}

/** Whether a published message is hidden by its reports (those after a moderator's approval only). */
export function hiddenByReports(reports: number, cleared: number): boolean {
  return reports - cleared >= LIMITS.reportsToHide;
}

export const DELETED_AUTHOR = 'Contribution d’un compte supprimé';

/** A public message of a thread (pages and API). */
export interface ThreadMessage {
  id: number;
  kind: MessageKind;
  official: boolean;
  /** The pseudonym, « Réponse officielle de … », or DELETED_AUTHOR. */
  author: string;
  body: string;
  createdAt: string;
  /** Only for the author's own message waiting for approval. */
  status: MessageStatus;
  mine: boolean;
}

export interface ThreadPage {
  target: Target;
  messages: ThreadMessage[];
  /** The author's own messages waiting for approval (shown to them only, marked as waiting). */
  waiting: ThreadMessage[];
  total: number;
  page: number;
  pageCount: number;
  counts: { concerned: number; support: number };
}
