/**
 * The learner's shape and its weights as plain data.
 *
 * An MLP is described by a small serialisable `MlpSpec` and its parameters travel as `MlpWeights`: flat
 * `Float32Array`s, one weight matrix (row-major [in, out]) and one bias per layer. This is the form that crosses
 * threads, is read once per checkpoint out of tfjs, and is evaluated in plain TypeScript by `forward.ts`, so nothing
 * here imports tfjs.
 *
 * Initialisation is Glorot-uniform weights and zero biases (the tfjs `dense` default, SCIENCE-NOTES §0.4), drawn in
 * TypeScript from an `Rng`: the same seed gives bit-identical initial weights on every backend and in every runtime.
 */
import type { Rng } from '../../lib/rng';

/** Hidden-layer nonlinearity. The output layer is always linear (logits or regression values). */
export type Activation = 'relu' | 'tanh';

/**
 * What the output means and how it is trained:
 * - 'categorical': `outputDim` logits of a softmax policy over actions {0, …, outputDim − 1}, trained with log-loss;
 * - 'regression': `outputDim` real outputs, trained with mean squared error.
 */
export type Head = 'categorical' | 'regression';

export interface MlpSpec {
  /** Size of the input vector (the observation features). */
  inputDim: number;
  /** Widths of the hidden layers, input side first; [] gives a linear (or linear-softmax) model. */
  hidden: number[];
  /** Number of logits (categorical, ≥ 2) or of regression outputs (≥ 1). */
  outputDim: number;
  head: Head;
  /** Hidden nonlinearity; 'relu' when omitted. */
  activation?: Activation;
}

/** One affine layer y = x·W + b. */
export interface MlpLayer {
  /** Row-major [inDim, outDim]: `W[i * outDim + j]` connects input i to output j. */
  W: Float32Array;
  /** [outDim] */
  b: Float32Array;
  inDim: number;
  outDim: number;
}

export interface MlpWeights {
  spec: MlpSpec;
  /** Input side first; hidden layers use `spec.activation`, the last layer is linear. */
  layers: MlpLayer[];
}

/** The activation actually used by a spec. */
export function activationOf(spec: MlpSpec): Activation {
  return spec.activation ?? 'relu';
}

/** Layer widths from input to output, e.g. [2, 32, 32, 1]. */
export function layerSizes(spec: MlpSpec): number[] {
  return [spec.inputDim, ...spec.hidden, spec.outputDim];
}

/** Number of trainable numbers (weights and biases). */
export function countParams(spec: MlpSpec): number {
  const sizes = layerSizes(spec);
  let total = 0;
  for (let l = 0; l + 1 < sizes.length; l++) total += sizes[l] * sizes[l + 1] + sizes[l + 1];
  return total;
}

/** Multiply–adds of one forward pass for one input: Σ in·out over layers. */
export function multiplyAddsPerInput(spec: MlpSpec): number {
  const sizes = layerSizes(spec);
  let total = 0;
  for (let l = 0; l + 1 < sizes.length; l++) total += sizes[l] * sizes[l + 1];
  return total;
}

function isPositiveInt(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1;
}

/** Throws a RangeError that names the offending field if `spec` is not a valid MLP spec. */
export function validateSpec(spec: MlpSpec): void {
  if (!isPositiveInt(spec.inputDim)) throw new RangeError(`MlpSpec.inputDim must be a positive integer, got ${spec.inputDim}`);
  if (!Array.isArray(spec.hidden) || !spec.hidden.every(isPositiveInt)) {
    throw new RangeError(`MlpSpec.hidden must be an array of positive integers, got ${JSON.stringify(spec.hidden)}`);
  }
  if (!isPositiveInt(spec.outputDim)) throw new RangeError(`MlpSpec.outputDim must be a positive integer, got ${spec.outputDim}`);
  if (spec.head !== 'categorical' && spec.head !== 'regression') {
    throw new RangeError(`MlpSpec.head must be 'categorical' or 'regression', got ${String(spec.head)}`);
  }
  if (spec.head === 'categorical' && spec.outputDim < 2) {
    throw new RangeError(`a categorical head needs outputDim ≥ 2 (one logit per action), got ${spec.outputDim}`);
  }
  if (spec.activation !== undefined && spec.activation !== 'relu' && spec.activation !== 'tanh') {
    throw new RangeError(`MlpSpec.activation must be 'relu' or 'tanh', got ${String(spec.activation)}`);
  }
}

/** Throws if `weights` do not have the shapes `spec` (by default their own spec) asks for. */
export function validateWeights(weights: MlpWeights, spec: MlpSpec = weights.spec): void {
  validateSpec(spec);
  const sizes = layerSizes(spec);
  if (weights.layers.length !== sizes.length - 1) {
    throw new RangeError(`expected ${sizes.length - 1} layers for this spec, got ${weights.layers.length}`);
  }
  weights.layers.forEach((layer, l) => {
    const [inDim, outDim] = [sizes[l], sizes[l + 1]];
    if (layer.inDim !== inDim || layer.outDim !== outDim || layer.W.length !== inDim * outDim || layer.b.length !== outDim) {
      throw new RangeError(
        `layer ${l} should be ${inDim}→${outDim} (W ${inDim * outDim}, b ${outDim}), ` +
          `got ${layer.inDim}→${layer.outDim} (W ${layer.W.length}, b ${layer.b.length})`,
      );
    }
  });
}

/**
 * Glorot-uniform weights, W ~ U(−√(6/(in+out)), +√(6/(in+out))), and zero biases. Numbers are drawn layer by layer
 * in row-major order from `rng`, so the result depends only on the generator's state.
 */
export function initMlpWeights(spec: MlpSpec, rng: Rng): MlpWeights {
  validateSpec(spec);
  const sizes = layerSizes(spec);
  const layers: MlpLayer[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inDim = sizes[l];
    const outDim = sizes[l + 1];
    const limit = Math.sqrt(6 / (inDim + outDim));
    const W = new Float32Array(inDim * outDim);
    for (let k = 0; k < W.length; k++) W[k] = rng.range(-limit, limit);
    layers.push({ W, b: new Float32Array(outDim), inDim, outDim });
  }
  return { spec: cloneSpec(spec), layers };
}

function cloneSpec(spec: MlpSpec): MlpSpec {
  return { ...spec, hidden: [...spec.hidden] };
}

/** A deep copy (new arrays), e.g. to keep a checkpoint while training continues. */
export function cloneWeights(weights: MlpWeights): MlpWeights {
  return {
    spec: cloneSpec(weights.spec),
    layers: weights.layers.map((l) => ({ W: l.W.slice(), b: l.b.slice(), inDim: l.inDim, outDim: l.outDim })),
  };
}
