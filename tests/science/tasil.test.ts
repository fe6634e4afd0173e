// Published shape of `tasil` (SCIENCE.md "Chapter: Beyond behavior cloning"; SCIENCE-NOTES-ch7 §7(b) Toy 7E), on the
// training seeds 1–6 with the notes' learner (4 demonstrations of 100 steps, 2 → 32 → 1 tanh MLP, 1500 Adam steps):
//   BC diverges (J ≥ 10) in ≥ 3/6 seeds at a = 0.9 and at a = 1.05 (notes: 4/6 each; JS seeds 1–10: 9/10 and 9/10);
//   TaSIL tracks (J ≤ 0.1) in ≥ 5/6 seeds at both a, its mean gain within 10 % of the expert's −k in ≥ 5/6
//     (notes 6/6; JS 10/10);
//   BC on noise-injected demonstrations recovers the gain (within 25 % of −k in ≥ 5/6) and tracks in ≥ 4/6 (a = 0.9);
//   TaSIL's fit of the actions on the demonstration states is not worse than BC's by more than 2× (it is better).
// The thresholds were recalibrated on JS seeds 1–10 (the report of the branch that added this test).
import { beforeAll, describe, expect, it } from 'vitest';
import type { TasilResult } from '@/sims/experiments/tasil.params';
import { runExperiment } from '@/sims/experiments/run';

const SEEDS = 6;
const train = (method: 'bc' | 'tasil' | 'noise', a: number) =>
  runExperiment('tasil', { method, a, seeds: SEEDS }, { seed: 1 });
const count = (r: TasilResult, ok: (s: TasilResult['extras']['perSeed'][number]) => boolean) =>
  r.extras.perSeed.filter(ok).length;
const gainWithin = (r: TasilResult, tolerance: number) =>
  count(r, (s) => Math.abs(s.gain / r.metrics['gain/expert'] - 1) <= tolerance);

describe.each([0.9, 1.05])('tasil at a = %s', (a) => {
  let bc: TasilResult;
  let tasil: TasilResult;
  beforeAll(async () => {
    bc = await train('bc', a);
    tasil = await train('tasil', a);
  }, 120_000);

  it('BC diverges (J ≥ 10) in at least 3 of 6 seeds', () => {
    expect(bc.extras.perSeed).toHaveLength(SEEDS);
    expect(count(bc, (s) => s.J >= 10)).toBeGreaterThanOrEqual(3);
  });

  it('TaSIL tracks (J ≤ 0.1) in at least 5 of 6 seeds, with the gain within 10 % of the expert’s', () => {
    expect(count(tasil, (s) => s.J <= 0.1)).toBeGreaterThanOrEqual(5);
    expect(gainWithin(tasil, 0.1)).toBeGreaterThanOrEqual(5);
  });

  it('TaSIL’s fit of the actions is not worse than BC’s by more than 2×', () => {
    expect(tasil.metrics['rmse/train']).toBeLessThanOrEqual(2 * bc.metrics['rmse/train']);
  });
});

describe('tasil: BC on noise-injected demonstrations (a = 0.9)', () => {
  let noise: TasilResult;
  beforeAll(async () => {
    noise = await train('noise', 0.9);
  }, 120_000);

  it('recovers the gain (within 25 % of −k in ≥ 5/6 seeds) and tracks in ≥ 4/6', () => {
    expect(gainWithin(noise, 0.25)).toBeGreaterThanOrEqual(5);
    expect(count(noise, (s) => s.J <= 0.1)).toBeGreaterThanOrEqual(4);
  });
});
