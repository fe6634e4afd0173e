/**
 * The LaneKeep expert (SCIENCE-NOTES §2(b) Toy 2A): steer back toward the centre, π*(y) = −sign(y) — left when
 * right of centre, right when left of it, stay on the centre line. It is optimal for LaneKeep at every tremble ε
 * (finite-horizon value iteration on `laneModel(ε)` returns it; see the unit tests), and with ε = 0 it never leaves
 * y = 0, so J(π*) = 0.
 */
import type { Policy } from '../core/rollout';
import { LANE_OFFSETS, LEFT, RIGHT, STAY, laneOffsetFromObservation } from '../envs/lane';

/** π*(y) = −sign(y) as an action index (0 left, 1 stay, 2 right). */
export function laneExpertAction(y: number): number {
  return y > 0 ? LEFT : y < 0 ? RIGHT : STAY;
}

/** The expert as a deterministic table over states s = y + 6 (for `laneEvaluate` and for comparing tables). */
export function laneExpertTable(): number[] {
  return LANE_OFFSETS.map(laneExpertAction);
}

/** The expert as a rollout policy: reads y from a lane observation of either encoding. */
export const laneExpertPolicy: Policy = (observation) => laneExpertAction(laneOffsetFromObservation(observation));
