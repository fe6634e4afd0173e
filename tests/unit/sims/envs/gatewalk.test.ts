import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../../lib/rng';
import { logLogSlope, mean } from '../../../../lib/stats';
import { checkEnv } from '../../../../sims/core/checkEnv';
import { estimateCost, rollout } from '../../../../sims/core/rollout';
import {
  GATE_PHI_STAR,
  denseRegret,
  fitGateAngle,
  fitGateAngleBySweep,
  gateSide,
  gateStepError,
  gatewalkEnv,
  gatewalkRegrets,
  sampleGateDataset,
  sampleGatewalkErrors,
  sparseRegret,
  wrapAngle,
  type GateDataset,
} from '../../../../sims/envs/gatewalk';
import { gatewalkExpertPolicy, gatewalkHalfPlanePolicy } from '../../../../sims/experts/gatewalk';

function agreement(data: GateDataset, phi: number): number {
  let ok = 0;
  for (let i = 0; i < data.count; i++) if (gateSide(data.xs[2 * i], data.xs[2 * i + 1], phi) === data.labels[i]) ok++;
  return ok;
}

describe('Gate-walk environment', () => {
  it('passes the conformance check in both reward modes', () => {
    expect(checkEnv(gatewalkEnv)).toEqual([]);
    expect(checkEnv(gatewalkEnv, { reward: 'dense' })).toEqual([]);
  });

  it('never lets the expert fall', () => {
    for (const seed of [1, 2, 3]) {
      const tr = rollout(gatewalkEnv, gatewalkExpertPolicy, { rng: seed, horizon: 200 });
      expect(tr.length).toBe(200);
      expect(tr.costs.every((c) => c === 0)).toBe(true);
    }
  });

  it('falls into an absorbing state on a wrong action (terminal when sparse, costly when dense)', () => {
    const p = { ...gatewalkEnv.defaults };
    const rng = makeRng(0);
    const s = { x1: 1, x2: 0, fallen: false }; // the expert says side 1
    const fallen = gatewalkEnv.transition(s, 0, rng, p);
    expect(fallen.fallen).toBe(true);
    expect(gatewalkEnv.cost(s, 0, fallen, p)).toBe(1);
    expect(gatewalkEnv.isTerminal(fallen, p)).toBe(true);
    const dense = { ...p, reward: 'dense' as const };
    expect(gatewalkEnv.isTerminal(fallen, dense)).toBe(false);
    const still = gatewalkEnv.transition(fallen, 1, rng, dense);
    expect(still.fallen).toBe(true);
    expect(gatewalkEnv.cost(fallen, 1, still, dense)).toBe(1);
    expect(gatewalkEnv.cost(fallen, 1, still, p)).toBe(0);
  });

  it('agrees with the exact regret formulas for a fixed imperfect half-plane (Monte Carlo)', () => {
    const phiHat = GATE_PHI_STAR + 0.25;
    const e = gateStepError(phiHat);
    expect(e).toBeCloseTo(0.25 / Math.PI, 12);
    const H = 8;
    const errors = new Float64Array(H).fill(e);
    const policy = gatewalkHalfPlanePolicy(phiHat);
    const sparse = estimateCost(gatewalkEnv, policy, 4000, { rng: 1, horizon: H });
    const dense = estimateCost(gatewalkEnv, policy, 4000, { rng: 2, horizon: H, params: { reward: 'dense' } });
    expect(sparse.lo).toBeLessThan(sparseRegret(errors) + 0.01);
    expect(sparse.hi).toBeGreaterThan(sparseRegret(errors) - 0.01);
    expect(dense.lo).toBeLessThan(denseRegret(errors) + 0.05);
    expect(dense.hi).toBeGreaterThan(denseRegret(errors) - 0.05);
  });
});

describe('Gate-walk exact mode', () => {
  it('computes regret from per-step errors in closed form', () => {
    expect(sparseRegret([0.1, 0.2])).toBeCloseTo(1 - 0.9 * 0.8, 12);
    expect(denseRegret([0.1, 0.2])).toBeCloseTo(0.1 + (1 - 0.72), 12);
    expect(sparseRegret([])).toBe(0);
    expect(wrapAngle(3 * Math.PI)).toBeCloseTo(-Math.PI, 12);
    expect(gateStepError(GATE_PHI_STAR + 2 * Math.PI)).toBeCloseTo(0, 12);
  });

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
