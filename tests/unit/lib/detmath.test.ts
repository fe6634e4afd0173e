import { describe, expect, it } from 'vitest';
import { powInt, powReal, square, tanh } from '@/lib/detmath';

describe('engine-independent math (lib/detmath.ts)', () => {
  it('agrees with Math to within a few ulps on the ranges simulations use', () => {
    for (let x = -19.5; x <= 19.5; x += 0.37) expect(tanh(x)).toBeCloseTo(Math.tanh(x), 14);
    expect(tanh(0)).toBe(0);
    expect(tanh(-3)).toBe(-tanh(3));
    expect(tanh(50)).toBe(1);
    for (const x of [0.5, 0.9, 1.05, 1.3]) for (let n = -5; n <= 120; n += 7) expect(powInt(x, n) / x ** n).toBeCloseTo(1, 12);
    for (const [x, y] of [[2, 0.5], [7.3, 1.5], [0.2, 3.7], [1e-3, 0.25]]) expect(powReal(x, y) / x ** y).toBeCloseTo(1, 13);
    expect(powReal(0, 2)).toBe(0);
    expect(powReal(0, 0)).toBe(1);
    expect(square(-3)).toBe(9);
  });

  it('refuses arguments outside its domain instead of guessing', () => {
    expect(() => powInt(2, 0.5)).toThrow(RangeError);
    expect(() => powReal(-1, 0.5)).toThrow(RangeError);
  });
});
