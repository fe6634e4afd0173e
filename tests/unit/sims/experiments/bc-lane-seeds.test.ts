// A "compare over 5 seeds" band of bc-lane computed with the seeds as a batch dimension (issue #15) is, seed by
// seed, exactly the experiment's ordinary run for that seed: every metric, series, trajectory and extra (toEqual
// compares numbers with Object.is), on wasm and on cpu.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../../../lib/params';
import { AbortError } from '../../../../sims/experiments/types';
import { bcLaneExperiment, runBcLaneSeeds } from '../../../../sims/experiments/bc-lane';
import { initBackend } from '../../../../sims/policies/backend';

const params = defaults(bcLaneExperiment.params);
const seeds = [1, 2, 3, 4, 5];

describe('bc-lane, seeds as a batch dimension', () => {
  it.each(['wasm', 'cpu'] as const)('runBcLaneSeeds equals the per-seed runs (%s, default parameters)', async (backend) => {
    expect(await initBackend(backend)).toBe(backend);
    expect(bcLaneExperiment.runSeeds).toBe(runBcLaneSeeds); // what the worker calls for a band
    const band = await runBcLaneSeeds(params, seeds);
    expect(band).toHaveLength(seeds.length);
    for (const [k, seed] of seeds.entries()) expect(band[k]).toEqual(await bcLaneExperiment.run(params, { seed }));
  });

  it('also with the one-hot encoding and a tremble, and it frees every tensor, also when aborted', async () => {
    await initBackend('wasm');
    const other = { ...params, encoding: 'onehot' as const, epsilon: 0.2, trainSteps: 60 };
    await runBcLaneSeeds(other, [7]); // let lazily created tfjs state settle
    const before = tf.memory().numTensors;
    const band = await runBcLaneSeeds(other, [7, 8, 9]);
    for (const [k, seed] of [7, 8, 9].entries()) expect(band[k]).toEqual(await bcLaneExperiment.run(other, { seed }));
    expect(tf.memory().numTensors).toBe(before);
    await expect(runBcLaneSeeds(other, [7, 8, 9], { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(tf.memory().numTensors).toBe(before);
  });
});
