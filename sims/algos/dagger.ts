/**
 * DAgger — Dataset Aggregation (Ross, Gordon & Bagnell, AISTATS 2011; SCIENCE-NOTES §3.1, chapter "DAgger").
 *
 *   D ← nDemos expert demonstrations;  π̂₁ ← train on D          (round 0: the expert drives, β₀ = 1)
 *   for i = 1 … nRounds:
 *     roll out π_i = β_i·π* + (1 − β_i)·π̂_i  for rolloutsPerRound episodes, deployed as the learner will be
 *     D_i ← the states those rollouts visited, each labelled with the expert's action π*(s)
 *     D   ← D ∪ D_i
 *     π̂_{i+1} ← train on D                                         (warm-started from π̂_i)
 *   return π̂_{nRounds+1}
 *
 * (Ross et al. allow any π̂₁; `initialLearner` hands one in, e.g. the BC learner a figure has already trained.)
 *
 * What it adds to bc.ts is the loop: the learner's *own* states get expert labels, so it learns to recover from its
 * own mistakes. Aggregating and retraining is Follow-the-Leader, a no-regret learner; under u-recoverability the cost
 * is J(π̂) ≤ J(π*) + u·H·ε_N + O(1) instead of BC's H²ε (§3.1). The price: expert labels on the learner's states
 * ('labels/expert'), and the learner's early rounds are driven badly ('cost/collection').
 *
 * The notes' "return the best π̂_i on validation" needs a validation set; like the `imitation` library we return the
 * last learner, and report every round's learner so a figure can show the curve.
 *
 * Who answers "what would you do here?" is a `LabelOracle`: by default the task's automatic expert, but the answer is
 * a promise, so a person can answer too (the `human-dagger` figure pauses the run until the reader has labelled the
 * round's states). `selectQueries` asks about a few of the visited states instead of all of them.
 */
import type { Rng } from '../../lib/rng';
import type { Policy } from '../core/rollout';
import { checkpoint, throwIfAborted } from '../core/abort';
import { resolveTrainConfig, trainMlp } from '../policies/mlp';
import { initMlpWeights, type MlpWeights } from '../policies/weights';
import {
  DEFAULT_LEARNER,
  aggregate,
  fitConfig,
  greedyPolicy,
  labelAccuracy,
  learnerSpec,
  trainingProgress,
  type ImitationTask,
  type LabelledData,
  type LearnerConfig,
  type LossPoint,
  type RoundOptions,
  type VisitedStates,
} from './task';
import { powInt } from '../../lib/detmath';

// ---------------------------------------------------------------------------------------------------------------
// β schedules: β_i is the probability that the expert acts at each step of round i (round 0 = the demonstrations)
// ---------------------------------------------------------------------------------------------------------------

export type BetaSchedule = (round: number) => number;

/** β₀ = 1, then 0: the demonstrations, then pure learner rollouts (Ross et al.'s practical choice; Toys 2A and 3A). */
export const firstRoundExpert: BetaSchedule = (round) => (round === 0 ? 1 : 0);

/** The `imitation` library's LinearBetaSchedule(rampRounds): β_i = min(1, max(0, (rampRounds − i) / rampRounds)). */
export function linearBeta(rampRounds: number): BetaSchedule {
  if (!(rampRounds > 0)) throw new RangeError(`linearBeta: rampRounds must be > 0, got ${rampRounds}`);
  return (round) => Math.min(1, Math.max(0, (rampRounds - round) / rampRounds));
}

/** β_i = p^i: the expert's share decays geometrically (Ross et al. §3). */
export function exponentialBeta(p: number): BetaSchedule {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`exponentialBeta: p must be in [0, 1], got ${p}`);
  return (round) => powInt(p, round);
}

/** The schedules a slider can name. */
export type BetaScheduleName = 'firstRound' | 'linear' | 'exponential';

/** A schedule by name: 'linear' ramps to 0 over `nRounds` rounds, 'exponential' uses p = 0.5. */
export function betaSchedule(name: BetaScheduleName, nRounds: number): BetaSchedule {
  if (name === 'linear') return linearBeta(Math.max(1, nRounds));
  if (name === 'exponential') return exponentialBeta(0.5);
  return firstRoundExpert;
}

// ---------------------------------------------------------------------------------------------------------------
// Who labels: the label oracle, and which visited states it is asked about
// ---------------------------------------------------------------------------------------------------------------

/** One round's question to the labeller: "what would you do in each of these states?" */
export interface LabelQuery {
  /** The DAgger round i ≥ 1 asking. */
  round: number;
  /** The states asked about, as observations in the learner's coordinates, row-major [n, obsDim]. */
  x: Float32Array;
  n: number;
  /** Everything the round's rollouts visited (with the task's context per row, e.g. the car's pose). */
  visited: VisitedStates;
  /** Which rows of `visited` are asked about, in the order of `x`. */
  rows: readonly number[];
}

/**
 * Answers DAgger's label queries, one batch per round. The automatic expert answers at once; a person answers when
 * they have looked (the promise resolves then). Labels have the task's label type: one action index per row
 * (categorical) or [n, outputDim] values (regression).
 */
export interface LabelOracle {
  label(query: LabelQuery): Promise<Int32Array | Float32Array>;
}

/** The task's own expert as an oracle: π*(s) on every queried state (what DAgger has always asked). */
export function expertOracle(task: ImitationTask): LabelOracle {
  return { label: (query) => Promise.resolve(task.label(query.x, query.n)) };
}

/** Which rows of a round's visited states to ask about (all of them when DAgger has no selector). */
export type QuerySelector = (visited: VisitedStates, data: LabelledData, round: number) => readonly number[];

/** The rows `rows` of `visited`, as a query's observation block. */
export function pickRows(visited: VisitedStates, rows: readonly number[], obsDim: number): Float32Array {
  const x = new Float32Array(rows.length * obsDim);
  rows.forEach((r, i) => {
    if (!(r >= 0 && r < visited.n)) throw new RangeError(`pickRows: row ${r} is not among the ${visited.n} visited`);
    x.set(visited.x.subarray(r * obsDim, (r + 1) * obsDim), i * obsDim);
  });
  return x;
}

/** Checks an oracle's answer before it enters D: the right number of finite labels. */
export function checkLabels(labels: Int32Array | Float32Array, n: number, perRow: number): void {
  if (labels.length !== n * perRow)
    throw new RangeError(`DAgger: the labeller answered ${labels.length / perRow} of ${n} queries`);
  for (let i = 0; i < labels.length; i++)
    if (!Number.isFinite(labels[i])) throw new RangeError(`DAgger: label ${i} is not a finite number`);
}

// ---------------------------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------------------------

export interface DaggerConfig {
  /** nDemos: expert demonstrations that seed D (round 0). With 0, π̂₁ is the untrained network. */
  nDemos: number;
  /** horizon H: steps per demonstration and per rollout (and the horizon `eval/cost` is measured over). */
  horizon: number;
  /** nRounds: how many times DAgger rolls out, labels, aggregates and retrains. */
  nRounds: number;
  /** rolloutsPerRound: episodes of the mixture policy π_i per round. */
  rolloutsPerRound: number;
  /** beta: the schedule β_i (probability that the expert acts at a step of round i). */
  beta: BetaSchedule;
  /** warmStart: retrain from π̂_i's weights (as `imitation` does) instead of from a fresh initialisation. */
  warmStart: boolean;
  /** The network and its optimiser (`learner.retrain` adjusts the warm-started retrainings). */
  learner: LearnerConfig;
  /**
   * initialLearner: π̂₁ given, instead of fitted on the demonstrations (which still seed D). Pass the learner that
   * trainBc (or runDart with noise 0) trained on the same `rng`, whose 'demos' and 'train' streams DAgger's own first
   * fit would use, and the run is the same, one fit cheaper: a figure showing BC beside DAgger trains it once.
   */
  initialLearner?: MlpWeights;
  /** oracle: who labels the visited states (default: the task's expert, `expertOracle(task)`). */
  oracle?: LabelOracle;
  /** selectQueries: which visited states to label each round (default: every one). */
  selectQueries?: QuerySelector;
}

/** Toy 2A/3A's setting: 20 demonstrations, 5 rounds × 20 rollouts, β = 1 then 0, horizon 40. */
export const DAGGER_DEFAULTS: DaggerConfig = {
  nDemos: 20,
  horizon: 40,
  nRounds: 5,
  rolloutsPerRound: 20,
  beta: firstRoundExpert,
  warmStart: true,
  learner: DEFAULT_LEARNER,
};

/** One round's record: the learner π̂_i that was rolled out, and what the round added. */
export interface DaggerRound {
  /** i: 0 is the fit on the demonstrations alone (BC), i ≥ 1 follow rollouts. */
  round: number;
  /** β_i used for this round's rollouts (1 for round 0: the demonstrations). */
  beta: number;
  /** The learner trained at the end of this round (π̂_{i+1}; in round 0 π̂₁, fitted or `initialLearner`). */
  weights: MlpWeights;
  /** |D| after aggregating this round. */
  dataSize: number;
  /** Expert labels used so far (demonstration pairs plus every labelled visited state). */
  expertLabels: number;
  /** Mean episode cost of this round's data collection (the demonstrator's in round 0, the mixture's after). */
  collectionCost: number;
  /** J of this round's learner, deployed (when the task can evaluate). */
  cost?: number;
  /** Last recorded training loss (NaN before any fit). */
  loss: number;
}

export interface DaggerResult {
  /** The last learner, π̂_{nRounds+1}. */
  weights: MlpWeights;
  /** D at the end: demonstrations plus every round's labelled states. */
  data: LabelledData;
  rounds: DaggerRound[];
  /** Training losses of all (re)trainings, steps counted across the run. */
  losses: LossPoint[];
  /**
   * Of the final learner: 'loss/train', 'accuracy/train', 'data/size', 'labels/expert', 'dagger/round' (rounds
   * run), 'cost/collection' (mean episode cost of all rollouts), 'eval/cost' (when the task can evaluate).
   */
  metrics: Record<string, number>;
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

/** π_i = β·π* + (1 − β)·π̂: at each step the expert acts with probability β, else the learner. */
export function mixturePolicy(expert: Policy, learner: Policy, beta: number): Policy {
  if (beta >= 1) return expert;
  if (beta <= 0) return learner;
  return (observation, t, rng) => (rng.uniform() < beta ? expert(observation, t, rng) : learner(observation, t, rng));
}

// ---------------------------------------------------------------------------------------------------------------
// The algorithm
// ---------------------------------------------------------------------------------------------------------------

/**
 * DAgger on `task`. Deterministic for a given `rng`: the demonstrations and first fit use its 'demos' and 'train'
 * streams (so π̂₁ is exactly trainBc's learner), round i uses 'round/i/rollouts' and 'round/i/train'. `onRound`
 * receives each round's record as soon as it is complete.
 */
export async function runDagger(
  task: ImitationTask,
  config: Partial<DaggerConfig>,
  rng: Rng,
  options: RoundOptions<DaggerRound> = {},
): Promise<DaggerResult> {
  const { nDemos, horizon, nRounds, rolloutsPerRound, beta, warmStart, learner, initialLearner, selectQueries } = {
    ...DAGGER_DEFAULTS,
    ...config,
  };
  const oracle = config.oracle ?? expertOracle(task);
  const { signal, onProgress, onRound } = options;
  const spec = learnerSpec(task, learner);
  const trainings = nRounds + 1;
  const slice = (k: number) => ({ from: k / trainings, to: (k + 1) / trainings });
  const rounds: DaggerRound[] = [];
  const losses: LossPoint[] = [];
  let stepOffset = 0;
  throwIfAborted(signal);

  const fit = async (data: LabelledData, round: number, trainRng: Rng, init?: MlpWeights) => {
    const roundMetrics = { 'dagger/round': round, 'data/size': data.n };
    const train = fitConfig(learner, init !== undefined);
    const result = await trainMlp(spec, data, train, trainRng, {
      signal,
      init,
      onProgress: trainingProgress(options, {
        ...slice(round),
        message: `round ${round}/${nRounds}: training`,
        stepOffset,
        metrics: roundMetrics,
      }),
    });
    for (const l of result.losses) losses.push({ step: stepOffset + l.step, loss: l.loss });
    stepOffset += resolveTrainConfig(train).steps;
    return result;
  };

  // Round 0: D ← demonstrations; π̂₁ ← train on D (BC), unless π̂₁ is given. Without demonstrations π̂₁ is the
  // untrained network.
  let data = task.demonstrate(nDemos, horizon, rng.stream('demos'));
  let weights =
    initialLearner ??
    (data.n > 0
      ? (await fit(data, 0, rng.stream('train'))).weights
      : initMlpWeights(spec, rng.stream('train').stream('init')));
  const record = (round: number, roundBeta: number, collectionCost: number) => {
    const cost = task.evaluate?.(weights, horizon);
    rounds.push({
      round,
      beta: roundBeta,
      weights,
      dataSize: data.n,
      expertLabels: data.n,
      collectionCost,
      loss: losses[losses.length - 1]?.loss ?? NaN,
      ...(cost !== undefined ? { cost } : {}),
    });
    onRound?.(rounds[rounds.length - 1]);
    onProgress?.({
      fraction: (round + 1) / trainings,
      message: `round ${round}/${nRounds} done`,
      metrics: {
        'dagger/round': round,
        'dagger/beta': roundBeta,
        'data/size': data.n,
        'labels/expert': data.n,
        ...(cost !== undefined ? { 'eval/cost': cost } : {}),
      },
    });
  };
  record(0, 1, data.meanEpisodeCost ?? NaN);

  let collectionTotal = 0;
  for (let i = 1; i <= nRounds; i++) {
    await checkpoint(signal);
    const betaI = beta(i);
    // Roll out the mixture policy, deployed as the learner will be (LaneKeep: with the learner's tremble).
    const visited = task.visit(
      mixturePolicy(task.expert, greedyPolicy(weights), betaI),
      rolloutsPerRound,
      horizon,
      rng.stream(`round/${i}/rollouts`),
    );
    collectionTotal += visited.meanEpisodeCost ?? 0;
    // Ask the expert what it would have done in the visited states (all, or the ones the selector picks), and aggregate.
    const rows = selectQueries ? selectQueries(visited, data, i) : Array.from({ length: visited.n }, (_, r) => r);
    const x = selectQueries ? pickRows(visited, rows, task.obsDim) : visited.x;
    const labels = rows.length > 0 ? await oracle.label({ round: i, x, n: rows.length, visited, rows }) : task.label(x, 0);
    await checkpoint(signal);
    checkLabels(labels, rows.length, task.head === 'categorical' ? 1 : task.outputDim);
    data = aggregate(data, { x, y: labels, n: rows.length });
    // Retrain on everything collected so far.
    if (data.n > 0)
      weights = (await fit(data, i, rng.stream(`round/${i}/train`), warmStart ? weights : undefined)).weights;
    record(i, betaI, visited.meanEpisodeCost ?? NaN);
  }

  const last = rounds[rounds.length - 1];
  const metrics: Record<string, number> = {
    'loss/train': last.loss,
    'data/size': data.n,
    'labels/expert': data.n,
    'dagger/round': nRounds,
    'cost/collection': nRounds > 0 ? collectionTotal / nRounds : NaN,
  };
  if (task.head === 'categorical') metrics['accuracy/train'] = labelAccuracy(weights, data);
  if (last.cost !== undefined) metrics['eval/cost'] = last.cost;
  onProgress?.({ fraction: 1, message: 'done', metrics });
  return { weights, data, rounds, losses, metrics };
}
