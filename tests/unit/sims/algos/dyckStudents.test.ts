/**
 * Toy 2B's reference shapes (SCIENCE-NOTES §2(b), "Tests (depth student, τ = 1.5, 4 seeds)"), reproduced with the
 * count-based table students: on one-hot features these are the notes' model classes fitted in closed form.
 */
import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../../lib/rng';
import { exactDyckMetrics, parseTokens, type DyckMetrics } from '../../../../sims/envs/dyck';
import {
  countTeacherLabels,
  fitCountStudent,
  mergeCounts,
  trainBcDyck,
  trainOnPolicyDyck,
} from '../../../../sims/algos/dyckStudents';

const HORIZONS = [16, 32, 64, 128];
const TAU = 1.5;
const SEEDS = [0, 1, 2, 3];

/** Least-squares slope of log y against log H. */
function logLogSlope(m: DyckMetrics): number {
  const xs = HORIZONS.map(Math.log);
  const ys = HORIZONS.map((h) => Math.log(m.expectedInvalid[h]));
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (ys[i] - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

describe('count-based dyck students: fitting', () => {
  it('counts teacher labels per context, including recovery labels off the language', () => {
    // ")(" from the empty prefix: the contexts are depth 0 (teacher: "(") then depth −1 (teacher: "(", recovery).
    const counts = countTeacherLabels('depth', 3, 0, [parseTokens(')(')], 0, makeRng(0));
    expect(counts.open[3]).toBe(1);
    expect(counts.open[2]).toBe(1);
    expect(counts.close.reduce((a, b) => a + b)).toBe(0);
    const student = fitCountStudent(mergeCounts(counts, counts), 1);
    expect(student.probOpen[3]).toBeCloseTo(3 / 4, 12);
    expect(student.probOpen[0]).toBe(0.5); // never seen
  });

  it('is deterministic for a seed', () => {
    const a = trainOnPolicyDyck({ rolloutTau: TAU }, makeRng(3));
    const b = trainOnPolicyDyck({ rolloutTau: TAU }, makeRng(3));
    expect(Array.from(a.student.probOpen)).toEqual(Array.from(b.student.probOpen));
    expect(a.history).toHaveLength(4);
  });
});

describe('Toy 2B reference shapes (τ = 1.5, 4 seeds, exact evaluation)', () => {
  const runs = SEEDS.map((seed) => {
    const rng = makeRng(seed);
    const bc = trainBcDyck({}, rng.stream('bc'));
    const onPolicy = trainOnPolicyDyck({ rolloutTau: TAU }, rng.stream('on-policy'));
    // BC with as many labels as on-policy distillation has in the end (200 + 3 × 200 strings).
    const bcEqualLabels = trainBcDyck({ nStrings: 800 }, rng.stream('bc-equal'));
    return {
      bc: exactDyckMetrics(bc.student, 128, TAU),
      onPolicy: exactDyckMetrics(onPolicy.student, 128, TAU),
      bcEqualLabels: exactDyckMetrics(bcEqualLabels.student, 128, TAU),
    };
  });

  it('BC invalid-count slope ≥ 1.3 (median over seeds)', () => {
    expect(median(runs.map((r) => logLogSlope(r.bc)))).toBeGreaterThanOrEqual(1.3);
    expect(median(runs.map((r) => logLogSlope(r.bcEqualLabels)))).toBeGreaterThanOrEqual(1.3);
  });

  it('on-policy slope in [0.85, 1.15] (median over seeds)', () => {
    const s = median(runs.map((r) => logLogSlope(r.onPolicy)));
    expect(s).toBeGreaterThanOrEqual(0.85);
    expect(s).toBeLessThanOrEqual(1.15);
  });

  it('BC / on-policy invalid count at H = 128 ≥ 5', () => {
    const ratios = runs.map((r) => r.bc.expectedInvalid[128] / r.onPolicy.expectedInvalid[128]);
    expect(median(ratios)).toBeGreaterThanOrEqual(5);
    expect(
      median(runs.map((r) => r.bcEqualLabels.expectedInvalid[128] / r.onPolicy.expectedInvalid[128])),
    ).toBeGreaterThanOrEqual(5);
  });

  it('|P_valid(BC) − P_valid(on-policy)| ≤ 0.1 at every H', () => {
    for (const r of runs) {
      for (const h of HORIZONS) {
        expect(Math.abs(r.bc.pValid[h] - r.onPolicy.pValid[h])).toBeLessThanOrEqual(0.1);
        // With equal label budgets the per-token error is the same, and so is sequence-level validity.
        expect(Math.abs(r.bcEqualLabels.pValid[h] - r.onPolicy.pValid[h])).toBeLessThanOrEqual(0.02);
      }
    }
  });
});

describe('Toy 2B misspecified window students (τ = 1)', () => {
  it('window-2 BC invalid fraction at H = 128 ≥ 0.4, and on-policy distillation does not fix it', () => {
    for (const seed of [0, 1]) {
      const rng = makeRng(seed);
      const bc = trainBcDyck({ kind: 'window', windowK: 2 }, rng.stream('bc'));
      const onPolicy = trainOnPolicyDyck({ kind: 'window', windowK: 2, rolloutTau: 1 }, rng.stream('on-policy'));
      const fracBc = exactDyckMetrics(bc.student, 128, 1).expectedInvalid[128] / 128;
      const fracOnPolicy = exactDyckMetrics(onPolicy.student, 128, 1).expectedInvalid[128] / 128;
      expect(fracBc).toBeGreaterThanOrEqual(0.4);
      expect(fracOnPolicy).toBeGreaterThanOrEqual(0.4);
    }
  });

  it('a longer window (a better model class) lowers the invalid fraction', () => {
    const rng = makeRng(0);
    const frac = (k: number) => {
      const bc = trainBcDyck({ kind: 'window', windowK: k }, rng.stream(`bc-${k}`));
      return exactDyckMetrics(bc.student, 128, 1).expectedInvalid[128] / 128;
    };
    const [f2, f4, f8] = [frac(2), frac(4), frac(8)];
    expect(f4).toBeLessThan(f2);
    expect(f8).toBeLessThan(f4);
  });
});
