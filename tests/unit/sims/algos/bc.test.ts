// Behavior cloning on LaneKeep: it learns every demonstrated state (SCIENCE.md: accuracy ≥ 0.99), from clean demos
// it learns "stay" everywhere (Toy 2A), it is reproducible, and it leaks no tensors — also when aborted midway.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng } from '../../../../lib/rng';
import { BC_DEFAULTS, trainBc } from '../../../../sims/algos/bc';
import { laneGreedyTable, laneTask } from '../../../../sims/algos/laneTask';
import { DEFAULT_LEARNER, labelAccuracy, type AlgoProgress } from '../../../../sims/algos/task';
import { AbortError } from '../../../../sims/core/abort';
import { STAY, laneConstantTable, laneEvaluate } from '../../../../sims/envs/lane';
import { initBackend } from '../../../../sims/policies/backend';

beforeAll(async () => {
  await initBackend('wasm');
});

const flat = (w: { layers: { W: Float32Array; b: Float32Array }[] }) => w.layers.flatMap((l) => [...l.W, ...l.b]);

describe('trainBc on LaneKeep', () => {
  it('defaults follow Toy 2A: 20 demonstrations, a 32-unit tanh MLP, Adam at 0.02', () => {
    expect(BC_DEFAULTS).toMatchObject({ nDemos: 20, horizon: 40 });
    expect(DEFAULT_LEARNER).toMatchObject({
      hidden: [32],
      activation: 'tanh',
      train: { learningRate: 0.02, optimizer: 'adam' },
    });
  });

  it('learns the demonstrated states (accuracy ≥ 0.99), and from clean demos that is "stay" everywhere', async () => {
    for (const encoding of ['scalar', 'onehot'] as const) {
      const task = laneTask({ epsilon: 0.02, encoding });
      const bc = await trainBc(task, { nDemos: 20, horizon: 40 }, makeRng(11));
      expect(bc.metrics['accuracy/train']).toBeGreaterThanOrEqual(0.99);
      expect(labelAccuracy(bc.weights, bc.data)).toBe(bc.metrics['accuracy/train']);
      expect(bc.metrics['data/size']).toBe(800);
      expect(bc.metrics['cost/demonstrator']).toBe(0);
      // The clean demonstrations only contain the centre lane: the learned table is "stay" there...
      expect(laneGreedyTable(bc.weights, encoding)[6]).toBe(STAY);
      if (encoding === 'scalar') {
        // ...and with the scalar input it is "stay" everywhere, so its exact cost is the stay policy's (Toy 2A).
        expect(laneGreedyTable(bc.weights, encoding)).toEqual(laneConstantTable(STAY));
        expect(bc.metrics['eval/cost']).toBeCloseTo(
          laneEvaluate(laneConstantTable(STAY), { horizon: 40, epsilon: 0.02 }).J,
          10,
        );
      }
    }
  });

  it('learns many demonstrated states too: on noisy demonstrations it fits every (y, −sign y) pair it saw', async () => {
    const task = laneTask({ epsilon: 0.02, encoding: 'scalar' });
    // BC on data that happen to contain recoveries (here from a trembling demonstrator) — what DART builds on.
    const noisyTask = {
      ...task,
      demonstrate: (n: number, h: number, rng: ReturnType<typeof makeRng>) => task.demonstrate(n, h, rng, 0.3),
    };
    const bc = await trainBc(noisyTask, { nDemos: 20, horizon: 40 }, makeRng(12));
    expect(new Set(bc.data.x).size).toBeGreaterThanOrEqual(3);
    expect(bc.metrics['accuracy/train']).toBeGreaterThanOrEqual(0.99);
  });

  it('is deterministic for a seed, and the seed matters', async () => {
    const task = laneTask({ epsilon: 0.02, encoding: 'scalar' });
    const learner = { ...DEFAULT_LEARNER, train: { ...DEFAULT_LEARNER.train, steps: 20 } };
    const a = await trainBc(task, { horizon: 10, learner }, makeRng(5));
    const b = await trainBc(task, { horizon: 10, learner }, makeRng(5));
    const c = await trainBc(task, { horizon: 10, learner }, makeRng(6));
    expect(flat(a.weights)).toEqual(flat(b.weights));
    expect(a.losses).toEqual(b.losses);
    expect(flat(a.weights)).not.toEqual(flat(c.weights));
  });

  it('reports progress with namespaced metrics, ending at 1', async () => {
    const task = laneTask({ epsilon: 0.02, encoding: 'scalar' });
    const learner = { ...DEFAULT_LEARNER, train: { ...DEFAULT_LEARNER.train, steps: 20 } };
    const seen: AlgoProgress[] = [];
    await trainBc(task, { horizon: 10, learner }, makeRng(5), { onProgress: (p) => seen.push(p) });
    expect(seen.some((p) => p.metrics['loss/train'] !== undefined && p.metrics['train/step'] !== undefined)).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i].fraction).toBeGreaterThanOrEqual(seen[i - 1].fraction);
    expect(seen[seen.length - 1].fraction).toBe(1);
    expect(seen[seen.length - 1].metrics['eval/cost']).toBeGreaterThan(0);
  });

  it('leaks no tensors, also when aborted midway (AbortError)', async () => {
    const task = laneTask({ epsilon: 0.02, encoding: 'onehot' });
    const learner = { ...DEFAULT_LEARNER, train: { ...DEFAULT_LEARNER.train, steps: 40 } };
    await trainBc(task, { horizon: 10, learner }, makeRng(1)); // warm-up: lazily created tfjs state
    const before = tf.memory().numTensors;
    await trainBc(task, { horizon: 10, learner }, makeRng(2));
    expect(tf.memory().numTensors).toBe(before);

    const controller = new AbortController();
    const run = trainBc(task, { horizon: 10, learner }, makeRng(3), {
      signal: controller.signal,
      onProgress: (p) => {
        if ((p.metrics['train/step'] ?? 0) >= 10) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(tf.memory().numTensors).toBe(before);

    const aborted = new AbortController();
    aborted.abort();
    await expect(
      trainBc(task, { horizon: 10, learner }, makeRng(3), { signal: aborted.signal }),
    ).rejects.toBeInstanceOf(AbortError);
    expect(tf.memory().numTensors).toBe(before);
  });
});
