// Published shape of `two-worlds` (SCIENCE.md "Chapter: Compounding error"; SCIENCE-NOTES §2(b) Toy 2C): one MLP
// trained on clean demonstrations that are identical in both worlds, deployed in both. With a = 0.9 — open loop and
// expert closed loop both contracting — at least 3 of 6 seeds still blow up in the worse world (per-step rate
// a + |β̂| ≥ 1.05 and J_imitation ≥ 10 over H = 100; the notes' prototype: 4 of 6); with a = 1.05 at least 5 of 6 have
// J_imitation ≥ 10. On the semilog plot the deviation's fitted growth rate matches the worse world's a + |β̂|
// within 20% of its logarithm. Weight decay pulls β̂ towards 0. (The default run takes ≈ 0.5 s in Node here.)
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParamsOfId } from '@/sims/experiments/catalog';
import { runExperiment } from '@/sims/experiments/run';
import type { TwoWorldsResult } from '@/sims/experiments/two-worlds.params';
import { initBackend } from '@/sims/policies/backend';

const SEEDS = [0, 1, 2, 3, 4, 5];

type Result = TwoWorldsResult;

const run = (overrides: Partial<ParamsOfId<'two-worlds'>>, seed: number): Promise<Result> =>
  runExperiment('two-worlds', overrides, { seed });

const blowsUp = (r: Result) => r.metrics['rate/worst'] >= 1.05 && r.metrics['J/worst'] >= 10;

const stable: Result[] = [];
const unstable: Result[] = [];

beforeAll(async () => {
  await initBackend('wasm');
  for (const seed of SEEDS) stable.push(await run({ a: 0.9 }, seed));
  for (const seed of SEEDS) unstable.push(await run({ a: 1.05 }, seed));
});

describe('two-worlds (k = 0.5, noise 10⁻³, H = 100, 6 seeds)', () => {
  it('the demonstrations are identical in both worlds, and the network fits them', () => {
    for (const r of [...stable, ...unstable]) {
      expect(r.metrics['demo/identical']).toBe(1);
      expect(r.metrics['fit/mse']).toBeLessThan(1e-4);
    }
  });

  it('a = 0.9: in ≥ 3 of 6 seeds the worse world grows at ≥ 1.05 per step and J_imitation ≥ 10', () => {
    expect(stable.filter(blowsUp).length).toBeGreaterThanOrEqual(3);
  });

  it('a = 1.05: in ≥ 5 of 6 seeds J_imitation ≥ 10 in the worse world', () => {
    expect(unstable.filter((r) => r.metrics['J/worst'] >= 10).length).toBeGreaterThanOrEqual(5);
  });

  it('the rates are |a ± β̂|, the worse world is the one with the larger J, and a gain inside the band is safe', () => {
    for (const r of [...stable, ...unstable]) {
      const m = r.metrics;
      expect(m['rate/worst']).toBeCloseTo(Math.max(m['rate/plus'], m['rate/minus']), 12);
      expect(m['J/worst']).toBe(Math.max(m['J/plus'], m['J/minus']));
      if (m['stable/bothWorlds'] === 1) expect(m['J/worst']).toBeLessThan(1);
    }
    for (const r of stable) {
      expect(r.metrics['band/halfWidth']).toBeCloseTo(0.1, 12);
      expect(r.metrics['stable/bothWorlds']).toBe(Math.abs(r.metrics.betaHat) < 0.1 ? 1 : 0);
    }
  });

  it('semilog slope of the worse world’s deviation = log(worst rate) ± 20% where it blows up', () => {
    const diverging = [...stable, ...unstable].filter(blowsUp);
    expect(diverging.length).toBeGreaterThanOrEqual(8);
    for (const r of diverging) {
      const fitted = Math.log(r.metrics['rate/fitted']!);
      const predicted = Math.log(r.metrics['rate/worst']);
      expect(Math.abs(fitted - predicted)).toBeLessThanOrEqual(0.2 * predicted);
    }
  });

  it('the series: deviations for t = 1 … 100 in both worlds, the worse one ending far above the other', () => {
    for (const r of stable.filter(blowsUp)) {
      const plus = r.series['deviation/plus'];
      const minus = r.series['deviation/minus'];
      expect(plus.map((p) => p.x)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(minus).toHaveLength(100);
      const [worse, better] = r.metrics.worstSigma === 1 ? [plus, minus] : [minus, plus];
      expect(worse[99].y).toBeGreaterThan(100 * better[99].y);
    }
  });
});

describe('two-worlds: weight decay', () => {
  it('shrinks |β̂| (two seeds whose β̂ is large without it)', async () => {
    for (const seed of [1, 3]) {
      const decayed = await run({ a: 0.9, weightDecay: 2 }, seed);
      expect(Math.abs(decayed.metrics.betaHat)).toBeLessThan(0.5 * Math.abs(stable[seed].metrics.betaHat));
    }
  });
});

// The chapter (content/compounding-error.mdx) quotes the figures' seed 1 through <Value>, but some of its words depend
// on the sign of β̂, which no Value renders: "It is positive, so world +1 is the one that suffers" at a = 0.9 and
// a = 1.05, "a gain near zero … is unstable in both" with weight decay 5 at a = 1.05, and "inside the band" with
// weight decay 5 at a = 0.9. If a retuning changes these, reword the prose with the test.
describe('two-worlds at the figures’ seed 1: what the chapter says in words', () => {
  it('β̂ > 0 and world +1 is the worse world, at a = 0.9 and a = 1.05', () => {
    for (const r of [stable[1], unstable[1]]) {
      expect(r.metrics.betaHat).toBeGreaterThan(0);
      expect(r.metrics.worstSigma).toBe(1);
      expect(r.metrics['rate/plus']).toBeGreaterThan(1);
      expect(r.metrics['rate/minus']).toBeLessThan(1);
    }
  });

  it('with weight decay 5: inside the band at a = 0.9, unstable in both worlds at a = 1.05', async () => {
    const flat = await run({ a: 0.9, weightDecay: 5 }, 1);
    expect(flat.metrics['stable/bothWorlds']).toBe(1);
    const unstableBoth = await run({ a: 1.05, weightDecay: 5 }, 1);
    expect(unstableBoth.metrics['rate/plus']).toBeGreaterThan(1);
    expect(unstableBoth.metrics['rate/minus']).toBeGreaterThan(1);
  });
});
