/**
 * `noise-injection` (SCIENCE.md "Chapter: DAgger"; SCIENCE-NOTES §3(b)/(c) Toy 3B): the page-safe half — id, words,
 * the parameter schema and the names and types of its result. No tfjs here; the run function is in
 * noise-injection.ts.
 */
import { defineInfo, type ResultOf } from './types';

/**
 * Extra noise levels trained in world +1 for the β̂-vs-σ_u curve (besides 0 and the chosen σ_u): 0.01, too little
 * to identify the gain reliably, and 0.05, enough in every seed. Each has its metric `sweep/<level>/betaHat`.
 */
export const SWEEP_LEVELS = [0.01, 0.05] as const;
export type SweepLevel = (typeof SWEEP_LEVELS)[number];

/** The result's `extras`, as the widget reads them. */
export interface NoiseInjectionExtras {
  /** Demonstration states (p, z) of world +1, subsampled: the clean demonstrations, and the noise-injected ones. */
  cloud: { clean: [number, number][]; noisy: [number, number][] };
  /** The experts' gain magnitude k (world σ's expert plays u_z = −σk·z). */
  k: number;
  /** The open-loop rate a of this run. */
  a: number;
  /** The sweep levels trained in this run (SWEEP_LEVELS without the chosen σ_u; none when σ_u = 0). */
  sweepLevels: number[];
  /** Steps per deployment episode. */
  horizon: number;
  /** Deployment episodes (initial states) per world. */
  nInitial: number;
  /** Adam steps per network. */
  steps: number;
}

export const noiseInjectionInfo = defineInfo<NoiseInjectionExtras>()({
  id: 'noise-injection',
  title: 'Two worlds with noise injection: the data now reveal the hidden gain',
  description:
    'The expert demonstrates with a shaking hand on part of its trajectories; the states leave z = 0, the labels reveal each world’s sign, and the learned gain β̂ lands on −σk in both worlds.',
  params: {
    noise: {
      kind: 'number',
      default: 0.3,
      min: 0,
      max: 0.5,
      step: 0.01,
      label: 'Injected noise σ_u',
      help:
        'On the noisy demonstrations the executed action is π*(x) + σ_u·U[−1, 1]² while the recorded label stays π*(x). ' +
        '0 is clean BC.',
    },
    cleanFraction: {
      kind: 'number',
      default: 0.5,
      min: 0,
      max: 1,
      step: 0.05,
      label: 'Clean fraction α',
      help: 'The share of the 20 demonstrations recorded without noise (Zhang et al. mix clean and noisy ones). 1 is clean BC.',
    },
    a: {
      kind: 'number',
      default: 0.9,
      min: 0.8,
      max: 1.1,
      step: 0.01,
      label: 'Open-loop rate a',
      help: 'p and z are multiplied by a every step before the action acts; above 1 the uncontrolled system is unstable.',
    },
  },
  result: {
    metrics: [
      'betaHat/clean',
      'betaHat/plus',
      'betaHat/minus',
      'target/plus',
      'target/minus',
      'relErr/plus',
      'relErr/minus',
      'relErr/worst',
      'J/clean/plus',
      'J/clean/minus',
      'J/worst/clean',
      'J/noisy/plus',
      'J/noisy/minus',
      'J/worst/noisy',
      'rate/worst/clean',
      'demo/zSpread',
      'injectedNoise',
      'cleanFraction',
    ],
    // Omitted when σ_u = 0 (no noisy training, so no sweep either).
    optionalMetrics: ['sweep/0.01/betaHat', 'sweep/0.05/betaHat'],
    series: ['betaHat/plus', 'betaHat/minus', 'target/plus', 'target/minus', 'J/worst/clean', 'J/worst/noisy'],
    extras: ['cloud', 'k', 'a', 'sweepLevels', 'horizon', 'nInitial', 'steps'],
  },
});

export type NoiseInjectionResult = ResultOf<typeof noiseInjectionInfo>;
