/**
 * The tfjs learner: a small multilayer perceptron trained by minibatch gradient descent.
 *
 *   init     W ~ Glorot-uniform(rng.stream('init')), b = 0          (or warm-start from given weights)
 *   repeat   draw a minibatch (epoch-wise shuffle with rng.stream('minibatches'))
 *            loss = log-loss of softmax(logits)  (categorical)  |  mean squared error  (regression)
 *                   + (λ/2)·Σ‖W‖²                                  (optional weight decay)
 *            one Adam or SGD update of every W and b
 *   return   the weights as plain Float32Arrays (MlpWeights), read out once
 *
 * Only tfjs-core ops, no tf.layers: each hidden layer is one fused matMul (bias and ReLU in the same kernel), which
 * is ~4× faster per step at these sizes (DESIGN.md, "Worker runtime"). Rollouts do not use tfjs at all: they run the
 * exported weights through `forward.ts`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../lib/rng';
// AbortError and checkpoint are the run-cancellation contract that the worker and the CLI recognise.
import { checkpoint, throwIfAborted } from '../core/abort';
import { ensureBackend } from './backend';
import { activationOf, initMlpWeights, layerSizes, validateSpec, validateWeights, type MlpSpec, type MlpWeights } from './weights';

export type { MlpSpec, MlpWeights } from './weights';

// ---------------------------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------------------------

export interface TrainConfig {
  /** Number of optimizer updates (one minibatch each). 0 returns the initial weights. */
  steps: number;
  /** Examples per minibatch; a value ≥ n uses the whole data set at every step (full-batch gradient descent). */
  batchSize: number;
  /** Step size of the optimizer. */
  learningRate: number;
  /** 'adam' (β1 = 0.9, β2 = 0.999, ε = 1e-7: the tfjs defaults) or plain 'sgd'. */
  optimizer: 'adam' | 'sgd';
  /** L2 penalty λ ≥ 0: adds (λ/2)·Σ‖W‖² over the weight matrices (biases excluded) to the loss; 0 turns it off. */
  weightDecay: number;
  /** Record the minibatch loss every this many steps (and always at the last step); 0 records only the last. */
  lossEvery: number;
}

export const DEFAULT_TRAIN_CONFIG: Readonly<TrainConfig> = Object.freeze({
  steps: 500,
  batchSize: 128,
  learningRate: 1e-2,
  optimizer: 'adam',
  weightDecay: 0,
  lossEvery: 10,
});

/** The defaults with `config` on top, checked: throws a RangeError naming the bad field. */
export function resolveTrainConfig(config: Partial<TrainConfig> = {}): TrainConfig {
  const c: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, ...config };
  const isNonNegInt = (v: number) => Number.isInteger(v) && v >= 0;
  if (!isNonNegInt(c.steps)) throw new RangeError(`TrainConfig.steps must be an integer ≥ 0, got ${c.steps}`);
  if (!(Number.isInteger(c.batchSize) && c.batchSize >= 1)) throw new RangeError(`TrainConfig.batchSize must be an integer ≥ 1, got ${c.batchSize}`);
  if (!(Number.isFinite(c.learningRate) && c.learningRate > 0)) throw new RangeError(`TrainConfig.learningRate must be > 0, got ${c.learningRate}`);
  if (c.optimizer !== 'adam' && c.optimizer !== 'sgd') throw new RangeError(`TrainConfig.optimizer must be 'adam' or 'sgd', got ${String(c.optimizer)}`);
  if (!(Number.isFinite(c.weightDecay) && c.weightDecay >= 0)) throw new RangeError(`TrainConfig.weightDecay must be ≥ 0, got ${c.weightDecay}`);
  if (!isNonNegInt(c.lossEvery)) throw new RangeError(`TrainConfig.lossEvery must be an integer ≥ 0, got ${c.lossEvery}`);
  return c;
}

/**
 * A supervised data set as flat arrays.
 * - `x`: inputs, row-major [n, inputDim].
 * - `y`, categorical head: n action indices (Int32Array, or a Float32Array holding integers), or n × outputDim target
 *   probabilities (Float32Array, rows summing to 1: soft labels such as a stochastic teacher's distribution).
 * - `y`, regression head: targets, row-major [n, outputDim].
 */
export interface Dataset {
  x: Float32Array;
  y: Float32Array | Int32Array;
  n: number;
}

export interface TrainProgress {
  /** Updates applied before this loss was measured (0 = at the initial weights). */
  step: number;
  steps: number;
  /** Minibatch loss at `step`, before that step's update (regularisation term included). */
  loss: number;
}

export interface TrainOptions {
  /** Aborting stops training between steps: every tensor is freed and an AbortError is thrown. */
  signal?: AbortSignal;
  /** Called whenever a loss is recorded (every `lossEvery` steps). */
  onProgress?: (progress: TrainProgress) => void;
  /** Start from these weights instead of a fresh Glorot initialisation (e.g. DAgger retraining); they are copied. */
  init?: MlpWeights;
  /** With `onCheckpoint`: export the weights every this many steps (each export is one read-out of every layer). */
  checkpointEvery?: number;
  onCheckpoint?: (checkpoint: { step: number; weights: MlpWeights }) => void;
  /** Let the event loop run (so an abort message can arrive) at least this often, in ms; default 50. */
  yieldEveryMs?: number;
}

export interface TrainResult {
  weights: MlpWeights;
  /** The recorded minibatch losses, in step order. */
  losses: { step: number; loss: number }[];
}

// ---------------------------------------------------------------------------------------------------------------
// The network in tfjs
// ---------------------------------------------------------------------------------------------------------------

interface LayerTensors {
  W: tf.Tensor2D;
  b: tf.Tensor1D;
}

/** logits (categorical) or values (regression) for a batch x: [B, inputDim] → [B, outputDim]. */
function forwardGraph(layers: LayerTensors[], x: tf.Tensor2D, spec: MlpSpec): tf.Tensor2D {
  const tanh = activationOf(spec) === 'tanh';
  let h = x;
  layers.forEach(({ W, b }, l) => {
    const hidden = l < layers.length - 1;
    // The fused kernel's gradient supports ReLU but not tanh, so tanh is applied as its own op.
    const activation = hidden && !tanh ? 'relu' : 'linear';
    h = tf.fused.matMul({ a: h, b: W, bias: b, activation }) as tf.Tensor2D;
    if (hidden && tanh) h = tf.tanh(h);
  });
  return h;
}

function layerTensors(weights: MlpWeights): LayerTensors[] {
  return weights.layers.map((l) => ({ W: tf.tensor2d(l.W, [l.inDim, l.outDim]), b: tf.tensor1d(l.b) }));
}

/**
 * The tfjs forward of `n` inputs (row-major [n, inputDim]) → [n, outputDim]: logits or regression values. For
 * batched evaluation inside tfjs code and for checking `forward.ts`; rollouts should use `forward.ts` instead.
 */
export function forwardTf(weights: MlpWeights, x: Float32Array, n: number): Float32Array {
  validateWeights(weights);
  const { inputDim } = weights.spec;
  if (x.length !== n * inputDim) throw new RangeError(`forwardTf: ${n} inputs need ${n * inputDim} numbers, got ${x.length}`);
  const out = tf.tidy(() => forwardGraph(layerTensors(weights), tf.tensor2d(x, [n, inputDim]), weights.spec));
  const values = (out.dataSync() as Float32Array).slice(); // slice: the cpu backend hands out its own buffer
  out.dispose();
  return values;
}

// ---------------------------------------------------------------------------------------------------------------
// Data: targets as a matrix, minibatches drawn with the Rng
// ---------------------------------------------------------------------------------------------------------------

/** The targets as an [n, outputDim] matrix: one-hot rows for action indices, the given rows otherwise. */
export function targetMatrix(spec: MlpSpec, data: Dataset): Float32Array {
  const { n, y } = data;
  const k = spec.outputDim;
  if (spec.head === 'categorical' && y.length === n) {
    const t = new Float32Array(n * k);
    for (let i = 0; i < n; i++) {
      const a = y[i];
      if (!(Number.isInteger(a) && a >= 0 && a < k)) throw new RangeError(`label ${i} is ${a}, expected an integer in [0, ${k - 1}]`);
      t[i * k + a] = 1;
    }
    return t;
  }
  if (y.length !== n * k) {
    const expected = spec.head === 'categorical' ? `${n} action indices or ${n}×${k} probabilities` : `${n}×${k} targets`;
    throw new RangeError(`Dataset.y has ${y.length} numbers, expected ${expected}`);
  }
  return y instanceof Float32Array ? y : Float32Array.from(y);
}

/** Epoch-wise sampling without replacement: every example once per pass, in an order drawn from `rng`. */
export class MinibatchSampler {
  private readonly order: Int32Array;
  private cursor: number;

  constructor(
    private readonly n: number,
    private readonly rng: Rng,
  ) {
    this.order = new Int32Array(n);
    for (let i = 0; i < n; i++) this.order[i] = i;
    this.cursor = n; // forces a shuffle before the first batch
  }

  next(size: number): Int32Array {
    const batch = new Int32Array(size);
    for (let k = 0; k < size; k++) {
      if (this.cursor === this.n) {
        this.rng.shuffle(this.order);
        this.cursor = 0;
      }
      batch[k] = this.order[this.cursor++];
    }
    return batch;
  }
}

/** Checks `data` against `spec` (throws a RangeError naming the field) and returns its target matrix. */
export function checkedTargets(spec: MlpSpec, data: Dataset): Float32Array {
  const { n, x } = data;
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`Dataset.n must be an integer ≥ 1, got ${n}`);
  if (x.length !== n * spec.inputDim) throw new RangeError(`Dataset.x has ${x.length} numbers, expected ${n}×${spec.inputDim}`);
  return targetMatrix(spec, data);
}

export function assertGradientsRegistered(): void {
  if (tf.getGradient('Mean') === undefined) throw new Error('tfjs gradients are not registered: await initBackend() before training');
}

export function gatherRows(source: Float32Array, width: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * width);
  for (let r = 0; r < rows.length; r++) out.set(source.subarray(rows[r] * width, rows[r] * width + width), r * width);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The parameters as one flat vector: W row-major, then b, layer by layer
// ---------------------------------------------------------------------------------------------------------------

export interface FlatLayout {
  shapes: { inDim: number; outDim: number }[];
  /** Where each layer's W and b start in the flat vector. */
  offsets: { w: number; b: number }[];
  total: number;
}

export function flatLayout(spec: MlpSpec): FlatLayout {
  const sizes = layerSizes(spec);
  const shapes = sizes.slice(1).map((outDim, l) => ({ inDim: sizes[l], outDim }));
  const offsets: { w: number; b: number }[] = [];
  let total = 0;
  for (const { inDim, outDim } of shapes) {
    offsets.push({ w: total, b: total + inDim * outDim });
    total += inDim * outDim + outDim;
  }
  return { shapes, offsets, total };
}

export function flattenWeights(weights: MlpWeights): Float32Array {
  const { offsets, total } = flatLayout(weights.spec);
  const flat = new Float32Array(total);
  weights.layers.forEach((l, i) => {
    flat.set(l.W, offsets[i].w);
    flat.set(l.b, offsets[i].b);
  });
  return flat;
}

/** The weights in `values` (a flat vector in `flatLayout(spec)` order, from `start` on), copied into new arrays. */
export function unflattenWeights(spec: MlpSpec, values: Float32Array, start = 0): MlpWeights {
  const { shapes, offsets } = flatLayout(spec);
  return {
    spec: { ...spec, hidden: [...spec.hidden] },
    // slice: a copy (dataSync may hand out the backend's own buffer)
    layers: shapes.map(({ inDim, outDim }, i) => ({
      W: values.slice(start + offsets[i].w, start + offsets[i].w + inDim * outDim),
      b: values.slice(start + offsets[i].b, start + offsets[i].b + outDim),
      inDim,
      outDim,
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The trainer: one object per training run, stepping synchronously
// ---------------------------------------------------------------------------------------------------------------

export interface MlpTrainer {
  readonly spec: MlpSpec;
  /** Updates applied so far. */
  readonly stepsDone: number;
  /** One optimizer update on a fresh minibatch; returns that minibatch's loss (before the update) if asked. */
  step(recordLoss?: boolean): number | undefined;
  /** The current weights, copied out of tfjs. */
  weights(): MlpWeights;
  /** Frees every tensor and variable the trainer owns (idempotent). */
  dispose(): void;
}

/**
 * A synchronous trainer over `data`. Needs a started backend (`await initBackend()` or `ensureBackend()` first);
 * `trainMlp` is the usual entry point, this is for callers that drive steps themselves (e.g. the benchmark).
 */
export function createMlpTrainer(
  spec: MlpSpec,
  data: Dataset,
  config: Partial<TrainConfig>,
  rng: Rng,
  init?: MlpWeights,
): MlpTrainer {
  validateSpec(spec);
  const cfg = resolveTrainConfig(config);
  const { n, x } = data;
  const targets = checkedTargets(spec, data);
  assertGradientsRegistered();
  if (init !== undefined) validateWeights(init, spec);

  // Draw the initial weights in TypeScript so they are identical on every backend.
  const start = init ?? initMlpWeights(spec, rng.stream('init'));
  const sampler = new MinibatchSampler(n, rng.stream('minibatches'));
  const batchSize = Math.min(cfg.batchSize, n);
  const fullBatch = batchSize === n;

  // All parameters live in one flat variable, viewed as layers (W row-major, then b, layer by layer): the optimizer
  // updates one tensor per step instead of one per weight matrix and bias, which cuts the kernels a step dispatches.
  // Adam and SGD are elementwise, so the numbers are those of per-tensor updates.
  const { shapes, offsets } = flatLayout(spec);
  const params = tf.tidy(() => tf.variable(tf.tensor1d(flattenWeights(start))));
  const variables: tf.Variable[] = [params];
  /** The layers as views (slices) of the flat parameters, inside the graph so gradients reach `params`. */
  const layerViews = (): LayerTensors[] =>
    shapes.map(({ inDim, outDim }, i) => ({
      W: tf.reshape(tf.slice(params, offsets[i].w, inDim * outDim), [inDim, outDim]),
      b: tf.slice(params, offsets[i].b, outDim),
    }));
  const optimizer = cfg.optimizer === 'adam' ? tf.train.adam(cfg.learningRate, 0.9, 0.999, 1e-7) : tf.train.sgd(cfg.learningRate);
  // Full batch: the data live in tfjs for the whole run (copied: the cpu backend would keep a reference to the
  // caller's array); otherwise each step uploads a freshly gathered minibatch.
  const resident = fullBatch
    ? { x: tf.tensor2d(x.slice(), [n, spec.inputDim]), t: tf.tensor2d(targets.slice(), [n, spec.outputDim]) }
    : null;

  const loss = (xb: tf.Tensor2D, tb: tf.Tensor2D): tf.Scalar => {
    const layers = layerViews();
    const out = forwardGraph(layers, xb, spec);
    let value: tf.Scalar =
      spec.head === 'categorical'
        ? tf.mul(tf.sum(tf.mul(tb, tf.logSoftmax(out))), -1 / xb.shape[0]) // mean over the batch of −log p(label)
        : tf.mean(tf.squaredDifference(out, tb)); // mean over batch and outputs
    if (cfg.weightDecay > 0) {
      const squares = tf.addN(layers.map((l) => tf.sum(tf.square(l.W))));
      value = tf.add(value, tf.mul(squares, cfg.weightDecay / 2));
    }
    return value;
  };

  let stepsDone = 0;
  let disposed = false;
  const assertLive = () => {
    if (disposed) throw new Error('this MlpTrainer has been disposed');
  };

  return {
    spec,
    get stepsDone() {
      return stepsDone;
    },
    step(recordLoss = false) {
      assertLive();
      const rows = fullBatch ? null : sampler.next(batchSize);
      const cost = tf.tidy(() => {
        const xb = rows === null ? resident!.x : tf.tensor2d(gatherRows(x, spec.inputDim, rows), [batchSize, spec.inputDim]);
        const tb = rows === null ? resident!.t : tf.tensor2d(gatherRows(targets, spec.outputDim, rows), [batchSize, spec.outputDim]);
        return optimizer.minimize(() => loss(xb, tb), recordLoss, variables) ?? undefined;
      });
      stepsDone++;
      if (cost === undefined) return undefined;
      const value = cost.dataSync()[0];
      cost.dispose();
      return value;
    },
    weights() {
      assertLive();
      return unflattenWeights(spec, params.dataSync() as Float32Array); // one read for every layer
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      optimizer.dispose();
      for (const v of variables) v.dispose();
      if (resident !== null) tf.dispose([resident.x, resident.t]);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// trainMlp: the loop with progress, checkpoints and cancellation
// ---------------------------------------------------------------------------------------------------------------

export const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Trains an MLP on `data` and returns its final weights (read out once) and the recorded losses.
 * Deterministic for a given `rng` state and backend. Between steps it checks `opts.signal`, and at least every
 * `yieldEveryMs` it yields to the event loop so an abort can arrive; on abort it frees every tensor and throws
 * AbortError. Starts the default backend if none is running.
 */
export async function trainMlp(
  spec: MlpSpec,
  data: Dataset,
  config: Partial<TrainConfig>,
  rng: Rng,
  opts: TrainOptions = {},
): Promise<TrainResult> {
  const { signal, onProgress, onCheckpoint, checkpointEvery = 0, yieldEveryMs = 50 } = opts;
  throwIfAborted(signal);
  await ensureBackend();
  throwIfAborted(signal);
  const cfg = resolveTrainConfig(config);
  const trainer = createMlpTrainer(spec, data, cfg, rng, opts.init);
  const losses: { step: number; loss: number }[] = [];
  try {
    let lastYield = now();
    for (let s = 0; s < cfg.steps; s++) {
      throwIfAborted(signal);
      const record = s === cfg.steps - 1 || (cfg.lossEvery > 0 && s % cfg.lossEvery === 0);
      const loss = trainer.step(record);
      if (loss !== undefined) {
        losses.push({ step: s, loss });
        onProgress?.({ step: s, steps: cfg.steps, loss });
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
