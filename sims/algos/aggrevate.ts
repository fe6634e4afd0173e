/**
 * Imitating actions vs imitating cost-to-go, on exact expectations (SCIENCE-NOTES-ch7 §7.4 and Toy 7D): behavior
 * cloning, DAgger, AggreVaTe (Ross & Bagnell 2014) and approximate policy iteration for a learner whose policy class
 * is "one action per observation", where an observation may alias several states (a coarse sensor).
 *
 * Every algorithm runs on exact state distributions d_t(s) and exact cost-to-go Q_t(s, a) of a TabularModel, as if
 * each iteration collected infinitely many roll-ins: no sampling, so the toy's numbers are its theory's numbers.
 *
 *   BC         labels  a*_t(s) on the expert's own distribution d^E_t       → majority label per observation
 *   DAgger     labels  a*_t(s) on every learner's distribution d^{π_i}_t     → majority label per observation (aggregated)
 *   AggreVaTe  costs   Q^E_t(s, a) on every learner's distribution          → argmin_a Σ_i Σ_t d^{π_i}_t(s) Q^E_t(s, a)
 *   API        costs   Q^{π_i}_t(s, a) on the current learner's distribution → argmin_a Σ_t d^{π_i}_t(s) Q^{π_i}_t(s, a)
 *
 * The first roll-in of the interactive methods is the expert's (β₁ = 1, then β = 0). AggreVaTe's oracle is far more
 * expensive than DAgger's: Q^E_t(s, a) is what the expert's roll-out to the end costs after taking a in s at step t.
 */
import type { TabularModel } from '../core/env';
import { powInt } from '../../lib/detmath';
import { deterministicPolicy, evaluatePolicy } from '../core/tabular';

// ---------------------------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------------------------

export interface CostToGoConfig {
  /** The exact MDP. */
  model: TabularModel;
  /** The expert's action per step and state, actions[t][s], t = 0 … H − 1. */
  expert: readonly (readonly number[])[];
  /** The observation the learner gets in each state (several states may share one: aliasing). */
  observation: readonly number[];
  /** Steps per episode H. */
  horizon: number;
  /** Iterations of the interactive methods (roll in, label, aggregate, refit). */
  iterations: number;
  /** The action of an observation with no data (and of the ignored ones). */
  defaultAction: number;
  /** Observations the learner does not fit (e.g. the absorbing fallen state, where every action is the same). */
  ignoredObservations?: readonly number[];
}

/** A learner's policy: one action per observation. */
export type ObservationPolicy = number[];

export interface Iterate {
  policy: ObservationPolicy;
  /** Exact J of the policy. */
  J: number;
}

export interface InteractiveRun {
  /** The policy fitted after each iteration, in order. */
  iterates: Iterate[];
  /** The iterate with the lowest J (the first of equals): what the theory reports (selected on validation). */
  best: Iterate;
  last: Iterate;
  /**
   * ε_class: the best-in-hindsight mean expert advantage per step on the aggregated roll-ins,
   * min_π (1/(iH)) Σ_i Σ_t E_{s∼d^{π_i}_t}[Q^E_t(s, π(s)) − V^E_t(s)]. Negative when a policy in the class beats the
   * expert on the learner's own states.
   */
  epsClass: number;
}

export type InteractiveMethod = 'dagger' | 'aggrevate' | 'api';

// ---------------------------------------------------------------------------------------------------------------
// Exact evaluation helpers
// ---------------------------------------------------------------------------------------------------------------

function nObservations(cfg: CostToGoConfig): number {
  return Math.max(...cfg.observation) + 1;
}

/** The per-state actions of an observation policy. */
export function stateActions(policy: readonly number[], observation: readonly number[]): number[] {
  return observation.map((o) => policy[o]);
}

/** Exact J and d_t of a per-step table actions[t][s] (or one stationary row for every step). */
export function evaluateActions(
  model: TabularModel,
  actions: readonly (readonly number[])[] | readonly number[],
  horizon: number,
): { J: number; visitation: Float64Array } {
  const stationary = typeof actions[0] === 'number';
  const policy = stationary
    ? deterministicPolicy(actions as readonly number[], model.nActions)
    : (actions as readonly (readonly number[])[])
        .slice(0, horizon)
        .map((row) => deterministicPolicy(row, model.nActions));
  const { J, visitation } = evaluatePolicy(model, policy, horizon);
  return { J, visitation };
}

/** Q^π_t(s, a) = C[s][a] + Σ_{s'} P(s'|s, a) V^π_{t+1}(s'), with V^π_H = 0, for a per-step table actions[t][s]. */
export function costToGo(model: TabularModel, actions: readonly (readonly number[])[], horizon: number): number[][][] {
  const { nStates, nActions, P, C } = model;
  const Q: number[][][] = new Array(horizon);
  let V = new Array<number>(nStates).fill(0);
  for (let t = horizon - 1; t >= 0; t--) {
    Q[t] = Array.from({ length: nStates }, (_, s) =>
      Array.from({ length: nActions }, (_, a) => {
        let q = C[s][a];
        for (const [next, prob] of P[s][a]) q += prob * V[next];
        return q;
      }),
    );
    V = Q[t].map((qs, s) => qs[actions[t][s]]);
  }
  return Q;
}

const repeatRow = (row: readonly number[], horizon: number) => Array.from({ length: horizon }, () => [...row]);
const argmax = (xs: readonly number[]) => xs.reduce((best, x, i) => (x > xs[best] ? i : best), 0);
const argmin = (xs: readonly number[]) => xs.reduce((best, x, i) => (x < xs[best] ? i : best), 0);

/** Majority label per observation from label weights w[o][a] (the default action where nothing was seen). */
function fitMajority(cfg: CostToGoConfig, weights: number[][]): ObservationPolicy {
  return weights.map((w, o) =>
    cfg.ignoredObservations?.includes(o) || w.every((x) => x === 0) ? cfg.defaultAction : argmax(w),
  );
}

/** Cost-sensitive fit per observation: argmin_a of the accumulated cost-to-go w[o][a] (the default where unseen). */
function fitCostSensitive(cfg: CostToGoConfig, weights: number[][], seen: number[]): ObservationPolicy {
  return weights.map((w, o) => (cfg.ignoredObservations?.includes(o) || seen[o] === 0 ? cfg.defaultAction : argmin(w)));
}

const zeros = (rows: number, cols: number) => Array.from({ length: rows }, () => new Array<number>(cols).fill(0));

// ---------------------------------------------------------------------------------------------------------------
// Behavior cloning: the expert's labels on the expert's own distribution
// ---------------------------------------------------------------------------------------------------------------

export function behaviorCloneExact(cfg: CostToGoConfig): Iterate {
  const { model, expert, observation, horizon } = cfg;
  const { visitation } = evaluateActions(model, expert, horizon);
  const labels = zeros(nObservations(cfg), model.nActions);
  for (let t = 0; t < horizon; t++)
    for (let s = 0; s < model.nStates; s++) labels[observation[s]][expert[t][s]] += visitation[t * model.nStates + s];
  const policy = fitMajority(cfg, labels);
  return { policy, J: evaluateActions(model, stateActions(policy, observation), horizon).J };
}

// ---------------------------------------------------------------------------------------------------------------
// DAgger, AggreVaTe and API: roll in with the current policy, collect, (aggregate,) refit
// ---------------------------------------------------------------------------------------------------------------

export function runInteractiveExact(method: InteractiveMethod, cfg: CostToGoConfig): InteractiveRun {
  const { model, expert, observation, horizon, iterations } = cfg;
  const nObs = nObservations(cfg);
  const nA = model.nActions;
  const QE = costToGo(model, expert, horizon);

  const labels = zeros(nObs, nA); // DAgger: aggregated expert labels
  let costs = zeros(nObs, nA); // AggreVaTe: aggregated Q^E; API: this iteration's Q^{π_i}
  let seen = new Array<number>(nObs).fill(0);
  const advantage = zeros(nObs, nA); // Σ_i Σ_t d^{π_i}_t(s)·(Q^E_t(s, a) − V^E_t(s)), for ε_class

  let rollIn: readonly (readonly number[])[] = expert; // β₁ = 1: the expert drives the first roll-in
  const iterates: Iterate[] = [];
  for (let i = 0; i < iterations; i++) {
    const { visitation } = evaluateActions(model, rollIn, horizon);
    // API: the current learner's own cost-to-go, and no aggregation across iterations.
    const Q = method === 'api' ? costToGo(model, rollIn, horizon) : QE;
    if (method === 'api') {
      costs = zeros(nObs, nA);
      seen = new Array<number>(nObs).fill(0);
    }
    for (let t = 0; t < horizon; t++) {
      for (let s = 0; s < model.nStates; s++) {
        const d = visitation[t * model.nStates + s];
        if (d === 0) continue;
        const o = observation[s];
        const vE = QE[t][s][expert[t][s]];
        labels[o][expert[t][s]] += d;
        seen[o] += d;
        for (let a = 0; a < nA; a++) {
          costs[o][a] += d * Q[t][s][a];
          advantage[o][a] += d * (QE[t][s][a] - vE);
        }
      }
    }
    const policy = method === 'dagger' ? fitMajority(cfg, labels) : fitCostSensitive(cfg, costs, seen);
    const actions = stateActions(policy, observation);
    iterates.push({ policy, J: evaluateActions(model, actions, horizon).J });
    rollIn = repeatRow(actions, horizon);
  }
  const best = iterates.reduce((b, it) => (it.J < b.J ? it : b), iterates[0]);
  let epsClass = 0;
  for (let o = 0; o < nObs; o++) if (!cfg.ignoredObservations?.includes(o)) epsClass += Math.min(...advantage[o]);
  epsClass /= iterations * horizon;
  return { iterates, best, last: iterates[iterates.length - 1], epsClass };
}

// ---------------------------------------------------------------------------------------------------------------
// The reference: exhaustive search over the class
// ---------------------------------------------------------------------------------------------------------------

/** The policy of the class with the lowest exact J (the first in lexicographic order among equals). */
export function bestInClass(cfg: CostToGoConfig): Iterate {
  const { model, observation, horizon } = cfg;
  const nObs = nObservations(cfg);
  const free = Array.from({ length: nObs }, (_, o) => o).filter((o) => !cfg.ignoredObservations?.includes(o));
  let best: Iterate | null = null;
  const total = free.length === 0 ? 1 : powInt(model.nActions, free.length);
  for (let code = 0; code < total; code++) {
    const policy = new Array<number>(nObs).fill(cfg.defaultAction);
    // Last free observation varies fastest, as itertools.product does.
    let rest = code;
    for (let j = free.length - 1; j >= 0; j--) {
      policy[free[j]] = rest % model.nActions;
      rest = Math.floor(rest / model.nActions);
    }
    const J = evaluateActions(model, stateActions(policy, observation), horizon).J;
    if (best === null || J < best.J) best = { policy, J };
  }
  return best!;
}
