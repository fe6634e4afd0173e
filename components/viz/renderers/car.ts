/**
 * Drawing for the car (sims/envs/car.ts): the closed track seen from above, and every car on it at once.
 *
 * The track is an asphalt band between its two edges (thick lines) with a dashed centre line, built from the env's
 * exported geometry and fitted to the canvas with margins wide enough for a car that leaves the road. Each car is an
 * oriented car shape in its role's colour with a letter on it, so the cars differ by more than colour. Behind each
 * car runs its trail in its colour, wrapped in a red band whose width and strength grow with the distance from the
 * centre line (none on the line, widest at the track edge); where a car leaves the track a × is left behind, where
 * it crashes a red burst, and each actuator tremble leaves a small ring on the trails and a jagged ring around the
 * cars while it lasts. A legend — inside the loop when it fits there, else above the track — reads the time and each
 * car's off-track time so far.
 *
 * Made for a projector: thick lines, big shapes, type that scales with the canvas. Positions are interpolated
 * between steps (the player hands over a fractional t), so playback is smooth at 60 fps. Per frame the work is small:
 * the track's paths are built once per canvas size, each trajectory is read once (world coordinates, offsets,
 * cumulative off-track time), and the trails are stroked in a few batches by width and colour.
 *
 * Data: each trajectory row is [x (m), y (m), heading θ (rad), lateral offset e (m)] (bc-car's `raceFrames`).
 */
import { carDefaults, carTrackGeometry, type TrackGeometry } from '@/sims/envs/car';
import type { Trajectory } from '@/sims/experiments/types';
import type { Theme } from '../palette';
import { stepCount, type TrajectoryFrame, type TrajectoryRenderer } from './types';

export interface CarRendererOptions {
  /** Half the track width (m): |e| beyond it is off the track. Default: the env's. */
  halfWidth?: number;
  /** |e| (m) at which a car has crashed and stopped. Default: the env's. */
  crashOffset?: number;
  /** The track (default: the env's track with `halfWidth`). */
  geometry?: TrackGeometry;
  /** Seconds per step, for the clock and the off-track times. */
  dt?: number;
  /** Steps t whose executed steering was a tremble's (the same for every car of a race). */
  trembleSteps?: readonly number[];
  /** The letter drawn on each car, by track key. Default: the first letter of the track's label. */
  badges?: Readonly<Record<string, string>>;
  /** Title printed at the top of the legend, e.g. 'Race 1 of 8'. */
  caption?: string;
}

const FONT_STACK = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
/** Columns of a trajectory row. */
const X = 0;
const Y = 1;
const HEADING = 2;
const LATERAL = 3;
/** Deviation levels the trails are batched into (0 = on the centre line … LEVELS − 1 = at or beyond the edge). */
const LEVELS = 6;
/** A tremble's ring around the cars fades over this many steps after the tremble ends. */
const TREMBLE_AFTERGLOW = 4;

// ---------------------------------------------------------------------------------------------------------------
// Pure helpers (unit-tested)
// ---------------------------------------------------------------------------------------------------------------

/** World (m, y up) → canvas (CSS px, y down): sx = ox + k·x, sy = oy − k·y. */
export interface View {
  k: number;
  ox: number;
  oy: number;
}

/** The largest uniform scale that fits `bounds` grown by `marginM` metres into the canvas less `padPx`, centred. */
export function fitView(
  bounds: TrackGeometry['bounds'],
  width: number,
  height: number,
  marginM: number,
  padPx: number,
): View {
  const minX = bounds.minX - marginM;
  const maxX = bounds.maxX + marginM;
  const minY = bounds.minY - marginM;
  const maxY = bounds.maxY + marginM;
  const k = Math.max(1e-6, Math.min((width - 2 * padPx) / (maxX - minX), (height - 2 * padPx) / (maxY - minY)));
  return { k, ox: width / 2 - (k * (minX + maxX)) / 2, oy: height / 2 + (k * (minY + maxY)) / 2 };
}

/** Wraps an angle to (−π, π]. */
function wrap(a: number): number {
  let r = a % (2 * Math.PI);
  if (r <= -Math.PI) r += 2 * Math.PI;
  else if (r > Math.PI) r -= 2 * Math.PI;
  return r;
}

/** Pose at fractional step t: position and offset linearly, heading the short way round; held past the end. */
export function poseAt(traj: Trajectory, t: number): { x: number; y: number; heading: number; lateral: number } {
  const n = stepCount(traj);
  const c = traj.dims[1];
  if (n === 0) return { x: NaN, y: NaN, heading: NaN, lateral: NaN };
  const tc = Math.min(Math.max(t, 0), n - 1);
  const i = Math.floor(tc);
  const j = Math.min(i + 1, n - 1);
  const f = tc - i;
  const d = traj.data;
  const lerp = (col: number) => d[i * c + col] + (d[j * c + col] - d[i * c + col]) * f;
  return {
    x: lerp(X),
    y: lerp(Y),
    heading: d[i * c + HEADING] + wrap(d[j * c + HEADING] - d[i * c + HEADING]) * f,
    lateral: lerp(LATERAL),
  };
}

/** How far from the centre line, as a level 0 … LEVELS − 1 (the last one: at or beyond the track edge). */
export function deviationLevel(lateral: number, halfWidth: number): number {
  const u = Math.abs(lateral) / halfWidth;
  return u >= 1 ? LEVELS - 1 : Math.min(LEVELS - 2, Math.floor(u * (LEVELS - 1)));
}

/** Parses #rgb, #rrggbb or rgb()/rgba() into [r, g, b]; null for anything else. */
export function parseColor(color: string): [number, number, number] | null {
  const c = color.trim();
  let m = /^#([0-9a-f]{3})$/i.exec(c);
  if (m) return [0, 1, 2].map((i) => parseInt(m![1][i] + m![1][i], 16)) as [number, number, number];
  m = /^#([0-9a-f]{6})$/i.exec(c);
  if (m) return [0, 2, 4].map((i) => parseInt(m![1].slice(i, i + 2), 16)) as [number, number, number];
  m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(c);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  return null;
}

/** a·(1 − f) + b·f in RGB; when a colour cannot be parsed, whichever is nearer. */
export function mixColor(a: string, b: string, f: number): string {
  const ca = parseColor(a);
  const cb = parseColor(b);
  if (!ca || !cb) return f < 0.5 ? a : b;
  const v = ca.map((x, i) => Math.round(x + (cb[i] - x) * f));
  return `rgb(${v[0]}, ${v[1]}, ${v[2]})`;
}

/** The colours the car figure adds to the theme's: asphalt, centre line, and the red of "off the track". */
export function carSceneColors(theme: Theme): { asphalt: string; centre: string; off: string; badgeText: string } {
  return theme === 'dark'
    ? { asphalt: '#353a43', centre: '#a3a3ad', off: '#ff5f73', badgeText: '#121417' }
    : { asphalt: '#d3d0c9', centre: '#ffffff', off: '#b3001e', badgeText: '#ffffff' };
}

// ---------------------------------------------------------------------------------------------------------------
// What is read once per trajectory
// ---------------------------------------------------------------------------------------------------------------

interface Prepared {
  n: number;
  /** Deviation level of each step. */
  level: Uint8Array;
  /** Off-track steps among 0 … t (cumulative; index t). */
  offSoFar: Float64Array;
  /** Steps at which the car left the track (on it at t − 1, off it at t). */
  exits: number[];
  /** First crashed step, or −1. */
  crashAt: number;
}

function prepare(traj: Trajectory, halfWidth: number, crashOffset: number): Prepared {
  const n = stepCount(traj);
  const c = traj.dims[1];
  const d = traj.data;
  const level = new Uint8Array(n);
  const offSoFar = new Float64Array(n);
  const exits: number[] = [];
  let crashAt = -1;
  for (let t = 0; t < n; t++) {
    const e = d[t * c + LATERAL];
    level[t] = deviationLevel(e, halfWidth);
    const off = Math.abs(e) > halfWidth;
    // The env's cost: step t − 1 → t counts when it ends off the track.
    offSoFar[t] = (t > 0 ? offSoFar[t - 1] : 0) + (t > 0 && off ? 1 : 0);
    if (crashAt < 0 && Math.abs(e) > crashOffset) crashAt = t;
    if (off && t > 0 && Math.abs(d[(t - 1) * c + LATERAL]) <= halfWidth) exits.push(t);
  }
  return { n, level, offSoFar, exits, crashAt };
}

// ---------------------------------------------------------------------------------------------------------------
// The renderer
// ---------------------------------------------------------------------------------------------------------------

/** A box in canvas px. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Everything that depends only on the canvas size: the view, the track's paths and where the legend goes. */
interface Layout {
  key: string;
  view: View;
  asphalt: Path2D;
  edges: Path2D;
  centre: Path2D;
  /** Font size, and where the two legend blocks start: the state (clock, cars) and the key (with the alert). */
  legend: { font: number; state: { x: number; y: number }; key: { x: number; y: number } };
}

function loopPath(points: Float64Array, view: View, path = new Path2D()): Path2D {
  for (let i = 0; i < points.length; i += 2) {
    const x = view.ox + view.k * points[i];
    const y = view.oy - view.k * points[i + 1];
    if (i === 0) path.moveTo(x, y);
    else path.lineTo(x, y);
  }
  path.closePath();
  return path;
}

/**
 * Room for the legend inside the loop: the widest box centred on the centre line's centroid with no edge point
 * inside it (grown in quarter metres, first with the loop's aspect, then wider and taller), in canvas px.
 */
export function innerBox(geometry: TrackGeometry, view: View): Box {
  const { centre, left, right } = geometry;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < centre.length; i += 2) {
    cx += centre[i];
    cy += centre[i + 1];
  }
  cx /= centre.length / 2;
  cy /= centre.length / 2;
  const fits = (hw: number, hh: number) => {
    for (const edge of [left, right])
      for (let i = 0; i < edge.length; i += 2)
        if (Math.abs(edge[i] - cx) < hw && Math.abs(edge[i + 1] - cy) < hh) return false;
    return true;
  };
  const b = geometry.bounds;
  const aspect = (b.maxY - b.minY) / (b.maxX - b.minX);
  const step = 0.25;
  let hw = step;
  while (hw < 1e3 && fits(hw + step, (hw + step) * aspect)) hw += step;
  let hh = hw * aspect;
  while (hw < 1e3 && fits(hw + step, hh)) hw += step;
  while (hh < 1e3 && fits(hw, hh + step)) hh += step;
  return { x: view.ox + view.k * (cx - hw), y: view.oy - view.k * (cy + hh), w: 2 * hw * view.k, h: 2 * hh * view.k };
}

/** A legend row. The legend has two blocks: the state (clock, one row per car) and the key (with the alert). */
interface LegendRow {
  text: string;
  /** Relative size (1 = the legend font). */
  size: number;
  weight: number;
  /** Index of the car whose icon leads the row. */
  car?: number;
  tone: 'fg' | 'muted' | 'off' | 'alert';
}

const KEY_ROWS: readonly LegendRow[] = [
  { text: 'Red band on a trail: wider = farther off centre', size: 0.82, weight: 400, tone: 'muted' },
  { text: '×  left the track   ○  tremble   ✸  crash', size: 0.82, weight: 400, tone: 'muted' },
  // Reserved, drawn only while a tremble is under way.
  { text: 'Tremble! Random steering for 0.3 s', size: 0.9, weight: 700, tone: 'alert' },
];
const MIN_FONT = 13;
/** Line height as a multiple of the font size. */
const LEADING = 1.4;

/** A car renderer with the given track and race details. */
export function makeCarRenderer(options: CarRendererOptions = {}): TrajectoryRenderer {
  const halfWidth = options.halfWidth ?? carDefaults.halfWidth;
  const crashOffset = options.crashOffset ?? carDefaults.crashOffset;
  const geometry = options.geometry ?? carTrackGeometry(halfWidth);
  const dt = options.dt ?? carDefaults.dt;
  const tremble = new Set(options.trembleSteps ?? []);
  const trembleStarts = (options.trembleSteps ?? []).filter((t) => !tremble.has(t - 1));
  const prepared = new WeakMap<Trajectory, Prepared>();
  let layout: Layout | null = null;

  const prep = (traj: Trajectory) => {
    let p = prepared.get(traj);
    if (!p) {
      p = prepare(traj, halfWidth, crashOffset);
      prepared.set(traj, p);
    }
    return p;
  };
  const badgeOf = (track: TrajectoryFrame['tracks'][number]) =>
    options.badges?.[track.key] ?? track.label.trim().charAt(0).toUpperCase();

  /** Steps since the last tremble step at or before t (Infinity if none within the afterglow). */
  const sinceTremble = (t: number) => {
    const s = Math.floor(t);
    for (let back = 0; back <= TREMBLE_AFTERGLOW; back++) if (tremble.has(s - back)) return back + (t - s);
    return Infinity;
  };

  /** The clock and each car's off-track time so far; with `template`, the widest these rows can get. */
  const stateRows = (frame: TrajectoryFrame, template: boolean): LegendRow[] => {
    const { tracks, t } = frame;
    const clock = template ? '00.0' : (Math.min(t, frame.lastStep) * dt).toFixed(1);
    const rows: LegendRow[] = [
      { text: `${options.caption ? `${options.caption} · ` : ''}t = ${clock} s`, size: 1, weight: 700, tone: 'fg' },
    ];
    tracks.forEach((track, i) => {
      const p = prep(track.trajectory);
      const s = Math.min(Math.floor(t), p.n - 1);
      const off = s >= 0 ? p.offSoFar[s] * dt : 0;
      const crashed = template || (p.crashAt >= 0 && t >= p.crashAt);
      rows.push({
        text: `${track.label}: ${template ? '00.0' : off.toFixed(1)} s off track${crashed ? ', crashed' : ''}`,
        size: 1,
        weight: 600,
        car: i,
        tone: off > 0 && !template ? 'off' : 'fg',
      });
    });
    return rows;
  };

  const rowSize = (r: LegendRow, font: number) => Math.max(MIN_FONT - 2, r.size * font);

  const measure = (ctx: CanvasRenderingContext2D, rows: readonly LegendRow[], font: number) => {
    let w = 0;
    let h = 0;
    for (const r of rows) {
      const size = rowSize(r, font);
      ctx.font = `${r.weight} ${size}px ${FONT_STACK}`;
      w = Math.max(w, ctx.measureText(r.text).width + (r.car !== undefined ? font * 2.2 : 0));
      h += size * LEADING;
    }
    return { w, h };
  };

  /**
   * The legend inside the loop when it fits there at a readable size (≥ 13 px); otherwise in a band above the
   * track, its two blocks side by side when the canvas is wide enough.
   */
  const makeLayout = (ctx: CanvasRenderingContext2D, frame: TrajectoryFrame): Layout => {
    const { width, height } = frame;
    const floor = Math.max(MIN_FONT, frame.minFont ?? 0);
    const pad = Math.max(6, Math.round(width * 0.012));
    const margin = crashOffset - halfWidth + 0.6; // room for a car that leaves the road
    const font = Math.round(Math.max(floor, Math.min(26, width / 50)));
    const rows = stateRows(frame, true);
    const both = (f: number) => {
      const a = measure(ctx, rows, f);
      const b = measure(ctx, KEY_ROWS, f);
      return { a, b, w: Math.max(a.w, b.w), h: a.h + b.h };
    };
    let view = fitView(geometry.bounds, width, height, margin, pad);
    const box = innerBox(geometry, view);
    const full = both(font);
    const shrink = Math.min(1, (0.94 * box.w) / full.w, (0.94 * box.h) / full.h);
    let legend: Layout['legend'];
    if (font * shrink >= floor) {
      const f = font * shrink;
      const m = both(f);
      const x = box.x + (box.w - m.w) / 2;
      const y = box.y + (box.h - m.h) / 2;
      legend = { font: f, state: { x, y }, key: { x, y: y + m.a.h } };
    } else {
      const f = Math.min(font, Math.max(16, floor));
      const m = both(f);
      const gap = f * 2;
      const sideBySide = m.a.w + gap + m.b.w <= width - 2 * pad;
      const band = (sideBySide ? Math.max(m.a.h, m.b.h) : m.h) + pad * 0.5;
      view = fitView(geometry.bounds, width, Math.max(1, height - band), margin, pad);
      view = { ...view, oy: view.oy + band };
      const y = pad * 0.5;
      legend = {
        font: f,
        state: { x: pad, y },
        key: sideBySide ? { x: width - pad - m.b.w, y } : { x: pad, y: y + m.a.h },
      };
    }
    const asphalt = loopPath(geometry.left, view);
    loopPath(geometry.right, view, asphalt);
    const edges = loopPath(geometry.left, view);
    loopPath(geometry.right, view, edges);
    return {
      key: `${width}x${height}@${floor}`,
      view,
      asphalt,
      edges,
      centre: loopPath(geometry.centre, view),
      legend,
    };
  };

  return (ctx, frame) => {
    if (layout === null || layout.key !== `${frame.width}x${frame.height}@${Math.max(MIN_FONT, frame.minFont ?? 0)}`)
      layout = makeLayout(ctx, frame);
    drawFrame(ctx, frame, layout);
  };

  function drawFrame(ctx: CanvasRenderingContext2D, frame: TrajectoryFrame, lay: Layout): void {
    const { tracks, colors, t, theme } = frame;
    const { view } = lay;
    const k = view.k;
    const scene = carSceneColors(theme);
    const sx = (x: number) => view.ox + k * x;
    const sy = (y: number) => view.oy - k * y;
    const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

    // ---- the track
    ctx.fillStyle = scene.asphalt;
    ctx.fill(lay.asphalt, 'evenodd');
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    ctx.strokeStyle = colors.fg;
    ctx.lineWidth = clamp(0.09 * k, 2, 5);
    ctx.stroke(lay.edges);
    ctx.strokeStyle = scene.centre;
    ctx.lineWidth = clamp(0.06 * k, 1.5, 3.5);
    ctx.setLineDash([clamp(0.9 * k, 6, 40), clamp(0.7 * k, 5, 30)]);
    ctx.stroke(lay.centre);
    ctx.setLineDash([]);

    // ---- trails: batched by deviation level, width and colour growing with the offset
    const carLength = clamp(2.0 * k, 24, 64);
    const wMin = clamp(0.1 * k, 2.5, 6);
    const wMax = clamp(0.42 * k, 7, 18);
    tracks.forEach((track, i) => {
      const traj = track.trajectory;
      const p = prep(traj);
      if (p.n === 0) return;
      const color = colors.tracks[i] ?? colors.fg;
      const c = traj.dims[1];
      const d = traj.data;
      const last = Math.min(Math.floor(t), p.n - 1);
      const batches: (Path2D | null)[] = new Array(LEVELS).fill(null);
      // Where each batch's pen stands (a step index), so consecutive segments of one level join into one line.
      const penAt = new Int32Array(LEVELS).fill(-1);
      const segment = (level: number, from: number, toX: number, toY: number) => {
        const path = (batches[level] ??= new Path2D());
        if (penAt[level] !== from) path.moveTo(sx(d[from * c + X]), sy(d[from * c + Y]));
        path.lineTo(toX, toY);
        penAt[level] = from + 1;
      };
      for (let s = 1; s <= last; s++)
        segment(Math.max(p.level[s - 1], p.level[s]), s - 1, sx(d[s * c + X]), sy(d[s * c + Y]));
      // The partial segment up to the interpolated position.
      const pose = poseAt(traj, t);
      if (last < p.n - 1 && t > last) segment(Math.max(p.level[last], p.level[last + 1]), last, sx(pose.x), sy(pose.y));
      // A red halo whose width and strength grow with the offset, then the car's own line on top: the trail keeps
      // the car's colour (whose trail it is) and shows how far off it went by more than colour.
      ctx.lineCap = 'butt'; // adjacent bands of different widths meet without darker overlapping caps
      batches.forEach((path, level) => {
        if (!path || level === 0) return;
        const f = level / (LEVELS - 1);
        ctx.globalAlpha = 0.3 + 0.5 * f;
        ctx.strokeStyle = scene.off;
        ctx.lineWidth = wMin + (wMax - wMin) * f;
        ctx.stroke(path);
      });
      ctx.globalAlpha = 1;
      ctx.lineCap = 'round';
      ctx.strokeStyle = color;
      ctx.lineWidth = wMin;
      batches.forEach((path) => path && ctx.stroke(path));
    });

    // ---- markers: tremble rings on the trails, × where a car left the track, a burst where it crashed
    const ringR = clamp(0.3 * k, 4.5, 10);
    const crossR = clamp(0.45 * k, 7, 15);
    tracks.forEach((track) => {
      const traj = track.trajectory;
      const p = prep(traj);
      if (p.n === 0) return;
      const c = traj.dims[1];
      const d = traj.data;
      ctx.lineWidth = clamp(0.07 * k, 2, 3.5);
      ctx.strokeStyle = colors.fg;
      for (const s of trembleStarts) {
        if (s > t || (p.crashAt >= 0 && s >= p.crashAt)) break;
        ctx.beginPath();
        ctx.arc(sx(d[s * c + X]), sy(d[s * c + Y]), ringR, 0, 2 * Math.PI);
        ctx.stroke();
      }
      ctx.lineWidth = clamp(0.12 * k, 3, 6);
      for (const s of p.exits) {
        if (s > t) break;
        const x = sx(d[s * c + X]);
        const y = sy(d[s * c + Y]);
        const r = crossR * 0.7;
        ctx.beginPath();
        ctx.moveTo(x - r, y - r);
        ctx.lineTo(x + r, y + r);
        ctx.moveTo(x + r, y - r);
        ctx.lineTo(x - r, y + r);
        // A halo in the background colour keeps the × readable on the red trail.
        ctx.strokeStyle = colors.background;
        ctx.lineWidth = clamp(0.12 * k, 3, 6) + 3;
        ctx.stroke();
        ctx.strokeStyle = colors.fg;
        ctx.lineWidth = clamp(0.12 * k, 3, 6);
        ctx.stroke();
      }
      if (p.crashAt >= 0 && p.crashAt <= t) {
        drawBurst(ctx, sx(d[p.crashAt * c + X]), sy(d[p.crashAt * c + Y]), carLength * 1.7, scene.off, colors.fg);
      }
    });

    // ---- the cars, the expert first so a learner on the same spot (the start) is drawn on top
    const glow = sinceTremble(t);
    const isExpert = (i: number) => Number(tracks[i].role === 'expert');
    const order = tracks.map((_, i) => i).sort((a, b) => isExpert(b) - isExpert(a));
    const drawn: { x: number; y: number; labels: string[] }[] = [];
    for (const i of order) {
      const track = tracks[i];
      const pose = poseAt(track.trajectory, t);
      if (!Number.isFinite(pose.x)) continue;
      const p = prep(track.trajectory);
      const crashed = p.crashAt >= 0 && t >= p.crashAt;
      const x = sx(pose.x);
      const y = sy(pose.y);
      if (glow <= TREMBLE_AFTERGLOW && !crashed) {
        ctx.globalAlpha = glow < 1 ? 1 : Math.max(0, 1 - (glow - 1) / TREMBLE_AFTERGLOW);
        drawJaggedRing(ctx, x, y, carLength * 0.8, colors.fg, clamp(0.08 * k, 2, 4));
        ctx.globalAlpha = 1;
      }
      drawCar(
        ctx,
        x,
        y,
        -pose.heading,
        carLength,
        colors.tracks[i] ?? colors.fg,
        colors.fg,
        badgeOf(track),
        scene.badgeText,
      );
      // A car on top of another (at the start they coincide) gets a tag naming both, so neither disappears.
      const under = drawn.find((o) => Math.hypot(o.x - x, o.y - y) < carLength * 0.8);
      if (under) under.labels.push(track.label);
      else drawn.push({ x, y, labels: [track.label] });
    }
    for (const group of drawn) {
      if (group.labels.length < 2) continue;
      const size = Math.max(MIN_FONT - 1, Math.round(lay.legend.font * 0.8));
      ctx.font = `600 ${size}px ${FONT_STACK}`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      const text = group.labels.join(' + ');
      const w = ctx.measureText(text).width;
      const tx = clamp(group.x, w / 2 + 4, frame.width - w / 2 - 4);
      const ty = group.y > carLength * 1.5 ? group.y - carLength * 0.95 : group.y + carLength * 0.95;
      ctx.fillStyle = colors.background;
      ctx.globalAlpha = 0.9;
      ctx.fillRect(tx - w / 2 - size * 0.3, ty - size * 0.7, w + size * 0.6, size * 1.4);
      ctx.globalAlpha = 1;
      ctx.fillStyle = colors.fg;
      ctx.fillText(text, tx, ty);
    }

    drawLegend(ctx, frame, lay, scene, glow < 1);
  }

  function drawLegend(
    ctx: CanvasRenderingContext2D,
    frame: TrajectoryFrame,
    lay: Layout,
    scene: ReturnType<typeof carSceneColors>,
    trembling: boolean,
  ): void {
    const { font } = lay.legend;
    drawRows(ctx, frame, stateRows(frame, false), lay.legend.state, font, scene, trembling);
    drawRows(ctx, frame, KEY_ROWS, lay.legend.key, font, scene, trembling);
  }

  function drawRows(
    ctx: CanvasRenderingContext2D,
    frame: TrajectoryFrame,
    rows: readonly LegendRow[],
    at: { x: number; y: number },
    font: number,
    scene: ReturnType<typeof carSceneColors>,
    trembling: boolean,
  ): void {
    const { tracks, colors } = frame;
    let y = at.y;
    for (const r of rows) {
      const size = rowSize(r, font);
      const mid = y + (size * LEADING) / 2;
      y += size * LEADING;
      if (r.tone === 'alert' && !trembling) continue;
      let x = at.x;
      if (r.car !== undefined) {
        const icon = Math.min(font * 1.9, size * LEADING * 1.5);
        const track = tracks[r.car];
        drawCar(
          ctx,
          x + icon / 2,
          mid,
          0,
          icon,
          colors.tracks[r.car] ?? colors.fg,
          colors.fg,
          badgeOf(track),
          scene.badgeText,
        );
        x += font * 2.2;
      }
      ctx.font = `${r.weight} ${size}px ${FONT_STACK}`;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      if (r.tone === 'alert') {
        // A high-contrast tag: the figure's loudest moment.
        const w = ctx.measureText(r.text).width;
        ctx.fillStyle = colors.fg;
        ctx.fillRect(x - size * 0.3, mid - size * 0.68, w + size * 0.6, size * 1.36);
        ctx.fillStyle = colors.background;
      } else {
        ctx.fillStyle =
          r.tone === 'muted' ? colors.muted : r.tone === 'off' ? mixColor(colors.fg, scene.off, 0.8) : colors.fg;
      }
      ctx.fillText(r.text, x, mid);
    }
  }
}

/** The standard track and race timing, without tremble marks. */
export const carRenderer: TrajectoryRenderer = makeCarRenderer();

// ---------------------------------------------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------------------------------------------

/**
 * A car seen from above, pointing along `angle` (canvas radians, clockwise from +x): a rounded body in `fill` with a
 * dark outline, a windscreen towards the nose and a letter on the roof.
 */
function drawCar(
  ctx: CanvasRenderingContext2D,
  cx: number,
  cy: number,
  angle: number,
  length: number,
  fill: string,
  outline: string,
  badge: string,
  badgeText: string,
): void {
  const w = length * 0.56;
  const l = length;
  ctx.save();
  ctx.translate(cx, cy);
  ctx.rotate(angle);
  const r = w * 0.3;
  ctx.beginPath();
  // Body, nose at +x, slightly tapered.
  ctx.moveTo(-l / 2 + r, -w / 2);
  ctx.lineTo(l / 2 - r * 1.4, (-w / 2) * 0.92);
  ctx.quadraticCurveTo(l / 2, (-w / 2) * 0.85, l / 2, 0);
  ctx.quadraticCurveTo(l / 2, (w / 2) * 0.85, l / 2 - r * 1.4, (w / 2) * 0.92);
  ctx.lineTo(-l / 2 + r, w / 2);
  ctx.quadraticCurveTo(-l / 2, w / 2, -l / 2, w / 2 - r);
  ctx.lineTo(-l / 2, -w / 2 + r);
  ctx.quadraticCurveTo(-l / 2, -w / 2, -l / 2 + r, -w / 2);
  ctx.closePath();
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = Math.max(1.5, length * 0.06);
  ctx.strokeStyle = outline;
  ctx.stroke();
  // Windscreen.
  ctx.fillStyle = outline;
  ctx.globalAlpha = 0.6;
  ctx.beginPath();
  ctx.moveTo(l * 0.22, -w * 0.32);
  ctx.lineTo(l * 0.3, -w * 0.28);
  ctx.lineTo(l * 0.3, w * 0.28);
  ctx.lineTo(l * 0.22, w * 0.32);
  ctx.closePath();
  ctx.fill();
  ctx.globalAlpha = 1;
  ctx.restore();
  // The letter stays upright, whichever way the car points.
  if (badge) {
    ctx.font = `800 ${Math.round(w * 0.62)}px ${FONT_STACK}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = badgeText;
    ctx.fillText(badge, cx - Math.cos(angle) * l * 0.08, cy - Math.sin(angle) * l * 0.08 + w * 0.03);
  }
}

/** An eight-pointed burst: where a car crashed. */
function drawBurst(
  ctx: CanvasRenderingContext2D,
  cx: number,
  cy: number,
  size: number,
  fill: string,
  outline: string,
): void {
  const spikes = 8;
  ctx.beginPath();
  for (let i = 0; i < 2 * spikes; i++) {
    const r = i % 2 === 0 ? size / 2 : size / 4.2;
    const a = (i * Math.PI) / spikes - Math.PI / 2;
    const x = cx + r * Math.cos(a);
    const y = cy + r * Math.sin(a);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.closePath();
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = Math.max(1.5, size * 0.04);
  ctx.strokeStyle = outline;
  ctx.stroke();
}

/** A zig-zag ring: the actuator is trembling. */
function drawJaggedRing(
  ctx: CanvasRenderingContext2D,
  cx: number,
  cy: number,
  r: number,
  color: string,
  lw: number,
): void {
  const teeth = 14;
  ctx.beginPath();
  for (let i = 0; i <= 2 * teeth; i++) {
    const rr = i % 2 === 0 ? r : r * 0.84;
    const a = (i * Math.PI) / teeth;
    const x = cx + rr * Math.cos(a);
    const y = cy + rr * Math.sin(a);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.closePath();
  ctx.strokeStyle = color;
  ctx.lineWidth = lw;
  ctx.stroke();
}
