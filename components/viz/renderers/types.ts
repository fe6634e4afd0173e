/**
 * The contract between the trajectory player (components/viz/TrajectoryPlayer.tsx) and environment-specific
 * drawing: the player owns time, size, theme and the animation loop; a renderer draws one frame.
 * Pure types and helpers (no DOM), unit-tested in tests/unit/components/viz/renderers.test.ts.
 */
import type { Trajectory } from '@/sims/experiments/types';
import type { Theme, VizRole } from '../palette';

/** One thing that moves: e.g. the expert's car, or the BC learner's. */
export interface TrajectoryTrack {
  /** Stable id (React key, and how a renderer can tell tracks apart). */
  key: string;
  /** What the reader calls it ('Expert', 'BC learner'); renderers may print it. */
  label: string;
  /** A CSS colour or `var(--viz-…)`; resolved to a concrete colour before drawing. Default: the role's, else palette order. */
  color?: string;
  /** Gives the track its role's colour when `color` is not set. */
  role?: VizRole;
  /** `data[t * dims[1] + j]` is coordinate j at step t. */
  trajectory: Trajectory;
}

/** Concrete colours (no CSS variables) for the current theme, read from the page when the theme changes. */
export interface FrameColors {
  /** Behind the canvas: the nearest non-transparent ancestor background. */
  background: string;
  fg: string;
  muted: string;
  border: string;
  surface: string;
  accent: string;
  /** A tint for highlighted regions (the site's --accent-soft). */
  accentSoft: string;
  /** One colour per track, in track order. */
  tracks: string[];
}

export interface TrajectoryFrame {
  /**
   * Current time in steps, in [0, T] where T = (longest track's steps) − 1. While playing it is fractional, so a
   * renderer may interpolate between step ⌊t⌋ and ⌈t⌉ (see `valueAt`); when paused or scrubbed it is an integer.
   */
  t: number;
  /** Last step index T. */
  lastStep: number;
  tracks: readonly TrajectoryTrack[];
  /** Drawing size in CSS pixels (the context is already scaled for devicePixelRatio). */
  width: number;
  height: number;
  theme: Theme;
  colors: FrameColors;
  /** The smallest text the renderer should draw, CSS px: set in lecture scenes (the projector's tick size). */
  minFont?: number;
}

/** Draws one frame. The player has already cleared the canvas and filled it with `colors.background`. */
export type TrajectoryRenderer = (ctx: CanvasRenderingContext2D, frame: TrajectoryFrame) => void;

/** Number of recorded steps (rows) of a trajectory. */
export function stepCount(trajectory: Trajectory): number {
  const [rows, cols] = trajectory.dims;
  // Trust the data over the header if they disagree, so a short array never reads past its end.
  return Math.max(0, Math.min(rows, cols > 0 ? Math.floor(trajectory.data.length / cols) : 0));
}

/** T: the last step index over all tracks (0 when there is nothing to play). */
export function lastStepOf(tracks: readonly TrajectoryTrack[]): number {
  let n = 0;
  for (const track of tracks) n = Math.max(n, stepCount(track.trajectory));
  return Math.max(0, n - 1);
}

/**
 * Coordinate j of a trajectory at (possibly fractional) time t, linearly interpolated between steps and held at
 * the last recorded step once the trajectory has ended. NaN when the trajectory is empty or j is out of range.
 */
export function valueAt(trajectory: Trajectory, t: number, j = 0): number {
  const n = stepCount(trajectory);
  const cols = trajectory.dims[1];
  if (n === 0 || j < 0 || j >= cols) return NaN;
  const tc = Math.min(Math.max(t, 0), n - 1);
  const i0 = Math.floor(tc);
  const i1 = Math.min(i0 + 1, n - 1);
  const a = trajectory.data[i0 * cols + j];
  const b = trajectory.data[i1 * cols + j];
  const f = tc - i0;
  return f === 0 ? a : a + (b - a) * f;
}
