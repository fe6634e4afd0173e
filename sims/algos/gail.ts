/**
 * Tabular GAIL — occupancy matching with an exact discriminator and soft value iteration (Ho & Ermon, NeurIPS 2016;
 * SCIENCE-NOTES §3.7 and §3(b) Toy 3C).
 *
 *   ρ_E ← the expert's state–action occupancy (from its demonstrations)
 *   π   ← an arbitrary stochastic policy
 *   repeat `iterations` times:
 *     ρ_π ← the occupancy of π, run in the environment          (exact here: the state distribution propagated)
 *     D_E ← ρ_E / (ρ_E + ρ_π + δ)                               (the optimal discriminator: "is this pair the expert's?")
 *     r   ← −log(1 − D_E)                                       (GAIL's reward, as in the `imitation` library)
 *     π'  ← soft value iteration on r with temperature τ         (the reinforcement-learning step; entropy bonus τ·H(π))
 *     π   ← (1 − η)·π + η·π'                                    (a damped policy update)
 *   return π
 *
 * What it needs, against bc.ts and dagger.ts: no expert queries at all — only the expert's occupancy, from clean
 * demonstrations — but the learner's own occupancy, i.e. rollouts in the environment, and an RL step per iteration.
 * Here the environment's model P stands in for the simulator (rollouts are computed exactly), and the policy step is
 * exact soft value iteration instead of TRPO; the discriminator is the exact optimum instead of a trained classifier.
 * The task's cost C is never read: GAIL learns from occupancies alone.
 *
 * The pitfall (notes §3(b) Toy 3C): what the discriminator says on pairs neither policy visits. `prior: 'pessimistic'`
 * is the formula above (D_E = 0 there: no reward off the expert's support). `prior: 'uninformative'` smooths
 * symmetrically, D_E = (ρ_E + δ)/(ρ_E + ρ_π + 2δ), so an unvisited pair scores ½ — like a neural discriminator that
 * has seen no data there — and earns log 2, while pairs the learner already visits earn almost nothing: the learner is
 * paid to go where it has not been.
 */
import type { Rng } from '../../lib/rng';
import { checkpoint } from '../core/abort';
import type { TabularModel } from '../core/env';
import { evaluatePolicy, valueIteration } from '../core/tabular';

// ---------------------------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------------------------

/** What the discriminator says about a state–action pair that neither the expert nor the learner visits. */
export type DiscriminatorPrior = 'pessimistic' | 'uninformative';

export interface TabularGailConfig {
  /** Horizon H of the episodes whose occupancies are matched, and of the soft value iteration. */
  horizon: number;
  /** Outer iterations: discriminator, reward, policy step, each once. Notes: 60. */
  iterations: number;
  /** Temperature τ of soft value iteration (the entropy weight, in reward units). Notes: 0.1. */
  temperature: number;
  /** Smoothing δ of the discriminator's denominator. Notes: 10⁻³. */
  delta: number;
  /** The discriminator on unvisited pairs: 0 ('pessimistic', the notes' default) or ½ ('uninformative'). */
  prior: DiscriminatorPrior;
  /** Step η of the damped update π ← (1 − η)π + ηπ'. Notes: ½. */
  mixing: number;
}

export const DEFAULT_GAIL: Omit<TabularGailConfig, 'horizon'> = {
  iterations: 60,
  temperature: 0.1,
  delta: 1e-3,
  prior: 'pessimistic',
  mixing: 0.5,
};

/** One iteration's record: the policy it produced and what it saw on the way. */
export interface GailIteration {
  /** 1 … iterations. */
  iteration: number;
  /** π after this iteration's update, π[s][a]. */
  policy: number[][];
  /** The occupancy ρ_π(s, a) the discriminator was fitted against (of the policy *before* the update). */
  occupancy: Float64Array;
  /** D_E(s, a) and the reward −log(1 − D_E(s, a)) of this iteration, flat nStates × nActions. */
  discriminator: Float64Array;
  reward: Float64Array;
}

export interface TabularGailResult {
  /** The final stochastic policy π[s][a]. */
  policy: number[][];
  iterations: GailIteration[];
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

/** A random stochastic policy: π(·|s) = softmax of standard-normal logits, as a randomly initialised network is. */
export function randomStochasticPolicy(nStates: number, nActions: number, rng: Rng): number[][] {
  return Array.from({ length: nStates }, () => {
    const logits = Array.from({ length: nActions }, () => rng.normal());
    const max = Math.max(...logits);
    const w = logits.map((l) => Math.exp(l - max));
    const z = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / z);
  });
}

/** The optimal discriminator D_E = P(expert | s, a) for the two occupancies, with the chosen prior off the data. */
export function optimalDiscriminator(
  expert: ArrayLike<number>,
  learner: ArrayLike<number>,
  delta: number,
  prior: DiscriminatorPrior,
): Float64Array {
  const d = new Float64Array(expert.length);
  for (let i = 0; i < d.length; i++)
    d[i] =
      prior === 'pessimistic'
        ? expert[i] / (expert[i] + learner[i] + delta)
        : (expert[i] + delta) / (expert[i] + learner[i] + 2 * delta);
  return d;
}

/** GAIL's reward −log(1 − D_E): large only where the discriminator takes the pair for the expert's. */
export function gailReward(discriminator: ArrayLike<number>): Float64Array {
  const r = new Float64Array(discriminator.length);
  for (let i = 0; i < r.length; i++) r[i] = -Math.log(1 - discriminator[i]);
  return r;
}

/** The same dynamics with the cost replaced by −reward: value iteration minimises cost. */
function withReward(model: TabularModel, reward: ArrayLike<number>): TabularModel {
  const C = Array.from({ length: model.nStates }, (_, s) =>
    Array.from({ length: model.nActions }, (_, a) => -reward[s * model.nActions + a]),
  );
  return { ...model, C };
}

// ---------------------------------------------------------------------------------------------------------------
// The algorithm
// ---------------------------------------------------------------------------------------------------------------

/**
 * Runs tabular GAIL from `initialPolicy` against the expert occupancy `expertOccupancy` (flat nStates × nActions,
 * time-averaged, summing to 1). `model` supplies the dynamics the learner is rolled out in — for LaneKeep, the
 * learner's trembling hand folded in — and its cost is ignored. `onIteration` sees every record as it is made.
 */
export async function runTabularGail(
  model: TabularModel,
  expertOccupancy: ArrayLike<number>,
  initialPolicy: number[][],
  config: TabularGailConfig,
  options: { signal?: AbortSignal; onIteration?: (record: GailIteration) => void } = {},
): Promise<TabularGailResult> {
  const { horizon, iterations, temperature, delta, prior, mixing } = config;
  const { nStates, nActions } = model;
  if (expertOccupancy.length !== nStates * nActions)
    throw new RangeError(`runTabularGail: expert occupancy has ${expertOccupancy.length} entries, expected ${nStates * nActions}`);
  if (!(temperature > 0)) throw new RangeError(`runTabularGail: temperature must be > 0, got ${temperature}`);
  let policy = initialPolicy.map((row) => [...row]);
  const records: GailIteration[] = [];
  for (let k = 1; k <= iterations; k++) {
    await checkpoint(options.signal);
    // 1. Roll out the current policy: its occupancy (exact, in place of sampled rollouts).
    const occupancy = evaluatePolicy(model, policy, horizon).occupancy;
    // 2. The discriminator and the reward it implies.
    const discriminator = optimalDiscriminator(expertOccupancy, occupancy, delta, prior);
    const reward = gailReward(discriminator);
    // 3. The RL step: soft value iteration on the reward; its first-step policy is the new stationary policy.
    const best = valueIteration(withReward(model, reward), horizon, { temperature }).policy[0];
    // 4. Damped update.
    policy = policy.map((row, s) => row.map((p, a) => (1 - mixing) * p + mixing * best[s][a]));
    const record = { iteration: k, policy: policy.map((row) => [...row]), occupancy, discriminator, reward };
    records.push(record);
    options.onIteration?.(record);
  }
  return { policy, iterations: records };
}

/** The greedy table of a stochastic policy: the most likely action per state (lowest index on ties). */
export function greedyTable(policy: readonly (readonly number[])[]): number[] {
  return policy.map((row) => row.indexOf(Math.max(...row)));
}
