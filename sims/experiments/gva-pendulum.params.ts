/**
 * `gva-pendulum` (SCIENCE.md "Chapter: Iterate averaging"; SCIENCE-NOTES §5(b)/(c) Toy 5A): the page-safe half —
 * id, words, the parameter schema and the names of its result. The run function is in gva-pendulum.ts.
 */
import { defineInfo, type ResultOf } from './types';

/** The averaging schemes the figure can put beside the raw iterate (the `scheme` parameter). */
export const GVA_SCHEMES = ['none', 'ema', 'ema-debiased', 'swa', 'bema'] as const;
export type GvaScheme = (typeof GVA_SCHEMES)[number];

/** The result's `extras`, as the widget reads them. */
export interface GvaPendulumExtras {
  /** Adam steps between checkpoints. */
  checkpointEvery: number;
  /** The expert's gain K = (k_θ, k_ω). */
  expertGain: [number, number];
  /** Rollout steps H of every return. */
  horizon: number;
  /** The animation: start state (θ, ω) and simulation steps per frame of `anim/raw` / `anim/ema`. */
  animStart: [number, number];
  animStride: number;
  /** SWA's first averaged step s₀ (a quarter of the training). */
  swaStart: number;
}

export const gvaPendulumInfo = defineInfo<GvaPendulumExtras>()({
  id: 'gva-pendulum',
  title: 'Butterfly effects of SGD noise: behavior cloning an inverted pendulum, with and without averaging',
  description:
    'A small network clones a weakly damped balancing controller; the training loss is flat while the return of checkpoints 25 steps apart swings wildly, and an average of the iterates holds the pole up.',
  params: {
    ema: {
      kind: 'number',
      default: 0.99,
      min: 0.9,
      max: 0.9999,
      step: 0.0001,
      log: true,
      label: 'EMA decay γ',
      help: 'The average’s decay: its window is about 1/(1 − γ) steps, and so is its lag.',
    },
    scheme: {
      kind: 'choice',
      default: 'ema',
      options: [
        { value: 'none', label: 'none (raw iterate)' },
        { value: 'ema', label: 'EMA' },
        { value: 'ema-debiased', label: 'EMA, zero start, debiased' },
        { value: 'swa', label: 'SWA (uniform tail average)' },
        { value: 'bema', label: 'BEMA' },
      ],
      label: 'Averaging scheme',
      help: 'Which average the “averaged” curve and pendulum use. BEMA is always drawn as well, with its burn-in τ.',
    },
    bemaBurnIn: {
      kind: 'number',
      default: 250,
      min: 0,
      max: 2000,
      step: 25,
      integer: true,
      label: 'BEMA burn-in τ',
      unit: 'steps',
      help: 'BEMA’s snapshot θ₀ is the iterate at step τ; 0 means the initialisation.',
    },
    batch: {
      kind: 'number',
      default: 16,
      min: 4,
      max: 256,
      step: 1,
      integer: true,
      log: true,
      label: 'Batch size B',
      help: 'Samples per Adam step: the parameter noise shrinks like 1/B, the compute grows like B.',
    },
    lr: {
      kind: 'number',
      default: 0.003,
      min: 0.0001,
      max: 0.01,
      step: 0.0001,
      log: true,
      label: 'Learning rate',
      help: 'Adam’s constant step size.',
    },
    poleRadius: {
      kind: 'number',
      default: 0.97,
      min: 0.9,
      max: 0.995,
      step: 0.005,
      label: 'Expert pole radius r',
      help: 'The expert places the closed-loop poles at r and r − 0.01: near 1 it is barely stable (weakly damped).',
    },
    horizon: {
      kind: 'number',
      default: 300,
      min: 50,
      max: 1000,
      step: 50,
      integer: true,
      label: 'Horizon H',
      unit: 'steps',
      help: 'Rollout length of every return.',
    },
    demoNoise: {
      kind: 'number',
      default: 0.5,
      min: 0,
      max: 1,
      step: 0.05,
      label: 'Demonstrator noise',
      help: 'The demonstrator executes and records u = −Kx + noise·ξ, ξ ~ N(0, 1).',
    },
    trainSteps: {
      kind: 'number',
      default: 4000,
      min: 500,
      max: 8000,
      step: 250,
      integer: true,
      label: 'Training steps',
      help: 'Adam steps; a checkpoint every 25.',
    },
  },
  result: {
    metrics: [
      'loss/relStd',
      'return/raw/std',
      'return/raw/mean',
      'return/raw/min',
      'return/ema/std',
      'return/ema/mean',
      'return/bema/std',
      'return/bema/mean',
      'return/expert',
      'return/raw/earlyMean',
      'return/emaSlow/earlyMean',
      'ratio/rawOverEmaStd',
      'ratio/rawOverBemaStd',
      'gain/expert',
      'gain/expert/omega',
      'gain/raw',
      'gain/raw/std',
      'gain/ema',
      'gain/ema/std',
      'gain/ema/omega',
      'gain/bema',
      'gain/bema/omega',
      'gain/bema/overshoot',
      'radius/expert',
      'radius/raw/fractionAbove1',
      'compute/samples',
    ],
    // Left out when no checkpoint of the last 60 is a cliff (or every one is).
    optionalMetrics: ['radius/raw/cliffMean', 'radius/raw/otherMean', 'cliffs/count'],
    series: [
      'loss/train',
      'return/raw',
      'return/ema',
      'return/bema',
      'return/emaSlow',
      'radius/raw',
      'gain/raw',
      'gain/ema',
      'gain/bema',
    ],
    trajectories: ['anim/raw', 'anim/ema'],
    extras: ['checkpointEvery', 'expertGain', 'horizon', 'animStart', 'animStride', 'swaStart'],
  },
});

export type GvaPendulumResult = ResultOf<typeof gvaPendulumInfo>;
