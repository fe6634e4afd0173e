/**
 * Progress reporting for experiments: a figure should be able to redraw at least every 250 ms (DESIGN.md), but
 * building a partial result at every training step would cost more than the step. `progressReporter` forwards at
 * most one report per `intervalMs` (and always the ones marked `force`), and builds the partial result only then.
 */
import type { PartialResult, Progress, Result } from './types';

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** How often an experiment reports progress: the one cadence, used by every experiment and by the worker. */
export const PROGRESS_INTERVAL_MS = 100;

export type ReportProgress<R extends Result = Result> = (
  fraction: number,
  message: string,
  partial?: () => PartialResult<R>,
  force?: boolean,
) => void;

export function progressReporter<R extends Result = Result>(
  onProgress: ((progress: Progress<R>) => void) | undefined,
  intervalMs = PROGRESS_INTERVAL_MS,
): ReportProgress<R> {
  let last = -Infinity;
  return (fraction, message, partial, force = false) => {
    if (!onProgress) return;
    const t = now();
    if (!force && t - last < intervalMs) return;
    last = t;
    onProgress({ fraction: Math.min(1, Math.max(0, fraction)), message, ...(partial ? { partial: partial() } : {}) });
  };
}
