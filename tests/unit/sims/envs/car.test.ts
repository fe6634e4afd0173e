import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../../lib/rng';
import { checkEnv } from '../../../../sims/core/checkEnv';
import { contains, makeEnv } from '../../../../sims/core/env';
import {
  CAR_LOOKAHEAD,
  CAR_TRACK,
  carEnv,
  carStateAt,
  carTrackGeometry,
  curvatureAt,
  projectOnTrack,
  trackPointAt,
  unicycleStep,
  wrapAngle,
  type CarParams,
} from '../../../../sims/envs/car';

const track = CAR_TRACK;

/** Signed arc-length difference a − b wrapped to (−L/2, L/2]. */
function sDiff(a: number, b: number): number {
  let d = (a - b) % track.length;
  if (d > track.length / 2) d -= track.length;
  if (d <= -track.length / 2) d += track.length;
  return d;
}

describe('car track', () => {
  it('is a closed, evenly sampled, smooth curve with varying curvature', () => {
    expect(track.length).toBeGreaterThan(80);
    expect(track.length).toBeLessThan(90);
    for (let i = 0; i < track.n; i++) {
      const k = (i + 1) % track.n;
      const step = Math.hypot(track.x[k] - track.x[i], track.y[k] - track.y[i]);
      expect(Math.abs(step / track.ds - 1)).toBeLessThan(0.01);
      // Tangent and curvature agree with the polyline: heading change per metre ≈ κ.
      const turn = wrapAngle(track.heading[k] - track.heading[i]) / track.ds;
      expect(Math.abs(turn - 0.5 * (track.curvature[i] + track.curvature[k]))).toBeLessThan(2e-3);
    }
    const kMin = Math.min(...track.curvature);
    const kMax = Math.max(...track.curvature);
    expect(kMin).toBeLessThan(0); // one gentle reverse bend
    expect(kMax).toBeGreaterThan(0.2);
    // The hairpin's radius (≈ 3.6 m) exceeds the crash offset (2.5 m), so every projection stays unique.
    expect(1 / kMax).toBeGreaterThan(carEnv.defaults.crashOffset + 0.5);
    // Turning once around a closed, simple, counter-clockwise curve: total turning is 2π.
    let total = 0;
    for (let i = 0; i < track.n; i++) total += track.curvature[i] * track.ds;
    expect(total).toBeCloseTo(2 * Math.PI, 2);
  });

  it('projects a point placed at offset d from the centre line to offset d, with or without a hint', () => {
    const rng = makeRng(0);
    for (let trial = 0; trial < 300; trial++) {
      const s = rng.uniform() * track.length;
      const d = rng.range(-2.4, 2.4);
      const c = trackPointAt(track, s);
      const x = c.x - d * Math.sin(c.heading);
      const y = c.y + d * Math.cos(c.heading);
      const near = (Math.round(s / track.ds) + rng.int(21) - 10 + track.n) % track.n;
      for (const hint of [undefined, near, (near + track.n / 2) | 0]) {
        const p = projectOnTrack(track, x, y, hint);
        expect(Math.abs(p.lateral - d)).toBeLessThan(1e-6);
        expect(Math.abs(sDiff(p.s, s))).toBeLessThan(1e-6);
        expect(Math.abs(wrapAngle(p.heading - c.heading))).toBeLessThan(1e-6);
      }
    }
  });

  it('varies the projection continuously as a point moves past vertices, also outside a bend', () => {
    // Walk a point 2 m outside the hairpin in 1 cm steps: arc length and heading must advance smoothly.
    const iMax = track.curvature.indexOf(Math.max(...track.curvature));
    let prev = projectOnTrack(track, 0, 0, iMax);
    for (let k = 0; k <= 200; k++) {
      const s = (iMax - 100) * track.ds + k * 0.01;
      const c = trackPointAt(track, s);
      const p = projectOnTrack(track, c.x + 2 * Math.sin(c.heading), c.y - 2 * Math.cos(c.heading), prev.index);
      expect(p.lateral).toBeCloseTo(-2, 6);
      if (k > 0) expect(Math.abs(sDiff(p.s, prev.s) - 0.01)).toBeLessThan(1e-6);
      prev = p;
    }
  });

  it('exports edges at ±halfWidth for the renderer', () => {
    const g = carTrackGeometry(1.2);
    expect(g.centre.length).toBe(2 * track.n);
    for (let i = 0; i < track.n; i += 37) {
      expect(projectOnTrack(track, g.left[2 * i], g.left[2 * i + 1]).lateral).toBeCloseTo(1.2, 3);
      expect(projectOnTrack(track, g.right[2 * i], g.right[2 * i + 1]).lateral).toBeCloseTo(-1.2, 3);
    }
    expect(g.bounds.maxX - g.bounds.minX).toBeGreaterThan(30);
  });
});

describe('car dynamics', () => {
  it('integrates the unicycle exactly along arcs', () => {
    const straight = unicycleStep(1, 2, 0, 3, 0, 0.1);
    expect(straight.x).toBeCloseTo(1.3, 12);
    expect(straight.y).toBeCloseTo(2, 12);
    // A full circle of radius v/ω returns to the start.
    let s = { x: 0, y: 0, theta: 0.3 };
    const omega = 0.5;
    const steps = 100;
    for (let i = 0; i < steps; i++) s = unicycleStep(s.x, s.y, s.theta, 3, omega, (2 * Math.PI) / omega / steps);
    expect(s.x).toBeCloseTo(0, 9);
    expect(s.y).toBeCloseTo(0, 9);
  });

  it('observes offset, heading error and look-ahead curvatures inside its space', () => {
    const env = makeEnv(carEnv, { initOffset: 0.5, initHeading: 0.3 }, 4);
    const obs = env.reset({ seed: 4 }).observation as Float64Array;
    expect(contains(carEnv.observationSpace(env.params), obs)).toBe(true);
    expect(obs[0]).toBeCloseTo(env.state.lateral, 12);
    expect(Math.abs(obs[0])).toBeLessThanOrEqual(0.5);
    expect(Math.abs(obs[1])).toBeLessThanOrEqual(0.3 + 1e-9);
    CAR_LOOKAHEAD.forEach((d, i) => expect(obs[2 + i]).toBeCloseTo(curvatureAt(track, env.state.s + d), 12));
    expect(contains(carEnv.actionSpace(env.params), [1.5])).toBe(true);
    expect(contains(carEnv.actionSpace(env.params), [1.6])).toBe(false);
  });

  it('charges off-track steps, and a crash is absorbing with cost 1 per step', () => {
    const params = { ...carEnv.defaults, trembleProb: 0 } as CarParams;
    const rng = makeRng(0);
    const c = trackPointAt(track, 10);
    // 1.5 m left of the line, facing outward: off the track, then past the crash offset.
    const start = carStateAt(c.x - 1.5 * Math.sin(c.heading), c.y + 1.5 * Math.cos(c.heading), c.heading + Math.PI / 2);
    let state = start;
    const costs: number[] = [];
    for (let t = 0; t < 10; t++) {
      const next = carEnv.transition(state, 0, rng, params);
      costs.push(carEnv.cost(state, 0, next, params));
      state = next;
    }
    expect(costs.every((v) => v === 1)).toBe(true);
    expect(state.crashed).toBe(true);
    const frozen = carEnv.transition(state, 1, rng, params);
    expect([frozen.x, frozen.y]).toEqual([state.x, state.y]);
    expect(carEnv.cost(state, 1, frozen, params)).toBe(1);
    // On the line: no cost.
    const onLine = carStateAt(c.x, c.y, c.heading);
    expect(carEnv.cost(onLine, 0, carEnv.transition(onLine, 0, rng, params), params)).toBe(0);
  });

  it('passes checkEnv with Gaussian actuation noise and with a wide start', () => {
    expect(checkEnv(carEnv, { actionNoiseStd: 0.2 })).toEqual([]);
    expect(checkEnv(carEnv, { initOffset: 0.9, initHeading: 0.5, trembleProb: 0 })).toEqual([]);
  });

  it('is deterministic for a seed', () => {
    const run = (seed: number) => {
      const env = makeEnv(carEnv, { trembleProb: 0.1, actionNoiseStd: 0.05 }, seed);
      env.reset({ seed });
      const out: number[] = [];
      for (let t = 0; t < 200; t++) {
        const obs = env.step([0.3 * Math.sin(t / 10)]).observation as Float64Array;
        out.push(...obs, env.state.x, env.state.y, env.state.theta);
      }
      return out;
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });

  it('gives every driver the same trembles for the same seed', () => {
    const schedule = (command: number) => {
      const env = makeEnv(carEnv, { trembleProb: 0.1 }, 9);
      env.reset({ seed: 9 });
      const out: number[] = [];
      for (let t = 0; t < 150; t++) {
        env.step(command);
        out.push(env.state.trembleLeft, env.state.trembleCommand);
      }
      return out;
    };
    const a = schedule(0.2);
    expect(schedule(-0.7)).toEqual(a);
    expect(a.some((v, i) => i % 2 === 0 && v > 0)).toBe(true);
  });

  it('tracks progress along the track', () => {
    const env = makeEnv(carEnv, { trembleProb: 0, horizon: 100 }, 1);
    let obs = env.reset({ seed: 1 }).observation as Float64Array;
    for (let t = 0; t < 100; t++) obs = env.step(env.params.speed * obs[2]).observation as Float64Array; // feedforward only
    expect(env.state.progress).toBeGreaterThan(0.95 * 100 * 0.3);
    expect(env.state.progress).toBeLessThan(1.05 * 100 * 0.3);
  });
});
