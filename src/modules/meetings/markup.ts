/**
 * The small markup of minutes, parsed by our own parser into a tree that views/markup.tsx renders with Preact:
 * never raw HTML. What it knows:
 *   # Titre / ## Sous-titre / ### Intertitre      headings (rendered two levels below the page's h1)
 *   - point / * point                              bulleted list
 *   1. point                                       numbered list
 *   **important**, *accent* or _accent_            emphasis
 *   [texte](https://adresse)                       link (https, http and mailto only; anything else stays text)
 *   a blank line                                   new paragraph
 * Everything else, `<script>` and HTML included, is text: the renderer escapes it.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] };

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] };

const MAX_DEPTH = 4;

/** A link target we let through: absolute https/http/mailto only (no javascript:, data:, relative tricks). */
export function safeHref(raw: string): string | null {
  const v = raw.trim();
  if (/^mailto:[^\s<>"]+@[^\s<>"]+$/i.test(v)) return v;
  try {
    const u = new URL(v);
    if ((u.protocol === 'https:' || u.protocol === 'http:') && /^https?:\/\//i.test(v)) return u.href;
  } catch {
    // not an address: stays text
  }
  return null;
}

function pushText(out: Inline[], text: string) {
  if (!text) return;
  const last = out[out.length - 1];
  if (last?.type === 'text') last.text += text;
  else out.push({ type: 'text', text });
}

/** Inline markup of one line (or joined lines of a paragraph). */
export function parseInline(src: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let i = 0;
  while (i < src.length) {
    const rest = src.slice(i);
    if (depth < MAX_DEPTH) {
      const strong = /^\*\*(?=\S)([\s\S]*?\S)\*\*/.exec(rest);
      if (strong) {
        out.push({ type: 'strong', children: parseInline(strong[1]!, depth + 1) });
        i += strong[0].length;
        continue;
      }
      const em = /^([*_])(?=\S)([\s\S]*?\S)\1(?![*_])/.exec(rest);
      if (em) {
        out.push({ type: 'em', children: parseInline(em[2]!, depth + 1) });
        i += em[0].length;
        continue;
      }
      const link = /^\[([^\]\n]+)\]\(([^)\s]+)\)/.exec(rest);
      if (link) {
        const href = safeHref(link[2]!);
        if (href) out.push({ type: 'link', href, children: parseInline(link[1]!, depth + 1) });
        else pushText(out, link[0]);
        i += link[0].length;
        continue;
      }
    }
    // Plain text up to the next possible markup character.
    const next = rest.slice(1).search(/[*_[]/);
    const len = next < 0 ? rest.length : next + 1;
    pushText(out, rest.slice(0, len));
    i += len;
  }
  return out;
}

/** The whole text, block by block. */
export function parseMarkup(src: string): Block[] {
  const lines = src.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flushParagraph = () => {
    if (paragraph.length) blocks.push({ type: 'paragraph', children: parseInline(paragraph.join('\n')) });
    paragraph = [];
  };
  const flushList = () => {
    if (list) blocks.push({ type: 'list', ordered: list.ordered, items: list.items.map((t) => parseInline(t)) });
    list = null;
  };
  for (const line of lines) {
    const heading = /^(#{1,3})\s+(.+)$/.exec(line);
    const bullet = /^\s*[-*]\s+(.+)$/.exec(line);
    const numbered = /^\s*\d{1,3}[.)]\s+(.+)$/.exec(line);
    if (!line.trim()) {
      flushParagraph();
      flushList();
    } else if (heading) {
      flushParagraph();
      flushList();
      blocks.push({
        type: 'heading',
        level: heading[1]!.length as 1 | 2 | 3,
        children: parseInline(heading[2]!.trim()),
      });
    } else if (bullet || numbered) {
      flushParagraph();
      const ordered = !bullet;
      const list0 = list as { ordered: boolean; items: string[] } | null;
      if (list0 && list0.ordered !== ordered) flushList();
      if (!list) list = { ordered, items: [] };
      (list as { ordered: boolean; items: string[] }).items.push((bullet ?? numbered)![1]!.trim());
    } else if (list && /^\s{2,}\S/.test(line)) {
      const l = list as { ordered: boolean; items: string[] };
      l.items[l.items.length - 1] += ` ${line.trim()}`;
    } else {
      flushList();
      paragraph.push(line);
    }
  }
  flushParagraph();
  flushList();
  return blocks;
}

/** The plain text of a tree (e-mails, the iCalendar description, search). */
export function plainText(blocks: readonly Block[]): string {
  const inline = (xs: readonly Inline[]): string =>
    xs
      .map((x) =>
        x.type === 'text' ? x.text : x.type === 'link' ? `${inline(x.children)} (${x.href})` : inline(x.children),
      )
      .join('');
  return blocks
    .map((b) =>
      b.type === 'list'
        ? b.items.map((it, i) => `${b.ordered ? `${i + 1}.` : '-'} ${inline(it)}`).join('\n')
        : inline(b.children),
    )
    .join('\n\n');
}
