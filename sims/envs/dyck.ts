/**
 * Dyck — exposure bias in a bounded-depth bracket language (SCIENCE-NOTES §2(b), Toy 2B: the language-model toy).
 *
 * Description: a "language model" writes a string of brackets one token at a time. The depth h_t is the number of
 *   "(" minus the number of ")" in the first t tokens. A string is valid when 0 ≤ h_t ≤ B at every t (a Dyck prefix
 *   with a depth cap B). Generation is a rollout: the state is the prefix, the action is the next token, and the
 *   dynamics append it. Next-token prediction on teacher strings is behaviour cloning with the log-loss.
 * Action space: Discrete(2) — 0 = "(", 1 = ")".
 * Observation space: what a student sees of the prefix, chosen by `params.student`:
 *   - 'depth': one-hot of clip(h_t, −3, B + 3), B + 7 numbers in {0, 1} (10 for B = 3). The teacher depends only on
 *     this, so the class is realisable.
 *   - 'window': one-hot of the last k tokens, 2 numbers per slot (slot 0 = the most recent token), an all-zero slot
 *     where the string is shorter than k (zero padding at the start); 2k numbers. Misspecified: it cannot know h_t.
 *   Unitless. Table (count-based) students index the same information with `depthContext` / `windowContext`.
 * Cost: 1 if the token just written leaves the depth outside [0, B] (h_{t+1} < 0 or h_{t+1} > B), else 0. The
 *   notes' dense metric "number of invalid positions, i.e. steps with h_t ∉ [0, B]": a token written while already
 *   out of range counts again unless it brings the depth back inside; the recovery token itself is valid.
 * Start state: the empty string (h = 0).
 * Episode end: never terminates; truncated after `horizon` tokens.
 * Parameters: depthCap B = 3; horizon H = 64 tokens; student 'depth' | 'window'; windowK k = 2 (1…12).
 *
 * The temperature τ belongs to the sampler, not to the environment: `temperedProbOpen` reshapes a policy's
 * next-token distribution as p^{1/τ} / Σ p^{1/τ}. The exact evaluator `exactDyckMetrics` propagates the joint
 * distribution of (depth, context) of any table policy, so the exposure-bias curves carry no sampling noise.
 */
import type { Rng } from '../../lib/rng';
import { box, discrete, type Action, type EnvSpec } from '../core/env';
import { powInt } from '../../lib/detmath';

// ---------------------------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------------------------

/** Action id of the opening bracket "(". */
export const OPEN = 0;
/** Action id of the closing bracket ")". */
export const CLOSE = 1;
/** The depth feature is one-hot of clip(h, −DEPTH_MARGIN, B + DEPTH_MARGIN) (notes: clip(h_t, −3, B+3)). */
export const DEPTH_MARGIN = 3;
/** The state remembers this many recent tokens, so window students with k ≤ MAX_WINDOW can read their context. */
export const MAX_WINDOW = 12;

export type DyckStudentKind = 'depth' | 'window';

export interface DyckParams {
  /** B: the largest allowed depth (notes default 3). */
  depthCap: number;
  /** H: tokens per string (episode length). */
  horizon: number;
  /** Which features `observe` returns: the realisable depth feature or the misspecified last-k-tokens window. */
  student: DyckStudentKind;
  /** k for the window student (1…MAX_WINDOW; notes use 2, 4, 8). */
  windowK: number;
}

export const dyckDefaults: DyckParams = { depthCap: 3, horizon: 64, student: 'depth', windowK: 2 };

/**
 * The prefix, summarised by what any student or metric needs: its depth, its length and its last tokens.
 * `recent` packs the last MAX_WINDOW tokens in base 3, most recent token in the lowest digit, digit 0 = padding
 * (the string was shorter), 1 = "(", 2 = ")".
 */
export interface DyckState {
  depth: number;
  t: number;
  recent: number;
}

const RECENT_MOD = powInt(3, MAX_WINDOW);

// ---------------------------------------------------------------------------------------------------------------
// The language
// ---------------------------------------------------------------------------------------------------------------

/** Whether a depth is allowed: 0 ≤ h ≤ B. */
export function depthIsValid(depth: number, depthCap: number): boolean {
  return depth >= 0 && depth <= depthCap;
}

/** The depth after one more token. */
export function nextDepth(depth: number, token: number): number {
  return token === OPEN ? depth + 1 : depth - 1;
}

/** The depth after each token: out[t] = h_{t+1}, the depth of the first t + 1 tokens. */
export function depthTrace(tokens: ArrayLike<number>): Int32Array {
  const out = new Int32Array(tokens.length);
  let h = 0;
  for (let t = 0; t < tokens.length; t++) {
    h = nextDepth(h, tokens[t]);
    out[t] = h;
  }
  return out;
}

/** Per token, whether it is invalid (the depth after it is outside [0, B]) — the red tokens of the figure. */
export function invalidMask(tokens: ArrayLike<number>, depthCap: number): Uint8Array {
  const out = new Uint8Array(tokens.length);
  let h = 0;
  for (let t = 0; t < tokens.length; t++) {
    h = nextDepth(h, tokens[t]);
    out[t] = depthIsValid(h, depthCap) ? 0 : 1;
  }
  return out;
}

/** The dense metric: how many tokens leave the depth outside [0, B]. */
export function countInvalid(tokens: ArrayLike<number>, depthCap: number): number {
  let h = 0;
  let n = 0;
  for (let t = 0; t < tokens.length; t++) {
    h = nextDepth(h, tokens[t]);
    if (!depthIsValid(h, depthCap)) n++;
  }
  return n;
}

/** The sparse metric: the whole string is a valid depth-capped Dyck prefix. */
export function isValidString(tokens: ArrayLike<number>, depthCap: number): boolean {
  return countInvalid(tokens, depthCap) === 0;
}

/** Tokens as text, e.g. [0, 0, 1] → "(()". */
export function tokensToString(tokens: ArrayLike<number>): string {
  let s = '';
  for (let t = 0; t < tokens.length; t++) s += tokens[t] === OPEN ? '(' : ')';
  return s;
}

/** Text to tokens; throws on any character other than "(" and ")". */
export function parseTokens(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') out[i] = OPEN;
    else if (c === ')') out[i] = CLOSE;
    else throw new Error(`parseTokens: unexpected character ${JSON.stringify(c)} at ${i}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// What the students see: contexts (for tables) and one-hot features (for networks)
// ---------------------------------------------------------------------------------------------------------------

/** Number of depth contexts: clip(h, −3, B + 3) takes B + 7 values. */
export function nDepthContexts(depthCap: number): number {
  return depthCap + 2 * DEPTH_MARGIN + 1;
}

/** The depth context index in {0, …, B + 6}: clip(h, −3, B + 3) + 3. */
export function depthContext(depth: number, depthCap: number): number {
  const c = Math.min(Math.max(depth, -DEPTH_MARGIN), depthCap + DEPTH_MARGIN);
  return c + DEPTH_MARGIN;
}

/** Number of window-k contexts: each of the k slots is padding, "(" or ")", so 3^k. */
export function nWindowContexts(windowK: number): number {
  return powInt(3, windowK);
}

/** The window-k context index: the last k tokens in base 3 (most recent lowest; 0 pad, 1 "(", 2 ")"). */
export function windowContext(recent: number, windowK: number): number {
  return recent % powInt(3, windowK);
}

/** `recent` after appending a token. */
export function pushRecent(recent: number, token: number): number {
  return (recent * 3 + token + 1) % RECENT_MOD;
}

/** `recent` for a whole token string (its last MAX_WINDOW tokens). */
export function recentOf(tokens: ArrayLike<number>): number {
  let r = 0;
  for (let t = 0; t < tokens.length; t++) r = pushRecent(r, tokens[t]);
  return r;
}

/** Depth feature: one-hot of clip(h, −3, B + 3), length B + 7. Writes into `out` when given. */
export function depthFeatures(depth: number, depthCap: number, out?: Float64Array): Float64Array {
  const x = out ?? new Float64Array(nDepthContexts(depthCap));
  x.fill(0);
  x[depthContext(depth, depthCap)] = 1;
  return x;
}

/** Window feature: for slot i = 0 (most recent) … k − 1, [is "(", is ")"]; zeros for padding. Length 2k. */
export function windowFeatures(recent: number, windowK: number, out?: Float64Array): Float64Array {
  const x = out ?? new Float64Array(2 * windowK);
  x.fill(0);
  let r = recent;
  for (let i = 0; i < windowK; i++) {
    const digit = r % 3;
    r = (r - digit) / 3;
    if (digit > 0) x[2 * i + digit - 1] = 1;
  }
  return x;
}

/** The feature vector of a context index (so a network can be read out at every context of a table). */
export function contextFeatures(
  kind: DyckStudentKind,
  context: number,
  depthCap: number,
  windowK: number,
): Float64Array {
  if (kind === 'depth') {
    const x = new Float64Array(nDepthContexts(depthCap));
    x[context] = 1;
    return x;
  }
  return windowFeatures(context, windowK);
}

// ---------------------------------------------------------------------------------------------------------------
// Table policies and the temperature
// ---------------------------------------------------------------------------------------------------------------

/**
 * A next-token policy whose distribution depends only on a finite context: the teacher, a count-based student, or
 * a network on one-hot features read out once at every context (`contextFeatures`). `probOpen[c]` is P("(" | c)
 * at temperature 1.
 */
export interface DyckTablePolicy {
  kind: DyckStudentKind;
  depthCap: number;
  /** k for window policies (ignored for depth policies). */
  windowK: number;
  /** One entry per context: length B + 7 (depth) or 3^k (window). */
  probOpen: Float64Array;
}

/** The context a table policy reads in a state. */
export function policyContext(policy: DyckTablePolicy, depth: number, recent: number): number {
  return policy.kind === 'depth' ? depthContext(depth, policy.depthCap) : windowContext(recent, policy.windowK);
}

/**
 * P("(") after sampling at temperature τ: p^{1/τ} / (p^{1/τ} + (1 − p)^{1/τ}). τ = 1 leaves p unchanged, τ > 1
 * flattens it (more mistakes), τ → 0 is greedy (ties stay ½). Certain tokens (p = 0 or 1) stay certain.
 */
export function temperedProbOpen(pOpen: number, tau: number): number {
  if (pOpen <= 0) return 0;
  if (pOpen >= 1) return 1;
  if (tau === 1) return pOpen;
  if (!(tau > 0)) return pOpen > 0.5 ? 1 : pOpen < 0.5 ? 0 : 0.5;
  const logitOpen = (Math.log(pOpen) - Math.log1p(-pOpen)) / tau;
  return 1 / (1 + Math.exp(-logitOpen));
}

/** Softmax of two logits at temperature τ, as P("("): what a network's head gives. */
export function probOpenFromLogits(logitOpen: number, logitClose: number, tau = 1): number {
  if (!(tau > 0)) return logitOpen > logitClose ? 1 : logitOpen < logitClose ? 0 : 0.5;
  return 1 / (1 + Math.exp((logitClose - logitOpen) / tau));
}

/** One token from a table policy at temperature τ. */
export function sampleToken(policy: DyckTablePolicy, depth: number, recent: number, tau: number, rng: Rng): number {
  const p = temperedProbOpen(policy.probOpen[policyContext(policy, depth, recent)], tau);
  return rng.uniform() < p ? OPEN : CLOSE;
}

/** A string of `length` tokens generated by a table policy at temperature τ (free-running, from the empty string). */
export function sampleString(policy: DyckTablePolicy, length: number, tau: number, rng: Rng): Uint8Array {
  const out = new Uint8Array(length);
  let depth = 0;
  let recent = 0;
  for (let t = 0; t < length; t++) {
    const token = sampleToken(policy, depth, recent, tau, rng);
    out[t] = token;
    depth = nextDepth(depth, token);
    recent = pushRecent(recent, token);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Metrics of a table policy: exact (distribution propagation) and sampled
// ---------------------------------------------------------------------------------------------------------------

/** Both metrics as curves over the string length: index H gives the value for strings of H tokens (H = 0…maxH). */
export interface DyckMetrics {
  /** E[number of invalid tokens in the first H tokens]. */
  expectedInvalid: Float64Array;
  /** P(the first H tokens are all valid). */
  pValid: Float64Array;
}

/**
 * Exact metrics of a table policy at temperature τ for every length up to `maxH`, by propagating the joint
 * distribution of (depth, context) one token at a time — no sampling noise. Cost: O(maxH² · contexts reached);
 * measured in Node at maxH = 128: ≈ 4 ms for the depth student, ≈ 10 ms for window-4, ≈ 120 ms for window-8 and
 * ≈ 0.5 s for window-10 (so window students beyond k = 4 belong in the worker).
 */
export function exactDyckMetrics(policy: DyckTablePolicy, maxH: number, tau: number): DyckMetrics {
  const B = policy.depthCap;
  const offset = maxH; // depth h lives at index h + maxH; |h| ≤ maxH
  const size = B + 2 * maxH + 1;
  const isWindow = policy.kind === 'window';
  const pOpenAt = policy.probOpen.map((p) => temperedProbOpen(p, tau));
  // The depth student reads only the depth, so one dummy context (0) suffices; the window student carries its last
  // k tokens as the context.
  let all = new Map<number, Float64Array>([[0, new Float64Array(size)]]);
  let valid = new Map<number, Float64Array>([[0, new Float64Array(size)]]);
  all.get(0)![offset] = 1;
  valid.get(0)![offset] = 1;
  const expectedInvalid = new Float64Array(maxH + 1);
  const pValid = new Float64Array(maxH + 1);
  pValid[0] = 1;
  let lo = offset; // the range of depth indices that can carry mass
  let hi = offset;
  const modK = isWindow ? powInt(3, policy.windowK) : 1;

  const push = (target: Map<number, Float64Array>, ctx: number, idx: number, mass: number): void => {
    let arr = target.get(ctx);
    if (!arr) {
      arr = new Float64Array(size);
      target.set(ctx, arr);
    }
    arr[idx] += mass;
  };

  for (let t = 1; t <= maxH; t++) {
    const nextAll = new Map<number, Float64Array>();
    const nextValid = new Map<number, Float64Array>();
    const step = (source: Map<number, Float64Array>, target: Map<number, Float64Array>, keepValidOnly: boolean) => {
      for (const [ctx, arr] of source) {
        const ctxOpen = isWindow ? (ctx * 3 + 1) % modK : 0;
        const ctxClose = isWindow ? (ctx * 3 + 2) % modK : 0;
        for (let i = lo; i <= hi; i++) {
          const m = arr[i];
          if (m === 0) continue;
          const h = i - offset;
          const p = isWindow ? pOpenAt[ctx] : pOpenAt[depthContext(h, B)];
          if (p > 0 && (!keepValidOnly || depthIsValid(h + 1, B))) push(target, ctxOpen, i + 1, m * p);
          if (p < 1 && (!keepValidOnly || depthIsValid(h - 1, B))) push(target, ctxClose, i - 1, m * (1 - p));
        }
      }
    };
    step(all, nextAll, false);
    step(valid, nextValid, true);
    lo = Math.max(0, lo - 1);
    hi = Math.min(size - 1, hi + 1);
    all = nextAll;
    valid = nextValid;

    let invalidMass = 0;
    for (const arr of all.values()) {
      for (let i = lo; i <= hi; i++) if (!depthIsValid(i - offset, B)) invalidMass += arr[i];
    }
    let validMass = 0;
    for (const arr of valid.values()) for (let i = lo; i <= hi; i++) validMass += arr[i];
    expectedInvalid[t] = expectedInvalid[t - 1] + invalidMass;
    pValid[t] = validMass;
  }
  return { expectedInvalid, pValid };
}

/** Monte-Carlo metrics at the requested lengths, from `nStrings` strings of length max(horizons). */
export interface SampledDyckMetrics {
  horizons: number[];
  /** Mean number of invalid tokens among the first H. */
  meanInvalid: number[];
  /** Its standard error. */
  stderrInvalid: number[];
  /** Fraction of strings whose first H tokens are all valid. */
  pValid: number[];
}

export function sampledDyckMetrics(
  policy: DyckTablePolicy,
  horizons: readonly number[],
  tau: number,
  nStrings: number,
  rng: Rng,
): SampledDyckMetrics {
  const maxH = Math.max(...horizons);
  const sum = new Float64Array(horizons.length);
  const sumSq = new Float64Array(horizons.length);
  const nValid = new Float64Array(horizons.length);
  const B = policy.depthCap;
  for (let n = 0; n < nStrings; n++) {
    const s = sampleString(policy, maxH, tau, rng);
    const mask = invalidMask(s, B);
    let count = 0;
    let j = 0;
    const order = horizons.map((h, i) => [h, i] as const).sort((x, y) => x[0] - y[0]);
    for (let t = 0; t < maxH && j < order.length; t++) {
      count += mask[t];
      while (j < order.length && order[j][0] === t + 1) {
        const i = order[j][1];
        sum[i] += count;
        sumSq[i] += count * count;
        if (count === 0) nValid[i] += 1;
        j++;
      }
    }
  }
  const meanInvalid = Array.from(sum, (s) => s / nStrings);
  const stderrInvalid = meanInvalid.map((m, i) => Math.sqrt(Math.max(0, sumSq[i] / nStrings - m * m) / nStrings));
  return { horizons: [...horizons], meanInvalid, stderrInvalid, pValid: Array.from(nValid, (v) => v / nStrings) };
}

// ---------------------------------------------------------------------------------------------------------------
// The environment contract
// ---------------------------------------------------------------------------------------------------------------

function tokenOf(action: Action): number {
  const a = typeof action === 'number' ? action : action[0];
  if (a !== OPEN && a !== CLOSE) throw new RangeError(`dyck: action must be 0 "(" or 1 ")", got ${String(a)}`);
  return a;
}

export const dyckEnv: EnvSpec<DyckState, DyckParams> = {
  id: 'dyck',
  description: 'Write brackets one token at a time; the depth must stay within [0, B]. The exposure-bias toy.',
  defaults: dyckDefaults,
  actionSpace: () => discrete(2, ['(', ')']),
  observationSpace(params) {
    if (params.student === 'depth') {
      const n = nDepthContexts(params.depthCap);
      const labels = Array.from({ length: n }, (_, i) => `depth = ${i - DEPTH_MARGIN}`);
      return box(new Array(n).fill(0), new Array(n).fill(1), labels);
    }
    const labels: string[] = [];
    for (let i = 0; i < params.windowK; i++) labels.push(`token −${i + 1} is "("`, `token −${i + 1} is ")"`);
    return box(new Array(2 * params.windowK).fill(0), new Array(2 * params.windowK).fill(1), labels);
  },
  initial: () => ({ depth: 0, t: 0, recent: 0 }),
  transition(state, action) {
    const token = tokenOf(action);
    return { depth: nextDepth(state.depth, token), t: state.t + 1, recent: pushRecent(state.recent, token) };
  },
  observe(state, params) {
    return params.student === 'depth'
      ? depthFeatures(state.depth, params.depthCap)
      : windowFeatures(state.recent, params.windowK);
  },
  cost: (_state, _action, next, params) => (depthIsValid(next.depth, params.depthCap) ? 0 : 1),
  isTerminal: () => false,
  horizon: (params) => params.horizon,
};
