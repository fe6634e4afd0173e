/**
 * The curvy-road expert (SCIENCE-NOTES-ch7 Toy 7E): u* = κ(s) − k·e with k = (a − 0.5)/b, so the lateral error of the
 * closed loop contracts at rate 0.5 whatever the open-loop rate a (a smooth, incrementally input-to-state stable
 * expert). Its gradient ∇u* = (κ'(s), −k) is what TaSIL's derivative labels are: it needs a differentiable expert.
 */
import { ROAD_B, curvature, curvatureSlope, type RoadPolicy } from '../envs/curvyRoad';

/** The contraction rate of the expert's lateral closed loop. */
export const ROAD_EXPERT_RATE = 0.5;

/** The expert's transverse gain k for open-loop rate a: e⁺ = (a − b·k)·e = 0.5·e. */
export function roadExpertGain(a: number): number {
  return (a - ROAD_EXPERT_RATE) / ROAD_B;
}

export function roadExpertAction(s: number, e: number, a: number): number {
  return curvature(s) - roadExpertGain(a) * e;
}

/** ∇u*(s, e) = (κ′(s), −k): the derivatives of u* in s and in e. */
export function roadExpertGradient(s: number, a: number): [number, number] {
  return [curvatureSlope(s), -roadExpertGain(a)];
}

export function roadExpertPolicy(a: number): RoadPolicy {
  return (s, e) => roadExpertAction(s, e, a);
}
