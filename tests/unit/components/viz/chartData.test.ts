import { describe, expect, it } from 'vitest';
import {
  MAX_POINTS,
  bandKey,
  chartSummary,
  cleanPoints,
  downsample,
  extent,
  heatIntensity,
  heatOpacity,
  HEAT_FLOOR,
  legendLayout,
  mergeRows,
  pointBudget,
  valueKey,
} from '@/components/viz/chartData';
import type { Point } from '@/sims/experiments/types';

const line = (n: number): Point[] => Array.from({ length: n }, (_, i) => ({ x: i, y: 2 * i }));

describe('downsample', () => {
  it('keeps at most MAX_POINTS (2000) points, first and last included', () => {
    for (const n of [2001, 2500, 4001, 10_000, 123_457]) {
      const pts = line(n);
      const out = downsample(pts);
      expect(out.length).toBeLessThanOrEqual(2000);
      expect(out.length).toBe(MAX_POINTS);
      expect(out[0]).toBe(pts[0]);
      expect(out[out.length - 1]).toBe(pts[n - 1]);
    }
  });

  it('spaces the kept points evenly and in order, with no duplicates', () => {
    const out = downsample(line(10_000), 100);
    const xs = out.map((p) => p.x);
    const gaps = xs.slice(1).map((x, i) => x - xs[i]);
    expect(new Set(xs).size).toBe(xs.length);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(102);
  });

  it('returns short inputs untouched (same array)', () => {
    const pts = line(2000);
    expect(downsample(pts)).toBe(pts);
    expect(downsample([])).toEqual([]);
  });

  it('handles tiny budgets', () => {
    expect(downsample(line(10), 1)).toEqual([{ x: 9, y: 18 }]);
    expect(downsample(line(10), 2)).toEqual([
      { x: 0, y: 0 },
      { x: 9, y: 18 },
    ]);
  });
});

describe('pointBudget', () => {
  it('is about one point per pixel for a line, never more than MAX_POINTS, and coarser for bands', () => {
    expect(pointBudget(800)).toEqual({ line: 800, band: 267 });
    expect(pointBudget(5000).line).toBe(MAX_POINTS);
    expect(pointBudget(100).line).toBe(200);
    expect(pointBudget(Number.NaN).line).toBe(1000);
  });
});

describe('cleanPoints', () => {
  it('skips points with non-finite x or y', () => {
    const pts: Point[] = [
      { x: 0, y: 1 },
      { x: 1, y: Number.NaN },
      { x: 2, y: Infinity },
      { x: Number.NaN, y: 3 },
      { x: 4, y: -Infinity },
      { x: 5, y: 5 },
    ];
    expect(cleanPoints(pts)).toEqual([
      { x: 0, y: 1 },
      { x: 5, y: 5 },
    ]);
  });

  it('drops non-positive values on log axes only', () => {
    const pts: Point[] = [
      { x: -1, y: 1 },
      { x: 0, y: 1 },
      { x: 1, y: 0 },
      { x: 2, y: -3 },
      { x: 3, y: 0.5 },
    ];
    expect(cleanPoints(pts)).toHaveLength(5);
    expect(cleanPoints(pts, { logX: true }).map((p) => p.x)).toEqual([1, 2, 3]);
    expect(cleanPoints(pts, { logY: true }).map((p) => p.x)).toEqual([-1, 0, 3]);
    expect(cleanPoints(pts, { logX: true, logY: true }).map((p) => p.x)).toEqual([3]);
  });

  it('keeps a band only when both ends are usable, and orders them', () => {
    const pts: Point[] = [
      { x: 1, y: 2, lo: 1, hi: 3 },
      { x: 2, y: 2, lo: 3, hi: 1 },
      { x: 3, y: 2, lo: Number.NaN, hi: 3 },
      { x: 4, y: 2, lo: 1 },
      { x: 5, y: 2, lo: 0, hi: 3 },
    ];
    expect(cleanPoints(pts)).toEqual([
      { x: 1, y: 2, lo: 1, hi: 3 },
      { x: 2, y: 2, lo: 1, hi: 3 },
      { x: 3, y: 2 },
      { x: 4, y: 2 },
      { x: 5, y: 2, lo: 0, hi: 3 },
    ]);
    // On a log y axis a band end at 0 cannot be drawn: the point stays, its band goes.
    expect(cleanPoints(pts, { logY: true })[4]).toEqual({ x: 5, y: 2 });
  });
});

describe('mergeRows', () => {
  it('makes one row per distinct x, sorted, with index-based keys', () => {
    const rows = mergeRows([
      {
        points: [
          { x: 2, y: 20 },
          { x: 1, y: 10 },
        ],
        band: false,
      },
      {
        points: [
          { x: 1, y: 11, lo: 9, hi: 12 },
          { x: 3, y: 31, lo: 30, hi: 32 },
        ],
        band: true,
      },
    ]);
    expect(rows).toEqual([
      { x: 1, [valueKey(0)]: 10, [valueKey(1)]: 11, [bandKey(1)]: [9, 12] },
      { x: 2, [valueKey(0)]: 20 },
      { x: 3, [valueKey(1)]: 31, [bandKey(1)]: [30, 32] },
    ]);
  });

  it('leaves bands out when not asked for, and thins them with bandEvery (keeping the last)', () => {
    const pts = Array.from({ length: 10 }, (_, i) => ({ x: i, y: i, lo: i - 1, hi: i + 1 }));
    expect(mergeRows([{ points: pts, band: false }]).some((r) => bandKey(0) in r)).toBe(false);
    const thinned = mergeRows([{ points: pts, band: true, bandEvery: 4 }]);
    expect(thinned.filter((r) => bandKey(0) in r).map((r) => r.x)).toEqual([0, 4, 8, 9]);
    expect(thinned).toHaveLength(10);
  });
});

describe('extent', () => {
  it('spans x, or y including band ends', () => {
    const series = [
      {
        points: [
          { x: 1, y: 5, lo: 4, hi: 7 },
          { x: 3, y: 2 },
        ],
        band: true,
      },
      { points: [{ x: -2, y: 3 }], band: false },
    ];
    expect(extent(series, 'x')).toEqual([-2, 3]);
    expect(extent(series, 'y')).toEqual([2, 7]);
    expect(extent([{ points: [], band: false }], 'y')).toBeNull();
  });
});

describe('chartSummary', () => {
  it('names the title, the axes, the scales and the series', () => {
    const s = chartSummary({
      title: 'Cost vs horizon',
      xLabel: 'horizon H',
      yLabel: 'cost J',
      labels: ['BC', 'DAgger'],
      logX: true,
      logY: true,
    });
    expect(s).toBe(
      'Cost vs horizon. Line chart of cost J against horizon H (both axes logarithmic). 2 series: BC, DAgger.',
    );
    expect(chartSummary({ xLabel: 'x', yLabel: 'y', labels: [] })).toBe('Line chart of y against x. No data yet.');
  });
});

describe('legendLayout', () => {
  it('wraps items to new rows when the next would overflow', () => {
    const { positions, height } = legendLayout([100, 100, 100], 250, { gap: 10, rowHeight: 20 });
    expect(positions).toEqual([
      { x: 0, y: 0 },
      { x: 110, y: 0 },
      { x: 0, y: 20 },
    ]);
    expect(height).toBe(40);
  });

  it('never leaves a row empty, even for an item wider than the space', () => {
    const { positions, height } = legendLayout([400, 50], 300);
    expect(positions[0]).toEqual({ x: 0, y: 0 });
    expect(positions[1].y).toBeGreaterThan(0);
    expect(height).toBe(40);
    expect(legendLayout([], 300).height).toBe(0);
  });
});

describe('heatIntensity', () => {
  it('maps [min, max] to [0, 1], clamps, and lifts small values with sqrt', () => {
    expect(heatIntensity(0.5, 0, 1)).toBe(0.5);
    expect(heatIntensity(2, 0, 1)).toBe(1);
    expect(heatIntensity(-1, 0, 1)).toBe(0);
    expect(heatIntensity(0.25, 0, 1, 'sqrt')).toBe(0.5);
    expect(heatIntensity(Number.NaN, 0, 1)).toBe(0);
    expect(heatIntensity(0, 0, 0)).toBe(0);
    expect(heatIntensity(3, 3, 3)).toBe(0);
    expect(heatIntensity(4, 3, 3)).toBe(1);
  });
});

describe('heatOpacity', () => {
  it('keeps empty cells empty and lifts every visited cell to a visible floor, in order', () => {
    expect(heatOpacity(0)).toBe(0);
    expect(heatOpacity(Number.NaN)).toBe(0);
    expect(heatOpacity(0.001)).toBeGreaterThanOrEqual(HEAT_FLOOR);
    expect(HEAT_FLOOR).toBeGreaterThanOrEqual(0.12);
    expect(heatOpacity(1)).toBe(1);
    expect(heatOpacity(0.2)).toBeLessThan(heatOpacity(0.5));
  });
});
