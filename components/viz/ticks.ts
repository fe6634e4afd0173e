/**
 * Axis arithmetic for the charts: log-axis domains and ticks, and number formatting for ticks and tooltips.
 * Pure functions (no DOM), unit-tested in tests/unit/components/viz/ticks.test.ts.
 */
import { scaleLog } from 'd3-scale';

export interface LogAxis {
  /** Powers of `base` enclosing the data: the axis starts and ends on a labelled tick. */
  domain: [number, number];
  /** Powers of `base` inside the domain, thinned to at most `maxTicks`. */
  ticks: number[];
  base: 2 | 10;
}

export interface LogAxisOptions {
  /** Force powers of 2 or of 10. By default: 10 when the data span at least two decades, else 2. */
  base?: 2 | 10;
  /** About this many ticks (default 8): over more powers than that, d3 keeps every k-th exponent (k = 1, 2, 5, 10…). */
  maxTicks?: number;
}

/**
 * Domain and ticks for a log axis over data in [min, max]. Both must be positive and finite (non-positive values
 * cannot sit on a log axis; the caller drops them first), otherwise the result is null.
 * Sweeps over horizons or sample sizes (10, 20, 40, 80) read best in powers of 2; error rates spanning decades in
 * powers of 10. d3-scale's log scale does the work (the page already ships it with Recharts): `nice()` widens the
 * domain to enclosing powers, `ticks()` lists or thins them; only the powers themselves are labelled.
 */
export function logAxis(min: number, max: number, { base, maxTicks = 8 }: LogAxisOptions = {}): LogAxis | null {
  if (!(min > 0) || !(max > 0) || !Number.isFinite(min) || !Number.isFinite(max)) return null;
  if (min > max) [min, max] = [max, min];
  const b: 2 | 10 = base ?? (max / min >= 100 ? 10 : 2);
  const scale = scaleLog().base(b).domain([min, max]).nice();
  // nice() ends the domain on exact powers of b.
  let [lo, hi] = scale.domain().map((v) => Math.round(b === 10 ? Math.log10(v) : Math.log2(v)));
  if (lo === hi) {
    // One value on an exact power: show it between its neighbours.
    lo -= 1;
    hi += 1;
    scale.domain([power(b, lo), power(b, hi)]);
  }
  // Base 10 over a few decades: d3 also lists 2·10ᵏ … 9·10ᵏ; the axis labels powers only.
  const exponents = scale
    .ticks(Math.max(2, maxTicks))
    .map((t) => exponentOf(t, b))
    .filter((e): e is number => e !== null);
  // Thinned exponents (every k-th): widen the domain to the kept ones around it, so the axis ends on labelled ticks.
  const stride = exponents.length > 1 ? exponents[1] - exponents[0] : 1;
  lo = Math.floor(lo / stride) * stride;
  hi = Math.ceil(hi / stride) * stride;
  const ticks: number[] = [];
  for (let e = lo; e <= hi; e += stride) ticks.push(power(b, e));
  return { domain: [power(b, lo), power(b, hi)], ticks, base: b };
}

/** The integer k with b^k = v (to float noise), or null if v is not a power of b. */
function exponentOf(v: number, b: 2 | 10): number | null {
  const k = Math.round(b === 10 ? Math.log10(v) : Math.log2(v));
  return Math.abs(v / power(b, k) - 1) < 1e-9 ? k : null;
}

/** b^e, exact for powers of ten in both directions (10 ** -3 is 0.0010000000000000002 in floating point). */
function power(b: number, e: number): number {
  return b === 10 ? Number(`1e${e}`) : 2 ** e;
}

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

function superscript(n: number): string {
  return String(n)
    .split('')
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join('');
}

const MINUS = '\u2212';

/**
 * A short tick label: up to 3 significant digits, '20k' / '1.5M' for large numbers, '10⁻⁴' or '2.5×10⁻⁴' for small
 * ones, and a typographic minus sign.
 */
export function formatTick(v: number): string {
  if (!Number.isFinite(v)) return '';
  if (v === 0) return '0';
  const sign = v < 0 ? MINUS : '';
  const a = Math.abs(v);
  if (a >= 1e4) {
    const units: [number, string][] = [
      [1e12, 'T'],
      [1e9, 'G'],
      [1e6, 'M'],
      [1e3, 'k'],
    ];
    if (a >= 1e15) return sign + scientific(a);
    for (const [scale, suffix] of units) if (a >= scale) return sign + trim(a / scale, 3) + suffix;
  }
  if (a < 1e-3) return sign + scientific(a);
  return sign + trim(a, 3);
}

/** A tooltip value: 4 significant digits, scientific notation beyond 10⁶ or below 10⁻⁴, '—' when not finite. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return '—';
  if (v === 0) return '0';
  const a = Math.abs(v);
  const sign = v < 0 ? MINUS : '';
  if (a >= 1e6 || a < 1e-4) return sign + scientific(a, 4);
  if (Number.isInteger(v)) return sign + String(a);
  return sign + trim(a, 4);
}

function trim(v: number, digits: number): string {
  return String(Number(v.toPrecision(digits)));
}

/** '10⁻⁴' for an exact power of ten, '2.5×10⁻⁴' otherwise. */
function scientific(a: number, digits = 2): string {
  let e = Math.floor(Math.log10(a));
  let m = Number((a / Number(`1e${e}`)).toPrecision(digits));
  if (m >= 10) {
    m /= 10;
    e += 1;
  }
  return m === 1 ? `10${superscript(e)}` : `${m}×10${superscript(e)}`;
}

/**
 * "Nice" linear ticks (steps of 1, 2 or 5 times a power of ten), about `target` of them over [min, max].
 * `extend` widens the domain outward to the enclosing ticks (for a value axis); otherwise only ticks inside
 * [min, max] are returned and the domain is [min, max] (for an x axis that should end where the data ends).
 */
export function niceTicks(
  min: number,
  max: number,
  target = 5,
  extend = true,
): { domain: [number, number]; ticks: number[] } {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { domain: [0, 1], ticks: [0, 1] };
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / Math.max(1, target);
  const mag = Number(`1e${Math.floor(Math.log10(raw))}`);
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw * 0.999) ?? 10 * mag;
  const lo = extend ? Math.floor(min / step + 1e-9) * step : Math.ceil(min / step - 1e-9) * step;
  const hi = extend ? Math.ceil(max / step - 1e-9) * step : Math.floor(max / step + 1e-9) * step;
  const ticks: number[] = [];
  // Round through toPrecision so 0.1 * 3 prints as 0.3.
  for (let k = 0, v = lo; v <= hi + step * 1e-9; k++, v = lo + k * step) ticks.push(Number(v.toPrecision(12)));
  return { domain: extend ? [ticks[0], ticks[ticks.length - 1]] : [min, max], ticks };
}

/**
 * Widens a value axis a little past the data where the data touch its ends, so a curve lying on the lowest value
 * (a cost of exactly 0, a probability of 1) is drawn above the axis line instead of on it. `fraction` of the
 * axis length (in log space on a log axis) is added on each side the data reach; ticks stay where they were.
 */
export function padDomain(
  domain: [number, number],
  data: [number, number] | null,
  { log = false, fraction = 0.04 }: { log?: boolean; fraction?: number } = {},
): [number, number] {
  const [lo, hi] = domain;
  if (!data || !(hi > lo) || (log && !(lo > 0))) return domain;
  const f = log ? Math.log10 : (v: number) => v;
  const span = f(hi) - f(lo);
  const touches = (edge: number, v: number) => Math.abs(f(v) - f(edge)) <= span * 0.01;
  const pad = span * fraction;
  const newLo = touches(lo, data[0]) ? f(lo) - pad : f(lo);
  const newHi = touches(hi, data[1]) ? f(hi) + pad : f(hi);
  return log ? [10 ** newLo, 10 ** newHi] : [newLo, newHi];
}

/**
 * The ticks whose labels, centred on their positions, keep at least `gap` px apart: the last one is kept, then each
 * earlier one that ends `gap` px before the label after it begins (what Recharts' "preserveEnd" does, but from
 * widths measured on a canvas instead of by laying out hidden text in the page, which forces a layout per label).
 */
export function spacedTicks(
  ticks: readonly number[],
  position: (v: number) => number,
  labelWidth: (v: number) => number,
  gap: number,
): number[] {
  const kept: number[] = [];
  let leftEdge = Infinity;
  for (let i = ticks.length - 1; i >= 0; i--) {
    const v = ticks[i];
    const x = position(v);
    const half = labelWidth(v) / 2;
    if (x + half + gap <= leftEdge || kept.length === 0) {
      kept.push(v);
      leftEdge = x - half;
    }
  }
  return kept.reverse();
}
