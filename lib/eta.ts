/**
 * Time left in a run, from the recent rate of progress rather than from the run's start. The start includes work
 * that does not repeat (starting the worker, loading the wasm backend, the first compile), so an estimate from it
 * stays too high for the whole run (issue 17: "9.3 s left" with 2 s to go). The rate here is taken over a sliding
 * window of the last `windowMs` of progress reports.
 */
export interface EtaEstimator {
  /** Records that `fraction` (in [0, 1]) of the run was done at time `nowMs`. */
  observe(nowMs: number, fraction: number): void;
  /** Estimated milliseconds left, or null until there is enough progress to say. */
  remainingMs(): number | null;
}

export function createEtaEstimator({ windowMs = 2000, minSpanMs = 300 } = {}): EtaEstimator {
  const samples: { t: number; f: number }[] = [];
  return {
    observe(t, f) {
      const last = samples[samples.length - 1];
      // Progress can restart (a retried run); start over rather than report a negative rate.
      if (last && f < last.f) samples.length = 0;
      samples.push({ t, f });
      // Keep one sample older than the window, so the window is always spanned.
      while (samples.length > 2 && samples[1].t <= t - windowMs) samples.shift();
    },
    remainingMs() {
      if (samples.length < 2) return null;
      const first = samples[0];
      const last = samples[samples.length - 1];
      const span = last.t - first.t;
      const done = last.f - first.f;
      if (span < minSpanMs || !(done > 0)) return null;
      return Math.max(0, ((1 - last.f) * span) / done);
    },
  };
}
