// DART on LaneKeep (SCIENCE-NOTES §3(b) Toy 3A tests): with the demonstrator trembling at ε_D = 0.3 the learner
// reaches the exact expert-under-tremble cost at H = 40 in ≥ 4 of 5 seeds; with ε_D = 0 DART is exactly BC.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng } from '../../../../lib/rng';
import { trainBc } from '../../../../sims/algos/bc';
import { DART_DEFAULTS, runDart, type DartRound } from '../../../../sims/algos/dart';
import { laneTask } from '../../../../sims/algos/laneTask';
import { DEFAULT_LEARNER, type AlgoProgress } from '../../../../sims/algos/task';
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

describe('runDart in rounds (Laskey et al.: collect more noisy demonstrations, aggregate, retrain)', () => {
  const learner = { ...DEFAULT_LEARNER, train: { ...DEFAULT_LEARNER.train, steps: 20 }, retrain: { steps: 10 } };
  const small = { horizon: 10, nDemos: 3, nRounds: 2, demosPerRound: 2, noise: 0.3, learner };

  it('defaults to one shot; round 0 of a run in rounds is that one-shot run exactly (same streams)', async () => {
    expect(DART_DEFAULTS.nRounds).toBe(0);
    const once = await runDart(task, { ...small, nRounds: 0 }, makeRng(4));
    const rounds = await runDart(task, small, makeRng(4));
    expect(once.rounds).toHaveLength(1);
    expect(flat(rounds.rounds[0].weights)).toEqual(flat(once.weights));
    expect(rounds.rounds[0].cost).toBe(once.metrics['eval/cost']);
  });

  it('aggregates: D grows by demosPerRound episodes a round, and the earlier rows stay', async () => {
    const r = await runDart(task, small, makeRng(5));
    expect(r.rounds.map((x) => x.dataSize)).toEqual([30, 50, 70]);
    expect(r.rounds.map((x) => x.expertLabels)).toEqual([30, 50, 70]);
    expect(r.metrics['labels/expert']).toBe(70);
    expect(r.metrics['dart/round']).toBe(2);
    const once = await runDart(task, { ...small, nRounds: 0 }, makeRng(5));
    expect(Array.from(r.data.x.subarray(0, 30))).toEqual(Array.from(once.data.x));
    // The demonstrator's cost is the mean over all 7 demonstrations, each round's record its own mean.
    const c = r.rounds.map((x) => x.collectionCost);
    expect(r.metrics['cost/demonstrator']).toBeCloseTo((3 * c[0] + 2 * c[1] + 2 * c[2]) / 7, 12);
    // learner.retrain: the warm-started retrainings take 10 steps, the first fit 20.
    expect(r.losses[r.losses.length - 1].step).toBe(20 + 10 + 10 - 1);
  });

  it('with ε_D = 0 it is BC given more demonstrations: every round’s labels are (y = 0, stay)', async () => {
    const r = await runDart(task, { ...small, noise: 0 }, makeRng(6));
    expect(Array.from(r.data.x).every((x) => x === 0)).toBe(true);
    expect(r.metrics['cost/demonstrator']).toBe(0);
  });

  it('reports each round to onRound, in order, and progress that never goes back', async () => {
    const seen: DartRound[] = [];
    const progress: AlgoProgress[] = [];
    await runDart(task, small, makeRng(7), { onRound: (x) => seen.push(x), onProgress: (p) => progress.push(p) });
    expect(seen.map((x) => x.round)).toEqual([0, 1, 2]);
    expect(seen.every((x) => x.cost !== undefined)).toBe(true);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i].fraction).toBeGreaterThanOrEqual(progress[i - 1].fraction - 1e-12);
    expect(progress[progress.length - 1].fraction).toBe(1);
  });

  it('leaks no tensors when aborted in the middle of a round', async () => {
    await runDart(task, small, makeRng(1));
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const run = runDart(task, small, makeRng(3), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.metrics['dart/round'] === 1 && (p.metrics['train/step'] ?? 0) >= 5) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(tf.memory().numTensors).toBe(before);
  });
});
