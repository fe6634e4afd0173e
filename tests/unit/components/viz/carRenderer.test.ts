// The car renderer's pure parts (view fitting, interpolation, deviation levels, colours, room for the legend) and a
// smoke test of whole frames against a recording 2-D context (Node has no canvas).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deviationLevel,
  fitView,
  innerBox,
  makeCarRenderer,
  mixColor,
  parseColor,
  poseAt,
} from '@/components/viz/renderers/car';
import type { FrameColors, TrajectoryTrack } from '@/components/viz/renderers/types';
import { carTrackGeometry } from '@/sims/envs/car';
import type { Trajectory } from '@/sims/experiments/types';

const rows = (r: number[][]): Trajectory => ({ data: Float32Array.from(r.flat()), dims: [r.length, 4] });

describe('car renderer helpers', () => {
  it('fits the bounds (plus margin) into the canvas, centred, keeping the aspect', () => {
    const bounds = { minX: -10, maxX: 10, minY: -5, maxY: 5 };
    const v = fitView(bounds, 400, 400, 0, 0);
    expect(v.k).toBeCloseTo(20, 9); // width-limited: 20 m into 400 px
    expect(v.ox + v.k * -10).toBeCloseTo(0, 9);
    expect(v.ox + v.k * 10).toBeCloseTo(400, 9);
    expect(v.oy - v.k * 5).toBeCloseTo(100, 9); // centred vertically, y up in the world
    expect(v.oy - v.k * -5).toBeCloseTo(300, 9);
    expect(fitView(bounds, 400, 100, 1, 10).k).toBeCloseTo(80 / 12, 9); // height-limited, with margin and padding
  });

  it('interpolates position and offset linearly and the heading the short way across ±π', () => {
    const t = rows([
      [0, 0, 3.0, 0],
      [1, 2, -3.0, 0.5],
    ]);
    const p = poseAt(t, 0.5);
    expect(p.x).toBeCloseTo(0.5, 6);
    expect(p.y).toBeCloseTo(1, 6);
    expect(p.lateral).toBeCloseTo(0.25, 6);
    expect(Math.abs(Math.cos(p.heading) - Math.cos(Math.PI))).toBeLessThan(1e-6); // through π, not through 0
    expect(poseAt(t, 7).x).toBe(1); // held after the end
    expect(Number.isNaN(poseAt({ data: new Float32Array(0), dims: [0, 4] }, 0).x)).toBe(true);
  });

  it('grades the offset into levels, the last one from the track edge on', () => {
    expect(deviationLevel(0, 1)).toBe(0);
    expect(deviationLevel(-0.19, 1)).toBe(0);
    expect(deviationLevel(0.5, 1)).toBe(2);
    expect(deviationLevel(-0.99, 1)).toBe(4);
    expect(deviationLevel(1, 1)).toBe(5);
    expect(deviationLevel(-2.6, 1)).toBe(5);
  });

  it('parses and mixes colours', () => {
    expect(parseColor('#fff')).toEqual([255, 255, 255]);
    expect(parseColor('#c65400')).toEqual([198, 84, 0]);
    expect(parseColor('rgb(1, 2, 3)')).toEqual([1, 2, 3]);
    expect(parseColor('var(--x)')).toBeNull();
    expect(mixColor('#000000', '#ffffff', 0.5)).toBe('rgb(128, 128, 128)');
    expect(mixColor('var(--a)', '#ffffff', 0.2)).toBe('var(--a)');
  });

  it('finds room for the legend inside the loop: a sizeable box no edge crosses', () => {
    const g = carTrackGeometry(1);
    const v = fitView(g.bounds, 1000, 700, 2, 10);
    const box = innerBox(g, v);
    expect(box.w).toBeGreaterThan(300);
    expect(box.h).toBeGreaterThan(200);
    for (const edge of [g.left, g.right]) {
      for (let i = 0; i < edge.length; i += 2) {
        const x = v.ox + v.k * edge[i];
        const y = v.oy - v.k * edge[i + 1];
        expect(x > box.x && x < box.x + box.w && y > box.y && y < box.y + box.h).toBe(false);
      }
    }
  });
});

// ---- a frame against a fake context: every call is recorded, nothing throws

class FakePath2D {
  ops = 0;
  moveTo() {
    this.ops++;
  }
  lineTo() {
    this.ops++;
  }
  closePath() {}
}

function fakeContext() {
  const calls: string[] = [];
  const texts: string[] = [];
  const target: Record<string, unknown> = {
    measureText: (text: string) => ({ width: text.length * 7 }),
    fillText: (text: string) => texts.push(text),
  };
  const ctx = new Proxy(target, {
    get(t, key: string) {
      if (key in t) return t[key];
      return () => {
        calls.push(key);
      };
    },
    set(t, key: string, value) {
      t[key] = value;
      return true;
    },
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls, texts };
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

describe('car renderer frames', () => {
  const saved = (globalThis as { Path2D?: unknown }).Path2D;
  beforeAll(() => {
    (globalThis as { Path2D?: unknown }).Path2D = FakePath2D;
  });
  afterAll(() => {
    (globalThis as { Path2D?: unknown }).Path2D = saved;
  });

  // The expert stays on the centre line; the learner drifts out, leaves the track at step 3 and crashes at step 5.
  const g = carTrackGeometry(1);
  const at = (i: number, e: number) => [g.centre[2 * i], g.centre[2 * i + 1] + e, 0, e];
  const expert = rows([0, 1, 2, 3, 4, 5, 6].map((i) => at(10 * i, 0)));
  const learner = rows([0, 0.3, 0.8, 1.2, 2, 2.6, 2.6].map((e, i) => at(10 * i, e)));
  const tracks: TrajectoryTrack[] = [
    { key: 'expert', label: 'Expert', role: 'expert', trajectory: expert },
    { key: 'bc', label: 'BC clone', role: 'bc', trajectory: learner },
  ];
  const frame = (t: number, width = 800, height = 560) => ({
    t,
    lastStep: 6,
    tracks,
    width,
    height,
    theme: 'light' as const,
    colors,
  });

  it('draws every frame, fractional and past the end, at phone and projector sizes', () => {
    const renderer = makeCarRenderer({ trembleSteps: [1, 2, 3], dt: 0.1 });
    for (const [w, h] of [
      [360, 380],
      [800, 560],
      [1900, 1330],
    ]) {
      for (const t of [0, 0.5, 1.7, 3, 5.5, 6, 9]) {
        const { ctx, calls } = fakeContext();
        renderer(ctx, frame(t, w, h));
        expect(calls).toContain('stroke');
        expect(calls).toContain('fill');
      }
    }
  });

  it('reads the clock and each car’s off-track time so far, and says when a car has crashed', () => {
    const renderer = makeCarRenderer({ trembleSteps: [1, 2, 3], dt: 0.1 });
    const early = fakeContext();
    renderer(early.ctx, frame(1));
    expect(early.texts).toContain('t = 0.1 s');
    expect(early.texts).toContain('BC clone: 0.0 s off track');
    expect(early.texts).toContain('Tremble! Random steering for 0.3 s');
    const late = fakeContext();
    renderer(late.ctx, frame(6));
    expect(late.texts).toContain('Expert: 0.0 s off track');
    expect(late.texts).toContain('BC clone: 0.4 s off track, crashed'); // steps 3, 4, 5, 6 end off the track
    expect(late.texts).not.toContain('Tremble! Random steering for 0.3 s');
  });

  it('names both cars where they overlap (at the start)', () => {
    const { ctx, texts } = fakeContext();
    makeCarRenderer()(ctx, frame(0));
    expect(texts).toContain('Expert + BC clone');
  });
});
