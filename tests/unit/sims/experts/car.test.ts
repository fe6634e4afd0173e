import { describe, expect, it } from 'vitest';
import { makeEnv } from '../../../../sims/core/env';
import { CAR_TRACK, carEnv, type CarParams } from '../../../../sims/envs/car';
import { carExpertSteer } from '../../../../sims/experts/car';

type Driver = (obs: Float64Array, params: CarParams) => number;

const expert: Driver = (obs, params) => carExpertSteer(obs, params);
/** Follows the bend but never corrects an offset: what a learner that never saw a correction may end up with. */
const feedforwardOnly: Driver = (obs, params) => params.speed * obs[2];

function drive(driver: Driver, params: Partial<CarParams>, seed: number) {
  const env = makeEnv(carEnv, params, seed);
  let obs = env.reset({ seed }).observation as Float64Array;
  let off = 0;
  let maxOffset = 0;
  const lateral: number[] = [];
  for (let t = 0; t < env.params.horizon; t++) {
    const r = env.step(driver(obs, env.params));
    obs = r.observation as Float64Array;
    off += r.cost;
    maxOffset = Math.max(maxOffset, Math.abs(env.state.lateral));
    lateral.push(env.state.lateral);
  }
  return { off, steps: env.params.horizon, maxOffset, lateral, laps: env.state.progress / CAR_TRACK.length };
}

const SEEDS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

describe('car expert', () => {
  it('stays on the centre line without tremble', () => {
    for (const seed of SEEDS.slice(0, 4)) {
      const r = drive(expert, { trembleProb: 0 }, seed);
      expect(r.off).toBe(0);
      expect(r.maxOffset).toBeLessThan(0.05);
      expect(r.laps).toBeGreaterThan(1.3);
    }
  });

  it('stays on the track on ≥ 99 % of steps under the default tremble, over several seeds', () => {
    let off = 0;
    let steps = 0;
    for (const seed of SEEDS) {
      const r = drive(expert, {}, seed);
      off += r.off;
      steps += r.steps;
      expect(r.off / r.steps).toBeLessThan(0.03);
    }
    expect(1 - off / steps).toBeGreaterThanOrEqual(0.99);
  });

  it('recovers from an offset start within a few seconds', () => {
    for (const seed of SEEDS.slice(0, 4)) {
      const r = drive(expert, { trembleProb: 0, initOffset: 0.8, initHeading: 0.3 }, seed);
      expect(Math.max(...r.lateral.slice(30).map(Math.abs))).toBeLessThan(0.05);
      expect(r.off).toBe(0);
    }
  });

  it('makes the tremble matter: a driver without feedback leaves the track ≥ 10× as often', () => {
    let expertOff = 0;
    let ffOff = 0;
    let steps = 0;
    for (const seed of SEEDS.slice(0, 5)) {
      expertOff += drive(expert, {}, seed).off;
      const r = drive(feedforwardOnly, {}, seed);
      ffOff += r.off;
      steps += r.steps;
    }
    expect(ffOff / steps).toBeGreaterThan(0.3);
    expect(ffOff).toBeGreaterThanOrEqual(10 * Math.max(expertOff, 1));
  });

  it('clips its command to the actuator range', () => {
    const p = carEnv.defaults;
    expect(carExpertSteer([2, 0, 0], p)).toBe(-p.maxSteer);
    expect(carExpertSteer([-2, 0, 0], p)).toBe(p.maxSteer);
    expect(carExpertSteer([0, 0, 0.1], p)).toBeCloseTo(p.speed * 0.1, 12);
  });
});
