/**
 * Finds the glossary's terms in a plain text and cuts it into segments, the found words marked with their term, for
 * a view to draw as links (pure: no markup here, so nothing in the text is ever read as HTML).
 *
 * Rules:
 * - whole words only: a form matches when neither the character before nor the one after is a letter or a digit
 *   (« biais » is not found in « biaisé », « IA » not in « IAS », « modèle » not in « remodèle »);
 * - case and accents do not matter (« Modèle », « modele », « données d'entrainement » match), except for forms
 *   written in capitals (acronyms such as « IA », « OCR »), which match with their case; straight and curly
 *   apostrophes are the same;
 * - the longest form wins where several start at the same place (« IA générative » rather than « IA »);
 * - each term is linked once per `seen` set (the caller shares one set per section: the first occurrence only);
 * - web and e-mail addresses are left alone.
 * The matched text is kept as written.
 */
import type { GlossaryTerm } from './terms.ts';

export type TextSegment = { text: string } | { text: string; slug: string; term: string; hint: string };

const WORD = /[\p{L}\p{N}_]/u;
const ADDRESSES = /(?:https?:\/\/|www\.)\S+|[^\s@]+@[^\s@]+\.[^\s@]+/giu;

/** One character, lower-cased and without accent (one character in, one out, so that offsets stay). */
function foldChar(c: string): string {
  if (c === '’' || c === 'ʼ' || c === '‘') return "'";
  const base = c.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return base.length === 1 ? base : c.toLowerCase().slice(0, 1) || c;
}

const fold = (s: string) => Array.from(s, foldChar).join('');
const isAcronym = (form: string) => form === form.toUpperCase() && /\p{Lu}/u.test(form);

/** The first sentence of a definition (a link's hint). */
function firstSentence(text: string): string {
  const m = /^.*?[.!?](?=\s|$)/u.exec(text);
  return (m ? m[0] : text).trim();
}

interface Pattern {
  form: string;
  exact: boolean;
  term: GlossaryTerm;
}

/** Prepared once per list of terms (the patterns, longest first). */
export interface Linker {
  link(text: string, seen?: Set<string>): TextSegment[];
}

export function createLinker(terms: readonly GlossaryTerm[]): Linker {
  const patterns: Pattern[] = terms
    .flatMap((term) =>
      term.forms.map((f) => (isAcronym(f) ? { form: f, exact: true, term } : { form: fold(f), exact: false, term })),
    )
    .sort((a, b) => b.form.length - a.form.length);
  const hints = new Map(terms.map((t) => [t.slug, firstSentence(t.definition)]));

  return {
    link(text, seen = new Set()) {
      if (!text) return [];
      // Offsets are code units: folding keeps them when the text has no character outside the BMP (an emoji); with
      // one, lower-casing alone keeps them (accents then matter).
      const f = fold(text);
      const folded = f.length === text.length ? f : text.toLowerCase();
      const skip: [number, number][] = [];
      for (const m of text.matchAll(ADDRESSES)) skip.push([m.index, m.index + m[0].length]);
      const out: TextSegment[] = [];
      let plainFrom = 0;
      let i = 0;
      while (i < text.length) {
        const inAddress = skip.find(([a, b]) => i >= a && i < b);
        if (inAddress) {
          i = inAddress[1];
          continue;
        }
        if (i > 0 && WORD.test(text[i - 1]!)) {
          i++;
          continue;
        }
        let found: Pattern | null = null;
        for (const p of patterns) {
          if (seen.has(p.term.slug)) continue;
          const end = i + p.form.length;
          if (end > text.length) continue;
          const candidate = p.exact ? text.slice(i, end) : folded.slice(i, end);
          if (candidate !== p.form) continue;
          if (end < text.length && WORD.test(text[end]!)) continue;
          found = p;
          break;
        }
        if (!found) {
          i++;
          continue;
        }
        const end = i + found.form.length;
        if (i > plainFrom) out.push({ text: text.slice(plainFrom, i) });
        out.push({
          text: text.slice(i, end),
          slug: found.term.slug,
          term: found.term.term,
          hint: hints.get(found.term.slug) ?? '',
        });
        seen.add(found.term.slug);
        plainFrom = end;
        i = end;
      }
      if (plainFrom < text.length) out.push({ text: text.slice(plainFrom) });
      return out;
    },
  };
}
