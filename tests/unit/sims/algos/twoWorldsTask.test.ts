// Two worlds as an imitation task (SCIENCE-NOTES §3(b) Toy 3B): its demonstrations are generateDemos' (clean ones are
// the same numbers in both worlds, noisy ones leave z = 0 but keep the clean labels), its labeller is world σ's
// expert, and trainBc / runDart run on it unchanged.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng } from '../../../../lib/rng';
import { trainBc } from '../../../../sims/algos/bc';
import { runDart } from '../../../../sims/algos/dart';
import { twoWorldsTask } from '../../../../sims/algos/twoWorldsTask';
import { expertAction, generateDemos } from '../../../../sims/experts/twoworlds';
import { initBackend } from '../../../../sims/policies/backend';

beforeAll(async () => {
  await initBackend('wasm');
});

const world = (sigma: number) => twoWorldsTask({ a: 0.9, sigma, cleanFraction: 0.5 });
const learner = { hidden: [8], activation: 'tanh' as const, train: { steps: 5, batchSize: 32 } };

describe('twoWorldsTask', () => {
  it('demonstrates as generateDemos does; clean demonstrations are the same in both worlds', () => {
    const plus = world(1).demonstrate(4, 10, makeRng(1).stream('demos'));
    const minus = world(-1).demonstrate(4, 10, makeRng(1).stream('demos'));
    const ref = generateDemos({ a: 0.9, sigma: 1, nDemos: 4, length: 10 }, makeRng(1).stream('demos'));
    expect(plus.n).toBe(40);
    expect(Array.from(plus.x)).toEqual(Array.from(Float32Array.from(ref.states)));
    expect(Array.from(plus.y)).toEqual(Array.from(minus.y));
    expect(Array.from(plus.x)).toEqual(Array.from(minus.x));
  });

  it('with injected noise the states leave z = 0 and the labels stay the expert’s', () => {
    const d = world(-1).demonstrate(4, 10, makeRng(2), 0.3);
    const z = Array.from({ length: d.n }, (_, i) => d.x[2 * i + 1]);
    expect(z.some((v) => Math.abs(v) > 1e-3)).toBe(true);
    for (let i = 0; i < d.n; i++) {
      const [up, uz] = expertAction(d.x[2 * i], d.x[2 * i + 1], -1);
      expect(d.y[2 * i]).toBeCloseTo(up, 5);
      expect(d.y[2 * i + 1]).toBeCloseTo(uz, 5);
    }
  });

  it('labels with world σ’s expert, and visits as many states as it was asked', () => {
    const task = world(-1);
    expect(Array.from(task.label(Float32Array.of(0.5, 0.2), 1))).toEqual(
      Array.from(Float32Array.from(expertAction(0.5, 0.2, -1))),
    );
    const visited = task.visit(task.expert, 3, 7, makeRng(3));
    expect(visited.n).toBe(21);
    expect(visited.x).toHaveLength(42);
  });

  it('trainBc and runDart run on it; DART without noise is BC', async () => {
    const bc = await trainBc(world(1), { nDemos: 4, horizon: 10, learner }, makeRng(4));
    const dart = await runDart(world(1), { nDemos: 4, horizon: 10, noise: 0, learner }, makeRng(4));
    expect(bc.metrics['data/size']).toBe(40);
    expect(dart.weights.layers.map((l) => Array.from(l.W))).toEqual(bc.weights.layers.map((l) => Array.from(l.W)));
  });
});
