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
 * The step then dispatches about N + 4 kernels per layer in the forward, and as many as one seed's in the backward
 * and the update, instead of N times everything.
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
): MlpSeedTrainer {
  validateSpec(spec);
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
  const resident = allFull
    ? {
        x: tf.tensor3d(stackRows((d) => d.x, inputDim, noRows), [N, batchSize, inputDim]),
        t: tf.tensor3d(stackRows((d) => d.targets, outputDim, noRows), [N, batchSize, outputDim]),
      }
    : null;

  /** Layer l's weights of every seed, [N, in·out]: a slice of `p` (the flat parameters), so gradients reach it. */
  const weightRows = (p: tf.Tensor, l: number) =>
    tf.slice(tf.reshape(p, [N, total]), [0, offsets[l].w], [N, shapes[l].inDim * shapes[l].outDim]) as tf.Tensor2D;
  /** Seed k's bias of layer l, [out]. */
  const bias = (p: tf.Tensor, k: number, l: number) => tf.slice(p, k * total + offsets[l].b, shapes[l].outDim) as tf.Tensor1D;

  /**
   * The N networks' outputs [N, B, outputDim] for inputs x [N, B, inputDim], as a function of the parameters with a
   * hand-written gradient: per-seed forward, batched backward (see the file header for why).
   */
  const forwardSeeds = (x: tf.Tensor3D) =>
    tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [p, save] = args as [tf.Tensor, tf.GradSaveFunc];
      const inputs: tf.Tensor3D[] = []; // what each layer saw, [N, B, in]: the backward needs them batched
      const Ws: tf.Tensor3D[] = [];
      let h = x;
      let hs = tf.unstack(x) as tf.Tensor2D[];
      for (let l = 0; l < L; l++) {
        const { inDim, outDim } = shapes[l];
        const hidden = l < L - 1;
        const W = tf.reshape(weightRows(p, l), [N, inDim, outDim]) as tf.Tensor3D;
        const Wk = tf.unstack(W) as tf.Tensor2D[];
        const activation = hidden && !tanh ? 'relu' : 'linear';
        inputs.push(h);
        Ws.push(W);
        hs = hs.map((a, k) => tf.fused.matMul({ a, b: Wk[k], bias: bias(p, k, l), activation }) as tf.Tensor2D);
        h = tf.stack(hs) as tf.Tensor3D;
        if (hidden && tanh) {
          h = tf.tanh(h);
          hs = tf.unstack(h) as tf.Tensor2D[];
        }
        inputs.push(h); // the layer's output (after its activation)
      }
      save([...inputs, ...Ws]);
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
            grads[2 * l] = tf.reshape(tf.matMul(input, g, true, false), [N, shapes[l].inDim * shapes[l].outDim]);
            grads[2 * l + 1] = tf.sum(g, 1);
            if (l > 0) g = tf.matMul(g, W, false, true);
          }
          return tf.reshape(tf.concat(grads, 1), [N * total]);
        },
      };
    });

  /** Each seed's loss, [N]: its mean minibatch loss plus its own weight-decay term. */
  const seedLosses = (xb: tf.Tensor3D, tb: tf.Tensor3D): tf.Tensor1D => {
    const out = forwardSeeds(xb)(params) as tf.Tensor3D;
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
        const xb = resident?.x ?? tf.tensor3d(stackRows((d) => d.x, inputDim, rows), [N, batchSize, inputDim]);
        const tb = resident?.t ?? tf.tensor3d(stackRows((d) => d.targets, outputDim, rows), [N, batchSize, outputDim]);
        optimizer.minimize(
          () => {
            const perSeed = seedLosses(xb, tb);
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
      if (resident !== null) tf.dispose([resident.x, resident.t]);
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
