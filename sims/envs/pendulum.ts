/**
 * Pendulum — exactly Gymnasium's Pendulum-v1 (SCIENCE.md core kit; the swing-up expert is used by notes §5(b)).
 *
 * Description: a rigid rod of mass m and length l hinged at one end, driven by a torque at the hinge. θ is the
 *   angle from upright (θ = 0 is balanced on top, θ = ±π hangs down), positive counter-clockwise. With at most 2 N·m
 *   the pendulum cannot be lifted directly: it must be swung up, then balanced. Semi-implicit Euler, as Gymnasium:
 *     θ̇' = clip(θ̇ + (3g/(2l)·sin θ + 3/(m·l²)·u)·dt, −8, 8),   θ' = θ + θ̇'·dt,
 *   with u = clip(action, −2, 2). θ is not wrapped in the state (Gymnasium does not either); the observation and
 *   the cost only see it through cos, sin and angle_normalize.
 * Action space: Box(1) in [−2, 2], the torque u (N·m). Out-of-range actions are clipped, as in Gymnasium.
 * Observation space: Box(3): (cos θ, sin θ) ∈ [−1, 1]² (unitless) and θ̇ ∈ [−8, 8] (rad/s).
 * Cost: angle_normalize(θ)² + 0.1·θ̇² + 0.001·u², from the state before the step and the clipped torque (Gymnasium's
 *   reward is its negative). NOT in [0, 1]: it lies in [0, π² + 0.1·8² + 0.001·2²] ≈ [0, 16.27] (`costBounds`).
 * Start state: θ ~ U[−π, π], θ̇ ~ U[−1, 1] (Gymnasium's default reset).
 * Episode end: never terminates; truncated after `horizon` = 200 steps (Gymnasium's TimeLimit).
 * Parameters: g = 10 m/s² (Gymnasium's default; the only physical constant it exposes); horizon H = 200 steps.
 *   m = 1 kg, l = 1 m, dt = 0.05 s, max speed 8 rad/s and max torque 2 N·m are fixed, as in Pendulum-v1.
 */
import type { Rng } from '../../lib/rng';
import { box, type Action, type EnvSpec } from '../core/env';
import { square } from '../../lib/detmath';

// ---------------------------------------------------------------------------------------------------------------
// Constants (Gymnasium Pendulum-v1)
// ---------------------------------------------------------------------------------------------------------------

export const PENDULUM_MASS = 1; // kg
export const PENDULUM_LENGTH = 1; // m
export const PENDULUM_DT = 0.05; // seconds per step
export const PENDULUM_MAX_SPEED = 8; // rad/s, |θ̇| is clipped to this
export const PENDULUM_MAX_TORQUE = 2; // N·m, |u| is clipped to this
export const PENDULUM_G = 10; // m/s², Gymnasium's default gravity

export interface PendulumParams {
  /** g: gravitational acceleration (m/s²). */
  g: number;
  /** H: steps per episode (Gymnasium's TimeLimit is 200). */
  horizon: number;
}

export const pendulumDefaults: PendulumParams = { g: PENDULUM_G, horizon: 200 };

export interface PendulumState {
  /** Angle from upright (rad), unwrapped. */
  theta: number;
  /** Angular velocity (rad/s), in [−8, 8]. */
  thetaDot: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Pure dynamics
// ---------------------------------------------------------------------------------------------------------------

/** Gymnasium's angle_normalize: x mapped to [−π, π), ((x + π) mod 2π) − π with a non-negative modulo. */
export function angleNormalize(x: number): number {
  const twoPi = 2 * Math.PI;
  return ((((x + Math.PI) % twoPi) + twoPi) % twoPi) - Math.PI;
}

/** The torque actually applied: the action's single number clipped to [−2, 2] N·m. */
export function pendulumTorque(action: Action): number {
  const u = typeof action === 'number' ? action : action[0];
  if (typeof u !== 'number' || Number.isNaN(u))
    throw new RangeError(`pendulum: the action must hold one number, got ${String(action)}`);
  return Math.max(-PENDULUM_MAX_TORQUE, Math.min(PENDULUM_MAX_TORQUE, u));
}

/** One Pendulum-v1 step for torque u (already clipped or not: it is clipped here). */
export function pendulumStep(state: PendulumState, u: number, g: number = PENDULUM_G): PendulumState {
  const torque = Math.max(-PENDULUM_MAX_TORQUE, Math.min(PENDULUM_MAX_TORQUE, u));
  const m = PENDULUM_MASS;
  const l = PENDULUM_LENGTH;
  const dt = PENDULUM_DT;
  let thetaDot = state.thetaDot + (((3 * g) / (2 * l)) * Math.sin(state.theta) + (3 / (m * l * l)) * torque) * dt;
  thetaDot = Math.max(-PENDULUM_MAX_SPEED, Math.min(PENDULUM_MAX_SPEED, thetaDot));
  return { theta: state.theta + thetaDot * dt, thetaDot };
}

/** Gymnasium's cost (negative reward): angle_normalize(θ)² + 0.1·θ̇² + 0.001·u², u clipped. */
export function pendulumCost(state: PendulumState, u: number): number {
  const torque = Math.max(-PENDULUM_MAX_TORQUE, Math.min(PENDULUM_MAX_TORQUE, u));
  return square(angleNormalize(state.theta)) + 0.1 * square(state.thetaDot) + 0.001 * square(torque);
}

/** The largest possible per-step cost: π² + 0.1·8² + 0.001·2². */
export const PENDULUM_MAX_COST = square(Math.PI) + 0.1 * square(PENDULUM_MAX_SPEED) + 0.001 * square(PENDULUM_MAX_TORQUE);

/** The observation (cos θ, sin θ, θ̇). */
export function pendulumObservation(state: PendulumState): Float64Array {
  return Float64Array.of(Math.cos(state.theta), Math.sin(state.theta), state.thetaDot);
}

/** The state an observation came from, with θ in (−π, π]: θ = atan2(sin θ, cos θ). */
export function pendulumStateFromObservation(obs: ArrayLike<number>): PendulumState {
  return { theta: Math.atan2(obs[1], obs[0]), thetaDot: obs[2] };
}

/**
 * The linearisation of one step about the upright equilibrium (θ, θ̇, u) = 0, x = (θ, θ̇):
 *   θ̇' ≈ θ̇ + (3g/(2l)·θ + 3/(ml²)·u)·dt,  θ' ≈ θ + θ̇'·dt
 * ⇒ x' ≈ A·x + B·u with A = [[1 + a·dt², dt], [a·dt, 1]], B = [[b·dt²], [b·dt]], a = 3g/(2l), b = 3/(ml²).
 * (Exact for the semi-implicit Euler step when sin θ ≈ θ and no clipping is active.)
 */
export function pendulumLinearisation(g: number = PENDULUM_G): { A: number[][]; B: number[][] } {
  const a = (3 * g) / (2 * PENDULUM_LENGTH);
  const b = 3 / (PENDULUM_MASS * square(PENDULUM_LENGTH));
  const dt = PENDULUM_DT;
  return {
    A: [
      [1 + a * dt * dt, dt],
      [a * dt, 1],
    ],
    B: [[b * dt * dt], [b * dt]],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The environment
// ---------------------------------------------------------------------------------------------------------------

export const pendulumEnv: EnvSpec<PendulumState, PendulumParams> = {
  id: 'pendulum',
  description: "Gymnasium's Pendulum-v1: swing a torque-limited pendulum up and balance it upright.",
  defaults: pendulumDefaults,
  actionSpace: () => box([-PENDULUM_MAX_TORQUE], [PENDULUM_MAX_TORQUE], ['torque u (N·m)']),
  observationSpace: () =>
    box([-1, -1, -PENDULUM_MAX_SPEED], [1, 1, PENDULUM_MAX_SPEED], ['cos θ', 'sin θ', 'angular velocity θ̇ (rad/s)']),
  initial: (rng: Rng) => ({ theta: rng.range(-Math.PI, Math.PI), thetaDot: rng.range(-1, 1) }),
  transition: (state, action, _rng, p) => pendulumStep(state, pendulumTorque(action), p.g),
  observe: (state) => pendulumObservation(state),
  cost: (state, action) => pendulumCost(state, pendulumTorque(action)),
  costBounds: () => [0, PENDULUM_MAX_COST],
  isTerminal: () => false,
  horizon: (p) => p.horizon,
};
