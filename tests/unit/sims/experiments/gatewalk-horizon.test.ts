// The pieces behind `gatewalk-horizon`, checked against the reference learner (sims/algos/gatewalkBc.ts): the O(1) sampler of the
// version-space midpoint's error has the distribution of fitting real gates; the typed-array ERM sweep finds the
// same angle as `fitGateAngle`; the affine rule's error matches closed forms and Monte Carlo; the horizon grid.
import { describe, expect, it } from 'vitest';
import { makeRng } from '@/lib/rng';
import { quantile } from '@/lib/stats';
import { fitGateAngle } from '@/sims/algos/gatewalkBc';
import { GATE_PHI_STAR, gateSide, gateStepError, wrapAngle } from '@/sims/envs/gatewalk';
import { sampleGateDataset } from '@/sims/experts/gatewalk';
import {
  affineRuleError,
  doublingHorizons,
  mostAgreeingAngle,
  sampleMidpointError,
} from '@/sims/experiments/gatewalk-horizon';

describe('doublingHorizons', () => {
  it('doubles from the shortest and ends at the longest', () => {
    expect(doublingHorizons(4, 128)).toEqual([4, 8, 16, 32, 64, 128]);
    expect(doublingHorizons(4, 100)).toEqual([4, 8, 16, 32, 64, 100]);
    expect(doublingHorizons(128, 4)).toEqual([4, 8, 16, 32, 64, 128]);
    expect(doublingHorizons(16, 16)).toEqual([16]);
  });
});

describe('sampleMidpointError (order statistics) has the law of fitting real gates', () => {
  for (const N of [1, 2, 5, 40]) {
    it(`N = ${N}: mean and quartiles agree with fitGateAngle on sampled gates`, () => {
      const rng = makeRng(100 + N);
      const draws = 20000;
      const fast = Float64Array.from({ length: draws }, () => N * sampleMidpointError(rng, N));
      const slow = Float64Array.from(
        { length: draws },
        () => N * gateStepError(fitGateAngle(sampleGateDataset(rng, N))),
      );
      for (const q of [0.25, 0.5, 0.75, 0.95]) {
        expect(Math.abs(quantile(fast, q) - quantile(slow, q))).toBeLessThan(
          0.04 * Math.max(0.1, quantile(slow, 0.95)),
        );
      }
      const mean = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / xs.length;
      expect(Math.abs(mean(fast) / mean(slow) - 1)).toBeLessThan(0.03);
    });
  }

  it('N·E[e] approaches 1/2 for large N (the notes: 0.44, 0.48, 0.50 at N = 10, 100, 1000)', () => {
    const rng = makeRng(7);
    for (const [N, target] of [
      [10, 0.44],
      [100, 0.48],
      [1000, 0.5],
      [25600, 0.5],
    ] as const) {
      let s = 0;
      for (let k = 0; k < 40000; k++) s += sampleMidpointError(rng, N);
      expect(Math.abs((N * s) / 40000 - target)).toBeLessThan(0.02);
    }
  });
});

describe('mostAgreeingAngle equals fitGateAngle', () => {
  it('on consistent and on noisy labels, N = 1 … 60', () => {
    const rng = makeRng(3);
    for (let k = 0; k < 600; k++) {
      const N = 1 + (k % 60);
      const flip = [0, 0.05, 0.3][k % 3];
      const u = new Float64Array(N);
      for (let i = 0; i < N; i++) u[i] = (rng.uniform() - 0.5) * Math.PI + (rng.uniform() < flip ? Math.PI : 0);
      // The same constraints as gates: unit vectors at φ* + u_i, all labelled 1.
      const xs = new Float64Array(2 * N);
      for (let i = 0; i < N; i++) {
        xs[2 * i] = Math.cos(GATE_PHI_STAR + u[i]);
        xs[2 * i + 1] = Math.sin(GATE_PHI_STAR + u[i]);
      }
      const reference = fitGateAngle({ xs, labels: new Uint8Array(N).fill(1), count: N }) - GATE_PHI_STAR;
      expect(Math.abs(wrapAngle(mostAgreeingAngle(u, N) - reference))).toBeLessThan(1e-9);
    }
  });
});

describe('affineRuleError', () => {
  it('is |ψ − φ*|/π for a rule through the origin', () => {
    for (const psi of [0.3, 0.5, -1, 2.9, 4]) {
      expect(affineRuleError(2 * Math.cos(psi), 2 * Math.sin(psi), 0)).toBeCloseTo(gateStepError(psi), 10);
    }
  });

  it('is Φ(0) − Φ(−c) for the expert’s direction shifted by c (c = 1: 0.341345)', () => {
    const phi = GATE_PHI_STAR;
    expect(affineRuleError(Math.cos(phi), Math.sin(phi), 1)).toBeCloseTo(0.5 - 0.15865525393145707, 9);
    expect(affineRuleError(3 * Math.cos(phi), 3 * Math.sin(phi), -3)).toBeCloseTo(0.5 - 0.15865525393145707, 9);
    expect(affineRuleError(0, 0, 0)).toBeCloseTo(0.5, 12); // a tie everywhere: always side 0
  });

  it('agrees with Monte Carlo on gates for general rules', () => {
    const rng = makeRng(9);
    const draws = 200000;
    for (const [w1, w2, c] of [
      [0.7, 1.9, -0.4],
      [5, 1, 0.05],
      [-1, 0.2, 0.3],
    ]) {
      let wrong = 0;
      for (let i = 0; i < draws; i++) {
        const x1 = rng.normal();
        const x2 = rng.normal();
        if ((w1 * x1 + w2 * x2 + c > 0 ? 1 : 0) !== gateSide(x1, x2, GATE_PHI_STAR)) wrong++;
      }
      const p = wrong / draws;
      expect(Math.abs(affineRuleError(w1, w2, c) - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / draws) + 1e-4);
    }
  });
});
