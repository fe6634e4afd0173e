// Running experiments through the registry: bad parameters are clamped or replaced through parseParams (also when
// run() is called directly); a seed reproduces the result exactly and another seed samples other data; progress is
// reported (fractions rising to 1, partial results a figure can draw); abort stops a run promptly with AbortError
// and leaks no tensors. (One file, because each file that trains pays tfjs's gradient registration, ~3 s in Vitest.)
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaults, parseParams } from '@/lib/params';
import { catalog, type ParamsOfId } from '@/sims/experiments/catalog';
import { experiments, getExperiment } from '@/sims/experiments/index';
import { InvalidParamsError, UnknownExperimentError, runById, runExperiment } from '@/sims/experiments/run';
import { AbortError, resultProblems, type ExperimentInfo, type Progress, type Result } from '@/sims/experiments/types';
import { initBackend } from '@/sims/policies/backend';
import { hasNonFinite } from '@/sims/worker/protocol';

beforeAll(async () => {
  await initBackend('wasm');
});

const json = (r: Result) => JSON.stringify(r, (_k, v: unknown) => (v instanceof Float32Array ? Array.from(v) : v));
const laneHorizon = () => getExperiment('lane-horizon')!;
/** Small but complete configurations, so the file stays fast. */
const smallBc = (): Partial<ParamsOfId<'bc-lane'>> => ({ horizon: 24, trainSteps: 40 });
const smallTrained = () => ({
  ...defaults(laneHorizon().params),
  policies: 'trained' as const,
  hMin: 10,
  hMax: 10,
  nDemos: 3,
  rounds: 1,
  rolloutsPerRound: 3,
});

describe('parseParams over every experiment schema', () => {
  for (const info of catalog as readonly ExperimentInfo[]) {
    it(`${info.id}: clamps out-of-range numbers, replaces garbage and drops unknown keys, with notices`, () => {
      for (const [key, spec] of Object.entries(info.params)) {
        if (spec.kind === 'number') {
          const high = parseParams(info.params, { [key]: spec.max * 10 + 1 });
          expect(high.values[key]).toBe(spec.max);
          expect(high.notices.map((n) => n.key)).toEqual([key]);
          const low = parseParams(info.params, { [key]: String(spec.min - 1) });
          expect(low.values[key]).toBe(spec.min);
          expect(low.notices).toHaveLength(1);
        }
        const garbage = parseParams(info.params, { [key]: 'not-a-value' });
        expect(garbage.values[key]).toBe(spec.default);
        expect(garbage.notices).toHaveLength(1);
      }
      const unknown = parseParams(info.params, { bogus: 1 });
      expect(unknown.values).toEqual(defaults(info.params));
      expect(unknown.notices[0].message).toContain('bogus');
    });
  }
});

describe('the entry point (sims/experiments/run.ts) validates once, with notices', () => {
  it('lane-horizon: out-of-range values are clamped, each with a notice, and the run uses the clamped values', async () => {
    const wild = await runById('lane-horizon', { epsilon: 5, hMin: 1, hMax: 1e6, nHorizons: 3.4, heatmapH: -3 }, { seed: 1 });
    const clamped = await runById('lane-horizon', { epsilon: 0.1, hMin: 5, hMax: 200, nHorizons: 3, heatmapH: 5 }, { seed: 1 });
    expect(wild.notices.map((n) => n.key).sort()).toEqual(['epsilon', 'heatmapH', 'hMax', 'hMin'].sort());
    expect(clamped.notices).toEqual([]);
    expect(json(wild.result)).toBe(json(clamped.result));
    expect(wild.result.series.bc.map((p) => p.x)).toEqual([5, 32, 200]);
  });

  it('bc-lane: garbage is replaced by the default, unknown keys are dropped, both with notices', async () => {
    const wild = await runById('bc-lane', { nDemos: 0, horizon: 2, trainSteps: 1, encoding: 'three-hot', bogus: 1 }, { seed: 2 });
    const clamped = await runById('bc-lane', { nDemos: 1, horizon: 5, trainSteps: 10, encoding: 'scalar' }, { seed: 2 });
    expect(wild.notices.map((n) => n.key).sort()).toEqual(['bogus', 'encoding', 'horizon', 'nDemos', 'trainSteps']);
    expect(json(wild.result)).toBe(json(clamped.result));
    expect(wild.result.trajectories!.bc.dims).toEqual([6, 1]);
  });

  it('strict callers (tests, the CLI) get an error instead of a corrected run; an unknown id is an error', async () => {
    await expect(runById('bc-lane', { horizon: 2 }, { seed: 1, strict: true })).rejects.toBeInstanceOf(InvalidParamsError);
    await expect(runExperiment('lane-horizon', { epsilon: 5 }, { seed: 1 })).rejects.toThrow(/Tremble/);
    await expect(runById('no-such-figure', {}, { seed: 1 })).rejects.toBeInstanceOf(UnknownExperimentError);
  });

  it('a result that lacks a declared field, or carries an undeclared one, is a loud error', () => {
    const info = getExperiment('lane-horizon')!;
    const problems = resultProblems(info, { metrics: { 'cost/bc': 1, 'cost/typo': 2 }, series: {} });
    expect(problems.join('\n')).toMatch(/no metric "cost\/dagger"/);
    expect(problems.join('\n')).toMatch(/metric "cost\/typo" is not declared/);
    expect(problems.join('\n')).toMatch(/no series "bc"/);
  });
});

describe('degenerate settings', () => {
  it('ε = 0 (every cost 0) still gives finite numbers only: a NaN would make the worker report a diverged run', async () => {
    const lh = await laneHorizon().run({ ...defaults(laneHorizon().params), epsilon: 0 }, { seed: 1 });
    const bc = await runExperiment('bc-lane', { ...smallBc(), epsilon: 0 }, { seed: 1 });
    expect(hasNonFinite(lh)).toBe(false);
    expect(hasNonFinite(bc)).toBe(false);
    expect(lh.metrics['cost/bc']).toBe(0);
    expect(bc.metrics['cost/bc']).toBe(0);
  });
});

describe('determinism', () => {
  it('bc-lane: the same seed gives identical JSON; another seed samples other data', async () => {
    const a = await runExperiment('bc-lane', smallBc(), { seed: 3 });
    const b = await runExperiment('bc-lane', smallBc(), { seed: 3 });
    expect(json(a)).toBe(json(b));
    // Other seeds: other initial weights (another loss curve) and other sampled episodes for the animation.
    const others = await Promise.all([4, 5, 6].map(async (seed) => runExperiment('bc-lane', smallBc(), { seed })));
    for (const c of others) expect(c.series['loss/train']).not.toEqual(a.series['loss/train']);
    const frames = [a, ...others].map((r) => Array.from(r.trajectories.bc.data).join(','));
    expect(new Set(frames).size).toBeGreaterThan(1);
  });

  it('lane-horizon: identical JSON for a seed in both modes; the converged mode is exact, so every seed agrees', async () => {
    const d = defaults(laneHorizon().params);
    expect(json(await laneHorizon().run(d, { seed: 1 }))).toBe(json(await laneHorizon().run(d, { seed: 1 })));
    expect(json(await laneHorizon().run(d, { seed: 2 }))).toBe(json(await laneHorizon().run(d, { seed: 1 })));
    const t1 = await laneHorizon().run(smallTrained(), { seed: 7 });
    const t2 = await laneHorizon().run(smallTrained(), { seed: 7 });
    expect(json(t1)).toBe(json(t2));
  });
});

describe('progress and abort', () => {
  const cases = () => [
    { id: 'bc-lane', params: smallBc() },
    { id: 'lane-horizon', params: defaults(laneHorizon().params) },
    { id: 'lane-horizon (trained)', params: smallTrained() },
  ];

  it('every experiment reports rising fractions that end at 1, with partial results a figure can draw', async () => {
    for (const { id, params } of cases()) {
      const seen: Progress[] = [];
      const { result } = await runById(id.split(' ')[0], params, { seed: 1, onProgress: (p) => seen.push(p) });
      expect(seen.length, id).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < seen.length; i++) expect(seen[i].fraction, id).toBeGreaterThanOrEqual(seen[i - 1].fraction);
      for (const p of seen) expect(p.fraction >= 0 && p.fraction <= 1, id).toBe(true);
      expect(seen[seen.length - 1].fraction).toBe(1);
      expect(seen[seen.length - 1].partial).toEqual(result);
      expect(
        seen.some(
          (p) =>
            p.partial !== undefined &&
            p.partial !== seen[seen.length - 1].partial &&
            Object.keys(p.partial.series).length > 0,
        ),
        id,
      ).toBe(true);
    }
  });

  it('an aborted signal stops every experiment with AbortError', async () => {
    const controller = new AbortController();
    controller.abort();
    for (const e of experiments) {
      await expect(e.run(defaults(e.params), { seed: 1, signal: controller.signal })).rejects.toBeInstanceOf(
        AbortError,
      );
    }
  });

  it('abort in the middle stops training within a few steps and frees every tensor', async () => {
    await runExperiment('bc-lane', smallBc(), { seed: 1 }); // warm-up
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let lastStep = 0;
    let abortedAt = -1;
    const run = runExperiment(
      'bc-lane',
      { ...smallBc(), trainSteps: 1000 },
      {
        seed: 1,
        signal: controller.signal,
        onProgress: (p) => {
          const losses = p.partial?.series['loss/train'] ?? [];
          lastStep = losses.length ? losses[losses.length - 1].x : lastStep;
          if (abortedAt < 0 && lastStep >= 20) {
            abortedAt = lastStep;
            controller.abort();
          }
        },
      },
    );
    await expect(run).rejects.toBeInstanceOf(AbortError);
    expect(abortedAt).toBeGreaterThanOrEqual(20);
    expect(lastStep).toBe(abortedAt); // no progress after the abort
    expect(tf.memory().numTensors).toBe(before);

    const trained = new AbortController();
    const run2 = laneHorizon().run({ ...smallTrained(), hMax: 40 }, {
      seed: 1,
      signal: trained.signal,
      onProgress: () => trained.abort(),
    });
    await expect(run2).rejects.toBeInstanceOf(AbortError);
    expect(tf.memory().numTensors).toBe(before);
  });
});
