// The TaSIL learner (sims/algos/tasil.ts): its closed-form input Jacobian and its hand-written gradients agree with
// central finite differences (the numpy prototype's check, proto-ch7/tasil_net.py), and training is deterministic.
import { describe, expect, it } from 'vitest';
import { makeRng } from '@/lib/rng';
import {
  initTanhMlp,
  mlpForward,
  mlpJacobian,
  tasilLossAndGradient,
  trainTasil,
  type TanhMlp,
  type TasilData,
} from '@/sims/algos/tasil';

/** A small network with non-zero biases (3 inputs, 7 hidden, 2 outputs) and random data with Jacobian labels. */
function fixture(): { net: TanhMlp; data: TasilData } {
  const rng = makeRng(7);
  const net = initTanhMlp(3, 7, 2, rng.stream('init'));
  const r = rng.stream('data');
  for (let j = 0; j < net.b1.length; j++) net.b1[j] = 0.3 * r.normal();
  for (let m = 0; m < net.b2.length; m++) net.b2[m] = 0.3 * r.normal();
  const n = 5;
  const data: TasilData = {
    n,
    dIn: 3,
    dOut: 2,
    x: Float64Array.from({ length: n * 3 }, () => r.normal()),
    u: Float64Array.from({ length: n * 2 }, () => r.normal()),
    jacobian: Float64Array.from({ length: n * 2 * 3 }, () => r.normal()),
  };
  return { net, data };
}

describe('tasil learner', () => {
  it('the closed-form input Jacobian W2·diag(1 − h²)·W1 matches finite differences', () => {
    const { net, data } = fixture();
    const eps = 1e-6;
    let maxErr = 0;
    for (let i = 0; i < data.n; i++) {
      const x = Array.from(data.x.subarray(3 * i, 3 * i + 3));
      const J = mlpJacobian(net, x);
      for (let d = 0; d < 3; d++) {
        const plus = [...x];
        const minus = [...x];
        plus[d] += eps;
        minus[d] -= eps;
        const fp = mlpForward(net, plus);
        const fm = mlpForward(net, minus);
        for (let m = 0; m < 2; m++) maxErr = Math.max(maxErr, Math.abs((fp[m] - fm[m]) / (2 * eps) - J[m * 3 + d]));
      }
    }
    expect(maxErr).toBeLessThan(1e-7);
  });

  it('the gradient of the BC + λ·Jacobian loss matches finite differences in every weight', () => {
    const { net, data } = fixture();
    const lambda = 0.7;
    const g = tasilLossAndGradient(net, data, lambda);
    const eps = 1e-6;
    const blocks = [
      [net.W1, g.W1],
      [net.b1, g.b1],
      [net.W2, g.W2],
      [net.b2, g.b2],
    ] as const;
    for (const [param, grad] of blocks) {
      let maxErr = 0;
      let scale = 0;
      for (let k = 0; k < param.length; k++) {
        const old = param[k];
        param[k] = old + eps;
        const lp = tasilLossAndGradient(net, data, lambda).loss;
        param[k] = old - eps;
        const lm = tasilLossAndGradient(net, data, lambda).loss;
        param[k] = old;
        const numeric = (lp - lm) / (2 * eps);
        maxErr = Math.max(maxErr, Math.abs(numeric - grad[k]));
        scale = Math.max(scale, Math.abs(numeric));
      }
      expect(maxErr / scale).toBeLessThan(1e-6);
    }
  });

  it('with λ = 0 the loss is BC’s mean squared action error', () => {
    const { net, data } = fixture();
    const g = tasilLossAndGradient(net, data, 0);
    let sq = 0;
    for (let i = 0; i < data.n; i++) {
      const out = mlpForward(net, data.x.subarray(3 * i, 3 * i + 3));
      for (let m = 0; m < 2; m++) sq += (out[m] - data.u[2 * i + m]) ** 2;
    }
    expect(g.loss).toBeCloseTo(sq / data.n, 12);
    expect(g.jacobianLoss).toBe(0);
  });

  it('training lowers the loss and is deterministic for a seed', async () => {
    const { data } = fixture();
    const config = { hidden: 8, steps: 200, learningRate: 1e-2, lambda: 0.5 };
    const before = tasilLossAndGradient(initTanhMlp(3, 8, 2, makeRng(3)), data, 0.5).loss;
    const a = await trainTasil(data, config, makeRng(3));
    const b = await trainTasil(data, config, makeRng(3));
    expect(a.final.loss).toBeLessThan(0.5 * before);
    expect(Array.from(a.net.W1)).toEqual(Array.from(b.net.W1));
  });
});
