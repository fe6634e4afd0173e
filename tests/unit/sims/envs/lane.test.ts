import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../../lib/rng';
import { logLogSlope } from '../../../../lib/stats';
import { checkEnv } from '../../../../sims/core/checkEnv';
import { checkTabularModel, visitationAt } from '../../../../sims/core/tabular';
import {
  LANE_N_STATES,
  LEFT,
  RIGHT,
  STAY,
  laneConstantTable,
  laneEnv,
  laneEvaluate,
  laneExecutionProbs,
  laneModel,
  laneObservation,
  laneOffsetFromObservation,
  laneStateIndex,
  laneTableFromPolicy,
} from '../../../../sims/envs/lane';
import { laneExpertTable } from '../../../../sims/experts/lane';

const BC = laneConstantTable(STAY); // what BC learns from clean demonstrations: "stay" everywhere
const DAGGER = laneExpertTable(); // what DAgger / DART converge to: the expert's table, run with the tremble

describe('LaneKeep dynamics', () => {
  it('passes the conformance check in both encodings and without tremble', () => {
    expect(checkEnv(laneEnv)).toEqual([]);
    expect(checkEnv(laneEnv, { encoding: 'onehot', epsilon: 0.1 })).toEqual([]);
    expect(checkEnv(laneEnv, { epsilon: 0 }, { stochastic: false })).toEqual([]);
  });

  it('starts at y = 0, moves by the action and is clipped at the walls', () => {
    const rng = makeRng(0);
    const p = { ...laneEnv.defaults, epsilon: 0 };
    expect(laneEnv.initial(rng, p).y).toBe(0);
    expect(laneEnv.transition({ y: 3, trembled: false }, LEFT, rng, p).y).toBe(2);
    expect(laneEnv.transition({ y: 6, trembled: false }, RIGHT, rng, p).y).toBe(6);
    expect(laneEnv.transition({ y: -6, trembled: false }, LEFT, rng, p).y).toBe(-6);
    expect(laneEnv.cost({ y: 0, trembled: false }, RIGHT, { y: 1, trembled: false }, p)).toBe(1);
    expect(laneEnv.cost({ y: 1, trembled: false }, LEFT, { y: 0, trembled: false }, p)).toBe(0);
    expect(() => laneEnv.transition({ y: 0, trembled: false }, 3, rng, p)).toThrow(/left.*stay.*right/);
  });

  it('encodes y as y/6 or one-hot and decodes both', () => {
    expect(Array.from(laneObservation(-3))).toEqual([-0.5]);
    const hot = laneObservation(2, 'onehot');
    expect(hot.length).toBe(13);
    expect(hot[laneStateIndex(2)]).toBe(1);
    for (let y = -6; y <= 6; y++) {
      expect(laneOffsetFromObservation(laneObservation(y))).toBe(y);
      expect(laneOffsetFromObservation(laneObservation(y, 'onehot'))).toBe(y);
    }
    expect(laneTableFromPolicy((obs) => (obs[0] > 0 ? LEFT : STAY))).toEqual([1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
  });

  it('trembles: the executed action is uniform with probability ε', () => {
    laneExecutionProbs(STAY, 0.3).forEach((prob, i) => expect(prob).toBeCloseTo([0.1, 0.8, 0.1][i], 12));
    const rng = makeRng(1);
    const p = { ...laneEnv.defaults, epsilon: 0.3 };
    const counts = [0, 0, 0];
    const n = 30_000;
    for (let i = 0; i < n; i++) counts[laneEnv.transition({ y: 0, trembled: false }, STAY, rng, p).y + 1]++;
    expect(Math.abs(counts[0] / n - 0.1)).toBeLessThan(0.01);
    expect(Math.abs(counts[1] / n - 0.8)).toBeLessThan(0.01);
    expect(Math.abs(counts[2] / n - 0.1)).toBeLessThan(0.01);
  });
});

describe('LaneKeep tabular model', () => {
  it('is a valid MDP for every ε and agrees with the sampled dynamics', () => {
    for (const eps of [0, 0.02, 0.5, 1]) expect(checkTabularModel(laneModel(eps))).toEqual([]);
    const eps = 0.3;
    const model = laneModel(eps);
    const rng = makeRng(2);
    const p = { ...laneEnv.defaults, epsilon: eps };
    for (const [y, a] of [
      [6, RIGHT],
      [6, LEFT],
      [-5, LEFT],
      [0, STAY],
    ]) {
      const counts = new Array<number>(LANE_N_STATES).fill(0);
      const n = 20_000;
      for (let i = 0; i < n; i++) counts[laneStateIndex(laneEnv.transition({ y, trembled: false }, a, rng, p).y)]++;
      const probs = new Array<number>(LANE_N_STATES).fill(0);
      for (const [next, prob] of model.P[laneStateIndex(y)][a]) probs[next] = prob;
      counts.forEach((c, s) => expect(Math.abs(c / n - probs[s])).toBeLessThan(0.012));
    }
    // At the right wall, intending "right" stays put unless the hand trembles to "left".
    const wall = model.P[laneStateIndex(6)][RIGHT];
    expect(wall.map(([next]) => next)).toEqual([laneStateIndex(5), laneStateIndex(6)]);
    expect(wall[0][1]).toBeCloseTo(eps / 3, 12);
    expect(wall[1][1]).toBeCloseTo(1 - eps / 3, 12);
    expect(model.C[laneStateIndex(1)][LEFT]).toBeCloseTo(eps / 3 + eps / 3, 12); // trembles to stay or right
  });

  it('has zero cost for the expert (and for "stay") from y = 0 without tremble', () => {
    for (const H of [1, 10, 200]) {
      expect(laneEvaluate(DAGGER, { horizon: H, epsilon: 0 }).J).toBe(0);
      expect(laneEvaluate(BC, { horizon: H, epsilon: 0 }).J).toBe(0);
    }
    const ev = laneEvaluate(DAGGER, { horizon: 5, epsilon: 0 });
    expect(visitationAt(ev, 5)[laneStateIndex(0)]).toBe(1);
  });

  it('keeps the visitation a distribution and J the sum of the per-step costs', () => {
    const ev = laneEvaluate(BC, { horizon: 50, epsilon: 0.1 });
    for (let t = 0; t <= 50; t++) expect(visitationAt(ev, t).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(ev.J).toBeCloseTo(
      ev.costPerStep.reduce((a, b) => a + b, 0),
      12,
    );
    // Cost at step t is P(y_{t+1} ≠ 0).
    expect(ev.costPerStep[3]).toBeCloseTo(1 - visitationAt(ev, 4)[laneStateIndex(0)], 12);
    // BC spreads, the expert stays near the centre.
    const expert = laneEvaluate(DAGGER, { horizon: 50, epsilon: 0.1 });
    expect(visitationAt(expert, 50)[laneStateIndex(0)]).toBeGreaterThan(0.9);
    expect(visitationAt(ev, 50)[laneStateIndex(0)]).toBeLessThan(0.4);
  });

  it('follows the closed forms for small εH: BC ≈ εH²/3, expert ≈ (2ε/3)H', () => {
    const eps = 0.001;
    const H = 20;
    expect(laneEvaluate(BC, { horizon: H, epsilon: eps }).J / ((2 * eps) / 3) / ((H * (H + 1)) / 2)).toBeCloseTo(1, 1);
    expect(laneEvaluate(DAGGER, { horizon: H, epsilon: eps }).J / (((2 * eps) / 3) * H)).toBeCloseTo(1, 2);
  });

  it('accepts stochastic and per-step policy tables', () => {
    const stochastic = Array.from({ length: LANE_N_STATES }, () => [0, 1, 0]);
    expect(laneEvaluate(stochastic, { horizon: 30, epsilon: 0.05 }).J).toBeCloseTo(
      laneEvaluate(BC, { horizon: 30, epsilon: 0.05 }).J,
      12,
    );
    const perStep = Array.from({ length: 30 }, () => stochastic);
    expect(laneEvaluate(perStep, { horizon: 30, epsilon: 0.05 }).J).toBeCloseTo(
      laneEvaluate(BC, { horizon: 30, epsilon: 0.05 }).J,
      12,
    );
  });
});

describe('Toy 2A EXACT reference numbers (SCIENCE-NOTES §2(b))', () => {
  const Hs = [10, 20, 40, 80, 160];
  // Notes table: "BC" is the stay policy; "DAgger = expert" is the expert under the learner's tremble.
  const reference: Record<string, { bc: number[]; dagger: number[] }> = {
    '0.01': { bc: [0.356, 1.316, 4.825, 16.95, 54.8], dagger: [0.067, 0.134, 0.268, 0.535, 1.07] },
    '0.02': { bc: [0.691, 2.478, 8.6, 27.61, 79.02], dagger: [0.134, 0.268, 0.537, 1.074, 2.147] },
    '0.05': { bc: [1.587, 5.243, 16.0, 43.59, 106.8], dagger: [0.338, 0.677, 1.355, 2.711, 5.423] },
  };

  it.each(Object.keys(reference))('matches the table at ε = %s to the printed precision', (epsKey) => {
    const epsilon = Number(epsKey);
    Hs.forEach((H, i) => {
      const bc = laneEvaluate(BC, { horizon: H, epsilon }).J;
      const dagger = laneEvaluate(DAGGER, { horizon: H, epsilon }).J;
      // The notes print 3–4 significant figures: allow half a unit in the last printed place (plus float slack).
      const tol = (ref: number) => 0.5 * 10 ** (Math.floor(Math.log10(ref)) - 3) + 5e-4;
      expect(Math.abs(bc - reference[epsKey].bc[i])).toBeLessThan(tol(reference[epsKey].bc[i]));
      expect(Math.abs(dagger - reference[epsKey].dagger[i])).toBeLessThan(tol(reference[epsKey].dagger[i]));
    });
  });

  it('gives the lane-horizon shapes at ε = 0.02 (slopes and the H = 80 ratio)', () => {
    const epsilon = 0.02;
    const short = [10, 20, 40];
    const bc = short.map((H) => laneEvaluate(BC, { horizon: H, epsilon }).J);
    const dagger = short.map((H) => laneEvaluate(DAGGER, { horizon: H, epsilon }).J);
    expect(logLogSlope(short, bc)).toBeCloseTo(1.82, 2); // notes: 1.82, test band [1.6, 2.05]
    expect(logLogSlope(short, dagger)).toBeCloseTo(1.0, 2); // notes: 1.00, test band [0.85, 1.15]
    const ratio = laneEvaluate(BC, { horizon: 80, epsilon }).J / laneEvaluate(DAGGER, { horizon: 80, epsilon }).J;
    expect(ratio).toBeCloseTo(25.7, 1); // notes: EXACT 25.7, test ≥ 10
  });

  it('gives the bc-lane ratio at H = 64, ε = 0.02 (≥ 5× the expert … and ≫ the clean expert)', () => {
    const bc = laneEvaluate(BC, { horizon: 64, epsilon: 0.02 }).J;
    const expertTrembling = laneEvaluate(DAGGER, { horizon: 64, epsilon: 0.02 }).J;
    expect(bc / expertTrembling).toBeGreaterThan(5);
    expect(laneEvaluate(DAGGER, { horizon: 64, epsilon: 0 }).J).toBe(0);
  });
});
