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

/**
 * Which drawn points of each series lie under a point of a series drawn later (same x, y within `tolerance` of the
 * axis length, measured in log space on a log axis): those curves would vanish under the later one. Returns, per
 * series, the indices of its hidden points, and groups of series that coincide everywhere they share an x.
 */
export function coincidence(
  series: readonly { points: readonly Point[] }[],
  domain: [number, number],
  { log = false, tolerance = 0.012 }: { log?: boolean; tolerance?: number } = {},
): { hidden: number[][]; depth: Map<number, number>[]; groups: number[][] } {
  const f = log ? (v: number) => Math.log10(v) : (v: number) => v;
  const span = Math.abs(f(domain[1]) - f(domain[0])) || 1;
  const byX = series.map((s) => new Map(s.points.map((p) => [p.x, p.y])));
  const close = (a: number, b: number) => Math.abs(f(a) - f(b)) <= tolerance * span;
  // depth[i]: for each hidden point's x, how many later series cover it.
  const depth = series.map(() => new Map<number, number>());
  const hidden = series.map((s, i) =>
    s.points.flatMap((p, k) => {
      let d = 0;
      for (let j = i + 1; j < series.length; j++) {
        const y = byX[j].get(p.x);
        if (y !== undefined && close(p.y, y)) d++;
      }
      if (d === 0) return [];
      depth[i].set(p.x, d);
      return [k];
    }),
  );
  // Series that agree at every shared x (and share at least two) form one group, in drawing order.
  const groupOf = series.map((_, i) => i);
  const find = (i: number): number => (groupOf[i] === i ? i : (groupOf[i] = find(groupOf[i])));
  for (let i = 0; i < series.length; i++) {
    for (let j = i + 1; j < series.length; j++) {
      let shared = 0;
      let agree = true;
      for (const p of series[i].points) {
        const y = byX[j].get(p.x);
        if (y === undefined) continue;
        shared += 1;
        if (!close(p.y, y)) {
          agree = false;
          break;
        }
      }
      if (agree && shared >= 2) groupOf[find(j)] = find(i);
    }
  }
  const groups = new Map<number, number[]>();
  series.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
  return { hidden, depth, groups: [...groups.values()].filter((g) => g.length > 1) };
}

/**
 * Vertical positions for labels at the ends of lines: each as close to its line's end (`ys`, px) as it can be with
 * at least `gap` px between neighbours, inside [top, bottom]. Keeps the labels' order.
 */
export function spreadLabels(ys: readonly number[], gap: number, top: number, bottom: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const placed = order.map((o) => Math.min(bottom, Math.max(top, o.y)));
  for (let k = 1; k < placed.length; k++) placed[k] = Math.max(placed[k], placed[k - 1] + gap);
  // Pushed past the bottom: shift back up, keeping the gaps.
  if (placed.length > 0 && placed[placed.length - 1] > bottom) {
    placed[placed.length - 1] = bottom;
    for (let k = placed.length - 2; k >= 0; k--) placed[k] = Math.min(placed[k], placed[k + 1] - gap);
  }
  const out = new Array<number>(ys.length);
  order.forEach((o, k) => (out[o.i] = placed[k]));
  return out;
}

export interface TextPart {
  text: string;
  /** Drawn as a subscript. */
  sub: boolean;
}

/**
 * A label with TeX-like subscripts split into runs: `x̂_t − x*_{t+1}` → x̂, t (sub), ' − x*', t+1 (sub). Lets
 * chart labels write subscripts without showing a raw underscore.
 */
export function textParts(label: string): TextPart[] {
  const parts: TextPart[] = [];
  const re = /_(\{[^}]*\}|[^\s{])/g;
  let at = 0;
  for (let m = re.exec(label); m; m = re.exec(label)) {
    if (m.index > at) parts.push({ text: label.slice(at, m.index), sub: false });
    const sub = m[1].startsWith('{') ? m[1].slice(1, -1) : m[1];
    parts.push({ text: sub, sub: true });
    at = m.index + m[0].length;
  }
  if (at < label.length) parts.push({ text: label.slice(at), sub: false });
  return parts;
}

/** The label as plain text (tooltips, accessible names): subscripts written inline, no underscores or braces. */
export function plainLabel(label: string): string {
  return textParts(label)
    .map((p) => p.text)
    .join('');
}
