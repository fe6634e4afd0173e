/**
 * Math at build time, sent as HTML strings rather than as React elements.
 *
 * remark-math marks `$…$` and `$$…$$` as `code.math-inline` / `code.math-display` (display math inside a `pre`).
 * This rehype plugin renders each with KaTeX and replaces it with `<KatexHtml html display/>`, whose component
 * (components/mdx/KatexHtml.tsx) writes the markup with `dangerouslySetInnerHTML`. The DOM is exactly KaTeX's, but
 * React sees one element per formula instead of the dozens of spans KaTeX draws it with: a chapter's math is most of
 * its DOM, and as React elements it was hydrated node by node and repeated as JSON in the page's RSC payload.
 *
 * Each formula carries MathML beside its drawing (KaTeX's `htmlAndMathml`): the drawing is aria-hidden, so without
 * the MathML a screen reader would skip every formula.
 *
 * Invalid TeX fails the build with the formula and KaTeX's message.
 */
import katex from 'katex';

// A minimal view of the hast nodes this pass reads and writes.
interface HastNode {
  type: string;
  tagName?: string;
  properties?: { className?: unknown };
  children?: HastNode[];
  value?: string;
  name?: string;
  attributes?: { type: 'mdxJsxAttribute'; name: string; value: string | null }[];
}

/** The name the plugin writes and the component map provides (not part of the authors' vocabulary). */
export const KATEX_HTML_COMPONENT = 'KatexHtml';

export class MathError extends Error {}

const classesOf = (node: HastNode): unknown[] => (Array.isArray(node.properties?.className) ? node.properties.className : []);

const textOf = (node: HastNode): string => (node.type === 'text' ? (node.value ?? '') : (node.children ?? []).map(textOf).join(''));

/**
 * KaTeX's markup for `tex` without its outermost element(s), which the component writes itself:
 * `<span class="katex">…</span>` inline, `<span class="katex-display"><span class="katex">…</span></span>` display.
 */
export function katexInnerHtml(tex: string, display: boolean): string {
  let html: string;
  try {
    html = katex.renderToString(tex, { displayMode: display, output: 'htmlAndMathml', strict: 'ignore', throwOnError: true });
  } catch (error) {
    throw new MathError(`KaTeX cannot render ${display ? '$$' : '$'}${tex}${display ? '$$' : '$'}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const open = display ? '<span class="katex-display"><span class="katex">' : '<span class="katex">';
  const close = display ? '</span></span>' : '</span>';
  if (!html.startsWith(open) || !html.endsWith(close)) throw new MathError(`Unexpected KaTeX markup for ${tex}: ${html.slice(0, 80)}…`);
  return html.slice(open.length, html.length - close.length);
}

/** The rehype plugin (run on the MDX hast, before it becomes JavaScript). */
export function rehypeKatexHtml() {
  return (tree: HastNode) => {
    const visit = (parent: HastNode) => {
      const children = parent.children;
      if (children === undefined) return;
      children.forEach((node, i) => {
        // Elements, and the JSX elements (Callout, Equation, Figure…) whose children are MDX too.
        if (node.type !== 'element') {
          visit(node);
          return;
        }
        // Display math: pre > code.math-display (remark-math's flow math); inline: code.math-inline.
        const code = node.tagName === 'pre' && node.children?.length === 1 ? node.children[0] : node;
        const classes = code.type === 'element' && code.tagName === 'code' ? classesOf(code) : [];
        const display = classes.includes('math-display');
        if (!display && !classes.includes('math-inline')) {
          visit(node);
          return;
        }
        children[i] = {
          type: display ? 'mdxJsxFlowElement' : 'mdxJsxTextElement',
          name: KATEX_HTML_COMPONENT,
          attributes: [
            { type: 'mdxJsxAttribute', name: 'html', value: katexInnerHtml(textOf(code), display) },
            ...(display ? [{ type: 'mdxJsxAttribute' as const, name: 'display', value: null }] : []),
          ],
          children: [],
        };
      });
    };
    visit(tree);
  };
}
