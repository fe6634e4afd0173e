// Published shape of `exposure-bias` (SCIENCE.md "Chapter: Compounding error"; SCIENCE-NOTES §2(b) Toy 2B, "Tests
// (depth student, τ = 1.5, 4 seeds)"): the dense invalid-token count compounds for teacher forcing (BC slope ≥ 1.3,
// median over seeds) and not for on-policy distillation (slope in [0.85, 1.15]); BC ÷ on-policy at H = 128 ≥ 5;
// the sparse metric does not separate them (|ΔP_valid| ≤ 0.1 at every H); and the misspecified window-2 student
// writes ≥ 40% invalid tokens at H = 128 whether or not it trains on its own strings. All curves are exact (no
// sampling); both students get the same label budget.
import { beforeAll, describe, expect, it } from 'vitest';
import { median } from '@/lib/stats';
import type { ParamsOfId } from '@/sims/experiments/catalog';
import type { ExposureBiasResult, GeneratedString } from '@/sims/experiments/exposure-bias.params';
import { runExperiment } from '@/sims/experiments/run';

const SEEDS = [0, 1, 2, 3];
const HORIZONS = [16, 32, 64, 128];

type Result = ExposureBiasResult;

const run = (overrides: Partial<ParamsOfId<'exposure-bias'>>, seed: number): Promise<Result> =>
  runExperiment('exposure-bias', overrides, { seed });

describe('exposure-bias, depth student at τ = 1.5 (4 seeds)', () => {
  let results: Result[];
  beforeAll(async () => {
    results = [];
    for (const seed of SEEDS) results.push(await run({ tau: 1.5, student: 'depth', hMax: 128 }, seed));
  });

  it('fits slopes over H ∈ {16, 32, 64, 128} and gives both students the same label budget', () => {
    for (const r of results) {
      expect(r.extras.horizons).toEqual(HORIZONS);
      expect(r.series['invalid/bc'].map((p) => p.x)).toEqual(Array.from({ length: 128 }, (_, i) => i + 1));
      expect(r.metrics['labels/onPolicy']).toBe(r.metrics['labels/bc']);
    }
  });

  it('BC invalid-count slope ≥ 1.3 (median over seeds)', () => {
    expect(median(results.map((r) => r.metrics['slope/invalid/bc']!))).toBeGreaterThanOrEqual(1.3);
  });

  it('on-policy invalid-count slope in [0.85, 1.15] (median over seeds)', () => {
    const s = median(results.map((r) => r.metrics['slope/invalid/onPolicy']!));
    expect(s).toBeGreaterThanOrEqual(0.85);
    expect(s).toBeLessThanOrEqual(1.15);
  });

  it('BC ÷ on-policy invalid count at H = 128 ≥ 5 (median over seeds, and in every seed)', () => {
    expect(median(results.map((r) => r.metrics['ratio/invalid']!))).toBeGreaterThanOrEqual(5);
    for (const r of results) expect(r.metrics['ratio/invalid']).toBeGreaterThanOrEqual(5);
  });

  it('|P_valid(BC) − P_valid(on-policy)| ≤ 0.1 at every H, in every seed; the failure probability grows ≈ linearly for both', () => {
    for (const r of results) {
      const bc = r.series['pValid/bc'];
      const on = r.series['pValid/onPolicy'];
      for (let i = 0; i < bc.length; i++) expect(Math.abs(bc[i].y - on[i].y)).toBeLessThanOrEqual(0.1);
      expect(r.metrics['pValid/maxGap']).toBeLessThanOrEqual(0.1);
      for (const key of ['slope/failure/bc', 'slope/failure/onPolicy'] as const) {
        expect(r.metrics[key]).toBeGreaterThan(0.8);
        expect(r.metrics[key]).toBeLessThan(1.1);
      }
    }
  });

  it('a BC string that goes wrong keeps going wrong; an on-policy one comes back (exact, and in the shown strings)', () => {
    for (const r of results) {
      expect(r.metrics['invalidPerFailure/bc']).toBeGreaterThanOrEqual(3 * r.metrics['invalidPerFailure/onPolicy']!);
      const strings = r.extras.strings;
      const mean = (s: GeneratedString[]) => s.reduce((n, x) => n + x.invalid.length, 0) / s.length;
      expect(strings.bc.withErrors.length).toBeGreaterThan(0);
      expect(strings.onPolicy.withErrors.length).toBeGreaterThan(0);
      expect(mean(strings.bc.withErrors)).toBeGreaterThan(mean(strings.onPolicy.withErrors));
    }
  });

  it('the shown strings are consistent: lengths, invalid positions and depths agree, and sampling matches the exact P(valid)', () => {
    const B = 3;
    for (const r of results) {
      const strings = r.extras.strings;
      for (const key of ['bc', 'onPolicy'] as const) {
        for (const s of [...strings[key].samples, ...strings[key].withErrors]) {
          expect(s.text).toMatch(/^[()]{128}$/);
          let h = 0;
          const invalid: number[] = [];
          for (let t = 0; t < s.text.length; t++) {
            h += s.text[t] === '(' ? 1 : -1;
            expect(s.depths[t]).toBe(h);
            if (h < 0 || h > B) invalid.push(t);
          }
          expect(s.invalid).toEqual(invalid);
        }
        // 200 sampled strings against the exact probability (standard error ≈ 0.017 here).
        const sampled = r.metrics[`sampled/errorFraction/${key}`];
        expect(Math.abs(sampled - (1 - r.metrics[`pValid/${key}`]))).toBeLessThan(0.08);
      }
    }
  });
});

describe('exposure-bias, misspecified window students at τ = 1', () => {
  it('window-2: invalid fraction at H = 128 ≥ 0.4, for BC and for on-policy distillation alike', async () => {
    for (const seed of [0, 1]) {
      const r = await run({ tau: 1, student: 'window', windowK: 2, hMax: 128 }, seed);
      expect(r.metrics['invalidFraction/bc']).toBeGreaterThanOrEqual(0.4);
      expect(r.metrics['invalidFraction/onPolicy']).toBeGreaterThanOrEqual(0.4);
    }
  });

  it('a longer window (a better model class) writes fewer invalid tokens', async () => {
    const frac = async (k: number) =>
      (await run({ tau: 1, student: 'window', windowK: k, hMax: 128 }, 0)).metrics['invalidFraction/bc'];
    const [k2, k4, k8] = [await frac(2), await frac(4), await frac(8)];
    expect(k4).toBeLessThan(k2);
    expect(k8).toBeLessThan(k4);
  });
});
