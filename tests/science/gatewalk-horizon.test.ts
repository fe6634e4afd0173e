// Published shape of `gatewalk-horizon` (SCIENCE.md "Chapter: Behavior cloning"; SCIENCE-NOTES §1(b) Toy 1A), with
// the notes' configuration (n = 20, 400 data sets per point, exact mode) over three seeds: with parameter sharing
// the sparse regret does not grow with H (ratio H = 128 ÷ H = 4 in [0.8, 1.25]; notes ≈ 1.0) and sits near 1/(2n)
// (in [0.015, 0.035]); the dense regret is linear (log-log slope in [0.85, 1.1]; notes 0.96). Without sharing the
// sparse regret grows (H = 16 ÷ H = 4 ≥ 2.5; notes 3.5) and the dense one is quadratic before saturation (slope over
// H ∈ {4, 8, 16} ≥ 1.6; notes ≈ 1.8–2). Also: determinism, the hidden gust breaking horizon-independence, and the
// tfjs logistic learner (runs, leaks no tensors, is worse than the exact MLE, stops on abort).
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { logLogSlope } from '@/lib/stats';
import type { ParamsOfId } from '@/sims/experiments/catalog';
import type { GatewalkHorizonResult } from '@/sims/experiments/gatewalk-horizon.params';
import { runExperiment } from '@/sims/experiments/run';
import { AbortError, type Point, type RunContext } from '@/sims/experiments/types';
import { initBackend } from '@/sims/policies/backend';

type Result = GatewalkHorizonResult;
type Params = Partial<ParamsOfId<'gatewalk-horizon'>>;
const run = (params: Params, ctx: RunContext<Result>) => runExperiment('gatewalk-horizon', params, ctx);
const at = (series: Point[], H: number) => series.find((p) => p.x === H)!.y;
const slopeOver = (series: Point[], hs: number[]) =>
  logLogSlope(
    hs,
    hs.map((H) => at(series, H)),
  );
const json = (r: Result) => JSON.stringify(r);

const SEEDS = [1, 2, 3];

describe('gatewalk-horizon, exact learner, n = 20, 400 data sets per point (notes §1(b))', () => {
  const results = new Map<number, Result>();
  beforeAll(async () => {
    for (const seed of SEEDS) {
      results.set(seed, await run({ nDemos: 20, hMin: 4, hMax: 128, datasets: 400 }, { seed }));
    }
  });
  const each = (check: (r: Result, seed: number) => void) => {
    for (const seed of SEEDS) check(results.get(seed)!, seed);
  };

  it('runs on H = 4, 8, …, 128 with all four curves and a band around each point', () => {
    each((r) => {
      for (const key of ['sharedSparse', 'perStepSparse', 'sharedDense', 'perStepDense'] as const) {
        expect(r.series[key].map((p) => p.x)).toEqual([4, 8, 16, 32, 64, 128]);
        for (const p of r.series[key]) expect(p.lo! <= p.y && p.y <= p.hi!).toBe(true);
      }
    });
  });

  it('shared, sparse: regret at H = 128 ÷ at H = 4 is in [0.8, 1.25], and every point is in [0.015, 0.035]', () => {
    each((r, seed) => {
      const s = r.series.sharedSparse;
      const ratio = at(s, 128) / at(s, 4);
      expect(ratio, `seed ${seed}`).toBeGreaterThanOrEqual(0.8);
      expect(ratio, `seed ${seed}`).toBeLessThanOrEqual(1.25);
      expect(r.metrics['ratio/sharedSparse']).toBeCloseTo(ratio, 12);
      for (const p of s) {
        expect(p.y).toBeGreaterThanOrEqual(0.015);
        expect(p.y).toBeLessThanOrEqual(0.035);
      }
    });
  });

  it('per-step, sparse: regret at H = 16 ÷ at H = 4 is ≥ 2.5', () => {
    each((r, seed) => {
      const ratio = at(r.series.perStepSparse, 16) / at(r.series.perStepSparse, 4);
      expect(ratio, `seed ${seed}`).toBeGreaterThanOrEqual(2.5);
      expect(r.metrics['ratio/perStepSparse4x']).toBeCloseTo(ratio, 12);
    });
  });

  it('shared, dense: log-log slope over H = 4 … 128 is in [0.85, 1.1]', () => {
    each((r, seed) => {
      const slope = slopeOver(r.series.sharedDense, [4, 8, 16, 32, 64, 128]);
      expect(slope, `seed ${seed}`).toBeGreaterThanOrEqual(0.85);
      expect(slope, `seed ${seed}`).toBeLessThanOrEqual(1.1);
      expect(r.metrics['slope/sharedDense']).toBeCloseTo(slope, 12);
    });
  });

  it('per-step, dense: log-log slope over H ∈ {4, 8, 16} is ≥ 1.6', () => {
    each((r, seed) => {
      const slope = slopeOver(r.series.perStepDense, [4, 8, 16]);
      expect(slope, `seed ${seed}`).toBeGreaterThanOrEqual(1.6);
      expect(r.metrics['slope/perStepDenseShort']).toBeCloseTo(slope, 12);
    });
  });

  it('matches the notes’ small-error theory: shared error ≈ 1/(2nH) (rate −1), per-step dense ≈ H²/(4n) at small H', () => {
    each((r) => {
      expect(r.metrics['rate/shared']).toBeGreaterThan(-1.1);
      expect(r.metrics['rate/shared']).toBeLessThan(-0.9);
      expect(r.metrics['error/perStep']! * 2 * 20).toBeGreaterThan(0.85); // N·E[e] ≈ 0.49 at N = 20 (notes: 0.44–0.50)
      expect(r.metrics['error/perStep']! * 2 * 20).toBeLessThan(1.1);
      expect(at(r.series.perStepDense, 4) / (16 / 80)).toBeGreaterThan(0.9); // notes' prototype: 0.23 vs 0.2
      expect(at(r.series.perStepDense, 4) / (16 / 80)).toBeLessThan(1.35);
    });
  });
});

describe('gatewalk-horizon, determinism and options', () => {
  it('the same seed gives identical JSON; another seed samples other data sets', async () => {
    const small = { hMax: 32, datasets: 100 };
    const a = await run(small, { seed: 11 });
    const b = await run(small, { seed: 11 });
    const c = await run(small, { seed: 12 });
    expect(json(a)).toBe(json(b));
    expect(json(c)).not.toBe(json(a));
    const gusty = { ...small, gust: 0.05 };
    expect(json(await run(gusty, { seed: 11 }))).toBe(json(await run(gusty, { seed: 11 })));
  });

  it('`curves` leaves the unselected series empty', async () => {
    const r = await run({ hMax: 16, datasets: 50, curves: 'sparse' }, { seed: 1 });
    expect(r.series.sharedSparse).toHaveLength(3);
    expect(r.series.perStepSparse).toHaveLength(3);
    expect(r.series.sharedDense).toEqual([]);
    expect(r.series.perStepDense).toEqual([]);
    expect(r.metrics['slope/sharedDense']).toBeUndefined();
  });

  it('a hidden gust (misspecification) makes even the shared regret grow with H', async () => {
    const r = await run({ gust: 0.05, hMax: 64, datasets: 100 }, { seed: 1 });
    // Every step errs with probability ≥ p, so P(fall) ≥ 1 − 0.95^H: 0.19 at H = 4, 0.96 at H = 64.
    expect(at(r.series.sharedSparse, 4)).toBeGreaterThanOrEqual(1 - 0.95 ** 4);
    expect(r.metrics['ratio/sharedSparse']).toBeGreaterThan(4);
    expect(r.metrics['error/shared']).toBeGreaterThan(0.05);
  });
});

describe('gatewalk-horizon, logistic learner in tfjs', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });
  const small = (): Params => ({
    learner: 'logistic',
    curves: 'shared',
    hMin: 4,
    hMax: 16,
    datasets: 50,
    logisticDatasets: 2,
    logisticSteps: 30,
  });

  it('trains, is deterministic for a seed, leaks no tensors, and errs more than the exact MLE', async () => {
    await run({ ...small(), hMax: 4, logisticDatasets: 1, logisticSteps: 10 }, { seed: 1 }); // warm-up
    const before = tf.memory().numTensors;
    const a = await run(small(), { seed: 5 });
    expect(tf.memory().numTensors).toBe(before);
    const b = await run(small(), { seed: 5 });
    expect(json(a)).toBe(json(b));
    expect(a.series.sharedSparse.map((p) => p.x)).toEqual([4, 8, 16]);
    expect(a.series['exact/sharedSparse'].map((p) => p.x)).toEqual([4, 8, 16]);
    expect(a.series.perStepSparse).toEqual([]);
    // Under-trained, the logistic learner is far from the exact MLE's 1/(2n) (the side lesson's slow rate).
    for (const H of [4, 8, 16]) {
      expect(at(a.series.sharedSparse, H)).toBeGreaterThan(at(a.series['exact/sharedSparse'], H));
    }
    expect(a.metrics['slope/exactSharedSparse']).toBeDefined();
  });

  it('stops on abort during training with AbortError and frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const aborted = run(
      { ...small(), logisticSteps: 1000 },
      { seed: 1, signal: controller.signal, onProgress: (p) => (p.fraction > 0.05 ? controller.abort() : undefined) },
    );
    await expect(aborted).rejects.toBeInstanceOf(AbortError);
    expect(tf.memory().numTensors).toBe(before);
  });
});
