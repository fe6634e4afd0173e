/**
 * The page's handle on the simulation workers. This is the only place that creates a Worker.
 *
 * - A small pool (1 worker by default; `ensurePoolSize(2)` for a side-by-side race). Runs go to the least busy slot.
 * - A crashed worker (an uncaught error or a failed load) is terminated and replaced; its pending runs are rejected
 *   with a `WorkerCrashedError` that says so, and `onRestart` listeners hear about it.
 * - `createRunner()` gives each widget a lane in which a new run cancels the previous one; a superseded run resolves
 *   as `stale` and its progress is never delivered, so a stale result is never drawn.
 */
import * as Comlink from 'comlink';
import type { Progress } from '../experiments/types';
import type { CarDaggerRound, HumanBcRequest, HumanDaggerRequest, HumanDaggerSummary } from '../experiments/human-dagger.params';
import {
  ABORT_PREFIX,
  type HumanSessionCallbacks,
  type RunResponse,
  type RunSeedsResponse,
  type WorkerApi,
  type WorkerInit,
  type WorkerStats,
} from './protocol';

/** What the client needs of a Worker (tests pass a fake over a MessageChannel). */
export interface WorkerLike extends Comlink.Endpoint {
  terminate(): void;
}

export type WorkerFactory = () => WorkerLike;

export class WorkerCrashedError extends Error {
  constructor(detail: string) {
    super(`The simulation worker crashed (${detail}) and was restarted. Run it again.`);
    this.name = 'WorkerCrashedError';
  }
}

export class CancelledError extends Error {
  constructor() {
    super('The run was cancelled.');
    this.name = 'CancelledError';
  }
}

function defaultFactory(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'simulation' });
}

function defaultWasmPath(): string {
  const base = typeof process !== 'undefined' ? (process.env.NEXT_PUBLIC_BASE_PATH ?? '') : '';
  return `${base}/tfjs/`;
}

interface Slot {
  worker: WorkerLike;
  api: Comlink.Remote<WorkerApi>;
  ready: Promise<string>;
  /** Rejecters of the runs in flight on this worker. */
  pending: Map<number, (error: Error) => void>;
  dead: boolean;
}

export interface RunOptions {
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
}

export interface SimClientOptions {
  factory?: WorkerFactory;
  poolSize?: number;
  init?: Partial<WorkerInit>;
}

export class SimClient {
  private slots: Slot[] = [];
  private poolSize: number;
  private nextRunId = 1;
  private readonly factory: WorkerFactory;
  private readonly init: WorkerInit;
  private readonly restartListeners = new Set<(error: WorkerCrashedError) => void>();
  /** How many times a crashed worker has been replaced. */
  restarts = 0;

  constructor(options: SimClientOptions = {}) {
    this.factory = options.factory ?? defaultFactory;
    this.poolSize = Math.max(1, options.poolSize ?? 1);
    this.init = { wasmPath: defaultWasmPath(), ...options.init };
  }

  /** Grow the pool (never shrinks while the page lives). */
  ensurePoolSize(size: number): void {
    this.poolSize = Math.max(this.poolSize, size);
  }

  /**
   * Starts a worker (and its tfjs backend) now if none is running, so the first run does not wait for it: a figure
   * calls this when the reader reaches for its controls.
   */
  warm(): void {
    if (this.slots.length === 0) this.slots.push(this.spawn());
  }

  onRestart(listener: (error: WorkerCrashedError) => void): () => void {
    this.restartListeners.add(listener);
    return () => this.restartListeners.delete(listener);
  }

  private spawn(): Slot {
    const worker = this.factory();
    const api = Comlink.wrap<WorkerApi>(worker);
    const slot: Slot = { worker, api, ready: Promise.resolve(''), pending: new Map(), dead: false };
    const onError = (event: Event) => {
      const message = (event as ErrorEvent).message || 'the worker stopped unexpectedly';
      this.crash(slot, message);
    };
    worker.addEventListener('error', onError as EventListener);
    worker.addEventListener('messageerror', onError as EventListener);
    slot.ready = api.init(this.init);
    // A failed start is a crash too; the runs waiting on it are rejected by crash().
    slot.ready.catch((error: unknown) => this.crash(slot, error instanceof Error ? error.message : String(error)));
    return slot;
  }

  private crash(slot: Slot, detail: string): void {
    if (slot.dead) return;
    slot.dead = true;
    try {
      slot.worker.terminate();
    } catch {
      // Already gone.
    }
    this.slots = this.slots.filter((s) => s !== slot);
    this.restarts += 1;
    const error = new WorkerCrashedError(detail);
    for (const reject of slot.pending.values()) reject(error);
    slot.pending.clear();
    for (const listener of this.restartListeners) listener(error);
  }

  private pickSlot(): Slot {
    if (this.slots.length < this.poolSize) {
      const slot = this.spawn();
      this.slots.push(slot);
      return slot;
    }
    return this.slots.reduce((best, s) => (s.pending.size < best.pending.size ? s : best));
  }

  /** Runs an experiment in a worker. Rejects with CancelledError when `signal` aborts, WorkerCrashedError on a crash. */
  run(experimentId: string, params: Record<string, unknown>, seed: number, options: RunOptions = {}): Promise<RunResponse> {
    const { onProgress, signal } = options;
    return this.call(signal, (slot, runId, isSettled) =>
      slot.api.run({ runId, experimentId, params, seed }, progressProxy(onProgress, isSettled)),
    );
  }

  /** Several seeds of one configuration in one worker call (together when the experiment can). No partial results. */
  runSeeds(experimentId: string, params: Record<string, unknown>, seeds: number[], options: RunOptions = {}): Promise<RunSeedsResponse> {
    const { onProgress, signal } = options;
    return this.call(signal, (slot, runId, isSettled) =>
      slot.api.runSeeds({ runId, experimentId, params, seeds }, progressProxy(onProgress, isSettled)),
    );
  }

  /**
   * An interactive DAgger session on the reader's drive (the `human-dagger` figure): the worker trains and calls
   * `callbacks.label` for each round's questions. Rejects with CancelledError when `signal` aborts (the page should
   * also reject a label promise it is holding, so the worker stops waiting).
   */
  humanDagger(request: HumanDaggerRequest, callbacks: HumanSessionCallbacks, signal?: AbortSignal): Promise<HumanDaggerSummary> {
    return this.call(signal, (slot, runId, isSettled) => {
      const remote = Comlink.proxy<HumanSessionCallbacks>({
        label: (q) => callbacks.label(q),
        round: (r) => {
          if (!isSettled()) callbacks.round(r);
        },
        progress: (f, m) => {
          if (!isSettled()) callbacks.progress(f, m);
        },
      });
      return slot.api.humanDagger(runId, request, remote);
    });
  }

  /** BC after a session, on the reader's extra lap (see WorkerApi.humanBc); rejects with CancelledError on abort. */
  humanBc(
    request: HumanBcRequest,
    callbacks: Pick<HumanSessionCallbacks, 'progress'>,
    signal?: AbortSignal,
  ): Promise<CarDaggerRound[]> {
    return this.call(signal, (slot, runId, isSettled) => {
      const remote = Comlink.proxy<Pick<HumanSessionCallbacks, 'progress'>>({
        progress: (f, m) => {
          if (!isSettled()) callbacks.progress(f, m);
        },
      });
      return slot.api.humanBc(runId, request, remote);
    });
  }

  /**
   * One call into a worker, with what every call shares: a run id on the least busy slot, cancellation by `signal`
   * (the worker is told, the promise rejects with CancelledError), rejection with WorkerCrashedError if the worker
   * dies, and errors that cross the boundary turned back into CancelledError or Error. `isSettled` lets callbacks
   * drop messages that arrive after the call ended.
   */
  private call<T>(
    signal: AbortSignal | undefined,
    start: (slot: Slot, runId: number, isSettled: () => boolean) => Promise<T>,
  ): Promise<T> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    const slot = this.pickSlot();
    const runId = this.nextRunId++;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        slot.pending.delete(runId);
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const onAbort = () => {
        void slot.api.cancel(runId);
        settle(() => reject(new CancelledError()));
      };
      slot.pending.set(runId, (error) => settle(() => reject(error)));
      signal?.addEventListener('abort', onAbort);
      start(slot, runId, () => settled)
        .then((value) => settle(() => resolve(value)))
        .catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          settle(() => reject(message.startsWith(ABORT_PREFIX) ? new CancelledError() : new Error(message)));
        });
    });
  }

  /** Statistics of every live worker (backend, tf.memory, counts). */
  async stats(): Promise<WorkerStats[]> {
    return Promise.all(this.slots.map((s) => s.api.stats()));
  }

  /** Terminates every worker and rejects whatever is in flight. */
  dispose(): void {
    for (const slot of this.slots) {
      slot.dead = true;
      for (const reject of slot.pending.values()) reject(new CancelledError());
      slot.worker.terminate();
    }
    this.slots = [];
  }
}

/** The progress listener as a Comlink proxy for the worker, dropping reports that arrive after the call ended. */
function progressProxy(onProgress: ((p: Progress) => void) | undefined, isSettled: () => boolean) {
  return onProgress
    ? Comlink.proxy((p: Progress) => {
        if (!isSettled()) onProgress(p);
      })
    : undefined;
}

export type { RunResponse, RunSeedsResponse };

export type RunOutcome<T = RunResponse> = { status: 'done'; response: T } | { status: 'stale' };

/** One widget's lane: starting a run cancels the lane's previous one; superseded runs resolve as stale. */
export interface Runner {
  start(experimentId: string, params: Record<string, unknown>, seed: number, onProgress?: (p: Progress) => void): Promise<RunOutcome>;
  /** Several seeds in one call (a band), in the same lane. */
  startSeeds(
    experimentId: string,
    params: Record<string, unknown>,
    seeds: number[],
    onProgress?: (p: Progress) => void,
  ): Promise<RunOutcome<RunSeedsResponse>>;
  cancel(): void;
  /** The number of runs in this lane that are still in flight (0 or 1 once cancellations land). */
  readonly active: number;
}

export function createRunner(client: SimClient): Runner {
  let generation = 0;
  let controller: AbortController | null = null;
  let active = 0;
  /** Cancels the lane's previous call and starts this one; a superseded or cancelled call resolves as stale. */
  const lane = async <T>(
    call: (options: RunOptions) => Promise<T>,
    onProgress: ((p: Progress) => void) | undefined,
  ): Promise<RunOutcome<T>> => {
    controller?.abort();
    const mine = ++generation;
    const own = new AbortController();
    controller = own;
    active += 1;
    try {
      const response = await call({
        signal: own.signal,
        onProgress: (p) => {
          if (mine === generation) onProgress?.(p);
        },
      });
      return mine === generation ? { status: 'done', response } : { status: 'stale' };
    } catch (error) {
      if (error instanceof CancelledError || mine !== generation) return { status: 'stale' };
      throw error;
    } finally {
      active -= 1;
      if (controller === own) controller = null;
    }
  };
  return {
    get active() {
      return active;
    },
    cancel() {
      generation += 1;
      controller?.abort();
      controller = null;
    },
    start: (experimentId, params, seed, onProgress) => lane((o) => client.run(experimentId, params, seed, o), onProgress),
    startSeeds: (experimentId, params, seeds, onProgress) =>
      lane((o) => client.runSeeds(experimentId, params, seeds, o), onProgress),
  };
}

let shared: SimClient | null = null;

/**
 * The page's one client (created on first use, in the browser only). It is also reachable as
 * `globalThis.__simClient`, so the end-to-end tests and the benchmark can ask the workers for their stats.
 */
export function getSharedClient(): SimClient {
  if (!shared) {
    shared = new SimClient();
    (globalThis as { __simClient?: SimClient }).__simClient = shared;
  }
  return shared;
}
