/**
 * The environment contract.
 *
 * An environment is a set of pure functions over a plain state object, in the spirit of Gymnasium's API with the
 * dynamics pulled out: `initial` draws a start state, `transition` computes the next state, `observe` says what the
 * policy sees, `cost` scores a step, `isTerminal` ends an episode early. Pure dynamics let DAgger ask the expert
 * "what would you do here?", let a widget scrub a trajectory, and make tests trivial.
 *
 * `makeEnv(spec, params)` wraps the functions into the familiar stateful object with `reset({ seed })` and
 * `step(action)`, which reports `terminated` (the episode ended inside the MDP) and `truncated` (the horizon ran out)
 * separately.
 */
import { Rng } from '../../lib/rng';

// ---------------------------------------------------------------------------------------------------------------
// Spaces
// ---------------------------------------------------------------------------------------------------------------

/** A finite set of actions or observations {0, …, n − 1}. */
export interface DiscreteSpace {
  kind: 'discrete';
  n: number;
  /** Optional human labels, one per element (e.g. ['left', 'stay', 'right']). */
  labels?: readonly string[];
}

/** A box in ℝ^shape[0] with per-coordinate bounds (±Infinity allowed). */
export interface BoxSpace {
  kind: 'box';
  shape: readonly [number];
  low: readonly number[];
  high: readonly number[];
  /** Optional names and units per coordinate, e.g. ['lateral offset (m)', …]. */
  labels?: readonly string[];
}

export type Space = DiscreteSpace | BoxSpace;

/** An action is an integer for a discrete space and a vector for a box. */
export type Action = number | Float64Array | readonly number[];

export function discrete(n: number, labels?: readonly string[]): DiscreteSpace {
  return { kind: 'discrete', n, labels };
}

export function box(low: readonly number[], high: readonly number[], labels?: readonly string[]): BoxSpace {
  if (low.length !== high.length) throw new Error('box: low and high differ in length');
  return { kind: 'box', shape: [low.length], low, high, labels };
}

/** The number of numbers an element of the space takes when flattened (1 for a discrete space). */
export function flatDim(space: Space): number {
  return space.kind === 'discrete' ? 1 : space.shape[0];
}

/** Whether `value` lies in `space` (integers in range for discrete; right length, finite, inside bounds for box). */
export function contains(space: Space, value: unknown): boolean {
  if (space.kind === 'discrete') {
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < space.n;
  }
  const v = value as ArrayLike<number>;
  if (v == null || typeof v !== 'object' || typeof v.length !== 'number' || v.length !== space.shape[0]) return false;
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i]) || v[i] < space.low[i] - 1e-9 || v[i] > space.high[i] + 1e-9) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// The pure environment specification
// ---------------------------------------------------------------------------------------------------------------

/**
 * An environment as pure functions. `S` is the plain state object, `P` the parameter object (documented defaults in
 * `defaults`). Functions must not mutate their inputs; all randomness comes from the `rng` they are handed.
 */
export interface EnvSpec<S, P = Record<string, never>> {
  /** Registry id, e.g. 'lane'. */
  id: string;
  /** One line for people: what the environment is. */
  description: string;
  defaults: P;
  actionSpace(params: P): Space;
  observationSpace(params: P): Space;
  /** A start state. */
  initial(rng: Rng, params: P): S;
  /** The next state after taking `action` in `state`. */
  transition(state: S, action: Action, rng: Rng, params: P): S;
  /** What a policy sees: a number for discrete observation spaces, a Float64Array for boxes. */
  observe(state: S, params: P): number | Float64Array;
  /** The per-step cost of (state, action, next), in [0, 1] unless the env's doc block says otherwise. */
  cost(state: S, action: Action, next: S, params: P): number;
  /**
   * The range every per-step cost lies in, when it is not [0, 1] (e.g. Pendulum-v1's [0, π² + 6.4 + 0.004]).
   * Documentation that `checkEnv` can test; omitted means [0, 1].
   */
  costBounds?(params: P): readonly [number, number];
  /** True when the episode has ended inside the MDP (absorbing failure, goal reached). */
  isTerminal(state: S, params: P): boolean;
  /** The default episode length (steps), after which an episode is truncated. */
  horizon(params: P): number;
}

// ---------------------------------------------------------------------------------------------------------------
// Tabular environments: the full model, so value iteration, exact evaluation and the picture read the same table
// ---------------------------------------------------------------------------------------------------------------

/** A finite MDP with states {0..nStates-1} and actions {0..nActions-1}. */
export interface TabularModel {
  nStates: number;
  nActions: number;
  /** P[s][a] is a list of [nextState, probability] pairs summing to 1. */
  P: ReadonlyArray<ReadonlyArray<ReadonlyArray<readonly [number, number]>>>;
  /** C[s][a]: expected per-step cost of taking a in s. */
  C: ReadonlyArray<ReadonlyArray<number>>;
  /** The start-state distribution (length nStates, sums to 1). */
  start: Float64Array;
  /** Optional human labels per state (e.g. 'y = −3'). */
  stateLabels?: readonly string[];
}

// ---------------------------------------------------------------------------------------------------------------
// The stateful adapter (Gymnasium-style)
// ---------------------------------------------------------------------------------------------------------------

export interface StepResult {
  observation: number | Float64Array;
  cost: number;
  /** The episode ended inside the MDP (isTerminal). */
  terminated: boolean;
  /** The horizon ran out. */
  truncated: boolean;
}

export interface Env<S, P> {
  spec: EnvSpec<S, P>;
  params: P;
  readonly state: S;
  readonly t: number;
  /** Start a new episode. With a seed the generator is re-seeded; without, it continues its stream. */
  reset(options?: { seed?: number }): { observation: number | Float64Array };
  step(action: Action): StepResult;
}

/** Wraps pure dynamics into a stateful environment. The generator is the 'env' stream of the seed. */
export function makeEnv<S, P>(spec: EnvSpec<S, P>, params?: Partial<P>, seed = 0): Env<S, P> {
  const p = { ...spec.defaults, ...(params ?? {}) } as P;
  let rng = new Rng(seed).stream('env');
  let state: S = spec.initial(rng, p);
  let t = 0;
  let done = false;
  return {
    spec,
    params: p,
    get state() {
      return state;
    },
    get t() {
      return t;
    },
    reset(options) {
      if (options?.seed !== undefined) rng = new Rng(options.seed).stream('env');
      state = spec.initial(rng, p);
      t = 0;
      done = false;
      return { observation: spec.observe(state, p) };
    },
    step(action) {
      if (done) throw new Error(`${spec.id}: step() called after the episode ended; call reset() first`);
      const next = spec.transition(state, action, rng, p);
      const cost = spec.cost(state, action, next, p);
      state = next;
      t += 1;
      const terminated = spec.isTerminal(state, p);
      const truncated = !terminated && t >= spec.horizon(p);
      done = terminated || truncated;
      return { observation: spec.observe(state, p), cost, terminated, truncated };
    },
  };
}
