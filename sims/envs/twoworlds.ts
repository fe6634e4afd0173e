/**
 * Two worlds — exponential compounding with continuous actions (SCIENCE-NOTES §2(b), Toy 2C; the mechanism of
 * Simchowitz, Pfrommer & Jadbabaie 2025). Reused by Toy 3B (noise injection) and Toy 4A (action chunking).
 *
 * Description: a linear system with state x = (p, z) and two worlds σ ∈ {+1, −1} that differ only in the sign of
 *   the z-actuation:
 *     p_{t+1} = a·p_t + u_{p,t} + w_{p,t}
 *     z_{t+1} = a·z_t + σ·u_{z,t} + w_{z,t}
 *   The expert (sims/experts/twoworlds.ts) is u = (−k·p, −σ·k·z). Demonstrations start on the plane z = 0 and never
 *   leave it, so they are identical in both worlds: the data cannot tell the worlds apart, yet a smooth learner must
 *   commit to one extrapolated gain β̂ = ∂û_z/∂z, and that gain makes the z-error grow like |a + σβ̂|^t.
 * Action space: Box(2) — (u_p, u_z), unbounded.
 * Observation space: Box(2) — (p, z), the state itself (unitless); σ is never observed.
 * Cost: min(1, p_{t+1}² + z_{t+1}²), the capped squared distance from the origin the expert steers to. The
 *   figures use the notes' imitation cost instead — Σ_t min(1, ‖x̂_t − x*_t‖²) against an expert rollout with the
 *   same start and the same noise — computed by `pairedRollout`.
 * Start state: p₀ ∼ U[−initRange, initRange], z₀ = 0 (as the demonstrations).
 * Episode end: never terminates; truncated after `horizon` steps.
 * Parameters: a = 0.9 (open-loop rate; 1.05 for the unstable setting), σ = +1, noiseStd = 10⁻³ (test-time process
 *   noise on both coordinates, as the notes' text says; their formula writes it only on z), horizon = 100,
 *   initRange = 1.
 */
import type { Rng } from '../../lib/rng';
import { box, type Action, type EnvSpec } from '../core/env';
import { powInt } from '../../lib/detmath';

export interface TwoWorldsParams {
  /** Open-loop rate a (0.9: open loop contracting, EISS with C = 1, ρ = 0.9; 1.05: open loop unstable). */
  a: number;
  /** The world: the sign of the z-actuation, +1 or −1. Unseen by the learner. */
  sigma: number;
  /** Standard deviation of the process noise w on each coordinate, per step (notes: 10⁻³ at test time). */
  noiseStd: number;
  /** Steps per episode (notes: 100 for evaluation, 50 for demonstrations). */
  horizon: number;
  /** p₀ is uniform in [−initRange, initRange]. */
  initRange: number;
}

export const twoWorldsDefaults: TwoWorldsParams = { a: 0.9, sigma: 1, noiseStd: 1e-3, horizon: 100, initRange: 1 };

export interface TwoWorldsState {
  p: number;
  z: number;
  t: number;
}

/** A policy of the two-worlds system: (p, z) → (u_p, u_z). The observation buffer may be reused between calls. */
export type TwoWorldsPolicy = (obs: Float64Array) => ArrayLike<number>;

// ---------------------------------------------------------------------------------------------------------------
// Dynamics
// ---------------------------------------------------------------------------------------------------------------

/** One step of the dynamics with given noise: returns [p', z']. */
export function stepTwoWorlds(
  p: number,
  z: number,
  up: number,
  uz: number,
  a: number,
  sigma: number,
  wp = 0,
  wz = 0,
): [number, number] {
  return [a * p + up + wp, a * z + sigma * uz + wz];
}

/** A noise sequence for `horizon` steps, interleaved: [w_p0, w_z0, w_p1, w_z1, …]. Share it between paired rollouts. */
export function sampleProcessNoise(horizon: number, noiseStd: number, rng: Rng): Float64Array {
  const w = new Float64Array(2 * horizon);
  for (let i = 0; i < w.length; i++) w[i] = noiseStd * rng.normal();
  return w;
}

function actionPair(action: Action): [number, number] {
  if (typeof action === 'number') throw new RangeError('twoworlds: the action is a vector (u_p, u_z)');
  return [action[0], action[1]];
}

export const twoWorldsEnv: EnvSpec<TwoWorldsState, TwoWorldsParams> = {
  id: 'twoworlds',
  description:
    'Two linear worlds that differ only in the sign of one actuator; the demonstrations cannot tell them apart.',
  defaults: twoWorldsDefaults,
  actionSpace: () => box([-Infinity, -Infinity], [Infinity, Infinity], ['u_p', 'u_z']),
  observationSpace: () => box([-Infinity, -Infinity], [Infinity, Infinity], ['p', 'z']),
  initial: (rng, params) => ({ p: rng.range(-params.initRange, params.initRange), z: 0, t: 0 }),
  transition(state, action, rng, params) {
    const [up, uz] = actionPair(action);
    // Always draw both normals, so the noise at step t does not depend on the policy.
    const wp = params.noiseStd * rng.normal();
    const wz = params.noiseStd * rng.normal();
    const [p, z] = stepTwoWorlds(state.p, state.z, up, uz, params.a, params.sigma, wp, wz);
    return { p, z, t: state.t + 1 };
  },
  observe: (state) => Float64Array.of(state.p, state.z),
  cost: (_state, _action, next) => Math.min(1, next.p * next.p + next.z * next.z),
  isTerminal: () => false,
  horizon: (params) => params.horizon,
};

// ---------------------------------------------------------------------------------------------------------------
// Paired rollouts and the imitation cost
// ---------------------------------------------------------------------------------------------------------------

export interface PairedRollout {
  /** Learner states, flat: [p_0, z_0, p_1, z_1, …], length 2(H + 1). */
  learner: Float64Array;
  /** Reference (expert) states from the same start under the same noise. */
  reference: Float64Array;
  /** Actions taken, flat, length 2H. */
  learnerActions: Float64Array;
  referenceActions: Float64Array;
  /** ‖x̂_t − x*_t‖² for t = 0…H. */
  sqDeviation: Float64Array;
  /** J_imitation = Σ_{t=1}^{H} min{1, ‖x̂_t − x*_t‖²} (notes §2(b) Toy 2C, metric 2). */
  imitationCost: number;
}

/**
 * Runs the learner and the reference policy from the same start x₀ under the same noise sequence (from
 * `sampleProcessNoise`; its length fixes H), in world `sigma`, so that only the policies differ.
 */
export function pairedRollout(
  learner: TwoWorldsPolicy,
  reference: TwoWorldsPolicy,
  x0: readonly [number, number],
  noise: Float64Array,
  a: number,
  sigma: number,
): PairedRollout {
  const H = noise.length >> 1;
  const L = new Float64Array(2 * (H + 1));
  const R = new Float64Array(2 * (H + 1));
  const uL = new Float64Array(2 * H);
  const uR = new Float64Array(2 * H);
  const sq = new Float64Array(H + 1);
  L[0] = R[0] = x0[0];
  L[1] = R[1] = x0[1];
  const obs = new Float64Array(2);
  let cost = 0;
  for (let t = 0; t < H; t++) {
    obs[0] = L[2 * t];
    obs[1] = L[2 * t + 1];
    const ul = learner(obs);
    uL[2 * t] = ul[0];
    uL[2 * t + 1] = ul[1];
    obs[0] = R[2 * t];
    obs[1] = R[2 * t + 1];
    const ur = reference(obs);
    uR[2 * t] = ur[0];
    uR[2 * t + 1] = ur[1];
    const wp = noise[2 * t];
    const wz = noise[2 * t + 1];
    const [lp, lz] = stepTwoWorlds(L[2 * t], L[2 * t + 1], uL[2 * t], uL[2 * t + 1], a, sigma, wp, wz);
    const [rp, rz] = stepTwoWorlds(R[2 * t], R[2 * t + 1], uR[2 * t], uR[2 * t + 1], a, sigma, wp, wz);
    L[2 * t + 2] = lp;
    L[2 * t + 3] = lz;
    R[2 * t + 2] = rp;
    R[2 * t + 3] = rz;
    const d = (lp - rp) * (lp - rp) + (lz - rz) * (lz - rz);
    // A diverged learner overflows to Infinity (and then NaN); the capped cost still counts it as 1.
    sq[t + 1] = Number.isNaN(d) ? Infinity : d;
    cost += Math.min(1, sq[t + 1]);
  }
  return { learner: L, reference: R, learnerActions: uL, referenceActions: uR, sqDeviation: sq, imitationCost: cost };
}

// ---------------------------------------------------------------------------------------------------------------
// The extrapolated gain β̂ and what it does in each world
// ---------------------------------------------------------------------------------------------------------------

/**
 * β̂ = ∂û_z/∂z at z = 0 by central finite differences, averaged over p on a grid in [pLow, pHigh] (notes:
 * averaged over p ∈ [−0.5, 0.5]).
 */
export function estimateBetaHat(
  policy: TwoWorldsPolicy,
  { pLow = -0.5, pHigh = 0.5, nP = 21, dz = 1e-3 }: { pLow?: number; pHigh?: number; nP?: number; dz?: number } = {},
): number {
  const obs = new Float64Array(2);
  let sum = 0;
  for (let i = 0; i < nP; i++) {
    obs[0] = nP === 1 ? (pLow + pHigh) / 2 : pLow + ((pHigh - pLow) * i) / (nP - 1);
    obs[1] = dz;
    const up = policy(obs)[1];
    obs[1] = -dz;
    const down = policy(obs)[1];
    sum += (up - down) / (2 * dz);
  }
  return sum / nP;
}

/** The linearised per-step growth rate of z-errors in world σ under gain β̂: |a + σβ̂|. */
export function worldRate(a: number, sigma: number, betaHat: number): number {
  return Math.abs(a + sigma * betaHat);
}

/** The rate in the worse world: max(|a + β̂|, |a − β̂|), which is a + |β̂| for a ≥ 0. */
export function worstWorldRate(a: number, betaHat: number): number {
  return Math.max(worldRate(a, 1, betaHat), worldRate(a, -1, betaHat));
}

/**
 * The half-width of the stability band: for 0 ≤ a < 1, a learned gain is stable in both worlds iff |β̂| < 1 − a.
 * Returns 1 − a, which is ≤ 0 (an empty band: no gain is stable in both worlds) when the open loop is not
 * contracting.
 */
export function stabilityBandHalfWidth(a: number): number {
  return 1 - a;
}

/** Whether β̂ keeps z-errors from growing in both worlds (worst-world rate < 1). */
export function isStableInBothWorlds(a: number, betaHat: number): boolean {
  return worstWorldRate(a, betaHat) < 1;
}

// ---------------------------------------------------------------------------------------------------------------
// Closed forms for a linear learner
// ---------------------------------------------------------------------------------------------------------------

/** Σ_{j=0}^{n−1} x^j. */
function geometricSum(x: number, n: number): number {
  return Math.abs(1 - x) < 1e-12 ? n : (1 - powInt(x, n)) / (1 - x);
}

export interface LinearDeviationConfig {
  a: number;
  sigma: number;
  /** The learner's z-gain: û_z = β̂·z (its p-channel is taken to equal the expert's, so p-errors are zero). */
  betaHat: number;
  /** The expert gain k. */
  k: number;
  /** Process noise standard deviation per step on z. */
  noiseStd: number;
  /** A common initial z (0 for the notes' starts). */
  z0?: number;
}

/**
 * E[(ẑ_t − z*_t)²] for a linear learner û_z = β̂ z against the expert, same start, same noise. With r = a + σβ̂ and
 * q = a − k, the error is e_t = (r^t − q^t)·z₀ + Σ_{j<t} (r^j − q^j)·w_{t−1−j}, so
 *   E e_t² = (r^t − q^t)²·z₀² + s²·Σ_{j<t} (r^{2j} − 2(rq)^j + q^{2j}).
 * Once r > 1 the root-mean-square error grows like r^t: the exponential compounding of the figure.
 */
export function linearDeviationMeanSquare(t: number, c: LinearDeviationConfig): number {
  const r = c.a + c.sigma * c.betaHat;
  const q = c.a - c.k;
  const z0 = c.z0 ?? 0;
  const drift = (powInt(r, t) - powInt(q, t)) * z0;
  const noise = geometricSum(r * r, t) - 2 * geometricSum(r * q, t) + geometricSum(q * q, t);
  return drift * drift + c.noiseStd * c.noiseStd * noise;
}

/** The root-mean-square deviation curve for t = 0…horizon. */
export function linearDeviationCurve(horizon: number, c: LinearDeviationConfig): Float64Array {
  const out = new Float64Array(horizon + 1);
  for (let t = 0; t <= horizon; t++) out[t] = Math.sqrt(linearDeviationMeanSquare(t, c));
  return out;
}

/**
 * Σ_{t=1}^{H} min{1, E e_t²}: an upper bound on the linear learner's expected imitation cost (min{1, ·} is concave,
 * so Jensen's inequality gives E min{1, e²} ≤ min{1, E e²}); tight once the error saturates or stays tiny.
 */
export function linearImitationCostBound(horizon: number, c: LinearDeviationConfig): number {
  let j = 0;
  for (let t = 1; t <= horizon; t++) j += Math.min(1, linearDeviationMeanSquare(t, c));
  return j;
}
