/**
 * Small descriptive statistics for curves and bands: mean, standard deviation, quantiles, a seeded bootstrap band
 * for a mean, and least-squares slopes (plain, and of log y on log x, which is how the science tests read "grows
 * like H²" as "slope ≈ 2").
 *
 * Everything takes plain `ArrayLike<number>` inputs and never mutates them. Randomness comes only from the `Rng`
 * passed in, so a band is reproducible from its seed.
 */
import type { Rng } from './rng';

function requireNonEmpty(xs: ArrayLike<number>, what: string): void {
  if (xs.length === 0) throw new RangeError(`${what} of an empty list is undefined`);
}

/** Arithmetic mean. Throws on an empty list. */
export function mean(xs: ArrayLike<number>): number {
  requireNonEmpty(xs, 'mean');
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/**
 * Variance with `ddof` degrees of freedom removed: `ddof = 1` (default) is the unbiased sample variance, `ddof = 0`
 * the population variance. A single value has variance 0 (not NaN) so that one-seed runs still draw.
 */
export function variance(xs: ArrayLike<number>, ddof = 1): number {
  const m = mean(xs);
  if (xs.length - ddof <= 0) return 0;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) * (xs[i] - m);
  return s / (xs.length - ddof);
}

/** Standard deviation; `ddof = 1` (default) for the sample standard deviation, `ddof = 0` for the population one. */
export function std(xs: ArrayLike<number>, ddof = 1): number {
  return Math.sqrt(variance(xs, ddof));
}

/** Standard error of the mean: sample std / √n. */
export function standardError(xs: ArrayLike<number>): number {
  return std(xs, 1) / Math.sqrt(xs.length);
}

/**
 * The q-quantile (q ∈ [0, 1]) by linear interpolation between order statistics — numpy's default ("linear",
 * Hyndman & Fan type 7): position q·(n − 1) in the sorted list.
 */
export function quantile(xs: ArrayLike<number>, q: number): number {
  requireNonEmpty(xs, 'quantile');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q must be in [0, 1], got ${q}`);
  const sorted = Float64Array.from(xs).sort();
  return sortedQuantile(sorted, q);
}

function sortedQuantile(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

/** The median (the 0.5-quantile). */
export function median(xs: ArrayLike<number>): number {
  return quantile(xs, 0.5);
}

export interface Band {
  /** The statistic on the original sample. */
  mean: number;
  /** Lower and upper ends of the band. */
  lo: number;
  hi: number;
}

export interface BootstrapOptions {
  /** Coverage of the band, e.g. 0.95 for the 2.5%–97.5% percentiles. Default 0.95. */
  level?: number;
  /** Number of bootstrap resamples. Default 2000. */
  resamples?: number;
}

/**
 * Percentile-bootstrap confidence band for the mean: resample the values with replacement `resamples` times and
 * take the (1 − level)/2 and (1 + level)/2 quantiles of the resampled means. Seeded by `rng`, so the band is
 * reproducible. With one value the band collapses to that value.
 */
export function bootstrapMeanBand(xs: ArrayLike<number>, rng: Rng, options: BootstrapOptions = {}): Band {
  const { level = 0.95, resamples = 2000 } = options;
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrapMeanBand: level must be in (0, 1), got ${level}`);
  if (!(resamples >= 1)) throw new RangeError(`bootstrapMeanBand: resamples must be ≥ 1, got ${resamples}`);
  const m = mean(xs);
  const n = xs.length;
  if (n === 1) return { mean: m, lo: m, hi: m };
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += xs[rng.int(n)];
    means[b] = s / n;
  }
  means.sort();
  return { mean: m, lo: sortedQuantile(means, (1 - level) / 2), hi: sortedQuantile(means, (1 + level) / 2) };
}

export interface LinearFit {
  slope: number;
  intercept: number;
  /** Coefficient of determination (1 when the points lie on a line; NaN when y is constant). */
  r2: number;
}

/** Ordinary least squares y ≈ intercept + slope·x. Needs ≥ 2 points with distinct x. */
export function linearFit(xs: ArrayLike<number>, ys: ArrayLike<number>): LinearFit {
  if (xs.length !== ys.length) throw new RangeError(`linearFit: ${xs.length} x values but ${ys.length} y values`);
  if (xs.length < 2) throw new RangeError('linearFit needs at least 2 points');
  const mx = mean(xs);
  const my = mean(ys);
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxx += (xs[i] - mx) * (xs[i] - mx);
    sxy += (xs[i] - mx) * (ys[i] - my);
    syy += (ys[i] - my) * (ys[i] - my);
  }
  if (sxx === 0) throw new RangeError('linearFit: all x values are equal, the slope is undefined');
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, r2: syy === 0 ? NaN : (sxy * sxy) / (sxx * syy) };
}

/** Least-squares slope of y on x. */
export function linearSlope(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  return linearFit(xs, ys).slope;
}

/**
 * Least-squares slope of log y on log x: the exponent p in y ∝ x^p. All values must be positive (a zero cost
 * has no logarithm: the caller decides what a zero means).
 */
export function logLogSlope(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  if (xs.length !== ys.length) throw new RangeError(`logLogSlope: ${xs.length} x values but ${ys.length} y values`);
  const lx = new Float64Array(xs.length);
  const ly = new Float64Array(ys.length);
  for (let i = 0; i < xs.length; i++) {
    if (!(xs[i] > 0) || !(ys[i] > 0)) {
      throw new RangeError(`logLogSlope needs positive values, got (${xs[i]}, ${ys[i]}) at index ${i}`);
    }
    lx[i] = Math.log(xs[i]);
    ly[i] = Math.log(ys[i]);
  }
  return linearSlope(lx, ly);
}
