import type { ReactNode } from 'react';

export interface EquationProps {
  /** Stable label; the equation's anchor is #eq-<label>. */
  label: string;
  /** Filled in at build time from the equation's position in the chapter. */
  number?: string;
  /** The display math ($$…$$), rendered by KaTeX at build time. */
  children?: ReactNode;
}

export function Equation({ label, number, children }: EquationProps) {
  return (
    <div className="equation" id={`eq-${label}`}>
      <div className="equation-body">{children}</div>
      <span className="equation-number" aria-label={`Equation ${number}`}>
        ({number})
      </span>
    </div>
  );
}

export interface EqRefProps {
  label: string;
  number?: string;
}

export function EqRef({ label, number }: EqRefProps) {
  return (
    <a className="xref" href={`#eq-${label}`}>
      ({number})
    </a>
  );
}
