/**
 * Turning experiment series into what the line chart draws: clean (finite, positive on log axes), thin to at most
 * MAX_POINTS, merge into rows keyed by x, and lay out the legend. Pure functions, unit-tested in
 * tests/unit/components/viz/chartData.test.ts.
 */
import type { Point } from '@/sims/experiments/types';

/** DESIGN.md ("Rendering"): at most ~2k points per series. */
export const MAX_POINTS = 2000;

/**
 * How many points are worth drawing across a plot `width` px wide: about one per pixel for a line, capped at
 * MAX_POINTS, and one per 3 px for a band. Recharts' cost grows with the number of rows (measured here: three
 * series of 2000 points with bands ≈ 170 ms per redraw, of 800 points ≈ 90 ms), and a line cannot show more
 * detail than its pixels anyway.
 */
export function pointBudget(width: number): { line: number; band: number } {
  const w = Number.isFinite(width) && width > 0 ? width : 1000;
  return { line: Math.min(MAX_POINTS, Math.max(200, Math.ceil(w))), band: Math.max(60, Math.ceil(w / 3)) };
}

/**
 * At most `max` points, evenly spaced by index, always keeping the first and the last (so a curve keeps its ends
 * and a final value is never dropped). Returns the input itself when it is already short enough.
 */
export function downsample<T>(points: readonly T[], max: number = MAX_POINTS): readonly T[] {
  const n = points.length;
  if (n <= max) return points;
  if (max <= 1) return n > 0 ? [points[n - 1]] : [];
  const out: T[] = new Array(max);
  const step = (n - 1) / (max - 1);
  for (let i = 0; i < max; i++) out[i] = points[Math.round(i * step)];
  return out;
}

export interface AxisScales {
  logX?: boolean;
  logY?: boolean;
}

/**
 * Drops points a chart cannot place: non-finite x or y, and on a log axis x ≤ 0 or y ≤ 0. A band end (lo, hi) that
 * is missing, not finite, or non-positive on a log y axis removes the band at that point but keeps the point.
 */
export function cleanPoints(points: readonly Point[], { logX = false, logY = false }: AxisScales = {}): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    if (logX && p.x <= 0) continue;
    if (logY && p.y <= 0) continue;
    const bandOk =
      p.lo !== undefined &&
      p.hi !== undefined &&
      Number.isFinite(p.lo) &&
      Number.isFinite(p.hi) &&
      (!logY || (p.lo > 0 && p.hi > 0));
    out.push(bandOk ? { x: p.x, y: p.y, lo: Math.min(p.lo!, p.hi!), hi: Math.max(p.lo!, p.hi!) } : { x: p.x, y: p.y });
  }
  return out;
}

/** A chart row: the x value, then `y<i>` (series i's value) and `b<i>` ([lo, hi] of its band) where present. */
export type ChartRow = { x: number } & Record<string, number | [number, number]>;

/** The data key of series i's value and of its band in a ChartRow (index-based: series keys may contain dots). */
export const valueKey = (i: number): string => `y${i}`;
export const bandKey = (i: number): string => `b${i}`;

/**
 * One row per distinct x over all series, sorted by x. Series need not share x values; where a series has no
 * point at some x its key is absent, and the chart connects across the gap. `bandEvery` thins a series' band.
 */
export function mergeRows(
  series: readonly { points: readonly Point[]; band: boolean; bandEvery?: number }[],
): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  series.forEach((s, i) => {
    const every = Math.max(1, Math.floor(s.bandEvery ?? 1));
    const last = s.points.length - 1;
    s.points.forEach((p, k) => {
      let row = rows.get(p.x);
      if (!row) {
        row = { x: p.x } as ChartRow;
        rows.set(p.x, row);
      }
      row[valueKey(i)] = p.y;
      // A shaded band needs far less detail than a line: keep every `bandEvery`-th end (and the last).
      if (s.band && p.lo !== undefined && p.hi !== undefined && (k % every === 0 || k === last))
        row[bandKey(i)] = [p.lo, p.hi];
    });
  });
  return [...rows.values()].sort((a, b) => a.x - b.x);
}

/** [min, max] of x, or of y including band ends; null when there are no points. */
export function extent(
  series: readonly { points: readonly Point[]; band: boolean }[],
  axis: 'x' | 'y',
): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (const p of s.points) {
      const v = axis === 'x' ? p.x : p.y;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      if (axis === 'y' && s.band && p.lo !== undefined && p.hi !== undefined) {
        if (p.lo < lo) lo = p.lo;
        if (p.hi > hi) hi = p.hi;
      }
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** The accessible summary of a chart: title, what is plotted against what, on which scales, and the series. */
export function chartSummary({
  title,
  xLabel,
  yLabel,
  labels,
  logX = false,
  logY = false,
}: {
  title?: string;
  xLabel: string;
  yLabel: string;
  labels: readonly string[];
} & AxisScales): string {
  const scale =
    logX && logY ? ' (both axes logarithmic)' : logX ? ' (x axis logarithmic)' : logY ? ' (y axis logarithmic)' : '';
  const what = `Line chart of ${yLabel} against ${xLabel}${scale}`;
  const series =
    labels.length === 0
      ? 'No data yet.'
      : `${labels.length === 1 ? 'Series' : `${labels.length} series`}: ${labels.join(', ')}.`;
  return `${title ? `${title}. ` : ''}${what}. ${series}`;
}

export interface LegendPlacement {
  x: number;
  y: number;
}

/**
 * Places legend items left to right, wrapping to a new row when the next item would pass `width`.
 * `widths` are the items' full widths (swatch + text); returns each item's top-left and the total height.
 */
export function legendLayout(
  widths: readonly number[],
  width: number,
  { gap = 16, rowHeight = 20 }: { gap?: number; rowHeight?: number } = {},
): { positions: LegendPlacement[]; height: number } {
  const positions: LegendPlacement[] = [];
  let x = 0;
  let row = 0;
  for (const w of widths) {
    if (x > 0 && x + w > width) {
      row += 1;
      x = 0;
    }
    positions.push({ x, y: row * rowHeight });
    x += w + gap;
  }
  return { positions, height: widths.length === 0 ? 0 : (row + 1) * rowHeight };
}

/**
 * A heatmap cell's intensity in [0, 1] for value v on [min, max]: linear, or square-root (which lifts small
 * visitation probabilities into view). Non-finite values give 0; with a degenerate range (max ≤ min) values above min give 1, the rest 0.
 */
export function heatIntensity(v: number, min: number, max: number, scale: 'linear' | 'sqrt' = 'linear'): number {
  if (!Number.isFinite(v)) return 0;
  if (!(max > min)) return v > min ? 1 : 0;
  const f = Math.min(1, Math.max(0, (v - min) / (max - min)));
  return scale === 'sqrt' ? Math.sqrt(f) : f;
}

/** The faintest fill a non-empty heatmap cell gets: enough to tell "rarely" from "never" on either theme. */
export const HEAT_FLOOR = 0.14;

/**
 * The fill opacity of a heatmap cell with intensity `a` (from heatIntensity): 0 stays empty, anything above 0 is
 * lifted to at least HEAT_FLOOR, and the rest of the range is kept in order. Without the floor a cell visited a
 * few times in a thousand drew at opacity 0.05 and vanished against the dark theme's background.
 */
export function heatOpacity(a: number): number {
  if (!(a > 0)) return 0;
  return HEAT_FLOOR + (1 - HEAT_FLOOR) * Math.min(1, a);
}
