// DAgger on LaneKeep (SCIENCE-NOTES §3(b) Toy 3A and §2(b) Toy 2A tests): with 20 demonstrations and 5 rounds × 20
// rollouts it reaches the exact expert-under-tremble cost at H = 40 and learns the expert's table on |y| ≤ 2 in at
// least 4 of 5 seeds, while its first fit is plain BC. β schedules, label budget, progress, abort and tensor hygiene.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng } from '../../../../lib/rng';
import { trainBc } from '../../../../sims/algos/bc';
import {
  DAGGER_DEFAULTS,
  betaSchedule,
  exponentialBeta,
  firstRoundExpert,
  linearBeta,
  runDagger,
  type DaggerResult,
} from '../../../../sims/algos/dagger';
import { laneGreedyTable, laneTask } from '../../../../sims/algos/laneTask';
import { DEFAULT_LEARNER, type AlgoProgress } from '../../../../sims/algos/task';
import { AbortError } from '../../../../sims/core/abort';
import { LANE_OFFSETS, STAY, laneConstantTable, laneEvaluate } from '../../../../sims/envs/lane';
import { laneExpertTable } from '../../../../sims/experts/lane';
import { initBackend } from '../../../../sims/policies/backend';

beforeAll(async () => {
  await initBackend('wasm');
});

const flat = (w: { layers: { W: Float32Array; b: Float32Array }[] }) => w.layers.flatMap((l) => [...l.W, ...l.b]);
const H = 40;
const EPSILON = 0.02;
const expertJ = laneEvaluate(laneExpertTable(), { horizon: H, epsilon: EPSILON }).J; // 0.537 (EXACT)
const nearCentreMatchesExpert = (table: number[]) =>
  LANE_OFFSETS.every((y, s) => Math.abs(y) > 2 || table[s] === laneExpertTable()[s]);

describe('β schedules', () => {
  it('first round expert, then learner (Ross et al.; the notes default)', () => {
    expect([0, 1, 2, 5].map(firstRoundExpert)).toEqual([1, 0, 0, 0]);
  });
  it("linear ramp as imitation's LinearBetaSchedule(15)", () => {
    const beta = linearBeta(15);
    expect([0, 5, 15, 20].map(beta)).toEqual([1, 10 / 15, 0, 0]);
    expect(() => linearBeta(0)).toThrow(RangeError);
  });
  it('exponential p^i', () => {
    expect([0, 1, 2, 3].map(exponentialBeta(0.5))).toEqual([1, 0.5, 0.25, 0.125]);
    expect(() => exponentialBeta(1.5)).toThrow(RangeError);
  });
  it('by name', () => {
    expect(betaSchedule('firstRound', 5)(1)).toBe(0);
    expect(betaSchedule('linear', 4)(2)).toBe(0.5);
    expect(betaSchedule('exponential', 4)(1)).toBe(0.5);
  });
});

describe('runDagger on LaneKeep (Toy 3A)', () => {
  const task = laneTask({ epsilon: EPSILON, encoding: 'scalar' });
  // 80 steps per (re)training instead of the default 150 keeps this file fast; the rounds are warm-started.
  const learner = { ...DEFAULT_LEARNER, train: { ...DEFAULT_LEARNER.train, steps: 80 } };
  const runs: DaggerResult[] = [];

  beforeAll(async () => {
    for (let seed = 0; seed < 5; seed++) runs.push(await runDagger(task, { horizon: H, learner }, makeRng(100 + seed)));
  });

  it('uses the notes’ setting by default: 20 demos, 5 rounds × 20 rollouts, β = 1 then 0', () => {
    expect(DAGGER_DEFAULTS).toMatchObject({ nDemos: 20, nRounds: 5, rolloutsPerRound: 20, beta: firstRoundExpert });
  });

  it('reaches the exact expert-under-tremble cost within 5% at H = 40 in ≥ 4 of 5 seeds', () => {
    const close = runs.filter((r) => Math.abs(r.metrics['eval/cost'] - expertJ) <= 0.05 * expertJ).length;
    expect(close).toBeGreaterThanOrEqual(4);
  });

  it("learns the expert's greedy table on |y| ≤ 2 in ≥ 4 of 5 seeds", () => {
    expect(
      runs.filter((r) => nearCentreMatchesExpert(laneGreedyTable(r.weights, 'scalar'))).length,
    ).toBeGreaterThanOrEqual(4);
  });

  it('starts from BC: round 0 is the stay policy with BC’s cost, and the rounds bring the cost down', () => {
    const stayJ = laneEvaluate(laneConstantTable(STAY), { horizon: H, epsilon: EPSILON }).J; // 8.600
    for (const r of runs) {
      expect(r.rounds).toHaveLength(6);
      expect(r.rounds[0].cost).toBeCloseTo(stayJ, 6);
      expect(r.rounds[5].cost!).toBeLessThan(stayJ / 5);
      // The data-collection cost of round 1 is BC's own regret (the notes: "the first round's rollouts are BC's").
      expect(r.rounds[1].collectionCost).toBeGreaterThan(r.rounds[5].collectionCost);
    }
  });

  it('counts the label budget: demonstrations plus every visited state of every round', () => {
    const r = runs[0];
    expect(r.rounds.map((x) => x.dataSize)).toEqual([800, 1600, 2400, 3200, 4000, 4800]);
    expect(r.metrics['labels/expert']).toBe(20 * H + 5 * 20 * H);
    expect(r.rounds.map((x) => x.beta)).toEqual([1, 0, 0, 0, 0, 0]);
  });
});

describe('runDagger mechanics', () => {
  const task = laneTask({ epsilon: 0.1, encoding: 'scalar' });
  const learner = { ...DEFAULT_LEARNER, train: { ...DEFAULT_LEARNER.train, steps: 20 } };
  const small = { horizon: 10, nDemos: 3, nRounds: 2, rolloutsPerRound: 3, learner };

  it('its first fit is exactly trainBc (same streams), and a seed reproduces the whole run', async () => {
    const bc = await trainBc(task, { horizon: 10, nDemos: 3, learner }, makeRng(7));
    const a = await runDagger(task, small, makeRng(7));
    const b = await runDagger(task, small, makeRng(7));
    expect(flat(a.rounds[0].weights)).toEqual(flat(bc.weights));
    expect(flat(a.weights)).toEqual(flat(b.weights));
    expect(Array.from(a.data.x)).toEqual(Array.from(b.data.x));
  });

  it('with β = 1 every round is an expert rollout; with no rounds it is BC', async () => {
    const allExpert = await runDagger(task, { ...small, beta: () => 1 }, makeRng(8));
    expect(allExpert.rounds.map((r) => r.beta)).toEqual([1, 1, 1]);
    const none = await runDagger(task, { ...small, nRounds: 0 }, makeRng(8));
    expect(none.rounds).toHaveLength(1);
    expect(none.metrics['dagger/round']).toBe(0);
  });

  it('an initialLearner equal to its own first fit gives the same run, one fit fewer', async () => {
    const bc = await trainBc(task, { horizon: 10, nDemos: 3, learner }, makeRng(7));
    const own = await runDagger(task, small, makeRng(7));
    const given = await runDagger(task, { ...small, initialLearner: bc.weights }, makeRng(7));
    expect(flat(given.weights)).toEqual(flat(own.weights));
    expect(given.rounds.map((r) => r.cost)).toEqual(own.rounds.map((r) => r.cost));
    expect(given.losses.length).toBeLessThan(own.losses.length);
  });

  it('learner.retrain sets the warm-started retrainings’ budget; onRound sees every round in order', async () => {
    const rounds: number[] = [];
    const r = await runDagger(task, { ...small, learner: { ...learner, retrain: { steps: 5 } } }, makeRng(9), {
      onRound: (x) => rounds.push(x.round),
    });
    expect(rounds).toEqual([0, 1, 2]);
    expect(r.losses[r.losses.length - 1].step).toBe(20 + 5 + 5 - 1);
  });

  it('reports dagger/round and eval/cost as it goes', async () => {
    const seen: AlgoProgress[] = [];
    await runDagger(task, small, makeRng(9), { onProgress: (p) => seen.push(p) });
    const rounds = seen.filter((p) => p.metrics['eval/cost'] !== undefined).map((p) => p.metrics['dagger/round']);
    expect(rounds).toEqual([0, 1, 2, 2]);
    for (let i = 1; i < seen.length; i++) expect(seen[i].fraction).toBeGreaterThanOrEqual(seen[i - 1].fraction - 1e-12);
    expect(seen[seen.length - 1].fraction).toBe(1);
  });

  it('leaks no tensors, also when aborted in the middle of a round', async () => {
    await runDagger(task, small, makeRng(1));
    const before = tf.memory().numTensors;
    await runDagger(task, small, makeRng(2));
    expect(tf.memory().numTensors).toBe(before);
    const controller = new AbortController();
    const run = runDagger(task, small, makeRng(3), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.metrics['dagger/round'] === 1 && (p.metrics['train/step'] ?? 0) >= 10) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(tf.memory().numTensors).toBe(before);
  });
});
