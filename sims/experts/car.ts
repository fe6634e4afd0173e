/**
 * The car's expert driver: feedback on the track-frame observation (lateral offset e, heading error ψ, curvature κ).
 *
 * In the track frame the car obeys ė = v·sin ψ and ψ̇ = ω − v·κ·cos ψ / (1 − κe). The driver cancels the bend
 * (feedforward v·κ·cos ψ / (1 − κe)) and adds a proportional–derivative correction on the offset:
 *   ω = v·κ·cos ψ / (1 − κe) − k_ψ·ψ − k_e·e,
 * which, linearised, gives ë + k_ψ·ė + v·k_e·e = 0: a damped oscillator with natural frequency √(v·k_e) and damping
 * k_ψ / (2√(v·k_e)). With the defaults (ω_n = 2 rad/s, ζ = 0.9) the car is back near the centre line about 1.5 s after
 * a tremble. The command is clipped to ±maxSteer, as the actuator would.
 */
import type { CarParams } from '../envs/car';

export interface CarExpertGains {
  /** k_e: yaw rate per metre of lateral offset (rad/s per m). */
  lateral: number;
  /** k_ψ: yaw rate per radian of heading error (1/s). */
  heading: number;
}

/** ω_n = 2 rad/s and ζ = 0.9 at v = 3 m/s: k_e = ω_n² / v ≈ 1.33 rad/s per m, k_ψ = 2ζω_n = 3.6 1/s. */
export const carExpertGains: CarExpertGains = { lateral: (2 * 2) / 3, heading: 2 * 0.9 * 2 };

/** The expert's yaw-rate command (rad/s) for an observation [e, ψ, κ(0 m), …]. */
export function carExpertSteer(
  obs: ArrayLike<number>,
  params: Pick<CarParams, 'speed' | 'maxSteer'>,
  gains: CarExpertGains = carExpertGains,
): number {
  const e = obs[0];
  const psi = obs[1];
  const kappa = obs[2];
  // 1 − κe → 0 only at the bend's centre, far outside the track; keep the feedforward finite there.
  const stretch = Math.max(0.2, 1 - kappa * e);
  const omega = (params.speed * kappa * Math.cos(psi)) / stretch - gains.heading * psi - gains.lateral * e;
  return Math.max(-params.maxSteer, Math.min(params.maxSteer, omega));
}

/** The expert as a policy on observations. */
export function carExpertPolicy(
  params: Pick<CarParams, 'speed' | 'maxSteer'>,
  gains: CarExpertGains = carExpertGains,
): (obs: ArrayLike<number>) => number {
  return (obs) => carExpertSteer(obs, params, gains);
}
