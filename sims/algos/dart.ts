/**
 * DART — noise injection into the demonstrator (Laskey, Lee, Fox, Dragan & Goldberg, CoRL 2017; SCIENCE-NOTES §3.4,
 * Toy 3A).
 *
 *   D ← nDemos demonstrations in which the expert's *executed* actions are perturbed with noise ε_D, so its hand
 *       shakes it off course and it shows how to come back; each state is labelled with the expert's *intended*
 *       (clean) action;  π̂₁ ← train on D
 *   for i = 1 … nRounds:
 *     D_i ← demosPerRound more noisy demonstrations, labelled the same way
 *     D   ← D ∪ D_i
 *     π̂_{i+1} ← train on D                                         (warm-started from π̂_i)
 *   return π̂_{nRounds+1}
 *
 * Against bc.ts this changes one argument: the noise of the demonstrations (with nRounds = 0, the default, that is
 * the whole difference). Against dagger.ts the loop is the same, but a round's new states come from the shaking
 * expert, not from the learner: no expert labels on the learner's states and no learner rollouts, only a
 * demonstrator willing to be shaken. The price is the demonstrator's own cost while demonstrating
 * ('cost/demonstrator' ≈ (2ε_D/3)·H on LaneKeep). The noise must excite every direction the learner will drift in:
 * with too little, the demonstrations show recovery on one side only. With ε_D = 0 the rounds are BC given more
 * demonstrations, round by round. (DART proper re-estimates ε_D from the learner's errors between rounds; on
 * LaneKeep the learner's error is the known tremble ε, so one fixed ε_D is the whole algorithm.)
 */
import type { Rng } from '../../lib/rng';
import { checkpoint, throwIfAborted } from '../core/abort';
import { resolveTrainConfig, trainMlp } from '../policies/mlp';
import type { MlpWeights } from '../policies/weights';
import {
  DEFAULT_LEARNER,
  aggregate,
  fitConfig,
  labelAccuracy,
  learnerSpec,
  trainingProgress,
  type ImitationTask,
  type LabelledData,
  type LearnerConfig,
  type LossPoint,
  type RoundOptions,
} from './task';

// ---------------------------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------------------------

export interface DartConfig {
  /** nDemos: number of noisy expert demonstrations (episodes) in round 0. */
  nDemos: number;
  /** horizon H: steps per demonstration (and the horizon `eval/cost` is measured over). */
  horizon: number;
  /** noise ε_D: how hard the demonstrator's hand shakes (on LaneKeep, its tremble probability). 0 is plain BC. */
  noise: number;
  /** nRounds: how many times DART collects more noisy demonstrations, aggregates and retrains (0: one shot). */
  nRounds: number;
  /** demosPerRound: noisy demonstrations added in each round i ≥ 1. */
  demosPerRound: number;
  /** warmStart: retrain from π̂_i's weights instead of from a fresh initialisation (as dagger.ts does). */
  warmStart: boolean;
  /** The network and its optimiser (`learner.retrain` adjusts the warm-started retrainings). */
  learner: LearnerConfig;
}

/** Toy 3A's setting: 20 demonstrations of 40 steps with ε_D = 0.3, in one shot. */
export const DART_DEFAULTS: DartConfig = {
  nDemos: 20,
  horizon: 40,
  noise: 0.3,
  nRounds: 0,
  demosPerRound: 20,
  warmStart: true,
  learner: DEFAULT_LEARNER,
};

/** One round's record: the learner trained on the noisy demonstrations so far. */
export interface DartRound {
  /** i: 0 is the fit on the first nDemos demonstrations, i ≥ 1 add demosPerRound each. */
  round: number;
  /** The learner trained at the end of this round (π̂_{i+1}). */
  weights: MlpWeights;
  /** |D| after aggregating this round. */
  dataSize: number;
  /** Expert labels used so far (= |D|: every pair is an expert label). */
  expertLabels: number;
  /** The demonstrator's mean episode cost over this round's demonstrations (what shaking its hand cost). */
  collectionCost: number;
  /** J of this round's learner, deployed (when the task can evaluate). */
  cost?: number;
  /** Last recorded training loss. */
  loss: number;
}

export interface DartResult {
  /** The last learner, π̂_{nRounds+1}. */
  weights: MlpWeights;
  /** D: the noisy demonstrations, labelled with the clean actions. */
  data: LabelledData;
  rounds: DartRound[];
  /** Training losses of all (re)trainings, steps counted across the run. */
  losses: LossPoint[];
  /**
   * 'loss/train', 'accuracy/train' (categorical), 'data/size', 'labels/expert', 'dart/noise', 'dart/round' (rounds
   * run), 'cost/demonstrator' (the expert's mean episode cost while demonstrating under noise, over every
   * demonstration), 'eval/cost' (when the task can evaluate).
   */
  metrics: Record<string, number>;
}

// ---------------------------------------------------------------------------------------------------------------
// The algorithm
// ---------------------------------------------------------------------------------------------------------------

/**
 * DART on `task`. Uses the same 'demos' and 'train' streams of `rng` as trainBc, so with `noise` = 0 its first
 * learner is exactly BC's (and with nRounds = 0 it returns it); round i uses 'round/i/demos' and 'round/i/train'.
 * `onRound` receives each round's record as soon as it is complete.
 */
export async function runDart(
  task: ImitationTask,
  config: Partial<DartConfig>,
  rng: Rng,
  options: RoundOptions<DartRound> = {},
): Promise<DartResult> {
  const { nDemos, horizon, noise, nRounds, demosPerRound, warmStart, learner } = { ...DART_DEFAULTS, ...config };
  const { signal, onProgress, onRound } = options;
  const spec = learnerSpec(task, learner);
  const trainings = nRounds + 1;
  const slice = (k: number) => ({ from: k / trainings, to: (k + 1) / trainings });
  const rounds: DartRound[] = [];
  const losses: LossPoint[] = [];
  let stepOffset = 0;
  const demonstrator = { cost: 0, episodes: 0 }; // Σ episode costs of the demonstrations that report one
  throwIfAborted(signal);

  const fit = async (data: LabelledData, round: number, trainRng: Rng, init?: MlpWeights) => {
    const roundMetrics = { 'dart/round': round, 'data/size': data.n, 'dart/noise': noise };
    const train = fitConfig(learner, init !== undefined);
    const result = await trainMlp(spec, data, train, trainRng, {
      signal,
      init,
      onProgress: trainingProgress(options, {
        ...slice(round),
        message: nRounds > 0 ? `round ${round}/${nRounds}: training` : 'training',
        stepOffset,
        metrics: roundMetrics,
      }),
    });
    for (const l of result.losses) losses.push({ step: stepOffset + l.step, loss: l.loss });
    stepOffset += resolveTrainConfig(train).steps;
    return result;
  };

  // Round 0: the expert demonstrates with a shaking hand; the labels are what it meant to do. π̂₁ ← train on D,
  // exactly as in BC.
  let data = task.demonstrate(nDemos, horizon, rng.stream('demos'), noise);
  if (data.n === 0)
    throw new RangeError('runDart: the demonstrations contain no steps (nDemos and horizon must be ≥ 1)');
  let weights = (await fit(data, 0, rng.stream('train'))).weights;
  const record = (round: number, demos: LabelledData, episodes: number) => {
    const cost = task.evaluate?.(weights, horizon);
    // What this round's demonstrations cost the shaking demonstrator (when the task reports it).
    if (demos.meanEpisodeCost !== undefined) {
      demonstrator.cost += episodes * demos.meanEpisodeCost;
      demonstrator.episodes += episodes;
    }
    rounds.push({
      round,
      weights,
      dataSize: data.n,
      expertLabels: data.n,
      collectionCost: demos.meanEpisodeCost ?? NaN,
      loss: losses[losses.length - 1]?.loss ?? NaN,
      ...(cost !== undefined ? { cost } : {}),
    });
    onRound?.(rounds[rounds.length - 1]);
    onProgress?.({
      fraction: (round + 1) / trainings,
      message: nRounds > 0 ? `round ${round}/${nRounds} done` : `${nDemos} noisy demonstrations, ${data.n} pairs`,
      metrics: {
        'dart/round': round,
        'dart/noise': noise,
        'data/size': data.n,
        'labels/expert': data.n,
        ...(cost !== undefined ? { 'eval/cost': cost } : {}),
      },
    });
  };
  record(0, data, nDemos);

  for (let i = 1; i <= nRounds; i++) {
    await checkpoint(signal);
    // The expert demonstrates demosPerRound more episodes with the same shaking hand, and we aggregate.
    const demos = task.demonstrate(demosPerRound, horizon, rng.stream(`round/${i}/demos`), noise);
    data = aggregate(data, demos);
    // Retrain on everything collected so far.
    weights = (await fit(data, i, rng.stream(`round/${i}/train`), warmStart ? weights : undefined)).weights;
    record(i, demos, demosPerRound);
  }

  // What we got, and what collecting it cost the demonstrator.
  const last = rounds[rounds.length - 1];
  const metrics: Record<string, number> = {
    'loss/train': last.loss,
    'data/size': data.n,
    'labels/expert': data.n,
    'dart/noise': noise,
    'dart/round': nRounds,
  };
  if (task.head === 'categorical') metrics['accuracy/train'] = labelAccuracy(weights, data);
  if (demonstrator.episodes > 0) metrics['cost/demonstrator'] = demonstrator.cost / demonstrator.episodes;
  if (last.cost !== undefined) metrics['eval/cost'] = last.cost;
  onProgress?.({ fraction: 1, message: 'done', metrics });
  return { weights, data, rounds, losses, metrics };
}
