/**
 * Trajectories as immutable records of flat typed arrays (the `imitation` library's vocabulary, DESIGN.md's
 * "data crosses threads as flat typed arrays with their dimensions").
 *
 * A trajectory of T steps holds T + 1 observations o_0 … o_T (the last one is where the episode stopped), T actions
 * a_0 … a_{T−1} and T costs c_0 … c_{T−1}, where c_t = cost(s_t, a_t, s_{t+1}). Row t of a flat array starts at
 * t·dim. A discrete observation or action is stored as one number (its index).
 *
 * `terminated` says the episode ended inside the MDP (an absorbing failure or goal: `isTerminal` held at s_T);
 * `truncated` says the horizon ran out first. A finished rollout has exactly one of them true. The record and its
 * arrays are not to be written to: `makeTrajectory` freezes the object, and the types mark every field readonly
 * (typed arrays cannot be frozen in JavaScript, so that part is a convention).
 */

export interface Trajectory<S = unknown> {
  /** T: number of steps (actions taken). */
  readonly length: number;
  /** Numbers per observation (1 for a discrete observation). */
  readonly obsDim: number;
  /** Numbers per action (1 for a discrete action). */
  readonly actDim: number;
  /** (T + 1) × obsDim, row-major: o_0 … o_T. */
  readonly observations: Float64Array;
  /** T × actDim, row-major: a_0 … a_{T−1} as the policy chose them. */
  readonly actions: Float64Array;
  /** T per-step costs c_0 … c_{T−1}. */
  readonly costs: Float64Array;
  /** The episode ended inside the MDP (isTerminal at the last state). */
  readonly terminated: boolean;
  /** The horizon ran out before the MDP ended the episode. */
  readonly truncated: boolean;
  /** The full states s_0 … s_T, when the rollout was asked to keep them (for drawing, or asking the expert). */
  readonly states?: readonly S[];
}

export interface TrajectoryInit<S = unknown> {
  obsDim: number;
  actDim: number;
  observations: Float64Array;
  actions: Float64Array;
  costs: Float64Array;
  terminated: boolean;
  truncated: boolean;
  states?: readonly S[];
}

/** Checks the shapes and flags, then freezes the record. Throws with the mismatch if the arrays do not fit. */
export function makeTrajectory<S = unknown>(init: TrajectoryInit<S>): Trajectory<S> {
  const T = init.costs.length;
  const problems: string[] = [];
  if (!(init.obsDim >= 1) || !(init.actDim >= 1))
    problems.push(`dims must be ≥ 1 (obsDim ${init.obsDim}, actDim ${init.actDim})`);
  if (init.observations.length !== (T + 1) * init.obsDim) {
    problems.push(
      `observations has ${init.observations.length} numbers, expected (T + 1)·obsDim = ${(T + 1) * init.obsDim}`,
    );
  }
  if (init.actions.length !== T * init.actDim) {
    problems.push(`actions has ${init.actions.length} numbers, expected T·actDim = ${T * init.actDim}`);
  }
  if (init.terminated && init.truncated) problems.push('terminated and truncated are both true');
  if (init.states && init.states.length !== T + 1)
    problems.push(`states has ${init.states.length} entries, expected T + 1 = ${T + 1}`);
  if (problems.length > 0) throw new Error(`makeTrajectory: ${problems.join('; ')}`);
  const record: Trajectory<S> = {
    length: T,
    obsDim: init.obsDim,
    actDim: init.actDim,
    observations: init.observations,
    actions: init.actions,
    costs: init.costs,
    terminated: init.terminated,
    truncated: init.truncated,
    ...(init.states ? { states: Object.freeze([...init.states]) } : {}),
  };
  return Object.freeze(record);
}

/** o_t as a view (no copy) of length obsDim; t ∈ [0, T]. */
export function observationAt(traj: Trajectory, t: number): Float64Array {
  if (!(t >= 0 && t <= traj.length)) throw new RangeError(`observationAt: t = ${t} outside [0, ${traj.length}]`);
  return traj.observations.subarray(t * traj.obsDim, (t + 1) * traj.obsDim);
}

/** a_t as a view (no copy) of length actDim; t ∈ [0, T). */
export function actionAt(traj: Trajectory, t: number): Float64Array {
  if (!(t >= 0 && t < traj.length)) throw new RangeError(`actionAt: t = ${t} outside [0, ${traj.length})`);
  return traj.actions.subarray(t * traj.actDim, (t + 1) * traj.actDim);
}

/** Σ_t c_t: the trajectory's cost, J for this episode. */
export function totalCost(traj: Trajectory): number {
  let s = 0;
  for (let i = 0; i < traj.costs.length; i++) s += traj.costs[i];
  return s;
}

/**
 * The observation–action pairs (o_t, a_t), t < T, of several trajectories stacked into one dataset: the shape a
 * supervised learner wants. Observations of the final states o_T are not included (no action was taken there).
 */
export function stackPairs(trajs: readonly Trajectory[]): {
  observations: Float64Array;
  actions: Float64Array;
  count: number;
  obsDim: number;
  actDim: number;
} {
  if (trajs.length === 0)
    return { observations: new Float64Array(0), actions: new Float64Array(0), count: 0, obsDim: 0, actDim: 0 };
  const { obsDim, actDim } = trajs[0];
  let count = 0;
  for (const tr of trajs) {
    if (tr.obsDim !== obsDim || tr.actDim !== actDim) throw new Error('stackPairs: trajectories have different dims');
    count += tr.length;
  }
  const observations = new Float64Array(count * obsDim);
  const actions = new Float64Array(count * actDim);
  let row = 0;
  for (const tr of trajs) {
    observations.set(tr.observations.subarray(0, tr.length * obsDim), row * obsDim);
    actions.set(tr.actions, row * actDim);
    row += tr.length;
  }
  return { observations, actions, count, obsDim, actDim };
}

/**
 * The observations as a Float32 frame array `{ data, dims: [T + 1, obsDim] }`, the shape an experiment's
 * `Result.trajectories` entry takes for playback.
 */
export function observationFrames(
  traj: Trajectory,
  labels?: string[],
): { data: Float32Array; dims: [number, number]; labels?: string[] } {
  return {
    data: Float32Array.from(traj.observations),
    dims: [traj.length + 1, traj.obsDim],
    ...(labels ? { labels } : {}),
  };
}
