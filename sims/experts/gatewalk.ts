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

/** The expert (or any half-plane learner at angle φ) as a rollout policy on gate observations (x₁, x₂). */
export function gatewalkHalfPlanePolicy(phi: number = GATE_PHI_STAR): Policy {
  return (observation) => {
    const x = observation as Float64Array;
    return gateSide(x[0], x[1], phi);
  };
}

/** The expert as a rollout policy. */
export const gatewalkExpertPolicy: Policy = gatewalkHalfPlanePolicy(GATE_PHI_STAR);
