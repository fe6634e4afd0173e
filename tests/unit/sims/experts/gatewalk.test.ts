import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../../lib/rng';
import { GATE_PHI_STAR } from '../../../../sims/envs/gatewalk';
import {
  gatewalkExpertAction,
  gatewalkExpertPolicy,
  gatewalkHalfPlanePolicy,
  sampleGateDataset,
} from '../../../../sims/experts/gatewalk';

describe('Gate-walk expert', () => {
  it('is the half-plane at φ* = 0.3 rad and labels the datasets', () => {
    expect(gatewalkExpertAction(Math.cos(GATE_PHI_STAR), Math.sin(GATE_PHI_STAR))).toBe(1);
    expect(gatewalkExpertAction(-Math.cos(GATE_PHI_STAR), -Math.sin(GATE_PHI_STAR))).toBe(0);
    // Just either side of the boundary line (normal at 0.3 rad, so the line is at 0.3 + π/2).
    const edge = GATE_PHI_STAR + Math.PI / 2;
    expect(gatewalkExpertAction(Math.cos(edge - 0.01), Math.sin(edge - 0.01))).toBe(1);
    expect(gatewalkExpertAction(Math.cos(edge + 0.01), Math.sin(edge + 0.01))).toBe(0);
    const data = sampleGateDataset(makeRng(1), 100);
    for (let i = 0; i < data.count; i++) {
      expect(gatewalkExpertPolicy(data.xs.subarray(2 * i, 2 * i + 2), 0, makeRng(0))).toBe(data.labels[i]);
    }
  });
});

describe('half-plane policies', () => {
  it('use one angle, or the angle of the current step', () => {
    const x = Float64Array.of(1, 0);
    const rng = makeRng(0);
    expect(gatewalkHalfPlanePolicy(0)(x, 0, rng)).toBe(1);
    expect(gatewalkHalfPlanePolicy(Math.PI)(x, 0, rng)).toBe(0);
    const perStep = gatewalkHalfPlanePolicy([0, Math.PI]);
    expect(perStep(x, 0, rng)).toBe(1);
    expect(perStep(x, 1, rng)).toBe(0);
  });
});
