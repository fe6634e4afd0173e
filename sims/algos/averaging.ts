/**
 * Iterate averages (SCIENCE-NOTES §5(a)): the one place the site defines EMA, debiased EMA and BEMA, so the
 * pendulum (Toy 5A) and the quadratic (Toy 5B) average with exactly the same formulas.
 *
 *   EMA           θ̄_t = γ·θ̄_{t−1} + (1 − γ)·θ_t                      (started at the first iterate)
 *   debiased EMA  m_t = γ·m_{t−1} + (1 − γ)·θ_t, m_0 = 0;  θ̄_t = m_t / (1 − γ^t)   (Adam's correction)
 *   BEMA          μ_t = (1 − β_t)·μ_{t−1} + β_t·θ_t,  β_t = (ρ + γ_b·t)^(−κ)
 *                 θ̂_t = α_t·(θ_t − θ₀) + μ_t,          α_t = (ρ + γ_b·t)^(−η)
 *                 (Block & Zhang 2025; t counts steps since the snapshot θ₀, which is the iterate at the end of a
 *                 burn-in of τ steps — during the burn-in the snapshot and the averages follow the iterate)
 *
 * Pure arithmetic on Float64Array/Float32Array parameter vectors, updated in place: no tfjs.
 */
import { powReal } from '../../lib/detmath';

/** BEMA's constants: the defaults of the paper's code (SCIENCE-NOTES §5.5). */
export const BEMA_DEFAULTS = { kappa: 0.5, eta: 0.2, rho: 10, gamma: 1 } as const;

/** β_t, the EMA weight of BEMA's average, t steps after the snapshot (t ≥ 1). */
export function bemaBeta(t: number): number {
  return powReal(BEMA_DEFAULTS.rho + BEMA_DEFAULTS.gamma * t, -BEMA_DEFAULTS.kappa);
}

/** α_t, the weight of BEMA's displacement correction α_t(θ_t − θ₀), t steps after the snapshot. */
export function bemaAlpha(t: number): number {
  return powReal(BEMA_DEFAULTS.rho + BEMA_DEFAULTS.gamma * t, -BEMA_DEFAULTS.eta);
}

type Vec = Float64Array | Float32Array;

/** An exponential moving average of a parameter vector, started at the first vector it sees. */
export class Ema {
  readonly value: Float64Array;
  private started = false;
  constructor(
    size: number,
    readonly decay: number,
  ) {
    this.value = new Float64Array(size);
  }
  update(theta: Vec): void {
    const v = this.value;
    if (!this.started) {
      v.set(theta);
      this.started = true;
      return;
    }
    const g = this.decay;
    for (let i = 0; i < v.length; i++) v[i] = g * v[i] + (1 - g) * theta[i];
  }
}

/** A zero-initialised EMA with Adam's debiasing m_t / (1 − γ^t): no pull towards 0 early on, but the same lag. */
export class DebiasedEma {
  private readonly m: Float64Array;
  readonly value: Float64Array;
  private t = 0;
  private decayPow = 1;
  constructor(
    size: number,
    readonly decay: number,
  ) {
    this.m = new Float64Array(size);
    this.value = new Float64Array(size);
  }
  update(theta: Vec): void {
    const g = this.decay;
    this.t++;
    this.decayPow *= g;
    const scale = 1 / (1 - this.decayPow);
    for (let i = 0; i < this.m.length; i++) {
      this.m[i] = g * this.m[i] + (1 - g) * theta[i];
      this.value[i] = this.m[i] * scale;
    }
  }
}

/** The uniform (Polyak–Ruppert / SWA) average of the vectors given to `update`. */
export class UniformAverage {
  readonly value: Float64Array;
  count = 0;
  constructor(size: number) {
    this.value = new Float64Array(size);
  }
  update(theta: Vec): void {
    this.count++;
    const w = 1 / this.count;
    for (let i = 0; i < this.value.length; i++) this.value[i] += w * (theta[i] - this.value[i]);
  }
}

/**
 * BEMA with a burn-in of τ steps: `update(θ_t, t)` for t = 1, 2, …; for t ≤ τ the snapshot and the average are
 * reset to θ_t (so `value` is the iterate itself), afterwards the paper's recursion runs with t − τ.
 */
export class Bema {
  private readonly snapshot: Float64Array;
  private readonly mu: Float64Array;
  readonly value: Float64Array;
  private started = false;
  constructor(
    size: number,
    readonly burnIn: number,
    initial: Vec,
  ) {
    this.snapshot = Float64Array.from(initial);
    this.mu = Float64Array.from(initial);
    this.value = Float64Array.from(initial);
  }
  update(theta: Vec, t: number): void {
    if (t <= this.burnIn || !this.started) {
      if (t <= this.burnIn) {
        this.snapshot.set(theta);
        this.mu.set(theta);
        this.value.set(theta);
        return;
      }
      this.started = true;
    }
    const s = t - this.burnIn;
    const beta = bemaBeta(s);
    const alpha = bemaAlpha(s);
    for (let i = 0; i < this.mu.length; i++) {
      this.mu[i] = (1 - beta) * this.mu[i] + beta * theta[i];
      this.value[i] = alpha * (theta[i] - this.snapshot[i]) + this.mu[i];
    }
  }
}
