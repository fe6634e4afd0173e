/**
 * `averaging-quadratic` — Toy 5B: averaging SGD iterates on a quadratic (SCIENCE-NOTES §5(b) Toy 5B; Polyak &
 * Juditsky 1992, Izmailov et al. 2018, Block & Zhang 2025).
 *
 *   SGD       θ_{t+1} = θ_t − η_t·h·(θ_t − μ) + η_t·σ·ξ_t,  ξ_t ~ N(0, 1), μ = 0, σ = 1, θ_0 = `start`;
 *             η_t = η (constant) or η·(1 + t)^(−α) (decay). A discretised Ornstein–Uhlenbeck process with
 *             timescale 1/(ηh) steps and, at constant step, stationary variance ησ²/(h(2 − ηh)).
 *   estimators of μ at step t (every run is one coordinate of one vector, so each average is one loop over runs):
 *             last iterate θ_t; uniform (Polyak–Ruppert) average of θ_1 … θ_t; EMA γ and EMA 0.999 (started at θ_0);
 *             OU-MLE: the η-weighted average of θ_0 … θ_{t−1} plus the displacement correction (θ_t − θ_0)/(h·Σ η_s)
 *             — exactly unbiased, since θ_t − θ_0 = −h·Σ η_s(θ_s − μ) + noise (at constant step:
 *             θ̄ + (θ_t − θ_0)/(ηh·t), the notes' formula); BEMA with the paper's defaults, snapshot at θ_0 (no
 *             burn-in) and after a burn-in of τ steps (sims/algos/averaging.ts).
 *   tail      Var over runs of θ_2000 and of the average of θ_1001 … θ_2000, and their ratio (the notes' test at
 *             η = 0.1: prediction ησ²/(h(2 − ηh)) / (σ²/(h²·1000)) ≈ 53).
 *
 * Result
 *   series   mse/<estimator>: {x: t, y: mean over runs of (estimate − μ)²} at ~70 log-spaced t ∈ [1, 5000];
 *            mse/rate: σ²/(h²t), the Polyak–Juditsky (Fisher-efficient) rate
 *   metrics  mse/<estimator>/t<t> at t = 50, 1000, 5000 (the ones the chapter and tests read); ratio/lastOverOuMle at
 *            t = 50 and 5000; var/lastOverTail (measured) and var/lastOverTail/predicted; var/stationary
 *            (ησ²/(h(2 − ηh)) at η₀)
 *   extras   steps, sigma, mu, stationaryVar
 * Plain TypeScript, no training: see the timing measured in tests/science/averaging-quadratic.test.ts's header.
 */
import { powReal } from '../../lib/detmath';
import { makeRng } from '../../lib/rng';
import { Bema, Ema, UniformAverage } from '../algos/averaging';
import { averagingQuadraticInfo, type AveragingQuadraticResult } from './averaging-quadratic.params';
import { progressReporter } from './progress';
import { defineExperiment, throwIfAborted, type Point } from './types';

const STEPS = 5000;
const SIGMA = 1;
const MU = 0;
const SLOW_EMA = 0.999;
/** The tail-average comparison: the last iterate at TAIL_END against the average of its last TAIL_LENGTH. */
const TAIL_END = 2000;
const TAIL_LENGTH = 1000;

/** About 70 log-spaced integer steps from 1 to STEPS, always including the ones the metrics read. */
function sampleSteps(): Set<number> {
  const out = new Set<number>([1, 50, 200, 1000, 2000, STEPS]);
  for (let i = 0; i <= 64; i++) out.add(Math.round(powReal(STEPS, i / 64)));
  return out;
}

function meanSquare(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] - MU) * (v[i] - MU);
  return s / v.length;
}

function variance(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m += v[i];
  m /= v.length;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] - m) * (v[i] - m);
  return s / (v.length - 1);
}

type Estimator = 'last' | 'uniform' | 'ema' | 'emaSlow' | 'ouMle' | 'bema' | 'bemaBurnIn';
const ESTIMATORS: readonly Estimator[] = ['last', 'uniform', 'ema', 'emaSlow', 'ouMle', 'bema', 'bemaBurnIn'];

export const averagingQuadraticExperiment = defineExperiment(
  averagingQuadraticInfo,
  async (p, { seed, signal, onProgress }) => {
    throwIfAborted(signal);
    const { lr, curvature: h, start, ema: gamma, bemaBurnIn, schedule, decayExponent, runs } = p;
    const rng = makeRng(seed).stream('sgd');
    const report = progressReporter<AveragingQuadraticResult>(onProgress);
    const samples = sampleSteps();

    const theta = new Float64Array(runs).fill(start);
    const initial = Float64Array.from(theta);
    const uniform = new UniformAverage(runs);
    const ema = new Ema(runs, gamma);
    const emaSlow = new Ema(runs, SLOW_EMA);
    ema.update(initial);
    emaSlow.update(initial);
    const bema = new Bema(runs, 0, initial);
    const bemaBurnInAvg = new Bema(runs, bemaBurnIn, initial);
    // OU-MLE: Σ η_s·θ_s over s < t, and Σ η_s.
    const weightedSum = new Float64Array(runs);
    let stepSum = 0;
    const ouMle = new Float64Array(runs);
    const tail = new UniformAverage(runs);
    let lastAtTailEnd = new Float64Array(0);

    const series = Object.fromEntries(ESTIMATORS.map((e) => [e, [] as Point[]])) as Record<Estimator, Point[]>;
    const rate: Point[] = [];
    const at: Record<Estimator, Map<number, number>> = Object.fromEntries(
      ESTIMATORS.map((e) => [e, new Map<number, number>()]),
    ) as Record<Estimator, Map<number, number>>;

    for (let t = 1; t <= STEPS; t++) {
      const eta = schedule === 'decay' ? lr * powReal(t, -decayExponent) : lr;
      for (let i = 0; i < runs; i++) {
        weightedSum[i] += eta * theta[i];
        theta[i] += -eta * h * (theta[i] - MU) + eta * SIGMA * rng.normal();
      }
      stepSum += eta;
      uniform.update(theta);
      ema.update(theta);
      emaSlow.update(theta);
      bema.update(theta, t);
      bemaBurnInAvg.update(theta, t);
      if (t > TAIL_END - TAIL_LENGTH && t <= TAIL_END) tail.update(theta);
      if (t === TAIL_END) lastAtTailEnd = Float64Array.from(theta);
      if (samples.has(t)) {
        for (let i = 0; i < runs; i++) ouMle[i] = (weightedSum[i] + (theta[i] - initial[i]) / h) / stepSum;
        const values: Record<Estimator, Float64Array> = {
          last: theta,
          uniform: uniform.value,
          ema: ema.value,
          emaSlow: emaSlow.value,
          ouMle,
          bema: bema.value,
          bemaBurnIn: bemaBurnInAvg.value,
        };
        for (const e of ESTIMATORS) {
          const y = meanSquare(values[e]);
          series[e].push({ x: t, y });
          at[e].set(t, y);
        }
        rate.push({ x: t, y: (SIGMA * SIGMA) / (h * h * t) });
        throwIfAborted(signal);
        report(t / STEPS, `step ${t}/${STEPS}`, () => ({
          metrics: {},
          series: Object.fromEntries(ESTIMATORS.map((e) => [`mse/${e}`, [...series[e]]])),
        }));
      }
    }

    const stationaryVar = (lr * SIGMA * SIGMA) / (h * (2 - lr * h));
    const tailVar = variance(tail.value);
    const m = (e: Estimator, t: number) => at[e].get(t)!;
    const result: AveragingQuadraticResult = {
      metrics: {
        'mse/last/t50': m('last', 50),
        'mse/last/t1000': m('last', 1000),
        'mse/last/t5000': m('last', STEPS),
        'mse/uniform/t50': m('uniform', 50),
        'mse/uniform/t1000': m('uniform', 1000),
        'mse/uniform/t5000': m('uniform', STEPS),
        'mse/ema/t50': m('ema', 50),
        'mse/ema/t5000': m('ema', STEPS),
        'mse/emaSlow/t5000': m('emaSlow', STEPS),
        'mse/ouMle/t50': m('ouMle', 50),
        'mse/ouMle/t5000': m('ouMle', STEPS),
        'mse/bema/t5000': m('bema', STEPS),
        'mse/bemaBurnIn/t5000': m('bemaBurnIn', STEPS),
        'ratio/lastOverOuMle/t5000': m('last', STEPS) / m('ouMle', STEPS),
        'ratio/lastOverOuMle/t50': m('last', 50) / m('ouMle', 50),
        'var/lastOverTail': variance(lastAtTailEnd) / tailVar,
        'var/lastOverTail/predicted': stationaryVar / ((SIGMA * SIGMA) / (h * h * TAIL_LENGTH)),
        'var/stationary': stationaryVar,
      },
      series: {
        'mse/last': series.last,
        'mse/uniform': series.uniform,
        'mse/ema': series.ema,
        'mse/emaSlow': series.emaSlow,
        'mse/ouMle': series.ouMle,
        'mse/bema': series.bema,
        'mse/bemaBurnIn': series.bemaBurnIn,
        'mse/rate': rate,
      },
      extras: { steps: STEPS, sigma: SIGMA, mu: MU, stationaryVar },
    };
    report(1, 'done', () => result, true);
    return result;
  },
);
