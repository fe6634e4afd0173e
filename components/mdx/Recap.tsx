import type { ReactNode } from 'react';

export interface RecapProps {
  /** A markdown list of the chapter's take-aways. */
  children?: ReactNode;
}

export function Recap({ children }: RecapProps) {
  return (
    <section className="recap" aria-labelledby="recap">
      <h2 id="recap">
        Recap{' '}
        <a className="heading-anchor" href="#recap" aria-label="Link to the section “Recap”">
          #
        </a>
      </h2>
      {children}
    </section>
  );
}
