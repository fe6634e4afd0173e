/**
 * `chunking` (SCIENCE-NOTES §4(b)/(c) Toy 4A; issue #12): two worlds + action chunking, the page-safe half — id, words
 * and the parameter schema. No tfjs here; the run function is in chunking.ts.
 */
import { defineInfo, type ResultOf } from './types';

export interface ChunkingExtras {
  /** The chunk length ℓ that ran, and how it was executed (for drawing chunk boundaries). */
  chunk: number;
  execution: 'open-loop' | 'receding';
  ensemble: number;
  /** The learned chunk's off-manifold gains β̂_j = ∂ĉ_{z,j}/∂z, j = 0…ℓ−1. */
  gains: number[];
  /** Theory band ℓ* = log κ / log(1/a) (Infinity when a ≥ 1), and the κ used. */
  chunkStar: number;
  kappa: number;
  a: number;
  horizon: number;
  nInitial: number;
  steps: number;
  /** The ℓ values of the rate-versus-ℓ sweep. */
  sweep: number[];
}

export const chunkingInfo = defineInfo<ChunkingExtras>()({
  id: 'chunking',
  title: 'Action chunking in two worlds: open-loop chunks inherit open-loop stability',
  description:
    'The two-worlds network now predicts ℓ actions from one state and plays them open loop: long enough chunks stop the exponential compounding when the open loop contracts, and cannot when it does not.',
  params: {
    a: {
      kind: 'number',
      default: 0.9,
      min: 0.8,
      max: 1.1,
      step: 0.01,
      label: 'Open-loop rate a',
      help: 'p and z are multiplied by a every step before the action acts. Below 1 the open loop contracts (EISS with ρ = a).',
    },
    chunk: {
      kind: 'number',
      default: 10,
      min: 1,
      max: 30,
      step: 1,
      integer: true,
      label: 'Chunk length ℓ',
      unit: 'actions',
      help: 'The network outputs the next ℓ actions from one state. ℓ = 1 is the Markov learner of two-worlds.',
    },
    execution: {
      kind: 'choice',
      default: 'open-loop',
      options: [
        { value: 'open-loop', label: 'Execute all ℓ (open loop)' },
        { value: 'receding', label: 'Execute only the first (receding)' },
      ],
      label: 'Execution',
      help: 'Play the whole predicted chunk before looking at the state again, or re-predict every step and play only the first action of each chunk (a Markov policy again).',
    },
    ensemble: {
      kind: 'number',
      default: 0,
      min: -0.5,
      max: 0.5,
      step: 0.01,
      label: 'Temporal ensembling m',
      help: 'ACT-style: predict a chunk every step and play the weighted mean of all stored predictions for now, w_i ∝ exp(−m·i) with i = 0 the oldest. m > 0 favours the oldest (ACT uses 0.01), m < 0 the newest. 0 turns ensembling off.',
    },
    kappa: {
      kind: 'number',
      default: 5,
      min: 1.5,
      max: 50,
      step: 0.5,
      log: true,
      label: 'Theory constant κ',
      help: 'The band ℓ* = log κ / log(1/a) drawn on the rate-versus-ℓ chart; κ stands in for the paper’s poly(L_π, C_ISS).',
    },
    horizon: {
      kind: 'number',
      default: 100,
      min: 20,
      max: 200,
      step: 10,
      integer: true,
      label: 'Horizon H',
      unit: 'steps',
      help: 'Deployment length; J_imitation sums min{1, ‖x̂_t − x*_t‖²} over it.',
    },
    sweep: {
      kind: 'choice',
      default: 'on',
      options: [
        { value: 'on', label: 'Sweep ℓ' },
        { value: 'off', label: 'Only this ℓ' },
      ],
      label: 'Rate-versus-ℓ sweep',
      help: 'Train one network per ℓ in 1, 2, 4, 7, 10, 15, 20, 30 for the rate-versus-ℓ chart (eight trainings), or skip it.',
    },
    seeds: {
      kind: 'number',
      default: 1,
      min: 1,
      max: 6,
      step: 1,
      integer: true,
      label: 'Seeds',
      help: 'Independent trainings (seed, seed + 1, …). Metrics are the median over seeds; the rate-versus-ℓ band runs from the lowest to the highest.',
    },
  },
  result: {
    metrics: ['rate/worst', 'rate/plus', 'rate/minus', 'J/worst', 'J/plus', 'J/minus', 'worstSigma', 'chunkStar', 'fit/mse', 'seeds'],
    series: ['deviation/plus', 'deviation/minus', 'rate/vsChunk', 'loss/train'],
    extras: ['chunk', 'execution', 'ensemble', 'gains', 'chunkStar', 'kappa', 'a', 'horizon', 'nInitial', 'steps', 'sweep'],
  },
});

export type ChunkingResult = ResultOf<typeof chunkingInfo>;
