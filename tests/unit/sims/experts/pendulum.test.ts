import { describe, expect, it } from 'vitest';
import { matmul, spectralRadius, sub } from '../../../../lib/linalg';
import { makeRng } from '../../../../lib/rng';
import { rollout } from '../../../../sims/core/rollout';
import {
  angleNormalize,
  pendulumEnv,
  pendulumLinearisation,
  pendulumStateFromObservation,
} from '../../../../sims/envs/pendulum';
import { pendulumExpertPolicy, pendulumExpertTorque, pendulumLqrGain } from '../../../../sims/experts/pendulum';

/** Steps until |angle_normalize(θ)| < 0.1 for the rest of the episode (the episode length if never). */
function settleStep(thetas: number[]): number {
  let last = -1;
  thetas.forEach((th, t) => {
    if (Math.abs(angleNormalize(th)) >= 0.1) last = t;
  });
  return last + 1;
}

function thetasOf(tr: ReturnType<typeof rollout>): number[] {
  const out: number[] = [];
  for (let t = 0; t <= tr.length; t++)
    out.push(pendulumStateFromObservation(tr.observations.subarray(3 * t, 3 * t + 3)).theta);
  return out;
}

describe('Pendulum expert', () => {
  it('uses an LQR gain that stabilises the upright linearisation', () => {
    const { A, B } = pendulumLinearisation();
    const K = pendulumLqrGain();
    expect(K[0]).toBeGreaterThan(0);
    expect(K[1]).toBeGreaterThan(0);
    expect(spectralRadius(sub(A, matmul(B, [K])))).toBeLessThan(1);
  });

  it('always returns a torque within ±2 N·m', () => {
    const rng = makeRng(0);
    for (let i = 0; i < 2000; i++) {
      const u = pendulumExpertTorque(rng.range(-10, 10), rng.range(-8, 8));
      expect(Math.abs(u)).toBeLessThanOrEqual(2);
    }
  });

  it.each([
    { theta: Math.PI, thetaDot: 0 },
    { theta: -Math.PI, thetaDot: 0 },
    { theta: Math.PI - 0.05, thetaDot: 0.1 },
    { theta: Math.PI + 0.2, thetaDot: -0.3 },
    { theta: 3 * Math.PI, thetaDot: 0.02 },
  ])('swings up from hanging down (θ = $theta, θ̇ = $thetaDot) and holds upright for 300 steps', (start) => {
    const tr = rollout(pendulumEnv, pendulumExpertPolicy, { rng: 0, horizon: 300, initialState: start });
    const settled = settleStep(thetasOf(tr));
    expect(settled).toBeLessThan(150); // about 100 steps (5 s) in practice
    // Upright and quiet at the end: tiny per-step cost.
    expect(tr.costs[299]).toBeLessThan(1e-3);
  });

  it("settles from Gymnasium's random start states within the 200-step episode", () => {
    for (let seed = 0; seed < 12; seed++) {
      const tr = rollout(pendulumEnv, pendulumExpertPolicy, { rng: seed, horizon: 200 });
      expect(settleStep(thetasOf(tr))).toBeLessThan(150);
    }
  });
});
