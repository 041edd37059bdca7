/**
 * The network's « conditions de réussite »: the positions of the AI working group, written and published by the
 * coordinators, each linked to the evidence behind it (evidence.ts computes the evidence from the assessments and
 * sheets across the network). Versioned: a published version never changes, the next change is a draft numbered n+1.
 *
 * Texts carry a light formatting, rendered by our own components (never as HTML): a blank line separates paragraphs,
 * a line starting with « - » is a list item, **text** is emphasised. Anything else, `<script>` included, is text.
 *
 * Pure code only.
 */
import { ValidationError } from '../../platform/http/errors.ts';

/** The parts of the evidence section a position may link to (anchors of the page). */
export const EVIDENCE_ANCHORS = [
  { code: 'exigences', label: 'Exigences les plus faibles et les plus fortes' },
  { code: 'notices', label: 'Notices de transparence publiées' },
  { code: 'auto-evaluations', label: 'Auto-évaluations signées' },
  { code: 'aipd', label: 'Analyses d’impact (AIPD) réalisées' },
  { code: 'controle-humain', label: 'Contrôle humain des décisions' },
  { code: 'par-theme', label: 'Indicateurs par thème' },
  { code: 'par-type', label: 'Indicateurs par type de collectivité' },
  { code: 'retours', label: 'Retours d’expérience des fiches' },
] as const;
export type EvidenceAnchor = (typeof EVIDENCE_ANCHORS)[number]['code'];
const ANCHOR_CODES = new Set<string>(EVIDENCE_ANCHORS.map((a) => a.code));

export interface Position {
  title: string;
  text: string;
  evidence: EvidenceAnchor[];
}

export interface ConditionsContent {
  intro: string;
  positions: Position[];
}

/** How many positions the form offers (empty ones are dropped). */
export const POSITION_SLOTS = 8;
export const TITLE_MAX = 200;
export const TEXT_MAX = 8000;

export const emptyContent = (): ConditionsContent => ({ intro: '', positions: [] });

type Body = Record<string, unknown>;
const textOf = (body: Body, name: string): string => {
  const v = body[name];
  const last = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof last === 'string' ? last.replace(/\r\n?/g, '\n').trim() : '';
};
const listOf = (body: Body, name: string): string[] => {
  const v = body[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === 'string' && x !== '',
  );
};

/**
 * Reads the edit form (fields `intro`, `position_N_titre`, `position_N_texte`, `position_N_preuves` for N = 1…):
 * the content as typed (kept on errors) and one French message per wrong field.
 */
export function readConditionsForm(
  body: Body,
  options: { publish?: boolean } = {},
): { content: ConditionsContent; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const intro = textOf(body, 'intro');
  if (intro.length > TEXT_MAX) errors.intro = `L’introduction dépasse ${TEXT_MAX} caractères : raccourcissez-la.`;
  const positions: Position[] = [];
  for (let i = 1; i <= POSITION_SLOTS; i++) {
    const title = textOf(body, `position_${i}_titre`);
    const text = textOf(body, `position_${i}_texte`);
    const picked = listOf(body, `position_${i}_preuves`);
    const evidence = picked.filter((c) => ANCHOR_CODES.has(c)) as EvidenceAnchor[];
    if (!title && !text && !evidence.length) continue;
    if (picked.length !== evidence.length)
      errors[`position_${i}_preuves`] = `Position ${i} : choisissez les éléments de preuve dans la liste proposée.`;
    if (!title) errors[`position_${i}_titre`] = `Position ${i} : donnez-lui un titre.`;
    else if (title.length > TITLE_MAX)
      errors[`position_${i}_titre`] = `Position ${i} : le titre dépasse ${TITLE_MAX} caractères.`;
    if (!text) errors[`position_${i}_texte`] = `Position ${i} : écrivez le texte de la position.`;
    else if (text.length > TEXT_MAX)
      errors[`position_${i}_texte`] = `Position ${i} : le texte dépasse ${TEXT_MAX} caractères.`;
    // Publishing: each position linked to its evidence (the message on this slot's checkboxes).
    if (options.publish && !evidence.length && !errors[`position_${i}_preuves`])
      errors[`position_${i}_preuves`] = `Position ${i} : reliez-la à au moins un élément de preuve avant de publier.`;
    positions.push({ title, text, evidence });
  }
  if (options.publish && !positions.length) errors.position_1_titre = 'Écrivez au moins une position avant de publier.';
  return { content: { intro, positions }, errors };
}

/** `readConditionsForm`, throwing the French messages. */
export function parseConditionsForm(body: Body, options: { publish?: boolean } = {}): ConditionsContent {
  const { content, errors } = readConditionsForm(body, options);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return content;
}

/** A piece of formatted text: plain or emphasised runs. */
export type Run = { text: string; strong: boolean };
/** A block of formatted text: a paragraph or a bulleted list. */
export type Block = { kind: 'paragraph'; runs: Run[] } | { kind: 'list'; items: Run[][] };

/** « a **b** c » → runs; an unmatched ** stays as typed. */
export function runsOf(line: string): Run[] {
  const runs: Run[] = [];
  const re = /\*\*([^*]+)\*\*/g;
  let at = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m.index > at) runs.push({ text: line.slice(at, m.index), strong: false });
    runs.push({ text: m[1]!, strong: true });
    at = m.index + m[0].length;
  }
  if (at < line.length) runs.push({ text: line.slice(at), strong: false });
  return runs;
}

/** The light formatting of a text, as blocks (rendered by components: nothing is ever read as HTML). */
export function formatText(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    let paragraph: string[] = [];
    let items: Run[][] = [];
    const flush = () => {
      if (paragraph.length) blocks.push({ kind: 'paragraph', runs: runsOf(paragraph.join(' ')) });
      if (items.length) blocks.push({ kind: 'list', items });
      paragraph = [];
      items = [];
    };
    for (const line of lines) {
      const item = /^[-•]\s+(.*)$/.exec(line);
      if (item) {
        if (paragraph.length) flush();
        items.push(runsOf(item[1]!));
      } else {
        if (items.length) flush();
        paragraph.push(line);
      }
    }
    flush();
  }
  return blocks;
}

/** The form's fields for a content (pre-filling the edit form). */
export function formValues(content: ConditionsContent): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = { intro: content.intro };
  content.positions.forEach((p, i) => {
    values[`position_${i + 1}_titre`] = p.title;
    values[`position_${i + 1}_texte`] = p.text;
    values[`position_${i + 1}_preuves`] = p.evidence;
  });
  return values;
}

/** A stored content read back defensively (a JSON column). */
export function contentOf(raw: unknown): ConditionsContent {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Partial<ConditionsContent>;
  const positions = Array.isArray(o.positions) ? o.positions : [];
  return {
    intro: typeof o.intro === 'string' ? o.intro : '',
    positions: positions.map((p) => ({
      title: String(p?.title ?? ''),
      text: String(p?.text ?? ''),
      evidence: (Array.isArray(p?.evidence) ? p.evidence : []).filter((c) => ANCHOR_CODES.has(c)) as EvidenceAnchor[],
    })),
  };
}
