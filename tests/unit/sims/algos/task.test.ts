// The imitation-task adapter on LaneKeep: demonstrations carry the expert's intended actions, visits are deployed
// rollouts, labels are the expert's, and the helpers the algorithms share do what they say. No tfjs here.
import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../../lib/rng';
import { mixturePolicy } from '../../../../sims/algos/dagger';
import { laneGreedyTable, laneTask } from '../../../../sims/algos/laneTask';
import { aggregate, greedyPolicy, labelAccuracy, learnerSpec, DEFAULT_LEARNER } from '../../../../sims/algos/task';
import { LANE_N_STATES, laneEvaluate, laneOffsetFromObservation } from '../../../../sims/envs/lane';
import { laneExpertAction, laneExpertTable } from '../../../../sims/experts/lane';
import { initMlpWeights, type MlpWeights } from '../../../../sims/policies/weights';

const offsets = (x: Float32Array, d: number, n: number) =>
  Array.from({ length: n }, (_, i) => laneOffsetFromObservation(x.subarray(i * d, (i + 1) * d)));

/** A 1→3 linear network whose greedy action is the expert's: logits (60x, 5, −60x) on the scalar input x = y/6. */
function expertLikeWeights(): MlpWeights {
  const W = Float32Array.of(60, 0, -60);
  return {
    spec: { inputDim: 1, hidden: [], outputDim: 3, head: 'categorical' },
    layers: [{ W, b: Float32Array.of(0, 5, 0), inDim: 1, outDim: 3 }],
  };
}

describe('laneTask', () => {
  it('has the learner shape of the encoding', () => {
    expect(laneTask({ epsilon: 0.02, encoding: 'scalar' })).toMatchObject({
      obsDim: 1,
      head: 'categorical',
      outputDim: 3,
    });
    expect(laneTask({ epsilon: 0.02, encoding: 'onehot' }).obsDim).toBe(LANE_N_STATES);
    const spec = learnerSpec(laneTask({ epsilon: 0.02, encoding: 'onehot' }), DEFAULT_LEARNER);
    expect(spec).toMatchObject({ inputDim: 13, hidden: [32], outputDim: 3, head: 'categorical', activation: 'tanh' });
  });

  it('clean demonstrations contain only (y = 0, stay); nDemos × H pairs', () => {
    for (const encoding of ['scalar', 'onehot'] as const) {
      const task = laneTask({ epsilon: 0.05, encoding });
      const data = task.demonstrate(20, 40, makeRng(1).stream('demos'));
      expect(data.n).toBe(800);
      expect(new Set(offsets(data.x, task.obsDim, data.n))).toEqual(new Set([0]));
      expect(new Set(data.y)).toEqual(new Set([1]));
      expect(data.meanEpisodeCost).toBe(0);
    }
  });

  it('noisy demonstrations (DART) visit other lanes and are labelled with the clean action −sign(y)', () => {
    const task = laneTask({ epsilon: 0.02, encoding: 'scalar' });
    const data = task.demonstrate(20, 40, makeRng(2).stream('demos'), 0.3);
    const ys = offsets(data.x, 1, data.n);
    expect(ys.some((y) => y > 0)).toBe(true);
    expect(ys.some((y) => y < 0)).toBe(true);
    ys.forEach((y, i) => expect(data.y[i]).toBe(laneExpertAction(y)));
    // The demonstrator pays for its shaking hand: close to the exact (2ε_D/3)·H-like cost of the expert at ε_D = 0.3.
    const exact = laneEvaluate(laneExpertTable(), { horizon: 40, epsilon: 0.3 }).J;
    expect(data.meanEpisodeCost).toBeGreaterThan(0.6 * exact);
    expect(data.meanEpisodeCost).toBeLessThan(1.4 * exact);
  });

  it('is deterministic for a seed, and the same episodes whatever the count', () => {
    const task = laneTask({ epsilon: 0.02, encoding: 'scalar' });
    const a = task.demonstrate(5, 30, makeRng(3), 0.3);
    const b = task.demonstrate(5, 30, makeRng(3), 0.3);
    const c = task.demonstrate(8, 30, makeRng(3), 0.3);
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(c.x.subarray(0, a.n))).toEqual(Array.from(a.x));
  });

  it('visit rolls a policy out with the deployment tremble; label asks the expert', () => {
    const task = laneTask({ epsilon: 0.2, encoding: 'onehot' });
    const stay = () => 1;
    const visited = task.visit(stay, 10, 30, makeRng(4));
    expect(visited.n).toBe(300);
    const ys = offsets(visited.x, 13, visited.n);
    expect(ys.some((y) => y !== 0)).toBe(true); // the tremble moved the "stay" policy
    const labels = task.label(visited.x, visited.n);
    ys.forEach((y, i) => expect(labels[i]).toBe(laneExpertAction(y)));
    expect(visited.meanEpisodeCost).toBeGreaterThan(0);
  });

  it('evaluate is the exact cost of the greedy table', () => {
    const task = laneTask({ epsilon: 0.02, encoding: 'scalar' });
    const w = expertLikeWeights();
    expect(laneGreedyTable(w, 'scalar')).toEqual(laneExpertTable());
    expect(task.evaluate!(w, 40)).toBeCloseTo(laneEvaluate(laneExpertTable(), { horizon: 40, epsilon: 0.02 }).J, 12);
  });
});

describe('shared helpers', () => {
  it('aggregate appends rows and labels without touching its inputs', () => {
    const a = { x: Float32Array.of(0, 0.5), y: Int32Array.of(1, 0), n: 2 };
    const b = { x: Float32Array.of(-0.5), y: Int32Array.of(2), n: 1 };
    const d = aggregate(a, b);
    expect(Array.from(d.x)).toEqual([0, 0.5, -0.5]);
    expect(Array.from(d.y)).toEqual([1, 0, 2]);
    expect(d.n).toBe(3);
    expect(a.n).toBe(2);
  });

  it('greedyPolicy and labelAccuracy read the network in plain TypeScript', () => {
    const w = expertLikeWeights();
    const act = greedyPolicy(w);
    expect([
      act(Float64Array.of(2 / 6), 0, makeRng(0)),
      act(Float64Array.of(0), 0, makeRng(0)),
      act(Float64Array.of(-1), 0, makeRng(0)),
    ]).toEqual([0, 1, 2]);
    expect(labelAccuracy(w, { x: Float32Array.of(0.5, 0, -0.5, 0.5), y: Int32Array.of(0, 1, 2, 2), n: 4 })).toBe(0.75);
    const random = initMlpWeights({ inputDim: 1, hidden: [4], outputDim: 3, head: 'categorical' }, makeRng(1));
    expect(labelAccuracy(random, { x: new Float32Array(0), y: new Int32Array(0), n: 0 })).toBe(1);
  });

  it('mixturePolicy hands the expert the wheel with probability β', () => {
    const expert = () => 0;
    const learner = () => 2;
    expect(mixturePolicy(expert, learner, 1)).toBe(expert);
    expect(mixturePolicy(expert, learner, 0)).toBe(learner);
    const mix = mixturePolicy(expert, learner, 0.3);
    const rng = makeRng(5);
    let expertSteps = 0;
    for (let i = 0; i < 20000; i++) if (mix(0, i, rng) === 0) expertSteps++;
    expect(expertSteps / 20000).toBeCloseTo(0.3, 1);
  });
});
