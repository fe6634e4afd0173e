/**
 * TaSIL — Taylor-series imitation learning, first order (Pfrommer, Zhang, Tu & Matni, NeurIPS 2022; SCIENCE-NOTES-ch7
 * §7.6 and Toy 7E), beside plain behavior cloning, on a tiny network in plain TypeScript.
 *
 *   BC      π̂ ← argmin  (1/N) Σ_i ‖π̂(x_i) − π*(x_i)‖²
 *   TaSIL-1 π̂ ← argmin  (1/N) Σ_i ‖π̂(x_i) − π*(x_i)‖²  +  λ·(1/N) Σ_i ‖∇π̂(x_i) − ∇π*(x_i)‖²_F
 *
 * on the same expert states x_i. TaSIL also needs the expert's Jacobian ∇π*(x_i) at every demonstration state: extra
 * supervision that only a differentiable expert (an analytic controller, MPC with sensitivities) can give. This is the
 * squared-norm form of both terms (the notes' prototype); higher Taylor orders are not implemented.
 *
 * The policy is a 1-hidden-layer tanh MLP, û(x) = W2·tanh(W1·x + b1) + b2. Its input Jacobian has a closed form,
 *   ∇û(x) = W2 · diag(1 − h²) · W1,    h = tanh(W1·x + b1),
 * so the Jacobian-matching loss and its gradient are written out by hand (checked against finite differences in
 * tests/unit/sims/algos/tasil.test.ts): no automatic differentiation, no double backprop, deterministic and fast.
 * Glorot-uniform initialisation, zero biases, full-batch Adam.
 */
import { tanh } from '../../lib/detmath';
import type { Rng } from '../../lib/rng';
import { checkpoint } from '../core/abort';

// ---------------------------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------------------------

export interface TasilConfig {
  /** Hidden units of the tanh layer. */
  hidden: number;
  /** Full-batch Adam steps. */
  steps: number;
  /** Adam learning rate. */
  learningRate: number;
  /** λ, the weight of the Jacobian-matching term; 0 is plain BC. */
  lambda: number;
}

/** The notes' learner: 32 tanh units, 1500 Adam steps at 10⁻², λ = 1. */
export const TASIL_DEFAULTS: TasilConfig = { hidden: 32, steps: 1500, learningRate: 1e-2, lambda: 1 };

/** Labelled expert states. */
export interface TasilData {
  /** Inputs, flat N × dIn. */
  x: Float64Array;
  /** Expert actions π*(x_i), flat N × dOut. */
  u: Float64Array;
  /** Expert Jacobians ∇π*(x_i), flat N × dOut × dIn (row-major per sample); needed when λ > 0. */
  jacobian?: Float64Array;
  n: number;
  dIn: number;
  dOut: number;
}

/** The network. Weight matrices are row-major: W1 is dHidden × dIn, W2 is dOut × dHidden. */
export interface TanhMlp {
  dIn: number;
  dHidden: number;
  dOut: number;
  W1: Float64Array;
  b1: Float64Array;
  W2: Float64Array;
  b2: Float64Array;
}

// ---------------------------------------------------------------------------------------------------------------
// The network: forward pass and closed-form input Jacobian
// ---------------------------------------------------------------------------------------------------------------

/** Glorot-uniform weights (W1 first, row by row, then W2), zero biases. */
export function initTanhMlp(dIn: number, dHidden: number, dOut: number, rng: Rng): TanhMlp {
  const lim1 = Math.sqrt(6 / (dIn + dHidden));
  const lim2 = Math.sqrt(6 / (dHidden + dOut));
  const W1 = Float64Array.from({ length: dHidden * dIn }, () => rng.range(-lim1, lim1));
  const W2 = Float64Array.from({ length: dOut * dHidden }, () => rng.range(-lim2, lim2));
  return { dIn, dHidden, dOut, W1, b1: new Float64Array(dHidden), W2, b2: new Float64Array(dOut) };
}

/** h = tanh(W1·x + b1) for one input. */
function hiddenLayer(
  net: TanhMlp,
  x: ArrayLike<number>,
  offset = 0,
  out = new Float64Array(net.dHidden),
): Float64Array {
  for (let j = 0; j < net.dHidden; j++) {
    let z = net.b1[j];
    for (let d = 0; d < net.dIn; d++) z += net.W1[j * net.dIn + d] * x[offset + d];
    out[j] = tanh(z);
  }
  return out;
}

/** û(x), length dOut. */
export function mlpForward(net: TanhMlp, x: ArrayLike<number>): Float64Array {
  const h = hiddenLayer(net, x);
  const out = Float64Array.from(net.b2);
  for (let m = 0; m < net.dOut; m++) for (let j = 0; j < net.dHidden; j++) out[m] += net.W2[m * net.dHidden + j] * h[j];
  return out;
}

/** ∇û(x) = W2·diag(1 − h²)·W1, flat dOut × dIn. */
export function mlpJacobian(net: TanhMlp, x: ArrayLike<number>): Float64Array {
  const h = hiddenLayer(net, x);
  const J = new Float64Array(net.dOut * net.dIn);
  for (let j = 0; j < net.dHidden; j++) {
    const slope = 1 - h[j] * h[j];
    for (let m = 0; m < net.dOut; m++) {
      const w = net.W2[m * net.dHidden + j] * slope;
      for (let d = 0; d < net.dIn; d++) J[m * net.dIn + d] += w * net.W1[j * net.dIn + d];
    }
  }
  return J;
}

// ---------------------------------------------------------------------------------------------------------------
// The loss and its gradient, by hand
// ---------------------------------------------------------------------------------------------------------------

export interface TasilGradient {
  /** The whole loss: action term + λ·Jacobian term. */
  loss: number;
  /** (1/N) Σ ‖û − u*‖². */
  actionLoss: number;
  /** (1/N) Σ ‖∇û − ∇u*‖²_F (0 when λ = 0: not computed). */
  jacobianLoss: number;
  W1: Float64Array;
  b1: Float64Array;
  W2: Float64Array;
  b2: Float64Array;
}

/**
 * The loss and its gradient with respect to every weight. With a_i = W1·x_i + b1, h_i = tanh(a_i), s_i = 1 − h_i²,
 * E_i = û(x_i) − u*_i and R_i = W2·diag(s_i)·W1 − ∇u*_i:
 *   action term:   ∂/∂W2 = (2/N) Σ E_i h_iᵀ,  ∂/∂a_i = (2/N) (W2ᵀE_i) ⊙ s_i  (→ W1, b1)
 *   Jacobian term: ∂/∂W2[m,j] = c Σ_i Σ_d R_i[m,d] s_ij W1[j,d];  ∂/∂W1[j,d] (direct) = c Σ_i s_ij Σ_m W2[m,j] R_i[m,d];
 *                  through s: ∂/∂s_ij = c Σ_{m,d} R_i[m,d] W2[m,j] W1[j,d], and ∂s/∂a = −2·h·s  (→ W1, b1),
 *   with c = 2λ/N.
 */
export function tasilLossAndGradient(
  net: TanhMlp,
  data: TasilData,
  lambda: number,
  into?: TasilGradient,
): TasilGradient {
  const { dIn, dHidden, dOut, W1, b1, W2, b2 } = net;
  const { n, x, u, jacobian } = data;
  const useJacobian = lambda > 0;
  if (useJacobian && !jacobian) throw new Error('tasil: λ > 0 needs the expert’s Jacobians');
  const g: TasilGradient = into ?? {
    loss: 0,
    actionLoss: 0,
    jacobianLoss: 0,
    W1: new Float64Array(W1.length),
    b1: new Float64Array(dHidden),
    W2: new Float64Array(W2.length),
    b2: new Float64Array(dOut),
  };
  g.W1.fill(0);
  g.b1.fill(0);
  g.W2.fill(0);
  g.b2.fill(0);
  let actionLoss = 0;
  let jacobianLoss = 0;
  const h = new Float64Array(dHidden);
  const E = new Float64Array(dOut); // û(x_i) − u*_i
  const R = new Float64Array(dOut * dIn); // ∇û(x_i) − ∇u*_i
  const twoOverN = 2 / n;
  const c = (2 * lambda) / n;
  for (let i = 0; i < n; i++) {
    const xi = i * dIn;
    // ---- forward: h = tanh(W1·x + b1), E = W2·h + b2 − u*
    for (let j = 0; j < dHidden; j++) {
      let z = b1[j];
      for (let d = 0; d < dIn; d++) z += W1[j * dIn + d] * x[xi + d];
      h[j] = tanh(z);
    }
    for (let m = 0; m < dOut; m++) {
      let o = b2[m] - u[i * dOut + m];
      for (let j = 0; j < dHidden; j++) o += W2[m * dHidden + j] * h[j];
      E[m] = o;
      actionLoss += o * o;
      g.b2[m] += twoOverN * o;
    }
    // ---- the Jacobian's residual R = W2·diag(1 − h²)·W1 − ∇u*
    if (useJacobian) {
      for (let k = 0; k < R.length; k++) R[k] = -jacobian![i * R.length + k];
      for (let j = 0; j < dHidden; j++) {
        const sj = 1 - h[j] * h[j];
        for (let m = 0; m < dOut; m++) {
          const w = W2[m * dHidden + j] * sj;
          for (let d = 0; d < dIn; d++) R[m * dIn + d] += w * W1[j * dIn + d];
        }
      }
      for (let k = 0; k < R.length; k++) jacobianLoss += R[k] * R[k];
    }
    // ---- backward, one hidden unit at a time
    for (let j = 0; j < dHidden; j++) {
      const hj = h[j];
      const sj = 1 - hj * hj;
      let dA = 0; // ∂loss/∂a_ij
      for (let m = 0; m < dOut; m++) {
        const w2 = W2[m * dHidden + j];
        g.W2[m * dHidden + j] += twoOverN * E[m] * hj;
        dA += twoOverN * w2 * E[m] * sj;
        if (useJacobian) {
          let rw1 = 0; // Σ_d R[m,d] W1[j,d]
          for (let d = 0; d < dIn; d++) {
            const r = R[m * dIn + d];
            rw1 += r * W1[j * dIn + d];
            g.W1[j * dIn + d] += c * sj * w2 * r; // direct
          }
          g.W2[m * dHidden + j] += c * sj * rw1;
          dA += c * w2 * rw1 * (-2 * hj * sj); // through s = 1 − h², ∂s/∂a = −2hs
        }
      }
      // ---- back through a_i = W1·x_i + b1
      g.b1[j] += dA;
      for (let d = 0; d < dIn; d++) g.W1[j * dIn + d] += dA * x[xi + d];
    }
  }
  g.actionLoss = actionLoss / n;
  g.jacobianLoss = jacobianLoss / n;
  g.loss = g.actionLoss + lambda * g.jacobianLoss;
  return g;
}

// ---------------------------------------------------------------------------------------------------------------
// Training: full-batch Adam
// ---------------------------------------------------------------------------------------------------------------

export interface TasilTrainOptions {
  signal?: AbortSignal;
  /** Called every `every` steps with the step and the loss. */
  onStep?: (step: number, loss: TasilGradient) => void;
  every?: number;
}

export interface TasilTrainResult {
  net: TanhMlp;
  /** The last step's losses. */
  final: { loss: number; actionLoss: number; jacobianLoss: number };
}

/** Trains a fresh network (initialised from `rng`) on `data` with the BC (λ = 0) or TaSIL-1 loss. */
export async function trainTasil(
  data: TasilData,
  config: TasilConfig,
  rng: Rng,
  options: TasilTrainOptions = {},
): Promise<TasilTrainResult> {
  const { signal, onStep, every = 100 } = options;
  const net = initTanhMlp(data.dIn, config.hidden, data.dOut, rng);
  const params = [net.W1, net.b1, net.W2, net.b2];
  const m1 = params.map((p) => new Float64Array(p.length));
  const m2 = params.map((p) => new Float64Array(p.length));
  const beta1 = 0.9;
  const beta2 = 0.999;
  let beta1Power = 1;
  let beta2Power = 1;
  let last: TasilGradient | undefined; // reused as the gradient buffer of the next step
  for (let step = 1; step <= config.steps; step++) {
    const g = tasilLossAndGradient(net, data, config.lambda, last);
    last = g;
    const grads = [g.W1, g.b1, g.W2, g.b2];
    beta1Power *= beta1;
    beta2Power *= beta2;
    for (let k = 0; k < params.length; k++) {
      const p = params[k];
      for (let i = 0; i < p.length; i++) {
        m1[k][i] = beta1 * m1[k][i] + (1 - beta1) * grads[k][i];
        m2[k][i] = beta2 * m2[k][i] + (1 - beta2) * grads[k][i] * grads[k][i];
        const mHat = m1[k][i] / (1 - beta1Power);
        const vHat = m2[k][i] / (1 - beta2Power);
        p[i] -= (config.learningRate * mHat) / (Math.sqrt(vHat) + 1e-8);
      }
    }
    if (step % every === 0 || step === config.steps) {
      onStep?.(step, g);
      await checkpoint(signal);
    }
  }
  const final = last
    ? { loss: last.loss, actionLoss: last.actionLoss, jacobianLoss: last.jacobianLoss }
    : { loss: NaN, actionLoss: NaN, jacobianLoss: NaN };
  return { net, final };
}
