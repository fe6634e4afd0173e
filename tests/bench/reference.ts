/**
 * A plain-TypeScript reference for one training step of the MLP learner: forward, backward and an Adam or SGD update
 * on Float32Arrays, with exactly the arithmetic of the tfjs step (same loss, same Adam formula, ε = 1e-7), so the
 * benchmark can put tfjs's time per step beside what the same FLOPs cost in straight-line JS.
 *
 * Not used by the site: it exists to measure against (and it checks itself against tfjs in the benchmark).
 */
import { activationOf, cloneWeights, type MlpWeights } from '../../sims/policies/weights';

export interface ReferenceOptimizer {
  kind: 'adam' | 'sgd';
  learningRate: number;
}

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;

export class ReferenceMlpTrainer {
  readonly weights: MlpWeights;
  private readonly tanh: boolean;
  private readonly categorical: boolean;
  private readonly gW: Float32Array[];
  private readonly gb: Float32Array[];
  private readonly mW: Float32Array[];
  private readonly vW: Float32Array[];
  private readonly mb: Float32Array[];
  private readonly vb: Float32Array[];
  private acc1 = 1;
  private acc2 = 1;
  // Per-batch-size buffers: activations of every layer (input excluded) and the gradient flowing back.
  private batch = 0;
  private acts: Float32Array[] = [];
  private deltas: Float32Array[] = [];

  constructor(
    init: MlpWeights,
    private readonly optimizer: ReferenceOptimizer,
  ) {
    this.weights = cloneWeights(init);
    this.tanh = activationOf(init.spec) === 'tanh';
    this.categorical = init.spec.head === 'categorical';
    const zerosLike = (arrays: Float32Array[]) => arrays.map((a) => new Float32Array(a.length));
    const Ws = this.weights.layers.map((l) => l.W);
    const bs = this.weights.layers.map((l) => l.b);
    [this.gW, this.mW, this.vW] = [zerosLike(Ws), zerosLike(Ws), zerosLike(Ws)];
    [this.gb, this.mb, this.vb] = [zerosLike(bs), zerosLike(bs), zerosLike(bs)];
  }

  private ensureBuffers(batch: number): void {
    if (batch === this.batch) return;
    this.batch = batch;
    this.acts = this.weights.layers.map((l) => new Float32Array(batch * l.outDim));
    this.deltas = this.weights.layers.map((l) => new Float32Array(batch * l.outDim));
  }

  /** One update on the minibatch x: [B, inputDim], targets t: [B, outputDim] (one-hot or values). Returns the loss. */
  step(x: Float32Array, t: Float32Array, batch: number): number {
    this.ensureBuffers(batch);
    const { layers } = this.weights;
    const L = layers.length;

    // Forward: Z = H·W + b (2·B·in·out FLOPs per layer), activation on hidden layers.
    for (let l = 0; l < L; l++) {
      const { W, b, inDim, outDim } = layers[l];
      const H = l === 0 ? x : this.acts[l - 1];
      const Z = this.acts[l];
      for (let r = 0; r < batch; r++) {
        const zRow = r * outDim;
        for (let j = 0; j < outDim; j++) Z[zRow + j] = b[j];
        const hRow = r * inDim;
        for (let i = 0; i < inDim; i++) {
          const h = H[hRow + i];
          const wRow = i * outDim;
          for (let j = 0; j < outDim; j++) Z[zRow + j] += h * W[wRow + j];
        }
      }
      if (l < L - 1) {
        if (this.tanh) for (let k = 0; k < Z.length; k++) Z[k] = Math.tanh(Z[k]);
        else for (let k = 0; k < Z.length; k++) if (Z[k] < 0) Z[k] = 0;
      }
    }

    // Loss and its gradient with respect to the output.
    const out = this.acts[L - 1];
    const dOut = this.deltas[L - 1];
    const k = layers[L - 1].outDim;
    let loss = 0;
    if (this.categorical) {
      for (let r = 0; r < batch; r++) {
        let max = -Infinity;
        for (let j = 0; j < k; j++) max = Math.max(max, out[r * k + j]);
        let total = 0;
        for (let j = 0; j < k; j++) total += Math.exp(out[r * k + j] - max);
        const logTotal = Math.log(total);
        for (let j = 0; j < k; j++) {
          const logP = out[r * k + j] - max - logTotal;
          loss -= t[r * k + j] * logP;
          dOut[r * k + j] = (Math.exp(logP) - t[r * k + j]) / batch;
        }
      }
      loss /= batch;
    } else {
      const count = batch * k;
      for (let q = 0; q < count; q++) {
        const diff = out[q] - t[q];
        loss += diff * diff;
        dOut[q] = (2 * diff) / count;
      }
      loss /= count;
    }

    // Backward: dW = Hᵀ·dZ and dH = dZ·Wᵀ (4·B·in·out FLOPs per layer), through the activation derivative.
    for (let l = L - 1; l >= 0; l--) {
      const { W, inDim, outDim } = layers[l];
      const H = l === 0 ? x : this.acts[l - 1];
      const dZ = this.deltas[l];
      const gW = this.gW[l];
      const gb = this.gb[l];
      gW.fill(0);
      gb.fill(0);
      const dH = l > 0 ? this.deltas[l - 1] : null;
      for (let r = 0; r < batch; r++) {
        const zRow = r * outDim;
        const hRow = r * inDim;
        for (let j = 0; j < outDim; j++) gb[j] += dZ[zRow + j];
        for (let i = 0; i < inDim; i++) {
          const h = H[hRow + i];
          const wRow = i * outDim;
          let back = 0;
          for (let j = 0; j < outDim; j++) {
            const d = dZ[zRow + j];
            gW[wRow + j] += h * d;
            back += d * W[wRow + j];
          }
          if (dH !== null) dH[hRow + i] = this.tanh ? back * (1 - h * h) : h > 0 ? back : 0;
        }
      }
    }

    // Update.
    const lr = this.optimizer.learningRate;
    if (this.optimizer.kind === 'sgd') {
      for (let l = 0; l < L; l++) {
        sgd(layers[l].W, this.gW[l], lr);
        sgd(layers[l].b, this.gb[l], lr);
      }
    } else {
      this.acc1 *= BETA1;
      this.acc2 *= BETA2;
      for (let l = 0; l < L; l++) {
        adam(layers[l].W, this.gW[l], this.mW[l], this.vW[l], lr, 1 - this.acc1, 1 - this.acc2);
        adam(layers[l].b, this.gb[l], this.mb[l], this.vb[l], lr, 1 - this.acc1, 1 - this.acc2);
      }
    }
    return loss;
  }
}

function sgd(w: Float32Array, g: Float32Array, lr: number): void {
  for (let q = 0; q < w.length; q++) w[q] -= lr * g[q];
}

function adam(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, lr: number, c1: number, c2: number): void {
  for (let q = 0; q < w.length; q++) {
    m[q] = BETA1 * m[q] + (1 - BETA1) * g[q];
    v[q] = BETA2 * v[q] + (1 - BETA2) * g[q] * g[q];
    w[q] -= (lr * (m[q] / c1)) / (Math.sqrt(v[q] / c2) + EPSILON);
  }
}
