/**
 * The MDX component map: the closed vocabulary chapters may use (content/vocabulary.ts lists the names; a test
 * checks that this map provides exactly those). Pages call `mdxComponents` with the data the components need.
 */
import { Callout } from './Callout';
import { Cite, type CiteEntry } from './Cite';
import { EqRef, Equation } from './Equation';
import { FigRef, Figure } from './Figure';
import { KatexHtml } from './KatexHtml';
import { LiveFigure } from './LiveFigure';
import { Predict } from './Predict';
import { Recap } from './Recap';
import { Value } from './Value';

export interface MdxContext {
  /** The bibliography by id. */
  references: ReadonlyMap<string, CiteEntry>;
}

/** The map for `getMDXComponent`: the vocabulary plus KatexHtml, which the build writes for every formula. */
export function mdxComponents(context: MdxContext) {
  return {
    KatexHtml,
    Callout,
    Equation,
    EqRef,
    Figure,
    FigRef,
    Recap,
    LiveFigure,
    Predict,
    Value,
    Cite: (props: { id: string }) => <Cite id={props.id} entries={context.references} />,
  };
}

export type { CiteEntry };
