// Published shape of `noise-injection` (SCIENCE.md "Chapter: DAgger"; SCIENCE-NOTES §3(b) Toy 3B): with α = 0.5 of
// the 20 demonstrations clean and the rest executed with σ_u = 0.3 uniform noise (clean labels), and a network trained
// per world, for a ∈ {0.9, 1.05}: noise-injected BC has worst-world J_imitation ≤ 0.01 in ≥ 5 of 6 seeds, and its
// fitted β̂ has the sign of −σ and lies within 30% of −σk = ∓0.5. Clean BC on the same seeds blows up in most of them.
// Measured when written (seeds 0–5; 60 training steps of batch 128): noisy β̂ between ∓0.479 and ∓0.544, worst J
// 2.6·10⁻⁴ … 2.5·10⁻³ in every seed and both a; clean BC worst J ≥ 41 in 10 of 12 (seed, a) pairs. Each run trains 4
// small networks (≈ 1.5–7 s per run on this machine under load, so the file takes ≈ 30–50 s there). Re-measured when
// the experiment moved onto sims/algos (trainBc / runDart, one rng shared by all four networks): noisy β̂ between
// ∓0.476 and ∓0.511, worst J 2.9·10⁻⁴ … 4.7·10⁻³; clean BC worst J ≥ 55 in 9 of 12 pairs (3 of 6 at a = 0.9).
// The sweep level 0.05 (added so the prose can quote an identified gain below 0.3), a = 0.9, seeds 0–5: β̂ −0.462 …
// −0.514; at 0.01 it is not identified reliably (−0.198 … −0.493).
import { beforeAll, describe, expect, it } from 'vitest';
import type { NoiseInjectionResult } from '@/sims/experiments/noise-injection.params';
import { runExperiment } from '@/sims/experiments/run';
import { initBackend } from '@/sims/policies/backend';

const SEEDS = [0, 1, 2, 3, 4, 5];
const byA: Record<string, NoiseInjectionResult[]> = { '0.9': [], '1.05': [] };

beforeAll(async () => {
  await initBackend('wasm');
  for (const a of [0.9, 1.05])
    for (const seed of SEEDS) byA[String(a)].push(await runExperiment('noise-injection', { a }, { seed }));
}, 600_000);

describe('noise-injection (σ_u = 0.3, α = 0.5, k = 0.5, 6 seeds)', () => {
  for (const a of ['0.9', '1.05']) {
    it(`a = ${a}: noise-injected BC has worst-world J_imitation ≤ 0.01 in ≥ 5/6 seeds`, () => {
      expect(byA[a].filter((r) => r.metrics['J/worst/noisy'] <= 0.01).length).toBeGreaterThanOrEqual(5);
    });

    it(`a = ${a}: its β̂ has the sign of −σ and lies within 30% of −σk in each world`, () => {
      for (const r of byA[a]) {
        const m = r.metrics;
        expect(m['betaHat/plus']).toBeLessThan(0);
        expect(m['betaHat/minus']).toBeGreaterThan(0);
        expect(Math.abs(m['betaHat/plus'] - -0.5)).toBeLessThanOrEqual(0.3 * 0.5);
        expect(Math.abs(m['betaHat/minus'] - 0.5)).toBeLessThanOrEqual(0.3 * 0.5);
      }
    });
  }

  it('clean BC on the same seeds blows up in the worse world in most of them (the Toy 2C baseline)', () => {
    const all = [...byA['0.9'], ...byA['1.05']];
    expect(all.filter((r) => r.metrics['J/worst/clean'] >= 10).length).toBeGreaterThanOrEqual(7);
    for (const r of all) expect(r.metrics['J/worst/noisy']).toBeLessThan(r.metrics['J/worst/clean'] + 1e-9);
  });

  it('the data cloud: clean demonstrations lie on z = 0, noisy ones form a band around it', () => {
    const r = byA['0.9'][0];
    const cloud = r.extras.cloud;
    expect(cloud.clean.every(([, z]) => z === 0)).toBe(true);
    const zs = cloud.noisy.map(([, z]) => Math.abs(z));
    expect(Math.max(...zs)).toBeGreaterThan(0.1);
    expect(r.metrics['demo/zSpread']).toBeGreaterThan(0.05);
    expect(r.series['betaHat/plus'].map((q) => q.x)).toEqual([0, 0.01, 0.05, 0.3]);
  });

  it('the sweep: at σ_u = 0.05 world +1’s gain is identified in every seed (within 30% of −k); 0.01 is reported too', () => {
    for (const r of [...byA['0.9'], ...byA['1.05']]) {
      const at005 = r.metrics['sweep/0.05/betaHat']!;
      expect(Math.abs(at005 - -0.5)).toBeLessThanOrEqual(0.3 * 0.5);
      expect(r.metrics['sweep/0.01/betaHat']).toBe(r.series['betaHat/plus'].find((q) => q.x === 0.01)!.y);
    }
  });
});
