// Seeds as a batch dimension (issue #15): N networks trained as one give, seed by seed, exactly the single-seed
// trainer's numbers — bit for bit (Object.is on every float), on wasm and on cpu — and leak no tensors.
//
// Why exact on wasm: the batched trainer runs its forward per seed through the same fused XNNPACK matMul as
// createMlpTrainer, and batches only the backward, whose transposed products go to tfjs-wasm's blocked loop in both
// trainers (batch entries independent, same summation order). A fully batched forward would NOT be exact on wasm:
// a batched [N, B, in]×[N, in, out] product leaves XNNPACK for the blocked loop, which sums in blocks of 48 and adds
// the bias last. The first test pins that fact down, so a tfjs upgrade that changes it shows up here.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng, type Rng } from '../../../../lib/rng';
import { AbortError } from '../../../../sims/experiments/types';
import { initBackend, type BackendName } from '../../../../sims/policies/backend';
import { createMlpTrainer, trainMlp, type Dataset, type TrainConfig } from '../../../../sims/policies/mlp';
import { createMlpSeedTrainer, trainMlpSeeds } from '../../../../sims/policies/mlpSeeds';
import { initMlpWeights, type MlpSpec, type MlpWeights } from '../../../../sims/policies/weights';

// ---------------------------------------------------------------------------------------------------------------
// Data and helpers
// ---------------------------------------------------------------------------------------------------------------

function randomData(spec: MlpSpec, n: number, seed: number): Dataset {
  const rng = makeRng(seed);
  const x = new Float32Array(n * spec.inputDim).map(() => rng.range(-2, 2));
  const y =
    spec.head === 'categorical'
      ? new Int32Array(n).map(() => rng.int(spec.outputDim))
      : new Float32Array(n * spec.outputDim).map(() => rng.normal());
  return { x, y, n };
}

/** Indices of the numbers that differ as floats (Object.is: −0 ≠ +0, NaN = NaN). */
function bitDifferences(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let bad = 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) bad++;
  return bad;
}

function flat(w: MlpWeights): Float32Array {
  return Float32Array.from(w.layers.flatMap((l) => [...l.W, ...l.b]));
}

const lane: MlpSpec = { inputDim: 1, hidden: [64, 64], outputDim: 3, head: 'categorical' };
const car: MlpSpec = { inputDim: 2, hidden: [32, 32], outputDim: 1, head: 'regression' };
const tanhNet: MlpSpec = { inputDim: 3, hidden: [50, 20], outputDim: 2, head: 'regression', activation: 'tanh' };

const seedRngs = (seeds: number[]): Rng[] => seeds.map((s) => makeRng(s));

beforeAll(async () => {
  expect(await initBackend('wasm')).toBe('wasm');
});

async function on(backend: BackendName): Promise<void> {
  expect(await initBackend(backend)).toBe(backend);
}

// ---------------------------------------------------------------------------------------------------------------
// Why the forward runs per seed
// ---------------------------------------------------------------------------------------------------------------

describe('the kernels behind the design', () => {
  it('wasm: a batched matMul slice differs from the fused single matMul; cpu: they agree bit for bit', async () => {
    const [N, B, din, dout] = [3, 128, 64, 3];
    const rng = makeRng(1);
    const rand = (n: number) => new Float32Array(n).map(() => rng.range(-1, 1));
    const [X, W, b] = [rand(N * B * din), rand(N * din * dout), rand(N * dout)];
    const differences = (): number =>
      tf.tidy(() => {
        const batched = tf.add(tf.matMul(tf.tensor3d(X, [N, B, din]), tf.tensor3d(W, [N, din, dout])), tf.tensor3d(b, [N, 1, dout])).dataSync();
        let bad = 0;
        for (let k = 0; k < N; k++) {
          const single = tf.fused.matMul({
            a: tf.tensor2d(X.subarray(k * B * din, (k + 1) * B * din), [B, din]),
            b: tf.tensor2d(W.subarray(k * din * dout, (k + 1) * din * dout), [din, dout]),
            bias: tf.tensor1d(b.subarray(k * dout, (k + 1) * dout)),
          });
          bad += bitDifferences(batched.subarray(k * B * dout, (k + 1) * B * dout), single.dataSync());
        }
        return bad;
      });
    await on('wasm');
    expect(differences()).toBeGreaterThan(0);
    await on('cpu');
    expect(differences()).toBe(0);
    await on('wasm');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Exactness
// ---------------------------------------------------------------------------------------------------------------

interface Case {
  name: string;
  spec: MlpSpec;
  sizes: number[];
  config: Partial<TrainConfig>;
}

const CASES: Case[] = [
  // Different n per seed; the first seed's n equals the batch size, so it trains full-batch beside minibatch seeds.
  { name: 'categorical, Adam, minibatches, weight decay', spec: lane, sizes: [64, 100, 137, 90, 200], config: { steps: 40, batchSize: 64, learningRate: 0.02, weightDecay: 0.01, lossEvery: 7 } },
  { name: 'regression, ReLU, full batch, SGD', spec: car, sizes: [80, 80, 80], config: { steps: 30, batchSize: 500, learningRate: 0.05, optimizer: 'sgd', lossEvery: 5 } },
  { name: 'regression, tanh, minibatches, weight decay', spec: tanhNet, sizes: [120, 70, 300], config: { steps: 40, batchSize: 32, learningRate: 0.01, weightDecay: 0.05, lossEvery: 10 } },
];

describe('each seed equals its single-seed run, bit for bit', () => {
  describe.each(['wasm', 'cpu'] as const)('%s', (backend) => {
    it.each(CASES)('$name', async ({ spec, sizes, config }) => {
      await on(backend);
      const datasets = sizes.map((n, k) => randomData(spec, n, 10 + k));
      const seeds = sizes.map((_, k) => 100 + k);
      const batched = await trainMlpSeeds(spec, datasets, config, seedRngs(seeds));
      for (let k = 0; k < sizes.length; k++) {
        const single = await trainMlp(spec, datasets[k], config, makeRng(seeds[k]));
        expect(bitDifferences(flat(batched.weights[k]), flat(single.weights))).toBe(0);
        expect(batched.losses[k].map((l) => l.step)).toEqual(single.losses.map((l) => l.step));
        expect(bitDifferences(batched.losses[k].map((l) => l.loss), single.losses.map((l) => l.loss))).toBe(0);
      }
      // …and the seeds really trained different networks.
      expect(bitDifferences(flat(batched.weights[0]), flat(batched.weights[1]))).toBeGreaterThan(0);
    });
  });

  it('warm-started from given weights (e.g. DAgger retraining), step by step with the synchronous trainers', async () => {
    await on('wasm');
    const config = { batchSize: 32, learningRate: 0.01 };
    const datasets = [0, 1, 2].map((k) => randomData(car, 100, 20 + k));
    const inits = [0, 1, 2].map((k) => initMlpWeights(car, makeRng(30 + k)));
    const batched = createMlpSeedTrainer(car, datasets, config, seedRngs([40, 41, 42]), inits);
    const singles = datasets.map((d, k) => createMlpTrainer(car, d, config, makeRng(40 + k), inits[k]));
    try {
      expect(batched.seeds).toBe(3);
      for (let s = 0; s < 15; s++) {
        const losses = batched.step(true)!;
        singles.forEach((t, k) => expect(Object.is(losses[k], t.step(true))).toBe(true));
      }
      expect(batched.stepsDone).toBe(15);
      const weights = batched.weights();
      singles.forEach((t, k) => expect(bitDifferences(flat(weights[k]), flat(t.weights()))).toBe(0));
    } finally {
      batched.dispose();
      singles.forEach((t) => t.dispose());
    }
  });

  it('one seed is the single-seed trainer', async () => {
    await on('wasm');
    const data = randomData(lane, 150, 50);
    const config = { steps: 20, batchSize: 40, learningRate: 0.02 };
    const [batched, single] = [await trainMlpSeeds(lane, [data], config, [makeRng(51)]), await trainMlp(lane, data, config, makeRng(51))];
    expect(bitDifferences(flat(batched.weights[0]), flat(single.weights))).toBe(0);
  });
});

describe("the experimental 'xnnpack' backward", () => {
  it.each(['wasm', 'cpu'] as const)('each seed equals the same trainer run with that seed alone, bit for bit (%s)', async (backend) => {
    await on(backend);
    const config = { batchSize: 32, learningRate: 0.02, weightDecay: 0.01 };
    for (const spec of [lane, tanhNet]) {
      const datasets = [0, 1, 2].map((k) => randomData(spec, 90 + 20 * k, 80 + k));
      const before = tf.memory().numTensors;
      const batched = createMlpSeedTrainer(spec, datasets, config, seedRngs([1, 2, 3]), undefined, { backward: 'xnnpack' });
      const alone = datasets.map((d, k) => createMlpSeedTrainer(spec, [d], config, [makeRng(1 + k)], undefined, { backward: 'xnnpack' }));
      const reference = datasets.map((d, k) => createMlpTrainer(spec, d, config, makeRng(1 + k)));
      for (let s = 0; s < 20; s++) {
        const losses = batched.step(true)!;
        alone.forEach((t, k) => expect(Object.is(t.step(true)![0], losses[k])).toBe(true));
        reference.forEach((t) => t.step());
      }
      const weights = batched.weights();
      alone.forEach((t, k) => expect(bitDifferences(flat(t.weights()[0]), flat(weights[k]))).toBe(0));
      // Not createMlpTrainer's rounding, but the same training up to float32 noise.
      reference.forEach((t, k) => {
        const [a, b] = [flat(t.weights()), flat(weights[k])];
        for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-4);
      });
      [batched, ...alone, ...reference].forEach((t) => t.dispose());
      expect(tf.memory().numTensors).toBe(before);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Bookkeeping
// ---------------------------------------------------------------------------------------------------------------

describe('bookkeeping', () => {
  it('reports every seed’s loss per recorded step, and checkpoints every seed', async () => {
    const datasets = [0, 1].map((k) => randomData(car, 60, 60 + k));
    const progress: { step: number; seeds: number }[] = [];
    const checkpoints: number[] = [];
    const { losses } = await trainMlpSeeds(car, datasets, { steps: 25, batchSize: 20, lossEvery: 10 }, seedRngs([61, 62]), {
      onProgress: (p) => progress.push({ step: p.step, seeds: p.losses.length }),
      checkpointEvery: 10,
      onCheckpoint: (c) => checkpoints.push(c.weights.length * 100 + c.step),
    });
    expect(progress).toEqual([0, 10, 20, 24].map((step) => ({ step, seeds: 2 })));
    expect(checkpoints).toEqual([210, 220]);
    expect(losses.map((l) => l.map((e) => e.step))).toEqual([
      [0, 10, 20, 24],
      [0, 10, 20, 24],
    ]);
  });

  it('rejects seeds whose minibatch sizes differ, and mismatched rngs or inits, naming the problem', async () => {
    await on('wasm');
    const [small, big] = [randomData(car, 50, 1), randomData(car, 200, 2)];
    expect(() => createMlpSeedTrainer(car, [big, small], { batchSize: 64 }, seedRngs([1, 2]))).toThrow(/same minibatch size.*data set 1 has n = 50/);
    expect(() => createMlpSeedTrainer(car, [big, big], {}, seedRngs([1]))).toThrow(/2 data sets but 1 rngs/);
    expect(() => createMlpSeedTrainer(car, [big], {}, seedRngs([1]), [])).toThrow(/1 data sets but 0 initial weights/);
    expect(() => createMlpSeedTrainer(car, [], {}, [])).toThrow(/at least one/);
    await expect(trainMlpSeeds(car, [{ ...big, y: new Float32Array(3) }], {}, seedRngs([1]))).rejects.toThrow(/Dataset\.y/);
  });
});

describe('no tensor leaks', () => {
  const datasets = [0, 1, 2].map((k) => randomData(lane, 200, 70 + k));

  it.each(['wasm', 'cpu'] as const)('after training and dispose, minibatch and full-batch (%s)', async (backend) => {
    await on(backend);
    await trainMlpSeeds(lane, datasets, { steps: 2, batchSize: 16 }, seedRngs([1, 2, 3])); // let lazy state settle
    const before = tf.memory().numTensors;
    await trainMlpSeeds(lane, datasets, { steps: 20, batchSize: 16, weightDecay: 0.01, lossEvery: 3 }, seedRngs([4, 5, 6]));
    await trainMlpSeeds(tanhNet, [0, 1].map((k) => randomData(tanhNet, 40, k)), { steps: 20, batchSize: 1000, optimizer: 'sgd' }, seedRngs([7, 8]));
    const trainer = createMlpSeedTrainer(car, [0, 1].map((k) => randomData(car, 50, k)), { batchSize: 10 }, seedRngs([9, 10]));
    trainer.step(true);
    trainer.weights();
    trainer.dispose();
    trainer.dispose(); // idempotent
    expect(() => trainer.step()).toThrow(/disposed/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('when the signal aborts midway: AbortError, and every tensor freed', async () => {
    await on('wasm');
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const run = trainMlpSeeds(lane, datasets, { steps: 1000, batchSize: 16, lossEvery: 5 }, seedRngs([1, 2, 3]), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.step === 30) controller.abort();
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
    const run = trainMlpSeeds(lane, datasets, { steps: 100_000, batchSize: 16, lossEvery: 1 }, seedRngs([1, 2, 3]), {
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
    await expect(trainMlpSeeds(lane, datasets, {}, seedRngs([1, 2, 3]), { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(tf.memory().numTensors).toBe(before);
  });
});
