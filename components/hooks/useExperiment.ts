'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createEtaEstimator } from '@/lib/eta';
import { aggregateOverSeeds } from '@/sims/experiments/aggregate';
import type { PartialResult, Progress, Result } from '@/sims/experiments/types';
import { WorkerCrashedError, createRunner, getSharedClient } from '@/sims/worker/client';
import { decodeResultJson } from '@/lib/resultJson';

export type ExperimentStatus = 'idle' | 'running' | 'done' | 'diverged' | 'error';

export interface RunInfo {
  backend: string;
  /** Worker time for all the seeds, in milliseconds (0 for a result computed when the site was built). */
  elapsedMs: number;
  /** Several seeds whose networks were trained as one (the experiment's `runSeeds`), not one after another. */
  batched?: boolean;
  /** Wall time from the request to the final result, in milliseconds. */
  wallMs: number;
  seeds: number[];
  /** True when the result was computed at build time and shipped with the page (no worker run). */
  shipped: boolean;
}

/**
 * A result computed when the site was built, for one configuration of this figure (content/results.ts). Plain data:
 * the page's server render hands it to the widget. `R` only says what the file holds.
 */
export interface ShippedResult<R extends Result = Result> {
  /** The static file with the result. */
  url: string;
  /** The parameter values and seed it was computed with. */
  params: Record<string, unknown>;
  seed: number;
  /** Type-level only. */
  readonly __result?: R;
}

const shippedCache = new Map<string, Promise<Result>>();
/** The build-time results that have arrived, by URL: a figure can draw one during render, with no effect between. */
const shippedLoaded = new Map<string, Result>();

/** Fetches a build-time result once per page (several figures may share a configuration). */
export function loadShipped<R extends Result>(shipped: ShippedResult<R>): Promise<R> {
  let hit = shippedCache.get(shipped.url);
  if (!hit) {
    hit = fetch(shipped.url).then(async (response) => {
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      const result = decodeResultJson<{ result: Result }>(await response.text()).result;
      shippedLoaded.set(shipped.url, result);
      return result;
    });
    hit.catch(() => shippedCache.delete(shipped.url));
    shippedCache.set(shipped.url, hit);
  }
  return hit as Promise<R>;
}

export interface ExperimentState<R extends Result = Result> {
  status: ExperimentStatus;
  /** In [0, 1] while running. */
  progress: number;
  /** What the run is doing now. */
  message: string | null;
  /** Estimated time left while running, in milliseconds. */
  etaMs: number | null;
  /**
   * The latest complete result. While a new run computes, this is still the previous one (see `stale`), so a figure
   * keeps its drawing instead of blanking.
   */
  result: R | null;
  /** True while `result` belongs to an earlier request than the one computing now. */
  stale: boolean;
  /** The parameter values `result` was computed with (while `stale`, not the ones computing now). */
  resultParams: Record<string, unknown> | null;
  /** The run in flight so far (single seed only): the curves it has produced, for figures that draw them live. */
  partial: PartialResult<R> | null;
  error: string | null;
  /** Set after a worker crash: the worker was restarted (the run is retried once). */
  crashNotice: string | null;
  info: RunInfo | null;
  rerun(): void;
  cancel(): void;
}

export interface UseExperimentOptions<R extends Result> {
  /** Start worker runs only when true (e.g. the figure is on screen and its URL state has been read). */
  enabled?: boolean;
  /** Whether `params` and `seed` are final (the URL has been read): a shipped result loads as soon as they are. */
  ready?: boolean;
  /** Compare over this many consecutive seeds (seed, seed + 1, …): mean with a min–max band. */
  seeds?: number;
  /** The build-time result of this figure's default configuration: drawn without running anything when it applies. */
  shipped?: ShippedResult<R>;
}

type State<R extends Result> = Omit<ExperimentState<R>, 'rerun' | 'cancel'>;

/**
 * A run's partial results are drawn only while it has at least this long to go (at its rate so far). A figure redraw
 * costs tens of milliseconds of main thread, up to a few hundred for a large chart: a run about to end should land
 * once, not redraw its figure for each fragment on the way.
 */
export const PARTIAL_MIN_REMAINING_MS = 250;

/** Time left at the run's average rate so far (Infinity before any progress). */
function remainingMs(elapsedMs: number, fraction: number): number {
  return fraction > 0 ? (elapsedMs * (1 - fraction)) / fraction : Infinity;
}

const IDLE = {
  status: 'idle',
  progress: 0,
  message: null,
  etaMs: null,
  result: null,
  stale: false,
  resultParams: null,
  partial: null,
  error: null,
  crashNotice: null,
  info: null,
} as const;

/** Same values, in any key order. */
function sameParams(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]));
}

/**
 * Runs experiment `id` in the worker whenever its parameters or seed change, through one runner lane
 * (`createRunner` in sims/worker/client.ts): a newer request cancels the one in flight, and results of superseded
 * requests are never shown. When the request is the figure's default configuration and a build-time result exists,
 * that result is drawn and no worker starts.
 */
export function useExperiment<R extends Result = Result>(
  id: string,
  params: Record<string, unknown>,
  seed: number,
  { enabled = true, ready = true, seeds = 1, shipped }: UseExperimentOptions<R> = {},
): ExperimentState<R> {
  const [state, setState] = useState<State<R>>(IDLE);
  const runner = useMemo(() => (typeof window === 'undefined' ? null : createRunner(getSharedClient())), []);
  const [nonce, setNonce] = useState(0);
  const paramsKey = JSON.stringify(params);
  const request = useRef(0);

  useEffect(() => {
    if (!runner || !ready) return;
    const values = JSON.parse(paramsKey) as Record<string, unknown>;
    // The build-time result, when this is exactly its configuration (and the reader did not ask to rerun): drawn
    // as soon as the figure mounts, on screen or not, so it is there when the reader scrolls to it.
    const useShipped = shipped && nonce === 0 && seeds === 1 && seed === shipped.seed && sameParams(values, shipped.params);
    if (!useShipped && !enabled) return;
    const mine = ++request.current;
    const current = () => mine === request.current;
    const seedList = Array.from({ length: Math.max(1, seeds) }, (_, i) => seed + i);
    const started = performance.now();
    const eta = createEtaEstimator();

    if (useShipped) {
      runner.cancel();
      loadShipped(shipped)
        .then((result) => {
          if (!current()) return;
          setState({
            ...IDLE,
            status: 'done',
            progress: 1,
            result,
            resultParams: values,
            info: { backend: 'build', elapsedMs: 0, wallMs: performance.now() - started, seeds: [seed], shipped: true },
          });
        })
        .catch((error: unknown) => {
          if (current()) setState((prev) => ({ ...prev, status: 'error', error: `Could not load the precomputed result: ${String(error)}` }));
        });
      return;
    }

    setState((s) => ({ ...s, status: 'running', stale: s.result !== null, partial: null, progress: 0, message: null, etaMs: null, error: null }));
    (async () => {
      let crashNotice: string | null = null;
      // A worker that died is restarted by the client; the run is retried once, and the figure says so.
      const retryOnce = async <T>(start: () => Promise<T>): Promise<T> => {
        try {
          return await start();
        } catch (error) {
          if (!(error instanceof WorkerCrashedError)) throw error;
          crashNotice = error.message.replace(' Run it again.', ' Retrying once.');
          if (current()) setState((prev) => ({ ...prev, crashNotice }));
          return start();
        }
      };
      const onProgress = (p: Progress) => {
        if (!current()) return;
        eta.observe(performance.now(), p.fraction);
        setState((prev) => ({
          ...prev,
          progress: p.fraction,
          message: p.message ?? null,
          // From the recent rate: the run's start (worker and wasm startup) would inflate it.
          etaMs: eta.remainingMs(),
          // Partial curves only for a single seed (a band's worker call sends none), and only while the run looks
          // like it has PARTIAL_MIN_REMAINING_MS or more to go: a quick run lands once instead of redrawing its figure
          // for each fragment.
          partial:
            p.partial && remainingMs(performance.now() - started, p.fraction) >= PARTIAL_MIN_REMAINING_MS
              ? (p.partial as PartialResult<R>)
              : prev.partial,
        }));
      };
      // One seed: its own run, streaming partial results. Several (a band): one worker call, their networks trained
      // as one where the experiment can.
      let outcome: { results: Result[]; diverged: boolean[]; backend: string; elapsedMs: number; batched: boolean };
      if (seedList.length === 1) {
        const single = await retryOnce(() => runner.start(id, values, seed, onProgress));
        if (single.status === 'stale' || !current()) return;
        const r = single.response;
        outcome = { results: [r.result], diverged: [r.diverged], backend: r.backend, elapsedMs: r.elapsedMs, batched: false };
      } else {
        const band = await retryOnce(() => runner.startSeeds(id, values, seedList, onProgress));
        if (band.status === 'stale' || !current()) return;
        outcome = band.response;
      }
      const { results, diverged, backend, elapsedMs, batched } = outcome;
      const wallMs = performance.now() - started;
      const firstDiverged = diverged.indexOf(true);
      if (firstDiverged >= 0) {
        setState((prev) => ({
          ...prev,
          status: 'diverged',
          progress: 1,
          result: results[firstDiverged] as R,
          resultParams: values,
          stale: false,
          partial: null,
          info: { backend, elapsedMs, wallMs, seeds: seedList.slice(0, firstDiverged + 1), shipped: false },
        }));
        return;
      }
      setState({
        ...IDLE,
        status: 'done',
        progress: 1,
        result: aggregateOverSeeds(results) as R,
        resultParams: values,
        crashNotice,
        info: { backend, elapsedMs, wallMs, seeds: seedList, shipped: false, batched },
      });
    })().catch((error: unknown) => {
      if (!current()) return;
      setState((prev) => ({
        ...prev,
        status: 'error',
        error: error instanceof Error ? error.message : String(error),
        crashNotice: error instanceof WorkerCrashedError ? error.message : prev.crashNotice,
      }));
    });
  }, [id, paramsKey, seed, seeds, enabled, ready, nonce, runner, shipped]);

  // Fetch the build-time result as soon as the figure mounts (a small static file); it is drawn once `ready`.
  useEffect(() => {
    if (shipped && typeof window !== 'undefined') loadShipped(shipped).catch(() => undefined);
  }, [shipped]);

  // Unmounting stops whatever this figure has in flight.
  useEffect(() => () => runner?.cancel(), [runner]);

  const rerun = useCallback(() => setNonce((n) => n + 1), []);
  const cancel = useCallback(() => {
    request.current += 1;
    runner?.cancel();
    setState((s) =>
      s.status === 'running' ? { ...s, status: s.result && !s.stale ? 'done' : 'idle', message: 'Cancelled', partial: null } : s,
    );
  }, [runner]);

  // A build-time result that has already arrived is drawn in this very render, before the effect above confirms it:
  // one render less for every figure, and the only way a figure can draw inside a synchronous `beforeprint`.
  if (state.status === 'idle' && ready && shipped && nonce === 0 && seeds === 1 && seed === shipped.seed) {
    const loaded = shippedLoaded.get(shipped.url);
    if (loaded && sameParams(JSON.parse(paramsKey) as Record<string, unknown>, shipped.params)) {
      return {
        ...IDLE,
        status: 'done',
        progress: 1,
        result: loaded as R,
        resultParams: shipped.params,
        info: { backend: 'build', elapsedMs: 0, wallMs: 0, seeds: [seed], shipped: true },
        rerun,
        cancel,
      };
    }
  }
  return { ...state, rerun, cancel };
}
