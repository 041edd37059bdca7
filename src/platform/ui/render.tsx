import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { PageContext } from './context.ts';
import { Layout, type LayoutProps } from './layout.tsx';

export type PageOptions = Omit<LayoutProps, 'title' | 'ctx' | 'children'>;

/** Renders a whole HTML document with the common layout. */
export function renderPage(ctx: PageContext, title: string, body: VNode, options: PageOptions = {}): string {
  return `<!doctype html>${renderToString(
    <Layout title={title} ctx={ctx} {...options}>
      {body}
    </Layout>,
  )}`;
}
