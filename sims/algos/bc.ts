/**
 * Behavior cloning: imitation as supervised learning (SCIENCE-NOTES §1(a), chapter "Behavior cloning").
 *
 *   D  ← nDemos expert demonstrations of `horizon` steps: pairs (s, π*(s)) on the expert's own states
 *   π̂ ← argmin_π  Σ_{(s,a) ∈ D} −log π(a | s)        (the log-loss; next-token prediction is exactly this)
 *   return π̂, deployed greedily
 *
 * The loss is measured on the expert's state distribution d^{π*}, but π̂ is deployed on its own, d^{π̂}. On LaneKeep
 * the clean demonstrations contain only (y = 0, stay), so BC fits them perfectly and learns nothing about recovering:
 * one tremble off the centre line and it never comes back (Toy 2A). Compare with dagger.ts and dart.ts: they change
 * only which states end up in D.
 */
import type { Rng } from '../../lib/rng';
import { throwIfAborted } from '../core/abort';
import { trainMlp } from '../policies/mlp';
import { trainMlpSeeds } from '../policies/mlpSeeds';
import type { MlpWeights } from '../policies/weights';
import {
  DEFAULT_LEARNER,
  labelAccuracy,
  learnerSpec,
  trainingProgress,
  type AlgoOptions,
  type ImitationTask,
  type LabelledData,
  type LearnerConfig,
  type LossPoint,
} from './task';

// ---------------------------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------------------------

export interface BcConfig {
  /** nDemos: number of expert demonstrations (episodes). */
  nDemos: number;
  /** horizon H: steps per demonstration (and the horizon `eval/cost` is measured over). */
  horizon: number;
  /** The network and its optimiser. */
  learner: LearnerConfig;
}

/** Toy 2A's setting: 20 demonstrations of 40 steps, the default learner. */
export const BC_DEFAULTS: BcConfig = { nDemos: 20, horizon: 40, learner: DEFAULT_LEARNER };

export interface BcResult {
  /** π̂, read out of tfjs once. */
  weights: MlpWeights;
  /** D: the demonstrations it was trained on. */
  data: LabelledData;
  /** Recorded minibatch losses. */
  losses: LossPoint[];
  /**
   * 'loss/train' (last recorded), 'accuracy/train' (greedy π̂ agrees with the expert on D; categorical only),
   * 'data/size', 'labels/expert' (= data/size: every pair is an expert label), 'cost/demonstrator' (the expert's mean
   * episode cost while demonstrating), 'eval/cost' (J of π̂ deployed, when the task can evaluate).
   */
  metrics: Record<string, number>;
}

// ---------------------------------------------------------------------------------------------------------------
// The algorithm
// ---------------------------------------------------------------------------------------------------------------

/**
 * Behavior cloning on `task`. Deterministic for a given `rng`: the demonstrations use its 'demos' stream and training
 * its 'train' stream (the same streams DART and DAgger's first fit use, so DART with no noise *is* this run).
 */
export async function trainBc(
  task: ImitationTask,
  config: Partial<BcConfig>,
  rng: Rng,
  options: AlgoOptions = {},
): Promise<BcResult> {
  const { nDemos, horizon, learner } = { ...BC_DEFAULTS, ...config };
  const { signal, onProgress } = options;
  throwIfAborted(signal);

  // 1. The expert demonstrates; we keep what it saw and what it did.
  const data = task.demonstrate(nDemos, horizon, rng.stream('demos'));
  if (data.n === 0)
    throw new RangeError('trainBc: the demonstrations contain no steps (nDemos and horizon must be ≥ 1)');
  onProgress?.({
    fraction: 0.05,
    message: `${nDemos} demonstrations, ${data.n} pairs`,
    metrics: { 'data/size': data.n },
  });

  // 2. Supervised learning on D (log-loss for actions, MSE for continuous ones).
  const { weights, losses } = await trainMlp(learnerSpec(task, learner), data, learner.train, rng.stream('train'), {
    signal,
    onProgress: trainingProgress(options, { from: 0.05, to: 0.95, message: 'training', stepOffset: 0 }),
  });

  // 3. What we got.
  const metrics = bcMetrics(task, weights, data, losses, horizon);
  onProgress?.({ fraction: 1, message: 'done', metrics });
  return { weights, data, losses, metrics };
}

function bcMetrics(task: ImitationTask, weights: MlpWeights, data: LabelledData, losses: LossPoint[], horizon: number): Record<string, number> {
  const metrics: Record<string, number> = {
    'loss/train': losses[losses.length - 1]?.loss ?? NaN,
    'data/size': data.n,
    'labels/expert': data.n,
  };
  if (task.head === 'categorical') metrics['accuracy/train'] = labelAccuracy(weights, data);
  if (data.meanEpisodeCost !== undefined) metrics['cost/demonstrator'] = data.meanEpisodeCost;
  if (task.evaluate) metrics['eval/cost'] = task.evaluate(weights, horizon);
  return metrics;
}

// ---------------------------------------------------------------------------------------------------------------
// Several seeds at once (a "compare over N seeds" band)
// ---------------------------------------------------------------------------------------------------------------

/**
 * `trainBc` for several seeds, their networks trained as one (sims/policies/mlpSeeds.ts): result k equals
 * `trainBc(task, config, rngs[k])` exactly. Every seed's data set must give the same minibatch size (true whenever
 * each seed has at least `batchSize` pairs, or all have the same number). Progress is reported for the whole band.
 */
export async function trainBcSeeds(
  task: ImitationTask,
  config: Partial<BcConfig>,
  rngs: Rng[],
  options: AlgoOptions = {},
): Promise<BcResult[]> {
  const { nDemos, horizon, learner } = { ...BC_DEFAULTS, ...config };
  const { signal, onProgress } = options;
  throwIfAborted(signal);
  const datasets = rngs.map((rng) => task.demonstrate(nDemos, horizon, rng.stream('demos')));
  if (datasets.some((data) => data.n === 0))
    throw new RangeError('trainBcSeeds: the demonstrations contain no steps (nDemos and horizon must be ≥ 1)');
  const trained = await trainMlpSeeds(
    learnerSpec(task, learner),
    datasets,
    learner.train,
    rngs.map((rng) => rng.stream('train')),
    {
      signal,
      onProgress: (p) =>
        onProgress?.({
          fraction: 0.05 + 0.9 * ((p.step + 1) / p.steps),
          message: `training ${rngs.length} seeds: step ${p.step + 1}/${p.steps}`,
          metrics: { 'train/step': p.step },
        }),
    },
  );
  return datasets.map((data, k) => {
    const [weights, losses] = [trained.weights[k], trained.losses[k]];
    return { weights, data, losses, metrics: bcMetrics(task, weights, data, losses, horizon) };
  });
}
