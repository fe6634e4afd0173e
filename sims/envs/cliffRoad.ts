/**
 * Cliff road — imitating actions vs imitating cost-to-go (SCIENCE-NOTES-ch7 §7(b) Toy 7D; Ross & Bagnell 2014's
 * "driving near the edge of a cliff").
 *
 * Description: a car drives along a road of four lanes y ∈ {1, 2, 3, 4}. Lane 1 borders a cliff and is the fast lane;
 *   lane 4 borders a wall. Each step the driver moves one lane toward the cliff, stays, or moves one lane away; then a
 *   gust pushes the car one lane toward the cliff or away from it with probability p/2 each. Past lane 1 the car falls
 *   (state 0, absorbing); the wall clips moves at lane 4: y' = min(4, y + a + g), and y' ≤ 0 is a fall.
 * Action space: Discrete(3) — 0 = one lane toward the cliff (a = −1), 1 = stay (a = 0), 2 = one lane away (a = +1).
 * Observation space: Discrete(5) — the state itself, 0 = fallen, 1 … 4 = lane. (What a learner sees of it is a sensor,
 *   `cliffRoadObservation`: the full lane, or a coarse one that cannot tell lanes 1 and 2 apart, nor 3 and 4.)
 * Cost: paid for the state the car is in at each step t = 0 … H − 1: lane 1 costs 0 (fast), lane 2 0.25, lane 3 0.5,
 *   lane 4 0.75, and a fallen car 1 per remaining step. In [0, 1].
 * Start state: lane 3 (deterministic).
 * Episode end: never terminates (a fall is absorbing and keeps paying); truncated after `horizon` steps.
 * Parameters: gust p = 0.2 (probability of a push per step), horizon H = 30 steps.
 *
 * Exact machinery: `cliffRoadModel(p)` is the full TabularModel (C[s][a] = the cost of the state s the step starts
 * in), so `evaluatePolicy` and `valueIteration` of sims/core/tabular give the exact J, d_t and Q_t of any policy.
 */
import type { Rng } from '../../lib/rng';
import { discrete, type Action, type EnvSpec, type TabularModel } from '../core/env';

/** States: 0 = fallen, 1 … 4 = lanes. */
export const CLIFF_N_STATES = 5;
export const FALLEN = 0;
export const CLIFF_LANES: readonly number[] = [1, 2, 3, 4];
export const CLIFF_N_ACTIONS = 3;
/** Action indices. */
export const TOWARD_CLIFF = 0;
export const KEEP_LANE = 1;
export const AWAY_FROM_CLIFF = 2;
/** The lateral move of each action index (lanes per step; negative is toward the cliff). */
export const CLIFF_ACTION_DELTAS: readonly number[] = [-1, 0, 1];
/** Cost per step of each state (index 0 = fallen). */
export const CLIFF_STATE_COST: readonly number[] = [1, 0, 0.25, 0.5, 0.75];
export const CLIFF_START_LANE = 3;

export type CliffSensor = 'full' | 'coarse';

/**
 * What the learner observes in state s: the full sensor sees the lane; the coarse one sees 1 = edge zone (lanes 1–2)
 * or 2 = inner zone (lanes 3–4). A fallen car is observation 0 under both.
 */
export const CLIFF_OBSERVATION: Readonly<Record<CliffSensor, readonly number[]>> = {
  full: [0, 1, 2, 3, 4],
  coarse: [0, 1, 1, 2, 2],
};

export function cliffRoadObservation(state: number, sensor: CliffSensor): number {
  return CLIFF_OBSERVATION[sensor][state];
}

/** How many observations a sensor has (the fallen one included). */
export function cliffObservationCount(sensor: CliffSensor): number {
  return Math.max(...CLIFF_OBSERVATION[sensor]) + 1;
}

export interface CliffRoadParams {
  /** Probability p that a gust pushes the car one lane (half toward the cliff, half away) after each action. */
  gust: number;
  /** Steps per episode H. */
  horizon: number;
}

export const cliffRoadDefaults: CliffRoadParams = { gust: 0.2, horizon: 30 };

/** The lane (or fall) after action index `action` and gust g ∈ {−1, 0, 1} from state y. */
export function cliffMove(y: number, action: number, gust: number): number {
  if (y === FALLEN) return FALLEN;
  const next = Math.min(4, y + CLIFF_ACTION_DELTAS[action] + gust);
  return next <= 0 ? FALLEN : next;
}

function requireGust(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`cliffRoad: gust must be in [0, 1], got ${p}`);
}

/** The full model: P[s][a] over the three gusts, C[s][a] = the cost of s, start in lane 3. */
export function cliffRoadModel(gust: number): TabularModel {
  requireGust(gust);
  const P: [number, number][][][] = [];
  const C: number[][] = [];
  const gusts: [number, number][] = [
    [-1, gust / 2],
    [0, 1 - gust],
    [1, gust / 2],
  ];
  for (let s = 0; s < CLIFF_N_STATES; s++) {
    const rowP: [number, number][][] = [];
    for (let a = 0; a < CLIFF_N_ACTIONS; a++) {
      const merged = new Map<number, number>();
      for (const [g, prob] of gusts) {
        if (prob === 0) continue;
        const next = cliffMove(s, a, g);
        merged.set(next, (merged.get(next) ?? 0) + prob);
      }
      rowP.push([...merged].sort((x, y) => x[0] - y[0]));
    }
    P.push(rowP);
    C.push(new Array<number>(CLIFF_N_ACTIONS).fill(CLIFF_STATE_COST[s]));
  }
  const start = new Float64Array(CLIFF_N_STATES);
  start[CLIFF_START_LANE] = 1;
  return {
    nStates: CLIFF_N_STATES,
    nActions: CLIFF_N_ACTIONS,
    P,
    C,
    start,
    stateLabels: ['fallen', 'lane 1 (cliff)', 'lane 2', 'lane 3', 'lane 4 (wall)'],
  };
}

function requireAction(action: Action): number {
  if (typeof action !== 'number' || !Number.isInteger(action) || action < 0 || action >= CLIFF_N_ACTIONS) {
    throw new RangeError(`cliffRoad: action must be 0 (toward the cliff), 1 (stay) or 2 (away), got ${String(action)}`);
  }
  return action;
}

export const cliffRoadEnv: EnvSpec<number, CliffRoadParams> = {
  id: 'cliffroad',
  description: 'Cliff road: four lanes, the fastest next to a cliff; gusts push the car; a fall is absorbing.',
  defaults: cliffRoadDefaults,
  actionSpace: () => discrete(CLIFF_N_ACTIONS, ['toward the cliff', 'stay', 'away from the cliff']),
  observationSpace: () => discrete(CLIFF_N_STATES, ['fallen', 'lane 1', 'lane 2', 'lane 3', 'lane 4']),
  initial: () => CLIFF_START_LANE,
  transition(state, action, rng: Rng, p) {
    const a = requireAction(action);
    requireGust(p.gust);
    const u = rng.uniform(); // one draw per step whatever the policy (common random numbers)
    const g = u < p.gust / 2 ? -1 : u < p.gust ? 1 : 0;
    return cliffMove(state, a, g);
  },
  observe: (state) => state,
  cost: (state) => CLIFF_STATE_COST[state],
  isTerminal: () => false,
  horizon: (p) => p.horizon,
};
