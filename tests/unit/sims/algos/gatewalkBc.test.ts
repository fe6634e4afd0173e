import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../../lib/rng';
import { logLogSlope, mean } from '../../../../lib/stats';
import {
  fitGateAngle,
  fitGateAngleBySweep,
  gatewalkRegrets,
  sampleGatewalkErrors,
} from '../../../../sims/algos/gatewalkBc';
import { gateSide, gateStepError, wrapAngle } from '../../../../sims/envs/gatewalk';
import { sampleGateDataset, type GateDataset } from '../../../../sims/experts/gatewalk';

function agreement(data: GateDataset, phi: number): number {
  let ok = 0;
  for (let i = 0; i < data.count; i++) if (gateSide(data.xs[2 * i], data.xs[2 * i + 1], phi) === data.labels[i]) ok++;
  return ok;
}

describe('Gate-walk behaviour cloning in exact mode', () => {
  it('fits the midpoint of the version space: consistent with every label, error ≈ 1/(2N)', () => {
    const rng = makeRng(3);
    for (let k = 0; k < 50; k++) {
      const data = sampleGateDataset(rng, 1 + (k % 30));
      const phi = fitGateAngle(data);
      expect(agreement(data, phi)).toBe(data.count);
      // The sweep ERM finds the same arc on consistent data.
      expect(Math.abs(wrapAngle(fitGateAngleBySweep(data) - phi))).toBeLessThan(1e-9);
    }
    const N = 200;
    const errs = Array.from({ length: 1000 }, () => gateStepError(fitGateAngle(sampleGateDataset(rng, N))));
    expect(N * mean(errs)).toBeGreaterThan(0.42);
    expect(N * mean(errs)).toBeLessThan(0.58);
  });

  it('falls back to ERM on inconsistent labels: no angle agrees with more labels', () => {
    const rng = makeRng(4);
    for (let k = 0; k < 20; k++) {
      const data = sampleGateDataset(rng, 40);
      for (let i = 0; i < data.count; i++) if (rng.bernoulli(0.2)) data.labels[i] = 1 - data.labels[i];
      const best = agreement(data, fitGateAngle(data));
      for (let j = 0; j < 720; j++) expect(agreement(data, -Math.PI + (j * Math.PI) / 360)).toBeLessThanOrEqual(best);
    }
  });

  it('uses one angle for the shared class and one per step otherwise', () => {
    const shared = sampleGatewalkErrors(makeRng(5), { n: 5, horizon: 6, sharing: 'shared' });
    expect(new Set(shared).size).toBe(1);
    const perStep = sampleGatewalkErrors(makeRng(5), { n: 5, horizon: 6, sharing: 'perStep' });
    expect(new Set(perStep).size).toBe(6);
    const a = gatewalkRegrets(makeRng(6), { n: 5, horizon: 6, sharing: 'perStep' }, 7);
    const b = gatewalkRegrets(makeRng(6), { n: 5, horizon: 6, sharing: 'perStep' }, 3);
    expect(Array.from(a.sparse.subarray(0, 3))).toEqual(Array.from(b.sparse));
  });

  it('reproduces the notes §1(b) shapes (n = 20, 400 replicates)', () => {
    const Hs = [4, 8, 16, 32, 64, 128];
    const curve = (sharing: 'shared' | 'perStep', hs: number[]) =>
      hs.map((H) => gatewalkRegrets(makeRng(7).stream(`${sharing}/${H}`), { n: 20, horizon: H, sharing }, 400));
    const shared = curve('shared', Hs);
    const sharedSparse = shared.map((r) => mean(r.sparse));
    const sharedDense = shared.map((r) => mean(r.dense));
    const perStep = curve('perStep', [4, 8, 16]);
    const perStepSparse = perStep.map((r) => mean(r.sparse));
    const perStepDense = perStep.map((r) => mean(r.dense));

    expect(sharedSparse[5] / sharedSparse[0]).toBeGreaterThan(0.8);
    expect(sharedSparse[5] / sharedSparse[0]).toBeLessThan(1.25);
    for (const v of sharedSparse) {
      expect(v).toBeGreaterThan(0.015);
      expect(v).toBeLessThan(0.035);
    }
    expect(perStepSparse[2] / perStepSparse[0]).toBeGreaterThanOrEqual(2.5);
    expect(logLogSlope(Hs, sharedDense)).toBeGreaterThan(0.85);
    expect(logLogSlope(Hs, sharedDense)).toBeLessThan(1.1);
    expect(logLogSlope([4, 8, 16], perStepDense)).toBeGreaterThanOrEqual(1.6);
  });
});
