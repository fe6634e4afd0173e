export interface KatexHtmlProps {
  /** KaTeX's markup inside its outer element, rendered at build time (content/katexHtml.ts). */
  html: string;
  /** Display math (`$$…$$`): wrapped in `.katex-display`, as KaTeX does. */
  display?: boolean;
}

/**
 * A formula, written by the build (not by authors: the compile step inserts it for every `$…$` and `$$…$$`). Its
 * markup goes in as HTML, so React owns one element per formula and hydration never walks KaTeX's spans.
 */
export function KatexHtml({ html, display = false }: KatexHtmlProps) {
  const formula = <span className="katex" dangerouslySetInnerHTML={{ __html: html }} />;
  return display ? <span className="katex-display">{formula}</span> : formula;
}
