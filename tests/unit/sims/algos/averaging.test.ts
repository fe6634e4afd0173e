// The iterate averages of sims/algos/averaging.ts: EMA, debiased EMA, uniform average and BEMA on hand-checkable
// inputs, and the determinism of the two averaging experiments (same seed → the same numbers).
import { describe, expect, it } from 'vitest';
import { Bema, DebiasedEma, Ema, UniformAverage, bemaAlpha, bemaBeta } from '@/sims/algos/averaging';
import { closedLoopRadius, expertGain } from '@/sims/envs/linearPendulum';
import { learnedGain, policyAction, N_PARAMS } from '@/sims/experiments/gva-pendulum';
import { runExperiment } from '@/sims/experiments/run';

const v = (...xs: number[]) => Float64Array.from(xs);

describe('averages', () => {
  it('EMA starts at its first vector and then mixes with weight 1 − γ', () => {
    const e = new Ema(1, 0.9);
    e.update(v(10));
    e.update(v(0));
    expect(e.value[0]).toBeCloseTo(9, 12);
  });

  it('debiased EMA of a constant is that constant from the first step', () => {
    const e = new DebiasedEma(1, 0.999);
    for (let t = 0; t < 5; t++) {
      e.update(v(3));
      expect(e.value[0]).toBeCloseTo(3, 12);
    }
  });

  it('the uniform average is the mean', () => {
    const u = new UniformAverage(1);
    for (const x of [1, 2, 3, 6]) u.update(v(x));
    expect(u.value[0]).toBeCloseTo(3, 12);
  });

  it('BEMA follows the iterate during burn-in and then adds α_t(θ_t − θ₀) to its average', () => {
    const b = new Bema(1, 2, v(0));
    b.update(v(5), 1);
    b.update(v(7), 2);
    expect(b.value[0]).toBe(7); // burn-in: the iterate itself, snapshot θ₀ = 7
    b.update(v(9), 3);
    const beta = bemaBeta(1);
    const mu = (1 - beta) * 7 + beta * 9;
    expect(b.value[0]).toBeCloseTo(mu + bemaAlpha(1) * (9 - 7), 12);
    expect(bemaAlpha(4000)).toBeCloseTo(0.19, 2); // the notes: α_t ≈ 0.19 at t = 4000
  });
});

describe('the linearised pendulum and its learner', () => {
  it('the expert gain places the poles where asked (the notes: K = (10.48, 1.40) at 0.97/0.96)', () => {
    const [k1, k2] = expertGain(0.97, 0.96);
    expect(k1).toBeCloseTo(10.48, 2);
    expect(k2).toBeCloseTo(1.4, 2);
    expect(closedLoopRadius(k1, k2)).toBeCloseTo(0.97, 6);
    expect(closedLoopRadius(0, 0)).toBeCloseTo(1.158, 3); // open loop
  });

  it('the learned gain is minus the Jacobian of the network at 0 (finite differences agree)', () => {
    const p = new Float64Array(N_PARAMS);
    for (let i = 0; i < N_PARAMS; i++) p[i] = Math.sin(1.7 * i + 0.3) * 0.8;
    const [k1, k2] = learnedGain(p);
    const d = 1e-6;
    expect(-(policyAction(p, d, 0) - policyAction(p, -d, 0)) / (2 * d)).toBeCloseTo(k1, 6);
    expect(-(policyAction(p, 0, d) - policyAction(p, 0, -d)) / (2 * d)).toBeCloseTo(k2, 6);
  });
});

describe('determinism', () => {
  it('gva-pendulum: same seed → same numbers; another seed → others', async () => {
    const params = { trainSteps: 500, horizon: 100 };
    const a = await runExperiment('gva-pendulum', params, { seed: 3 });
    const b = await runExperiment('gva-pendulum', params, { seed: 3 });
    const c = await runExperiment('gva-pendulum', params, { seed: 4 });
    expect(b.metrics).toEqual(a.metrics);
    expect(Array.from(b.trajectories['anim/raw'].data)).toEqual(Array.from(a.trajectories['anim/raw'].data));
    expect(c.metrics['return/raw/mean']).not.toBe(a.metrics['return/raw/mean']);
  });

  it('averaging-quadratic: same seed → same numbers', async () => {
    const a = await runExperiment('averaging-quadratic', { runs: 100 }, { seed: 3 });
    const b = await runExperiment('averaging-quadratic', { runs: 100 }, { seed: 3 });
    expect(b.series).toEqual(a.series);
  });
});
