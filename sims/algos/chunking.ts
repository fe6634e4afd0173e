/**
 * Action chunking on the two-worlds system (SCIENCE-NOTES §4(b) Toy 4A; Zhang, Pfrommer, Pan, Matni & Simchowitz
 * 2025). A chunk map c: (p, z) → (u_0 … u_{ℓ−1}) ∈ ℝ^{2ℓ} and three ways to execute it:
 *
 *   open-loop   at t = kℓ predict ℓ actions from x_{kℓ} and play all of them (the paper's chunking policy);
 *   receding    predict a chunk at every step and play only its first action (Markov again);
 *   ensemble m  predict a chunk at every step; the action at t is the weighted mean of every stored chunk's entry
 *               for t, w_i ∝ exp(−m·i) with i = 0 the OLDEST prediction (ACT, Zhao et al. 2023, and its code).
 *
 * Pure numbers, no tfjs: the chunk map is any function of the state (the experiment passes forward.ts on exported
 * weights).
 */
import { powInt, powReal } from '../../lib/detmath';
import type { Rng } from '../../lib/rng';
import { pairedRollout, sampleProcessNoise, type TwoWorldsPolicy } from '../envs/twoworlds';
import { expertPolicy } from '../experts/twoworlds';

/** (p, z) → 2ℓ numbers [u_p0, u_z0, u_p1, u_z1, …]. */
export type ChunkMap = (obs: Float64Array) => ArrayLike<number>;

export type Execution = 'open-loop' | 'receding';

export interface ChunkExecution {
  chunk: number;
  execution: Execution;
  /** ACT temporal-ensembling m; 0 = off. When on, a chunk is predicted every step and the execution mode is moot. */
  ensemble: number;
}

/**
 * A fresh stateful policy for one episode: call it once per step, in order (pairedRollout does). Create a new one
 * per episode.
 */
export function chunkedPolicy(map: ChunkMap, c: ChunkExecution): TwoWorldsPolicy {
  const l = c.chunk;
  let t = 0;
  let current: Float64Array = new Float64Array(2 * l);
  /** For ensembling: the chunks predicted at the last ℓ steps, oldest first, with the step each was made at. */
  const history: { at: number; u: Float64Array }[] = [];
  const out = new Float64Array(2);
  return (obs) => {
    if (c.ensemble !== 0) {
      history.push({ at: t, u: Float64Array.from(map(obs)) });
      while (history.length > 0 && history[0].at <= t - l) history.shift();
      let wSum = 0;
      out[0] = out[1] = 0;
      history.forEach((h, i) => {
        const w = Math.exp(-c.ensemble * i);
        const j = t - h.at;
        out[0] += w * h.u[2 * j];
        out[1] += w * h.u[2 * j + 1];
        wSum += w;
      });
      out[0] /= wSum;
      out[1] /= wSum;
    } else if (c.execution === 'receding') {
      const u = map(obs);
      out[0] = u[0];
      out[1] = u[1];
    } else {
      const j = t % l;
      if (j === 0) current = Float64Array.from(map(obs));
      out[0] = current[2 * j];
      out[1] = current[2 * j + 1];
    }
    t++;
    return out;
  };
}

/** β̂_j = ∂ĉ_{z,j}/∂z at z = 0 for j = 0…ℓ−1 (central differences, averaged over p on [−0.5, 0.5], as two-worlds). */
export function chunkGains(map: ChunkMap, chunk: number, nP = 21, dz = 1e-3): Float64Array {
  const beta = new Float64Array(chunk);
  const obs = new Float64Array(2);
  for (let i = 0; i < nP; i++) {
    obs[0] = -0.5 + i / (nP - 1);
    obs[1] = dz;
    const up = Float64Array.from(map(obs));
    obs[1] = -dz;
    const down = map(obs);
    for (let j = 0; j < chunk; j++) beta[j] += (up[2 * j + 1] - down[2 * j + 1]) / (2 * dz * nP);
  }
  return beta;
}

/** M_σ = a^ℓ + σ Σ_j a^{ℓ−1−j} β̂_j: the linearised z-error map from one chunk boundary to the next (notes §4(a)). */
export function chunkMap(a: number, sigma: number, beta: ArrayLike<number>): number {
  const l = beta.length;
  let m = powInt(a, l);
  for (let j = 0; j < l; j++) m += sigma * powInt(a, l - 1 - j) * beta[j];
  return m;
}

/**
 * The linearised per-step growth rate of z-errors in world σ:
 *   open-loop  |M_σ|^{1/ℓ};
 *   receding   |a + σβ̂_0| (only the first action is ever played);
 *   ensemble   the growth of the linear delay recursion e_{t+1} = a·e_t + σ Σ_i w_i β̂_{j_i} e_{t−j_i}, measured by
 *              iterating it (geometric mean of the growth over the last 200 of 1200 steps, renormalised every step).
 */
export function linearRate(a: number, sigma: number, beta: ArrayLike<number>, c: ChunkExecution): number {
  const l = beta.length;
  if (c.ensemble === 0) {
    if (c.execution === 'receding') return Math.abs(a + sigma * beta[0]);
    return powReal(Math.abs(chunkMap(a, sigma, beta)), 1 / l);
  }
  const w = Array.from({ length: l }, (_, i) => Math.exp(-c.ensemble * i));
  // e holds e_{t}, e_{t−1}, …, e_{t−ℓ+1} (newest first).
  let e = new Float64Array(l);
  e[0] = 1;
  const steps = 1200;
  const tail = 200;
  let logGrowth = 0;
  for (let t = 0; t < steps; t++) {
    // Chunks alive at t were made at t − j, j = 0…min(t, ℓ−1); oldest first means i runs over j descending.
    const jMax = Math.min(t, l - 1);
    let fb = 0;
    let wSum = 0;
    for (let j = jMax, i = 0; j >= 0; j--, i++) {
      fb += w[i] * beta[j] * e[j];
      wSum += w[i];
    }
    const next = a * e[0] + (sigma * fb) / wSum;
    const shifted = new Float64Array(l);
    shifted[0] = next;
    for (let j = 1; j < l; j++) shifted[j] = e[j - 1];
    let norm = 0;
    for (let j = 0; j < l; j++) norm = Math.max(norm, Math.abs(shifted[j]));
    const prev = Math.max(...Array.from(e, Math.abs));
    if (t >= steps - tail) logGrowth += Math.log(norm / prev);
    e = shifted.map((v) => v / norm);
  }
  return Math.exp(logGrowth / tail);
}

export interface ChunkEval {
  J: number;
  medianDeviation: Float64Array;
}

/** J_imitation of the executed chunk map in world σ (fresh policy per start; same starts and noise for either σ). */
export function chunkImitationGap(
  map: ChunkMap,
  c: ChunkExecution,
  cfg: { a: number; sigma: number; k: number; noiseStd: number; horizon: number; nInitial: number },
  rng: Rng,
): ChunkEval {
  const starts = rng.stream('starts');
  const noiseRng = rng.stream('noise');
  const expert = expertPolicy(cfg.sigma, cfg.k);
  const dev: Float64Array[] = [];
  let J = 0;
  for (let i = 0; i < cfg.nInitial; i++) {
    const x0: [number, number] = [starts.range(-1, 1), 0];
    const noise = sampleProcessNoise(cfg.horizon, cfg.noiseStd, noiseRng);
    const r = pairedRollout(chunkedPolicy(map, c), expert, x0, noise, cfg.a, cfg.sigma);
    J += r.imitationCost / cfg.nInitial;
    dev.push(r.sqDeviation);
  }
  const med = new Float64Array(cfg.horizon + 1);
  const col = new Float64Array(cfg.nInitial);
  for (let t = 0; t <= cfg.horizon; t++) {
    for (let i = 0; i < cfg.nInitial; i++) col[i] = dev[i][t];
    col.sort();
    const m = cfg.nInitial >> 1;
    med[t] = Math.sqrt(cfg.nInitial % 2 ? col[m] : (col[m - 1] + col[m]) / 2);
  }
  return { J, medianDeviation: med };
}

/** Training pairs (x_t, u*_{t : t+ℓ−1}) for every t ≤ T − ℓ of every demonstration trajectory. */
export function chunkDataset(
  trajectories: readonly { states: Float64Array; labels: Float64Array }[],
  chunk: number,
): { x: Float32Array; y: Float32Array; n: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const tr of trajectories) {
    const T = tr.labels.length / 2;
    for (let t = 0; t + chunk <= T; t++) {
      xs.push(tr.states[2 * t], tr.states[2 * t + 1]);
      for (let j = 0; j < chunk; j++) ys.push(tr.labels[2 * (t + j)], tr.labels[2 * (t + j) + 1]);
    }
  }
  return { x: Float32Array.from(xs), y: Float32Array.from(ys), n: xs.length / 2 };
}
