/**
 * DART — noise injection into the demonstrator (Laskey, Lee, Fox, Dragan & Goldberg, CoRL 2017; SCIENCE-NOTES §3.4,
 * Toy 3A).
 *
 *   D  ← nDemos demonstrations in which the expert's *executed* actions are perturbed with noise ε_D, so its hand
 *        shakes it off course and it shows how to come back; each state is labelled with the expert's *intended*
 *        (clean) action
 *   π̂ ← argmin_π  Σ_{(s,a) ∈ D} −log π(a | s)
 *   return π̂, deployed greedily
 *
 * Against bc.ts this changes one argument: the noise of the demonstrations. Against dagger.ts it needs no expert
 * labels on the learner's states and no learner rollouts, only a demonstrator willing to be shaken; the price is the
 * demonstrator's own cost while demonstrating ('cost/demonstrator' ≈ (2ε_D/3)·H on LaneKeep). The noise must excite
 * every direction the learner will drift in: with too little, the demonstrations show recovery on one side only.
 * (DART proper re-estimates the noise level from the learner's errors over a few rounds; on LaneKeep the learner's
 * error is the known tremble ε, so one fixed ε_D is the whole algorithm.)
 */
import type { Rng } from '../../lib/rng';
import { throwIfAborted } from '../core/abort';
import { trainMlp } from '../policies/mlp';
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

export interface DartConfig {
  /** nDemos: number of noisy expert demonstrations (episodes). */
  nDemos: number;
  /** horizon H: steps per demonstration (and the horizon `eval/cost` is measured over). */
  horizon: number;
  /** noise ε_D: how hard the demonstrator's hand shakes (on LaneKeep, its tremble probability). 0 is plain BC. */
  noise: number;
  /** The network and its optimiser. */
  learner: LearnerConfig;
}

/** Toy 3A's setting: 20 demonstrations of 40 steps with ε_D = 0.3. */
export const DART_DEFAULTS: DartConfig = { nDemos: 20, horizon: 40, noise: 0.3, learner: DEFAULT_LEARNER };

export interface DartResult {
  weights: MlpWeights;
  /** D: the noisy demonstrations, labelled with the clean actions. */
  data: LabelledData;
  losses: LossPoint[];
  /**
   * 'loss/train', 'accuracy/train' (categorical), 'data/size', 'labels/expert', 'dart/noise', 'cost/demonstrator'
   * (the expert's mean episode cost while demonstrating under noise), 'eval/cost' (when the task can evaluate).
   */
  metrics: Record<string, number>;
}

// ---------------------------------------------------------------------------------------------------------------
// The algorithm
// ---------------------------------------------------------------------------------------------------------------

/**
 * DART on `task`. Uses the same 'demos' and 'train' streams of `rng` as trainBc, so with `noise` = 0 it returns
 * exactly BC's learner.
 */
export async function runDart(
  task: ImitationTask,
  config: Partial<DartConfig>,
  rng: Rng,
  options: AlgoOptions = {},
): Promise<DartResult> {
  const { nDemos, horizon, noise, learner } = { ...DART_DEFAULTS, ...config };
  const { signal, onProgress } = options;
  throwIfAborted(signal);

  // 1. The expert demonstrates with a shaking hand; the labels are what it meant to do.
  const data = task.demonstrate(nDemos, horizon, rng.stream('demos'), noise);
  if (data.n === 0)
    throw new RangeError('runDart: the demonstrations contain no steps (nDemos and horizon must be ≥ 1)');
  onProgress?.({
    fraction: 0.05,
    message: `${nDemos} noisy demonstrations, ${data.n} pairs`,
    metrics: { 'data/size': data.n, 'dart/noise': noise },
  });

  // 2. Supervised learning on D, exactly as in BC.
  const { weights, losses } = await trainMlp(learnerSpec(task, learner), data, learner.train, rng.stream('train'), {
    signal,
    onProgress: trainingProgress(options, { from: 0.05, to: 0.95, message: 'training', stepOffset: 0 }),
  });

  // 3. What we got, and what collecting it cost the demonstrator.
  const metrics: Record<string, number> = {
    'loss/train': losses[losses.length - 1]?.loss ?? NaN,
    'data/size': data.n,
    'labels/expert': data.n,
    'dart/noise': noise,
  };
  if (task.head === 'categorical') metrics['accuracy/train'] = labelAccuracy(weights, data);
  if (data.meanEpisodeCost !== undefined) metrics['cost/demonstrator'] = data.meanEpisodeCost;
  if (task.evaluate) metrics['eval/cost'] = task.evaluate(weights, horizon);
  onProgress?.({ fraction: 1, message: 'done', metrics });
  return { weights, data, losses, metrics };
}
