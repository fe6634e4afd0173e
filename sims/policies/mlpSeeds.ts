/**
 * Seeds as a batch dimension: N independent MLPs (one per seed) trained as one tfjs computation (issue #15).
 *
 *   params   one variable [N, total]: row k is seed k's network, in the flat layout of `createMlpTrainer`
 *   repeat   seed k draws its own minibatch from its own data with its own rng.stream('minibatches')
 *            loss = Σ_k (seed k's mean loss + its (λ/2)·Σ‖W‖²): each seed's gradient is its own
 *            one Adam or SGD update of the whole [N, total] variable (elementwise, so per seed as before)
 *   return   N MlpWeights, read out once
 *
 * Exactness. Seed k's weights, losses and minibatches equal those of
 * `createMlpTrainer(spec, datasets[k], config, rngs[k])` bit for bit, on wasm and on cpu (tests/unit/sims/policies/
 * mlpSeeds.test.ts). That needs care on wasm, whose matMul has two kernels (tfjs-backend-wasm batch_mat_mul_impl.cc):
 * an unbatched, untransposed product goes to XNNPACK, which starts each sum from the bias and orders it its own way;
 * anything batched or transposed goes to a blocked loop that sums in blocks of 48. A batched forward [N, B, in] ×
 * [N, in, out] would therefore round differently from the single-seed trainer's fused forward. So:
 *   - the forward runs per seed: N fused matMuls per layer, the very kernel `createMlpTrainer` calls;
 *   - the backward is one batched matMul per weight gradient and per input gradient (a custom gradient): the
 *     single-seed trainer's backward already uses transposed products, i.e. the blocked loop, which treats each batch
 *     entry independently, so batching it changes no bit (checked empirically on both backends);
 *   - the loss, the weight decay and the optimizer are batched tfjs ops over the seed axis: elementwise or reduced
 *     per row, in the same order as the single-seed ops.
 * The backward and the update dispatch as many kernels as one seed's; the forward about 2N + 2 per layer.
 *
 * Cost. Exactness pins each seed's backward to the same (scalar, blocked) wasm matMul loop the single-seed trainer
 * uses, so a batched step still does N seeds' backward arithmetic: batching saves the per-kernel overhead, the
 * optimizer's and the loss's kernels, not the multiply–adds. `npm run bench` prints what that buys (issue #15 asked
 * for a 5-seed band at ≤ 1.5× one seed; with exactness that holds only where a step is overhead-bound). The option
 * `backward: 'xnnpack'` (experimental) routes the backward's products through XNNPACK instead: several times faster,
 * but then no longer bit-identical to createMlpTrainer (only to itself run with one seed).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../lib/rng';
import { checkpoint, throwIfAborted } from '../core/abort';
import { ensureBackend } from './backend';
import {
  assertGradientsRegistered,
  checkedTargets,
  flatLayout,
  flattenWeights,
  gatherRows,
  MinibatchSampler,
  now,
  resolveTrainConfig,
  unflattenWeights,
  type Dataset,
  type TrainConfig,
  type TrainOptions,
} from './mlp';
import { activationOf, initMlpWeights, validateSpec, validateWeights, type MlpSpec, type MlpWeights } from './weights';

// ---------------------------------------------------------------------------------------------------------------
// The trainer
// ---------------------------------------------------------------------------------------------------------------

export interface MlpSeedTrainer {
  readonly spec: MlpSpec;
  /** Number of seeds N. */
  readonly seeds: number;
  /** Updates applied so far (the same for every seed). */
  readonly stepsDone: number;
  /** One optimizer update of every seed's network; returns each seed's minibatch loss (before the update) if asked. */
  step(recordLoss?: boolean): Float32Array | undefined;
  /** Every seed's current weights, copied out of tfjs with one read. */
  weights(): MlpWeights[];
  /** Frees every tensor and variable the trainer owns (idempotent). */
  dispose(): void;
}

export interface SeedTrainerOptions {
  /**
   * How the backward's matrix products run. 'blocked' (default): batched, through the same wasm kernel as
   * createMlpTrainer's backward, so every seed equals its single-seed run bit for bit. 'xnnpack' (experimental):
   * per seed, each transposed operand transposed explicitly so the product takes XNNPACK's SIMD kernel, 4–14× faster
   * per product on wasm; each seed then equals this trainer's own N = 1 run bit for bit, but NOT createMlpTrainer's.
   */
  backward?: 'blocked' | 'xnnpack';
}

interface SeedData {
  x: Float32Array;
  targets: Float32Array;
  n: number;
  sampler: MinibatchSampler;
  /** This seed's whole data set is its minibatch (batchSize ≥ n): no draws from its sampler, as in createMlpTrainer. */
  fullBatch: boolean;
}

/**
 * A synchronous trainer of N = `datasets.length` networks of one `spec`, seed k on `datasets[k]` with `rngs[k]`
 * (and `inits[k]` if given). Every seed must get the same minibatch size, min(batchSize, n_k): data sets may differ in
 * size only when all of them have at least `batchSize` examples. Needs a started backend.
 */
export function createMlpSeedTrainer(
  spec: MlpSpec,
  datasets: Dataset[],
  config: Partial<TrainConfig>,
  rngs: Rng[],
  inits?: MlpWeights[],
  options: SeedTrainerOptions = {},
): MlpSeedTrainer {
  validateSpec(spec);
  const backward = options.backward ?? 'blocked';
  const cfg = resolveTrainConfig(config);
  const N = datasets.length;
  if (N < 1) throw new RangeError('createMlpSeedTrainer needs at least one data set');
  if (rngs.length !== N) throw new RangeError(`createMlpSeedTrainer: ${N} data sets but ${rngs.length} rngs`);
  if (inits !== undefined && inits.length !== N) throw new RangeError(`createMlpSeedTrainer: ${N} data sets but ${inits.length} initial weights`);
  inits?.forEach((w) => validateWeights(w, spec));
  const batchSize = Math.min(cfg.batchSize, datasets[0].n);
  const seedData: SeedData[] = datasets.map((data, k) => {
    const targets = checkedTargets(spec, data);
    if (Math.min(cfg.batchSize, data.n) !== batchSize) {
      throw new RangeError(
        `createMlpSeedTrainer: every seed needs the same minibatch size, but data set ${k} has n = ${data.n} ` +
          `(batch ${Math.min(cfg.batchSize, data.n)}) and data set 0 has n = ${datasets[0].n} (batch ${batchSize})`,
      );
    }
    return { x: data.x, targets, n: data.n, sampler: new MinibatchSampler(data.n, rngs[k].stream('minibatches')), fullBatch: batchSize === data.n };
  });
  assertGradientsRegistered();

  const { inputDim, outputDim } = spec;
  const { shapes, offsets, total } = flatLayout(spec);
  const L = shapes.length;
  const tanh = activationOf(spec) === 'tanh';

  // Initial weights drawn in TypeScript from each seed's own 'init' stream, exactly as createMlpTrainer does.
  const flat = new Float32Array(N * total);
  for (let k = 0; k < N; k++) flat.set(flattenWeights(inits?.[k] ?? initMlpWeights(spec, rngs[k].stream('init'))), k * total);
  // Flat, [N·total] (seed k's network at k·total): a bias must be a slice of a rank-1 tensor, because the wasm fused
  // matMul checks the rank of the bias's underlying data, not of the view it is given.
  const params = tf.tidy(() => tf.variable(tf.tensor1d(flat)));
  const optimizer = cfg.optimizer === 'adam' ? tf.train.adam(cfg.learningRate, 0.9, 0.999, 1e-7) : tf.train.sgd(cfg.learningRate);

  // When every seed trains full-batch, the data stay in tfjs for the whole run (copied, as in createMlpTrainer).
  const allFull = seedData.every((d) => d.fullBatch);
  const stackRows = (pick: (d: SeedData) => Float32Array, width: number, rows: (Int32Array | null)[]): Float32Array => {
    const out = new Float32Array(N * batchSize * width);
    seedData.forEach((d, k) => {
      const source = pick(d);
      out.set(rows[k] === null ? source.subarray(0, batchSize * width) : gatherRows(source, width, rows[k]!), k * batchSize * width);
    });
    return out;
  };
  const noRows = seedData.map(() => null);
  /** A step's inputs, batched [N, B, inputDim] (for the backward) and per seed [B, inputDim] (for the forward). */
  const inputTensors = (rows: (Int32Array | null)[]) => {
    const values = stackRows((d) => d.x, inputDim, rows);
    const size = batchSize * inputDim;
    return {
      x: tf.tensor3d(values, [N, batchSize, inputDim]),
      xs: seedData.map((_, k) => tf.tensor2d(values.subarray(k * size, (k + 1) * size), [batchSize, inputDim])),
    };
  };
  const targetTensor = (rows: (Int32Array | null)[]) => tf.tensor3d(stackRows((d) => d.targets, outputDim, rows), [N, batchSize, outputDim]);
  const resident = allFull ? { ...inputTensors(noRows), t: targetTensor(noRows) } : null;

  /** Layer l's weights of every seed, [N, in·out]: a slice of `p` (the flat parameters), so gradients reach it. */
  const weightRows = (p: tf.Tensor, l: number) =>
    tf.slice(tf.reshape(p, [N, total]), [0, offsets[l].w], [N, shapes[l].inDim * shapes[l].outDim]) as tf.Tensor2D;
  // Layer l's W of every seed is gathered from the parameters (viewed as [N, total]) by column index: on wasm a
  // slice first copies its whole source out of the heap (readSync), so N·L slices of the [N·total] vector would cost
  // O(N²·total) per step. The biases are gathered all at once into a small vector and sliced from it, because the
  // wasm fused matMul wants a bias whose underlying data is rank 1 (it checks the data, not the view), which only a
  // slice of a vector gives.
  const range = (start: number, length: number) => Int32Array.from({ length }, (_, i) => start + i);
  const weightIndices = shapes.map(({ inDim, outDim }, l) => tf.tensor1d(range(offsets[l].w, inDim * outDim), 'int32'));
  const biasWidth = shapes.reduce((sum, { outDim }) => sum + outDim, 0);
  const biasOffsets = shapes.map((_, l) => shapes.slice(0, l).reduce((sum, { outDim }) => sum + outDim, 0));
  const biasIndices = tf.tensor1d(
    Int32Array.from({ length: N * biasWidth }, (_, i) => {
      const [k, j] = [Math.floor(i / biasWidth), i % biasWidth];
      const l = biasOffsets.findLastIndex((o) => o <= j);
      return k * total + offsets[l].b + (j - biasOffsets[l]);
    }),
    'int32',
  );

  // Where the 'xnnpack' backward finds each seed's layer input and W among the saved tensors (after 3L batched ones).
  const seedInputs = (saved: tf.Tensor[], l: number) => saved.slice(3 * L + 2 * N * l, 3 * L + 2 * N * l + N) as tf.Tensor2D[];
  const seedWeights = (saved: tf.Tensor[], l: number) => saved.slice(3 * L + 2 * N * l + N, 3 * L + 2 * N * (l + 1)) as tf.Tensor2D[];

  /**
   * The N networks' outputs [N, B, outputDim] for inputs x [N, B, inputDim], as a function of the parameters with a
   * hand-written gradient: per-seed forward, batched backward (see the file header for why).
   */
  const forwardSeeds = (x: tf.Tensor3D, xs: tf.Tensor2D[]) =>
    tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [p, save] = args as [tf.Tensor, tf.GradSaveFunc];
      const inputs: tf.Tensor3D[] = []; // what each layer saw, [N, B, in]: the backward needs them batched
      const Ws: tf.Tensor3D[] = [];
      const perSeed: tf.Tensor2D[] = []; // 'xnnpack' backward: layer by layer, each seed's input then its W
      let h = x;
      let hs = xs;
      const biases = tf.gather(p, biasIndices); // [N·Σout]: seed k's layer l at k·Σout + biasOffsets[l]
      for (let l = 0; l < L; l++) {
        const { inDim, outDim } = shapes[l];
        const hidden = l < L - 1;
        const W = tf.reshape(tf.gather(tf.reshape(p, [N, total]), weightIndices[l], 1), [N, inDim, outDim]) as tf.Tensor3D;
        const Wk = tf.unstack(W) as tf.Tensor2D[];
        const activation = hidden && !tanh ? 'relu' : 'linear';
        inputs.push(h);
        Ws.push(W);
        if (backward === 'xnnpack') perSeed.push(...hs, ...Wk);
        hs = hs.map((a, k) => tf.fused.matMul({ a, b: Wk[k], bias: tf.slice(biases, k * biasWidth + biasOffsets[l], outDim), activation }) as tf.Tensor2D);
        if (hidden && tanh) hs = hs.map((a) => tf.tanh(a));
        h = tf.stack(hs) as tf.Tensor3D;
        inputs.push(h); // the layer's output (after its activation)
      }
      save([...inputs, ...Ws, ...perSeed]);
      return {
        value: h,
        gradFunc: (dy: tf.Tensor3D, saved: tf.Tensor[]) => {
          // The gradient of createMlpTrainer's graph (fused matMul, then tanh as its own op), batched over seeds.
          const grads: tf.Tensor[] = [];
          let g: tf.Tensor3D = dy;
          for (let l = L - 1; l >= 0; l--) {
            const [input, output, W] = [saved[2 * l], saved[2 * l + 1], saved[2 * L + l]] as tf.Tensor3D[];
            const hidden = l < L - 1;
            if (hidden && tanh) g = tf.mul(g, tf.sub(tf.scalar(1), tf.square(output))); // tfjs's Tanh gradient
            else if (hidden) g = tf.mul(g, tf.step(output)); // the fused ReLU's gradient
            grads[2 * l + 1] = tf.sum(g, 1);
            if (backward === 'xnnpack') {
              const [ins, Wk] = [seedInputs(saved, l), seedWeights(saved, l)];
              const gs = tf.unstack(g) as tf.Tensor2D[];
              grads[2 * l] = tf.reshape(tf.stack(gs.map((gk, k) => tf.matMul(tf.transpose(ins[k]), gk))), [N, shapes[l].inDim * shapes[l].outDim]);
              if (l > 0) g = tf.stack(gs.map((gk, k) => tf.matMul(gk, tf.transpose(Wk[k])))) as tf.Tensor3D;
              continue;
            }
            grads[2 * l] = tf.reshape(tf.matMul(input, g, true, false), [N, shapes[l].inDim * shapes[l].outDim]);
            if (l > 0) g = tf.matMul(g, W, false, true);
          }
          return tf.reshape(tf.concat(grads, 1), [N * total]);
        },
      };
    });

  /** Each seed's loss, [N]: its mean minibatch loss plus its own weight-decay term. */
  const seedLosses = (xb: tf.Tensor3D, xs: tf.Tensor2D[], tb: tf.Tensor3D): tf.Tensor1D => {
    const out = forwardSeeds(xb, xs)(params) as tf.Tensor3D;
    let value: tf.Tensor1D =
      spec.head === 'categorical'
        ? tf.mul(tf.sum(tf.mul(tb, tf.logSoftmax(out)), [1, 2]), -1 / batchSize)
        : tf.mean(tf.squaredDifference(out, tb), [1, 2]);
    if (cfg.weightDecay > 0) {
      const squares = tf.addN(shapes.map((_, l) => tf.sum(tf.square(weightRows(params, l)), 1)));
      value = tf.add(value, tf.mul(squares, cfg.weightDecay / 2));
    }
    return value;
  };

  let stepsDone = 0;
  let disposed = false;
  const assertLive = () => {
    if (disposed) throw new Error('this MlpSeedTrainer has been disposed');
  };

  return {
    spec,
    seeds: N,
    get stepsDone() {
      return stepsDone;
    },
    step(recordLoss = false) {
      assertLive();
      const rows = allFull ? noRows : seedData.map((d) => (d.fullBatch ? null : d.sampler.next(batchSize)));
      // The per-seed losses are an intermediate of the minimized sum: kept (out of every tidy) only when asked for.
      const recorded: { losses?: tf.Tensor1D } = {};
      tf.tidy(() => {
        const { x: xb, xs } = resident ?? inputTensors(rows);
        const tb = resident?.t ?? targetTensor(rows);
        optimizer.minimize(
          () => {
            const perSeed = seedLosses(xb, xs, tb);
            if (recordLoss) recorded.losses = tf.keep(perSeed);
            return tf.sum(perSeed);
          },
          false,
          [params],
        );
      });
      stepsDone++;
      if (recorded.losses === undefined) return undefined;
      const values = (recorded.losses.dataSync() as Float32Array).slice();
      recorded.losses.dispose();
      return values;
    },
    weights() {
      assertLive();
      const values = params.dataSync() as Float32Array; // one read for every seed and layer
      return Array.from({ length: N }, (_, k) => unflattenWeights(spec, values, k * total));
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      optimizer.dispose();
      params.dispose();
      if (resident !== null) tf.dispose([resident.x, ...resident.xs, resident.t]);
      tf.dispose([...weightIndices, biasIndices]);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// trainMlpSeeds: the loop with progress, checkpoints and cancellation
// ---------------------------------------------------------------------------------------------------------------

export interface SeedTrainProgress {
  step: number;
  steps: number;
  /** Each seed's minibatch loss at `step` (before that step's update). */
  losses: Float32Array;
}

export interface SeedTrainOptions extends Omit<TrainOptions, 'init' | 'onProgress' | 'onCheckpoint'> {
  /** Called whenever losses are recorded (every `lossEvery` steps and at the last), with every seed's loss. */
  onProgress?: (progress: SeedTrainProgress) => void;
  /** Start seed k from `inits[k]` instead of a fresh initialisation; they are copied. */
  inits?: MlpWeights[];
  /** With `checkpointEvery`: every seed's weights (one read-out) every this many steps. */
  onCheckpoint?: (checkpoint: { step: number; weights: MlpWeights[] }) => void;
}

export interface SeedTrainResult {
  /** Seed k's final weights: equal to `trainMlp(spec, datasets[k], config, rngs[k]).weights`. */
  weights: MlpWeights[];
  /** Seed k's recorded losses, in step order: equal to that run's `losses`. */
  losses: { step: number; loss: number }[][];
}

/**
 * `trainMlp` for N seeds at once: seed k's result equals `trainMlp(spec, datasets[k], config, rngs[k], …)`.
 * Progress reports every seed's loss at once (one callback per recorded step, not one per seed). Between steps it
 * checks `opts.signal` and yields at least every `yieldEveryMs`; on abort it frees every tensor and throws AbortError.
 */
export async function trainMlpSeeds(
  spec: MlpSpec,
  datasets: Dataset[],
  config: Partial<TrainConfig>,
  rngs: Rng[],
  opts: SeedTrainOptions = {},
): Promise<SeedTrainResult> {
  const { signal, onProgress, onCheckpoint, checkpointEvery = 0, yieldEveryMs = 50 } = opts;
  throwIfAborted(signal);
  await ensureBackend();
  throwIfAborted(signal);
  const cfg = resolveTrainConfig(config);
  const trainer = createMlpSeedTrainer(spec, datasets, cfg, rngs, opts.inits);
  const losses: { step: number; loss: number }[][] = datasets.map(() => []);
  try {
    let lastYield = now();
    for (let s = 0; s < cfg.steps; s++) {
      throwIfAborted(signal);
      const record = s === cfg.steps - 1 || (cfg.lossEvery > 0 && s % cfg.lossEvery === 0);
      const values = trainer.step(record);
      if (values !== undefined) {
        values.forEach((loss, k) => losses[k].push({ step: s, loss }));
        onProgress?.({ step: s, steps: cfg.steps, losses: values });
      }
      if (onCheckpoint !== undefined && checkpointEvery > 0 && (s + 1) % checkpointEvery === 0) {
        onCheckpoint({ step: s + 1, weights: trainer.weights() });
      }
      if (now() - lastYield >= yieldEveryMs) {
        await checkpoint(signal);
        lastYield = now();
      }
    }
    throwIfAborted(signal);
    return { weights: trainer.weights(), losses };
  } finally {
    trainer.dispose();
  }
}
