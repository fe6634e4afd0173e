// Published shape of `bc-lane` (SCIENCE.md "Chapter: Behavior cloning"; SCIENCE-NOTES §2(b) Toy 2A): behavior
// cloning fits every demonstrated state (accuracy ≥ 0.99), yet deployed with the trembling hand at H = 64, ε = 0.02
// it costs at least 5× the expert (exact: 19.18 vs 0.859, a ratio of 22). The animation shows why: both cars meet the
// same trembles; the expert steps back to the centre, the BC car stays wherever it was pushed.
import { beforeAll, describe, expect, it } from 'vitest';
import type { BcLaneResult } from '@/sims/experiments/bc-lane.params';
import { runExperiment } from '@/sims/experiments/run';
import { initBackend } from '@/sims/policies/backend';

const SEEDS = [0, 1, 2, 3, 4];
const results: BcLaneResult[] = [];

beforeAll(async () => {
  await initBackend('wasm');
  for (const seed of SEEDS) results.push(await runExperiment('bc-lane', { horizon: 64, epsilon: 0.02 }, { seed }));
});

describe('bc-lane (H = 64, ε = 0.02)', () => {
  it('fits the demonstrated states: accuracy/demoStates ≥ 0.99 in every seed', () => {
    for (const r of results) expect(r.metrics['accuracy/demoStates']).toBeGreaterThanOrEqual(0.99);
  });

  it('costs ≥ 5× the expert when deployed, in every seed', () => {
    for (const r of results) {
      expect(r.metrics['cost/expert']).toBeGreaterThan(0);
      expect(r.metrics['cost/bc']).toBeGreaterThanOrEqual(5 * r.metrics['cost/expert']);
    }
  });

  it('the demonstrations cover only the centre lane, and BC spreads over lanes the expert never visits', () => {
    for (const r of results) {
      expect(r.extras.inDemos).toEqual([
        false,
        false,
        false,
        false,
        false,
        false,
        true,
        false,
        false,
        false,
        false,
        false,
        false,
      ]);
      const centre = (key: 'visitation/expert' | 'visitation/bc') => r.series[key].find((p) => p.x === 0)!.y;
      expect(centre('visitation/expert')).toBeGreaterThan(0.98);
      expect(centre('visitation/bc')).toBeLessThan(0.8);
    }
  });

  it('animation: same trembles for both cars; the expert returns, the BC car stays off the centre', () => {
    let clearlyWorse = 0;
    for (const r of results) {
      const bc = Array.from(r.trajectories.bc.data);
      const expert = Array.from(r.trajectories.expert.data);
      expect(r.trajectories.bc.dims).toEqual([65, 1]);
      expect(r.trajectories.expert.dims).toEqual([65, 1]);
      const t0 = bc.findIndex((y) => y !== 0);
      expect(t0).toBeGreaterThan(0); // the BC car leaves the centre…
      expect(expert.slice(0, t0 + 1)).toEqual(bc.slice(0, t0 + 1)); // …pushed by the same tremble as the expert
      expect(expert.slice(t0 + 1, t0 + 4)).toContain(0); // the expert steers straight back
      const off = (ys: number[]) => ys.filter((y) => y !== 0).length;
      expect(off(bc)).toBeGreaterThanOrEqual(off(expert));
      if (off(bc) >= 5 * off(expert)) clearlyWorse++;
    }
    expect(clearlyWorse).toBeGreaterThanOrEqual(4);
  });
});

// Chapter 2 says more data, a one-hot input or more training steps leave BC at the same cost: every demonstration is
// (centre lane, stay), and the network answers "stay" in every lane whatever it is given. Checked over the same seeds.
describe('bc-lane: neither a one-hot input, more demonstrations nor more training change the cost', () => {
  const variants = { onehot: { encoding: 'onehot' }, moreDemos: { nDemos: 100 }, longer: { trainSteps: 600 } } as const;
  const costs: Record<string, number[]> = {};
  beforeAll(async () => {
    await initBackend('wasm');
    for (const [name, change] of Object.entries(variants)) {
      costs[name] = [];
      for (const seed of SEEDS)
        costs[name].push((await runExperiment('bc-lane', { horizon: 64, epsilon: 0.02, ...change }, { seed })).metrics['cost/bc']);
    }
  });

  it('each variant costs what the default does (within 1%), in every seed', () => {
    for (const [name, list] of Object.entries(costs))
      list.forEach((c, i) => expect(Math.abs(c / results[i].metrics['cost/bc'] - 1), `${name}, seed ${SEEDS[i]}`).toBeLessThan(0.01));
  });
});
