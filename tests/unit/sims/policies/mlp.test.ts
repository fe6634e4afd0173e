// The tfjs learner: it learns (fixed seeds, margins), it agrees with the plain-TS forward, it is reproducible, and it
// leaks no tensors, also when a run is cancelled.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng } from '../../../../lib/rng';
import { AbortError } from '../../../../sims/experiments/types';
import { initBackend, type BackendName } from '../../../../sims/policies/backend';
import { argmax, forward, forwardBatch } from '../../../../sims/policies/forward';
import { DEFAULT_TRAIN_CONFIG, forwardTf, resolveTrainConfig, trainMlp, type Dataset } from '../../../../sims/policies/mlp';
import { initMlpWeights, type MlpSpec, type MlpWeights } from '../../../../sims/policies/weights';

// ---------------------------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------------------------

/** XOR of the signs of two coordinates, with a margin of 0.1 around both axes: separable, but not linearly. */
function xorData(n: number, seed: number): Dataset & { y: Int32Array } {
  const rng = makeRng(seed);
  const x = new Float32Array(2 * n);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = (rng.bernoulli(0.5) ? 1 : -1) * rng.range(0.1, 1);
    const b = (rng.bernoulli(0.5) ? 1 : -1) * rng.range(0.1, 1);
    x[2 * i] = a;
    x[2 * i + 1] = b;
    y[i] = a > 0 !== b > 0 ? 1 : 0;
  }
  return { x, y, n };
}

/** y = sin(x), x uniform on [−2, 2]. */
function sineData(n: number, seed: number): Dataset & { y: Float32Array } {
  const rng = makeRng(seed);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = rng.range(-2, 2);
    y[i] = Math.sin(x[i]);
  }
  return { x, y, n };
}

function accuracy(w: MlpWeights, data: Dataset): number {
  let correct = 0;
  const d = w.spec.inputDim;
  for (let i = 0; i < data.n; i++) if (argmax(forward(w, data.x.subarray(i * d, i * d + d))) === data.y[i]) correct++;
  return correct / data.n;
}

function mse(w: MlpWeights, data: Dataset): number {
  const out = forwardBatch(w, data.x, data.n);
  let total = 0;
  for (let i = 0; i < data.n; i++) total += (out[i] - data.y[i]) ** 2;
  return total / data.n;
}

function flat(w: MlpWeights): number[] {
  return w.layers.flatMap((l) => [...l.W, ...l.b]);
}

const classifier: MlpSpec = { inputDim: 2, hidden: [16, 16], outputDim: 2, head: 'categorical' };
const sineNet: MlpSpec = { inputDim: 1, hidden: [32, 32], outputDim: 1, head: 'regression', activation: 'tanh' };

beforeAll(async () => {
  expect(await initBackend('wasm')).toBe('wasm');
});

async function on<T>(backend: BackendName, fn: () => Promise<T>): Promise<T> {
  expect(await initBackend(backend)).toBe(backend);
  return fn();
}

// ---------------------------------------------------------------------------------------------------------------
// Learning
// ---------------------------------------------------------------------------------------------------------------

describe('trainMlp learns', () => {
  it('a categorical MLP classifies XOR-with-margin to ≥ 0.99 accuracy, on held-out points too', async () => {
    const train = xorData(400, 1);
    const test = xorData(400, 2);
    const start = initMlpWeights(classifier, makeRng(3).stream('init'));
    expect(accuracy(start, train)).toBeLessThan(0.8);
    const { weights, losses } = await trainMlp(classifier, train, { steps: 300, batchSize: 64, learningRate: 0.02 }, makeRng(3));
    expect(accuracy(weights, train)).toBeGreaterThanOrEqual(0.99);
    expect(accuracy(weights, test)).toBeGreaterThanOrEqual(0.98);
    expect(losses[losses.length - 1].loss).toBeLessThan(0.2 * losses[0].loss);
  });

  it('a regression MLP fits sin(x) on [−2, 2], cutting the MSE by ≥ 10× from its initialisation', async () => {
    const train = sineData(256, 4);
    const grid = { x: new Float32Array(101).map((_, i) => -2 + i * 0.04), y: new Float32Array(101), n: 101 };
    grid.y = grid.x.map(Math.sin);
    const before = mse(initMlpWeights(sineNet, makeRng(5).stream('init')), grid);
    const { weights } = await trainMlp(sineNet, train, { steps: 300, batchSize: 64, learningRate: 0.01 }, makeRng(5));
    expect(mse(weights, grid)).toBeLessThan(before / 10);
  });

  it('SGD and soft (probability) labels work too', async () => {
    const data = xorData(200, 6);
    const soft = new Float32Array(2 * data.n);
    for (let i = 0; i < data.n; i++) soft[2 * i + data.y[i]] = 1;
    const config = { steps: 400, batchSize: 50, learningRate: 0.3, optimizer: 'sgd' as const };
    const hard = await trainMlp(classifier, data, config, makeRng(7));
    const probs = await trainMlp(classifier, { ...data, y: soft }, config, makeRng(7));
    expect(accuracy(hard.weights, data)).toBeGreaterThanOrEqual(0.95);
    // One-hot probabilities are the same targets as the indices: the same run.
    expect(flat(probs.weights)).toEqual(flat(hard.weights));
  });

  it('weight decay shrinks the weights', async () => {
    const data = sineData(128, 8);
    const config = { steps: 150, batchSize: 32, learningRate: 0.01 };
    const norm = (w: MlpWeights) => w.layers.reduce((s, l) => s + l.W.reduce((a, v) => a + v * v, 0), 0);
    const plain = await trainMlp(sineNet, data, config, makeRng(9));
    const decayed = await trainMlp(sineNet, data, { ...config, weightDecay: 0.05 }, makeRng(9));
    expect(norm(decayed.weights)).toBeLessThan(0.9 * norm(plain.weights));
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Agreement, reproducibility, bookkeeping
// ---------------------------------------------------------------------------------------------------------------

describe('the plain-TS forward', () => {
  it.each(['wasm', 'cpu'] as const)('matches the tfjs forward to 1e-5 (%s)', async (backend) => {
    const specs: MlpSpec[] = [classifier, sineNet, { inputDim: 3, hidden: [], outputDim: 4, head: 'categorical' }];
    const rng = makeRng(10);
    for (const spec of specs) {
      const n = 64;
      const x = new Float32Array(n * spec.inputDim).map(() => rng.range(-2, 2));
      const y = spec.head === 'categorical' ? new Int32Array(n).map(() => rng.int(spec.outputDim)) : x.map(Math.cos);
      // A few training steps so the biases are not zero.
      const { weights } = await on(backend, () => trainMlp(spec, { x, y, n }, { steps: 20, batchSize: 16, learningRate: 0.05 }, makeRng(11)));
      const viaTf = forwardTf(weights, x, n);
      const viaTs = forwardBatch(weights, x, n);
      for (let i = 0; i < viaTf.length; i++) expect(Math.abs(viaTs[i] - viaTf[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(viaTf[i])));
    }
  });
});

describe('reproducibility', () => {
  const data = xorData(128, 12);
  const config = { steps: 40, batchSize: 32, learningRate: 0.02 };

  it('the initial weights are the same on every backend', async () => {
    const zeroSteps = { ...config, steps: 0 };
    const viaWasm = await on('wasm', () => trainMlp(classifier, data, zeroSteps, makeRng(13)));
    const viaCpu = await on('cpu', () => trainMlp(classifier, data, zeroSteps, makeRng(13)));
    expect(flat(viaWasm.weights)).toEqual(flat(initMlpWeights(classifier, makeRng(13).stream('init'))));
    expect(flat(viaCpu.weights)).toEqual(flat(viaWasm.weights));
  });

  it.each(['cpu', 'wasm'] as const)('same seed ⇒ identical weights after training (%s)', async (backend) => {
    const a = await on(backend, () => trainMlp(classifier, data, config, makeRng(14)));
    const b = await on(backend, () => trainMlp(classifier, data, config, makeRng(14)));
    const c = await on(backend, () => trainMlp(classifier, data, config, makeRng(15)));
    expect(flat(a.weights)).toEqual(flat(b.weights));
    expect(a.losses).toEqual(b.losses);
    expect(flat(c.weights)).not.toEqual(flat(a.weights));
  });

  it('warm-starts from given weights', async () => {
    const first = await trainMlp(classifier, data, config, makeRng(16));
    const resumed = await trainMlp(classifier, data, { ...config, steps: 0 }, makeRng(17), { init: first.weights });
    expect(flat(resumed.weights)).toEqual(flat(first.weights));
    const more = await trainMlp(classifier, data, config, makeRng(17), { init: first.weights });
    expect(more.losses[0].loss).toBeLessThan(first.losses[0].loss);
  });
});

describe('bookkeeping', () => {
  const data = sineData(100, 18);

  it('records losses every lossEvery steps and at the last step, with progress and checkpoints', async () => {
    const progress: number[] = [];
    const checkpoints: number[] = [];
    const { losses } = await trainMlp(sineNet, data, { steps: 25, batchSize: 20, learningRate: 0.01, lossEvery: 10 }, makeRng(19), {
      onProgress: (p) => progress.push(p.step),
      checkpointEvery: 10,
      onCheckpoint: (c) => checkpoints.push(c.step),
    });
    expect(losses.map((l) => l.step)).toEqual([0, 10, 20, 24]);
    expect(progress).toEqual([0, 10, 20, 24]);
    expect(checkpoints).toEqual([10, 20]);
    expect(losses.every((l) => Number.isFinite(l.loss) && l.loss > 0)).toBe(true);
  });

  it('validates its inputs', async () => {
    expect(resolveTrainConfig({})).toEqual(DEFAULT_TRAIN_CONFIG);
    expect(() => resolveTrainConfig({ batchSize: 0 })).toThrow(/batchSize/);
    expect(() => resolveTrainConfig({ learningRate: -1 })).toThrow(/learningRate/);
    await expect(trainMlp(sineNet, { ...data, y: new Float32Array(3) }, {}, makeRng(1))).rejects.toThrow(/Dataset\.y/);
    await expect(trainMlp(classifier, { x: new Float32Array(4), y: new Int32Array([0, 2]), n: 2 }, {}, makeRng(1))).rejects.toThrow(/label 1/);
  });
});

describe('no tensor leaks', () => {
  const data = xorData(200, 20);

  it.each(['wasm', 'cpu'] as const)('after training, with minibatches and full-batch (%s)', async (backend) => {
    await initBackend(backend);
    await trainMlp(classifier, data, { steps: 2, batchSize: 16 }, makeRng(1)); // let lazily created state settle
    const before = tf.memory().numTensors;
    await trainMlp(classifier, data, { steps: 30, batchSize: 16, weightDecay: 0.01 }, makeRng(21));
    await trainMlp(sineNet, sineData(50, 1), { steps: 30, batchSize: 1000, optimizer: 'sgd' }, makeRng(22));
    forwardTf(initMlpWeights(classifier, makeRng(1)), data.x, data.n);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('when the signal aborts midway: AbortError, and every tensor freed', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const run = trainMlp(classifier, data, { steps: 1000, batchSize: 16, lossEvery: 5 }, makeRng(23), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.step === 50) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('when the abort arrives from outside while training runs (event loop yields)', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let steps = 0;
    setTimeout(() => controller.abort(), 20);
    const run = trainMlp(classifier, data, { steps: 100_000, batchSize: 16, lossEvery: 1 }, makeRng(24), {
      signal: controller.signal,
      onProgress: (p) => (steps = p.step),
      yieldEveryMs: 5,
    });
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(steps).toBeLessThan(100_000 - 1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('with an already-aborted signal: AbortError before anything is allocated', async () => {
    const before = tf.memory().numTensors;
    await expect(trainMlp(classifier, data, {}, makeRng(1), { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(tf.memory().numTensors).toBe(before);
  });
});
