/**
 * French words that depend on what follows: plurals of counted things, and « de » before a name (elision and
 * contraction with the name's article). One helper for each, used by every view and mail.
 */

const NUMBER = new Intl.NumberFormat('fr-FR');

/**
 * « 0 fiche », « 1 fiche », « 2 fiches », « 1 200 fiches » (French: 0 and 1 are singular). `plural` defaults to the
 * word with an « s » (unless it ends in s, x or z); a phrase gives its plural (« fiche à relire », « fiches à
 * relire »).
 */
export function count(n: number, singular: string, plural?: string): string {
  return `${NUMBER.format(n)} ${Math.abs(n) >= 2 ? (plural ?? pluralOf(singular)) : singular}`;
}

/** The plural of one word (« fiche » → « fiches », « prix » → « prix »); a phrase must be given whole. */
export function pluralOf(word: string): string {
  if (/\s/.test(word.trim())) throw new Error(`Donnez le pluriel de l’expression « ${word} ».`);
  return /[sxz]$/i.test(word) ? word : `${word}s`;
}

/** Words starting with an h that does not elide (h aspiré) among places' names and common words (« de handicap »). */
const ASPIRATED_H =
  /^(haut|haute|hauts|hautes|havre|hameau|hongrie|hollande|hendaye|hayange|hazebrouck|houilles|handicap|handicaps|hasard|hausse|hauteur|harcelement|hangar)\b/i;

/** Whether « de »/« le » elides before this word (vowel, or mute h). */
export function elides(word: string): boolean {
  const w = word.trim();
  if (/^[aeiouyàâäéèêëîïôöùûüœæ]/i.test(w)) return true;
  return /^h/i.test(w) && !ASPIRATED_H.test(w.normalize('NFD').replace(/\p{M}/gu, ''));
}

/**
 * « de » before a name: « d’Angers », « de Nantes », « du Mans » (Le Mans), « des Sables-d’Olonne », « de La
 * Rochelle », « de Haute-Savoie ».
 */
export function ofName(name: string): string {
  const n = name.trim();
  const article = /^(Le|Les)\s+(.+)$/.exec(n);
  if (article) return `${article[1] === 'Le' ? 'du' : 'des'} ${article[2]}`;
  return elides(n) ? `d’${n}` : `de ${n}`;
}

/**
 * Words a template wrote without knowing what follows: « (s) » plurals and « de » before a vowel or a mute h
 * (« de Angers » for « d’Angers »). Each slip with some context (the browser suite scans every page with it).
 */
export function frenchSlips(text: string): string[] {
  const slips: string[] = [];
  for (const m of text.matchAll(/\S*\((?:s|e|es)\)/g)) if (!/http\(s\)/.test(m[0])) slips.push(m[0]);
  for (const m of text.matchAll(/(?<![\p{L}’'])[Dd]e ([\p{L}][\p{L}-]*)/gu)) {
    if (elides(m[1]!)) slips.push(text.slice(Math.max(0, m.index! - 20), m.index! + m[0].length + 10).trim());
  }
  return slips;
}
