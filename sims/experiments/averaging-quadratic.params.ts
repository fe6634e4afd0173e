/**
 * `averaging-quadratic` (SCIENCE.md "Chapter: Iterate averaging"; SCIENCE-NOTES §5(b) Toy 5B): the page-safe half —
 * id, words, the parameter schema and the names of its result. The run function is in averaging-quadratic.ts.
 */
import { defineInfo, type ResultOf } from './types';

/** The result's `extras`, as the widget reads them. */
export interface AveragingQuadraticExtras {
  /** Steps per run T. */
  steps: number;
  /** Gradient-noise scale σ (fixed at 1) and optimum μ (fixed at 0). */
  sigma: number;
  mu: number;
  /** The last iterate's stationary variance ησ²/(h(2 − ηh)) at constant step (NaN for the decaying schedule). */
  stationaryVar: number;
}

export const averagingQuadraticInfo = defineInfo<AveragingQuadraticExtras>()({
  id: 'averaging-quadratic',
  title: 'Averaging SGD on a quadratic: last iterate, Polyak–Ruppert, EMA and a bias-corrected average',
  description:
    'SGD on ½h(θ − μ)² with noisy gradients from a far start: the mean squared error of each estimator of μ against t on log-log axes, beside the σ²/(h²t) rate.',
  params: {
    lr: {
      kind: 'number',
      default: 0.01,
      min: 0.001,
      max: 0.5,
      step: 0.001,
      log: true,
      label: 'Step size η',
      help: 'SGD step size (the constant one, or η₀ of the decaying schedule η_t = η₀·(1 + t)^(−α)).',
    },
    curvature: {
      kind: 'number',
      default: 1,
      min: 0.1,
      max: 10,
      step: 0.1,
      log: true,
      label: 'Curvature h',
      help: 'The loss is ½h(θ − μ)²; the iterates relax towards μ on a timescale of 1/(ηh) steps.',
    },
    start: {
      kind: 'number',
      default: 10,
      min: 0,
      max: 50,
      step: 0.5,
      label: 'Start θ₀',
      help: 'Distance of the first iterate from the optimum μ = 0: the bias every average has to forget.',
    },
    ema: {
      kind: 'number',
      default: 0.99,
      min: 0.9,
      max: 0.9999,
      step: 0.0001,
      log: true,
      label: 'EMA decay γ',
      help: 'θ̄_t = γ·θ̄_{t−1} + (1 − γ)·θ_t, started at θ₀; the slow EMA is fixed at γ = 0.999.',
    },
    bemaBurnIn: {
      kind: 'number',
      default: 300,
      min: 0,
      max: 2000,
      step: 50,
      integer: true,
      label: 'BEMA burn-in τ',
      unit: 'steps',
      help: 'For the burn-in BEMA curve: the snapshot θ₀ and the averages are reset to the iterate until step τ.',
    },
    schedule: {
      kind: 'choice',
      default: 'constant',
      options: [
        { value: 'constant', label: 'constant η' },
        { value: 'decay', label: 'η_t = η₀(1 + t)^(−α)' },
      ],
      label: 'Step-size schedule',
      help: 'Polyak and Juditsky’s theorem is stated for slowly decaying steps, α ∈ (½, 1).',
    },
    decayExponent: {
      kind: 'number',
      default: 0.6,
      min: 0.51,
      max: 0.99,
      step: 0.01,
      label: 'Decay exponent α',
      help: 'Used by the decaying schedule only.',
    },
    runs: {
      kind: 'number',
      default: 300,
      min: 100,
      max: 4000,
      step: 100,
      integer: true,
      label: 'Independent runs',
      help: 'The mean squared errors are averages over this many independent SGD runs.',
    },
  },
  result: {
    metrics: [
      'mse/last/t50',
      'mse/last/t1000',
      'mse/last/t5000',
      'mse/uniform/t50',
      'mse/uniform/t1000',
      'mse/uniform/t5000',
      'mse/ema/t50',
      'mse/ema/t5000',
      'mse/emaSlow/t5000',
      'mse/ouMle/t50',
      'mse/ouMle/t5000',
      'mse/bema/t5000',
      'mse/bemaBurnIn/t5000',
      'ratio/lastOverOuMle/t5000',
      'ratio/lastOverOuMle/t50',
      'var/lastOverTail',
      'var/lastOverTail/predicted',
      'var/stationary',
    ],
    series: ['mse/last', 'mse/uniform', 'mse/ema', 'mse/emaSlow', 'mse/ouMle', 'mse/bema', 'mse/bemaBurnIn', 'mse/rate'],
    extras: ['steps', 'sigma', 'mu', 'stationaryVar'],
  },
});

export type AveragingQuadraticResult = ResultOf<typeof averagingQuadraticInfo>;
