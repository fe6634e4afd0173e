import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../../lib/rng';
import { fitLinearPolicy } from '../../../../sims/policies/linear';

describe('twoworlds linear least-squares learner', () => {
  it('recovers the gains from excited data and reports the fit', () => {
    const rng = makeRng(2);
    const n = 400;
    const states = new Float64Array(2 * n);
    const actions = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      states[2 * i] = rng.range(-1, 1);
      states[2 * i + 1] = rng.range(-0.3, 0.3);
      actions[2 * i] = -0.5 * states[2 * i] + 0.01;
      actions[2 * i + 1] = 0.5 * states[2 * i + 1];
    }
    const fit = fitLinearPolicy(states, actions);
    expect(fit.K[0][0]).toBeCloseTo(-0.5, 6);
    expect(fit.K[1][1]).toBeCloseTo(0.5, 6);
    expect(fit.b[0]).toBeCloseTo(0.01, 6);
    expect(fit.betaHat).toBe(fit.K[1][1]);
    expect(fit.policy(Float64Array.of(0.2, 0.1))[1]).toBeCloseTo(0.05, 6);
  });
});
