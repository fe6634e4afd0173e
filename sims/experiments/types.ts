/**
 * The experiment contract (DESIGN.md, "The experiment"): one reproducible computation behind one figure.
 * Widgets, the worker, the CLI, tests, the benchmark and the build all run experiments through
 * `sims/experiments/index.ts` (runnable) and `catalog.ts` (page-safe).
 *
 * Results are typed per experiment. Each page-safe `<id>.params.ts` declares, next to its parameter schema, the names
 * of the metrics, series, trajectories and extras its result carries (`result: {...}`), and the type of its extras.
 * From these the result type follows (`ResultOf<typeof info>`): a widget that reads a metric the experiment does not
 * declare does not compile, and `checkResult` fails loudly at run time when an experiment does not deliver what it
 * declares (the registry test runs every experiment through it).
 */
import type { ParamSchema, ParamValues } from '../../lib/params';

/** One point of a curve; `lo`/`hi` give an optional band (e.g. the range over seeds). */
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

/** Any experiment's result, untyped: what crosses generic code (the worker, the CLI, aggregation, export). */
export interface Result {
  /** Named scalar results, keys namespaced like 'cost/bc', 'accuracy/demoStates'. */
  metrics: Record<string, number>;
  /** Named curves. */
  series: Record<string, Point[]>;
  /** For figures that animate. */
  trajectories?: Record<string, Trajectory>;
  /** Small JSON-serialisable extras a figure needs (e.g. generated strings, a heatmap as nested arrays); typed per
   * experiment (its `<id>.params.ts`), so generic code can only pass them along. */
  extras?: object;
}

/** The names a result carries, declared once per experiment in its page-safe half. */
export interface ResultKeys<
  M extends string = string,
  O extends string = string,
  S extends string = string,
  T extends string = string,
  E extends object = object,
> {
  /** Metrics every run reports. */
  metrics: readonly M[];
  /** Metrics that are left out where they are undefined (a ratio over a zero, a slope of all-zero costs). */
  optionalMetrics?: readonly O[];
  series: readonly S[];
  trajectories?: readonly T[];
  /** The extras' keys (their types come from the extras interface given to `defineInfo`). */
  extras?: readonly (keyof E & string)[];
  /** Extras present only in some configurations (optional in the extras interface). */
  optionalExtras?: readonly (keyof E & string)[];
}

/** The result of an experiment with these names: every declared field is there, typed. */
export type TypedResult<M extends string, O extends string, S extends string, T extends string, E extends object> = {
  metrics: Record<M, number> & Partial<Record<O, number>>;
  series: Record<S, Point[]>;
} & ([T] extends [never] ? { trajectories?: undefined } : { trajectories: Record<T, Trajectory> }) &
  ([keyof E] extends [never] ? { extras?: E } : { extras: E });

/** What a run may show before it ends: any subset of the final result. */
export interface PartialResult<R extends Result = Result> {
  metrics: Partial<R['metrics']>;
  series: Partial<R['series']>;
  trajectories?: Partial<NonNullable<R['trajectories']>>;
  extras?: Partial<NonNullable<R['extras']>>;
}

export interface Progress<R extends Result = Result> {
  /** In [0, 1]. */
  fraction: number;
  /** What the run is doing now, for the status line (e.g. 'training: epoch 40/200'). */
  message?: string;
  /** The result so far, so a figure can redraw before the run ends. */
  partial?: PartialResult<R>;
}

export interface RunContext<R extends Result = Result> {
  seed: number;
  signal?: AbortSignal;
  onProgress?: (progress: Progress<R>) => void;
}

/**
 * What the page may know about an experiment without loading it: id, words, the parameter schema and the names its
 * result carries. Each experiment keeps this in its own tfjs-free `<id>.params.ts`, listed in `catalog.ts`; the page
 * bundle imports only those, while the worker, CLI and tests load the runnable experiments from `index.ts`.
 */
export interface ExperimentInfo<S extends ParamSchema = ParamSchema, R extends Result = Result, Id extends string = string> {
  id: Id;
  title: string;
  /** One line, shown in lecture mode and by `sim list`. */
  description: string;
  params: S;
  result: ResultKeys;
  /** Type-level only: the experiment's result type (never set at run time). */
  readonly __result?: R;
}

/** A run of several seeds at once: no partial results (a band is drawn when every seed is done). */
export interface SeedsContext {
  signal?: AbortSignal;
  onProgress?: (progress: Progress<Result>) => void;
}

export interface Experiment<S extends ParamSchema = ParamSchema, R extends Result = Result, Id extends string = string>
  extends ExperimentInfo<S, R, Id> {
  run(params: ParamValues<S>, ctx: RunContext<R>): Promise<R>;
  /**
   * Several seeds computed together (their networks trained as one, issue #15): result k must equal
   * `run(params, { seed: seeds[k] })` exactly, which a test checks per experiment. Absent: the seeds run in turn.
   */
  runSeeds?(params: ParamValues<S>, seeds: number[], ctx: SeedsContext): Promise<R[]>;
}

/** The typed result of an experiment (from its info or its runnable object). */
export type ResultOf<I> = I extends ExperimentInfo<ParamSchema, infer R, string> ? R : never;
/** The parameter values of an experiment. */
export type ParamsOf<I> = I extends ExperimentInfo<infer S, Result, string> ? ParamValues<S> : never;

// Cancellation lives in sims/core (policies and algorithms use it too); re-exported for experiment authors.
export { AbortError, checkpoint, throwIfAborted } from '../core/abort';

/**
 * Declares an experiment's page-safe description. Call it with the extras' type, then the description:
 * `defineInfo<MyExtras>()({ id, title, description, params, result: { metrics: [...], series: [...] } })`;
 * the parameter and result types are inferred from the literal.
 */
export function defineInfo<E extends object = Record<never, never>>() {
  return <
    const Id extends string,
    const S extends ParamSchema,
    M extends string,
    S2 extends string,
    O extends string = never,
    T extends string = never,
  >(info: {
    id: Id;
    title: string;
    description: string;
    params: S;
    result: {
      metrics: readonly M[];
      optionalMetrics?: readonly O[];
      series: readonly S2[];
      trajectories?: readonly T[];
      extras?: readonly (keyof E & string)[];
      optionalExtras?: readonly (keyof E & string)[];
    };
  }): ExperimentInfo<S, TypedResult<M, O, S2, T, E>, Id> => info as ExperimentInfo<S, TypedResult<M, O, S2, T, E>, Id>;
}

/** Joins an experiment's description with its run function (and, optionally, its several-seeds-at-once run). */
export function defineExperiment<S extends ParamSchema, R extends Result, Id extends string>(
  info: ExperimentInfo<S, R, Id>,
  run: (params: ParamValues<S>, ctx: RunContext<R>) => Promise<R>,
  runSeeds?: (params: ParamValues<S>, seeds: number[], ctx: SeedsContext) => Promise<R[]>,
): Experiment<S, R, Id> {
  return runSeeds ? { ...info, run, runSeeds } : { ...info, run };
}

/**
 * Checks that a result carries what its experiment declares, and nothing undeclared: the loud failure that replaces
 * a figure silently drawing 0 for a renamed metric. Returns the problems (empty when the result is complete).
 */
export function resultProblems(info: ExperimentInfo, result: Result): string[] {
  const problems: string[] = [];
  const keys = info.result;
  const check = (kind: string, declared: readonly string[], optional: readonly string[], actual: object | undefined) => {
    const have = new Set(Object.keys(actual ?? {}));
    for (const key of declared) if (!have.has(key)) problems.push(`${info.id}: the result has no ${kind} "${key}"`);
    const known = new Set([...declared, ...optional]);
    for (const key of have) if (!known.has(key)) problems.push(`${info.id}: ${kind} "${key}" is not declared in ${info.id}.params.ts`);
  };
  check('metric', keys.metrics, keys.optionalMetrics ?? [], result.metrics);
  check('series', keys.series, [], result.series);
  check('trajectory', keys.trajectories ?? [], [], result.trajectories);
  check('extra', keys.extras ?? [], keys.optionalExtras ?? [], result.extras);
  return problems;
}

/** Throws when a result does not carry what its experiment declares (see `resultProblems`). */
export function checkResult(info: ExperimentInfo, result: Result): void {
  const problems = resultProblems(info, result);
  if (problems.length > 0) throw new Error(`Result does not match its declaration:\n- ${problems.join('\n- ')}`);
}
