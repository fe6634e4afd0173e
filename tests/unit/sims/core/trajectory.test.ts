import { describe, expect, it } from 'vitest';
import {
  actionAt,
  makeTrajectory,
  observationAt,
  observationFrames,
  stackPairs,
  totalCost,
} from '../../../../sims/core/trajectory';

function twoStep() {
  return makeTrajectory({
    obsDim: 2,
    actDim: 1,
    observations: Float64Array.of(0, 1, 2, 3, 4, 5),
    actions: Float64Array.of(7, 8),
    costs: Float64Array.of(0.5, 0.25),
    terminated: false,
    truncated: true,
  });
}

describe('trajectory records', () => {
  it('index rows of the flat arrays and sum costs', () => {
    const tr = twoStep();
    expect(tr.length).toBe(2);
    expect(Array.from(observationAt(tr, 2))).toEqual([4, 5]);
    expect(Array.from(actionAt(tr, 1))).toEqual([8]);
    expect(totalCost(tr)).toBe(0.75);
    expect(() => actionAt(tr, 2)).toThrow(/outside/);
  });

  it('are frozen', () => {
    const tr = twoStep();
    expect(Object.isFrozen(tr)).toBe(true);
    expect(() => {
      (tr as { length: number }).length = 5;
    }).toThrow();
  });

  it('reject inconsistent shapes and flags', () => {
    expect(() =>
      makeTrajectory({
        obsDim: 2,
        actDim: 1,
        observations: new Float64Array(4),
        actions: new Float64Array(2),
        costs: new Float64Array(2),
        terminated: true,
        truncated: true,
      }),
    ).toThrow(/observations has 4 numbers.*both true/);
  });

  it('stack observation–action pairs without the final observation', () => {
    const data = stackPairs([twoStep(), twoStep()]);
    expect(data.count).toBe(4);
    expect(Array.from(data.observations)).toEqual([0, 1, 2, 3, 0, 1, 2, 3]);
    expect(Array.from(data.actions)).toEqual([7, 8, 7, 8]);
  });

  it('export Float32 frames for playback', () => {
    const frames = observationFrames(twoStep(), ['a', 'b']);
    expect(frames.dims).toEqual([3, 2]);
    expect(frames.data).toBeInstanceOf(Float32Array);
    expect(frames.labels).toEqual(['a', 'b']);
  });
});
