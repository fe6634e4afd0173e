/** Curves that hide under one another (issue 17, point 6): axis padding, coincidence, end labels, subscripts. */
import { describe, expect, it } from 'vitest';
import { coincidence, plainLabel, spreadLabels, textParts } from '@/components/viz/chartData';
import { padDomain } from '@/components/viz/ticks';

const pts = (ys: number[], x0 = 1) => ys.map((y, i) => ({ x: x0 + i, y }));

describe('padDomain', () => {
  it('lifts a curve on y = 0 off the axis line, and leaves room above the top value', () => {
    const [lo, hi] = padDomain([0, 10], [0, 10]);
    expect(lo).toBeLessThan(0);
    expect(lo).toBeCloseTo(-0.4);
    expect(hi).toBeCloseTo(10.4);
  });
  it('leaves an end alone when the data do not reach it', () => {
    expect(padDomain([0, 10], [2, 7])).toEqual([0, 10]);
  });
  it('pads in log space on a log axis', () => {
    const [lo, hi] = padDomain([1, 100], [1, 50], { log: true });
    expect(lo).toBeCloseTo(10 ** -0.08);
    expect(hi).toBe(100);
  });
});

describe('coincidence', () => {
  it('finds a curve lying under a later one (the expert under DAgger) and groups them', () => {
    const expert = { points: pts([1, 1, 1, 1]) };
    const bc = { points: pts([1, 4, 9, 16]) };
    const dagger = { points: pts([1, 1.01, 1, 1]) };
    const { hidden, groups } = coincidence([expert, bc, dagger], [0, 16]);
    expect(hidden[0]).toEqual([0, 1, 2, 3]);
    expect(hidden[1]).toEqual([0]); // BC starts where DAgger does, then leaves
    expect(hidden[2]).toEqual([]); // drawn last: nothing covers it
    expect(groups).toEqual([[0, 2]]);
    expect(coincidence([expert, bc, dagger], [0, 16]).depth[0].get(1)).toBe(2); // under BC and DAgger at x = 1
  });
  it('measures closeness on the drawn scale (log axes)', () => {
    const a = { points: pts([0.001, 0.01]) };
    const b = { points: pts([0.002, 0.02]) }; // a factor 2 apart: far on a log axis spanning 10⁻³…10
    expect(coincidence([a, b], [1e-3, 10], { log: true }).groups).toEqual([]);
  });
});

describe('spreadLabels', () => {
  it('keeps labels at their line ends when they do not collide', () => {
    expect(spreadLabels([10, 50, 90], 14, 0, 100)).toEqual([10, 50, 90]);
  });
  it('pushes colliding labels apart, in order, inside the plot', () => {
    const out = spreadLabels([95, 96, 40], 14, 0, 100);
    expect(out[2]).toBe(40);
    expect(out[1]).toBe(100);
    expect(out[0]).toBe(86);
  });
});

describe('textParts', () => {
  it('renders x̂_t as x̂ with a subscript t, and braces group', () => {
    expect(textParts('median ‖x̂_t − x*_t‖')).toEqual([
      { text: 'median ‖x̂', sub: false },
      { text: 't', sub: true },
      { text: ' − x*', sub: false },
      { text: 't', sub: true },
      { text: '‖', sub: false },
    ]);
    expect(textParts('ε_{D} = 0.3')).toEqual([
      { text: 'ε', sub: false },
      { text: 'D', sub: true },
      { text: ' = 0.3', sub: false },
    ]);
    expect(plainLabel('injected noise σ_u')).toBe('injected noise σu');
    expect(textParts('no subscripts')).toEqual([{ text: 'no subscripts', sub: false }]);
  });
});
