import { describe, expect, it } from 'vitest';
import { laneRenderer, makeLaneRenderer } from '@/components/viz/renderers/lane';
import {
  lastStepOf,
  stepCount,
  valueAt,
  type FrameColors,
  type TrajectoryFrame,
  type TrajectoryTrack,
} from '@/components/viz/renderers/types';
import type { Trajectory } from '@/sims/experiments/types';

const traj = (ys: number[], cols = 1): Trajectory => {
  const data = new Float32Array(ys.length * cols);
  ys.forEach((y, t) => (data[t * cols] = y));
  return { data, dims: [ys.length, cols] };
};

describe('trajectory helpers', () => {
  it('counts steps from the data, never past the end of a short array', () => {
    expect(stepCount(traj([0, 1, 2]))).toBe(3);
    expect(stepCount({ data: new Float32Array(4), dims: [10, 2] })).toBe(2);
    expect(stepCount({ data: new Float32Array(0), dims: [0, 1] })).toBe(0);
  });

  it('finds T, the last step over all tracks', () => {
    const tracks: TrajectoryTrack[] = [
      { key: 'a', label: 'A', trajectory: traj([0, 1, 2]) },
      { key: 'b', label: 'B', trajectory: traj([0, 1, 2, 3, 4]) },
    ];
    expect(lastStepOf(tracks)).toBe(4);
    expect(lastStepOf([])).toBe(0);
  });

  it('interpolates between steps, holds at the ends, and reads the right column', () => {
    const t = traj([0, 2, -2]);
    expect(valueAt(t, 0)).toBe(0);
    expect(valueAt(t, 0.25)).toBe(0.5);
    expect(valueAt(t, 1.5)).toBe(0);
    expect(valueAt(t, 7)).toBe(-2);
    expect(valueAt(t, -3)).toBe(0);
    const twoCols: Trajectory = { data: new Float32Array([1, 10, 2, 20]), dims: [2, 2] };
    expect(valueAt(twoCols, 0.5, 1)).toBe(15);
    expect(valueAt(twoCols, 0, 2)).toBeNaN();
    expect(valueAt(traj([]), 0)).toBeNaN();
  });
});

/** A 2-D context that records what was drawn, with just enough state for the renderer. */
function recordingContext() {
  const calls: { op: string; args: unknown[]; fillStyle: unknown; strokeStyle: unknown }[] = [];
  const state = { fillStyle: '' as unknown, strokeStyle: '' as unknown };
  const ctx = new Proxy(state as Record<string, unknown>, {
    get(target, prop: string) {
      if (prop in target) return target[prop];
      return (...args: unknown[]) => {
        calls.push({ op: prop, args, fillStyle: target.fillStyle, strokeStyle: target.strokeStyle });
      };
    },
    set(target, prop: string, value) {
      target[prop] = value;
      return true;
    },
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

const colors: FrameColors = {
  background: '#fdfcfa',
  fg: '#1c1c1f',
  muted: '#55555f',
  border: '#dedbd5',
  surface: '#f3f1ec',
  accent: '#1a56b0',
  accentSoft: '#e6eefb',
  tracks: ['#007a58', '#c65400'],
};

function frame(tracks: TrajectoryTrack[], t: number, width = 800): TrajectoryFrame {
  return { t, lastStep: lastStepOf(tracks), tracks, width, height: width / 2, theme: 'light', colors };
}

describe('laneRenderer', () => {
  const tracks: TrajectoryTrack[] = [
    { key: 'expert', label: 'Expert', trajectory: traj([0, 1, 0, 0, -1, 0]) },
    { key: 'bc', label: 'BC learner', trajectory: traj([0, 1, 2, 3, 4, 6]) },
  ];

  it('prints each track label and the lane numbers −6 … 6', () => {
    const { ctx, calls } = recordingContext();
    laneRenderer(ctx, frame(tracks, 3));
    const texts = calls.filter((c) => c.op === 'fillText').map((c) => c.args[0]);
    expect(texts).toContain('Expert');
    expect(texts).toContain('BC learner');
    expect(texts).toContain('\u22126');
    expect(texts).toContain('0');
    expect(texts).toContain('6');
  });

  it('draws each car in its track colour at its lane', () => {
    const { ctx, calls } = recordingContext();
    laneRenderer(ctx, frame(tracks, 5));
    const fills = calls.filter((c) => c.op === 'fill').map((c) => c.fillStyle);
    expect(fills).toContain('#007a58');
    expect(fills).toContain('#c65400');
    // At t = 5 the BC car is at y = 6: its trail dot sits in the rightmost lane, right of the expert's at y = 0.
    const dots = calls.filter((c) => c.op === 'arc');
    const xs = dots.map((c) => c.args[0] as number);
    expect(Math.max(...xs)).toBeGreaterThan(700);
    expect(Math.min(...xs)).toBeLessThan(450);
  });

  it('copes with fractional time, time past a short track, NaN data, empty tracks and a tiny canvas', () => {
    const odd: TrajectoryTrack[] = [
      { key: 'short', label: 'short', trajectory: traj([0, 1]) },
      { key: 'nan', label: 'nan', trajectory: traj([0, Number.NaN, 2]) },
      { key: 'empty', label: 'empty', trajectory: traj([]) },
    ];
    for (const t of [0, 0.5, 1.7, 2, 10]) {
      for (const width of [800, 120, 1]) {
        const { ctx, calls } = recordingContext();
        expect(() => laneRenderer(ctx, frame(odd, t, width))).not.toThrow();
        for (const c of calls)
          for (const a of c.args)
            if (typeof a === 'number') expect(Number.isFinite(a), `${c.op}(${c.args.join(', ')})`).toBe(true);
      }
    }
    const { ctx, calls } = recordingContext();
    laneRenderer(ctx, frame(odd, 5));
    expect(calls.some((c) => c.op === 'fillText' && c.args[0] === 'ended')).toBe(true);
  });

  it('reads y from another column and supports other road widths', () => {
    const { ctx, calls } = recordingContext();
    const wide: TrajectoryTrack[] = [
      { key: 'a', label: 'A', trajectory: { data: new Float32Array([9, 0, 9, 3]), dims: [2, 2] } },
    ];
    makeLaneRenderer({ halfWidth: 3, coordinate: 1 })(ctx, frame(wide, 1));
    const texts = calls.filter((c) => c.op === 'fillText').map((c) => c.args[0]);
    expect(texts).toContain('3');
    expect(texts).not.toContain('6');
  });
});
