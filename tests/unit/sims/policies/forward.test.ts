// The plain-TypeScript side of the learner: initialisation, forward pass and action helpers. No tfjs here.
import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../../lib/rng';
import { argmax, forward, forwardBatch, predictAction, softmax } from '../../../../sims/policies/forward';
import {
  cloneWeights,
  countParams,
  initMlpWeights,
  validateSpec,
  type MlpSpec,
  type MlpWeights,
} from '../../../../sims/policies/weights';

const spec: MlpSpec = { inputDim: 3, hidden: [5, 4], outputDim: 2, head: 'categorical' };

/** Straightforward reference: y = act(x·W + b) layer by layer, no tricks. */
function naiveForward(w: MlpWeights, x: number[]): number[] {
  let h = x;
  w.layers.forEach((layer, l) => {
    const next: number[] = [];
    for (let j = 0; j < layer.outDim; j++) {
      let acc = layer.b[j];
      for (let i = 0; i < layer.inDim; i++) acc += h[i] * layer.W[i * layer.outDim + j];
      const hidden = l < w.layers.length - 1;
      next.push(hidden ? (w.spec.activation === 'tanh' ? Math.tanh(acc) : Math.max(0, acc)) : acc);
    }
    h = next;
  });
  return h;
}

function withRandomBiases(w: MlpWeights, seed: number): MlpWeights {
  const rng = makeRng(seed);
  const copy = cloneWeights(w);
  for (const layer of copy.layers) for (let j = 0; j < layer.b.length; j++) layer.b[j] = rng.range(-0.5, 0.5);
  return copy;
}

describe('initMlpWeights', () => {
  it('is Glorot-uniform with zero biases, with the right shapes', () => {
    const w = initMlpWeights(spec, makeRng(1));
    expect(w.layers.map((l) => [l.inDim, l.outDim])).toEqual([
      [3, 5],
      [5, 4],
      [4, 2],
    ]);
    for (const layer of w.layers) {
      const limit = Math.sqrt(6 / (layer.inDim + layer.outDim));
      expect(layer.W.length).toBe(layer.inDim * layer.outDim);
      for (const v of layer.W) expect(Math.abs(v)).toBeLessThanOrEqual(limit);
      expect(Array.from(layer.b)).toEqual(new Array(layer.outDim).fill(0));
    }
    expect(countParams(spec)).toBe(3 * 5 + 5 + 5 * 4 + 4 + 4 * 2 + 2);
  });

  it('spreads the weights over the whole Glorot interval', () => {
    const big: MlpSpec = { inputDim: 50, hidden: [], outputDim: 50, head: 'regression' };
    const { W } = initMlpWeights(big, makeRng(3)).layers[0];
    const limit = Math.sqrt(6 / 100);
    let sumSq = 0;
    for (const v of W) sumSq += v * v;
    // Var of U(−a, a) is a²/3.
    expect(sumSq / W.length).toBeGreaterThan(0.9 * (limit * limit) / 3);
    expect(sumSq / W.length).toBeLessThan(1.1 * (limit * limit) / 3);
  });

  it('is determined by the seed', () => {
    const a = initMlpWeights(spec, makeRng(7));
    const b = initMlpWeights(spec, makeRng(7));
    const c = initMlpWeights(spec, makeRng(8));
    expect(a).toEqual(b);
    expect(Array.from(a.layers[0].W)).not.toEqual(Array.from(c.layers[0].W));
  });

  it('rejects malformed specs with a message naming the field', () => {
    expect(() => validateSpec({ ...spec, inputDim: 0 })).toThrow(/inputDim/);
    expect(() => validateSpec({ ...spec, hidden: [4, 2.5] })).toThrow(/hidden/);
    expect(() => validateSpec({ ...spec, outputDim: 1 })).toThrow(/categorical/);
    expect(() => validateSpec({ ...spec, activation: 'sigmoid' as never })).toThrow(/activation/);
  });
});

describe('forward', () => {
  it('matches a naive layer-by-layer computation (relu and tanh, with and without hidden layers)', () => {
    const specs: MlpSpec[] = [
      spec,
      { ...spec, activation: 'tanh' },
      { inputDim: 4, hidden: [], outputDim: 3, head: 'categorical' },
      { inputDim: 1, hidden: [8], outputDim: 2, head: 'regression' },
    ];
    const rng = makeRng(11);
    for (const s of specs) {
      const w = withRandomBiases(initMlpWeights(s, makeRng(2)), 5);
      for (let trial = 0; trial < 20; trial++) {
        const x = Array.from({ length: s.inputDim }, () => rng.range(-2, 2));
        const got = Array.from(forward(w, x));
        const want = naiveForward(w, x);
        got.forEach((v, j) => expect(v).toBeCloseTo(want[j], 5));
      }
    }
  });

  it('writes into the given output array and allocates nothing else', () => {
    const w = initMlpWeights(spec, makeRng(1));
    const out = new Float32Array(2);
    expect(forward(w, [0.1, 0.2, 0.3], out)).toBe(out);
    expect(() => forward(w, [1, 2])).toThrow(/length 2/);
  });

  it('forwardBatch equals forward row by row', () => {
    const w = withRandomBiases(initMlpWeights({ ...spec, activation: 'tanh' }, makeRng(4)), 9);
    const n = 17;
    const rng = makeRng(12);
    const xs = new Float32Array(n * 3).map(() => rng.range(-1, 1));
    const batch = forwardBatch(w, xs, n);
    for (let r = 0; r < n; r++) {
      expect(Array.from(batch.subarray(r * 2, r * 2 + 2))).toEqual(Array.from(forward(w, xs.subarray(r * 3, r * 3 + 3))));
    }
  });
});

describe('softmax, argmax, predictAction', () => {
  it('softmax is a stable probability vector', () => {
    const p = softmax([1000, 1001, 999]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(Array.from(p).every(Number.isFinite)).toBe(true);
    expect(p[1]).toBeGreaterThan(p[0]);
    const cold = softmax([1, 2], undefined, 0.01);
    expect(cold[1]).toBeCloseTo(1, 6);
  });

  it('argmax takes the first of equal maxima', () => {
    expect(argmax([0, 3, 3, 1])).toBe(1);
    expect(argmax([-5])).toBe(0);
    expect(argmax([])).toBe(-1);
  });

  it('predictAction is greedy, or samples the softmax with an Rng', () => {
    const w = initMlpWeights({ inputDim: 1, hidden: [], outputDim: 3, head: 'categorical' }, makeRng(1));
    // Hand-set logits: action 2 has probability e²/(1 + e + e²) ≈ 0.665.
    w.layers[0].W.set([0, 0, 0]);
    w.layers[0].b.set([0, 1, 2]);
    expect(predictAction(w, [0.5])).toBe(2);
    const rng = makeRng(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[predictAction(w, [0.5], { rng })]++;
    expect(counts[2] / 4000).toBeGreaterThan(0.62);
    expect(counts[2] / 4000).toBeLessThan(0.71);
    expect(counts[0]).toBeGreaterThan(0);
  });

  it('predictAction returns the scalar output of a one-output regression policy', () => {
    const w = initMlpWeights({ inputDim: 2, hidden: [4], outputDim: 1, head: 'regression' }, makeRng(1));
    expect(predictAction(w, [0.3, -0.2])).toBeCloseTo(forward(w, [0.3, -0.2])[0], 7);
    const wide = initMlpWeights({ inputDim: 2, hidden: [], outputDim: 2, head: 'regression' }, makeRng(1));
    expect(() => predictAction(wide, [0, 0])).toThrow(/forward/);
  });
});
