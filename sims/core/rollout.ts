/**
 * Rolling a policy out in an environment: the one loop every sampler, demonstrator, DAgger round and evaluation
 * shares.
 *
 * A policy is a plain function `(observation, t, rng) => action`: t is the step index (so per-step policy classes
 * are policies too) and rng is the policy's own stream (for sampling a stochastic policy). The environment and the
 * policy draw from separate named streams of the run's generator ('env' and 'policy'), so a policy that draws more
 * or fewer numbers never changes the environment's noise — a BC and a DAgger learner rolled out with the same seed
 * meet the same trembles and the same start state.
 */
import { Rng } from '../../lib/rng';
import { bootstrapMeanBand, mean, type Band } from '../../lib/stats';
import { type Action, type EnvSpec, type Space, flatDim } from './env';
import { makeTrajectory, totalCost, type Trajectory } from './trajectory';

/** What a policy sees and returns. `t` counts steps from 0; `rng` is the policy's own random stream. */
export type Policy = (observation: number | Float64Array, t: number, rng: Rng) => Action;

export interface RolloutOptions<S, P> {
  /** The run's generator or seed. The env uses its 'env' stream, the policy its 'policy' stream. */
  rng: Rng | number;
  /** Parameter overrides on top of the env's defaults. */
  params?: Partial<P>;
  /** Steps before truncation; default the env's `horizon(params)`. */
  horizon?: number;
  /** Start here instead of drawing from `initial` (e.g. the pendulum hanging down). */
  initialState?: S;
  /** Keep the full states s_0 … s_T in the record (for drawing, or asking an expert about visited states). */
  recordStates?: boolean;
}

/** Resolves partial parameters against the env's documented defaults. */
export function resolveParams<S, P>(spec: EnvSpec<S, P>, params?: Partial<P>): P {
  return { ...spec.defaults, ...(params ?? {}) } as P;
}

function writeAction(space: Space, action: Action, out: Float64Array, at: number): void {
  if (space.kind === 'discrete') {
    out[at] = action as number;
    return;
  }
  const v = action as ArrayLike<number>;
  if (typeof action === 'number' || v.length !== space.shape[0]) {
    throw new Error(
      `rollout: a box action needs ${space.shape[0]} numbers, got ${typeof action === 'number' ? 'a number' : v.length}`,
    );
  }
  for (let j = 0; j < v.length; j++) out[at + j] = v[j];
}

function writeObservation(obs: number | Float64Array, out: Float64Array, at: number, obsDim: number): void {
  if (typeof obs === 'number') out[at] = obs;
  else {
    if (obs.length !== obsDim)
      throw new Error(`rollout: observe returned ${obs.length} numbers, the space has ${obsDim}`);
    out.set(obs, at);
  }
}

/**
 * Runs `policy` in `spec` from a start state until `isTerminal` or `horizon` steps, and returns the immutable
 * record. Deterministic: the same seed (and policy) gives the same trajectory bit for bit.
 */
export function rollout<S, P>(spec: EnvSpec<S, P>, policy: Policy, options: RolloutOptions<S, P>): Trajectory<S> {
  const p = resolveParams(spec, options.params);
  const root = typeof options.rng === 'number' ? new Rng(options.rng) : options.rng;
  const envRng = root.stream('env');
  const policyRng = root.stream('policy');
  const H = options.horizon ?? spec.horizon(p);
  if (!(Number.isInteger(H) && H >= 0))
    throw new RangeError(`rollout: horizon must be a non-negative integer, got ${H}`);
  const obsDim = flatDim(spec.observationSpace(p));
  const actSpace = spec.actionSpace(p);
  const actDim = flatDim(actSpace);

  const observations = new Float64Array((H + 1) * obsDim);
  const actions = new Float64Array(H * actDim);
  const costs = new Float64Array(H);
  const states: S[] | undefined = options.recordStates ? [] : undefined;

  let state = options.initialState ?? spec.initial(envRng, p);
  states?.push(state);
  let obs = spec.observe(state, p);
  writeObservation(obs, observations, 0, obsDim);
  let terminated = spec.isTerminal(state, p);
  let t = 0;
  while (t < H && !terminated) {
    const action = policy(obs, t, policyRng);
    writeAction(actSpace, action, actions, t * actDim);
    const next = spec.transition(state, action, envRng, p);
    costs[t] = spec.cost(state, action, next, p);
    state = next;
    t += 1;
    states?.push(state);
    obs = spec.observe(state, p);
    writeObservation(obs, observations, t * obsDim, obsDim);
    terminated = spec.isTerminal(state, p);
  }
  return makeTrajectory<S>({
    obsDim,
    actDim,
    observations: t === H ? observations : observations.slice(0, (t + 1) * obsDim),
    actions: t === H ? actions : actions.slice(0, t * actDim),
    costs: t === H ? costs : costs.slice(0, t),
    terminated,
    truncated: !terminated,
    states,
  });
}

/**
 * `n` independent episodes: episode i uses the stream `episode/i` of the run's generator, so episode i is the same
 * whether you ask for 5 episodes or 500.
 */
export function rolloutMany<S, P>(
  spec: EnvSpec<S, P>,
  policy: Policy,
  n: number,
  options: RolloutOptions<S, P>,
): Trajectory<S>[] {
  const root = typeof options.rng === 'number' ? new Rng(options.rng) : options.rng;
  return Array.from({ length: n }, (_, i) => rollout(spec, policy, { ...options, rng: root.stream(`episode/${i}`) }));
}

export interface CostEstimate extends Band {
  /** Per-episode total costs. */
  costs: Float64Array;
}

/**
 * Monte-Carlo estimate of J(π) = E[Σ_t c_t] for envs without an exact evaluator: the mean over `n` episodes with a
 * 95% bootstrap band (seeded by the run's 'bootstrap' stream).
 */
export function estimateCost<S, P>(
  spec: EnvSpec<S, P>,
  policy: Policy,
  n: number,
  options: RolloutOptions<S, P>,
): CostEstimate {
  const root = typeof options.rng === 'number' ? new Rng(options.rng) : options.rng;
  const costs = Float64Array.from(rolloutMany(spec, policy, n, { ...options, rng: root }), totalCost);
  if (n === 1) return { mean: costs[0], lo: costs[0], hi: costs[0], costs };
  const band = bootstrapMeanBand(costs, root.stream('bootstrap'), { resamples: 1000 });
  return { ...band, mean: mean(costs), costs };
}
