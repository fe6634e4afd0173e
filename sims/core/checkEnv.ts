/**
 * The conformance check every registered environment passes (Gymnasium's `check_env`, adapted to pure dynamics).
 *
 * `checkEnv(spec, params?)` returns a list of readable problems (empty when the env conforms); `assertEnv` throws
 * one error listing them all. It checks:
 *  - the spec: an id, a description, valid action and observation spaces, a positive integer horizon;
 *  - start states and every state reached by random valid actions (including the box bounds themselves) observe
 *    to values inside the observation space, of the declared kind (a number for a discrete space, a Float64Array
 *    for a box);
 *  - costs are finite and inside [0, 1] or the env's declared `costBounds`; `isTerminal` returns a boolean;
 *  - the pure functions do not mutate the state or the action they are given;
 *  - determinism: the same seed and actions give an identical trajectory, bit for bit; for a stochastic env (one
 *    that draws random numbers, or declared so with `stochastic: true`) different seeds give different ones;
 *  - the stateful adapter `makeEnv`: reset with a seed is reproducible, `terminated`/`truncated` are exclusive and
 *    truncation happens exactly at the horizon, and stepping a finished episode throws.
 */
import { Rng } from '../../lib/rng';
import { contains, makeEnv, type Action, type EnvSpec, type Space } from './env';

export interface CheckEnvOptions {
  /** Seeds for the random-action episodes. Default [0, 1, 2]. */
  seeds?: readonly number[];
  /** Steps per random-action episode (the pure functions know no horizon, so this may exceed it). Default 200. */
  steps?: number;
  /**
   * Whether different seeds must give different trajectories. 'auto' (default): required when the env draws any
   * random number. Pass false for an env that draws numbers it does not use at these parameters (e.g. a tremble
   * with probability 0).
   */
  stochastic?: boolean | 'auto';
}

/** An Rng that counts the 32-bit words drawn from it (so checkEnv can tell whether an env is stochastic). */
class CountingRng extends Rng {
  draws = 0;
  override nextUint32(): number {
    this.draws = (this.draws ?? 0) + 1; // the base constructor draws before this field is initialised
    return super.nextUint32();
  }
}

function spaceProblems(space: Space, what: string): string[] {
  const out: string[] = [];
  if (space == null || typeof space !== 'object') return [`${what} is not a space object`];
  if (space.kind === 'discrete') {
    if (!(Number.isInteger(space.n) && space.n >= 1))
      out.push(`${what}: discrete n = ${space.n} is not a positive integer`);
    if (space.labels && space.labels.length !== space.n)
      out.push(`${what}: ${space.labels.length} labels for n = ${space.n}`);
  } else if (space.kind === 'box') {
    const d = space.shape?.[0];
    if (!(Number.isInteger(d) && d >= 1)) out.push(`${what}: box shape [${space.shape}] is not [positive integer]`);
    if (space.low.length !== d || space.high.length !== d) out.push(`${what}: low/high lengths differ from shape ${d}`);
    for (let i = 0; i < Math.min(space.low.length, space.high.length); i++) {
      if (Number.isNaN(space.low[i]) || Number.isNaN(space.high[i]) || space.low[i] > space.high[i]) {
        out.push(`${what}: coordinate ${i} has bounds [${space.low[i]}, ${space.high[i]}]`);
      }
    }
    if (space.labels && space.labels.length !== d)
      out.push(`${what}: ${space.labels.length} labels for dimension ${d}`);
  } else out.push(`${what}: unknown kind ${(space as { kind: unknown }).kind}`);
  return out;
}

/** A uniformly random element of a space; with probability 0.1 a box action sits exactly on a bound. */
function sampleAction(space: Space, rng: Rng): Action {
  if (space.kind === 'discrete') return rng.int(space.n);
  const out = new Float64Array(space.shape[0]);
  const edge = rng.uniform() < 0.1;
  for (let i = 0; i < out.length; i++) {
    const lo = space.low[i];
    const hi = space.high[i];
    if (edge && Number.isFinite(lo) && Number.isFinite(hi)) out[i] = rng.bernoulli(0.5) ? lo : hi;
    else if (Number.isFinite(lo) && Number.isFinite(hi)) out[i] = rng.range(lo, hi);
    else
      out[i] =
        (Number.isFinite(lo) ? lo : Number.isFinite(hi) ? hi : 0) +
        (Number.isFinite(lo) ? 1 : -1) * Math.abs(rng.normal());
  }
  return out;
}

function observationProblem(space: Space, obs: unknown): string | null {
  if (space.kind === 'discrete' && typeof obs !== 'number')
    return `observe returned ${describe(obs)} for a discrete space`;
  if (space.kind === 'box' && !(obs instanceof Float64Array))
    return `observe returned ${describe(obs)}, not a Float64Array`;
  if (!contains(space, obs)) return `observation ${describe(obs)} is outside the observation space`;
  return null;
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value instanceof Float64Array || Array.isArray(value))
    return `[${Array.from(value as ArrayLike<number>, (v) => +v.toPrecision(4)).join(', ')}]`;
  return typeof value;
}

/** A structural copy for "was it mutated?" checks (plain objects, arrays, typed arrays, primitives). */
function snapshot(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map(snapshot);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = snapshot(v);
    return out;
  }
  return value;
}

function sameSnapshot(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameSnapshot(v, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every((k) => sameSnapshot((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return Object.is(a, b);
}

/** Observations and costs of one episode driven by a fixed action stream, flattened for exact comparison. */
function trace<S, P>(spec: EnvSpec<S, P>, p: P, envRng: Rng, actionSeed: number, steps: number): number[] {
  const actRng = new Rng(actionSeed).stream('checkEnv/actions');
  const space = spec.actionSpace(p);
  const out: number[] = [];
  const push = (obs: number | Float64Array) => {
    if (typeof obs === 'number') out.push(obs);
    else out.push(...obs);
  };
  let state = spec.initial(envRng, p);
  push(spec.observe(state, p));
  for (let t = 0; t < steps && !spec.isTerminal(state, p); t++) {
    const action = sampleAction(space, actRng);
    const next = spec.transition(state, action, envRng, p);
    out.push(spec.cost(state, action, next, p));
    state = next;
    push(spec.observe(state, p));
  }
  return out;
}

function sameTrace(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

/** Runs the conformance checks; returns the problems found (empty when the environment conforms). */
export function checkEnv<S, P>(spec: EnvSpec<S, P>, params?: Partial<P>, options: CheckEnvOptions = {}): string[] {
  const { seeds = [0, 1, 2], steps = 200, stochastic = 'auto' } = options;
  const problems: string[] = [];
  const fail = (msg: string) => {
    if (problems.length < 50) problems.push(msg);
  };
  const p = { ...spec.defaults, ...(params ?? {}) } as P;
  const report = () => problems.map((msg) => `${spec.id}: ${msg}`);

  try {
    // -- the spec itself -------------------------------------------------------------------------------------------
    if (typeof spec.id !== 'string' || spec.id.length === 0) fail('id is missing');
    if (typeof spec.description !== 'string' || spec.description.length === 0) fail('description is missing');
    const actSpace = spec.actionSpace(p);
    const obsSpace = spec.observationSpace(p);
    const spaceIssues = [...spaceProblems(actSpace, 'action space'), ...spaceProblems(obsSpace, 'observation space')];
    spaceIssues.forEach(fail);
    if (spaceIssues.length > 0) return report();
    const H = spec.horizon(p);
    if (!(Number.isInteger(H) && H >= 1)) fail(`horizon ${H} is not a positive integer`);
    const [costLo, costHi] = spec.costBounds?.(p) ?? [0, 1];
    if (!(costLo <= costHi)) fail(`costBounds [${costLo}, ${costHi}] is empty`);

    // -- random-action episodes: spaces, costs, purity ----------------------------------------------------------
    let drewRandomness = false;
    for (const seed of seeds) {
      const envRng = new CountingRng(seed);
      envRng.draws = 0;
      const actRng = new Rng(seed).stream('checkEnv/actions');
      let state = spec.initial(envRng, p);
      const where = (t: number) => `seed ${seed}, step ${t}`;
      const obsIssue = observationProblem(obsSpace, spec.observe(state, p));
      if (obsIssue) fail(`start state (seed ${seed}): ${obsIssue}`);
      if (spec.isTerminal(state, p) !== false)
        fail(`start state (seed ${seed}) is terminal or isTerminal is not boolean`);
      for (let t = 0; t < steps; t++) {
        const action = sampleAction(actSpace, actRng);
        if (!contains(actSpace, action)) fail(`${where(t)}: checkEnv drew an invalid action ${describe(action)}`);
        const stateBefore = snapshot(state);
        const actionBefore = snapshot(action);
        const next = spec.transition(state, action, envRng, p);
        const cost = spec.cost(state, action, next, p);
        if (!sameSnapshot(snapshot(state), stateBefore)) fail(`${where(t)}: transition or cost mutated the state`);
        if (!sameSnapshot(snapshot(action), actionBefore)) fail(`${where(t)}: transition or cost mutated the action`);
        if (typeof cost !== 'number' || !Number.isFinite(cost))
          fail(`${where(t)}: cost ${cost} is not a finite number`);
        else if (cost < costLo - 1e-12 || cost > costHi + 1e-12)
          fail(`${where(t)}: cost ${cost} is outside [${costLo}, ${costHi}]`);
        const nextObsIssue = observationProblem(obsSpace, spec.observe(next, p));
        if (nextObsIssue) fail(`${where(t)}: ${nextObsIssue}`);
        const terminal = spec.isTerminal(next, p);
        if (typeof terminal !== 'boolean') fail(`${where(t)}: isTerminal returned ${typeof terminal}`);
        state = next;
        if (terminal) break;
      }
      if (envRng.draws > 0) drewRandomness = true;
    }

    // -- determinism ------------------------------------------------------------------------------------------------
    for (const seed of seeds) {
      const a = trace(spec, p, new Rng(seed), seed, steps);
      const b = trace(spec, p, new Rng(seed), seed, steps);
      if (!sameTrace(a, b)) fail(`seed ${seed}: the same seed and actions gave two different trajectories`);
    }
    const mustDiffer = stochastic === 'auto' ? drewRandomness : stochastic;
    if (stochastic === true && !drewRandomness)
      fail('declared stochastic, but initial/transition drew no random numbers');
    if (mustDiffer) {
      let differed = false;
      for (let k = 0; k < 4 && !differed; k++) {
        // Same actions, different env seeds: only the env's own randomness can tell them apart.
        const a = trace(spec, p, new Rng(1000 + 2 * k), 7, steps);
        const b = trace(spec, p, new Rng(1001 + 2 * k), 7, steps);
        differed = !sameTrace(a, b);
      }
      if (!differed) {
        fail(
          'the env draws random numbers but different seeds gave identical trajectories (pass { stochastic: false } if that is intended at these parameters)',
        );
      }
    }

    // -- the stateful adapter ---------------------------------------------------------------------------------------
    if (Number.isInteger(H) && H >= 1) {
      const env = makeEnv(spec, p, seeds[0] ?? 0);
      const actRng = new Rng(12345).stream('checkEnv/adapter');
      const first = env.reset({ seed: 77 });
      const again = env.reset({ seed: 77 });
      if (!sameSnapshot(snapshot(first.observation), snapshot(again.observation)))
        fail('reset({ seed }) is not reproducible');
      let t = 0;
      let done = false;
      while (!done && t <= H) {
        const r = env.step(sampleAction(actSpace, actRng));
        t += 1;
        if (r.terminated && r.truncated) fail(`adapter step ${t}: terminated and truncated are both true`);
        if (r.truncated && t !== H) fail(`adapter: truncated at step ${t}, the horizon is ${H}`);
        if (!r.terminated && !r.truncated && t >= H)
          fail(`adapter: step ${t} ≥ horizon ${H} neither terminated nor truncated`);
        done = r.terminated || r.truncated;
      }
      let threw = false;
      try {
        env.step(sampleAction(actSpace, actRng));
      } catch {
        threw = true;
      }
      if (!threw) fail('adapter: step() after the episode ended did not throw');
    }
  } catch (err) {
    fail(`threw: ${err instanceof Error ? err.message : String(err)}`);
  }
  return report();
}

/** Like `checkEnv`, but throws one error listing every problem. */
export function assertEnv<S, P>(spec: EnvSpec<S, P>, params?: Partial<P>, options?: CheckEnvOptions): void {
  const problems = checkEnv(spec, params, options);
  if (problems.length > 0) {
    throw new Error(`Environment '${spec.id}' failed the conformance check:\n  - ${problems.join('\n  - ')}`);
  }
}
