/**
 * Learners for gate parity (SCIENCE-NOTES-ch7 §7(b) Toy 7C; Joshi et al. 2025): the answer y = z_T is the parity of
 * T half-plane gates g_t = 1[⟨w*, x_t⟩ > 0] of i.i.d. isotropic prompt vectors x_t ∈ ℝ², w* at angle φ* = 0.3 (the
 * gate of Gate-walk, sims/envs/gatewalk.ts). The chain of thought is z_t = z_{t−1} ⊕ g_t.
 *
 * A half-plane at angle φ errs on a gate with probability e = |φ − φ*|/π, independently across steps, so its answer
 * is wrong with probability ½(1 − (1 − 2e)^T) (an odd number of wrong gates flips the parity): `answerError`.
 *
 *   answerOnlyErm       answer-only supervision, time-invariant class: the exact empirical risk minimiser, by a sweep
 *                       of φ over the circle (the predicted answer of example i flips at each of its 2T critical
 *                       angles); the midpoint of the longest arc that fits every answer.
 *   answerOnlyDescent   answer-only supervision, gradient descent: Adam on the smooth relaxation
 *                       Ŷ(w) = Π_t −tanh(β⟨w, x_t⟩) with loss mean(1 − Y·Ŷ), Y = ±1 the answer.
 *   cotDescent          chain-of-thought supervision, gradient descent: logistic regression on the n·T gate labels
 *                       (convex), the control.
 * The chain-of-thought ERM learners (one half-plane for all n·T labelled steps, or one per step from n labels) are the
 * version-space midpoints of Gate-walk, sampled exactly by `sampleMidpointError` (sims/experiments/gatewalk-horizon.ts).
 */
import { powInt, tanh } from '../../lib/detmath';
import type { Rng } from '../../lib/rng';
import { GATE_PHI_STAR } from '../envs/gatewalk';

const TWO_PI = 2 * Math.PI;

/** A parity data set: n examples of T prompt vectors, their gates and answers. */
export interface ParityData {
  n: number;
  T: number;
  /** xs[2(iT + t)], xs[2(iT + t) + 1]: example i's prompt vector at step t. */
  xs: Float64Array;
  /** gates[iT + t] ∈ {0, 1}: the chain of thought's increments. */
  gates: Uint8Array;
  /** answers[i] = parity of example i's gates. */
  answers: Uint8Array;
}

export function sampleParityData(rng: Rng, n: number, T: number, phiStar = GATE_PHI_STAR): ParityData {
  const xs = new Float64Array(2 * n * T);
  const gates = new Uint8Array(n * T);
  const answers = new Uint8Array(n);
  const c = Math.cos(phiStar);
  const s = Math.sin(phiStar);
  for (let i = 0; i < n; i++) {
    let parity = 0;
    for (let t = 0; t < T; t++) {
      const k = i * T + t;
      xs[2 * k] = rng.normal();
      xs[2 * k + 1] = rng.normal();
      gates[k] = c * xs[2 * k] + s * xs[2 * k + 1] > 0 ? 1 : 0;
      parity ^= gates[k];
    }
    answers[i] = parity;
  }
  return { n, T, xs, gates, answers };
}

/** Answer-only data as the ERM needs it: each prompt vector's angle (uniform: the vectors are isotropic), answers. */
export interface ParityAngles {
  n: number;
  T: number;
  /** angles[iT + t] ∈ [0, 2π): the direction of x_{it}. */
  angles: Float64Array;
  answers: Uint8Array;
}

export function sampleParityAngles(rng: Rng, n: number, T: number, phiStar = GATE_PHI_STAR): ParityAngles {
  const angles = new Float64Array(n * T);
  const answers = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let parity = 0;
    for (let t = 0; t < T; t++) {
      const a = TWO_PI * rng.uniform();
      angles[i * T + t] = a;
      if (Math.cos(a - phiStar) > 0) parity ^= 1;
    }
    answers[i] = parity;
  }
  return { n, T, angles, answers };
}

/** The angle in [0, 2π). */
export function wrap2pi(a: number): number {
  const r = a % TWO_PI;
  return r < 0 ? r + TWO_PI : r;
}

/** Per-gate disagreement e = |φ − φ*|/π of a half-plane at angle φ. */
export function gateError(phi: number, phiStar = GATE_PHI_STAR): number {
  const d = Math.abs(wrap2pi(phi - phiStar + Math.PI) - Math.PI);
  return d / Math.PI;
}

/** P(answer wrong) for a shared half-plane with per-gate error e over T steps: ½(1 − (1 − 2e)^T). */
export function answerError(e: number, T: number): number {
  return 0.5 * (1 - powInt(1 - 2 * e, T));
}

/** P(answer wrong) for per-step half-planes with errors e_t: ½(1 − Π_t (1 − 2e_t)). */
export function answerErrorPerStep(errors: ArrayLike<number>): number {
  let prod = 1;
  for (let t = 0; t < errors.length; t++) prod *= 1 - 2 * errors[t];
  return 0.5 * (1 - prod);
}

// ---------------------------------------------------------------------------------------------------------------
// Answer-only ERM: a sweep over the circle
// ---------------------------------------------------------------------------------------------------------------

/** The example index is packed under each event angle (so one native numeric sort orders the events). */
const ID_SCALE = 65536; // 2¹⁶
const ANGLE_STEPS = 68719476736; // 2³⁶

/** An event at `angle` for example i, as one number: the angle on 2³⁶ steps above the index. */
function eventKey(angle: number, i: number): number {
  const step = Math.min(ANGLE_STEPS - 1, Math.floor((wrap2pi(angle) / TWO_PI) * ANGLE_STEPS));
  return step * ID_SCALE + i;
}

/**
 * The exact empirical risk minimiser over φ from answers only: the midpoint of the longest arc of angles whose
 * predicted parities match the most answers (every answer, since the data are realisable). Gate (i, t) is open for
 * φ ∈ (a − π/2, a + π/2), a the angle of x_{it}; each end flips example i's predicted parity. O(nT log nT).
 */
export function answerOnlyErm(data: ParityAngles): number {
  const { n, T, angles, answers } = data;
  if (n >= ID_SCALE) throw new RangeError(`answerOnlyErm: at most ${ID_SCALE - 1} examples`);
  const m = 2 * n * T;
  const keys = new Float64Array(m);
  // Whether example i's predicted answer is wrong at φ = 0 (gate (i, t) is open at 0 iff cos a_{it} > 0).
  const isWrong = new Uint8Array(n);
  let wrong = 0;
  for (let i = 0; i < n; i++) {
    let parityAtZero = 0;
    for (let t = 0; t < T; t++) {
      const k = i * T + t;
      const a = angles[k];
      if (Math.cos(a) > 0) parityAtZero ^= 1;
      keys[2 * k] = eventKey(a - Math.PI / 2, i);
      keys[2 * k + 1] = eventKey(a + Math.PI / 2, i);
    }
    isWrong[i] = parityAtZero !== answers[i] ? 1 : 0;
    wrong += isWrong[i];
  }
  keys.sort();
  const angleOf = (key: number) => (Math.floor(key / ID_SCALE) / ANGLE_STEPS) * TWO_PI;
  const exampleOf = (key: number) => key % ID_SCALE;
  // Elementary arcs [prev, angle) with their wrong counts; the piece through 0 joins the last and the first.
  let best = Infinity;
  let bestLen = -1;
  let bestMid = 0;
  const consider = (from: number, len: number, count: number) => {
    if (count < best || (count === best && len > bestLen)) {
      best = count;
      bestLen = len;
      bestMid = from + len / 2;
    }
  };
  const wrongAtZero = wrong;
  const firstAngle = m > 0 ? angleOf(keys[0]) : TWO_PI;
  let prev = firstAngle;
  for (let j = 0; j < m; j++) {
    const angle = angleOf(keys[j]);
    if (j > 0 && angle > prev) consider(prev, angle - prev, wrong);
    const i = exampleOf(keys[j]);
    isWrong[i] ^= 1;
    wrong += isWrong[i] ? 1 : -1;
    prev = angle;
  }
  consider(prev, TWO_PI - prev + firstAngle, wrongAtZero);
  return wrap2pi(bestMid);
}

// ---------------------------------------------------------------------------------------------------------------
// Gradient descent
// ---------------------------------------------------------------------------------------------------------------

export interface DescentConfig {
  /** Adam step size (the notes: 0.05). */
  learningRate: number;
  /** Adam steps (the notes: 400). */
  steps: number;
  /** Sharpness β of the tanh relaxation (the notes: 4). */
  beta: number;
  /** Record the angle every this many steps (and at the end). */
  recordEvery: number;
}

export const DEFAULT_DESCENT: DescentConfig = { learningRate: 0.05, steps: 400, beta: 4, recordEvery: 4 };

/** A descent: the angle of w every `recordEvery` steps (the last is the result) and the final norm of w. */
export interface Descent {
  angles: number[];
  norm: number;
}

/** Adam on a 2-vector from the unit vector at angle φ₀. */
function adam2(grad: (w: Float64Array, g: Float64Array) => void, phi0: number, config: DescentConfig): Descent {
  const w = Float64Array.of(Math.cos(phi0), Math.sin(phi0));
  const g = new Float64Array(2);
  const m = new Float64Array(2);
  const v = new Float64Array(2);
  const angles = [wrap2pi(phi0)];
  let b1 = 1;
  let b2 = 1;
  for (let k = 1; k <= config.steps; k++) {
    grad(w, g);
    b1 *= 0.9;
    b2 *= 0.999;
    for (let j = 0; j < 2; j++) {
      m[j] = 0.9 * m[j] + 0.1 * g[j];
      v[j] = 0.999 * v[j] + 0.001 * g[j] * g[j];
      w[j] -= (config.learningRate * (m[j] / (1 - b1))) / (Math.sqrt(v[j] / (1 - b2)) + 1e-8);
    }
    if (k % config.recordEvery === 0 || k === config.steps) angles.push(wrap2pi(Math.atan2(w[1], w[0])));
  }
  return { angles, norm: Math.hypot(w[0], w[1]) };
}

/** The answer-only relaxation's loss mean(1 − Y·Π_t −tanh(β⟨w, x_t⟩)) and, into `g`, its gradient. */
export function answerOnlyLoss(data: ParityData, w: ArrayLike<number>, beta: number, g?: Float64Array): number {
  const { n, T, xs, answers } = data;
  const s = new Float64Array(T);
  const prefix = new Float64Array(T + 1);
  let loss = 0;
  if (g) g.fill(0);
  for (let i = 0; i < n; i++) {
    const Y = answers[i] === 1 ? -1 : 1;
    prefix[0] = 1;
    for (let t = 0; t < T; t++) {
      const k = i * T + t;
      s[t] = tanh(beta * (w[0] * xs[2 * k] + w[1] * xs[2 * k + 1]));
      prefix[t + 1] = prefix[t] * -s[t];
    }
    loss += 1 - Y * prefix[T];
    if (!g) continue;
    // d/dw Π_j (−s_j) = Σ_t (Π_{j≠t} −s_j)·(−(1 − s_t²)β)·x_t, the leave-one-out products from both ends.
    let suffix = 1;
    for (let t = T - 1; t >= 0; t--) {
      const k = i * T + t;
      const d = prefix[t] * suffix * -(1 - s[t] * s[t]) * beta;
      g[0] -= (Y * d * xs[2 * k]) / n;
      g[1] -= (Y * d * xs[2 * k + 1]) / n;
      suffix *= -s[t];
    }
  }
  return loss / n;
}

/** Logistic loss of the gate labels at w (mean over the n·T steps). */
export function cotLoss(data: ParityData, w: ArrayLike<number>): number {
  const { n, T, xs, gates } = data;
  const count = n * T;
  let loss = 0;
  for (let k = 0; k < count; k++) {
    // log(1 + e^{−margin}), stably.
    const margin = (gates[k] === 1 ? 1 : -1) * (w[0] * xs[2 * k] + w[1] * xs[2 * k + 1]);
    loss += margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
  }
  return loss / count;
}

/** The gradient of `cotLoss` at w, into g: mean over steps of (σ(⟨w, x⟩) − g)·x. */
function cotGradient(data: ParityData, w: ArrayLike<number>, g: Float64Array): void {
  const { n, T, xs, gates } = data;
  const count = n * T;
  g.fill(0);
  for (let k = 0; k < count; k++) {
    const r = 1 / (1 + Math.exp(-(w[0] * xs[2 * k] + w[1] * xs[2 * k + 1]))) - gates[k];
    g[0] += r * xs[2 * k];
    g[1] += r * xs[2 * k + 1];
  }
  g[0] /= count;
  g[1] /= count;
}

/** Gradient descent on the answer-only relaxation from angle φ₀. */
export function answerOnlyDescent(data: ParityData, phi0: number, config: DescentConfig = DEFAULT_DESCENT): Descent {
  return adam2((w, g) => answerOnlyLoss(data, w, config.beta, g), phi0, config);
}

/** Logistic regression on the chain-of-thought gate labels from angle φ₀. */
export function cotDescent(data: ParityData, phi0: number, config: DescentConfig = DEFAULT_DESCENT): Descent {
  return adam2((w, g) => cotGradient(data, w, g), phi0, config);
}
