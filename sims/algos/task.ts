/**
 * What an imitation algorithm needs from a problem, as four small pieces — and nothing else:
 *
 *   demonstrate   the expert acts (optionally with a shaking hand) and we keep (observation, intended action) pairs
 *   learner       an MLP trained on those pairs (sims/policies/mlp.ts), acting greedily
 *   visit         roll a policy out in the deployment conditions and keep the observations it saw
 *   label         ask the expert "what would you do here?" about any observation
 *
 * `bc.ts`, `dagger.ts` and `dart.ts` are written against this interface only, so they read like the chapter's
 * pseudocode and work on any environment with an expert. `envTask` builds a task from an environment spec and an
 * expert policy; `laneTask` (laneTask.ts) is the first user.
 *
 * Data are flat typed arrays with their sizes (STYLE.md): observations row-major [n, obsDim], one label per row.
 */
import { Rng } from '../../lib/rng';
import type { Action, EnvSpec } from '../core/env';
import { rolloutMany, type Policy } from '../core/rollout';
import { stackPairs, totalCost, type Trajectory } from '../core/trajectory';
import { argmax, forward } from '../policies/forward';
import type { TrainConfig, TrainProgress } from '../policies/mlp';
import type { Activation, Head, MlpSpec, MlpWeights } from '../policies/weights';

// ---------------------------------------------------------------------------------------------------------------
// The interfaces
// ---------------------------------------------------------------------------------------------------------------

/**
 * Observations with the expert's action on each: the supervised data every algorithm here trains on. It has the
 * shape of the MLP trainer's `Dataset`: categorical labels are action indices (Int32Array), regression labels are
 * rows of [n, outputDim] (Float32Array).
 */
export interface LabelledData {
  /** Observations, row-major [n, obsDim]. */
  x: Float32Array;
  /** The expert's intended action for each row. */
  y: Int32Array | Float32Array;
  n: number;
  /** When the data came from episodes: the mean total cost of one episode (what collecting them cost). */
  meanEpisodeCost?: number;
}

/** The observations a policy visited, row-major [n, obsDim], not yet labelled. */
export interface VisitedStates {
  x: Float32Array;
  n: number;
  /** The mean total cost of one of the episodes (for DAgger: what its data collection cost). */
  meanEpisodeCost?: number;
  /**
   * Optional per-row data the task attaches for a labeller who must see the state, not only the observation (the
   * car: its pose), row-major [n, dim].
   */
  context?: { data: Float32Array; dim: number };
}

export interface ImitationTask {
  /** Numbers per observation: the learner's input size. */
  readonly obsDim: number;
  /** How the learner's output is read: logits over discrete actions, or regression values. */
  readonly head: Head;
  /** Number of logits (categorical) or of action coordinates (regression). */
  readonly outputDim: number;
  /**
   * `nDemos` expert episodes of `horizon` steps, as (observation, expert action) pairs. With `noise` > 0 the
   * expert's *executed* actions are perturbed (DART's noise injection; what `noise` means is the task's: a tremble
   * probability on LaneKeep); the labels are always the actions the expert intended.
   */
  demonstrate(nDemos: number, horizon: number, rng: Rng, noise?: number): LabelledData;
  /** The observations at which `policy` acted during `nRollouts` episodes of `horizon` steps, deployed as the learner is. */
  visit(policy: Policy, nRollouts: number, horizon: number, rng: Rng): VisitedStates;
  /** The expert's action on each of the `n` observations in `x`: the labeller DAgger queries. */
  label(x: Float32Array, n: number): Int32Array | Float32Array;
  /** The expert as a rollout policy (DAgger's mixture policy hands it the wheel with probability β). */
  readonly expert: Policy;
  /** Optional: the cost J of the greedy learner over `horizon` steps, deployed (exact where the environment allows). */
  evaluate?(weights: MlpWeights, horizon: number): number;
}

/** The learner: an MLP of this shape, (re)trained with these optimiser settings. */
export interface LearnerConfig {
  /** Hidden-layer widths, input side first. */
  hidden: number[];
  /** Hidden nonlinearity. */
  activation: Activation;
  /** Optimiser settings for one (re)training (steps, batch size, learning rate…); see sims/policies/mlp.ts. */
  train: Partial<TrainConfig>;
  /**
   * Overrides of `train` for a warm-started retraining (DAgger's and DART's later rounds), e.g. fewer steps: the
   * network starts next to where it should end. Unset: a retraining is the same as the first fit.
   */
  retrain?: Partial<TrainConfig>;
}

/** The optimiser settings of one fit: the first fit, or a retraining warm-started from the previous learner. */
export function fitConfig(learner: LearnerConfig, warmStarted: boolean): Partial<TrainConfig> {
  return warmStarted && learner.retrain ? { ...learner.train, ...learner.retrain } : learner.train;
}

/**
 * The learner of SCIENCE-NOTES Toy 2A, sized for the browser budget: one hidden layer of 32 tanh units, Adam with
 * learning rate 0.02. The notes' prototype took 300 full-batch steps; here a (re)training is 150 steps on minibatches
 * of 128, because in tfjs each step of a network this small costs ~2 ms of per-op overhead whatever the batch
 * (measured in Node, wasm and cpu alike), and 150 steps already fit every demonstrated state (tests/unit/sims/algos).
 */
export const DEFAULT_LEARNER: LearnerConfig = {
  hidden: [32],
  activation: 'tanh',
  train: { steps: 150, batchSize: 128, learningRate: 0.02, optimizer: 'adam', weightDecay: 0, lossEvery: 5 },
};

/** The network an algorithm trains on `task`. */
export function learnerSpec(task: ImitationTask, learner: LearnerConfig): MlpSpec {
  return {
    inputDim: task.obsDim,
    hidden: [...learner.hidden],
    outputDim: task.outputDim,
    head: task.head,
    activation: learner.activation,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Progress and cancellation: how algorithms talk to whoever runs them (never to a UI directly)
// ---------------------------------------------------------------------------------------------------------------

export interface AlgoProgress {
  /** Overall fraction of the run done, in [0, 1]. */
  fraction: number;
  /** What the run is doing now, for a status line ('round 2/5: training'). */
  message: string;
  /**
   * The latest values, namespaced: 'loss/train' (minibatch log-loss), 'train/step', 'eval/cost' (J of the current
   * learner), 'dagger/round', 'dagger/beta', 'data/size' (pairs in the training set), 'labels/expert' (expert labels
   * used so far).
   */
  metrics: Record<string, number>;
}

export interface AlgoOptions {
  /** Aborting stops the run at the next step boundary with an AbortError; every tensor is freed. */
  signal?: AbortSignal;
  onProgress?: (progress: AlgoProgress) => void;
}

/** Options of an algorithm that works in rounds (DAgger, DART): also a hook called with each round's record. */
export interface RoundOptions<Round> extends AlgoOptions {
  /** Called once per round, as soon as its learner is trained (and evaluated, when the task can), in order. */
  onRound?: (round: Round) => void;
}

/** One recorded training loss, with the (re)training it belongs to. */
export interface LossPoint {
  /** Optimiser steps since the start of the whole run (continues across DAgger's retrainings). */
  step: number;
  loss: number;
}

/** Maps one training's progress onto a slice [from, to] of the whole run's progress. */
export function trainingProgress(
  options: AlgoOptions,
  slice: { from: number; to: number; message: string; stepOffset: number; metrics?: Record<string, number> },
): (p: TrainProgress) => void {
  return (p) =>
    options.onProgress?.({
      fraction: slice.from + (slice.to - slice.from) * ((p.step + 1) / p.steps),
      message: `${slice.message}: step ${p.step + 1}/${p.steps}`,
      metrics: { ...slice.metrics, 'loss/train': p.loss, 'train/step': slice.stepOffset + p.step },
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers the algorithms share
// ---------------------------------------------------------------------------------------------------------------

/** D ∪ D': the rows of `b` appended to those of `a` (new arrays; neither input changes). */
export function aggregate(a: LabelledData, b: LabelledData): LabelledData {
  if (a.y.constructor !== b.y.constructor)
    throw new TypeError('aggregate: the two data sets have different label types');
  const x = new Float32Array(a.x.length + b.x.length);
  x.set(a.x, 0);
  x.set(b.x, a.x.length);
  const y =
    a.y instanceof Int32Array ? new Int32Array(a.y.length + b.y.length) : new Float32Array(a.y.length + b.y.length);
  y.set(a.y, 0);
  y.set(b.y, a.y.length);
  return { x, y, n: a.n + b.n };
}

/**
 * The trained network as a rollout policy: the most likely action (categorical head) or the predicted action
 * vector (regression head). Evaluated in plain TypeScript on the exported weights, never in tfjs.
 */
export function greedyPolicy(weights: MlpWeights): Policy {
  const out = new Float32Array(weights.spec.outputDim);
  if (weights.spec.head === 'categorical') return (observation) => argmax(forward(weights, asVector(observation), out));
  return (observation) => Float64Array.from(forward(weights, asVector(observation), out));
}

function asVector(observation: number | Float64Array): ArrayLike<number> {
  return typeof observation === 'number' ? [observation] : observation;
}

/** Fraction of the rows of `data` on which the greedy learner picks the labelled action (categorical head). */
export function labelAccuracy(weights: MlpWeights, data: LabelledData): number {
  if (weights.spec.head !== 'categorical') throw new Error('labelAccuracy needs a categorical head');
  if (data.n === 0) return 1;
  const d = weights.spec.inputDim;
  const out = new Float32Array(weights.spec.outputDim);
  let correct = 0;
  for (let i = 0; i < data.n; i++)
    if (argmax(forward(weights, data.x.subarray(i * d, (i + 1) * d), out)) === data.y[i]) correct++;
  return correct / data.n;
}

// ---------------------------------------------------------------------------------------------------------------
// A task from an environment spec and an expert
// ---------------------------------------------------------------------------------------------------------------

export interface EnvTaskConfig<S, P> {
  spec: EnvSpec<S, P>;
  /** The deployment conditions: environment parameters whenever the learner (or DAgger's mixture) acts. */
  params: Partial<P>;
  /** The parameters under which the expert demonstrates with noise level `noise` (0 must mean clean demos). */
  demoParams(noise: number): Partial<P>;
  /** The expert. It must be Markov in the observation (DAgger labels observations without their time step). */
  expert: Policy;
  /** Exact or estimated J of the greedy learner over `horizon` steps, deployed; optional. */
  evaluate?(weights: MlpWeights, horizon: number): number;
}

function meanTotalCost(episodes: readonly Trajectory[]): number {
  return episodes.reduce((sum, e) => sum + totalCost(e), 0) / episodes.length;
}

/** Observations of a flat Float64 block as a Float32 block (the learner's precision). */
function toFloat32(values: Float64Array): Float32Array {
  return Float32Array.from(values);
}

/**
 * An ImitationTask over an environment with a discrete action space (categorical learner) or a box (regression
 * learner). Episodes use `rolloutMany`, so episode i of a call depends only on the rng handed in and i.
 */
export function envTask<S, P>(config: EnvTaskConfig<S, P>): ImitationTask {
  const { spec, expert } = config;
  const params = { ...spec.defaults, ...config.params } as P;
  const obsSpace = spec.observationSpace(params);
  const actSpace = spec.actionSpace(params);
  const obsDim = obsSpace.kind === 'discrete' ? 1 : obsSpace.shape[0];
  const head: Head = actSpace.kind === 'discrete' ? 'categorical' : 'regression';
  const outputDim = actSpace.kind === 'discrete' ? actSpace.n : actSpace.shape[0];
  const labelsOf = (actions: Float64Array): Int32Array | Float32Array =>
    head === 'categorical' ? Int32Array.from(actions) : Float32Array.from(actions);

  return {
    obsDim,
    head,
    outputDim,
    expert,
    demonstrate(nDemos, horizon, rng, noise = 0) {
      if (nDemos === 0) return { x: new Float32Array(0), y: labelsOf(new Float64Array(0)), n: 0 };
      const demoParams = { ...config.params, ...config.demoParams(noise) };
      // rollout records the action the policy chose (its intention), not the trembled one: exactly DART's label.
      const episodes = rolloutMany(spec, expert, nDemos, { rng, params: demoParams, horizon });
      const pairs = stackPairs(episodes);
      return {
        x: toFloat32(pairs.observations),
        y: labelsOf(pairs.actions),
        n: pairs.count,
        meanEpisodeCost: meanTotalCost(episodes),
      };
    },
    visit(policy, nRollouts, horizon, rng) {
      if (nRollouts === 0) return { x: new Float32Array(0), n: 0 };
      const episodes = rolloutMany(spec, policy, nRollouts, { rng, params: config.params, horizon });
      const pairs = stackPairs(episodes);
      return { x: toFloat32(pairs.observations), n: pairs.count, meanEpisodeCost: meanTotalCost(episodes) };
    },
    label(x, n) {
      // A deterministic expert draws nothing; a stochastic one gets the same fixed stream on every call.
      const rng = new Rng(0).stream('expert-labels');
      const out = head === 'categorical' ? new Int32Array(n) : new Float32Array(n * outputDim);
      for (let i = 0; i < n; i++) {
        const row = Float64Array.from(x.subarray(i * obsDim, (i + 1) * obsDim));
        const action: Action = expert(obsSpace.kind === 'discrete' ? row[0] : row, 0, rng);
        if (head === 'categorical') out[i] = action as number;
        else out.set(Array.from(action as ArrayLike<number>), i * outputDim);
      }
      return out;
    },
    ...(config.evaluate ? { evaluate: config.evaluate } : {}),
  };
}
