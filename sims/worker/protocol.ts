/**
 * The typed contract between the page and the simulation worker. Pure types and small helpers, no tfjs: both the
 * worker and the page-side client import this file.
 */
import type { Progress, Result } from '../experiments/types';

export interface RunRequest {
  /** Chosen by the client; `cancel(runId)` refers to it. */
  runId: number;
  experimentId: string;
  /** Already-validated parameter values (the worker validates again, strictly). */
  params: Record<string, unknown>;
  seed: number;
}

export interface RunResponse {
  runId: number;
  result: Result;
  /** True when the result holds non-finite numbers (a training run that blew up). */
  diverged: boolean;
  backend: string;
  /** Wall time inside the worker, in milliseconds. */
  elapsedMs: number;
}

export interface WorkerStats {
  backend: string | null;
  /** tf.memory() of the worker, when tfjs has started. */
  memory: { numTensors: number; numBytes: number } | null;
  runsCompleted: number;
  runsCancelled: number;
  activeRuns: number[];
  /** The experiment of each active run, in the same order as activeRuns. */
  activeExperiments: string[];
  lastRunMs: number | null;
}

export interface WorkerInit {
  /** URL prefix of the tfjs .wasm files, ending in '/': `${basePath}/tfjs/`. */
  wasmPath: string;
  /** Force a backend (tests); default: wasm, falling back to cpu. */
  backend?: 'wasm' | 'cpu';
}

/** The API object the worker exposes through Comlink. */
export interface WorkerApi {
  init(options: WorkerInit): Promise<string>;
  run(request: RunRequest, onProgress?: (progress: Progress) => void): Promise<RunResponse>;
  cancel(runId: number): void;
  stats(): Promise<WorkerStats>;
}

/** Messages of errors that crossed the worker boundary keep their name in a prefix: '[AbortError] …'. */
export const ABORT_PREFIX = '[AbortError]';

/** Whether a result holds NaN or ±Infinity anywhere a figure would draw it. */
export function hasNonFinite(result: Result): boolean {
  for (const value of Object.values(result.metrics)) if (!Number.isFinite(value)) return true;
  for (const series of Object.values(result.series)) {
    for (const p of series) {
      if (!Number.isFinite(p.y) || !Number.isFinite(p.x)) return true;
    }
  }
  return false;
}
