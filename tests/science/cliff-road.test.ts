// Published shape of `cliff-road` (SCIENCE.md "Chapter: Beyond behavior cloning"; SCIENCE-NOTES-ch7 §7(b) Toy 7D),
// EXACT (dynamic programming, no seed dependence), p = 0.2, H = 30, 8 iterations:
//   S (racer, full sensor): BC = DAgger = the racer; AggreVaTe ≤ 0.8 × the racer (notes 0.736) with ε_class < 0;
//     API = the best in class;
//   M (careful, coarse sensor): AggreVaTe = the best in class and ≤ 0.9 × DAgger (notes 0.827);
//   pitfall (racer, coarse, last iterate): DAgger steers off the cliff, J ≥ 1.5 × BC (notes 27.70 vs 13.65);
//   robustness over p ∈ {0.1, 0.2, 0.3} × H ∈ {15, 30, 60}: racer/full AggreVaTe < DAgger in ≥ 8/9 cells,
//     careful/coarse AggreVaTe ≤ DAgger in 9/9;
//   panel B: road DAgger/GAIL slope ∈ [0.95, 1.05]; bridge BC and on-policy slopes ∈ [1.6, 2.0] and equal.
import { describe, expect, it } from 'vitest';
import type { ParamsOfId } from '@/sims/experiments/catalog';
import { runExperiment } from '@/sims/experiments/run';

const run = (params: Partial<ParamsOfId<'cliff-road'>>) => runExperiment('cliff-road', params, { seed: 1 });

describe('cliff-road panel A (exact)', () => {
  it('S: a suboptimal expert — action matching copies it, AggreVaTe beats it, API reaches the best in class', async () => {
    const m = (await run({ expert: 'racer', sensor: 'full' })).metrics;
    expect(Math.abs(m['J/bc'] - m['J/expert'])).toBeLessThan(1e-3);
    expect(Math.abs(m['J/dagger'] - m['J/expert'])).toBeLessThan(1e-3);
    expect(m['J/aggrevate']).toBeLessThanOrEqual(0.8 * m['J/expert']);
    expect(m.epsClass).toBeLessThan(0);
    expect(Math.abs(m['J/api'] - m['J/bestInClass'])).toBeLessThan(1e-9);
    // The notes' EXACT numbers (20.38, 15.00, 7.75, ε_class = −0.159).
    expect(m['J/expert']).toBeCloseTo(20.38, 2);
    expect(m['J/aggrevate']).toBeCloseTo(15.0, 2);
    expect(m.epsClass).toBeCloseTo(-0.159, 3);
  });

  it('M: mistakes that differ in cost — AggreVaTe equals the best in class and beats DAgger by ≥ 10 %', async () => {
    const m = (await run({ expert: 'careful', sensor: 'coarse' })).metrics;
    expect(Math.abs(m['J/aggrevate'] - m['J/bestInClass'])).toBeLessThan(1e-9);
    expect(m['J/aggrevate']).toBeLessThanOrEqual(0.9 * m['J/dagger']);
  });

  it('pitfall: DAgger’s last iterate with a racer and a coarse sensor steers off the cliff', async () => {
    const r = await run({ expert: 'racer', sensor: 'coarse', report: 'last' });
    expect(r.metrics['J/dagger']).toBeGreaterThanOrEqual(1.5 * r.metrics['J/bc']);
    expect(r.extras.policies.dagger[0]).toBe(0); // toward the cliff in the edge zone
  });

  it('the label-cost counter: AggreVaTe’s oracle is an expert roll-out, far costlier than DAgger’s one action', async () => {
    const m = (await run({})).metrics;
    expect(m['labels/aggrevate']).toBeGreaterThan(10 * m['labels/dagger']);
  });

  it('robustness over gusts and horizons', async () => {
    let racerWins = 0;
    let carefulNoWorse = 0;
    for (const gust of [0.1, 0.2, 0.3])
      for (const horizon of [15, 30, 60]) {
        const racer = (await run({ expert: 'racer', sensor: 'full', gust, horizon })).metrics;
        const careful = (await run({ expert: 'careful', sensor: 'coarse', gust, horizon })).metrics;
        if (racer['J/aggrevate'] < racer['J/dagger']) racerWins++;
        if (careful['J/aggrevate'] <= careful['J/dagger'] + 1e-9) carefulNoWorse++;
      }
    expect(racerWins).toBeGreaterThanOrEqual(8);
    expect(carefulNoWorse).toBe(9);
  });
});

describe('cliff-road panel B: the recoverability switch (exact)', () => {
  it('road: the on-policy fixed point grows linearly, BC quadratically', async () => {
    const m = (await run({ panel: 'road' })).metrics;
    expect(m['slope/onPolicy']).toBeGreaterThanOrEqual(0.95);
    expect(m['slope/onPolicy']).toBeLessThanOrEqual(1.05);
    expect(m['slope/bc']).toBeGreaterThanOrEqual(1.6);
  });

  it('bridge: BC, DAgger and GAIL coincide and all pay H²', async () => {
    const r = await run({ panel: 'bridge' });
    for (const key of ['slope/bc', 'slope/onPolicy'] as const) {
      expect(r.metrics[key]).toBeGreaterThanOrEqual(1.6);
      expect(r.metrics[key]).toBeLessThanOrEqual(2.0);
    }
    expect(Math.abs(r.metrics['slope/bc'] - r.metrics['slope/onPolicy'])).toBeLessThan(1e-6);
    r.series['regret/bc'].forEach((q, i) =>
      expect(Math.abs(q.y - r.series['regret/onPolicy'][i].y)).toBeLessThan(1e-9),
    );
  });
});
