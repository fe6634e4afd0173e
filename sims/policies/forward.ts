/**
 * The learner's forward pass in plain TypeScript, for rollouts and evaluations.
 *
 * For networks this small, tfjs time is per-op overhead, not arithmetic (SCIENCE-NOTES §0.1): a 2→32→32→1 forward
 * pass here takes well under a microsecond, against tens of microseconds for a tfjs call. So training happens in tfjs,
 * the weights are read out once per checkpoint as `MlpWeights`, and every policy evaluation of a rollout runs here.
 * No tfjs import: this file runs on the main thread, in workers, in Node, anywhere.
 *
 * Matches the tfjs forward (`forwardTf` in mlp.ts) to 1e-5; sums are accumulated in double precision.
 */
import type { Rng } from '../../lib/rng';
import { activationOf, type MlpWeights } from './weights';
import { tanh } from '../../lib/detmath';

export type { MlpLayer, MlpSpec, MlpWeights } from './weights';

/**
 * Everything one forward pass needs, prepared once per `MlpWeights` so that a pass allocates nothing and every loop
 * reads monomorphic typed arrays: the layers, one activation buffer per hidden layer, and the list of nonzero inputs
 * of the layer being computed (`idx`, `val`).
 */
interface ForwardPlan {
  layers: MlpWeights['layers'];
  /** Hidden activations, one buffer per hidden layer. */
  hidden: Float64Array[];
  /** Indices and values of a layer's nonzero inputs (ReLU zeros are common; skipping them is exact). */
  idx: Int32Array;
  val: Float64Array;
  /** The input as doubles, for a network without hidden layers (the output layer reads every input). */
  input: Float64Array;
  tanh: boolean;
}

const plans = new WeakMap<MlpWeights, ForwardPlan>();

function planFor(weights: MlpWeights): ForwardPlan {
  let plan = plans.get(weights);
  if (plan === undefined || plan.layers !== weights.layers || plan.hidden.length !== weights.layers.length - 1) {
    const { layers } = weights;
    const widest = Math.max(...layers.map((l) => l.inDim));
    plan = {
      layers,
      hidden: layers.slice(0, -1).map((l) => new Float64Array(l.outDim)),
      idx: new Int32Array(widest),
      val: new Float64Array(widest),
      input: new Float64Array(layers[0].inDim),
      tanh: activationOf(weights.spec) === 'tanh',
    };
    plans.set(weights, plan);
  }
  return plan;
}

/**
 * out[j] = b[j] + Σ_k val[k] · W[idx[k], j] over the n nonzero inputs, for every output j. Row-major W: eight outputs
 * at a time, each with its own accumulator (eight independent dependency chains instead of one), each summed over the
 * inputs in increasing order — the same additions in the same order as the plain loop, so the same bits.
 */
function affineSparse(W: Float32Array, b: Float32Array, outDim: number, idx: Int32Array, val: Float64Array, n: number, out: Float64Array): void {
  let j = 0;
  for (; j + 7 < outDim; j += 8) {
    let a0 = b[j];
    let a1 = b[j + 1];
    let a2 = b[j + 2];
    let a3 = b[j + 3];
    let a4 = b[j + 4];
    let a5 = b[j + 5];
    let a6 = b[j + 6];
    let a7 = b[j + 7];
    for (let k = 0; k < n; k++) {
      const xi = val[k];
      const row = idx[k] * outDim + j;
      a0 += xi * W[row];
      a1 += xi * W[row + 1];
      a2 += xi * W[row + 2];
      a3 += xi * W[row + 3];
      a4 += xi * W[row + 4];
      a5 += xi * W[row + 5];
      a6 += xi * W[row + 6];
      a7 += xi * W[row + 7];
    }
    out[j] = a0;
    out[j + 1] = a1;
    out[j + 2] = a2;
    out[j + 3] = a3;
    out[j + 4] = a4;
    out[j + 5] = a5;
    out[j + 6] = a6;
    out[j + 7] = a7;
  }
  for (; j < outDim; j++) {
    let acc = b[j];
    for (let k = 0; k < n; k++) acc += val[k] * W[idx[k] * outDim + j];
    out[j] = acc;
  }
}

/** Forward of one input starting at `input[offset]`, written to `out` (length outputDim). */
function forwardAt(weights: MlpWeights, input: ArrayLike<number>, offset: number, out: Float32Array, outOffset: number): void {
  const plan = planFor(weights);
  const { layers, hidden, idx, val } = plan;
  const nHidden = hidden.length;
  // The first layer's nonzero inputs (or, without hidden layers, the whole input for the output layer).
  const first = layers[0];
  let n = 0;
  if (nHidden === 0) {
    for (let i = 0; i < first.inDim; i++) plan.input[i] = input[offset + i];
  } else {
    for (let i = 0; i < first.inDim; i++) {
      const xi = input[offset + i];
      if (xi !== 0) {
        idx[n] = i;
        val[n++] = xi;
      }
    }
  }
  for (let l = 0; l < nHidden; l++) {
    const { W, b, outDim } = layers[l];
    const h = hidden[l];
    affineSparse(W, b, outDim, idx, val, n, h);
    // Activation, and the nonzero activations become the next layer's inputs.
    n = 0;
    if (plan.tanh) {
      for (let j = 0; j < outDim; j++) {
        const v = tanh(h[j]);
        h[j] = v;
        if (v !== 0) {
          idx[n] = j;
          val[n++] = v;
        }
      }
    } else {
      for (let j = 0; j < outDim; j++) {
        const v = h[j];
        if (v < 0) h[j] = 0;
        else if (v !== 0) {
          idx[n] = j;
          val[n++] = v;
        }
      }
    }
  }
  // The linear output layer sums over every input, zeros included.
  const h = nHidden === 0 ? plan.input : hidden[nHidden - 1];
  const { W, b, inDim, outDim } = layers[layers.length - 1];
  for (let j = 0; j < outDim; j++) {
    let acc = b[j];
    for (let i = 0; i < inDim; i++) acc += h[i] * W[i * outDim + j];
    out[outOffset + j] = acc;
  }
}

/**
 * The network's output for one input `x` (length inputDim): logits for a categorical head, values for a regression
 * head. Writes into `out` when given (length ≥ outputDim), else into a new array.
 */
export function forward(weights: MlpWeights, x: ArrayLike<number>, out?: Float32Array): Float32Array {
  const { inputDim, outputDim } = weights.spec;
  if (x.length !== inputDim) throw new RangeError(`forward: input has length ${x.length}, the network expects ${inputDim}`);
  const result = out ?? new Float32Array(outputDim);
  forwardAt(weights, x, 0, result, 0);
  return result;
}

/**
 * Forward of `n` inputs stored row-major in `xs` ([n, inputDim]); returns [n, outputDim] row-major (into `out` when
 * given).
 */
export function forwardBatch(weights: MlpWeights, xs: Float32Array, n: number, out?: Float32Array): Float32Array {
  const { inputDim, outputDim } = weights.spec;
  if (xs.length < n * inputDim) throw new RangeError(`forwardBatch: ${n} inputs need ${n * inputDim} numbers, got ${xs.length}`);
  const result = out ?? new Float32Array(n * outputDim);
  if (result.length < n * outputDim) throw new RangeError(`forwardBatch: out needs length ≥ ${n * outputDim}`);
  for (let r = 0; r < n; r++) forwardAt(weights, xs, r * inputDim, result, r * outputDim);
  return result;
}

/**
 * Softmax of `logits / temperature`, computed stably (the max is subtracted first). `temperature` must be > 0.
 * Writes into `out` when given.
 */
export function softmax(logits: ArrayLike<number>, out?: Float32Array, temperature = 1): Float32Array {
  if (!(temperature > 0)) throw new RangeError(`softmax: temperature must be > 0, got ${temperature}`);
  const k = logits.length;
  const result = out ?? new Float32Array(k);
  let max = -Infinity;
  for (let i = 0; i < k; i++) if (logits[i] > max) max = logits[i];
  let total = 0;
  for (let i = 0; i < k; i++) {
    const e = Math.exp((logits[i] - max) / temperature);
    result[i] = e;
    total += e;
  }
  for (let i = 0; i < k; i++) result[i] /= total;
  return result;
}

/** Index of the largest value (the first one on ties); −1 for an empty array. */
export function argmax(values: ArrayLike<number>): number {
  let best = -1;
  let bestValue = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] > bestValue || best === -1) {
      best = i;
      bestValue = values[i];
    }
  }
  return best;
}

export interface PredictOptions {
  /** Categorical head: sample the action from softmax(logits / temperature) with this generator instead of argmax. */
  rng?: Rng;
  /** Sampling temperature τ > 0 (only with `rng`); 1 samples the learned distribution itself. */
  temperature?: number;
}

const logitsScratch = new WeakMap<MlpWeights, Float32Array>();

/**
 * The policy's action for observation `x`.
 * - categorical head: the greedy action argmax(logits), or a sample from softmax(logits / τ) when `opts.rng` is given;
 * - regression head with one output: that output (a scalar action such as a steering rate or a torque).
 * Vector-valued regression policies use `forward` directly.
 */
export function predictAction(weights: MlpWeights, x: ArrayLike<number>, opts: PredictOptions = {}): number {
  const { head, outputDim } = weights.spec;
  let logits = logitsScratch.get(weights);
  if (logits === undefined) {
    logits = new Float32Array(outputDim);
    logitsScratch.set(weights, logits);
  }
  forward(weights, x, logits);
  if (head === 'regression') {
    if (outputDim !== 1) throw new RangeError(`predictAction: a regression head with ${outputDim} outputs has no scalar action; use forward`);
    return logits[0];
  }
  if (opts.rng === undefined) return argmax(logits);
  return opts.rng.categorical(softmax(logits, logits, opts.temperature ?? 1)); // in place: the logits are scratch
}
