// Published shape of `lane-horizon` (SCIENCE.md "Chapter: Compounding error"; SCIENCE-NOTES §2(b) Toy 2A): at
// ε = 0.02, BC's exact cost grows like H² (log-log slope over H ∈ {10, 20, 40} in [1.6, 2.05]; the notes: 1.82),
// DAgger's like H (slope in [0.85, 1.15]; the notes: 1.00), and at H = 80 BC costs ≥ 10× DAgger (EXACT 25.7).
// Checked on the converged policies (the default, exact) and on policies the MLP actually learns at each H.
import { beforeAll, describe, expect, it } from 'vitest';
import { logLogSlope } from '@/lib/stats';
import type { LaneHorizonResult } from '@/sims/experiments/lane-horizon.params';
import { runExperiment } from '@/sims/experiments/run';
import type { Point } from '@/sims/experiments/types';
import { initBackend } from '@/sims/policies/backend';

const at = (series: Point[], H: number) => series.find((p) => p.x === H)!.y;
const slopeOver = (series: Point[], hs: number[]) =>
  logLogSlope(
    hs,
    hs.map((H) => at(series, H)),
  );

describe('lane-horizon, converged policies (exact)', () => {
  let result: LaneHorizonResult;
  beforeAll(async () => {
    result = await runExperiment('lane-horizon', { epsilon: 0.02, hMin: 10, hMax: 80, nHorizons: 4 }, { seed: 0 });
  });

  it('runs on the horizons 10, 20, 40, 80', () => {
    expect(result.series.bc.map((p) => p.x)).toEqual([10, 20, 40, 80]);
  });

  it('BC slope over H ∈ {10, 20, 40} is in [1.6, 2.05]', () => {
    const slope = slopeOver(result.series.bc, [10, 20, 40]);
    expect(slope).toBeGreaterThanOrEqual(1.6);
    expect(slope).toBeLessThanOrEqual(2.05);
  });

  it('DAgger slope over H ∈ {10, 20, 40} is in [0.85, 1.15]', () => {
    const slope = slopeOver(result.series.dagger, [10, 20, 40]);
    expect(slope).toBeGreaterThanOrEqual(0.85);
    expect(slope).toBeLessThanOrEqual(1.15);
  });

  it('BC / DAgger at H = 80 is ≥ 10', () => {
    expect(at(result.series.bc, 80) / at(result.series.dagger, 80)).toBeGreaterThanOrEqual(10);
  });

  it('matches the notes’ EXACT table to 0.5%', () => {
    const notes = { bc: [0.691, 2.478, 8.6, 27.61], dagger: [0.134, 0.268, 0.537, 1.074] };
    [10, 20, 40, 80].forEach((H, i) => {
      expect(Math.abs(at(result.series.bc, H) / notes.bc[i] - 1)).toBeLessThan(0.005);
      expect(Math.abs(at(result.series.dagger, H) / notes.dagger[i] - 1)).toBeLessThan(0.005);
    });
  });

  it('the heatmap: the expert stays in the centre lane, BC spreads', () => {
    const v = result.extras!.visitation as { horizon: number; expert: number[][]; bc: number[][] };
    expect(v.expert).toHaveLength(v.horizon + 1);
    expect(v.expert[v.horizon][6]).toBeGreaterThan(0.98);
    expect(v.bc[v.horizon][6]).toBeLessThan(0.8);
  });
});

describe('lane-horizon, policies trained with the MLP at each H', () => {
  let result: LaneHorizonResult;
  beforeAll(async () => {
    await initBackend('wasm');
    result = await runExperiment('lane-horizon', { policies: 'trained', epsilon: 0.02, hMin: 10, hMax: 40, nHorizons: 3 }, { seed: 0 });
  });

  it('shows the same slopes: BC in [1.6, 2.05], DAgger in [0.85, 1.15]', () => {
    expect(result.series.bc.map((p) => p.x)).toEqual([10, 20, 40]);
    const bc = slopeOver(result.series.bc, [10, 20, 40]);
    const dagger = slopeOver(result.series.dagger, [10, 20, 40]);
    expect(bc).toBeGreaterThanOrEqual(1.6);
    expect(bc).toBeLessThanOrEqual(2.05);
    expect(dagger).toBeGreaterThanOrEqual(0.85);
    expect(dagger).toBeLessThanOrEqual(1.15);
  });

  it('BC learned "stay" everywhere and DAgger the expert near the centre at every H', () => {
    expect(result.metrics['trained/bcIsStay']).toBe(1);
    expect(result.metrics['trained/daggerIsExpert']).toBe(1);
  });
});
