/**
 * `two-worlds` — exponential compounding with continuous actions (SCIENCE-NOTES §2(b) Toy 2C, the mechanism of
 * Simchowitz, Pfrommer & Jadbabaie 2025; SCIENCE.md "Chapter: Compounding error").
 *
 *   demonstrate  20 clean expert trajectories of 50 steps from (p₀, 0). z and u_z stay exactly 0 along them, so
 *                they are the same numbers in world σ = +1 and world σ = −1 (checked: `demo/identical`).
 *   learn        one MLP 2 → width → width → 2 (tanh), squared loss, Adam (lr 3·10⁻³, batch 256, the notes'
 *                settings) — trained once, on those demonstrations.
 *   read β̂       the extrapolated gain ∂û_z/∂z at z = 0 (finite differences, averaged over p ∈ [−0.5, 0.5]).
 *                The data say nothing about it: no gradient ever reaches the weights fed by z (z = 0 in every
 *                example), so β̂ is whatever the initialisation and the rest of the network make of it.
 *   deploy       the same network in both worlds, against each world's expert from the same 100 starts under the
 *                same test-time noise: in world σ, z-errors grow like |a + σβ̂|^t; the worse world has a + |β̂|.
 *
 * The notes train 1500 steps; here 150 (the browser budget). The fit on the demonstrations is already ≈ 2·10⁻⁷
 * mean squared error at the defaults, and β̂ barely depends on the budget, since nothing in the data moves it.
 *
 * Result
 *   series   deviation/plus, deviation/minus: {x: t, y: median over starts of ‖x̂_t − x*_t‖} (t = 1 … 100; for a
 *            semilog plot); theory/plus, theory/minus: the root-mean-square deviation of a *linear* learner with the
 *            same β̂ and a perfect fit elsewhere (closed form, sims/envs/twoworlds.ts); loss/train: {x: step, y: MSE}
 *   metrics  betaHat; rate/plus = |a + β̂|, rate/minus = |a − β̂|, rate/worst; J/plus, J/minus, J/worst (mean
 *            J_imitation = Σ_t min{1, ‖x̂_t − x*_t‖²} over 100 starts, H = 100); worstSigma (+1 or −1);
 *            band/halfWidth (1 − a: stable in both worlds iff |β̂| < 1 − a); stable/bothWorlds (1 or 0);
 *            rate/fitted (exp of the fitted slope of log deviation in the worse world while it grows; omitted when
 *            it does not); fit/mse (on the demonstrations, per action component), fit/rmse (its square root), loss/final, demo/identical (1 when both worlds' demonstrations agree)
 *   extras   numberLine: { betaHat, a, k, bandHalfWidth, expertGains: { plus: −k, minus: +k }, stable: { plus:
 *            [lo, hi], minus: [lo, hi] } (the β̂ for which each world is stable), rates, worstSigma }; horizon,
 *            nInitial, steps
 */
import { makeRng } from '../../lib/rng';
import { linearFit } from '../../lib/stats';
import {
  estimateBetaHat,
  linearDeviationCurve,
  stabilityBandHalfWidth,
  worldRate,
  worstWorldRate,
  type TwoWorldsPolicy,
} from '../envs/twoworlds';
import { generateDemos, imitationGapBothWorlds } from '../experts/twoworlds';
import { forward } from '../policies/forward';
import { trainMlp, type MlpSpec } from '../policies/mlp';
import { progressReporter } from './progress';
import { twoWorldsInfo, type TwoWorldsResult } from './two-worlds.params';
import { defineExperiment, throwIfAborted, type PartialResult, type Point } from './types';
import { square } from '../../lib/detmath';

/** Deployment horizon and number of starts (notes: H = 100, 100 initial states). */
const HORIZON = 100;
const N_INITIAL = 100;
/** Training budget: the notes' optimiser and batch, 150 of their 1500 steps (see the doc block). */
const TRAIN = { steps: 150, batchSize: 256, learningRate: 3e-3, optimizer: 'adam', lossEvery: 5 } as const;
/** The weight-decay slider is in millionths (see two-worlds.params.ts). */
const WEIGHT_DECAY_UNIT = 1e-6;
/** The exponential phase ends where the deviation reaches this size (the cost saturates at 1 per step). */
const GROWTH_CEILING = 0.3;
/** …and counts as exponential growth only if it rises at least this many times over (a stable world's deviation
 * also rises at first, while the noise accumulates, but levels off within a factor of a few). */
const MIN_GROWTH = 10;

/**
 * The per-step growth rate read off a deviation curve: exp of the least-squares slope of log d_t over the growing
 * phase — from the curve's lowest point after t = 1 up to where it first reaches GROWTH_CEILING — when that phase
 * spans at least 10 steps and the curve grows MIN_GROWTH-fold across it; NaN otherwise (no exponential growth to fit).
 */
export function fittedGrowthRate(deviation: readonly Point[]): number {
  const ok = deviation.filter((d) => d.y > 0 && Number.isFinite(d.y));
  if (ok.length < 10) return NaN;
  let end = ok.findIndex((d) => d.y >= GROWTH_CEILING);
  if (end < 0) end = ok.length - 1;
  let start = 0;
  for (let i = 1; i <= end; i++) if (ok[i].y < ok[start].y) start = i;
  const span = ok.slice(start, end + 1);
  if (span.length < 10 || span[span.length - 1].y < MIN_GROWTH * span[0].y) return NaN;
  const fit = linearFit(
    span.map((d) => d.x),
    span.map((d) => Math.log(d.y)),
  );
  return Math.exp(fit.slope);
}

function finitePoints(values: ArrayLike<number>, from = 1): Point[] {
  const out: Point[] = [];
  for (let t = from; t < values.length; t++) if (Number.isFinite(values[t])) out.push({ x: t, y: values[t] });
  return out;
}

/** The optional metrics that are defined. (A NaN in a required one stays: the worker reports the run as diverged.) */
function definedOnly<K extends string>(metrics: Record<K, number>): Partial<Record<K, number>> {
  return Object.fromEntries(Object.entries<number>(metrics).filter(([, v]) => Number.isFinite(v))) as Partial<
    Record<K, number>
  >;
}

export const twoWorldsExperiment = defineExperiment(twoWorldsInfo, async (p, { seed, signal, onProgress }) => {
  const { a, k, noiseStd, width } = p;
  const root = makeRng(seed);
  const report = progressReporter<TwoWorldsResult>(onProgress);
  const losses: Point[] = [];
  const partial = (): PartialResult<TwoWorldsResult> => ({ metrics: {}, series: { 'loss/train': [...losses] } });

  // 1. Clean demonstrations. They do not depend on the world: generated in both, they are the same numbers.
  const demos = generateDemos({ a, k, sigma: 1 }, root.stream('demos'));
  const demosMinus = generateDemos({ a, k, sigma: -1 }, root.stream('demos'));
  const identical =
    demos.states.every((v, i) => v === demosMinus.states[i]) &&
    demos.labels.every((v, i) => v === demosMinus.labels[i]);

  // 2. One network, trained once on them.
  const spec: MlpSpec = { inputDim: 2, hidden: [width, width], outputDim: 2, head: 'regression', activation: 'tanh' };
  const trained = await trainMlp(
    spec,
    { x: Float32Array.from(demos.states), y: Float32Array.from(demos.labels), n: demos.n },
    { ...TRAIN, weightDecay: p.weightDecay * WEIGHT_DECAY_UNIT },
    root.stream('train'),
    {
      signal,
      onProgress: (tp) => {
        losses.push({ x: tp.step, y: tp.loss });
        report((0.85 * (tp.step + 1)) / tp.steps, `training: step ${tp.step + 1}/${tp.steps}`, partial);
      },
    },
  );
  throwIfAborted(signal);
  const out = new Float32Array(2);
  const policy: TwoWorldsPolicy = (x) => forward(trained.weights, x, out);
  let sq = 0;
  for (let i = 0; i < demos.n; i++) {
    const u = policy(demos.states.subarray(2 * i, 2 * i + 2));
    sq += square(u[0] - demos.labels[2 * i]) + square(u[1] - demos.labels[2 * i + 1]);
  }
  const fitMse = sq / (2 * demos.n);

  // 3. Its extrapolated gain, and what that gain does in each world.
  const betaHat = estimateBetaHat(policy);
  const ratePlus = worldRate(a, 1, betaHat);
  const rateMinus = worldRate(a, -1, betaHat);
  const band = stabilityBandHalfWidth(a);

  // 4. Deploy in both worlds: same starts, same noise, each against its own expert.
  report(0.9, 'deploying in both worlds', partial, true);
  const evaluation = imitationGapBothWorlds(
    policy,
    { a, k, noiseStd, horizon: HORIZON, nInitial: N_INITIAL },
    root.stream('deploy'),
  );
  throwIfAborted(signal);
  const deviationPlus = finitePoints(evaluation.plus.medianDeviation);
  const deviationMinus = finitePoints(evaluation.minus.medianDeviation);
  const worst = evaluation.worstSigma === 1 ? deviationPlus : deviationMinus;
  const linear = (sigma: number) => finitePoints(linearDeviationCurve(HORIZON, { a, sigma, betaHat, k, noiseStd }));

  const result: TwoWorldsResult = {
    metrics: {
      betaHat,
      'rate/plus': ratePlus,
      'rate/minus': rateMinus,
      'rate/worst': worstWorldRate(a, betaHat),
      ...definedOnly({ 'rate/fitted': fittedGrowthRate(worst) }),
      'J/plus': evaluation.plus.J,
      'J/minus': evaluation.minus.J,
      'J/worst': evaluation.worstJ,
      worstSigma: evaluation.worstSigma,
      'band/halfWidth': band,
      'stable/bothWorlds': Math.max(ratePlus, rateMinus) < 1 ? 1 : 0,
      'fit/mse': fitMse,
      'fit/rmse': Math.sqrt(fitMse),
      'loss/final': trained.losses[trained.losses.length - 1]?.loss ?? NaN,
      'demo/identical': identical ? 1 : 0,
    },
    series: {
      'deviation/plus': deviationPlus,
      'deviation/minus': deviationMinus,
      'theory/plus': linear(1),
      'theory/minus': linear(-1),
      'loss/train': trained.losses.map((l) => ({ x: l.step, y: l.loss })),
    },
    extras: {
      numberLine: {
        betaHat,
        a,
        k,
        bandHalfWidth: band,
        expertGains: { plus: -k, minus: k },
        // World σ is stable iff |a + σβ̂| < 1: β̂ ∈ (−1 − a, 1 − a) for σ = +1, (a − 1, a + 1) for σ = −1.
        stable: { plus: [-1 - a, 1 - a], minus: [a - 1, a + 1] },
        rates: { plus: ratePlus, minus: rateMinus },
        worstSigma: evaluation.worstSigma,
      },
      horizon: HORIZON,
      nInitial: N_INITIAL,
      steps: TRAIN.steps,
    },
  };
  report(1, 'done', () => result, true);
  return result;
});
