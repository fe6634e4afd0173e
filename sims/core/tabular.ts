/**
 * Exact computations on a finite MDP given as a `TabularModel` (env.ts): evaluating a policy by propagating the
 * state distribution forward, and finite-horizon value iteration backward. No sampling, so science curves built on
 * them carry no Monte-Carlo noise (notes §0, engineering note 2).
 *
 * Conventions. Steps are t = 0 … H − 1. At step t the agent is in s_t ~ d_t, picks a ~ π_t(·|s_t), pays C[s_t][a]
 * (the expected cost of that step, which may depend on where it lands) and moves by P[s_t][a]. So
 *   J(π) = Σ_{t<H} Σ_s d_t(s) Σ_a π_t(a|s) C[s][a],   d_{t+1}(s') = Σ_{s,a} d_t(s) π_t(a|s) P(s'|s,a),   d_0 = start.
 * A policy table is either stationary, π[s][a], or time-varying, π[t][s][a] (at least H rows); each row is a
 * probability vector over actions.
 */
import type { TabularModel } from './env';

/** π[s][a]: the same action probabilities at every step. */
export type StationaryPolicy = ReadonlyArray<ArrayLike<number>>;
/** π[t][s][a]: a policy per step (the "non-stationary" or per-step policy class). */
export type TimeVaryingPolicy = ReadonlyArray<ReadonlyArray<ArrayLike<number>>>;
export type TabularPolicy = StationaryPolicy | TimeVaryingPolicy;

/** One-hot rows: the stationary policy that takes `actions[s]` in state s. */
export function deterministicPolicy(actions: ArrayLike<number>, nActions: number): number[][] {
  return Array.from({ length: actions.length }, (_, s) => {
    const a = actions[s];
    if (!(Number.isInteger(a) && a >= 0 && a < nActions)) {
      throw new RangeError(`deterministicPolicy: action ${a} in state ${s} is not in {0..${nActions - 1}}`);
    }
    const row = new Array<number>(nActions).fill(0);
    row[a] = 1;
    return row;
  });
}

/** Whether a policy table is time-varying (π[t][s][a]) rather than stationary (π[s][a]). */
export function isTimeVarying(policy: TabularPolicy): policy is TimeVaryingPolicy {
  return policy.length > 0 && typeof (policy[0] as ArrayLike<unknown>)[0] !== 'number';
}

/** The action probabilities at step t, as one accessor for both kinds of table. */
export function policyAt(policy: TabularPolicy, t: number): StationaryPolicy {
  if (!isTimeVarying(policy)) return policy;
  if (t >= policy.length) throw new RangeError(`policy has ${policy.length} steps, step ${t} was asked for`);
  return policy[t];
}

/** Problems with a model (empty when it is a valid finite MDP): shapes, indices, probabilities, finite costs. */
export function checkTabularModel(model: TabularModel, tol = 1e-9): string[] {
  const problems: string[] = [];
  const { nStates, nActions, P, C, start } = model;
  if (!(Number.isInteger(nStates) && nStates >= 1)) problems.push(`nStates = ${nStates} is not a positive integer`);
  if (!(Number.isInteger(nActions) && nActions >= 1)) problems.push(`nActions = ${nActions} is not a positive integer`);
  if (P.length !== nStates) problems.push(`P has ${P.length} rows, expected ${nStates}`);
  if (C.length !== nStates) problems.push(`C has ${C.length} rows, expected ${nStates}`);
  if (start.length !== nStates) problems.push(`start has length ${start.length}, expected ${nStates}`);
  let total = 0;
  for (let s = 0; s < start.length; s++) {
    if (!(start[s] >= 0)) problems.push(`start[${s}] = ${start[s]} is negative or NaN`);
    total += start[s];
  }
  if (Math.abs(total - 1) > tol) problems.push(`start sums to ${total}, not 1`);
  for (let s = 0; s < Math.min(P.length, nStates); s++) {
    if (P[s].length !== nActions) problems.push(`P[${s}] has ${P[s].length} actions, expected ${nActions}`);
    if (C[s]?.length !== nActions) problems.push(`C[${s}] has ${C[s]?.length} actions, expected ${nActions}`);
    for (let a = 0; a < Math.min(P[s].length, nActions); a++) {
      let sum = 0;
      for (const [next, prob] of P[s][a]) {
        if (!(Number.isInteger(next) && next >= 0 && next < nStates))
          problems.push(`P[${s}][${a}] leads to invalid state ${next}`);
        if (!(prob >= 0)) problems.push(`P[${s}][${a}] has probability ${prob}`);
        sum += prob;
      }
      if (Math.abs(sum - 1) > tol) problems.push(`P[${s}][${a}] sums to ${sum}, not 1`);
      if (!Number.isFinite(C[s]?.[a])) problems.push(`C[${s}][${a}] = ${C[s]?.[a]} is not finite`);
    }
  }
  return problems;
}

function checkPolicyRows(rows: StationaryPolicy, nStates: number, nActions: number, t: number): void {
  if (rows.length !== nStates)
    throw new RangeError(`policy at step ${t} has ${rows.length} states, the model ${nStates}`);
  for (let s = 0; s < nStates; s++) {
    const row = rows[s];
    if (row.length !== nActions)
      throw new RangeError(`policy row (t ${t}, s ${s}) has ${row.length} actions, expected ${nActions}`);
    let sum = 0;
    for (let a = 0; a < nActions; a++) {
      if (!(row[a] >= 0)) throw new RangeError(`policy (t ${t}, s ${s}, a ${a}) = ${row[a]} is not a probability`);
      sum += row[a];
    }
    if (Math.abs(sum - 1) > 1e-9) throw new RangeError(`policy row (t ${t}, s ${s}) sums to ${sum}, not 1`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Exact policy evaluation: push the state distribution forward
// ---------------------------------------------------------------------------------------------------------------

export interface PolicyEvaluation {
  horizon: number;
  nStates: number;
  nActions: number;
  /** J(π) = Σ_t costPerStep[t]. */
  J: number;
  /** E[c_t] for t = 0 … H − 1. */
  costPerStep: Float64Array;
  /** d_t(s) for t = 0 … H, flat (H + 1) × nStates: row t starts at t·nStates. Use `visitationAt`. */
  visitation: Float64Array;
  /** Time-averaged state–action occupancy ρ(s, a) = (1/H) Σ_{t<H} d_t(s) π_t(a|s), flat nStates × nActions. */
  occupancy: Float64Array;
}

/** d_t as a view (no copy) of length nStates; t ∈ [0, H]. */
export function visitationAt(evaluation: PolicyEvaluation, t: number): Float64Array {
  const { nStates, horizon } = evaluation;
  if (!(t >= 0 && t <= horizon)) throw new RangeError(`visitationAt: t = ${t} outside [0, ${horizon}]`);
  return evaluation.visitation.subarray(t * nStates, (t + 1) * nStates);
}

/**
 * Exact J(π), per-step expected cost and per-step state visitation of a (stationary or time-varying, possibly
 * stochastic) policy over `horizon` steps. O(H · Σ_{s,a} |P[s][a]|). `start` overrides the model's start
 * distribution (e.g. a point mass to evaluate from one state).
 */
export function evaluatePolicy(
  model: TabularModel,
  policy: TabularPolicy,
  horizon: number,
  options: { start?: ArrayLike<number> } = {},
): PolicyEvaluation {
  const { nStates, nActions, P, C } = model;
  if (!(Number.isInteger(horizon) && horizon >= 0)) throw new RangeError(`evaluatePolicy: bad horizon ${horizon}`);
  const start = options.start ?? model.start;
  if (start.length !== nStates)
    throw new RangeError(`evaluatePolicy: start has ${start.length} entries, expected ${nStates}`);
  const visitation = new Float64Array((horizon + 1) * nStates);
  for (let s = 0; s < nStates; s++) visitation[s] = start[s];
  const costPerStep = new Float64Array(horizon);
  const occupancy = new Float64Array(nStates * nActions);
  const stationary = !isTimeVarying(policy);
  if (stationary) checkPolicyRows(policy, nStates, nActions, 0);
  let J = 0;
  for (let t = 0; t < horizon; t++) {
    const rows = policyAt(policy, t);
    if (!stationary) checkPolicyRows(rows, nStates, nActions, t);
    const d = t * nStates;
    const dNext = (t + 1) * nStates;
    let cost = 0;
    for (let s = 0; s < nStates; s++) {
      const mass = visitation[d + s];
      if (mass === 0) continue;
      const row = rows[s];
      for (let a = 0; a < nActions; a++) {
        const w = mass * row[a];
        if (w === 0) continue;
        cost += w * C[s][a];
        occupancy[s * nActions + a] += w;
        for (const [next, prob] of P[s][a]) visitation[dNext + next] += w * prob;
      }
    }
    costPerStep[t] = cost;
    J += cost;
  }
  if (horizon > 0) for (let i = 0; i < occupancy.length; i++) occupancy[i] /= horizon;
  return { horizon, nStates, nActions, J, costPerStep, visitation, occupancy };
}

// ---------------------------------------------------------------------------------------------------------------
// Finite-horizon value iteration: the optimal per-step policy, backward from the end
// ---------------------------------------------------------------------------------------------------------------

export interface ValueIterationOptions {
  /**
   * 0 (default): hard minimum, greedy policy. τ > 0: soft value iteration, π_t(a|s) ∝ exp(−Q_t(s,a)/τ) and
   * V_t(s) = −τ log Σ_a exp(−Q_t(s,a)/τ) (the entropy-regularised "soft-min" used by tabular GAIL).
   */
  temperature?: number;
  /** Greedy ties: the lowest action index whose Q is within this of the minimum wins. Default 1e-12. */
  tieTolerance?: number;
}

export interface ValueIterationResult {
  horizon: number;
  /** V_t(s), the optimal expected cost-to-go with H − t steps left, t = 0 … H (V_H = 0). */
  values: number[][];
  /** Q_t(s, a) = C[s][a] + Σ_{s'} P(s'|s,a) V_{t+1}(s'), t = 0 … H − 1. */
  q: number[][][];
  /** Greedy action per step and state (argmin_a Q_t(s,a), lowest index on ties), t = 0 … H − 1. */
  actions: number[][];
  /** π_t(a|s): one-hot on `actions` for temperature 0, the soft-min policy otherwise. A TimeVaryingPolicy. */
  policy: number[][][];
}

/**
 * Finite-horizon value iteration for a cost-minimising MDP: V_H = 0, Q_t = C + P·V_{t+1}, V_t = min_a Q_t,
 * for t = H − 1 down to 0. `policy` is optimal among all (even history-dependent) policies for horizon H; its first
 * step, `actions[0]`, is the usual stationary choice when H is long.
 */
export function valueIteration(
  model: TabularModel,
  horizon: number,
  options: ValueIterationOptions = {},
): ValueIterationResult {
  const { temperature = 0, tieTolerance = 1e-12 } = options;
  const { nStates, nActions, P, C } = model;
  if (!(Number.isInteger(horizon) && horizon >= 0)) throw new RangeError(`valueIteration: bad horizon ${horizon}`);
  if (!(temperature >= 0)) throw new RangeError(`valueIteration: temperature must be ≥ 0, got ${temperature}`);
  const values: number[][] = new Array(horizon + 1);
  const q: number[][][] = new Array(horizon);
  const actions: number[][] = new Array(horizon);
  const policy: number[][][] = new Array(horizon);
  values[horizon] = new Array<number>(nStates).fill(0);
  for (let t = horizon - 1; t >= 0; t--) {
    const vNext = values[t + 1];
    const vt = new Array<number>(nStates);
    const qt: number[][] = [];
    const at = new Array<number>(nStates);
    const pt: number[][] = [];
    for (let s = 0; s < nStates; s++) {
      const qs = new Array<number>(nActions);
      for (let a = 0; a < nActions; a++) {
        let v = C[s][a];
        for (const [next, prob] of P[s][a]) v += prob * vNext[next];
        qs[a] = v;
      }
      let min = Infinity;
      for (const v of qs) min = Math.min(min, v);
      let best = 0;
      while (qs[best] > min + tieTolerance) best++;
      const ps = new Array<number>(nActions).fill(0);
      if (temperature === 0) {
        ps[best] = 1;
        vt[s] = min;
      } else {
        let z = 0;
        for (let a = 0; a < nActions; a++) z += ps[a] = Math.exp(-(qs[a] - min) / temperature);
        for (let a = 0; a < nActions; a++) ps[a] /= z;
        vt[s] = min - temperature * Math.log(z);
      }
      qt.push(qs);
      at[s] = best;
      pt.push(ps);
    }
    values[t] = vt;
    q[t] = qt;
    actions[t] = at;
    policy[t] = pt;
  }
  return { horizon, values, q, actions, policy };
}
