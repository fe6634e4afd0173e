import { describe, expect, it } from 'vitest';
import { rollout } from '../../../../sims/core/rollout';
import { valueIteration } from '../../../../sims/core/tabular';
import { LANE_OFFSETS, LEFT, RIGHT, STAY, laneEnv, laneModel } from '../../../../sims/envs/lane';
import { laneExpertAction, laneExpertPolicy, laneExpertTable } from '../../../../sims/experts/lane';

describe('LaneKeep expert', () => {
  it('is −sign(y)', () => {
    expect(laneExpertAction(3)).toBe(LEFT);
    expect(laneExpertAction(-1)).toBe(RIGHT);
    expect(laneExpertAction(0)).toBe(STAY);
    expect(laneExpertTable()).toEqual(LANE_OFFSETS.map((y) => (y > 0 ? LEFT : y < 0 ? RIGHT : STAY)));
  });

  it('is what finite-horizon value iteration returns, with and without tremble', () => {
    const H = 30;
    for (const eps of [0, 0.02, 0.1, 0.5]) {
      const vi = valueIteration(laneModel(eps), H);
      // With ≥ 7 steps left every state can still get back to the centre, so the optimal action is unique.
      for (let t = 0; t <= H - 7; t++) expect(vi.actions[t]).toEqual(laneExpertTable());
      // Its value from y = 0 is the exact cost of the expert under the tremble.
      expect(vi.values[0][6]).toBeGreaterThanOrEqual(0);
      if (eps === 0) expect(vi.values[0][6]).toBe(0);
    }
  });

  it('keeps the car centred without tremble, and reads both encodings', () => {
    for (const encoding of ['scalar', 'onehot'] as const) {
      const tr = rollout(laneEnv, laneExpertPolicy, { rng: 1, params: { epsilon: 0, encoding }, horizon: 50 });
      expect(tr.costs.every((c) => c === 0)).toBe(true);
    }
    const fromEdge = rollout(laneEnv, laneExpertPolicy, {
      rng: 1,
      params: { epsilon: 0 },
      horizon: 10,
      initialState: { y: -6, trembled: false },
      recordStates: true,
    });
    expect(fromEdge.states?.map((s) => s.y)).toEqual([-6, -5, -4, -3, -2, -1, 0, 0, 0, 0, 0]);
  });
});
