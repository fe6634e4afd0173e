import { describe, expect, it } from 'vitest';
import { chunkMap, chunkedPolicy, linearRate } from '@/sims/algos/chunking';

describe('chunking algebra', () => {
  it('M_σ = a^ℓ + σ Σ a^{ℓ−1−j} β̂_j, and the open-loop rate is |M|^{1/ℓ}', () => {
    const beta = [0.1, -0.2, 0.05];
    const m = 0.9 ** 3 + (0.9 ** 2 * 0.1 + 0.9 * -0.2 + 0.05);
    expect(chunkMap(0.9, 1, beta)).toBeCloseTo(m, 12);
    expect(linearRate(0.9, 1, beta, { chunk: 3, execution: 'open-loop', ensemble: 0 })).toBeCloseTo(Math.abs(m) ** (1 / 3), 12);
    expect(linearRate(0.9, -1, beta, { chunk: 3, execution: 'receding', ensemble: 0 })).toBeCloseTo(0.8, 12);
  });
  it('ensembling with β̂ = 0 grows at the open-loop rate a', () => {
    expect(linearRate(0.9, 1, [0, 0, 0, 0], { chunk: 4, execution: 'open-loop', ensemble: 0.1 })).toBeCloseTo(0.9, 6);
  });
  it('open-loop execution re-plans only at chunk boundaries; ACT weights the oldest prediction most', () => {
    let calls = 0;
    const map = (x: Float64Array) => {
      calls++;
      return Float64Array.from({ length: 6 }, (_, i) => x[0] * 10 + i);
    };
    const pol = chunkedPolicy(map, { chunk: 3, execution: 'open-loop', ensemble: 0 });
    for (let t = 0; t < 6; t++) pol(Float64Array.of(t, 0));
    expect(calls).toBe(2);
    // Ensemble m → large: the oldest chunk decides. At t = 1 the chunks from t = 0 (x = 0) and t = 1 (x = 1) are alive.
    const ens = chunkedPolicy(map, { chunk: 3, execution: 'open-loop', ensemble: 50 });
    ens(Float64Array.of(0, 0));
    const u = ens(Float64Array.of(1, 0));
    expect(u[0]).toBeCloseTo(2, 6); // entry j = 1 of the chunk predicted at x = 0: 0·10 + 2
  });
});
