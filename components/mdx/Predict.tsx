import type { ReactNode } from 'react';

export interface PredictProps {
  /** The question the reader answers in their head before touching the figure. */
  question: string;
  /** What to do in the figure to check the guess: "Drag the tremble slider to 0.1." */
  tryIt?: string;
  /** The explanation, revealed on demand (markdown). */
  children?: ReactNode;
}

/** A "predict, then try it" prompt: guess first, move a slider, then open the explanation. */
export function Predict({ question, tryIt, children }: PredictProps) {
  return (
    <div className="predict" role="note">
      <p className="predict-question">
        <span className="predict-kind">Predict</span> {question}
      </p>
      {tryIt ? (
        <p className="predict-try">
          <span className="predict-kind">Then try it</span> {tryIt}
        </p>
      ) : null}
      <details className="predict-answer">
        <summary>Show the explanation</summary>
        <div>{children}</div>
      </details>
    </div>
  );
}
