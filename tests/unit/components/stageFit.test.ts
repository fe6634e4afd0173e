import { describe, expect, it } from 'vitest';
import { fitStep, MAX_SHRINK, newFitSearch } from '@/components/lecture/useStageFit';

/** Runs the search against a figure whose height is `height(shrink)` on a stage `stage` px tall. */
function search(height: (shrink: number) => number, stage: number) {
  let state = newFitSearch();
  let shrink = 0;
  let renders = 0;
  while (renders < 50) {
    const step = fitStep(state, shrink, height(shrink) - stage);
    state = step.search;
    renders++;
    if (state.done) return { shrink: step.next, renders, over: height(step.next) - stage };
    shrink = step.next;
  }
  throw new Error('the search did not end');
}

describe('lecture stage fit', () => {
  it('leaves a figure that fits alone', () => {
    expect(search(() => 500, 800)).toEqual({ shrink: 0, renders: 1, over: -300 });
  });

  it('fits a one-row figure exactly, with a few px to spare', () => {
    const r = search((s) => 300 + Math.max(190, 600 - s), 800);
    expect(r.over).toBeLessThanOrEqual(1);
    expect(r.over).toBeGreaterThanOrEqual(-8);
    expect(r.renders).toBeLessThanOrEqual(4);
  });

  it('does not overshoot a two-row figure (its height falls twice as fast as the shrink)', () => {
    // Two chart rows of 600 px each plus 250 px of text, on a 919 px stage: each row must lose 265.5 px.
    const r = search((s) => 250 + 2 * Math.max(190, 600 - s), 919);
    expect(r.over).toBeLessThanOrEqual(1);
    expect(r.over).toBeGreaterThanOrEqual(-8);
    expect(r.shrink).toBeGreaterThan(262);
    expect(r.shrink).toBeLessThan(270);
    expect(r.renders).toBeLessThanOrEqual(6);
  });

  it('finds the fit across a floor (one part stops shrinking, another goes on)', () => {
    // A chart (floor 190) and an animation stage (floor 120), both starting at 500 px.
    const r = search((s) => 200 + Math.max(190, 500 - s) + Math.max(120, 500 - s), 650);
    expect(r.over).toBeLessThanOrEqual(1);
    expect(r.over).toBeGreaterThanOrEqual(-8);
  });

  it('gives up at the largest shrink when the floors are too tall for the stage', () => {
    const r = search((s) => 400 + Math.max(190, 600 - s), 500);
    expect(r.shrink).toBe(MAX_SHRINK);
    expect(r.over).toBeGreaterThan(0);
  });

  it('searches again when a settled figure grows, but not forever', () => {
    let state = newFitSearch();
    state = fitStep(state, 0, -100).search;
    expect(state.done).toBe(true);
    let shrink = 0;
    for (let i = 0; i < 10; i++) {
      const step = fitStep(state, shrink, 50);
      state = step.search;
      shrink = step.next;
    }
    expect(state.restarts).toBeLessThanOrEqual(6);
  });
});

describe('lecture stage fit, when the figure changes after settling', () => {
  it('gives room back when a shrunk figure gets shorter (a loading view replaced by the result)', () => {
    let state = newFitSearch();
    // Settled at 360 px of shrink for a loading view that needed it.
    state = { ...state, done: true, fits: { shrink: 360, over: -5 } };
    // The result is 269 px shorter than the stage at that shrink; its height falls 2 px per px of shrink.
    const height = (s: number) => 919 + 2 * (0.5 * 269 + 360 - 5 - s) - 269 - 269;
    let shrink = 360;
    for (let i = 0; i < 20 && !(state.done && i > 0); i++) {
      const step = fitStep(state, shrink, height(shrink) - 919);
      state = step.search;
      shrink = step.next;
    }
    expect(shrink).toBeLessThan(360);
    expect(height(shrink) - 919).toBeLessThanOrEqual(1);
  });
});
