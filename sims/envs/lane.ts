/**
 * LaneKeep — discrete compounding error (SCIENCE-NOTES §2(b) Toy 2A; also Toys 3A and 3C).
 *
 * Description: a car on a road of 13 lanes, lateral offset y ∈ {−6, …, 6}, must stay in the centre lane y = 0.
 *   Each step it steers left, stays, or steers right; the road's edges are walls (y is clipped to [−6, 6]).
 *   Whoever is acting has a "trembling hand": with probability ε the executed action is drawn uniformly from the
 *   three actions (so it can coincide with the intended one), otherwise the intended action is executed. The expert
 *   demonstrates with ε = 0 (a clean demonstrator); the learner is deployed with the tremble ε > 0, which models a
 *   per-step mistake rate on every state. DART's noisy demonstrator is the expert run with ε = ε_D.
 * Action space: Discrete(3) — 0 = steer left (Δy = −1), 1 = stay (Δy = 0), 2 = steer right (Δy = +1).
 * Observation space: what the learner sees of y, by `params.encoding`:
 *   - 'scalar' (default): Box(1) in [−1, 1], the offset y/6 (lanes, normalised; unitless);
 *   - 'onehot': Box(13) in {0, 1}, one-hot of y + 6.
 * Cost: c = 1[y_{t+1} ≠ 0], paid for the lane the car lands in after each of the H steps, so J = Σ_{t=1}^{H}
 *   1[y_t ≠ 0] (notes: "cost c_t = 1[y_t ≠ 0] after each of the H steps"). In [0, 1].
 * Start state: y₀ = 0 (deterministic).
 * Episode end: never terminates; truncated after `horizon` steps.
 * Parameters: epsilon ε = 0.02 (tremble probability, 0–1); horizon H = 40 steps; encoding 'scalar' | 'onehot'.
 *
 * Exact machinery (no sampling): `laneModel(ε)` is the full TabularModel (states s = y + 6, the tremble folded into
 * P), and `laneEvaluate(policy, { horizon, epsilon })` gives the exact J, the per-step expected cost and the state
 * visitation d_t of any policy table. With ε = 0 it is the tremble-free evaluation. The expert is −sign(y)
 * (sims/experts/lane.ts); "stay everywhere" is what BC learns from clean demonstrations, which only contain (0, stay).
 */
import type { Rng } from '../../lib/rng';
import { box, type Action, type EnvSpec, type TabularModel } from '../core/env';
import { deterministicPolicy, evaluatePolicy, type PolicyEvaluation, type TabularPolicy } from '../core/tabular';

// ---------------------------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------------------------

/** The road spans y ∈ {−LANE_HALF_WIDTH, …, LANE_HALF_WIDTH} (lanes). */
export const LANE_HALF_WIDTH = 6;
/** 13 lanes. */
export const LANE_N_STATES = 2 * LANE_HALF_WIDTH + 1;
/** Action indices. */
export const LEFT = 0;
export const STAY = 1;
export const RIGHT = 2;
export const LANE_N_ACTIONS = 3;
/** The lateral move Δy (lanes per step) of each action index. */
export const LANE_ACTION_DELTAS: readonly number[] = [-1, 0, 1];
export const LANE_ACTION_LABELS: readonly string[] = ['left', 'stay', 'right'];

export type LaneEncoding = 'scalar' | 'onehot';

export interface LaneParams {
  /** ε: probability that the executed action is a uniformly random one instead of the intended one (0–1). */
  epsilon: number;
  /** H: steps per episode. */
  horizon: number;
  /** What `observe` returns: y/6 as one number, or a one-hot over the 13 lanes. */
  encoding: LaneEncoding;
}

export const laneDefaults: LaneParams = { epsilon: 0.02, horizon: 40, encoding: 'scalar' };

export interface LaneState {
  /** Lateral offset in lanes, an integer in [−6, 6]; 0 is the centre lane. */
  y: number;
  /** Whether the step that led here executed a random (trembled) action; false at the start. For drawing. */
  trembled: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Pure helpers shared by the dynamics, the tabular model and the pictures
// ---------------------------------------------------------------------------------------------------------------

/** State index s = y + 6 ∈ {0..12}. */
export function laneStateIndex(y: number): number {
  return y + LANE_HALF_WIDTH;
}

/** Lateral offset y = s − 6 of state index s. */
export function laneOffset(s: number): number {
  return s - LANE_HALF_WIDTH;
}

/** All offsets −6 … 6 in state-index order. */
export const LANE_OFFSETS: readonly number[] = Array.from({ length: LANE_N_STATES }, (_, s) => laneOffset(s));

/** y after executing the action with index `executed` from y: the walls clip the move. */
export function laneMove(y: number, executed: number): number {
  return Math.max(-LANE_HALF_WIDTH, Math.min(LANE_HALF_WIDTH, y + LANE_ACTION_DELTAS[executed]));
}

/** P(executed = b | intended = a) = (1 − ε)·1[a = b] + ε/3. */
export function laneExecutionProbs(intended: number, epsilon: number): [number, number, number] {
  const probs: [number, number, number] = [epsilon / 3, epsilon / 3, epsilon / 3];
  probs[intended] += 1 - epsilon;
  return probs;
}

/** The learner's input for offset y. */
export function laneObservation(y: number, encoding: LaneEncoding = 'scalar'): Float64Array {
  if (encoding === 'scalar') return Float64Array.of(y / LANE_HALF_WIDTH);
  const out = new Float64Array(LANE_N_STATES);
  out[laneStateIndex(y)] = 1;
  return out;
}

/** Recovers y from an observation of either encoding (a one-hot has length 13, a scalar length 1). */
export function laneOffsetFromObservation(obs: number | ArrayLike<number>): number {
  if (typeof obs === 'number') return Math.round(obs * LANE_HALF_WIDTH);
  if (obs.length === 1) return Math.round(obs[0] * LANE_HALF_WIDTH);
  let best = 0;
  for (let s = 1; s < obs.length; s++) if (obs[s] > obs[best]) best = s;
  return laneOffset(best);
}

function requireLaneAction(action: Action): number {
  if (typeof action !== 'number' || !Number.isInteger(action) || action < 0 || action >= LANE_N_ACTIONS) {
    throw new RangeError(`lane: action must be 0 (left), 1 (stay) or 2 (right), got ${String(action)}`);
  }
  return action;
}

function requireEpsilon(epsilon: number): void {
  if (!(epsilon >= 0 && epsilon <= 1)) throw new RangeError(`lane: epsilon must be in [0, 1], got ${epsilon}`);
}

// ---------------------------------------------------------------------------------------------------------------
// The environment
// ---------------------------------------------------------------------------------------------------------------

export const laneEnv: EnvSpec<LaneState, LaneParams> = {
  id: 'lane',
  description: 'LaneKeep: stay in the centre of 13 lanes; the acting hand trembles with probability ε.',
  defaults: laneDefaults,
  actionSpace: () => ({ kind: 'discrete', n: LANE_N_ACTIONS, labels: LANE_ACTION_LABELS }),
  observationSpace: (p) =>
    p.encoding === 'onehot'
      ? box(
          new Array<number>(LANE_N_STATES).fill(0),
          new Array<number>(LANE_N_STATES).fill(1),
          LANE_OFFSETS.map((y) => `y = ${y}`),
        )
      : box([-1], [1], ['lateral offset y/6']),
  initial: () => ({ y: 0, trembled: false }),
  transition(state, action, rng: Rng, p) {
    const intended = requireLaneAction(action);
    requireEpsilon(p.epsilon);
    // Both numbers are drawn at every step whatever ε is, so runs that differ only in ε or in the policy share
    // their noise (common random numbers).
    const u = rng.uniform();
    const random = rng.int(LANE_N_ACTIONS);
    const trembled = u < p.epsilon;
    return { y: laneMove(state.y, trembled ? random : intended), trembled };
  },
  observe: (state, p) => laneObservation(state.y, p.encoding),
  cost: (_state, _action, next) => (next.y !== 0 ? 1 : 0),
  isTerminal: () => false,
  horizon: (p) => p.horizon,
};

// ---------------------------------------------------------------------------------------------------------------
// The full model and the exact evaluator
// ---------------------------------------------------------------------------------------------------------------

/**
 * The TabularModel of LaneKeep with tremble ε: states s = y + 6, actions as above, P[s][a] the distribution of the
 * next state when action a is intended (the tremble folded in), C[s][a] = P(y' ≠ 0 | s, a), start = y₀ = 0.
 */
export function laneModel(epsilon: number): TabularModel {
  requireEpsilon(epsilon);
  const P: [number, number][][][] = [];
  const C: number[][] = [];
  for (let s = 0; s < LANE_N_STATES; s++) {
    const rowP: [number, number][][] = [];
    const rowC: number[] = [];
    for (let a = 0; a < LANE_N_ACTIONS; a++) {
      const merged = new Map<number, number>();
      laneExecutionProbs(a, epsilon).forEach((prob, executed) => {
        const next = laneStateIndex(laneMove(laneOffset(s), executed));
        merged.set(next, (merged.get(next) ?? 0) + prob);
      });
      const outcomes = [...merged].filter(([, prob]) => prob > 0).sort((x, y) => x[0] - y[0]);
      rowP.push(outcomes);
      rowC.push(outcomes.reduce((c, [next, prob]) => c + (laneOffset(next) !== 0 ? prob : 0), 0));
    }
    P.push(rowP);
    C.push(rowC);
  }
  const start = new Float64Array(LANE_N_STATES);
  start[laneStateIndex(0)] = 1;
  return {
    nStates: LANE_N_STATES,
    nActions: LANE_N_ACTIONS,
    P,
    C,
    start,
    stateLabels: LANE_OFFSETS.map((y) => `y = ${y}`),
  };
}

/**
 * A lane policy for the exact evaluator: a deterministic table (13 action indices, one per state s = y + 6), a
 * stochastic table π[s][a], or a per-step table π[t][s][a].
 */
export type LanePolicy = ArrayLike<number> | TabularPolicy;

function asTabularPolicy(policy: LanePolicy): TabularPolicy {
  if (policy.length > 0 && typeof policy[0] === 'number')
    return deterministicPolicy(policy as ArrayLike<number>, LANE_N_ACTIONS);
  return policy as TabularPolicy;
}

/**
 * Exact evaluation of a lane policy over `horizon` steps with tremble `epsilon` (ε = 0: without tremble): J (the
 * expected number of off-centre steps), E[c_t] per step and the visitation d_t(s), t = 0 … H. See
 * core/tabular.ts `evaluatePolicy` for the conventions; for Toy 2A, J(π̂) is the regret since J(π*) = 0 at ε = 0.
 */
export function laneEvaluate(policy: LanePolicy, options: { horizon: number; epsilon: number }): PolicyEvaluation {
  return evaluatePolicy(laneModel(options.epsilon), asTabularPolicy(policy), options.horizon);
}

/**
 * The "bridge" variant of LaneKeep (SCIENCE-NOTES-ch7 Toy 7D panel B): leaving the centre lane is a fall. Every lane
 * y ≠ 0 is absorbing and costs 1 per step, so a single mistake cannot be undone (moment recoverability fails, u ≈ H).
 * The centre lane's row is LaneKeep's with tremble ε.
 */
export function laneBridgeModel(epsilon: number): TabularModel {
  const road = laneModel(epsilon);
  const centre = laneStateIndex(0);
  return {
    ...road,
    P: road.P.map((row, s) => (s === centre ? row : row.map(() => [[s, 1] as const]))),
    C: road.C.map((row, s) => (s === centre ? row : row.map(() => 1))),
  };
}

/** The deterministic table that takes `action` everywhere (e.g. STAY: what BC learns from clean demonstrations). */
export function laneConstantTable(action: number): number[] {
  requireLaneAction(action);
  return new Array<number>(LANE_N_STATES).fill(action);
}

/**
 * The deterministic table of a policy that reads lane observations (e.g. a trained network acting greedily):
 * entry s is its action on the observation of y = s − 6 in the given encoding, at step t = 0.
 */
export function laneTableFromPolicy(
  act: (observation: Float64Array, t: number) => number,
  encoding: LaneEncoding = 'scalar',
): number[] {
  return LANE_OFFSETS.map((y) => requireLaneAction(act(laneObservation(y, encoding), 0)));
}
