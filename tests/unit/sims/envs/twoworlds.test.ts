import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../../lib/rng';
import { checkEnv } from '../../../../sims/core/checkEnv';
import { contains, makeEnv } from '../../../../sims/core/env';
import {
  estimateBetaHat,
  isStableInBothWorlds,
  linearDeviationCurve,
  linearDeviationMeanSquare,
  linearImitationCostBound,
  pairedRollout,
  sampleProcessNoise,
  stabilityBandHalfWidth,
  stepTwoWorlds,
  twoWorldsEnv,
  worldRate,
  worstWorldRate,
  type TwoWorldsPolicy,
} from '../../../../sims/envs/twoworlds';
import { expertPolicy } from '../../../../sims/experts/twoworlds';

/** A learner that copies the expert on p and extrapolates û_z = β̂·z. */
const linearLearner =
  (betaHat: number, k = 0.5): TwoWorldsPolicy =>
  (x) => [-k * x[0], betaHat * x[1]];

describe('twoworlds dynamics', () => {
  it('follows p′ = a·p + u_p + w_p and z′ = a·z + σ·u_z + w_z', () => {
    expect(stepTwoWorlds(1, 2, 0.5, 0.25, 0.9, -1, 0.01, -0.02)).toEqual([0.9 + 0.5 + 0.01, 1.8 - 0.25 - 0.02]);
    const env = makeEnv(twoWorldsEnv, { noiseStd: 0, sigma: -1 }, 3);
    env.reset({ seed: 3 });
    const { p, z } = env.state;
    expect(z).toBe(0);
    expect(Math.abs(p)).toBeLessThanOrEqual(1);
    const r = env.step([0.1, 0.2]);
    expect(r.observation).toEqual(Float64Array.of(0.9 * p + 0.1, -0.2));
    expect(r.cost).toBeCloseTo(Math.min(1, (0.9 * p + 0.1) ** 2 + 0.04), 12);
    expect(contains(twoWorldsEnv.observationSpace(env.params), r.observation)).toBe(true);
  });

  it('passes checkEnv in both worlds and in the unstable setting', () => {
    expect(checkEnv(twoWorldsEnv, { sigma: -1 })).toEqual([]);
    expect(checkEnv(twoWorldsEnv, { a: 1.05 }, { steps: 60 })).toEqual([]);
  });

  it('is deterministic for a seed, and its noise does not depend on the policy', () => {
    const noises = (seed: number, gain: number) => {
      const env = makeEnv(twoWorldsEnv, { noiseStd: 0.01 }, seed);
      env.reset({ seed });
      const out: number[] = [];
      for (let t = 0; t < 30; t++) {
        const { p, z } = env.state;
        const u = [-gain * p, -gain * z];
        const next = env.step(u).observation as Float64Array;
        out.push(next[0] - (0.9 * p + u[0]), next[1] - (0.9 * z + u[1]));
      }
      return out;
    };
    const a = noises(7, 0.5);
    expect(noises(7, 0.5)).toEqual(a);
    const b = noises(7, 0.1);
    a.forEach((w, i) => expect(b[i]).toBeCloseTo(w, 12));
    expect(noises(8, 0.5)).not.toEqual(a);
  });
});

describe('twoworlds extrapolated gain and stability band', () => {
  it('reads β̂ by finite differences', () => {
    expect(estimateBetaHat(linearLearner(0.3))).toBeCloseTo(0.3, 9);
    // A nonlinear learner: û_z = β(1 + p²)·sin z has ∂/∂z at 0 equal to β(1 + p²), averaged over p ∈ [−½, ½].
    const nonlinear: TwoWorldsPolicy = (x) => [0, 0.2 * (1 + x[0] * x[0]) * Math.sin(x[1])];
    const grid = Array.from({ length: 21 }, (_, i) => -0.5 + i / 20);
    const expected = grid.reduce((s, p) => s + 0.2 * (1 + p * p), 0) / 21;
    expect(estimateBetaHat(nonlinear)).toBeCloseTo(expected, 6);
  });

  it('gives the rates |a + σβ̂|, the worst world a + |β̂|, and the band |β̂| < 1 − a', () => {
    expect(worldRate(0.9, 1, 0.2)).toBeCloseTo(1.1, 12);
    expect(worldRate(0.9, -1, 0.2)).toBeCloseTo(0.7, 12);
    expect(worstWorldRate(0.9, -0.38)).toBeCloseTo(1.28, 12);
    expect(stabilityBandHalfWidth(0.9)).toBeCloseTo(0.1, 12);
    expect(isStableInBothWorlds(0.9, 0.09)).toBe(true);
    expect(isStableInBothWorlds(0.9, -0.11)).toBe(false);
    expect(isStableInBothWorlds(1.05, 0)).toBe(false);
  });
});

describe('twoworlds closed forms against simulation', () => {
  it('matches the deviation exactly without noise', () => {
    const c = { a: 0.9, sigma: 1, betaHat: 0.3, k: 0.5, noiseStd: 0, z0: 0.01 };
    const r = pairedRollout(linearLearner(0.3), expertPolicy(1), [0.4, 0.01], new Float64Array(2 * 20), 0.9, 1);
    for (const t of [1, 5, 20]) {
      expect(r.sqDeviation[t]).toBeCloseTo(linearDeviationMeanSquare(t, c), 12);
      expect(Math.sqrt(r.sqDeviation[t])).toBeCloseTo((1.2 ** t - 0.4 ** t) * 0.01, 12);
    }
  });

  it('matches the mean-square deviation under shared noise, in the growing and the shrinking world', () => {
    const H = 30;
    const M = 3000;
    const rng = makeRng(1);
    for (const sigma of [1, -1]) {
      const cfg = { a: 0.9, sigma, betaHat: 0.3, k: 0.5, noiseStd: 1e-3 };
      const sum = new Float64Array(H + 1);
      let J = 0;
      for (let m = 0; m < M; m++) {
        const noise = sampleProcessNoise(H, 1e-3, rng);
        const r = pairedRollout(linearLearner(0.3), expertPolicy(sigma), [rng.range(-1, 1), 0], noise, 0.9, sigma);
        for (let t = 0; t <= H; t++) sum[t] += r.sqDeviation[t] / M;
        J += r.imitationCost / M;
      }
      for (const t of [5, 15, 30]) {
        const exact = linearDeviationMeanSquare(t, cfg);
        // e_t is Gaussian, so the sample mean of e² has relative standard error √(2/M) ≈ 2.6 %.
        expect(Math.abs(sum[t] / exact - 1)).toBeLessThan(0.12);
      }
      expect(J).toBeLessThanOrEqual(linearImitationCostBound(H, cfg) * 1.05);
    }
  });

  it('grows like (a + |β̂|)^t in the worse world', () => {
    const curve = linearDeviationCurve(80, { a: 0.9, sigma: 1, betaHat: 0.3, k: 0.5, noiseStd: 1e-3 });
    expect(curve[80] / curve[79]).toBeCloseTo(1.2, 3);
    const stable = linearDeviationCurve(80, { a: 0.9, sigma: -1, betaHat: 0.3, k: 0.5, noiseStd: 1e-3 });
    expect(stable[80]).toBeLessThan(3e-3);
    // An exponentially growing error saturates the capped imitation cost: most of the 100 steps cost 1.
    expect(linearImitationCostBound(100, { a: 0.9, sigma: 1, betaHat: 0.3, k: 0.5, noiseStd: 1e-3 })).toBeGreaterThan(
      50,
    );
  });
});
