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
 * per-step errors e_t in closed form (`sparseRegret`, `denseRegret` below): sparse 1 − Π_t (1 − e_t), dense
 * Σ_t [1 − Π_{s≤t} (1 − e_s)]. The expert's datasets are in sims/experts/gatewalk.ts; the learner (the ERM
 * half-plane) and the regret of behaviour cloning with a shared or per-step policy class are in
 * sims/algos/gatewalkBc.ts.
 */
import { type Action, type EnvSpec } from '../core/env';

// ---------------------------------------------------------------------------------------------------------------
// Constants and types
// ---------------------------------------------------------------------------------------------------------------

/** The expert's gate angle φ* (radians) from the notes. */
export const GATE_PHI_STAR = 0.3;

export type GateReward = 'sparse' | 'dense';

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
// Regret from per-step errors (exact mode: the learner and its datasets live in sims/algos/gatewalkBc.ts)
// ---------------------------------------------------------------------------------------------------------------

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
