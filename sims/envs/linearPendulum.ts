/**
 * Linearised inverted pendulum (SCIENCE-NOTES §5(b) Toy 5A): the small-angle model of a pole balanced upright.
 *
 * Description: x = (θ, ω), angle from upright (rad) and angular velocity (rad/s); g/l = 10 s⁻², explicit Euler:
 *     θ' = θ + dt·ω,   ω' = ω + dt·(10·θ + u).
 *   Open loop its eigenvalues are 1.158 (the pole falls) and 0.842.
 * Action space: u ∈ ℝ, an angular acceleration (rad/s²), unbounded (a linear model: no saturation).
 * Observation space: the state (θ, ω) itself.
 * Cost per step: min(θ², 1) — a fallen pole (|θ| ≥ 1 rad) costs 1 per step; the return is minus the sum over the
 *   horizon.
 * Start state: the caller's (the toy uses U[−0.3, 0.3]²).
 * Episode end: never terminates; the caller's horizon truncates.
 * The expert is linear, u = −K·x, with K placing the closed-loop poles at (r, r − 0.01) (`expertGain`).
 * Pure functions; no tfjs, so the page may import this to animate.
 */
export const LP_DT = 0.05; // seconds per step
export const LP_G_OVER_L = 10; // s⁻², gravity over pole length

/** One Euler step of the linearised pendulum: the next (θ, ω). */
export function lpStep(theta: number, omega: number, u: number): [number, number] {
  return [theta + LP_DT * omega, omega + LP_DT * (LP_G_OVER_L * theta + u)];
}

/**
 * The gain K = (k_θ, k_ω) of u = −K·x that places the closed-loop poles at p1 and p2 (real, in (0, 1)). The closed
 * loop [[1, dt], [dt(10 − k_θ), 1 − dt·k_ω]] has trace p1 + p2 and determinant p1·p2.
 */
export function expertGain(p1: number, p2: number): [number, number] {
  const kOmega = (2 - p1 - p2) / LP_DT;
  const kTheta = LP_G_OVER_L + (p1 * p2 - 1 + LP_DT * kOmega) / (LP_DT * LP_DT);
  return [kTheta, kOmega];
}

/** The spectral radius of the closed loop x' = (A − B·K)x for a linear feedback gain K (2×2, closed form). */
export function closedLoopRadius(kTheta: number, kOmega: number): number {
  const a = 1;
  const b = LP_DT;
  const c = LP_DT * (LP_G_OVER_L - kTheta);
  const d = 1 - LP_DT * kOmega;
  const tr = a + d;
  const det = a * d - b * c;
  const disc = (tr * tr) / 4 - det;
  if (disc >= 0) {
    const s = Math.sqrt(disc);
    return Math.max(Math.abs(tr / 2 + s), Math.abs(tr / 2 - s));
  }
  return Math.sqrt(Math.max(det, 0)); // complex pair: |λ|² = det
}
