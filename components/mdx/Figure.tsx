import type { ReactNode } from 'react';

export interface FigureProps {
  /** Stable label; the figure's anchor is #fig-<label>. */
  label: string;
  title: string;
  /** One or two sentences: what to look at, and what the axes mean. */
  caption?: string;
  /** Filled in at build time from the figure's position in the chapter. */
  number?: string;
  /** The widget (or static illustration). */
  children?: ReactNode;
}

export function Figure({ label, title, caption, number, children }: FigureProps) {
  return (
    <figure className="figure" id={`fig-${label}`}>
      <div className="figure-body">{children}</div>
      <figcaption>
        <span className="figure-number">Figure {number}.</span> <strong>{title}</strong>
        {caption ? <> {caption}</> : null}
      </figcaption>
    </figure>
  );
}

export interface FigRefProps {
  label: string;
  number?: string;
}

export function FigRef({ label, number }: FigRefProps) {
  return (
    <a className="xref" href={`#fig-${label}`}>
      Figure {number}
    </a>
  );
}
