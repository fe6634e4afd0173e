// The exact cost-to-go machinery of sims/algos/aggrevate.ts on the cliff road: the performance-difference identity
// holds to rounding for any stationary policy, and the best policy of the class is no worse than any learner.
import { describe, expect, it } from 'vitest';
import {
  behaviorCloneExact,
  bestInClass,
  costToGo,
  evaluateActions,
  runInteractiveExact,
  stateActions,
  type CostToGoConfig,
} from '@/sims/algos/aggrevate';
import { CLIFF_OBSERVATION, FALLEN, KEEP_LANE, cliffRoadModel } from '@/sims/envs/cliffRoad';
import { racerTable } from '@/sims/experts/cliffRoad';

const H = 30;
const model = cliffRoadModel(0.2);
const expert = racerTable(H);

describe('aggrevate (exact)', () => {
  it('J(π) − J(π*) = Σ_t E_{d^π_t}[Q*_t(s, π(s)) − V*_t(s)] (performance difference)', () => {
    const QE = costToGo(model, expert, H);
    const JE = evaluateActions(model, expert, H).J;
    for (const policy of [
      [1, 2, 2, 1, 0],
      [1, 1, 0, 0, 0],
      [1, 0, 1, 2, 0],
    ]) {
      const { J, visitation } = evaluateActions(model, policy, H);
      let sum = 0;
      for (let t = 0; t < H; t++)
        for (let s = 0; s < model.nStates; s++)
          sum += visitation[t * model.nStates + s] * (QE[t][s][policy[s]] - QE[t][s][expert[t][s]]);
      expect(J - JE).toBeCloseTo(sum, 10);
    }
  });

  it('Q^π_0 at the start state under π is J(π)', () => {
    const policy = [1, 2, 1, 0, 0];
    const perStep = Array.from({ length: H }, () => policy);
    expect(costToGo(model, perStep, H)[0][3][policy[3]]).toBeCloseTo(evaluateActions(model, policy, H).J, 10);
  });

  it('the best policy of the class is no worse than what BC, DAgger, AggreVaTe or API return', () => {
    for (const sensor of ['full', 'coarse'] as const) {
      const observation = CLIFF_OBSERVATION[sensor];
      const cfg: CostToGoConfig = {
        model,
        expert,
        observation,
        horizon: H,
        iterations: 4,
        defaultAction: KEEP_LANE,
        ignoredObservations: [observation[FALLEN]],
      };
      const best = bestInClass(cfg);
      expect(evaluateActions(model, stateActions(best.policy, observation), H).J).toBeCloseTo(best.J, 12);
      expect(best.J).toBeLessThanOrEqual(behaviorCloneExact(cfg).J + 1e-12);
      for (const method of ['dagger', 'aggrevate', 'api'] as const)
        for (const it of runInteractiveExact(method, cfg).iterates) expect(best.J).toBeLessThanOrEqual(it.J + 1e-12);
    }
  });
});
