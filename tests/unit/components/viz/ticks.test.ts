import { describe, expect, it } from 'vitest';
import { formatTick, formatValue, logAxis, niceTicks, spacedTicks } from '@/components/viz/ticks';

describe('logAxis', () => {
  it('uses powers of 2 for sweeps spanning less than two decades (horizons 10…160)', () => {
    expect(logAxis(10, 160)).toEqual({ domain: [8, 256], ticks: [8, 16, 32, 64, 128, 256], base: 2 });
  });

  it('uses powers of 10 when the data span two decades or more', () => {
    expect(logAxis(0.002, 0.9)).toEqual({ domain: [0.001, 1], ticks: [0.001, 0.01, 0.1, 1], base: 10 });
    expect(logAxis(15, 2000)?.ticks).toEqual([10, 100, 1000, 10000]);
  });

  it('keeps exact powers as the ends (no padding past 10³ because of float noise)', () => {
    expect(logAxis(1, 1000)?.domain).toEqual([1, 1000]);
    expect(logAxis(1e-3, 1e3)?.ticks).toEqual([1e-3, 1e-2, 1e-1, 1, 10, 100, 1000]);
    expect(logAxis(4, 64)?.domain).toEqual([4, 64]);
  });

  it('thins ticks to round exponents when there are too many', () => {
    const axis = logAxis(1e-6, 1e6, { maxTicks: 8 })!;
    expect(axis.ticks.length).toBeLessThanOrEqual(8);
    expect(axis.ticks).toEqual([1e-6, 1e-4, 1e-2, 1, 1e2, 1e4, 1e6]);
    expect(axis.domain).toEqual([1e-6, 1e6]);
    const odd = logAxis(1e-5, 1e6, { maxTicks: 4 })!;
    expect(odd.ticks[0]).toBe(odd.domain[0]);
    expect(odd.ticks[odd.ticks.length - 1]).toBe(odd.domain[1]);
    for (const t of odd.ticks) expect(Number.isInteger(Math.log10(t))).toBe(true);
  });

  it('honours a forced base and widens a single value to a range', () => {
    expect(logAxis(10, 160, { base: 10 })?.ticks).toEqual([10, 100, 1000]);
    expect(logAxis(8, 8)).toEqual({ domain: [4, 16], ticks: [4, 8, 16], base: 2 });
    expect(logAxis(5, 5)?.domain).toEqual([4, 8]);
  });

  it('refuses ranges a log axis cannot show', () => {
    expect(logAxis(0, 10)).toBeNull();
    expect(logAxis(-1, 10)).toBeNull();
    expect(logAxis(1, Infinity)).toBeNull();
    expect(logAxis(Number.NaN, 1)).toBeNull();
  });

  it('accepts reversed arguments', () => {
    expect(logAxis(160, 10)).toEqual(logAxis(10, 160));
  });
});

describe('niceTicks', () => {
  it('steps by 1, 2, 2.5 or 5 times a power of ten and widens a value axis to them', () => {
    expect(niceTicks(0.13, 2.77, 5)).toEqual({ domain: [0, 3], ticks: [0, 1, 2, 3] });
    expect(niceTicks(0.13, 2.77, 6)).toEqual({ domain: [0, 3], ticks: [0, 0.5, 1, 1.5, 2, 2.5, 3] });
    expect(niceTicks(0, 1, 4).ticks).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(0, 5000, 5)).toEqual({ domain: [0, 5000], ticks: [0, 1000, 2000, 3000, 4000, 5000] });
  });

  it('keeps the data range for an x axis and only ticks inside it', () => {
    const { domain, ticks } = niceTicks(1, 76, 4, false);
    expect(domain).toEqual([1, 76]);
    expect(ticks).toEqual([20, 40, 60]);
  });

  it('prints clean decimals and survives degenerate input', () => {
    expect(niceTicks(0, 0.3, 3).ticks).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(2, 2).domain[0]).toBeLessThan(2);
    expect(niceTicks(Number.NaN, 1)).toEqual({ domain: [0, 1], ticks: [0, 1] });
  });
});

describe('formatTick', () => {
  it('is short and uses a typographic minus', () => {
    expect(formatTick(0)).toBe('0');
    expect(formatTick(2000)).toBe('2000');
    expect(formatTick(0.30000000000000004)).toBe('0.3');
    expect(formatTick(1 / 3)).toBe('0.333');
    expect(formatTick(-2.5)).toBe('\u22122.5');
    expect(formatTick(20_000)).toBe('20k');
    expect(formatTick(1_500_000)).toBe('1.5M');
    expect(formatTick(1e-4)).toBe('10⁻⁴');
    expect(formatTick(2.5e-4)).toBe('2.5×10⁻⁴');
    expect(formatTick(Number.NaN)).toBe('');
  });
});

describe('formatValue', () => {
  it('gives 4 significant digits, scientific notation at the extremes, a dash when not finite', () => {
    expect(formatValue(3.14159)).toBe('3.142');
    expect(formatValue(42)).toBe('42');
    expect(formatValue(123456)).toBe('123456');
    expect(formatValue(1.5e7)).toBe('1.5×10⁷');
    expect(formatValue(1e-5)).toBe('10⁻⁵');
    expect(formatValue(-0.5)).toBe('\u22120.5');
    expect(formatValue(Infinity)).toBe('—');
    expect(formatValue(Number.NaN)).toBe('—');
  });
});

describe('spacedTicks', () => {
  it('keeps the last tick and drops earlier ones whose labels would come within the gap of the next', () => {
    const position = (v: number) => v * 10; // 10 px per unit
    const width = () => 16; // every label 16 px wide
    // Ticks 1 apart (10 px) with 16 px labels and an 8 px gap: every other one would still collide, so every third.
    expect(spacedTicks([0, 1, 2, 3, 4, 5, 6], position, width, 8)).toEqual([0, 3, 6]);
    // Far enough apart: all kept, in order.
    expect(spacedTicks([0, 5, 10], position, width, 8)).toEqual([0, 5, 10]);
    expect(spacedTicks([], position, width, 8)).toEqual([]);
  });
});
