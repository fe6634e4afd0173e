// Unit tests of the two experiments of the chunking chapter at tiny sizes: same seed → same numbers, every tensor
// disposed, and the pure pieces of the fork (expert, schedule, bins).
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { binCentre, cosineSchedule, expertHeading, forkDemos, headingBin } from '@/sims/algos/fork';
import { runExperiment } from '@/sims/experiments/run';
import { makeRng } from '@/lib/rng';
import { initBackend } from '@/sims/policies/backend';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('fork-in-the-road pieces', () => {
  it('the expert heads to the fork, then to its side, then to the goal', () => {
    expect(expertHeading(0, 0, 1)).toBeCloseTo(0, 12);
    expect(expertHeading(0.5, 0, 1)).toBeCloseTo(Math.atan2(0.6, 0.5), 12);
    expect(expertHeading(0.5, 0, -1)).toBeCloseTo(-Math.atan2(0.6, 0.5), 12);
    expect(expertHeading(1, 0.6, 1)).toBeCloseTo(Math.atan2(-0.6, 1), 12);
  });
  it('the demonstrations have exactly round(pLeft·n) left sides and never enter the obstacle', () => {
    const d = forkDemos(200, 0.5, makeRng(3));
    expect(d.trajectories.filter((t) => t.side === 1)).toHaveLength(100);
    for (const tr of d.trajectories)
      for (let t = 0; t < tr.states.length; t += 2) expect(Math.hypot(tr.states[t] - 1, tr.states[t + 1])).toBeGreaterThan(0.35);
  });
  it('cosine schedule decreases from 1, bins round-trip their centres', () => {
    const ab = cosineSchedule(20);
    expect(ab[0]).toBe(1);
    for (let k = 1; k <= 20; k++) expect(ab[k]).toBeLessThan(ab[k - 1]);
    for (let b = 0; b < 16; b++) expect(headingBin(binCentre(b, 16), 16)).toBe(b);
  });
});

describe('determinism and tensor hygiene', () => {
  for (const learner of ['mse', 'bins', 'ddpm', 'flow'] as const) {
    it(`fork-in-the-road (${learner}): same seed → same result; no tensor left behind`, async () => {
      const before = tf.memory().numTensors;
      const p = { learner, trainSteps: 200, diffusionSteps: 5 };
      const a = await runExperiment('fork-in-the-road', p, { seed: 7 });
      expect(tf.memory().numTensors).toBe(before);
      const b = await runExperiment('fork-in-the-road', p, { seed: 7 });
      expect(b.metrics).toEqual(a.metrics);
      expect(b.extras.rollouts[0].path).toEqual(a.extras.rollouts[0].path);
      expect(a.extras.denoise !== undefined).toBe(learner === 'ddpm' || learner === 'flow');
    }, 60_000);
  }
  it('fork-in-the-road streams training previews (rollouts and probe samples) and still returns the same result', async () => {
    const before = tf.memory().numTensors;
    const p = { learner: 'ddpm' as const, trainSteps: 300, diffusionSteps: 5 };
    const quiet = await runExperiment('fork-in-the-road', p, { seed: 7 });
    const previews: { steps: number; rollouts: number; collision: number; histogram: number }[] = [];
    const watched = await runExperiment('fork-in-the-road', p, {
      seed: 7,
      onProgress: (pr) => {
        const e = pr.partial?.extras;
        // Each preview is reported once as it is made (later reports carry the latest one until the result).
        if (e?.rollouts && pr.message?.endsWith('previewing'))
          previews.push({
            steps: e.trainSteps ?? -1,
            rollouts: e.rollouts.length,
            collision: pr.partial!.metrics.collision ?? -1,
            histogram: (pr.partial!.series['probe/histogram'] ?? []).reduce((a, q) => a + q.y, 0),
          });
      },
    });
    expect(JSON.stringify(watched)).toBe(JSON.stringify(quiet));
    expect(previews.map((q) => q.steps)).toEqual([100, 200, 300]);
    for (const q of previews) {
      expect(q.rollouts).toBe(20);
      expect(q.collision).toBeGreaterThanOrEqual(0);
      expect(q.collision).toBeLessThanOrEqual(1);
      expect(q.histogram).toBeCloseTo(1, 6);
    }
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
  it('chunking: same seed → same result; no tensor left behind', async () => {
    const before = tf.memory().numTensors;
    const p = { chunk: 5, sweep: 'off' as const };
    const a = await runExperiment('chunking', p, { seed: 2 });
    expect(tf.memory().numTensors).toBe(before);
    const b = await runExperiment('chunking', p, { seed: 2 });
    expect(b.metrics).toEqual(a.metrics);
    expect(b.series['deviation/plus']).toEqual(a.series['deviation/plus']);
  }, 60_000);
});
