import { describe, expect, it } from 'vitest';
import { Rng, makeRng } from '../../../lib/rng';

function draws(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.uniform());
}

describe('Rng', () => {
  it('is deterministic for a seed', () => {
    expect(draws(makeRng(42), 50)).toEqual(draws(makeRng(42), 50));
    expect(draws(makeRng(42), 50)).not.toEqual(draws(makeRng(43), 50));
  });

  it('gives named streams that do not depend on how much the parent has drawn', () => {
    const a = makeRng(7);
    const before = draws(a.stream('env'), 20);
    draws(a, 1000);
    a.normal();
    expect(draws(a.stream('env'), 20)).toEqual(before);
  });

  it('keeps streams independent: drawing from one never shifts another or the parent', () => {
    const lone = makeRng(9);
    const expectedParent = draws(lone, 10);
    const expectedInit = draws(makeRng(9).stream('init'), 10);

    const root = makeRng(9);
    const env = root.stream('env');
    const init = root.stream('init');
    draws(env, 500);
    expect(draws(init, 10)).toEqual(expectedInit);
    expect(draws(root, 10)).toEqual(expectedParent);
  });

  it('gives different numbers to different stream names and to nested streams', () => {
    const root = makeRng(3);
    const e = draws(root.stream('env'), 10);
    expect(draws(root.stream('init'), 10)).not.toEqual(e);
    expect(draws(root.stream('env').stream('env'), 10)).not.toEqual(e);
    expect(draws(makeRng(4).stream('env'), 10)).not.toEqual(e);
  });

  it('has roughly the right uniform and normal moments', () => {
    const rng = makeRng(123);
    const n = 100_000;
    let s = 0;
    let s2 = 0;
    let lo = 1;
    let hi = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
      s += u;
      s2 += u * u;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    const mu = s / n;
    expect(Math.abs(mu - 0.5)).toBeLessThan(0.005); // sd of the mean ≈ 0.0009
    expect(Math.abs(s2 / n - mu * mu - 1 / 12)).toBeLessThan(0.003);

    let z1 = 0;
    let z2 = 0;
    let z4 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      z1 += z;
      z2 += z * z;
      z4 += z ** 4;
    }
    expect(Math.abs(z1 / n)).toBeLessThan(0.015); // sd ≈ 0.003
    expect(Math.abs(z2 / n - 1)).toBeLessThan(0.02); // sd ≈ 0.0045
    expect(Math.abs(z4 / n - 3)).toBeLessThan(0.15); // the normal's kurtosis
  });

  it('draws integers, categoricals and Bernoullis with the right frequencies', () => {
    const rng = makeRng(5);
    const n = 60_000;
    const ints = [0, 0, 0];
    const cats = [0, 0, 0];
    let heads = 0;
    for (let i = 0; i < n; i++) {
      ints[rng.int(3)]++;
      cats[rng.categorical([1, 2, 3])]++;
      if (rng.bernoulli(0.2)) heads++;
    }
    for (const c of ints) expect(Math.abs(c / n - 1 / 3)).toBeLessThan(0.01);
    [1 / 6, 2 / 6, 3 / 6].forEach((p, i) => expect(Math.abs(cats[i] / n - p)).toBeLessThan(0.01));
    expect(Math.abs(heads / n - 0.2)).toBeLessThan(0.01);
  });

  it('rejects bad arguments with a clear message', () => {
    expect(() => makeRng(1).int(0)).toThrow(/n ≥ 1/);
    expect(() => makeRng(1).categorical([0, 0])).toThrow(/positive total/);
  });

  it('shuffles to a permutation', () => {
    const xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    makeRng(11).shuffle(xs);
    expect([...xs].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
