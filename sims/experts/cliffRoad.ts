/**
 * The two cliff-road experts (SCIENCE-NOTES-ch7 §7(b) Toy 7D), as per-step action tables actions[t][s] over the
 * five states (0 = fallen, 1 … 4 = lanes):
 *   - racer (suboptimal): heads for the fast lane 1 and stays there, ignoring the gusts that may blow it over the edge;
 *   - careful (optimal): the time-dependent optimum of finite-horizon value iteration on the exact model.
 */
import { valueIteration } from '../core/tabular';
import { CLIFF_N_STATES, FALLEN, KEEP_LANE, TOWARD_CLIFF, cliffRoadModel } from '../envs/cliffRoad';

export type CliffExpert = 'racer' | 'careful';

/** The racer: stay in lane 1 (and when fallen), move toward the cliff from lanes 2–4, at every step. */
export function racerTable(horizon: number): number[][] {
  const row = Array.from({ length: CLIFF_N_STATES }, (_, s) => (s === FALLEN || s === 1 ? KEEP_LANE : TOWARD_CLIFF));
  return Array.from({ length: horizon }, () => [...row]);
}

/** The careful expert: argmin_a Q*_t(s, a) for gust p and horizon H (lowest action index on ties). */
export function carefulTable(gust: number, horizon: number): number[][] {
  return valueIteration(cliffRoadModel(gust), horizon).actions;
}

export function cliffExpertTable(expert: CliffExpert, gust: number, horizon: number): number[][] {
  return expert === 'racer' ? racerTable(horizon) : carefulTable(gust, horizon);
}
