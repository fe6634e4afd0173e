import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../../lib/rng';
import { checkEnv } from '../../../../sims/core/checkEnv';
import { estimateCost, rollout } from '../../../../sims/core/rollout';
import {
  GATE_PHI_STAR,
  denseRegret,
  gateStepError,
  gatewalkEnv,
  sparseRegret,
  wrapAngle,
} from '../../../../sims/envs/gatewalk';
import { gatewalkExpertPolicy, gatewalkHalfPlanePolicy } from '../../../../sims/experts/gatewalk';

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

describe('Gate-walk exact regret', () => {
  it('computes regret from per-step errors in closed form', () => {
    expect(sparseRegret([0.1, 0.2])).toBeCloseTo(1 - 0.9 * 0.8, 12);
    expect(denseRegret([0.1, 0.2])).toBeCloseTo(0.1 + (1 - 0.72), 12);
    expect(sparseRegret([])).toBe(0);
    expect(wrapAngle(3 * Math.PI)).toBeCloseTo(-Math.PI, 12);
    expect(gateStepError(GATE_PHI_STAR + 2 * Math.PI)).toBeCloseTo(0, 12);
  });
});
