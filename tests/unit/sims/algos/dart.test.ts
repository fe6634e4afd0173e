// DART on LaneKeep (SCIENCE-NOTES §3(b) Toy 3A tests): with the demonstrator trembling at ε_D = 0.3 the learner
// reaches the exact expert-under-tremble cost at H = 40 in ≥ 4 of 5 seeds; with ε_D = 0 DART is exactly BC.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng } from '../../../../lib/rng';
import { trainBc } from '../../../../sims/algos/bc';
import { DART_DEFAULTS, runDart } from '../../../../sims/algos/dart';
import { laneTask } from '../../../../sims/algos/laneTask';
import { DEFAULT_LEARNER } from '../../../../sims/algos/task';
import { AbortError } from '../../../../sims/core/abort';
import { laneEvaluate } from '../../../../sims/envs/lane';
import { laneExpertTable } from '../../../../sims/experts/lane';
import { initBackend } from '../../../../sims/policies/backend';

beforeAll(async () => {
  await initBackend('wasm');
});

const flat = (w: { layers: { W: Float32Array; b: Float32Array }[] }) => w.layers.flatMap((l) => [...l.W, ...l.b]);
const task = laneTask({ epsilon: 0.02, encoding: 'scalar' });

describe('runDart on LaneKeep (Toy 3A)', () => {
  it('defaults: 20 demonstrations with ε_D = 0.3', () => {
    expect(DART_DEFAULTS).toMatchObject({ nDemos: 20, noise: 0.3 });
  });

  it('ε_D = 0.3: cost within 5% of the exact expert-under-tremble value at H = 40 in ≥ 4 of 5 seeds', async () => {
    const expertJ = laneEvaluate(laneExpertTable(), { horizon: 40, epsilon: 0.02 }).J;
    let close = 0;
    for (let seed = 0; seed < 5; seed++) {
      const dart = await runDart(task, { horizon: 40, noise: 0.3 }, makeRng(200 + seed));
      expect(dart.metrics['accuracy/train']).toBeGreaterThanOrEqual(0.99);
      if (Math.abs(dart.metrics['eval/cost'] - expertJ) <= 0.05 * expertJ) close++;
      // The demonstrator's own cost while shaking is what the data cost: ≈ the expert's exact cost at ε = ε_D.
      const demonstratorJ = laneEvaluate(laneExpertTable(), { horizon: 40, epsilon: 0.3 }).J;
      expect(dart.metrics['cost/demonstrator']).toBeGreaterThan(0.6 * demonstratorJ);
      expect(dart.metrics['cost/demonstrator']).toBeLessThan(1.4 * demonstratorJ);
    }
    expect(close).toBeGreaterThanOrEqual(4);
  });

  it('ε_D = 0 is exactly BC (same demonstrations, same weights)', async () => {
    const learner = { ...DEFAULT_LEARNER, train: { ...DEFAULT_LEARNER.train, steps: 30 } };
    const dart = await runDart(task, { horizon: 20, noise: 0, learner }, makeRng(21));
    const bc = await trainBc(task, { horizon: 20, learner }, makeRng(21));
    expect(Array.from(dart.data.x)).toEqual(Array.from(bc.data.x));
    expect(flat(dart.weights)).toEqual(flat(bc.weights));
    expect(dart.metrics['eval/cost']).toBe(bc.metrics['eval/cost']);
  });

  it('leaks no tensors, also when aborted midway', async () => {
    const learner = { ...DEFAULT_LEARNER, train: { ...DEFAULT_LEARNER.train, steps: 30 } };
    await runDart(task, { horizon: 10, learner }, makeRng(1));
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const run = runDart(task, { horizon: 10, learner }, makeRng(2), {
      signal: controller.signal,
      onProgress: (p) => {
        if ((p.metrics['train/step'] ?? 0) >= 10) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(tf.memory().numTensors).toBe(before);
  });
});
