/**
 * Gate-walk — BC's regret with and without parameter sharing (SCIENCE-NOTES §1(b) Toy 1A).
 *
 * Description: a walker passes one gate per step. Each gate has a random orientation: its state x_t ∈ ℝ² is drawn
 *   i.i.d. N(0, I₂) while the walker is up. The correct action is the side of the gate's line through the origin at
 *   angle φ* = 0.3 rad: a*(x) = 1[cos φ*·x₁ + sin φ*·x₂ > 0]. A correct action draws a fresh gate; a wrong one sends
 *   the walker to an absorbing "fallen" state.
 * Action space: Discrete(2) — 0 and 1, the two sides of the gate.
 * Observation space: Box(2), the gate state (x₁, x₂) ∈ ℝ² (unitless, standard normal); (0, 0) once fallen.
 * Cost (a regret: the expert never falls, so J(π*) = 0 and J(π̂) is the regret):
 *   - reward 'sparse' (R = 1): cost 1 on the step the walker falls, else 0, so J = P(fall within H steps);
 *   - reward 'dense' (R = H): cost 1 for every step that ends fallen (the walker keeps losing its per-step reward
 *     until the horizon), so J = E[number of lost steps].
 *   In [0, 1] per step.
 * Start state: upright, x₀ ~ N(0, I₂).
 * Episode end: 'sparse': terminated when the walker falls (nothing more can happen). 'dense': the fallen state is
 *   absorbing but not terminal, so the remaining lost steps are counted. Truncated after `horizon` steps.
 * Parameters: horizon H = 16 steps; reward 'sparse' | 'dense'; phiStar φ* = 0.3 rad.
 *
 * Exact mode (notes: "the default for the theory widget"). Gates are i.i.d. and isotropic, so a learned half-plane
 * at angle φ̂ errs at each step with probability e = |φ̂ − φ*|/π (angles wrapped), and regret follows from the
 * per-step errors e_t in closed form: sparse 1 − Π_t (1 − e_t), dense Σ_t [1 − Π_{s≤t} (1 − e_s)]. The learner is
 * the maximum-likelihood / ERM half-plane: any angle consistent with every label, and we take the midpoint of the
 * consistent arc (the version space). `sampleGatewalkErrors` draws one dataset of n expert trajectories and returns
 * e_t for the shared (one φ̂ for all steps, fit on all nH pairs) or per-step (a φ̂_t per step, each fit on its n
 * pairs) policy class; `gatewalkRegrets` repeats it over dataset replicates.
 */
import type { Rng } from '../../lib/rng';
import { type Action, type EnvSpec } from '../core/env';

// ---------------------------------------------------------------------------------------------------------------
// Constants and types
// ---------------------------------------------------------------------------------------------------------------

/** The expert's gate angle φ* (radians) from the notes. */
export const GATE_PHI_STAR = 0.3;

export type GateReward = 'sparse' | 'dense';
export type GateSharing = 'shared' | 'perStep';

export interface GatewalkParams {
  /** H: gates per episode. */
  horizon: number;
  /** 'sparse': cost only for falling (R = 1); 'dense': cost for every step spent fallen (R = H). */
  reward: GateReward;
  /** φ*: the angle (radians) of the expert's gate normal. */
  phiStar: number;
}

export const gatewalkDefaults: GatewalkParams = { horizon: 16, reward: 'sparse', phiStar: GATE_PHI_STAR };

export interface GatewalkState {
  /** The current gate, x ∈ ℝ² (meaningless once fallen; kept at 0 then). */
  x1: number;
  x2: number;
  /** In the absorbing failure state. */
  fallen: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// The gate rule
// ---------------------------------------------------------------------------------------------------------------

/** The correct side of the gate x for the half-plane with normal angle φ: 1[cos φ·x₁ + sin φ·x₂ > 0]. */
export function gateSide(x1: number, x2: number, phi: number): number {
  return Math.cos(phi) * x1 + Math.sin(phi) * x2 > 0 ? 1 : 0;
}

/** An angle wrapped to [−π, π). */
export function wrapAngle(angle: number): number {
  const twoPi = 2 * Math.PI;
  return ((((angle + Math.PI) % twoPi) + twoPi) % twoPi) - Math.PI;
}

/** The probability that the half-plane at angle φ̂ disagrees with the one at φ* on an isotropic gate: |φ̂ − φ*|/π. */
export function gateStepError(phiHat: number, phiStar: number = GATE_PHI_STAR): number {
  return Math.abs(wrapAngle(phiHat - phiStar)) / Math.PI;
}

// ---------------------------------------------------------------------------------------------------------------
// The environment
// ---------------------------------------------------------------------------------------------------------------

function requireGateAction(action: Action): number {
  if (action !== 0 && action !== 1) throw new RangeError(`gatewalk: action must be 0 or 1, got ${String(action)}`);
  return action;
}

export const gatewalkEnv: EnvSpec<GatewalkState, GatewalkParams> = {
  id: 'gatewalk',
  description: 'Gate-walk: pick the right side of a randomly oriented gate each step; one wrong side and you fall.',
  defaults: gatewalkDefaults,
  actionSpace: () => ({ kind: 'discrete', n: 2, labels: ['side 0', 'side 1'] }),
  observationSpace: () => ({
    kind: 'box',
    shape: [2],
    low: [-Infinity, -Infinity],
    high: [Infinity, Infinity],
    labels: ['gate x₁', 'gate x₂'],
  }),
  initial: (rng) => ({ x1: rng.normal(), x2: rng.normal(), fallen: false }),
  transition(state, action, rng, p) {
    const a = requireGateAction(action);
    // Two normals every step, fallen or not, so the gate sequence does not depend on the policy (common numbers).
    const x1 = rng.normal();
    const x2 = rng.normal();
    if (state.fallen || a !== gateSide(state.x1, state.x2, p.phiStar)) return { x1: 0, x2: 0, fallen: true };
    return { x1, x2, fallen: false };
  },
  observe: (state) => Float64Array.of(state.x1, state.x2),
  cost: (state, _action, next, p) =>
    p.reward === 'dense' ? (next.fallen ? 1 : 0) : next.fallen && !state.fallen ? 1 : 0,
  isTerminal: (state, p) => state.fallen && p.reward === 'sparse',
  horizon: (p) => p.horizon,
};

// ---------------------------------------------------------------------------------------------------------------
// Exact mode: datasets, the version-space learner, and regret from per-step errors
// ---------------------------------------------------------------------------------------------------------------

export interface GateDataset {
  /** count × 2 gate states, row-major. */
  xs: Float64Array;
  /** The expert's labels a*(x) ∈ {0, 1}. */
  labels: Uint8Array;
  count: number;
}

/**
 * `count` expert-labelled gates x ~ N(0, I₂) (the states an expert trajectory passes are i.i.d.). For n
 * trajectories of H steps draw n·H and read row t·n + i as trajectory i's gate at step t, as
 * `sampleGatewalkErrors` does: step t's n pairs are then rows [t·n, (t + 1)·n).
 */
export function sampleGateDataset(rng: Rng, count: number, phiStar: number = GATE_PHI_STAR): GateDataset {
  const xs = new Float64Array(2 * count);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    xs[2 * i] = rng.normal();
    xs[2 * i + 1] = rng.normal();
    labels[i] = gateSide(xs[2 * i], xs[2 * i + 1], phiStar);
  }
  return { xs, labels, count };
}

/**
 * The exact-mode learner: a half-plane angle φ̂ that classifies the most labels correctly — when the labels are
 * consistent (a deterministic expert, as in the toy), every angle of the version space does, and φ̂ is the
 * midpoint of that arc. Point i constrains φ to the open half-circle around θ_i, the angle of x_i (label 1) or of
 * −x_i (label 0). If the constraints cannot all hold (noisy labels), it sweeps the circle for the longest arc
 * satisfying the most of them and returns its midpoint (O(N log N)). Rows [from, from + count) of the dataset.
 */
export function fitGateAngle(data: GateDataset, from = 0, count = data.count - from): number {
  if (count < 1) throw new RangeError('fitGateAngle needs at least one labelled gate');
  // Angles θ_i relative to the first one, in (−π, π].
  const theta0 = pointAngle(data, from);
  let lo = 0;
  let hi = 0;
  for (let i = from + 1; i < from + count; i++) {
    const d = wrapAngle(pointAngle(data, i) - theta0);
    lo = Math.min(lo, d);
    hi = Math.max(hi, d);
  }
  // All θ_i inside an arc shorter than π ⇔ the half-circles share an arc: (max θ − π/2, min θ + π/2).
  if (hi - lo < Math.PI) return wrapAngle(theta0 + (lo + hi) / 2);
  return fitGateAngleBySweep(data, from, count);
}

function pointAngle(data: GateDataset, i: number): number {
  const sgn = data.labels[i] === 1 ? 1 : -1;
  return Math.atan2(sgn * data.xs[2 * i + 1], sgn * data.xs[2 * i]);
}

/**
 * ERM over the circle by a sweep: the midpoint of the longest arc of angles that satisfies the most labels. Used by
 * `fitGateAngle` when the labels are inconsistent; on consistent labels it returns the version-space midpoint too.
 */
export function fitGateAngleBySweep(data: GateDataset, from = 0, count = data.count - from): number {
  if (count < 1) throw new RangeError('fitGateAngleBySweep needs at least one labelled gate');
  const twoPi = 2 * Math.PI;
  const norm = (a: number) => ((a % twoPi) + twoPi) % twoPi;
  const events: [number, number][] = [];
  let inside = 0; // how many half-circles contain the angle 0
  for (let i = from; i < from + count; i++) {
    const th = pointAngle(data, i);
    events.push([norm(th - Math.PI / 2), +1], [norm(th + Math.PI / 2), -1]);
    if (Math.cos(th) > 0) inside++;
  }
  events.sort((a, b) => a[0] - b[0]);
  // Elementary arcs between consecutive events, with the count on each.
  const starts: number[] = [];
  const ends: number[] = [];
  const counts: number[] = [];
  let c = inside;
  let prev = 0;
  for (const [angle, delta] of events) {
    if (angle > prev) {
      starts.push(prev);
      ends.push(angle);
      counts.push(c);
    }
    c += delta;
    prev = angle;
  }
  starts.push(prev);
  ends.push(twoPi);
  counts.push(c);
  const best = Math.max(...counts);
  // Longest run of best-count arcs, wrapping around 2π → 0.
  const m = counts.length;
  let bestLen = -1;
  let bestMid = 0;
  for (let k = 0; k < m; k++) {
    if (counts[k] !== best || counts[(k - 1 + m) % m] === best) continue; // start of a run only
    let len = 0;
    let j = k;
    do {
      len += ends[j] - starts[j];
      j = (j + 1) % m;
    } while (counts[j] === best && j !== k);
    if (len > bestLen) {
      bestLen = len;
      bestMid = starts[k] + len / 2;
    }
  }
  if (bestLen < 0) return wrapAngle(Math.PI); // every arc has the best count: the whole circle; any angle will do
  return wrapAngle(bestMid);
}

export interface GatewalkExactConfig {
  /** n: expert trajectories in the dataset (each passes H gates). */
  n: number;
  /** H: steps per trajectory. */
  horizon: number;
  /** 'shared': one stationary φ̂ fit on all nH pairs; 'perStep': a φ̂_t per step, each fit on its n pairs. */
  sharing: GateSharing;
  /** φ*, default 0.3 rad. */
  phiStar?: number;
}

/** One dataset replicate: the learner's per-step error e_t for t = 0 … H − 1 (all equal for the shared class). */
export function sampleGatewalkErrors(rng: Rng, config: GatewalkExactConfig): Float64Array {
  const { n, horizon: H, sharing, phiStar = GATE_PHI_STAR } = config;
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`gatewalk: n must be a positive integer, got ${n}`);
  if (!(Number.isInteger(H) && H >= 1)) throw new RangeError(`gatewalk: horizon must be a positive integer, got ${H}`);
  // Row t·n + i is trajectory i's gate at step t, so step t's pairs are one contiguous block.
  const data = sampleGateDataset(rng, n * H, phiStar);
  const errors = new Float64Array(H);
  if (sharing === 'shared') errors.fill(gateStepError(fitGateAngle(data), phiStar));
  else for (let t = 0; t < H; t++) errors[t] = gateStepError(fitGateAngle(data, t * n, n), phiStar);
  return errors;
}

/** Sparse regret (R = 1): the probability of falling at some step, 1 − Π_t (1 − e_t). */
export function sparseRegret(errors: ArrayLike<number>): number {
  let survive = 1;
  for (let t = 0; t < errors.length; t++) survive *= 1 - errors[t];
  return 1 - survive;
}

/** Dense regret (R = H): the expected number of lost steps, Σ_t [1 − Π_{s≤t} (1 − e_s)]. */
export function denseRegret(errors: ArrayLike<number>): number {
  let survive = 1;
  let lost = 0;
  for (let t = 0; t < errors.length; t++) {
    survive *= 1 - errors[t];
    lost += 1 - survive;
  }
  return lost;
}

export interface GatewalkRegrets {
  /** Per-replicate sparse regret. */
  sparse: Float64Array;
  /** Per-replicate dense regret (same datasets). */
  dense: Float64Array;
  /** Per-replicate mean per-step error (1/H) Σ_t e_t. */
  meanError: Float64Array;
}

/**
 * Exact-mode regrets over `replicates` independent datasets; replicate r uses the stream `replicate/r` of `rng`,
 * so replicate r is the same whatever the number of replicates. Average them (with a bootstrap band) for a curve.
 */
export function gatewalkRegrets(rng: Rng, config: GatewalkExactConfig, replicates: number): GatewalkRegrets {
  const sparse = new Float64Array(replicates);
  const dense = new Float64Array(replicates);
  const meanError = new Float64Array(replicates);
  for (let r = 0; r < replicates; r++) {
    const errors = sampleGatewalkErrors(rng.stream(`replicate/${r}`), config);
    sparse[r] = sparseRegret(errors);
    dense[r] = denseRegret(errors);
    let s = 0;
    for (const e of errors) s += e;
    meanError[r] = s / errors.length;
  }
  return { sparse, dense, meanError };
}
