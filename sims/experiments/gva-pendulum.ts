/**
 * `gva-pendulum` — Toy 5A: gradient variance amplification (GVA) in behavior cloning of an inverted pendulum, and its
 * cure by iterate averaging (SCIENCE-NOTES §5(b) Toy 5A; Block, Foster, Krishnamurthy, Simchowitz & Zhang 2024;
 * Block & Zhang 2025).
 *
 *   env        the linearised inverted pendulum (sims/envs/linearPendulum.ts), dt = 0.05, g/l = 10.
 *   expert     u = −K·x placing the closed-loop poles at (r, r − 0.01): stable but weakly damped
 *              (r = 0.97: K = (10.48, 1.40)).
 *   demos      50 trajectories × 100 steps from x₀ ~ U[−0.3, 0.3]²; the demonstrator executes and records
 *              u = −K·x + demoNoise·ξ, ξ ~ N(0, 1).
 *   learner    MLP 2 → 32 (tanh) → 1, squared loss, Adam (β = 0.9, 0.999) at a constant learning rate, minibatches
 *              drawn with replacement. At this size (129 parameters, batch 16) a step is a few thousand flops, and
 *              per-op dispatch would dominate any tensor library; so the network, its hand-written gradient and
 *              Adam are plain TypeScript on one flat Float64Array (W1 [32×2], b1 [32], W2 [32], b2) — no tfjs.
 *   averages   updated every step (sims/algos/averaging.ts): the chosen `scheme` (EMA γ started at the
 *              initialisation; zero-start debiased EMA γ; SWA = uniform average of the checkpoints from s₀ =
 *              trainSteps/4, the raw iterate before; BEMA; or none), BEMA with burn-in τ (paper defaults κ = 0.5,
 *              η = 0.2, ρ = 10), and a slow EMA 0.999 (zero start, debiased) for the lag.
 *   checkpoint every 25 steps: the training loss (mean over all 5000 demonstration pairs), and for the raw iterate,
 *              the average and BEMA: the return (deterministic, noise-free rollouts from 10 fixed starts
 *              U[−0.3, 0.3]², seed 123, return = −Σ_{t=1..H} min(θ_t², 1) averaged over the starts), the learned
 *              gain K̂ = −∂π̂/∂x at x = 0 (analytic Jacobian) and the closed-loop spectral radius of A − B·K̂.
 *              Rollouts stop early, counting 1 per remaining step, once |θ| ≥ max(1, U/10) with θ·ω ≥ 0, where U
 *              bounds |π̂| (Σ|W2| + |b2|): from there gravity beats any action the network can output, so the pole
 *              falls for good — exact, not an approximation.
 *   animation  per checkpoint, θ of one rollout from (0.2, 0) under the raw iterate and under the average, every
 *              3rd step of the first min(H, 180), clipped to ±π/2 (fallen) and rounded to 1/64 rad.
 * Progress streams every checkpoint (throttled to 100 ms; the first forced), so the panels fill left to right.
 *
 * Result
 *   series   loss/train; return/raw, return/ema (the chosen scheme's average), return/bema, return/emaSlow;
 *            radius/raw; gain/raw, gain/ema, gain/bema (k̂_θ): all {x: step, y} per checkpoint
 *   metrics  over the last min(60, all) checkpoints: loss/relStd (std/mean of the loss), return/<raw|ema|bema>/
 *            <mean|std>, return/raw/min, ratio/rawOverEmaStd, ratio/rawOverBemaStd, gain/<raw|ema|bema> (mean k̂_θ),
 *            gain/raw/std, gain/ema/std, gain/ema/omega, gain/bema/omega (mean k̂_ω), gain/bema/overshoot
 *            (gain/bema / gain/expert − 1), radius/raw/fractionAbove1; radius/raw/cliffMean and radius/raw/otherMean
 *            (mean radius at the checkpoints whose raw return is below 5× the expert's, and at the others;
 *            cliffs/count: how many; left out when either set is empty); return/raw/earlyMean and
 *            return/emaSlow/earlyMean (checkpoints at steps 125 … 600); return/expert, gain/expert,
 *            gain/expert/omega, radius/expert; compute/samples (batch × steps)
 *   trajectories  anim/raw, anim/ema: dims [checkpoints, frames], θ (rad)
 *   extras   GvaPendulumExtras
 */
import { tanh } from '../../lib/detmath';
import { makeRng, type Rng } from '../../lib/rng';
import { Bema, DebiasedEma, Ema, UniformAverage } from '../algos/averaging';
import { LP_DT, LP_G_OVER_L, closedLoopRadius, expertGain } from '../envs/linearPendulum';
import { gvaPendulumInfo, type GvaPendulumResult } from './gva-pendulum.params';
import { progressReporter } from './progress';
import { defineExperiment, throwIfAborted, type Point } from './types';

const HIDDEN = 32;
/** Flat parameter layout: W1 (HIDDEN×2, row j = unit j), b1, W2, b2. */
const W1 = 0;
const B1 = 2 * HIDDEN;
const W2 = 3 * HIDDEN;
const B2 = 4 * HIDDEN;
export const N_PARAMS = 4 * HIDDEN + 1;

const N_DEMOS = 50;
const DEMO_LENGTH = 100;
const START_RANGE = 0.3;
const CHECKPOINT_EVERY = 25;
const N_EVAL_STARTS = 10;
const EVAL_SEED = 123;
/** The metrics' window: the last 60 checkpoints (1500 steps at the defaults). */
const LAST = 60;
/** The early window of the lag metrics (steps). */
const EARLY_FROM = 125;
const EARLY_TO = 600;
const SLOW_EMA = 0.999;
/** A checkpoint is a "cliff" when its raw return is worse than this many times the expert's. */
const CLIFF_FACTOR = 5;
const ANIM_START: [number, number] = [0.2, 0];
const ANIM_STRIDE = 3;
/** The animation replays the first ANIM_STEPS steps (9 s) at most. */
const ANIM_STEPS = 180;
/** Animation angles are rounded to multiples of 1/ANIM_QUANTUM rad (0.9°): exact binary fractions keep the shipped
 * JSON short (a float32 such as 0.1953125 prints in a few characters, an arbitrary one in twenty). */
const ANIM_QUANTUM = 64;
const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

// ---------------------------------------------------------------------------------------------------------------
// The network: forward, analytic Jacobian at 0, a minibatch gradient
// ---------------------------------------------------------------------------------------------------------------

/** π̂(θ, ω) for the flat parameters p. */
export function policyAction(p: Float64Array, theta: number, omega: number): number {
  let y = p[B2];
  for (let j = 0; j < HIDDEN; j++) y += p[W2 + j] * tanh(p[W1 + 2 * j] * theta + p[W1 + 2 * j + 1] * omega + p[B1 + j]);
  return y;
}

/** The learned feedback gain K̂ = −∂π̂/∂x at x = 0 (so the expert's −Kx has gain K). */
export function learnedGain(p: Float64Array): [number, number] {
  let k0 = 0;
  let k1 = 0;
  for (let j = 0; j < HIDDEN; j++) {
    const h = tanh(p[B1 + j]);
    const s = p[W2 + j] * (1 - h * h);
    k0 -= s * p[W1 + 2 * j];
    k1 -= s * p[W1 + 2 * j + 1];
  }
  return [k0, k1];
}

function initParams(rng: Rng): Float64Array {
  const p = new Float64Array(N_PARAMS);
  const limit1 = Math.sqrt(6 / (2 + HIDDEN)); // Glorot uniform
  const limit2 = Math.sqrt(6 / (HIDDEN + 1));
  for (let i = 0; i < 2 * HIDDEN; i++) p[W1 + i] = rng.range(-limit1, limit1);
  for (let j = 0; j < HIDDEN; j++) p[W2 + j] = rng.range(-limit2, limit2);
  return p;
}

/** Mean squared error over the pairs `idx` (or all), and its gradient into `grad` when given. */
function lossAndGrad(
  p: Float64Array,
  xs: Float64Array,
  us: Float64Array,
  idx: Int32Array | null,
  grad: Float64Array | null,
): number {
  const n = idx ? idx.length : us.length;
  const hidden = new Float64Array(HIDDEN);
  if (grad) grad.fill(0);
  let loss = 0;
  for (let b = 0; b < n; b++) {
    const k = idx ? idx[b] : b;
    const th = xs[2 * k];
    const om = xs[2 * k + 1];
    let y = p[B2];
    for (let j = 0; j < HIDDEN; j++) {
      const h = tanh(p[W1 + 2 * j] * th + p[W1 + 2 * j + 1] * om + p[B1 + j]);
      hidden[j] = h;
      y += p[W2 + j] * h;
    }
    const r = y - us[k];
    loss += r * r;
    if (!grad) continue;
    const dy = (2 * r) / n;
    grad[B2] += dy;
    for (let j = 0; j < HIDDEN; j++) {
      const h = hidden[j];
      grad[W2 + j] += dy * h;
      const dz = dy * p[W2 + j] * (1 - h * h);
      grad[B1 + j] += dz;
      grad[W1 + 2 * j] += dz * th;
      grad[W1 + 2 * j + 1] += dz * om;
    }
  }
  return loss / n;
}

// ---------------------------------------------------------------------------------------------------------------
// Rollouts
// ---------------------------------------------------------------------------------------------------------------

/** A bound U ≥ |π̂(x)| for every x. */
function actionBound(p: Float64Array): number {
  let u = Math.abs(p[B2]);
  for (let j = 0; j < HIDDEN; j++) u += Math.abs(p[W2 + j]);
  return u;
}

/** −Σ_{t=1..H} min(θ_t², 1) from one start under π̂ (see the header for the exact early stop). */
function rolloutReturn(p: Float64Array, theta0: number, omega0: number, horizon: number, fallAt: number): number {
  let th = theta0;
  let om = omega0;
  let ret = 0;
  for (let t = 1; t <= horizon; t++) {
    const u = policyAction(p, th, om);
    const nth = th + LP_DT * om;
    om += LP_DT * (LP_G_OVER_L * th + u);
    th = nth;
    if (Math.abs(th) >= fallAt && th * om >= 0) return ret - (horizon - t + 1);
    ret -= Math.min(th * th, 1);
  }
  return ret;
}

function policyReturn(p: Float64Array, starts: Float64Array, horizon: number): number {
  const fallAt = Math.max(1, actionBound(p) / LP_G_OVER_L);
  let total = 0;
  for (let i = 0; i < N_EVAL_STARTS; i++) total += rolloutReturn(p, starts[2 * i], starts[2 * i + 1], horizon, fallAt);
  return total / N_EVAL_STARTS;
}

function expertReturn(K: [number, number], starts: Float64Array, horizon: number): number {
  let total = 0;
  for (let i = 0; i < N_EVAL_STARTS; i++) {
    let th = starts[2 * i];
    let om = starts[2 * i + 1];
    for (let t = 1; t <= horizon; t++) {
      const u = -K[0] * th - K[1] * om;
      const nth = th + LP_DT * om;
      om += LP_DT * (LP_G_OVER_L * th + u);
      th = nth;
      total -= Math.min(th * th, 1);
    }
  }
  return total / N_EVAL_STARTS;
}

/** θ every ANIM_STRIDE steps of one rollout from ANIM_START, clipped to ±π/2 (the pole lies on the ground). */
function animate(p: Float64Array, horizon: number, out: Float32Array, offset: number, frames: number): void {
  let [th, om] = ANIM_START;
  const limit = Math.PI / 2;
  for (let f = 0; f < frames; f++) {
    out[offset + f] = Math.round(Math.max(-limit, Math.min(limit, th)) * ANIM_QUANTUM) / ANIM_QUANTUM;
    for (let s = 0; s < ANIM_STRIDE && f * ANIM_STRIDE + s < horizon; s++) {
      if (Math.abs(th) >= limit) break;
      const u = policyAction(p, th, om);
      const nth = th + LP_DT * om;
      om += LP_DT * (LP_G_OVER_L * th + u);
      th = nth;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics over the tail
// ---------------------------------------------------------------------------------------------------------------

function meanOf(ys: readonly number[]): number {
  return ys.reduce((s, y) => s + y, 0) / Math.max(1, ys.length);
}
function stdOf(ys: readonly number[]): number {
  const m = meanOf(ys);
  return Math.sqrt(ys.reduce((s, y) => s + (y - m) * (y - m), 0) / Math.max(1, ys.length - 1));
}
const tail = (pts: readonly Point[]) => pts.slice(-LAST).map((q) => q.y);

// ---------------------------------------------------------------------------------------------------------------
// The experiment
// ---------------------------------------------------------------------------------------------------------------

export const gvaPendulumExperiment = defineExperiment(gvaPendulumInfo, async (params, { seed, signal, onProgress }) => {
  throwIfAborted(signal);
  const { ema: gamma, scheme, bemaBurnIn, batch, lr, poleRadius, horizon, demoNoise, trainSteps } = params;
  const report = progressReporter<GvaPendulumResult>(onProgress);
  const root = makeRng(seed);
  const K = expertGain(poleRadius, poleRadius - 0.01);

  // 1. Noisy demonstrations.
  const demoRng = root.stream('demos');
  const nPairs = N_DEMOS * DEMO_LENGTH;
  const xs = new Float64Array(2 * nPairs);
  const us = new Float64Array(nPairs);
  for (let d = 0, k = 0; d < N_DEMOS; d++) {
    let th = demoRng.range(-START_RANGE, START_RANGE);
    let om = demoRng.range(-START_RANGE, START_RANGE);
    for (let t = 0; t < DEMO_LENGTH; t++, k++) {
      const u = -K[0] * th - K[1] * om + demoNoise * demoRng.normal();
      xs[2 * k] = th;
      xs[2 * k + 1] = om;
      us[k] = u;
      const nth = th + LP_DT * om;
      om += LP_DT * (LP_G_OVER_L * th + u);
      th = nth;
    }
  }
  // The fixed evaluation starts (the same for every seed).
  const evalRng = makeRng(EVAL_SEED);
  const starts = new Float64Array(2 * N_EVAL_STARTS);
  for (let i = 0; i < 2 * N_EVAL_STARTS; i++) starts[i] = evalRng.range(-START_RANGE, START_RANGE);

  // 2. Learner, optimiser state and averages.
  const theta = initParams(root.stream('init'));
  const grad = new Float64Array(N_PARAMS);
  const m1 = new Float64Array(N_PARAMS);
  const m2 = new Float64Array(N_PARAMS);
  const batchRng = root.stream('batches');
  const idx = new Int32Array(batch);
  const swaStart = Math.round(trainSteps / 4 / CHECKPOINT_EVERY) * CHECKPOINT_EVERY;
  const ema = new Ema(N_PARAMS, gamma);
  ema.update(theta);
  const debiased = new DebiasedEma(N_PARAMS, gamma);
  const swa = new UniformAverage(N_PARAMS);
  const bema = new Bema(N_PARAMS, bemaBurnIn, theta);
  const slow = new DebiasedEma(N_PARAMS, SLOW_EMA);
  const averaged = (): Float64Array => {
    switch (scheme) {
      case 'ema':
        return ema.value;
      case 'ema-debiased':
        return debiased.value;
      case 'swa':
        return swa.count > 0 ? swa.value : theta;
      case 'bema':
        return bema.value;
      case 'none':
        return theta;
    }
  };

  const nCheckpoints = Math.floor(trainSteps / CHECKPOINT_EVERY);
  const animSteps = Math.min(horizon, ANIM_STEPS);
  const frames = Math.ceil(animSteps / ANIM_STRIDE) + 1;
  const animRaw = new Float32Array(nCheckpoints * frames);
  const animEma = new Float32Array(nCheckpoints * frames);
  const s = {
    loss: [] as Point[],
    retRaw: [] as Point[],
    retEma: [] as Point[],
    retBema: [] as Point[],
    retSlow: [] as Point[],
    radius: [] as Point[],
    gainRaw: [] as Point[],
    gainEma: [] as Point[],
    gainBema: [] as Point[],
  };
  const omegaGains = { ema: [] as number[], bema: [] as number[] };
  const seriesOf = () => ({
    'loss/train': s.loss,
    'return/raw': s.retRaw,
    'return/ema': s.retEma,
    'return/bema': s.retBema,
    'return/emaSlow': s.retSlow,
    'radius/raw': s.radius,
    'gain/raw': s.gainRaw,
    'gain/ema': s.gainEma,
    'gain/bema': s.gainBema,
  });

  // 3. Train, evaluating every checkpoint.
  let c = 0;
  let beta1Pow = 1;
  let beta2Pow = 1;
  for (let step = 1; step <= trainSteps; step++) {
    for (let b = 0; b < batch; b++) idx[b] = batchRng.int(nPairs);
    lossAndGrad(theta, xs, us, idx, grad);
    beta1Pow *= ADAM.beta1;
    beta2Pow *= ADAM.beta2;
    const bc1 = 1 - beta1Pow;
    const bc2 = 1 - beta2Pow;
    for (let i = 0; i < N_PARAMS; i++) {
      const g = grad[i];
      m1[i] = ADAM.beta1 * m1[i] + (1 - ADAM.beta1) * g;
      m2[i] = ADAM.beta2 * m2[i] + (1 - ADAM.beta2) * g * g;
      theta[i] -= (lr * (m1[i] / bc1)) / (Math.sqrt(m2[i] / bc2) + ADAM.epsilon);
    }
    ema.update(theta);
    debiased.update(theta);
    bema.update(theta, step);
    slow.update(theta);
    if (step % CHECKPOINT_EVERY !== 0) continue;

    if (step >= swaStart) swa.update(theta);
    const avg = averaged();
    const x = step;
    s.loss.push({ x, y: lossAndGrad(theta, xs, us, null, null) });
    s.retRaw.push({ x, y: policyReturn(theta, starts, horizon) });
    s.retEma.push({ x, y: policyReturn(avg, starts, horizon) });
    s.retBema.push({ x, y: policyReturn(bema.value, starts, horizon) });
    s.retSlow.push({ x, y: policyReturn(slow.value, starts, horizon) });
    const kRaw = learnedGain(theta);
    const kEma = learnedGain(avg);
    const kBema = learnedGain(bema.value);
    s.radius.push({ x, y: closedLoopRadius(kRaw[0], kRaw[1]) });
    s.gainRaw.push({ x, y: kRaw[0] });
    s.gainEma.push({ x, y: kEma[0] });
    s.gainBema.push({ x, y: kBema[0] });
    omegaGains.ema.push(kEma[1]);
    omegaGains.bema.push(kBema[1]);
    animate(theta, animSteps, animRaw, c * frames, frames);
    animate(avg, animSteps, animEma, c * frames, frames);
    c++;
    throwIfAborted(signal);
    report(step / trainSteps, `step ${step}/${trainSteps}`, () => ({ metrics: {}, series: { ...seriesOf() } }), c === 1);
    // Yield to the event loop now and then so an abort can arrive.
    if (c % 8 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
  }

  // 4. Metrics over the last checkpoints.
  const early = (pts: Point[]) => meanOf(pts.filter((q) => q.x >= EARLY_FROM && q.x <= EARLY_TO).map((q) => q.y));
  const lossTail = tail(s.loss);
  const rawTail = tail(s.retRaw);
  const emaTail = tail(s.retEma);
  const bemaTail = tail(s.retBema);
  const gainBema = meanOf(tail(s.gainBema));
  // Cliffs: checkpoints of the last 60 whose raw return is below CLIFF_FACTOR × the expert's (negative) return.
  const expertRet = expertReturn(K, starts, horizon);
  const radiusTail = tail(s.radius);
  const isCliff = rawTail.map((y) => y < CLIFF_FACTOR * expertRet);
  const cliffRadii = radiusTail.filter((_, i) => isCliff[i]);
  const otherRadii = radiusTail.filter((_, i) => !isCliff[i]);
  const cliffMetrics =
    cliffRadii.length > 0 && otherRadii.length > 0
      ? {
          'radius/raw/cliffMean': meanOf(cliffRadii),
          'radius/raw/otherMean': meanOf(otherRadii),
          'cliffs/count': cliffRadii.length,
        }
      : {};
  const result: GvaPendulumResult = {
    metrics: {
      'loss/relStd': stdOf(lossTail) / meanOf(lossTail),
      'return/raw/std': stdOf(rawTail),
      'return/raw/mean': meanOf(rawTail),
      'return/raw/min': Math.min(...rawTail),
      'return/ema/std': stdOf(emaTail),
      'return/ema/mean': meanOf(emaTail),
      'return/bema/std': stdOf(bemaTail),
      'return/bema/mean': meanOf(bemaTail),
      'return/expert': expertRet,
      'return/raw/earlyMean': early(s.retRaw),
      'return/emaSlow/earlyMean': early(s.retSlow),
      'ratio/rawOverEmaStd': stdOf(rawTail) / stdOf(emaTail),
      'ratio/rawOverBemaStd': stdOf(rawTail) / stdOf(bemaTail),
      'gain/expert': K[0],
      'gain/expert/omega': K[1],
      'gain/raw': meanOf(tail(s.gainRaw)),
      'gain/raw/std': stdOf(tail(s.gainRaw)),
      'gain/ema': meanOf(tail(s.gainEma)),
      'gain/ema/std': stdOf(tail(s.gainEma)),
      'gain/ema/omega': meanOf(omegaGains.ema.slice(-LAST)),
      'gain/bema': gainBema,
      'gain/bema/omega': meanOf(omegaGains.bema.slice(-LAST)),
      'gain/bema/overshoot': gainBema / K[0] - 1,
      'radius/expert': closedLoopRadius(K[0], K[1]),
      'radius/raw/fractionAbove1': tail(s.radius).filter((r) => r > 1).length / Math.max(1, tail(s.radius).length),
      'compute/samples': batch * trainSteps,
      ...cliffMetrics,
    },
    series: seriesOf(),
    trajectories: {
      'anim/raw': { data: animRaw, dims: [nCheckpoints, frames], labels: ['θ (rad)'] },
      'anim/ema': { data: animEma, dims: [nCheckpoints, frames], labels: ['θ (rad)'] },
    },
    extras: {
      checkpointEvery: CHECKPOINT_EVERY,
      expertGain: K,
      horizon,
      animStart: ANIM_START,
      animStride: ANIM_STRIDE,
      swaStart,
    },
  };
  report(1, 'done', () => result, true);
  return result;
});
