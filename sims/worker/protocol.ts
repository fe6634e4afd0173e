/**
 * The typed contract between the page and the simulation worker. Pure types and small helpers, no tfjs: both the
 * worker and the page-side client import this file.
 */
import type { Progress, Result } from '../experiments/types';
import type {
  CarDaggerRound,
  HumanBcRequest,
  HumanDaggerRequest,
  HumanDaggerSummary,
  HumanQuery,
} from '../experiments/human-dagger.params';

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

/** Several seeds of one configuration, for a "compare over N seeds" band. */
export interface RunSeedsRequest {
  runId: number;
  experimentId: string;
  params: Record<string, unknown>;
  /** Two or more. */
  seeds: number[];
}

export interface RunSeedsResponse {
  runId: number;
  /** One per seed, in the request's order; each equals that seed's own run. */
  results: Result[];
  /** Per seed: whether its result holds non-finite numbers. */
  diverged: boolean[];
  backend: string;
  elapsedMs: number;
  /** True when the experiment trained the seeds' networks as one (`runSeeds`), false when they ran in turn. */
  batched: boolean;
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

/** The page's side of an interactive DAgger session: the reader answers, and hears each round. */
export interface HumanSessionCallbacks {
  /**
   * The reader's yaw-rate labels (rad/s) for the query's rows, in order; resolves when the reader has answered. null:
   * the automatic expert answers this round.
   */
  label(query: HumanQuery): Promise<Float32Array | null>;
  /** Each round's learner as soon as it is evaluated (round 0: the clone). */
  round(round: CarDaggerRound): void;
  /** Training progress, as a fraction of the whole session and a message. */
  progress(fraction: number, message: string): void;
}

/** The API object the worker exposes through Comlink. */
export interface WorkerApi {
  init(options: WorkerInit): Promise<string>;
  run(request: RunRequest, onProgress?: (progress: Progress) => void): Promise<RunResponse>;
  /** Several seeds in one call: together when the experiment can (`runSeeds`), else in turn. No partial results. */
  runSeeds(request: RunSeedsRequest, onProgress?: (progress: Progress) => void): Promise<RunSeedsResponse>;
  /**
   * DAgger on the reader's drive with the reader as the labeller (the `human-dagger` figure): trains in the worker,
   * asks the page for labels through `callbacks.label` and waits. `runId` cancels it like a run.
   */
  humanDagger(
    runId: number,
    request: HumanDaggerRequest,
    callbacks: HumanSessionCallbacks,
  ): Promise<HumanDaggerSummary>;
  /**
   * After a session: BC on the same demonstration given DAgger's labels per round from the reader's extra lap
   * (`human-dagger`'s fair comparison). Returns BC's rounds, round 0 being the clone.
   */
  humanBc(
    runId: number,
    request: HumanBcRequest,
    callbacks: Pick<HumanSessionCallbacks, 'progress'>,
  ): Promise<CarDaggerRound[]>;
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
