import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../lib/rng';
import {
  bootstrapMeanBand,
  linearFit,
  linearSlope,
  logLogSlope,
  mean,
  median,
  quantile,
  standardError,
  std,
  variance,
} from '../../../lib/stats';

describe('descriptive statistics', () => {
  it('computes mean, variance and std', () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(xs)).toBe(5);
    expect(variance(xs, 0)).toBe(4);
    expect(std(xs, 0)).toBe(2);
    expect(variance(xs)).toBeCloseTo(32 / 7, 12);
    expect(std([3])).toBe(0);
    expect(standardError(xs)).toBeCloseTo(Math.sqrt(32 / 7 / 8), 12);
    expect(() => mean([])).toThrow(/empty/);
  });

  it('computes quantiles like numpy (linear interpolation)', () => {
    const xs = [10, 1, 7, 3];
    expect(median(xs)).toBe(5);
    expect(quantile(xs, 0)).toBe(1);
    expect(quantile(xs, 1)).toBe(10);
    expect(quantile(xs, 0.25)).toBeCloseTo(2.5, 12); // numpy.quantile([1,3,7,10], 0.25) = 2.5
    expect(median([5, 1, 3])).toBe(3);
    expect(xs).toEqual([10, 1, 7, 3]); // input untouched
  });
});

describe('slopes', () => {
  it('finds slope 2 for y = x² on log-log axes', () => {
    const xs = [10, 20, 40, 80];
    expect(
      logLogSlope(
        xs,
        xs.map((x) => x * x),
      ),
    ).toBeCloseTo(2, 12);
    expect(
      logLogSlope(
        xs,
        xs.map((x) => 0.3 * x),
      ),
    ).toBeCloseTo(1, 12);
  });

  it('fits a straight line', () => {
    const fit = linearFit([0, 1, 2, 3], [1, 3, 5, 7]);
    expect(fit.slope).toBeCloseTo(2, 12);
    expect(fit.intercept).toBeCloseTo(1, 12);
    expect(fit.r2).toBeCloseTo(1, 12);
    expect(linearSlope([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
  });

  it('refuses non-positive values on log axes and degenerate fits', () => {
    expect(() => logLogSlope([1, 2], [0, 1])).toThrow(/positive/);
    expect(() => linearSlope([1, 1], [1, 2])).toThrow(/equal/);
    expect(() => linearSlope([1, 2], [1])).toThrow();
  });
});

describe('bootstrapMeanBand', () => {
  it('contains the sample mean, is reproducible from its seed and shrinks with n', () => {
    const rng = makeRng(1);
    const small = Array.from({ length: 20 }, () => rng.normal());
    const large = Array.from({ length: 2000 }, () => rng.normal());
    const a = bootstrapMeanBand(small, makeRng(2).stream('bootstrap'));
    const b = bootstrapMeanBand(small, makeRng(2).stream('bootstrap'));
    expect(a).toEqual(b);
    expect(a.lo).toBeLessThan(a.mean);
    expect(a.hi).toBeGreaterThan(a.mean);
    expect(a.mean).toBeCloseTo(mean(small), 12);
    // Roughly ±1.96 standard errors.
    const half = (a.hi - a.lo) / 2;
    expect(half / (1.96 * standardError(small))).toBeGreaterThan(0.75);
    expect(half / (1.96 * standardError(small))).toBeLessThan(1.25);
    const c = bootstrapMeanBand(large, makeRng(3), { resamples: 500 });
    expect(c.hi - c.lo).toBeLessThan((a.hi - a.lo) / 4);
    expect(c.lo).toBeLessThan(c.mean);
    expect(c.hi).toBeGreaterThan(c.mean);
  });

  it('covers the true mean about 95% of the time', () => {
    const rng = makeRng(4);
    let covered = 0;
    const trials = 200;
    for (let k = 0; k < trials; k++) {
      const xs = Array.from({ length: 30 }, () => rng.range(0, 1));
      const band = bootstrapMeanBand(xs, rng, { resamples: 400 });
      if (band.lo <= 0.5 && 0.5 <= band.hi) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.88);
    expect(covered / trials).toBeLessThan(0.99);
  });

  it('collapses to the value for a single sample', () => {
    expect(bootstrapMeanBand([3], makeRng(0))).toEqual({ mean: 3, lo: 3, hi: 3 });
  });
});
