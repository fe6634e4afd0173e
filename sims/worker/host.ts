/**
 * The worker's API, as a plain object that also runs in Node: the worker wraps it with Comlink, and the unit tests
 * call it directly (or over a MessageChannel) with the same code path.
 */
import { zodSchema, type ParamSchema, type ParamValues } from '../../lib/params';
import { getExperiment } from '../experiments/index';
import { AbortError, checkpoint } from '../core/abort';
import { PROGRESS_INTERVAL_MS } from '../experiments/progress';
import { checkResult, type Experiment, type Progress, type Result } from '../experiments/types';
import { runCarBc, runCarDagger } from '../experiments/human-dagger';
import { humanDaggerInfo, type HumanDaggerRequest } from '../experiments/human-dagger.params';
import { carDefaults } from '../envs/car';
import { MAX_DRIVE_STEPS, driveProblem, replayDrive } from '../envs/carDrive';
import {
  ABORT_PREFIX,
  hasNonFinite,
  type WorkerApi,
  type WorkerInit,
  type WorkerStats,
} from './protocol';

export interface ExperimentHost {
  /** Starts tfjs (idempotent) and returns the backend's name. */
  startBackend(options: WorkerInit): Promise<string>;
  /** tf.memory() once tfjs has started. */
  memory(): Promise<{ numTensors: number; numBytes: number }>;
}

/**
 * The worker API over `host`. `lookup` finds a runnable experiment by id (the registry by default; tests pass
 * their own).
 */
export function runExperiment(
  host: ExperimentHost,
  lookup: (id: string) => Experiment | undefined = getExperiment,
): WorkerApi {
  let init: WorkerInit = { wasmPath: '/tfjs/' };
  let backend: Promise<string> | null = null;
  let backendName: string | null = null;
  const controllers = new Map<number, { controller: AbortController; experimentId: string }>();
  const stats = { runsCompleted: 0, runsCancelled: 0, lastRunMs: null as number | null };

  const ensureBackend = () => {
    backend ??= host.startBackend(init).then((name) => (backendName = name));
    return backend;
  };

  /**
   * One interactive session (the human-DAgger figure's): registered for `cancel(runId)` and the stats, the backend
   * started, and a cancellation turned into the boundary's AbortError message.
   */
  const session = async <T>(runId: number, body: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const controller = new AbortController();
    controllers.set(runId, { controller, experimentId: humanDaggerInfo.id });
    const started = performance.now();
    try {
      await ensureBackend();
      await checkpoint(controller.signal);
      const out = await body(controller.signal);
      stats.runsCompleted += 1;
      stats.lastRunMs = performance.now() - started;
      return out;
    } catch (error) {
      if (error instanceof AbortError || controller.signal.aborted) {
        stats.runsCancelled += 1;
        throw new Error(`${ABORT_PREFIX} session ${runId} was cancelled`, { cause: error });
      }
      throw error instanceof Error ? error : new Error(String(error));
    } finally {
      controllers.delete(runId);
    }
  };

  /**
   * One run (of one seed or several): the parameters checked strictly (the worker's boundary: values arrive parsed
   * by the page, lib/urlState.ts; here they are checked once, so a bad message never reaches an experiment, and
   * nothing is corrected), registered for `cancel(runId)` and the stats, progress throttled to PROGRESS_INTERVAL_MS
   * (the last report always sent), and a cancellation turned into the boundary's AbortError message.
   */
  const execute = async <T extends object>(
    request: { runId: number; experimentId: string; params: Record<string, unknown> },
    onProgress: ((progress: Progress) => void) | undefined,
    body: (experiment: Experiment, values: ParamValues<ParamSchema>, signal: AbortSignal, report: (p: Progress) => void) => Promise<T>,
  ): Promise<T & { backend: string; elapsedMs: number }> => {
    const experiment = lookup(request.experimentId);
    if (!experiment) throw new Error(`Unknown experiment "${request.experimentId}".`);
    const checked = zodSchema(experiment.params).safeParse(request.params);
    if (!checked.success) throw new Error(`Invalid parameters for ${experiment.id}: ${checked.error.message}`);
    const controller = new AbortController();
    controllers.set(request.runId, { controller, experimentId: request.experimentId });
    const started = performance.now();
    let lastSent = 0;
    let pending: Progress | null = null;
    const report = (progress: Progress) => {
      if (!onProgress) return;
      const now = performance.now();
      pending = progress;
      if (now - lastSent >= PROGRESS_INTERVAL_MS || progress.fraction >= 1) {
        lastSent = now;
        pending = null;
        void onProgress(progress);
      }
    };
    try {
      const name = await ensureBackend();
      // Runs queue up behind each other in this single thread. Yield one task first so that cancellations already
      // queued behind this run's message are seen: a run superseded before it started never starts.
      await checkpoint(controller.signal);
      const out = await body(experiment, checked.data as ParamValues<ParamSchema>, controller.signal, report);
      if (pending && onProgress) void onProgress(pending);
      stats.runsCompleted += 1;
      const elapsedMs = performance.now() - started;
      stats.lastRunMs = elapsedMs;
      return { ...out, backend: name, elapsedMs };
    } catch (error) {
      if (error instanceof AbortError || controller.signal.aborted) {
        stats.runsCancelled += 1;
        throw new Error(`${ABORT_PREFIX} run ${request.runId} was cancelled`, { cause: error });
      }
      throw error instanceof Error ? error : new Error(String(error));
    } finally {
      controllers.delete(request.runId);
    }
  };

  return {
    async init(options) {
      init = options;
      return ensureBackend();
    },

    run(request, onProgress) {
      return execute(request, onProgress, async (experiment, values, signal, report) => {
        const result: Result = await experiment.run(values, { seed: request.seed, signal, onProgress: report });
        checkResult(experiment, result);
        return { runId: request.runId, result, diverged: hasNonFinite(result) };
      });
    },

    runSeeds(request, onProgress) {
      return execute(request, onProgress, async (experiment, values, signal, report) => {
        const { seeds } = request;
        if (seeds.length === 0) throw new Error('runSeeds needs at least one seed.');
        let results: Result[];
        if (experiment.runSeeds) {
          results = await experiment.runSeeds(values, seeds, { signal, onProgress: report });
        } else {
          results = [];
          for (const [k, seed] of seeds.entries()) {
            const onSeed = (p: Progress) => report({ fraction: (k + p.fraction) / seeds.length, message: p.message });
            results.push(await experiment.run(values, { seed, signal, onProgress: onSeed }));
          }
        }
        if (results.length !== seeds.length) throw new Error(`${experiment.id}: runSeeds returned ${results.length} results for ${seeds.length} seeds.`);
        for (const result of results) checkResult(experiment, result);
        return { runId: request.runId, results, diverged: results.map(hasNonFinite), batched: experiment.runSeeds !== undefined };
      });
    },

    async humanDagger(runId, request, callbacks) {
      const demoSteer = checkSessionRequest(request);
      return session(runId, async (signal) => {
        const run = await runCarDagger(
          {
            demoSteer,
            epsilon: request.epsilon,
            rounds: request.rounds,
            queries: request.queries,
            seed: request.seed,
            withBc: false,
            oracle: {
              label: async (q) => {
                const context = q.visited.context;
                if (!context) throw new Error('human-dagger: the query has no states to show');
                const answer = await callbacks.label({
                  round: q.round,
                  context: context.data,
                  n: q.visited.n,
                  rows: [...q.rows],
                });
                // null: the reader let the automatic expert answer this round.
                return answer === null ? null : Float32Array.from(answer);
              },
            },
          },
          {
            signal,
            onRound: (r) => void callbacks.round(r),
            onProgress: (p) => void callbacks.progress(p.fraction, p.message),
          },
        );
        return {
          demoOffTrack: run.demo.offTrack,
          expertOffTrack: run.expertOffTrack,
          demoLabels: run.demo.labels,
          rounds: run.dagger,
          demo: run.demo.frames,
        };
      });
    },

    async humanBc(runId, request, callbacks) {
      const demoSteer = checkSessionRequest(request);
      const bcSteer = checkDrive(request.bcSteer, 'the extra lap');
      const perRound = request.labelsPerRound;
      if (
        !Array.isArray(perRound) ||
        perRound.length !== request.rounds + 1 ||
        perRound.some((k) => !Number.isInteger(k) || k < 0 || k > request.queries)
      )
        throw new Error(`human-dagger: labelsPerRound must hold ${request.rounds + 1} whole numbers between 0 and ${request.queries}`);
      return session(runId, (signal) =>
        runCarBc(
          { demoSteer, bcSteer, epsilon: request.epsilon, rounds: request.rounds, queries: request.queries, seed: request.seed, withBc: true },
          perRound,
          { signal, onProgress: (p) => void callbacks.progress(p.fraction, p.message) },
        ),
      );
    },

    cancel(runId) {
      controllers.get(runId)?.controller.abort();
    },

    async stats(): Promise<WorkerStats> {
      return {
        backend: backendName,
        memory: backendName ? await host.memory() : null,
        runsCompleted: stats.runsCompleted,
        runsCancelled: stats.runsCancelled,
        activeRuns: [...controllers.keys()],
        activeExperiments: [...controllers.values()].map((c) => c.experimentId),
        lastRunMs: stats.lastRunMs,
      };
    },
  };
}

/**
 * The boundary for a session: the settings and the drive come from the page and are checked before anything trains.
 * Returns the demonstration's commands (undefined: the automatic expert's lap).
 */
function checkSessionRequest(request: HumanDaggerRequest): Float64Array | undefined {
  const checked = zodSchema(humanDaggerInfo.params).safeParse({
    epsilon: request.epsilon,
    rounds: request.rounds,
    queries: request.queries,
  });
  if (!checked.success) throw new Error(`Invalid parameters for human-dagger: ${checked.error.message}`);
  if (!Number.isInteger(request.seed)) throw new Error('human-dagger: the seed must be an integer');
  return request.steer === null ? undefined : checkDrive(request.steer, 'the drive');
}

/** A drive's commands, refused with the reason when they are out of range or nobody could learn from them. */
function checkDrive(steer: ArrayLike<number>, what: string): Float64Array {
  const commands = Float64Array.from(steer);
  if (
    commands.length > MAX_DRIVE_STEPS ||
    commands.some((v) => !Number.isFinite(v) || Math.abs(v) > carDefaults.maxSteer + 1e-9)
  )
    throw new Error(`human-dagger: ${what} holds steering commands out of range`);
  const problem = driveProblem(commands, replayDrive(commands));
  if (problem) throw new Error(problem);
  return commands;
}
