import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../../lib/rng';
import { makeEnv } from '../../../../sims/core/env';
import { estimateCost, rollout, rolloutMany, type Policy } from '../../../../sims/core/rollout';
import { totalCost } from '../../../../sims/core/trajectory';
import { gatewalkEnv } from '../../../../sims/envs/gatewalk';
import { STAY, laneEnv, laneEvaluate, laneConstantTable } from '../../../../sims/envs/lane';
import { pendulumEnv } from '../../../../sims/envs/pendulum';
import { gatewalkExpertPolicy } from '../../../../sims/experts/gatewalk';
import { laneExpertPolicy } from '../../../../sims/experts/lane';

const stay: Policy = () => STAY;

describe('rollout', () => {
  it('records H steps with H + 1 observations and marks truncation', () => {
    const tr = rollout(laneEnv, stay, { rng: 3, horizon: 25 });
    expect(tr.length).toBe(25);
    expect(tr.observations.length).toBe(26);
    expect(tr.truncated).toBe(true);
    expect(tr.terminated).toBe(false);
    expect(tr.actions.every((a) => a === STAY)).toBe(true);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const params = { epsilon: 0.3 };
    const a = rollout(laneEnv, stay, { rng: 1, params, horizon: 60 });
    const b = rollout(laneEnv, stay, { rng: makeRng(1), params, horizon: 60 });
    const c = rollout(laneEnv, stay, { rng: 2, params, horizon: 60 });
    expect(Array.from(a.observations)).toEqual(Array.from(b.observations));
    expect(Array.from(a.observations)).not.toEqual(Array.from(c.observations));
  });

  it('gives two policies the same environment noise (separate streams)', () => {
    // A policy that draws random numbers must not change the trembles the env sees.
    const noisyStay: Policy = (_o, _t, rng) => {
      rng.uniform();
      rng.normal();
      return STAY;
    };
    const params = { epsilon: 0.5 };
    const a = rollout(laneEnv, stay, { rng: 9, params, horizon: 40, recordStates: true });
    const b = rollout(laneEnv, noisyStay, { rng: 9, params, horizon: 40, recordStates: true });
    expect(a.states?.map((s) => s.trembled)).toEqual(b.states?.map((s) => s.trembled));
  });

  it('matches the stateful adapter step for step', () => {
    const tr = rollout(pendulumEnv, () => Float64Array.of(0.7), { rng: 5, horizon: 30 });
    const env = makeEnv(pendulumEnv, { horizon: 30 }, 5);
    env.reset({ seed: 5 });
    for (let t = 0; t < 30; t++) {
      const r = env.step(Float64Array.of(0.7));
      expect(r.cost).toBe(tr.costs[t]);
      expect(Array.from(r.observation as Float64Array)).toEqual(
        Array.from(tr.observations.subarray(3 * (t + 1), 3 * (t + 2))),
      );
      expect(r.truncated).toBe(t === 29);
    }
  });

  it('stops at a terminal state and marks it terminated', () => {
    const wrong: Policy = (obs, t, rng) => 1 - (gatewalkExpertPolicy(obs, t, rng) as number);
    const tr = rollout(gatewalkEnv, wrong, { rng: 0, horizon: 10, recordStates: true });
    expect(tr.length).toBe(1);
    expect(tr.terminated).toBe(true);
    expect(tr.truncated).toBe(false);
    expect(tr.costs[0]).toBe(1);
    expect(tr.states?.[1].fallen).toBe(true);
  });

  it('starts from a given state', () => {
    const tr = rollout(pendulumEnv, () => [0], { rng: 0, horizon: 1, initialState: { theta: Math.PI, thetaDot: 0 } });
    expect(tr.observations[0]).toBeCloseTo(-1, 12);
  });

  it('runs many episodes, each reproducible on its own', () => {
    const params = { epsilon: 0.2 };
    const five = rolloutMany(laneEnv, laneExpertPolicy, 5, { rng: 4, params, horizon: 30 });
    const two = rolloutMany(laneEnv, laneExpertPolicy, 2, { rng: 4, params, horizon: 30 });
    expect(Array.from(five[1].observations)).toEqual(Array.from(two[1].observations));
    expect(Array.from(five[0].observations)).not.toEqual(Array.from(five[1].observations));
  });

  it('estimates J by Monte Carlo consistently with the exact evaluator', () => {
    const params = { epsilon: 0.05 };
    const est = estimateCost(laneEnv, stay, 2000, { rng: 8, params, horizon: 20 });
    const exact = laneEvaluate(laneConstantTable(STAY), { horizon: 20, epsilon: 0.05 }).J;
    expect(est.lo).toBeLessThan(est.mean);
    expect(est.hi).toBeGreaterThan(est.mean);
    expect(Math.abs(est.mean - exact)).toBeLessThan(4 * ((est.hi - est.lo) / 3.92) + 1e-9);
    expect(est.costs.length).toBe(2000);
    expect(est.mean).toBeCloseTo(Array.from(est.costs).reduce((a, b) => a + b, 0) / 2000, 12);
    expect(totalCost(rollout(laneEnv, stay, { rng: 1, params: { epsilon: 0 }, horizon: 20 }))).toBe(0);
  });
});
