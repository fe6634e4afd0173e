/**
 * `fork-in-the-road` — multimodal demonstrations, and why the loss must model every mode (SCIENCE-NOTES §4(b) Toy 4B;
 * issue #12). Environment, expert, samplers and rollouts in sims/algos/fork.ts.
 *
 *   demonstrate  200 expert episodes, each passing on the left with probability pLeft (else on the right).
 *   learn        an MLP with ReLU, 64 → 64 hidden units, Adam lr 2·10⁻³, `trainSteps` updates:
 *                  mse   s → (cos θ, sin θ) for each of ℓ headings, squared loss, batch 256; heading = atan2;
 *                  bins  s → K logits, cross-entropy on the heading's bin, batch 256; sampled at execution;
 *                  ddpm  (s, a_k, [k/K, sin πk/K, cos πk/K]) → ε̂, cosine schedule with K = diffusionSteps, batch
 *                        128; ancestral sampling with the predicted a_0 clipped to [−3, 3];
 *                  flow  (s, (1−τ)ε + τa, [τ, sin πτ, cos πτ]) → a − ε, batch 128; Euler with diffusionSteps steps.
 *                The denoisers train on a fixed set of 8 noise draws per (state, heading) pair (so the ordinary MLP
 *                trainer fits them); a is the heading in radians (ℓ of them when chunked).
 *   deploy       200 rollouts of H = 30 steps (the first 50 drawn); a chunk of ℓ headings is played open loop.
 *   probe        500 samples of the first heading at s = (0.6, 0), just past the fork.
 *
 * Result
 *   metrics  collision, success (fractions of the 200 rollouts), flips (mean sign changes of the vertical direction
 *            per rollout while 0.45 ≤ x < 0.95), probe/far (share of probe samples with |θ| > 25°), probe/left
 *            (θ > 25°), probe/right (θ < −25°), probe/straight (|θ| < 10°), probe/mean (degrees), loss/final, seeds;
 *            denoise/left, denoise/right (ddpm, flow: shares of the denoising view's samples beyond ±25°, first seed).
 *            With seeds > 1: means over seeds.
 *   series   probe/histogram ({x: bin centre in degrees, y: share}, 5° bins over ±90°, first seed); loss/train
 *   extras   rollouts, demos (40), obstacle, goal, probe, probeSamples, learner, chunk, trainSteps; denoise (ddpm, flow)
 */
import { makeRng, type Rng } from '../../lib/rng';
import {
  binsPolicy,
  cosineSchedule,
  FORK,
  forkDemos,
  forkPairs,
  forkRollouts,
  generativeDataset,
  generativePolicy,
  headingBin,
  msePolicy,
  sampleGenerative,
  timeFeatures,
  type ForkPolicy,
} from '../algos/fork';
import { forwardBatch } from '../policies/forward';
import { trainMlp, type MlpSpec, type MlpWeights } from '../policies/mlp';
import { FORK_PREVIEW, forkInTheRoadInfo, type ForkExtras, type ForkResult } from './fork-in-the-road.params';
import { progressReporter } from './progress';
import { defineExperiment, throwIfAborted, type PartialResult, type Point } from './types';

const N_DEMOS = 200;
const N_EVAL = 200;
const N_DRAWN = 50;
const N_PROBE = 500;
const N_DENOISE = 64;
const COPIES = 8;
export const PROBE = { x: 0.6, y: 0 } as const;

const DEG = 180 / Math.PI;

type Learner = ForkExtras['learner'];

async function train(
  learner: Learner,
  p: { bins: number; diffusionSteps: number; chunk: number; pLeft: number; trainSteps: number },
  rng: Rng,
  signal: AbortSignal | undefined,
  onStep: (step: number, steps: number, loss: number) => void,
  onPolicy?: (step: number, policy: ForkPolicy, chunk: number) => void,
): Promise<{ weights: MlpWeights; losses: { step: number; loss: number }[]; policy: ForkPolicy; chunk: number }> {
  const chunk = learner === 'bins' ? 1 : p.chunk;
  const demos = forkDemos(N_DEMOS, p.pLeft, rng.stream('demos'));
  const pairs = forkPairs(demos, chunk);
  const hidden = [64, 64];
  const policyOf = (w: MlpWeights): ForkPolicy =>
    learner === 'mse'
      ? msePolicy(w, chunk)
      : learner === 'bins'
        ? binsPolicy(w, p.bins)
        : generativePolicy(learner, w, chunk, p.diffusionSteps);
  const opts = {
    signal,
    onProgress: (tp: { step: number; steps: number; loss: number }) => onStep(tp.step, tp.steps, tp.loss),
    ...(onPolicy
      ? {
          checkpointEvery: FORK_PREVIEW.every,
          onCheckpoint: (c: { step: number; weights: MlpWeights }) => onPolicy(c.step, policyOf(c.weights), chunk),
        }
      : {}),
  };
  const cfg = { steps: p.trainSteps, learningRate: 2e-3, optimizer: 'adam' as const, lossEvery: 20 };
  if (learner === 'mse') {
    const y = new Float32Array(2 * chunk * pairs.n);
    for (let i = 0; i < chunk * pairs.n; i++) {
      y[2 * i] = Math.cos(pairs.theta[i]);
      y[2 * i + 1] = Math.sin(pairs.theta[i]);
    }
    const spec: MlpSpec = { inputDim: 2, hidden, outputDim: 2 * chunk, head: 'regression', activation: 'relu' };
    const t = await trainMlp(spec, { x: pairs.s, y, n: pairs.n }, { ...cfg, batchSize: 256 }, rng.stream('train'), opts);
    return { ...t, policy: policyOf(t.weights), chunk };
  }
  if (learner === 'bins') {
    const y = new Int32Array(pairs.n);
    for (let i = 0; i < pairs.n; i++) y[i] = headingBin(pairs.theta[i], p.bins);
    const spec: MlpSpec = { inputDim: 2, hidden, outputDim: p.bins, head: 'categorical', activation: 'relu' };
    const t = await trainMlp(spec, { x: pairs.s, y, n: pairs.n }, { ...cfg, batchSize: 256 }, rng.stream('train'), opts);
    return { ...t, policy: policyOf(t.weights), chunk };
  }
  const data = generativeDataset(learner, pairs, chunk, p.diffusionSteps, COPIES, rng.stream('noise'));
  const spec: MlpSpec = { inputDim: 2 + chunk + 3, hidden, outputDim: chunk, head: 'regression', activation: 'relu' };
  const t = await trainMlp(spec, data, { ...cfg, batchSize: 128 }, rng.stream('train'), opts);
  return { ...t, policy: policyOf(t.weights), chunk };
}

const drawing = (path: Float32Array | Float64Array, side: number, collided: boolean) => ({
  path: Array.from(path, (v) => Math.round(v * 1e4) / 1e4),
  side,
  collided,
});

/** The denoising view at the probe: sample paths through the reverse steps, and the learned field. */
function denoiseView(
  kind: 'ddpm' | 'flow',
  weights: MlpWeights,
  chunk: number,
  steps: number,
  at: { x: number; y: number },
  rng: Rng,
) {
  const states = new Float32Array(2 * N_DENOISE);
  for (let i = 0; i < N_DENOISE; i++) {
    states[2 * i] = at.x;
    states[2 * i + 1] = at.y;
  }
  const { path } = sampleGenerative(kind, weights, states, N_DENOISE, chunk, steps, rng, true);
  const rows = path.map((x) => Array.from({ length: N_DENOISE }, (_, i) => Math.round(x[i * chunk] * DEG * 10) / 10));
  // The field: at 8 noise levels and headings −90°…90°, the push on the first heading.
  const nLevels = 8;
  const grid = Array.from({ length: 13 }, (_, i) => -90 + 15 * i);
  const abar = cosineSchedule(steps);
  const width = 2 + chunk + 3;
  const levels: number[] = [];
  const push: number[][] = [];
  for (let l = 0; l < nLevels; l++) {
    // Row 0 is the noisiest.
    const frac = 1 - l / nLevels;
    const k = Math.max(1, Math.round(frac * steps));
    const tau = kind === 'ddpm' ? k / steps : 1 - frac;
    levels.push(Math.round(frac * 100) / 100);
    const input = new Float32Array(grid.length * width);
    grid.forEach((g, r) => {
      input[r * width] = at.x;
      input[r * width + 1] = at.y;
      for (let j = 0; j < chunk; j++) input[r * width + 2 + j] = g / DEG;
      const f = timeFeatures(tau);
      input[r * width + 2 + chunk] = f[0];
      input[r * width + 3 + chunk] = f[1];
      input[r * width + 4 + chunk] = f[2];
    });
    const out = forwardBatch(weights, input, grid.length);
    push.push(
      grid.map((_, r) => {
        const v = kind === 'ddpm' ? -out[r * chunk] / Math.sqrt(1 - abar[k]) : out[r * chunk];
        return Math.round(v * DEG * 10) / 10;
      }),
    );
  }
  return { path: rows, field: { levels, grid, push } };
}

const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;

/** `n` samples of the first heading (degrees) at the probe state. */
function probeHeadings(policy: ForkPolicy, chunk: number, n: number, rng: Rng): number[] {
  const states = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    states[2 * i] = PROBE.x;
    states[2 * i + 1] = PROBE.y;
  }
  const th = policy(states, n, rng);
  return Array.from({ length: n }, (_, i) => th[i * chunk] * DEG);
}

/** The probe metrics of headings `deg`: shares beyond ±25° (and on each side), within 10°, and the mean. */
function probeMetrics(deg: readonly number[]) {
  return {
    far: mean(deg.map((d) => Number(Math.abs(d) > 25))),
    left: mean(deg.map((d) => Number(d > 25))),
    right: mean(deg.map((d) => Number(d < -25))),
    straight: mean(deg.map((d) => Number(Math.abs(d) < 10))),
    mean: mean(deg),
  };
}

/** The probe histogram: shares in 5° bins over ±90°. */
function histogramOf(deg: readonly number[]): Point[] {
  const out: Point[] = [];
  for (let b = -90; b < 90; b += 5) out.push({ x: b + 2.5, y: deg.filter((d) => d >= b && d < b + 5).length / deg.length });
  return out;
}

export const forkInTheRoadExperiment = defineExperiment(forkInTheRoadInfo, async (p, { seed, signal, onProgress }) => {
  const learner = p.learner as Learner;
  const report = progressReporter<ForkResult>(onProgress);
  const sums = { collision: 0, success: 0, flips: 0, far: 0, left: 0, right: 0, straight: 0, mean: 0, loss: 0 };
  let first: Omit<ForkResult, 'metrics'> | undefined;
  const losses: Point[] = [];

  for (let s = 0; s < p.seeds; s++) {
    const root = makeRng(seed + s);
    // What the arena draws besides the rollouts: the same in the previews and in the result.
    const scene = () => ({
      demos: forkDemos(N_DEMOS, p.pLeft, root.stream('demos')).trajectories.slice(0, 40).map((tr) => drawing(tr.states, tr.side, false)),
      obstacle: { ...FORK.obstacle },
      goal: { ...FORK.goal, r: FORK.goalRadius },
      probe: { ...PROBE },
      denoiseProbe: { x: p.probeX, y: p.probeY },
    });
    // The first seed's training streams a preview: a few rollouts and probe samples of the network so far.
    // The latest preview goes out with every later progress report too, so the figure keeps drawing it.
    let shown: PartialResult<ForkResult> | null = null;
    let preview: ((step: number, policy: ForkPolicy, chunk: number) => void) | undefined;
    if (s === 0 && onProgress) {
      const arena = scene();
      preview = (step, policy, chunk) => {
        const ro = forkRollouts(policy, chunk, FORK_PREVIEW.rollouts, root.stream('preview/rollouts'));
        const deg = probeHeadings(policy, chunk, FORK_PREVIEW.probe, root.stream('preview/probe'));
        const pm = probeMetrics(deg);
        shown = {
          metrics: {
            collision: mean(ro.collided.map(Number)),
            success: mean(ro.success.map(Number)),
            flips: mean(ro.flips),
            'probe/far': pm.far,
            'probe/left': pm.left,
            'probe/right': pm.right,
            'probe/straight': pm.straight,
            'probe/mean': pm.mean,
          },
          series: { 'probe/histogram': histogramOf(deg), 'loss/train': [...losses] },
          extras: {
            rollouts: ro.paths.map((path, i) => drawing(path, ro.side[i], ro.collided[i])),
            ...arena,
            probeSamples: [],
            learner,
            chunk,
            trainSteps: step,
          },
        };
        const partial = shown;
        report((0.9 * step) / p.trainSteps / p.seeds, `training step ${step}/${p.trainSteps}: previewing`, () => partial, true);
      };
    }
    const trained = await train(
      learner,
      p,
      root,
      signal,
      (step, steps, loss) => {
        if (s === 0) losses.push({ x: step, y: loss });
        report(((s + (0.9 * (step + 1)) / steps) / p.seeds), `seed ${s + 1}/${p.seeds}: training step ${step + 1}/${steps}`, () =>
          shown
            ? { ...shown, series: { ...shown.series, 'loss/train': [...losses] } }
            : { metrics: {}, series: { 'loss/train': [...losses] } },
        );
      },
      preview,
    );
    throwIfAborted(signal);
    report((s + 0.92) / p.seeds, `seed ${s + 1}/${p.seeds}: rollouts`, undefined, true);
    const ro = forkRollouts(trained.policy, trained.chunk, N_EVAL, root.stream('rollouts'));
    sums.collision += mean(ro.collided.map(Number));
    sums.success += mean(ro.success.map(Number));
    sums.flips += mean(ro.flips);
    const deg = probeHeadings(trained.policy, trained.chunk, N_PROBE, root.stream('probe'));
    const pm = probeMetrics(deg);
    sums.far += pm.far;
    sums.left += pm.left;
    sums.right += pm.right;
    sums.straight += pm.straight;
    sums.mean += pm.mean;
    sums.loss += trained.losses[trained.losses.length - 1]?.loss ?? NaN;
    if (s === 0) {
      const gen = learner === 'ddpm' || learner === 'flow';
      first = {
        series: { 'probe/histogram': histogramOf(deg), 'loss/train': trained.losses.map((l) => ({ x: l.step, y: l.loss })) },
        extras: {
          rollouts: ro.paths.slice(0, N_DRAWN).map((path, i) => drawing(path, ro.side[i], ro.collided[i])),
          ...scene(),
          probeSamples: deg.slice(0, 200).map((d) => Math.round(d * 10) / 10),
          learner,
          chunk: trained.chunk,
          trainSteps: p.trainSteps,
          ...(gen
            ? { denoise: denoiseView(learner, trained.weights, trained.chunk, p.diffusionSteps, { x: p.probeX, y: p.probeY }, root.stream('denoise')) }
            : {}),
        },
      };
    }
  }
  if (!first) throw new Error('fork-in-the-road: no seeds ran');
  const n = p.seeds;
  const last = first.extras.denoise?.path.at(-1);
  const result: ForkResult = {
    metrics: {
      ...(last
        ? {
            'denoise/left': last.filter((v) => v > 25).length / last.length,
            'denoise/right': last.filter((v) => v < -25).length / last.length,
          }
        : {}),
      collision: sums.collision / n,
      success: sums.success / n,
      flips: sums.flips / n,
      'probe/far': sums.far / n,
      'probe/left': sums.left / n,
      'probe/right': sums.right / n,
      'probe/straight': sums.straight / n,
      'probe/mean': sums.mean / n,
      'loss/final': sums.loss / n,
      seeds: n,
    },
    ...first,
  };
  report(1, 'done', () => result, true);
  return result;
});
