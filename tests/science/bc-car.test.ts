// Published shape of `bc-car` (SCIENCE.md "Chapter: Compounding error"): BC's off-track time is ≥ 5× the expert's
// under the same tremble, over 5 seeds. We check it in every seed and in the total, at the defaults (10 clean
// demonstrations, tremble 0.03 per step, 3 m/s, races of 400 steps). Measured when the test was written: the clone
// spends 34–38 s of each 40 s race off the road (it crashes in every race), the expert 0–0.4 s; total ratio ≈ 250.
// Also: the failure is not a bad fit (the clone matches the expert's steering on the demonstrations to a few per
// cent), the demonstrations never leave the centre line by more than a few centimetres, both cars of a race meet
// the same trembles, and a seed reproduces the result exactly.
import { beforeAll, describe, expect, it } from 'vitest';
import { wrapAngle } from '@/sims/envs/car';
import type { BcCarResult } from '@/sims/experiments/bc-car.params';
import { runExperiment } from '@/sims/experiments/run';
import { initBackend } from '@/sims/policies/backend';

type Result = BcCarResult;
const SEEDS = [0, 1, 2, 3, 4];
const results: Result[] = [];
const json = (r: Result) => JSON.stringify(r, (_k, v: unknown) => (v instanceof Float32Array ? Array.from(v) : v));

beforeAll(async () => {
  await initBackend('wasm');
  for (const seed of SEEDS) results.push(await runExperiment('bc-car', {}, { seed }));
});

describe('bc-car (defaults: 10 clean demonstrations, tremble 0.03, 3 m/s, 400 steps)', () => {
  it("BC's off-track time is ≥ 5× the expert's in every seed and over the 5 seeds together", () => {
    let expert = 0;
    let bc = 0;
    for (const r of results) {
      expect(r.metrics['offTrack/bc']).toBeGreaterThan(0);
      expect(r.metrics['offTrack/bc']).toBeGreaterThanOrEqual(5 * r.metrics['offTrack/expert']);
      expert += r.metrics['offTrack/expert'];
      bc += r.metrics['offTrack/bc'];
    }
    expect(expert).toBeGreaterThan(0); // the tremble does push the expert off now and then: the ratio is finite
    expect(bc).toBeGreaterThanOrEqual(5 * expert);
  });

  it('the failure is not a bad fit, and the demonstrations hug the centre line', () => {
    for (const r of results) {
      expect(r.metrics['fit/rmse']).toBeLessThan(0.1 * r.metrics['demo/steerRms']);
      expect(r.metrics['demo/maxOffset']).toBeLessThan(0.05);
    }
  });

  it('the series are cumulative off-track time over the race, ending at the metrics', () => {
    for (const r of results) {
      for (const who of ['expert', 'bc'] as const) {
        const s = r.series[`offTrack/${who}`];
        expect(s).toHaveLength(401);
        expect(s[0]).toMatchObject({ x: 0, y: 0 });
        expect(s[400].x).toBeCloseTo(40, 9);
        for (let i = 1; i < s.length; i++) expect(s[i].y).toBeGreaterThanOrEqual(s[i - 1].y);
        expect(s[400].y).toBeCloseTo(r.metrics[`offTrack/${who}`], 9);
      }
    }
  });

  it('the race shown: same start, same trembles (equal executed yaw rate), frames [T + 1, 4]', () => {
    for (const r of results) {
      const e = r.trajectories.expert;
      const b = r.trajectories.bc;
      expect(e.dims).toEqual([401, 4]);
      expect(b.dims).toEqual([401, 4]);
      expect(Array.from(b.data.subarray(0, 4))).toEqual(Array.from(e.data.subarray(0, 4)));
      const trembles = r.extras.trembleSteps;
      expect(trembles.length).toBeGreaterThan(0);
      const crashOffset = r.extras.crashOffset;
      const turn = (d: Float32Array, t: number) => wrapAngle(d[4 * (t + 1) + 2] - d[4 * t + 2]);
      const moving = (d: Float32Array, t: number) => Math.abs(d[4 * (t + 1) + 3]) <= crashOffset;
      let compared = 0;
      for (const t of trembles) {
        if (!moving(e.data, t) || !moving(b.data, t)) continue; // a crashed car stops turning
        expect(Math.abs(turn(e.data, t) - turn(b.data, t))).toBeLessThan(1e-4);
        compared++;
      }
      expect(compared).toBeGreaterThan(0);
    }
  });

  it('is deterministic for a seed, and another seed samples other data', async () => {
    const again = await runExperiment('bc-car', {}, { seed: SEEDS[0] });
    expect(json(again)).toBe(json(results[0]));
    expect(json(results[1])).not.toBe(json(results[0]));
  });
});
