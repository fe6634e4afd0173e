/**
 * The Gate-walk expert (SCIENCE-NOTES §1(b) Toy 1A): a*(x) = 1[cos φ*·x₁ + sin φ*·x₂ > 0] with φ* = 0.3 rad — the
 * correct side of every gate, so it never falls (J(π*) = 0). Deterministic and realisable: the learner's half-plane
 * class contains it (φ̂ = φ*). Its demonstrations: gates drawn i.i.d. and labelled by it (`sampleGateDataset`).
 */
import type { Rng } from '../../lib/rng';
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

// ---------------------------------------------------------------------------------------------------------------
// Demonstrations: expert-labelled gates
// ---------------------------------------------------------------------------------------------------------------

export interface GateDataset {
  /** count × 2 gate states, row-major. */
  xs: Float64Array;
  /** The expert's labels a*(x) ∈ {0, 1}. */
  labels: Uint8Array;
  count: number;
}

/**
 * `count` expert-labelled gates x ~ N(0, I₂) (the states an expert trajectory passes are i.i.d.). For n
 * trajectories of H steps draw n·H and read row t·n + i as trajectory i's gate at step t, as
 * `sampleGatewalkErrors` (sims/algos/gatewalkBc.ts) does: step t's n pairs are then rows [t·n, (t + 1)·n).
 */
export function sampleGateDataset(rng: Rng, count: number, phiStar: number = GATE_PHI_STAR): GateDataset {
  const xs = new Float64Array(2 * count);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    xs[2 * i] = rng.normal();
    xs[2 * i + 1] = rng.normal();
    labels[i] = gateSide(xs[2 * i], xs[2 * i + 1], phiStar);
  }
  return { xs, labels, count };
}
