/**
 * Progress reporting for experiments: a figure should be able to redraw at least every 250 ms (DESIGN.md), but
 * building a partial result at every training step would cost more than the step. `progressReporter` forwards at
 * most one report per `intervalMs` (and always the ones marked `force`), and builds the partial result only then.
 */
import type { Progress, Result } from './types';

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export type ReportProgress = (fraction: number, message: string, partial?: () => Result, force?: boolean) => void;

export function progressReporter(
  onProgress: ((progress: Progress) => void) | undefined,
  intervalMs = 100,
): ReportProgress {
  let last = -Infinity;
  return (fraction, message, partial, force = false) => {
    if (!onProgress) return;
    const t = now();
    if (!force && t - last < intervalMs) return;
    last = t;
    onProgress({ fraction: Math.min(1, Math.max(0, fraction)), message, ...(partial ? { partial: partial() } : {}) });
  };
}
