import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../../lib/rng';
import { checkEnv } from '../../../../sims/core/checkEnv';
import {
  PENDULUM_MAX_COST,
  angleNormalize,
  pendulumCost,
  pendulumEnv,
  pendulumLinearisation,
  pendulumObservation,
  pendulumStateFromObservation,
  pendulumStep,
} from '../../../../sims/envs/pendulum';

/** Reference values from an independent Python transcription of Gymnasium's Pendulum-v1 step. */
const cases = [
  {
    theta: 0.7,
    thetaDot: -1.3,
    u: 1.5,
    g: 10,
    next: [0.6704081632714134, -0.5918367345717318],
    cost: 0.6612500000000002,
  },
  // Torque clipped to 2, speed clipped to 8, cost through angle_normalize(4) = 4 − 2π.
  { theta: 4.0, thetaDot: 7.9, u: 5.0, g: 10, next: [4.381619906425953, 7.632398128519054], cost: 11.457935146920741 },
  { theta: -3.0, thetaDot: -2.0, u: -0.4, g: 9.81, next: [-3.108191452296502, -2.163829045930047], cost: 9.40016 },
];

describe('Pendulum-v1', () => {
  it('passes the conformance check (cost bounds declared, not [0, 1])', () => {
    expect(pendulumEnv.costBounds?.(pendulumEnv.defaults)).toEqual([0, PENDULUM_MAX_COST]);
    expect(checkEnv(pendulumEnv)).toEqual([]);
  });

  it.each(cases)('matches the Pendulum-v1 equations to 1e-9 (θ = $theta, θ̇ = $thetaDot, u = $u)', (c) => {
    const rng = makeRng(0);
    const params = { ...pendulumEnv.defaults, g: c.g };
    const state = { theta: c.theta, thetaDot: c.thetaDot };
    const next = pendulumEnv.transition(state, Float64Array.of(c.u), rng, params);
    expect(Math.abs(next.theta - c.next[0])).toBeLessThan(1e-9);
    expect(Math.abs(next.thetaDot - c.next[1])).toBeLessThan(1e-9);
    expect(Math.abs(pendulumEnv.cost(state, [c.u], next, params) - c.cost)).toBeLessThan(1e-9);
  });

  it('matches a step written out by hand', () => {
    // θ̇' = θ̇ + (3g/(2l)·sin θ + 3/(ml²)·u)·dt, θ' = θ + θ̇'·dt with g = 10, m = l = 1, dt = 0.05.
    const theta = 0.2;
    const thetaDot = 0.5;
    const u = -1;
    const thetaDotNext = thetaDot + (15 * Math.sin(theta) + 3 * u) * 0.05;
    const next = pendulumStep({ theta, thetaDot }, u);
    expect(Math.abs(next.thetaDot - thetaDotNext)).toBeLessThan(1e-12);
    expect(Math.abs(next.theta - (theta + thetaDotNext * 0.05))).toBeLessThan(1e-12);
    expect(pendulumCost({ theta, thetaDot }, u)).toBeCloseTo(0.04 + 0.025 + 0.001, 12);
  });

  it('normalises angles like Gymnasium and observes (cos θ, sin θ, θ̇)', () => {
    expect(angleNormalize(4)).toBeCloseTo(4 - 2 * Math.PI, 12);
    expect(angleNormalize(-7)).toBeCloseTo(-7 + 2 * Math.PI, 12);
    expect(angleNormalize(Math.PI)).toBeCloseTo(-Math.PI, 12);
    const obs = pendulumObservation({ theta: 2.5 + 2 * Math.PI, thetaDot: -3 });
    expect(obs[0]).toBeCloseTo(Math.cos(2.5), 12);
    expect(obs[1]).toBeCloseTo(Math.sin(2.5), 12);
    expect(obs[2]).toBe(-3);
    expect(pendulumStateFromObservation(obs).theta).toBeCloseTo(2.5, 12);
  });

  it("draws Gymnasium's start state θ ~ U[−π, π], θ̇ ~ U[−1, 1]", () => {
    const rng = makeRng(1);
    let sumTheta = 0;
    let sumSq = 0;
    let maxDot = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const s = pendulumEnv.initial(rng, pendulumEnv.defaults);
      expect(Math.abs(s.theta)).toBeLessThanOrEqual(Math.PI);
      sumTheta += s.theta;
      sumSq += s.theta ** 2;
      maxDot = Math.max(maxDot, Math.abs(s.thetaDot));
    }
    expect(Math.abs(sumTheta / n)).toBeLessThan(0.05);
    expect(Math.abs(sumSq / n - Math.PI ** 2 / 3)).toBeLessThan(0.1);
    expect(maxDot).toBeLessThanOrEqual(1);
    expect(maxDot).toBeGreaterThan(0.99);
  });

  it('linearises correctly about upright (finite differences)', () => {
    const { A, B } = pendulumLinearisation();
    const h = 1e-6;
    const base = pendulumStep({ theta: 0, thetaDot: 0 }, 0);
    const dTheta = pendulumStep({ theta: h, thetaDot: 0 }, 0);
    const dDot = pendulumStep({ theta: 0, thetaDot: h }, 0);
    const dU = pendulumStep({ theta: 0, thetaDot: 0 }, h);
    expect((dTheta.theta - base.theta) / h).toBeCloseTo(A[0][0], 5);
    expect((dTheta.thetaDot - base.thetaDot) / h).toBeCloseTo(A[1][0], 5);
    expect((dDot.theta - base.theta) / h).toBeCloseTo(A[0][1], 5);
    expect((dDot.thetaDot - base.thetaDot) / h).toBeCloseTo(A[1][1], 5);
    expect((dU.theta - base.theta) / h).toBeCloseTo(B[0][0], 5);
    expect((dU.thetaDot - base.thetaDot) / h).toBeCloseTo(B[1][0], 5);
  });
});
