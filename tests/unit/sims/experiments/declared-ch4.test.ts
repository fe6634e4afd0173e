// Chapter 4's experiments deliver exactly what their page-safe halves declare: every metric, series, trajectory and
// extra that `<id>.params.ts` names is in the result, and nothing undeclared is. One small, fast run per experiment
// through the untyped entry point (runById), as the CLI and the build run them. (runById also checks the result and
// throws on a mismatch; `resultProblems` says what is wrong, so a failure reads as a list.)
import { beforeAll, describe, expect, it } from 'vitest';
import { getExperimentInfo } from '@/sims/experiments/catalog';
import { runById } from '@/sims/experiments/run';
import { resultProblems } from '@/sims/experiments/types';
import { initBackend } from '@/sims/policies/backend';

beforeAll(async () => {
  await initBackend('wasm');
});

/** Small configurations: a round or two, short horizons (noise-injection has no size knob; its default is ~5 s). */
const SMALL: Record<string, Record<string, unknown>> = {
  'dagger-lane': { rounds: 1, rolloutsPerRound: 2, nDemos: 2, horizon: 10 },
  'dagger-car': { rounds: 1, seeds: 1 },
  'noise-injection': {},
  'gail-lane': { iterations: 5, horizon: 10 },
};

describe('chapter 4: results match their declarations', () => {
  for (const [id, params] of Object.entries(SMALL)) {
    it(`${id}: a small run carries exactly the declared metrics, series, trajectories and extras`, async () => {
      const info = getExperimentInfo(id)!;
      const { result, notices } = await runById(id, params, { seed: 1 });
      expect(notices).toEqual([]);
      expect(resultProblems(info, result)).toEqual([]);
      expect(info.result.metrics.length).toBeGreaterThan(0);
    });
  }

  it('noise-injection: each sweep level has its metric, also when σ_u is one of the levels', async () => {
    const info = getExperimentInfo('noise-injection')!;
    const { result } = await runById('noise-injection', { noise: 0.05 }, { seed: 1 });
    expect(resultProblems(info, result)).toEqual([]);
    expect(result.metrics['sweep/0.05/betaHat']).toBe(result.metrics['betaHat/plus']);
    expect(result.metrics['sweep/0.01/betaHat']).toBeDefined();
  });
});
