/**
 * The experiment contract (DESIGN.md, "The experiment"): one reproducible computation behind one figure.
 * Widgets, the worker, the CLI, tests and the benchmark all run experiments through `sims/experiments/index.ts`.
 */
import type { ParamSchema, ParamValues } from '../../lib/params';

/** One point of a curve; `lo`/`hi` give an optional band (e.g. a bootstrap interval over seeds). */
export interface Point {
  x: number;
  y: number;
  lo?: number;
  hi?: number;
}

/** A recorded trajectory as one flat array: `data[t * dims[1] + j]` is coordinate j at time t. */
export interface Trajectory {
  data: Float32Array;
  /** [steps, coordinates per step] */
  dims: [number, number];
  /** Names of the coordinates, e.g. ['x (m)', 'y (m)', 'heading (rad)']. */
  labels?: string[];
}

export interface Result {
  /** Named scalar results, keys namespaced like 'cost/bc', 'accuracy/demoStates'. */
  metrics: Record<string, number>;
  /** Named curves. */
  series: Record<string, Point[]>;
  /** For figures that animate. */
  trajectories?: Record<string, Trajectory>;
  /** Small JSON-serialisable extras a figure needs (e.g. generated strings, a heatmap as nested arrays). */
  extras?: Record<string, unknown>;
}

export interface Progress {
  /** In [0, 1]. */
  fraction: number;
  /** What the run is doing now, for the status line (e.g. 'training: epoch 40/200'). */
  message?: string;
  /** The result so far, so a figure can redraw before the run ends. */
  partial?: Result;
}

export interface RunContext {
  seed: number;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

/**
 * What the page may know about an experiment without loading it: id, words and the parameter schema. Each
 * experiment keeps this in its own tfjs-free `<id>.params.ts`, listed in `catalog.ts`; the page bundle imports only
 * those, while the worker, CLI and tests load the runnable experiments from `index.ts`.
 */
export interface ExperimentInfo<S extends ParamSchema = ParamSchema> {
  id: string;
  title: string;
  /** One line, shown in lecture mode and by `sim list`. */
  description: string;
  params: S;
}

export interface Experiment<S extends ParamSchema = ParamSchema> extends ExperimentInfo<S> {
  run(params: ParamValues<S>, ctx: RunContext): Promise<Result>;
}

// Cancellation lives in sims/core (policies and algorithms use it too); re-exported for experiment authors.
export { AbortError, checkpoint, throwIfAborted } from '../core/abort';

/** Declares an experiment's page-safe description, with its parameter types inferred from the schema. */
export function defineInfo<S extends ParamSchema>(info: ExperimentInfo<S>): ExperimentInfo<S> {
  return info;
}

/** Joins an experiment's description with its run function. */
export function defineExperiment<S extends ParamSchema>(
  info: ExperimentInfo<S>,
  run: (params: ParamValues<S>, ctx: RunContext) => Promise<Result>,
): Experiment<S> {
  return { ...info, run };
}
