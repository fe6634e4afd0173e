// Published shape of `coverage` (SCIENCE.md "Chapter: Beyond behavior cloning"; SCIENCE-NOTES-ch7 §7(b) Toy 7A and
// its panel C). α = 0, n = 1000, K = 2000, Zipf 1.5, 50 corpora per world seed, 3 world seeds (the notes' tests):
// the sequence cross-entropy grows like H (log-log slope over H = 8 … 128 in [0.95, 1.05]; prototype 0.998) while
// coverage at N = 16 does not move (H128/H8 in [0.95, 1.05]; it equals the missing mass within 0.005), Best-of-16
// tracks coverage within 0.01, the Best-of-N sandwich never fails, the n needed for KL ≤ 0.1 grows ≥ 4× from H = 8 to
// 64 while the n needed for P_cov,16 ≤ 0.1 is the same at H = 8 and 128, smoothing compounds (α = 0.01: ratio ≥ 1.2;
// prototype 1.41), and panel C's slopes are ≈ 2 per-step (in [1.6, 2.0]) and ≈ 1 shared (in [0.8, 1.05]).
import { beforeAll, describe, expect, it } from 'vitest';
import type { CoverageResult } from '@/sims/experiments/coverage.params';
import { runExperiment } from '@/sims/experiments/run';
import type { Point } from '@/sims/experiments/types';

const at = (series: Point[], x: number) => series.find((p) => p.x === x)!.y;
const SEEDS = [0, 1, 2];

describe('coverage: cross-entropy ∝ H, coverage flat (α = 0, n = 1000)', () => {
  const results: CoverageResult[] = [];
  beforeAll(async () => {
    for (const seed of SEEDS)
      results.push(await runExperiment('coverage', { nDemos: 1000, N: 16, smoothing: 0 }, { seed }));
  });

  it('the KL slope over H = 8 … 128 is in [0.95, 1.05] in every world', () => {
    for (const r of results) {
      expect(r.metrics['slope/kl']).toBeGreaterThanOrEqual(0.95);
      expect(r.metrics['slope/kl']).toBeLessThanOrEqual(1.05);
    }
  });

  it('P_cov,16 at H = 128 ÷ at H = 8 is in [0.95, 1.05], and P_cov,16 = M_n within 0.005 for H ≥ 8', () => {
    for (const r of results) {
      expect(r.metrics['ratio/coverage']).toBeGreaterThanOrEqual(0.95);
      expect(r.metrics['ratio/coverage']).toBeLessThanOrEqual(1.05);
      for (const p of r.series.coverageMiss.filter((q) => q.x >= 8)) {
        expect(Math.abs(p.y - r.metrics.missingMass)).toBeLessThanOrEqual(0.005);
      }
    }
  });

  it('Best-of-16 tracks coverage: |(1 − Pass@16) − P_cov,16| ≤ 0.01 for H ≥ 8', () => {
    for (const r of results) expect(r.metrics['gap/passVsCoverage']).toBeLessThanOrEqual(0.01);
  });

  it('the Best-of-N sandwich holds in every corpus and H', () => {
    for (const r of results) {
      expect(r.metrics['sandwich/cases']).toBeGreaterThan(0);
      expect(r.metrics['sandwich/violations']).toBe(0);
    }
  });

  it('panel C: the per-step slope is in [1.6, 2.0] and the shared one in [0.8, 1.05]', () => {
    for (const r of results) {
      expect(r.metrics['slope/perStep']).toBeGreaterThanOrEqual(1.6);
      expect(r.metrics['slope/perStep']).toBeLessThanOrEqual(2.0);
      expect(r.metrics['slope/shared']).toBeGreaterThanOrEqual(0.8);
      expect(r.metrics['slope/shared']).toBeLessThanOrEqual(1.05);
    }
  });
});

describe('coverage: panel C at the notes’ S = 41, n = 400', () => {
  it('slopes per-step in [1.6, 2.0] (prototype 1.79), shared in [0.8, 1.05] (prototype 0.91)', async () => {
    const r = await runExperiment('coverage', { nDemos: 400, states: 41, datasets: 5 }, { seed: 0 });
    expect(r.metrics['slope/perStep']).toBeGreaterThanOrEqual(1.6);
    expect(r.metrics['slope/perStep']).toBeLessThanOrEqual(2.0);
    expect(r.metrics['slope/shared']).toBeGreaterThanOrEqual(0.8);
    expect(r.metrics['slope/shared']).toBeLessThanOrEqual(1.05);
    // The exact per-step regret at H = 4 (the notes: 0.268).
    expect(at(r.series['missing/perStep'], 4)).toBeCloseTo(0.268, 2);
  });
});

describe('coverage: smoothing compounds over the sequence (α = 0.01)', () => {
  it('P_cov,16 at H = 128 ÷ at H = 8 is ≥ 1.2 in every world (prototype 1.41)', async () => {
    for (const seed of SEEDS) {
      const r = await runExperiment('coverage', { nDemos: 1000, N: 16, smoothing: 0.01, datasets: 20 }, { seed });
      expect(r.metrics['ratio/coverage']).toBeGreaterThanOrEqual(1.2);
    }
  });
});

describe('coverage: coverage generalises faster than cross-entropy (seed 0, n on a ×2 grid)', () => {
  const grid = Array.from({ length: 12 }, (_, k) => 250 * 2 ** k); // 250 … 512 000
  const runs: { n: number; r: CoverageResult }[] = [];
  beforeAll(async () => {
    for (const n of grid)
      runs.push({ n, r: await runExperiment('coverage', { nDemos: n, N: 16, datasets: 20 }, { seed: 0 }) });
  });
  const nStar = (series: 'kl' | 'coverageMiss', H: number) => runs.find(({ r }) => at(r.series[series], H) <= 0.1)?.n;

  it('n*(KL ≤ 0.1) at H = 64 is ≥ 4× n*(KL ≤ 0.1) at H = 8 (prototype 8×)', () => {
    const n8 = nStar('kl', 8);
    const n64 = nStar('kl', 64);
    expect(n8).toBeDefined();
    expect(n64).toBeDefined();
    expect(n64! / n8!).toBeGreaterThanOrEqual(4);
  });

  it('n*(P_cov,16 ≤ 0.1) is the same at H = 8 and H = 128 (prototype 1000 at both)', () => {
    expect(nStar('coverageMiss', 8)).toBeDefined();
    expect(nStar('coverageMiss', 128)).toBe(nStar('coverageMiss', 8));
  });
});
