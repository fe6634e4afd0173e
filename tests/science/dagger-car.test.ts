// Published shape of `dagger-car` (SCIENCE.md "Chapter: DAgger"): BC, DAgger and DART on the same track, seeds and
// trembles, with the same number of expert labels; at the largest budget DAgger's and DART's off-track time is ≤ ½ of
// BC's, over 5 seeds. Checked in the mean over the 5 seeds and in every seed, at the defaults (tremble 0.03, DART
// noise 0.1, 3 rounds: 300 → 1200 labels) with the band over 5 seeds. Measured when written (seeds 0–4): at 1200
// labels BC 24.5–27.2 s off the track per 30 s race (mean 25.9), DAgger 0–0.57 s (mean 0.19), DART 0–0.43 s (mean
// 0.13), the expert 0–0.47 s (mean 0.12): ratios ≈ 0.007 and 0.005. Re-measured when the experiment moved onto
// sims/algos (runDart / runDagger; other rng streams): BC 19.6–27.6 s (mean 24.2), DAgger 0–0.47 s (mean 0.16), DART
// 0–0.67 s (mean 0.16), the expert unchanged: both ratios ≈ 0.007. One run of 5 seeds is 50 small trainings: ≈ 6 s
// when the machine is moderately loaded, ≈ 40–70 s under heavy load (the file then exceeds 30 s).
import { beforeAll, describe, expect, it } from 'vitest';
import type { DaggerCarResult } from '@/sims/experiments/dagger-car.params';
import { runExperiment } from '@/sims/experiments/run';
import { initBackend } from '@/sims/policies/backend';

let r: DaggerCarResult;

beforeAll(async () => {
  await initBackend('wasm');
  r = await runExperiment('dagger-car', { seeds: 5 }, { seed: 0 });
}, 900_000);

describe('dagger-car (defaults, band over 5 seeds)', () => {
  it("at the largest budget DAgger's and DART's off-track time is ≤ ½ of BC's (mean over 5 seeds)", () => {
    const m = r.metrics;
    expect(m.seeds).toBe(5);
    expect(m['offTrack/bc']).toBeGreaterThan(1);
    expect(m['offTrack/dagger']).toBeLessThanOrEqual(0.5 * m['offTrack/bc']);
    expect(m['offTrack/dart']).toBeLessThanOrEqual(0.5 * m['offTrack/bc']);
  });

  it('…and in every seed', () => {
    const per = r.extras.perSeed;
    for (let i = 0; i < 5; i++) {
      expect(per.dagger[i]).toBeLessThanOrEqual(0.5 * per.bc[i]);
      expect(per.dart[i]).toBeLessThanOrEqual(0.5 * per.bc[i]);
    }
  });

  it('the series: one point per round, labels growing by a lap, bands around the means; BC and DAgger start equal', () => {
    for (const key of ['bc', 'dagger', 'dart', 'expert'] as const) {
      const s = r.series[`offTrack/${key}`];
      expect(s.map((q) => q.x)).toEqual([300, 600, 900, 1200]);
      for (const q of s) expect(q.lo! <= q.y && q.y <= q.hi!).toBe(true);
    }
    expect(r.series['offTrack/dagger'][0].y).toBe(r.series['offTrack/bc'][0].y);
  });

  it('trajectories of the three cars (and the expert) at the largest budget, from the same start', () => {
    const t = r.trajectories;
    for (const key of ['bc', 'dagger', 'dart', 'expert'] as const) expect(t[key].dims).toEqual([301, 4]);
    expect(t.bc.data[0]).toBe(t.dagger.data[0]);
    expect(t.dart.data[1]).toBe(t.expert.data[1]);
  });
});
