/**
 * `noise-injection` — two worlds + noise injection (SCIENCE-NOTES §3(b) Toy 3B, Zhang, Pfrommer, Pan, Matni &
 * Simchowitz 2025, "Intervention 2"; SCIENCE.md "Chapter: DAgger").
 *
 *   clean BC     as `two-worlds`: 20 clean demonstrations (identical in both worlds), one MLP, deployed in both.
 *   noisy BC     per world σ: 20 demonstrations of 50 steps, a fraction α clean, the rest executing
 *                π*(x) + σ_u·U[−1, 1]² with the clean label π*(x) recorded. The executed noise pushes z off 0, the
 *                labels there are −σk·z, so the data reveal σ and a network is trained **per world** (the notes).
 *   read β̂       ∂û_z/∂z at z = 0 (finite differences over p ∈ [−0.5, 0.5]), for every network.
 *   deploy       each network in its world(s) against the expert, same 100 starts and noise (10⁻³), H = 100.
 *   sweep        the same noisy training at one small noise level (0.01), world σ = +1 only (to keep the run short),
 *                so the figure shows β̂ moving onto −k as σ_u grows (measured, seeds 0–5: at 0.01 β̂ = −0.22 … −0.52,
 *                at 0.3 −0.50 … −0.55; at 0.003 it was barely identified, +0.07 … −0.49, but a fifth network per run
 *                did not fit the lab's time limit under load).
 *
 * Network and optimiser as `two-worlds` (2 → 32 → 32 → 2 tanh, Adam 3·10⁻³) but batch 128, 60 steps per network (four
 * networks per run, for the browser budget; at σ_u = 0.3 the noisy fits are within 10% of −σk by then, and clean
 * BC's β̂ is, as in `two-worlds`, whatever the initialisation makes of it).
 *
 * Result
 *   series   betaHat/plus, betaHat/minus: {x: σ_u, y: β̂ of the network trained in that world} (σ_u = 0 is clean BC,
 *            the same network in both worlds; world +1 also has the sweep levels); target/plus, target/minus: the
 *            expert's gain −σk at the same x; J/worst/clean, J/worst/noisy: {x: σ_u, y: worst-world J} at 0 and
 *            at the chosen σ_u (for a bar-like comparison)
 *   metrics  betaHat/clean, betaHat/plus, betaHat/minus (noisy, per world), target/plus (−k), target/minus (+k),
 *            relErr/plus, relErr/minus (|β̂ − (−σk)| / k), J/clean/plus, J/clean/minus, J/worst/clean,
 *            J/noisy/plus, J/noisy/minus, J/worst/noisy, rate/worst/clean (a + |β̂_clean|), demo/zSpread
 *            (rms z of the noisy world-+1 demonstrations), injectedNoise, cleanFraction
 *   extras   cloud: { clean: [p, z][], noisy: [p, z][] } — demonstration states of world +1 (subsampled), the line
 *            z = 0 of clean data against the band of noisy data; k, a, sweepLevels, horizon, nInitial, steps
 */
import { parseParams } from '../../lib/params';
import { makeRng, type Rng } from '../../lib/rng';
import { estimateBetaHat, type TwoWorldsPolicy } from '../envs/twoworlds';
import { EXPERT_GAIN, generateDemos, imitationGap, imitationGapBothWorlds, type TwoWorldsDemos } from '../experts/twoworlds';
import { forward } from '../policies/forward';
import { trainMlp, type MlpSpec } from '../policies/mlp';
import { noiseInjectionInfo } from './noise-injection.params';
import { progressReporter } from './progress';
import { defineExperiment, throwIfAborted, type Point, type Result } from './types';
import { square } from '../../lib/detmath';

const HORIZON = 100;
const N_INITIAL = 100;
const TEST_NOISE = 1e-3;
const TRAIN = { steps: 60, batchSize: 128, learningRate: 3e-3, optimizer: 'adam', lossEvery: 10 } as const;
const SPEC: MlpSpec = { inputDim: 2, hidden: [32, 32], outputDim: 2, head: 'regression', activation: 'tanh' };
/** Extra noise levels trained in world +1 for the β̂-vs-σ_u curve (besides 0 and the chosen σ_u). */
export const SWEEP_LEVELS = [0.01] as const;
/** Demonstration points per cloud in `extras.cloud`. */
const CLOUD_POINTS = 250;

function toPolicy(weights: Parameters<typeof forward>[0]): TwoWorldsPolicy {
  const out = new Float32Array(2);
  return (x) => forward(weights, x, out);
}

function cloud(demos: TwoWorldsDemos, noisyOnly: boolean): [number, number][] {
  const pts: [number, number][] = [];
  for (const tr of demos.trajectories) {
    if (noisyOnly && !tr.noisy) continue;
    for (let t = 0; t + 1 < tr.states.length / 2; t++) pts.push([tr.states[2 * t], tr.states[2 * t + 1]]);
  }
  const stride = Math.max(1, Math.ceil(pts.length / CLOUD_POINTS));
  return pts.filter((_, i) => i % stride === 0).map(([p, z]) => [+p.toFixed(4), +z.toFixed(4)]);
}

export const noiseInjectionExperiment = defineExperiment(noiseInjectionInfo, async (raw, { seed, signal, onProgress }) => {
  const p = parseParams(noiseInjectionInfo.params, raw).values;
  throwIfAborted(signal);
  const { a, noise: injectedNoise, cleanFraction } = p;
  const k = EXPERT_GAIN;
  const root = makeRng(seed);
  const report = progressReporter(onProgress);
  const sweep = SWEEP_LEVELS.filter((s) => Math.abs(s - injectedNoise) > 1e-9 && injectedNoise > 0);
  const nTrainings = 3 + sweep.length;
  let done = 0;
  const betaPlus: Point[] = [];
  const betaMinus: Point[] = [];
  const partial = (): Result => ({
    metrics: {},
    series: { 'betaHat/plus': [...betaPlus].sort((u, v) => u.x - v.x), 'betaHat/minus': [...betaMinus] },
  });

  const train = async (demos: TwoWorldsDemos, rng: Rng, label: string) => {
    const trained = await trainMlp(
      SPEC,
      { x: Float32Array.from(demos.states), y: Float32Array.from(demos.labels), n: demos.n },
      TRAIN,
      rng,
      {
        signal,
        onProgress: (tp) =>
          report((0.9 * (done + (tp.step + 1) / tp.steps)) / nTrainings, `${label}: step ${tp.step + 1}/${tp.steps}`, partial),
      },
    );
    done++;
    throwIfAborted(signal);
    return toPolicy(trained.weights);
  };
  const demoConfig = (sigma: number, noise: number) => ({ a, k, sigma, injectedNoise: noise, cleanFraction });

  // 1. Clean BC: one network on demonstrations the two worlds share.
  const cleanDemos = generateDemos(demoConfig(1, 0), root.stream('demos'));
  const clean = await train(cleanDemos, root.stream('train/clean'), 'clean BC');
  const betaClean = estimateBetaHat(clean);
  betaPlus.push({ x: 0, y: betaClean });
  betaMinus.push({ x: 0, y: betaClean });

  // 2. Noise-injected BC, trained separately in each world (the same starts and injected noise in both).
  const noisyDemos = {
    plus: generateDemos(demoConfig(1, injectedNoise), root.stream('demos')),
    minus: generateDemos(demoConfig(-1, injectedNoise), root.stream('demos')),
  };
  const noisyPlus = await train(noisyDemos.plus, root.stream('train/noisy'), 'noisy BC, world +1');
  const betaNoisyPlus = estimateBetaHat(noisyPlus);
  if (injectedNoise > 0) betaPlus.push({ x: injectedNoise, y: betaNoisyPlus });
  const noisyMinus = await train(noisyDemos.minus, root.stream('train/noisy'), 'noisy BC, world −1');
  const betaNoisyMinus = estimateBetaHat(noisyMinus);
  if (injectedNoise > 0) betaMinus.push({ x: injectedNoise, y: betaNoisyMinus });

  // 3. The β̂-vs-σ_u curve in world +1 at a few more noise levels.
  for (const level of sweep) {
    const demos = generateDemos(demoConfig(1, level), root.stream('demos'));
    const policy = await train(demos, root.stream('train/noisy'), `sweep σ_u = ${level}`);
    betaPlus.push({ x: level, y: estimateBetaHat(policy) });
  }
  betaPlus.sort((u, v) => u.x - v.x);

  // 4. Deployment: clean BC in both worlds; each noisy network in its own world. Same starts and noise throughout.
  report(0.92, 'deploying', partial, true);
  const evalConfig = { a, k, noiseStd: TEST_NOISE, horizon: HORIZON, nInitial: N_INITIAL };
  const cleanEval = imitationGapBothWorlds(clean, evalConfig, root.stream('deploy'));
  const noisyEvalPlus = imitationGap(noisyPlus, { ...evalConfig, sigma: 1 }, root.stream('deploy'));
  const noisyEvalMinus = imitationGap(noisyMinus, { ...evalConfig, sigma: -1 }, root.stream('deploy'));
  throwIfAborted(signal);
  const worstNoisy = Math.max(noisyEvalPlus.J, noisyEvalMinus.J);

  let zSq = 0;
  let zN = 0;
  for (const tr of noisyDemos.plus.trajectories) {
    if (!tr.noisy) continue;
    for (let t = 0; t < tr.states.length / 2; t++) {
      zSq += square(tr.states[2 * t + 1]);
      zN++;
    }
  }
  const xs = [...new Set([0, ...betaPlus.map((q) => q.x)])].sort((u, v) => u - v);
  const result: Result = {
    metrics: {
      'betaHat/clean': betaClean,
      'betaHat/plus': betaNoisyPlus,
      'betaHat/minus': betaNoisyMinus,
      'target/plus': -k,
      'target/minus': k,
      'relErr/plus': Math.abs(betaNoisyPlus + k) / k,
      'relErr/minus': Math.abs(betaNoisyMinus - k) / k,
      'J/clean/plus': cleanEval.plus.J,
      'J/clean/minus': cleanEval.minus.J,
      'J/worst/clean': cleanEval.worstJ,
      'J/noisy/plus': noisyEvalPlus.J,
      'J/noisy/minus': noisyEvalMinus.J,
      'J/worst/noisy': worstNoisy,
      'rate/worst/clean': a + Math.abs(betaClean),
      'demo/zSpread': zN > 0 ? Math.sqrt(zSq / zN) : 0,
      injectedNoise,
      cleanFraction,
    },
    series: {
      'betaHat/plus': betaPlus,
      'betaHat/minus': betaMinus,
      'target/plus': xs.map((x) => ({ x, y: -k })),
      'target/minus': xs.map((x) => ({ x, y: k })),
      'J/worst/clean': [{ x: 0, y: cleanEval.worstJ }],
      'J/worst/noisy': [{ x: injectedNoise, y: worstNoisy }],
    },
    extras: {
      cloud: { clean: cloud(cleanDemos, false), noisy: cloud(noisyDemos.plus, true) },
      k,
      a,
      sweepLevels: sweep,
      horizon: HORIZON,
      nInitial: N_INITIAL,
      steps: TRAIN.steps,
    },
  };
  report(1, 'done', () => result, true);
  return result;
});
