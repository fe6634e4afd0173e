/**
 * The Pendulum-v1 expert: energy-shaping swing-up, then LQR balance near upright.
 *
 * Swing-up. Write a = 3g/(2l) = 15 s⁻² and b = 3/(ml²) = 3 (kg·m²)⁻¹, so θ̈ = a·sin θ + b·u. The energy-like quantity
 *   E = ½θ̇² + a·cos θ
 * is conserved without torque, equals a at rest upright and −a at rest hanging down, and changes as dE/dt = b·u·θ̇.
 * Pushing along the motion when E is too low (u = k·(E_target − E)·sign θ̇, clipped to ±2 N·m) pumps energy in
 * until the pendulum coasts up to the top. The target sits slightly above a (`energyMargin`) so that the discrete
 * dynamics do not stall just short of upright. At rest exactly (θ̇ = 0) the push is positive, so the hanging state
 * is left.
 *
 * Balance. Near upright (|angle_normalize(θ)| < `switchAngle` and |θ̇| < `switchSpeed`) the expert applies
 * u = −K·(θ, θ̇), clipped to ±2, with K the discrete LQR gain of the linearisation about upright
 * (`pendulumLinearisation`) for the stage cost θ² + 0.1·θ̇² + 0.001·u² — the environment's own cost weights —
 * from lib/linalg's Riccati solver.
 *
 * The expert reads only the observation (cos θ, sin θ, θ̇), so it can label any state a learner visits (DAgger).
 * From hanging down it is upright within ~100 steps (5 s) and stays there (unit tests).
 */
import { diag, solveDiscreteRiccati } from '../../lib/linalg';
import type { Policy } from '../core/rollout';
import {
  PENDULUM_G,
  PENDULUM_LENGTH,
  PENDULUM_MAX_TORQUE,
  angleNormalize,
  pendulumLinearisation,
} from '../envs/pendulum';

export interface PendulumExpertConfig {
  /** g used by the model the expert was designed on (m/s²); default Gymnasium's 10. */
  g: number;
  /** LQR state weights on (θ², θ̇²); default the env's cost (1, 0.1). */
  qDiag: readonly [number, number];
  /** LQR torque weight on u²; default the env's cost 0.001. */
  r: number;
  /** k in u = k·(E_target − E)·sign θ̇ (N·m per unit of E); large values make the swing-up bang-bang. */
  energyGain: number;
  /** E_target − a (s⁻²): aim a little above the upright energy so the swing does not stall short of the top. */
  energyMargin: number;
  /** Balance with LQR when |angle_normalize(θ)| is below this (rad)… */
  switchAngle: number;
  /** …and |θ̇| below this (rad/s). */
  switchSpeed: number;
}

export const pendulumExpertDefaults: PendulumExpertConfig = {
  g: PENDULUM_G,
  qDiag: [1, 0.1],
  r: 0.001,
  energyGain: 1,
  energyMargin: 0.5,
  switchAngle: 0.5,
  switchSpeed: 3,
};

/** The LQR gain K = [k_θ, k_θ̇] (u = −K·x) for the upright linearisation and the given weights. */
export function pendulumLqrGain(config: Partial<PendulumExpertConfig> = {}): [number, number] {
  const c = { ...pendulumExpertDefaults, ...config };
  const { A, B } = pendulumLinearisation(c.g);
  const { K } = solveDiscreteRiccati(A, B, diag([...c.qDiag]), [[c.r]]);
  return [K[0][0], K[0][1]];
}

const clipTorque = (u: number) => Math.max(-PENDULUM_MAX_TORQUE, Math.min(PENDULUM_MAX_TORQUE, u));

/**
 * Builds the expert's torque law u(θ, θ̇) (N·m, in [−2, 2]) for a configuration; the LQR gain is solved once here.
 */
export function makePendulumExpert(
  config: Partial<PendulumExpertConfig> = {},
): (theta: number, thetaDot: number) => number {
  const c = { ...pendulumExpertDefaults, ...config };
  const [kTheta, kThetaDot] = pendulumLqrGain(c);
  const a = (3 * c.g) / (2 * PENDULUM_LENGTH);
  const target = a + c.energyMargin;
  return (theta, thetaDot) => {
    const th = angleNormalize(theta);
    if (Math.abs(th) < c.switchAngle && Math.abs(thetaDot) < c.switchSpeed) {
      return clipTorque(-(kTheta * th + kThetaDot * thetaDot));
    }
    const energy = 0.5 * thetaDot * thetaDot + a * Math.cos(th);
    // dE/dt = b·u·θ̇: push along the motion while the energy is short of the target, against it when above.
    return clipTorque(c.energyGain * (target - energy) * (thetaDot >= 0 ? 1 : -1));
  };
}

/** The default expert's torque u(θ, θ̇). */
export const pendulumExpertTorque = makePendulumExpert();

/** The default expert as a rollout policy on Pendulum-v1 observations (cos θ, sin θ, θ̇) → [u]. */
export const pendulumExpertPolicy: Policy = (observation) => {
  const obs = observation as Float64Array;
  return Float64Array.of(pendulumExpertTorque(Math.atan2(obs[1], obs[0]), obs[2]));
};
