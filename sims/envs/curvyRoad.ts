/**
 * Curvy road — a smooth expert whose demonstrations never leave the road's centre line (SCIENCE-NOTES-ch7 §7(b)
 * Toy 7E, for TaSIL; the mechanism of Toy 2C in one world).
 *
 * Description: a car drives along a curvy road. Its state is x = (s, e): s is the progress along the road and e the
 *   lateral error from the centre line. Each step
 *     s_{t+1} = s_t + 0.02
 *     e_{t+1} = a·e_t + b·(u_t − κ(s_t)) + w_t,     b = 0.5,  κ(s) = sin 2s + 0.5·cos 5s (the road's curvature),
 *   so steering u = κ(s) keeps a car on the centre line on it. The open-loop rate a decides whether a car that
 *   steers with the curvature but ignores its error drifts back (a < 1) or away (a > 1).
 * Action space: Box(1) — the steering u, unbounded.
 * Observation space: Box(2) — (s, e), the state itself (unitless road units).
 * Cost: min(1, e_{t+1}²), the capped squared lateral error. The figure uses the notes' imitation cost instead,
 *   Σ_t min(1, ‖x̂_t − x*_t‖²) against the expert's roll-out from the same start under the same noise (`pairedRoadRollout`).
 * Start state: s₀ ∼ U[0, 0.1], e₀ ∼ N(0, e0Std²).
 * Episode end: never terminates; truncated after `horizon` steps. The lateral error is clipped to ±10 so a diverging
 *   learner stays finite.
 * Parameters: a = 0.9 (1.05 for an unstable open loop), noiseStd = 10⁻³ (process noise w on e), horizon = 100,
 *   e0Std = 0.01.
 */
import type { Rng } from '../../lib/rng';
import { box, type Action, type EnvSpec } from '../core/env';

/** Road progress per step (road units). */
export const ROAD_DS = 0.02;
/** Steering effectiveness b. */
export const ROAD_B = 0.5;
/** Starts are uniform in s ∈ [0, ROAD_S0_MAX]. */
export const ROAD_S0_MAX = 0.1;
/** |e| is clipped here (a diverging learner stays finite). */
export const ROAD_E_CLIP = 10;

/** The road's curvature κ(s). */
export function curvature(s: number): number {
  return Math.sin(2 * s) + 0.5 * Math.cos(5 * s);
}

/** κ'(s). */
export function curvatureSlope(s: number): number {
  return 2 * Math.cos(2 * s) - 2.5 * Math.sin(5 * s);
}

export interface CurvyRoadParams {
  /** Open-loop rate a of the lateral error. */
  a: number;
  /** Standard deviation of the process noise w on e, per step. */
  noiseStd: number;
  /** Steps per episode. */
  horizon: number;
  /** Standard deviation of the initial lateral error e₀. */
  e0Std: number;
}

export const curvyRoadDefaults: CurvyRoadParams = { a: 0.9, noiseStd: 1e-3, horizon: 100, e0Std: 0.01 };

export interface CurvyRoadState {
  s: number;
  e: number;
}

/** One step with given steering u and noise w: returns [s', e'] (e' clipped to ±ROAD_E_CLIP). */
export function stepRoad(s: number, e: number, u: number, a: number, w = 0): [number, number] {
  const next = a * e + ROAD_B * (u - curvature(s)) + w;
  return [s + ROAD_DS, Math.max(-ROAD_E_CLIP, Math.min(ROAD_E_CLIP, next))];
}

function steering(action: Action): number {
  if (typeof action === 'number') return action;
  return action[0];
}

export const curvyRoadEnv: EnvSpec<CurvyRoadState, CurvyRoadParams> = {
  id: 'curvyroad',
  description: 'Curvy road: steer along a winding centre line; the lateral error e drifts at open-loop rate a.',
  defaults: curvyRoadDefaults,
  actionSpace: () => box([-Infinity], [Infinity], ['steering u']),
  observationSpace: () => box([-Infinity, -ROAD_E_CLIP], [Infinity, ROAD_E_CLIP], ['progress s', 'lateral error e']),
  initial: (rng, p) => ({ s: rng.range(0, ROAD_S0_MAX), e: p.e0Std * rng.normal() }),
  transition(state, action, rng, p) {
    const w = p.noiseStd * rng.normal();
    const [s, e] = stepRoad(state.s, state.e, steering(action), p.a, w);
    return { s, e };
  },
  observe: (state) => Float64Array.of(state.s, state.e),
  cost: (_state, _action, next) => Math.min(1, next.e * next.e),
  isTerminal: () => false,
  horizon: (p) => p.horizon,
};

/** A steering policy of the curvy road: (s, e) → u. */
export type RoadPolicy = (s: number, e: number) => number;

/**
 * Rolls out `policy` from (s₀, e₀) for noise.length steps with the given process noise (and optional extra noise
 * added to the executed steering, as a noise-injected demonstrator does). Returns the states, flat
 * [s_0, e_0, s_1, e_1, …], length 2(H + 1).
 */
export function roadRollout(
  policy: RoadPolicy,
  s0: number,
  e0: number,
  a: number,
  noise: ArrayLike<number>,
  actionNoise?: ArrayLike<number>,
): Float64Array {
  const H = noise.length;
  const x = new Float64Array(2 * (H + 1));
  x[0] = s0;
  x[1] = e0;
  for (let t = 0; t < H; t++) {
    const u = policy(x[2 * t], x[2 * t + 1]) + (actionNoise ? actionNoise[t] : 0);
    const [s, e] = stepRoad(x[2 * t], x[2 * t + 1], u, a, noise[t]);
    x[2 * t + 2] = s;
    x[2 * t + 3] = e;
  }
  return x;
}

/**
 * The learner and the expert from the same start under the same process noise; the imitation cost
 * J = Σ_{t=1}^{H} min(1, ‖x̂_t − x*_t‖²) (notes Toy 2C/7E).
 */
export function pairedRoadRollout(
  learner: RoadPolicy,
  expert: RoadPolicy,
  s0: number,
  e0: number,
  a: number,
  noise: ArrayLike<number>,
): { learner: Float64Array; expert: Float64Array; imitationCost: number } {
  const xl = roadRollout(learner, s0, e0, a, noise);
  const xe = roadRollout(expert, s0, e0, a, noise);
  let cost = 0;
  for (let t = 1; t <= noise.length; t++) {
    const ds = xl[2 * t] - xe[2 * t];
    const de = xl[2 * t + 1] - xe[2 * t + 1];
    cost += Math.min(1, ds * ds + de * de);
  }
  return { learner: xl, expert: xe, imitationCost: cost };
}

/** Draws a start state (s₀, e₀) as `initial` does. */
export function sampleRoadStart(rng: Rng, e0Std: number): [number, number] {
  return [rng.range(0, ROAD_S0_MAX), e0Std * rng.normal()];
}
