'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { createEtaEstimator } from '@/lib/eta';
import { aggregateOverSeeds } from '@/sims/experiments/aggregate';
import type { Result } from '@/sims/experiments/types';
import { CancelledError, WorkerCrashedError, getSharedClient } from '@/sims/worker/client';

/** The shortest time between two redraws from progress messages (the final result is always drawn at once). */
const PROGRESS_REDRAW_MS = 250;

export type ExperimentStatus = 'idle' | 'running' | 'done' | 'diverged' | 'error';

export interface RunInfo {
  backend: string;
  /** Worker time summed over seeds, in milliseconds. */
  elapsedMs: number;
  /** Wall time from the request to the final result, in milliseconds. */
  wallMs: number;
  seeds: number[];
}

export interface ExperimentState {
  status: ExperimentStatus;
  /** In [0, 1] while running. */
  progress: number;
  /** What the run is doing now. */
  message: string | null;
  /** Estimated time left while running, in milliseconds. */
  etaMs: number | null;
  /** The latest result: partial while running, final when done. */
  result: Result | null;
  error: string | null;
  /** Set after a worker crash: the worker was restarted (the run is retried once). */
  crashNotice: string | null;
  info: RunInfo | null;
  rerun(): void;
  cancel(): void;
}

export interface UseExperimentOptions {
  /** Compute only when true (e.g. the figure is on screen and its URL state has been read). */
  enabled?: boolean;
  /** Compare over this many consecutive seeds (seed, seed + 1, …): mean with a min–max band. */
  seeds?: number;
}

/**
 * Runs experiment `id` in the worker whenever its parameters or seed change. A newer request cancels the one in
 * flight, and results of superseded requests are never shown.
 */
export function useExperiment(
  id: string,
  params: Record<string, unknown>,
  seed: number,
  { enabled = true, seeds = 1 }: UseExperimentOptions = {},
): ExperimentState {
  const [state, setState] = useState<Omit<ExperimentState, 'rerun' | 'cancel'>>({
    status: 'idle',
    progress: 0,
    message: null,
    etaMs: null,
    result: null,
    error: null,
    crashNotice: null,
    info: null,
  });
  const generation = useRef(0);
  const controller = useRef<AbortController | null>(null);
  const [nonce, setNonce] = useState(0);
  const paramsKey = JSON.stringify(params);

  useEffect(() => {
    if (!enabled) return;
    const mine = ++generation.current;
    controller.current?.abort();
    const own = new AbortController();
    controller.current = own;
    const client = getSharedClient();
    const seedList = Array.from({ length: Math.max(1, seeds) }, (_, i) => seed + i);
    const started = performance.now();
    const eta = createEtaEstimator();
    const current = () => mine === generation.current;
    let lastDrawn = -Infinity;
    setState((s) => ({ ...s, status: 'running', progress: 0, message: null, etaMs: null, error: null }));

    (async () => {
      const results: Result[] = [];
      let backend = '';
      let elapsedMs = 0;
      let crashNotice: string | null = null;
      for (const [index, s] of seedList.entries()) {
        const runOnce = () =>
          client.run(id, JSON.parse(paramsKey) as Record<string, unknown>, s, {
            signal: own.signal,
            onProgress: (p) => {
              if (!current()) return;
              // Each update re-renders the whole figure (charts included): at most one every 250 ms, the slowest
              // redraw rate a live figure may have, keeps the main thread free while the worker computes.
              const now = performance.now();
              const fraction = (index + p.fraction) / seedList.length;
              eta.observe(now, fraction);
              if (now - lastDrawn < PROGRESS_REDRAW_MS) return;
              lastDrawn = now;
              setState((prev) => ({
                ...prev,
                progress: fraction,
                message: p.message ?? null,
                // From the recent rate: the run's start (worker and wasm startup) would inflate it.
                etaMs: eta.remainingMs(),
                // Partial curves are drawn only for a single seed (a mean over seeds needs them all).
                result: seedList.length === 1 && p.partial ? p.partial : prev.result,
              }));
            },
          });
        let response;
        try {
          response = await runOnce();
        } catch (error) {
          if (!(error instanceof WorkerCrashedError) || own.signal.aborted) throw error;
          crashNotice = error.message.replace(' Run it again.', ' Retrying once.');
          if (current()) setState((prev) => ({ ...prev, crashNotice }));
          response = await runOnce();
        }
        backend = response.backend;
        elapsedMs += response.elapsedMs;
        if (response.diverged) {
          if (current()) {
            setState((prev) => ({
              ...prev,
              status: 'diverged',
              progress: 1,
              result: response.result,
              info: { backend, elapsedMs, wallMs: performance.now() - started, seeds: seedList.slice(0, index + 1) },
            }));
          }
          return;
        }
        results.push(response.result);
      }
      if (!current()) return;
      setState({
        status: 'done',
        progress: 1,
        message: null,
        etaMs: null,
        result: aggregateOverSeeds(results),
        error: null,
        crashNotice,
        info: { backend, elapsedMs, wallMs: performance.now() - started, seeds: seedList },
      });
    })().catch((error: unknown) => {
      if (!current() || error instanceof CancelledError) return;
      setState((prev) => ({
        ...prev,
        status: 'error',
        error: error instanceof Error ? error.message : String(error),
        crashNotice: error instanceof WorkerCrashedError ? error.message : prev.crashNotice,
      }));
    });

    return () => {
      // Unmount or a newer request: stop this one.
      own.abort();
    };
  }, [id, paramsKey, seed, seeds, enabled, nonce]);

  const rerun = useCallback(() => setNonce((n) => n + 1), []);
  const cancel = useCallback(() => {
    generation.current += 1;
    controller.current?.abort();
    setState((s) => (s.status === 'running' ? { ...s, status: s.result ? 'done' : 'idle', message: 'Cancelled' } : s));
  }, []);

  return { ...state, rerun, cancel };
}
