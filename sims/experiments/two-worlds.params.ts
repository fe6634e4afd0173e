/**
 * `two-worlds` (SCIENCE.md "Chapter: Compounding error"; SCIENCE-NOTES §2(b)/(c) Toy 2C): the page-safe half — id,
 * words and the parameter schema. No tfjs here; the run function is in two-worlds.ts.
 */
import { defineInfo, type ResultOf } from './types';

/** What the β̂ number line draws (components/widgets/BetaNumberLine.tsx). */
export interface TwoWorldsNumberLine {
  /** The learned gain β̂ = ∂û_z/∂z at z = 0. */
  betaHat: number;
  /** The open-loop rate a. */
  a: number;
  /** The expert gain k. */
  k: number;
  /** 1 − a: both worlds are stable iff |β̂| < 1 − a. */
  bandHalfWidth: number;
  /** The experts' z-gains: −k in world σ = +1, +k in world σ = −1. */
  expertGains: { plus: number; minus: number };
  /** The gains β̂ for which each world is stable, as [lo, hi]. */
  stable: { plus: [number, number]; minus: [number, number] };
  /** Per-step growth rate of z-errors in each world, |a + σβ̂|. */
  rates: { plus: number; minus: number };
  /** The world with the larger imitation cost (+1 or −1). */
  worstSigma: number;
}

export interface TwoWorldsExtras {
  numberLine: TwoWorldsNumberLine;
  /** Deployment horizon (steps). */
  horizon: number;
  /** Starts per world the deployment is averaged over. */
  nInitial: number;
  /** Optimiser steps the network was trained for. */
  steps: number;
}

export const twoWorldsInfo = defineInfo<TwoWorldsExtras>()({
  id: 'two-worlds',
  title: 'Two worlds: identical demonstrations, exponential compounding',
  description:
    'One network trained on clean demonstrations that two worlds share, deployed in both: its unidentified feedback gain makes errors grow exponentially in one of them.',
  params: {
    a: {
      kind: 'number',
      default: 0.9,
      min: 0.8,
      max: 1.1,
      step: 0.01,
      label: 'Open-loop rate a',
      help:
        'p and z are multiplied by a every step before the action acts. Below 1 the uncontrolled system is stable; ' +
        'a learned gain β̂ on z is stable in both worlds only while |β̂| < 1 − a.',
    },
    k: {
      kind: 'number',
      default: 0.5,
      min: 0.1,
      max: 1,
      step: 0.05,
      label: 'Expert gain k',
      help: 'The expert plays u = (−k·p, −σ·k·z): its closed loop contracts at a − k in both worlds.',
    },
    noiseStd: {
      kind: 'number',
      default: 0.001,
      min: 0.00001,
      max: 0.01,
      step: 0.00001,
      log: true,
      label: 'Test-time noise w',
      help:
        'Standard deviation of the process noise per step at deployment, shared by the learner and the expert it is ' +
        'compared with. The demonstrations are noise-free.',
    },
    width: {
      kind: 'number',
      default: 32,
      min: 4,
      max: 64,
      step: 4,
      integer: true,
      label: 'Network width',
      unit: 'units',
      help: 'Units in each of the two tanh hidden layers (2 → width → width → 2).',
    },
    weightDecay: {
      kind: 'number',
      default: 0,
      min: 0,
      max: 5,
      step: 0.1,
      label: 'Weight decay λ',
      unit: '× 10⁻⁶',
      help:
        'An L2 penalty (λ/2)·Σ‖W‖² added to the training loss. The weights fed by z never see a data gradient (z = 0 in ' +
        'every demonstration), only this one; Adam rescales it to about one learning-rate step per update, so even a ' +
        'λ of a few millionths pulls them, and β̂, towards 0.',
    },
  },
  result: {
    metrics: [
      'betaHat',
      'rate/plus',
      'rate/minus',
      'rate/worst',
      'J/plus',
      'J/minus',
      'J/worst',
      'worstSigma',
      'band/halfWidth',
      'stable/bothWorlds',
      'fit/mse',
      'fit/rmse',
      'loss/final',
      'demo/identical',
    ],
    // Only when the worse world's deviation grows exponentially (there is nothing to fit otherwise).
    optionalMetrics: ['rate/fitted'],
    series: ['deviation/plus', 'deviation/minus', 'theory/plus', 'theory/minus', 'loss/train'],
    extras: ['numberLine', 'horizon', 'nInitial', 'steps'],
  },
});

export type TwoWorldsResult = ResultOf<typeof twoWorldsInfo>;
