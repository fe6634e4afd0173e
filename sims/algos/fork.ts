/**
 * "Fork in the road" (SCIENCE-NOTES §4(b) Toy 4B; issue #12): multimodal demonstrations, and learners that average
 * the modes (squared loss) or model p(a | s) (tokenised log-loss, DDPM, flow matching).
 *
 * Environment: a point robot s ∈ ℝ² starts at (0, y₀), y₀ ∼ U[−0.05, 0.05]; the action is a heading θ and the robot
 * moves 0.1·(cos θ, sin θ) per step for H = 30 steps. Obstacle: the disk of centre (1, 0) and radius 0.35; goal
 * (2, 0). Collision = entering the disk at any step; success = no collision and ‖s_H − goal‖ < 0.2.
 * Expert: a latent side m = +1 (left, y > 0) or −1 per episode (round(pLeft·n) of the n demonstrations left); it heads to
 * (0.5, 0) while x < 0.45, then to (1, 0.6m) while x < 0.95, then to the goal.
 *
 * Pure numbers (no tfjs): the diffusion schedule, samplers on exported weights (forward.ts), rollouts and metrics.
 */
import { square } from '../../lib/detmath';
import type { Rng } from '../../lib/rng';
import { forwardBatch, softmax } from '../policies/forward';
import type { MlpWeights } from '../policies/weights';

export const FORK = {
  speed: 0.1,
  horizon: 30,
  obstacle: { x: 1, y: 0, r: 0.35 },
  goal: { x: 2, y: 0 },
  goalRadius: 0.2,
  startSpread: 0.05,
  /** The fork region for counting flips of the vertical direction. */
  forkX: [0.45, 0.95] as const,
} as const;

export function expertHeading(x: number, y: number, side: number): number {
  const [tx, ty] = x < 0.45 ? [0.5, 0] : x < 0.95 ? [1, 0.6 * side] : [FORK.goal.x, FORK.goal.y];
  return Math.atan2(ty - y, tx - x);
}

export interface ForkDemos {
  /** Per demonstration: states (x, y) for t = 0…H, flat, and headings θ_t for t < H; and its side. */
  trajectories: { states: Float64Array; headings: Float64Array; side: number }[];
}

export function forkDemos(nDemos: number, pLeft: number, rng: Rng): ForkDemos {
  // Exactly round(pLeft·n) demonstrations pass on the left, in a random order (stratified: the data's mode ratio is
  // the slider's, not a binomial draw around it).
  const nLeft = Math.round(pLeft * nDemos);
  const sideOf = rng.stream('sides').shuffle(Array.from({ length: nDemos }, (_, i) => (i < nLeft ? 1 : -1)));
  const starts = rng.stream('starts');
  const H = FORK.horizon;
  const trajectories: ForkDemos['trajectories'] = [];
  for (let i = 0; i < nDemos; i++) {
    const side = sideOf[i];
    const states = new Float64Array(2 * (H + 1));
    const headings = new Float64Array(H);
    states[1] = starts.range(-FORK.startSpread, FORK.startSpread);
    for (let t = 0; t < H; t++) {
      const th = expertHeading(states[2 * t], states[2 * t + 1], side);
      headings[t] = th;
      states[2 * t + 2] = states[2 * t] + FORK.speed * Math.cos(th);
      states[2 * t + 3] = states[2 * t + 1] + FORK.speed * Math.sin(th);
    }
    trajectories.push({ states, headings, side });
  }
  return { trajectories };
}

/** Pairs (s_t, θ_{t : t+ℓ−1}), the chunk padded with its last heading at the end of an episode. */
export function forkPairs(demos: ForkDemos, chunk: number): { s: Float32Array; theta: Float32Array; n: number } {
  const H = FORK.horizon;
  const n = demos.trajectories.length * H;
  const s = new Float32Array(2 * n);
  const theta = new Float32Array(chunk * n);
  let r = 0;
  for (const tr of demos.trajectories) {
    for (let t = 0; t < H; t++, r++) {
      s[2 * r] = tr.states[2 * t];
      s[2 * r + 1] = tr.states[2 * t + 1];
      for (let j = 0; j < chunk; j++) theta[chunk * r + j] = tr.headings[Math.min(H - 1, t + j)];
    }
  }
  return { s, theta, n };
}

// ---------------------------------------------------------------------------------------------------------------
// Tokenised headings (next-token prediction over an action vocabulary)
// ---------------------------------------------------------------------------------------------------------------

/** Bin of a heading among K equal bins of [−π, π). */
export function headingBin(theta: number, K: number): number {
  const u = (theta + Math.PI) / (2 * Math.PI);
  return Math.min(K - 1, Math.max(0, Math.floor(u * K)));
}
export const binCentre = (b: number, K: number): number => -Math.PI + ((b + 0.5) * 2 * Math.PI) / K;

// ---------------------------------------------------------------------------------------------------------------
// Diffusion (DDPM, ε-prediction) and flow matching
// ---------------------------------------------------------------------------------------------------------------

/** Cosine schedule (Nichol & Dhariwal): ᾱ_k for k = 0…K, ᾱ_0 = 1. */
export function cosineSchedule(K: number, s = 0.008): Float64Array {
  const f = (k: number) => square(Math.cos(((k / K + s) / (1 + s)) * (Math.PI / 2)));
  const abar = new Float64Array(K + 1);
  for (let k = 0; k <= K; k++) abar[k] = f(k) / f(0);
  // β_k = 1 − ᾱ_k/ᾱ_{k−1} ≤ 0.999
  for (let k = 1; k <= K; k++) if (1 - abar[k] / abar[k - 1] > 0.999) abar[k] = abar[k - 1] * 0.001;
  return abar;
}

/** The time features fed to the denoiser: [τ, sin πτ, cos πτ] with τ = k/K (DDPM) or the flow time. */
export function timeFeatures(tau: number): [number, number, number] {
  return [tau, Math.sin(Math.PI * tau), Math.cos(Math.PI * tau)];
}

/** Heading ↔ the generative models' action coordinate (radians, scaled to unit-ish size). */
export const ACTION_SCALE = 1;
export const CLIP = 3;

/**
 * A batch sampler on the denoiser's exported weights. Input rows: (x, y, a_1…a_ℓ, 3 time features); output ℓ numbers
 * (ε̂ for DDPM, the velocity for flow). Returns the samples, and optionally every intermediate (for the denoising view).
 */
export function sampleGenerative(
  kind: 'ddpm' | 'flow',
  weights: MlpWeights,
  states: Float32Array,
  n: number,
  chunk: number,
  steps: number,
  rng: Rng,
  keepPath = false,
): { samples: Float32Array; path: Float32Array[] } {
  const width = 2 + chunk + 3;
  const input = new Float32Array(n * width);
  const x = new Float32Array(n * chunk);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  for (let r = 0; r < n; r++) {
    input[r * width] = states[2 * r];
    input[r * width + 1] = states[2 * r + 1];
  }
  const path: Float32Array[] = keepPath ? [Float32Array.from(x)] : [];
  const out = new Float32Array(n * chunk);
  const fill = (tau: number) => {
    const [f0, f1, f2] = timeFeatures(tau);
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < chunk; j++) input[r * width + 2 + j] = x[r * chunk + j];
      input[r * width + 2 + chunk] = f0;
      input[r * width + 3 + chunk] = f1;
      input[r * width + 4 + chunk] = f2;
    }
  };
  if (kind === 'ddpm') {
    const abar = cosineSchedule(steps);
    for (let k = steps; k >= 1; k--) {
      fill(k / steps);
      forwardBatch(weights, input, n, out);
      const ab = abar[k];
      const abPrev = abar[k - 1];
      const beta = 1 - ab / abPrev;
      const c0 = (Math.sqrt(abPrev) * beta) / (1 - ab);
      const ck = (Math.sqrt(1 - beta) * (1 - abPrev)) / (1 - ab);
      const sd = Math.sqrt((beta * (1 - abPrev)) / (1 - ab));
      for (let i = 0; i < x.length; i++) {
        let x0 = (x[i] - Math.sqrt(1 - ab) * out[i]) / Math.sqrt(ab);
        x0 = Math.max(-CLIP, Math.min(CLIP, x0));
        x[i] = c0 * x0 + ck * x[i] + (k > 1 ? sd * rng.normal() : 0);
      }
      if (keepPath) path.push(Float32Array.from(x));
    }
  } else {
    const dt = 1 / steps;
    for (let k = 0; k < steps; k++) {
      fill(k * dt);
      forwardBatch(weights, input, n, out);
      for (let i = 0; i < x.length; i++) x[i] += dt * out[i];
      if (keepPath) path.push(Float32Array.from(x));
    }
  }
  return { samples: x, path };
}

/**
 * Training examples for the denoiser, `copies` noise draws per pair (a fixed augmented set, so the ordinary MLP
 * trainer can fit it): DDPM input (s, √ᾱ_k a + √(1−ᾱ_k) ε, t(k/K)) → ε; flow input (s, (1−τ)ε + τa, t(τ)) → a − ε.
 */
export function generativeDataset(
  kind: 'ddpm' | 'flow',
  pairs: { s: Float32Array; theta: Float32Array; n: number },
  chunk: number,
  steps: number,
  copies: number,
  rng: Rng,
): { x: Float32Array; y: Float32Array; n: number } {
  const width = 2 + chunk + 3;
  const n = pairs.n * copies;
  const x = new Float32Array(n * width);
  const y = new Float32Array(n * chunk);
  const abar = cosineSchedule(steps);
  let r = 0;
  for (let c = 0; c < copies; c++) {
    for (let i = 0; i < pairs.n; i++, r++) {
      x[r * width] = pairs.s[2 * i];
      x[r * width + 1] = pairs.s[2 * i + 1];
      let tau: number;
      let sa = 0;
      let se = 0;
      if (kind === 'ddpm') {
        const k = 1 + rng.int(steps);
        tau = k / steps;
        sa = Math.sqrt(abar[k]);
        se = Math.sqrt(1 - abar[k]);
      } else {
        tau = rng.uniform();
      }
      for (let j = 0; j < chunk; j++) {
        const a = pairs.theta[chunk * i + j] / ACTION_SCALE;
        const e = rng.normal();
        if (kind === 'ddpm') {
          x[r * width + 2 + j] = sa * a + se * e;
          y[r * chunk + j] = e;
        } else {
          x[r * width + 2 + j] = (1 - tau) * e + tau * a;
          y[r * chunk + j] = a - e;
        }
      }
      const [f0, f1, f2] = timeFeatures(tau);
      x[r * width + 2 + chunk] = f0;
      x[r * width + 3 + chunk] = f1;
      x[r * width + 4 + chunk] = f2;
    }
  }
  return { x, y, n };
}

// ---------------------------------------------------------------------------------------------------------------
// Policies and rollouts
// ---------------------------------------------------------------------------------------------------------------

/** A batched chunk policy: given n states, return n chunks of ℓ headings (radians). */
export type ForkPolicy = (states: Float32Array, n: number, rng: Rng) => Float32Array;

export function msePolicy(weights: MlpWeights, chunk: number): ForkPolicy {
  return (states, n) => {
    const out = forwardBatch(weights, states, n);
    const th = new Float32Array(n * chunk);
    for (let i = 0; i < n * chunk; i++) th[i] = Math.atan2(out[2 * i + 1], out[2 * i]);
    return th;
  };
}

export function binsPolicy(weights: MlpWeights, K: number): ForkPolicy {
  return (states, n, rng) => {
    const logits = forwardBatch(weights, states, n);
    const th = new Float32Array(n);
    const p = new Float32Array(K);
    for (let i = 0; i < n; i++) {
      softmax(logits.subarray(i * K, (i + 1) * K), p);
      th[i] = binCentre(rng.categorical(p), K);
    }
    return th;
  };
}

export function generativePolicy(kind: 'ddpm' | 'flow', weights: MlpWeights, chunk: number, steps: number): ForkPolicy {
  return (states, n, rng) => {
    const { samples } = sampleGenerative(kind, weights, states, n, chunk, steps, rng);
    for (let i = 0; i < samples.length; i++) samples[i] *= ACTION_SCALE;
    return samples;
  };
}

export interface ForkRollouts {
  /** Per rollout: positions t = 0…H flat, the side it took (+1 left / −1 right), collided, succeeded, flips. */
  paths: Float32Array[];
  side: number[];
  collided: boolean[];
  success: boolean[];
  flips: number[];
}

const inDisk = (x: number, y: number) =>
  square(x - FORK.obstacle.x) + square(y - FORK.obstacle.y) < square(FORK.obstacle.r);

/** n rollouts of a chunk policy in lockstep (a chunk is predicted every ℓ steps from the current state). */
export function forkRollouts(policy: ForkPolicy, chunk: number, n: number, rng: Rng): ForkRollouts {
  const H = FORK.horizon;
  const starts = rng.stream('starts');
  const act = rng.stream('actions');
  const paths = Array.from({ length: n }, () => new Float32Array(2 * (H + 1)));
  const collided = new Array<boolean>(n).fill(false);
  for (const p of paths) p[1] = starts.range(-FORK.startSpread, FORK.startSpread);
  const states = new Float32Array(2 * n);
  let current: Float32Array = new Float32Array(n * chunk);
  const headings = Array.from({ length: n }, () => new Float32Array(H));
  for (let t = 0; t < H; t++) {
    const j = t % chunk;
    if (j === 0) {
      for (let i = 0; i < n; i++) {
        states[2 * i] = paths[i][2 * t];
        states[2 * i + 1] = paths[i][2 * t + 1];
      }
      current = policy(states, n, act);
    }
    for (let i = 0; i < n; i++) {
      const th = current[i * chunk + j];
      headings[i][t] = th;
      const x = paths[i][2 * t] + FORK.speed * Math.cos(th);
      const y = paths[i][2 * t + 1] + FORK.speed * Math.sin(th);
      paths[i][2 * t + 2] = x;
      paths[i][2 * t + 3] = y;
      if (inDisk(x, y)) collided[i] = true;
    }
  }
  const side: number[] = [];
  const success: boolean[] = [];
  const flips: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = paths[i];
    let sd = 0;
    for (let t = 0; t <= H && sd === 0; t++) if (p[2 * t] >= FORK.obstacle.x) sd = p[2 * t + 1] >= 0 ? 1 : -1;
    if (sd === 0) sd = p[2 * H + 1] >= 0 ? 1 : -1;
    side.push(sd);
    const dx = p[2 * H] - FORK.goal.x;
    const dy = p[2 * H + 1] - FORK.goal.y;
    success.push(!collided[i] && dx * dx + dy * dy < square(FORK.goalRadius));
    let f = 0;
    let last = 0;
    for (let t = 0; t < H; t++) {
      const x = p[2 * t];
      if (x < FORK.forkX[0] || x >= FORK.forkX[1]) continue;
      const v = Math.sin(headings[i][t]);
      const sgn = v > 1e-3 ? 1 : v < -1e-3 ? -1 : 0;
      if (sgn !== 0 && last !== 0 && sgn !== last) f++;
      if (sgn !== 0) last = sgn;
    }
    flips.push(f);
  }
  return { paths, side, collided, success, flips };
}
