/**
 * Behaviour cloning on Gate-walk in exact mode (SCIENCE-NOTES §1(b) Toy 1A): the learner, and the regret it earns
 * with and without parameter sharing.
 *
 * Gates are i.i.d. and isotropic, so a learned half-plane at angle φ̂ errs at each step with probability
 * e = |φ̂ − φ*|/π (`gateStepError` in sims/envs/gatewalk.ts), and regret follows from the per-step errors e_t in
 * closed form (`sparseRegret`, `denseRegret`, same file). The learner is the maximum-likelihood / ERM half-plane:
 * any angle consistent with every label, and we take the midpoint of the consistent arc (the version space).
 * `sampleGatewalkErrors` draws one dataset of n expert trajectories (sims/experts/gatewalk.ts) and returns e_t for
 * the shared (one φ̂ for all steps, fit on all nH pairs) or per-step (a φ̂_t per step, each fit on its n pairs)
 * policy class; `gatewalkRegrets` repeats it over dataset replicates.
 */
import type { Rng } from '../../lib/rng';
import { GATE_PHI_STAR, denseRegret, gateStepError, sparseRegret, wrapAngle } from '../envs/gatewalk';
import { sampleGateDataset, type GateDataset } from '../experts/gatewalk';

/** The policy class: 'shared' is one stationary angle for every step, 'perStep' an angle per step. */
export type GateSharing = 'shared' | 'perStep';

// ---------------------------------------------------------------------------------------------------------------
// The learner: the ERM half-plane
// ---------------------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------------------
// Behaviour cloning's per-step errors and regrets over dataset replicates
// ---------------------------------------------------------------------------------------------------------------

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
