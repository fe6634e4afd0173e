// Every experiment that declares its result (defineInfo in its <id>.params.ts) delivers exactly what it declares:
// one small, fast run per experiment through the entry point (runById, which also checks the result) and, where
// configurations leave fields out (optional metrics, empty curves), a run in that configuration too. A new experiment
// fails here until it has a small configuration in this file.
import { beforeAll, describe, expect, it } from 'vitest';
import { catalog, type ExperimentId, type ParamsOfId } from '@/sims/experiments/catalog';
import { runById, runExperiment } from '@/sims/experiments/run';
import { resultProblems, type ExperimentInfo } from '@/sims/experiments/types';
import { initBackend } from '@/sims/policies/backend';

beforeAll(async () => {
  await initBackend('wasm');
});

/** Small configurations (seconds at most), by experiment; the first is the one every declared experiment must have. */
const configs: { [Id in ExperimentId]?: readonly Partial<ParamsOfId<Id>>[] } = {
  'bc-lane': [
    { horizon: 24, trainSteps: 40 },
    { horizon: 24, trainSteps: 20, epsilon: 0 }, // the expert's cost is 0: no ratio
  ],
  'gatewalk-horizon': [
    { hMax: 16, datasets: 20 },
    { hMax: 16, datasets: 20, curves: 'perStep' }, // no shared metrics
    { learner: 'logistic', curves: 'shared', hMax: 8, datasets: 20, logisticDatasets: 1, logisticSteps: 10 },
  ],
  'lane-horizon': [{}, { epsilon: 0 }],
  'exposure-bias': [
    { nStrings: 100, rounds: 1, hMax: 32 },
    { student: 'window', nStrings: 100, rounds: 1, hMax: 32 },
  ],
  'two-worlds': [{ width: 8 }],
  'bc-car': [
    { nDemos: 2, horizon: 100 },
    { nDemos: 2, horizon: 100, epsilon: 0 }, // no tremble: no first tremble, and maybe no ratio
  ],
  'dagger-lane': [
    { rounds: 1, rolloutsPerRound: 2, nDemos: 2, horizon: 10 },
    { rounds: 0, nDemos: 2, horizon: 10 }, // no rounds: no collection by the learner
  ],
  'dagger-car': [{ rounds: 1, seeds: 1 }],
  'human-dagger': [{ rounds: 1, queries: 4 }],
  chunking: [{ chunk: 3, sweep: 'off' }, { chunk: 4, ensemble: 0.1, sweep: 'off' }],
  'fork-in-the-road': [
    { learner: 'mse', trainSteps: 200 },
    { learner: 'ddpm', trainSteps: 200, diffusionSteps: 5, chunk: 2 },
  ],
  'noise-injection': [{}, { noise: 0 }], // its default is its smallest run (~5 s); σ_u = 0: no sweep metrics
  'gail-lane': [{ iterations: 5, horizon: 10 }],
  coverage: [{ datasets: 5 }],
  misspecification: [{}, { data: 'finite', nDemos: 10 }],
  'cot-parity': [
    { datasets: 10 },
    { learner: 'gd', T: 4, nDemos: 5, datasets: 10 }, // the gradient-descent panel and its metrics
  ],
  'cliff-road': [{}, { expert: 'careful', sensor: 'coarse', panel: 'bridge', report: 'last' }],
  tasil: [{ nDemos: 1 }],
  'gva-pendulum': [{ trainSteps: 500, horizon: 50 }],
  'averaging-quadratic': [{ runs: 100 }],
};

describe('every experiment delivers what it declares', () => {
  for (const info of catalog as readonly ExperimentInfo[]) {
    const list = (configs[info.id as ExperimentId] ?? []) as readonly Record<string, unknown>[];
    it(`${info.id}: has a small configuration here`, () => {
      expect(list.length, `add a small configuration for ${info.id} to this file`).toBeGreaterThan(0);
    });
    for (const params of list) {
      it(`${info.id} ${JSON.stringify(params)}: resultProblems is empty`, async () => {
        const { result, notices } = await runById(info.id, params, { seed: 1, strict: true });
        expect(notices).toEqual([]);
        expect(resultProblems(info, result)).toEqual([]);
      });
    }
  }
});

it('noise-injection: each sweep level has its metric, also when σ_u is one of the levels', async () => {
  const { result } = await runById('noise-injection', { noise: 0.05 }, { seed: 1, strict: true });
  expect(result.metrics['sweep/0.05/betaHat']).toBe(result.metrics['betaHat/plus']);
  expect(result.metrics['sweep/0.01/betaHat']).toBeDefined();
});

it('dagger-lane: the off-centre label counts are the lanes y ≠ 0 of the round records', async () => {
  const result = await runExperiment('dagger-lane', { rounds: 3, rolloutsPerRound: 4, nDemos: 4, horizon: 20 }, { seed: 1 });
  const { offsets, rounds } = result.extras;
  const offCentre = (counts: number[]) => counts.reduce((sum, c, s) => sum + (offsets[s] !== 0 ? c : 0), 0);
  expect(result.metrics['dart/offCentreLabels/round0']).toBe(offCentre(rounds[0].newLabels.dart));
  expect(result.metrics['dagger/offCentreLabels/round1']).toBe(offCentre(rounds[1].newLabels.dagger));
  expect(result.metrics['dagger/offCentreLabels/laterMean']).toBeCloseTo(
    (offCentre(rounds[2].newLabels.dagger) + offCentre(rounds[3].newLabels.dagger)) / 2,
    12,
  );
});
