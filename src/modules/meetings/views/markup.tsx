/**
 * Renders the minutes' markup tree (markup.ts) with Preact elements: text is always escaped, links carry only the
 * addresses the parser let through, and no HTML string is ever injected.
 */
import type { Block, Inline } from '../markup.ts';
import { parseMarkup } from '../markup.ts';

function Inlines({ nodes }: { nodes: readonly Inline[] }) {
  return (
    <>
      {nodes.map((n) => {
        switch (n.type) {
          case 'text':
            return n.text;
          case 'strong':
            return (
              <strong>
                <Inlines nodes={n.children} />
              </strong>
            );
          case 'em':
            return (
              <em>
                <Inlines nodes={n.children} />
              </em>
            );
          default:
            return (
              <a href={n.href} rel="nofollow noopener">
                <Inlines nodes={n.children} />
              </a>
            );
        }
      })}
    </>
  );
}

/** `headingBase`: the level of the markup's « # » headings (2 below a page h1). */
export function MarkupBlocks({ blocks, headingBase = 2 }: { blocks: readonly Block[]; headingBase?: number }) {
  return (
    <>
      {blocks.map((b) => {
        if (b.type === 'heading') {
          const level = Math.min(6, headingBase + b.level);
          const H = `h${level}` as 'h3';
          return (
            <H>
              <Inlines nodes={b.children} />
            </H>
          );
        }
        if (b.type === 'paragraph')
          return (
            <p class="markup-paragraph">
              <Inlines nodes={b.children} />
            </p>
          );
        const items = b.items.map((it) => (
          <li>
            <Inlines nodes={it} />
          </li>
        ));
        return b.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
      })}
    </>
  );
}

export function Markup({ source, headingBase }: { source: string; headingBase?: number }) {
  return (
    <div class="markup">
      <MarkupBlocks blocks={parseMarkup(source)} headingBase={headingBase} />
    </div>
  );
}
