// Published shape of `gva-pendulum` (SCIENCE.md "Chapter: Iterate averaging"; SCIENCE-NOTES §5(b) Toy 5A), seeds
// 0–2, each at the defaults and once with BEMA's snapshot at the initialisation (τ = 0). Thresholds are the notes'
// (§5(b) "Tests"), with no tightening: relative std of the training loss over the last 60 checkpoints ≤ 5 %;
// raw-return std ≥ 0.5·|raw mean|; std(raw)/std(EMA 0.99) ≥ 3; EMA 0.999's early mean (steps 125–600) worse than the
// raw iterate's (lag); BEMA with burn-in τ = 250 has a mean gain within 3 % of EMA 0.99's and std(raw)/std(BEMA) ≥ 3;
// BEMA without burn-in overshoots the expert's first gain component by ≥ 15 %.
// Calibrated offline over seeds 0–5 (2026-12-02, this implementation): loss relStd 1.4 % in every seed;
// std(raw)/std(EMA) 37–98 (seeds 0–2: 97.5, 37.2, 95.1); std(raw)/std(BEMA τ = 250) 8.2–33; early means EMA 0.999
// ≈ −265 vs raw −46 … −69; BEMA gain within 0.3 % of EMA's; BEMA without burn-in overshoots by 31–33 %.
// A default run takes ≈ 3.5 s in Node here, so this file costs ≈ 20 s.
import { beforeAll, describe, expect, it } from 'vitest';
import type { GvaPendulumResult } from '@/sims/experiments/gva-pendulum.params';
import { runExperiment } from '@/sims/experiments/run';

const SEEDS = [0, 1, 2];
const defaults: GvaPendulumResult[] = [];
const noBurnIn: GvaPendulumResult[] = [];

beforeAll(async () => {
  for (const seed of SEEDS) {
    defaults.push(await runExperiment('gva-pendulum', {}, { seed }));
    noBurnIn.push(await runExperiment('gva-pendulum', { bemaBurnIn: 0 }, { seed }));
  }
}, 120_000);

describe('gva-pendulum: a flat loss and a wild return (GVA)', () => {
  it('the training loss wiggles by ≤ 5 % over the last 60 checkpoints', () => {
    for (const r of defaults) expect(r.metrics['loss/relStd']).toBeLessThanOrEqual(0.05);
  });

  it('the raw iterate’s return has std ≥ 0.5 × |mean| over the same checkpoints', () => {
    for (const r of defaults) expect(r.metrics['return/raw/std']).toBeGreaterThanOrEqual(0.5 * Math.abs(r.metrics['return/raw/mean']));
  });
});

describe('gva-pendulum: averaging', () => {
  it('EMA 0.99 cuts the return std by ≥ 3×', () => {
    for (const r of defaults) expect(r.metrics['ratio/rawOverEmaStd']).toBeGreaterThanOrEqual(3);
  });

  it('EMA 0.999 lags: its early mean (steps 125–600) is worse than the raw iterate’s', () => {
    for (const r of defaults) expect(r.metrics['return/emaSlow/earlyMean']).toBeLessThan(r.metrics['return/raw/earlyMean']);
  });

  it('BEMA with burn-in τ = 250: mean gain within 3 % of EMA 0.99’s, and std(raw)/std(BEMA) ≥ 3', () => {
    for (const r of defaults) {
      expect(Math.abs(r.metrics['gain/bema'] / r.metrics['gain/ema'] - 1)).toBeLessThanOrEqual(0.03);
      expect(r.metrics['ratio/rawOverBemaStd']).toBeGreaterThanOrEqual(3);
    }
  });

  it('BEMA without burn-in overshoots the expert’s first gain component by ≥ 15 % (better return, worse imitation)', () => {
    for (const r of noBurnIn) expect(r.metrics['gain/bema/overshoot']).toBeGreaterThanOrEqual(0.15);
  });
});
