/**
 * The Gate-walk expert (SCIENCE-NOTES §1(b) Toy 1A): a*(x) = 1[cos φ*·x₁ + sin φ*·x₂ > 0] with φ* = 0.3 rad — the
 * correct side of every gate, so it never falls (J(π*) = 0). Deterministic and realisable: the learner's half-plane
 * class contains it (φ̂ = φ*).
 */
import type { Policy } from '../core/rollout';
import { GATE_PHI_STAR, gateSide } from '../envs/gatewalk';

/** The expert's action on gate x. */
export function gatewalkExpertAction(x1: number, x2: number, phiStar: number = GATE_PHI_STAR): number {
  return gateSide(x1, x2, phiStar);
}

/**
 * A half-plane policy on gate observations (x₁, x₂): the expert (φ = φ*), a shared learner (one angle φ̂), or a
 * per-step learner (an array of angles, φ̂_t used at step t).
 */
export function gatewalkHalfPlanePolicy(phi: number | ArrayLike<number> = GATE_PHI_STAR): Policy {
  return (observation, t) => {
    const x = observation as Float64Array;
    const angle = typeof phi === 'number' ? phi : phi[Math.min(t, phi.length - 1)];
    return gateSide(x[0], x[1], angle);
  };
}

/** The expert as a rollout policy. */
export const gatewalkExpertPolicy: Policy = gatewalkHalfPlanePolicy(GATE_PHI_STAR);
