import { describe, expect, it } from 'vitest';
import type { TabularModel } from '../../../../sims/core/env';
import {
  checkTabularModel,
  deterministicPolicy,
  evaluatePolicy,
  valueIteration,
  visitationAt,
} from '../../../../sims/core/tabular';

/**
 * A two-state chain: state 0 is safe, state 1 costs 1 per step. Action 0 "stay", action 1 "switch" (succeeds with
 * probability 0.9). Start in state 0.
 */
const chain: TabularModel = {
  nStates: 2,
  nActions: 2,
  P: [
    [
      [[0, 1]],
      [
        [1, 0.9],
        [0, 0.1],
      ],
    ],
    [
      [[1, 1]],
      [
        [0, 0.9],
        [1, 0.1],
      ],
    ],
  ],
  C: [
    [0, 0.9],
    [1, 0.1],
  ],
  start: Float64Array.of(1, 0),
};

describe('exact policy evaluation', () => {
  it('propagates the state distribution and sums expected costs', () => {
    const alwaysSwitch = deterministicPolicy([1, 1], 2);
    const ev = evaluatePolicy(chain, alwaysSwitch, 3);
    expect(Array.from(visitationAt(ev, 0))).toEqual([1, 0]);
    expect(visitationAt(ev, 1)[1]).toBeCloseTo(0.9, 12);
    // d_2(1) = 0.9·0.1 + 0.1·0.9 = 0.18.
    expect(visitationAt(ev, 2)[1]).toBeCloseTo(0.18, 12);
    // c_t = d_t(0)·0.9 + d_t(1)·0.1.
    expect(ev.costPerStep[0]).toBeCloseTo(0.9, 12);
    expect(ev.costPerStep[1]).toBeCloseTo(0.1 * 0.9 + 0.9 * 0.1, 12);
    expect(ev.J).toBeCloseTo(
      ev.costPerStep.reduce((a, b) => a + b, 0),
      12,
    );
    const occupancyTotal = ev.occupancy.reduce((a, b) => a + b, 0);
    expect(occupancyTotal).toBeCloseTo(1, 12);
  });

  it('accepts time-varying and stochastic policies', () => {
    const perStep = [deterministicPolicy([1, 1], 2), deterministicPolicy([0, 1], 2)];
    const ev = evaluatePolicy(chain, perStep, 2);
    expect(ev.J).toBeCloseTo(0.9 + 0.9 * 0.1, 12);
    const mixed = evaluatePolicy(
      chain,
      [
        [0.5, 0.5],
        [0.5, 0.5],
      ],
      1,
    );
    expect(mixed.J).toBeCloseTo(0.45, 12);
    expect(() => evaluatePolicy(chain, perStep, 3)).toThrow(/2 steps/);
    expect(() =>
      evaluatePolicy(
        chain,
        [
          [0.5, 0.4],
          [1, 0],
        ],
        1,
      ),
    ).toThrow(/sums to/);
  });

  it('checks models', () => {
    expect(checkTabularModel(chain)).toEqual([]);
    const broken: TabularModel = { ...chain, P: [chain.P[0], [[[1, 0.5]], chain.P[1][1]]] };
    expect(checkTabularModel(broken).join()).toMatch(/P\[1\]\[0\] sums to 0.5/);
  });
});

describe('finite-horizon value iteration', () => {
  it('finds the optimal per-step policy and its value', () => {
    const vi = valueIteration(chain, 4);
    // From state 1, switching (0.1 + …) beats staying (1 per step); from state 0, staying costs nothing.
    expect(vi.actions[0]).toEqual([0, 1]);
    expect(vi.values[4]).toEqual([0, 0]);
    expect(vi.values[0][0]).toBe(0);
    // The value of the greedy policy equals V_0 under exact evaluation, from each start state.
    for (const s of [0, 1]) {
      const start = s === 0 ? [1, 0] : [0, 1];
      expect(evaluatePolicy(chain, vi.policy, 4, { start }).J).toBeCloseTo(vi.values[0][s], 12);
    }
    // Last step from state 1: switch (0.1) vs stay (1).
    expect(vi.q[3][1]).toEqual([1, 0.1]);
  });

  it('soft value iteration gives a soft-min policy that hardens as τ → 0', () => {
    const soft = valueIteration(chain, 3, { temperature: 1 });
    const row = soft.policy[0][1];
    expect(row[0] + row[1]).toBeCloseTo(1, 12);
    expect(row[1]).toBeGreaterThan(0.5);
    expect(row[1]).toBeLessThan(1);
    expect(soft.values[0][1]).toBeLessThan(valueIteration(chain, 3).values[0][1]);
    const cold = valueIteration(chain, 3, { temperature: 1e-4 });
    expect(cold.policy[0][1][1]).toBeCloseTo(1, 9);
  });
});
