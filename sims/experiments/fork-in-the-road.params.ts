/**
 * `fork-in-the-road` (SCIENCE-NOTES §4(b)/(c) Toy 4B; issue #12): the page-safe half — id, words, parameter schema.
 * No tfjs here; the run function is in fork-in-the-road.ts.
 */
import { defineInfo, type ResultOf } from './types';

export interface ForkRolloutDrawing {
  /** Positions [x0, y0, x1, y1, …] for t = 0…H. */
  path: number[];
  /** +1: passed the obstacle on the left (y > 0); −1: on the right. */
  side: number;
  collided: boolean;
}

export interface ForkExtras {
  rollouts: ForkRolloutDrawing[];
  demos: ForkRolloutDrawing[];
  obstacle: { x: number; y: number; r: number };
  goal: { x: number; y: number; r: number };
  probe: { x: number; y: number };
  /** Samples of the first heading at the probe state, in degrees. */
  probeSamples: number[];
  learner: 'mse' | 'bins' | 'ddpm' | 'flow';
  chunk: number;
  trainSteps: number;
  /** Where the denoising view's samples are drawn. */
  denoiseProbe: { x: number; y: number };
  /**
   * The denoising view (ddpm and flow only): the headings (degrees) of 64 samples at the probe after each reverse
   * step, from pure noise (row 0) to the samples (last row); and the learned field on a grid of (noise level, a):
   * for each level (row 0 = most noise) and each heading on the grid, the direction the sampler pushes a (per unit
   * of noise level; the score for DDPM, the velocity for flow), in degrees.
   */
  denoise?: { path: number[][]; field: { levels: number[]; grid: number[]; push: number[][] } };
}

/**
 * Training previews: while a figure trains (a run with a progress listener), every `every` steps the network so far
 * is rolled out `rollouts` times and sampled `probe` times at the probe, on random streams of their own, so the
 * arena and the histogram redraw as training proceeds and the final result is the same as without previews.
 */
export const FORK_PREVIEW = { every: 100, rollouts: 20, probe: 100 } as const;

export const forkInTheRoadInfo = defineInfo<ForkExtras>()({
  id: 'fork-in-the-road',
  title: 'Fork in the road: averaging the modes drives into the obstacle',
  description:
    'Demonstrations pass an obstacle on the left or on the right. Squared-loss BC averages the two and drives into it; tokenised log-loss, diffusion and flow matching model p(a | s) and pick a side.',
  params: {
    panel: {
      kind: 'choice',
      default: 'arena',
      options: [
        { value: 'arena', label: 'Arena and histogram' },
        { value: 'denoising', label: 'Denoising view' },
      ],
      label: 'View',
      help: 'What the figure draws: the rollouts and the probe histogram, or the samples travelling from noise to headings at the probe.',
    },
    learner: {
      kind: 'choice',
      default: 'ddpm',
      options: [
        { value: 'mse', label: 'Squared loss (MSE)' },
        { value: 'bins', label: 'Tokenised, log-loss (K bins)' },
        { value: 'ddpm', label: 'Diffusion (DDPM)' },
        { value: 'flow', label: 'Flow matching' },
      ],
      label: 'Learner',
      help: 'What the network is trained to output: the mean heading, a distribution over K heading bins, or a denoiser / velocity field that turns noise into headings.',
    },
    bins: {
      kind: 'number',
      default: 16,
      min: 2,
      max: 32,
      step: 1,
      integer: true,
      label: 'Bins K',
      help: 'Tokenised learner: the heading is one of K equal bins of the circle (next-token prediction over K action tokens). K = 2 has no “straight ahead”.',
    },
    diffusionSteps: {
      kind: 'number',
      default: 20,
      min: 5,
      max: 50,
      step: 1,
      integer: true,
      label: 'Diffusion steps',
      help: 'DDPM: steps of the cosine noise schedule (training and ancestral sampling). Flow: Euler steps of the sampler.',
    },
    chunk: {
      kind: 'number',
      default: 1,
      min: 1,
      max: 8,
      step: 1,
      integer: true,
      label: 'Chunk length ℓ',
      unit: 'headings',
      help: 'Predict ℓ headings jointly from one state and play them open loop (MSE, DDPM, flow; the tokenised learner always predicts one token per step).',
    },
    pLeft: {
      kind: 'number',
      default: 0.5,
      min: 0.5,
      max: 1,
      step: 0.05,
      label: 'Share of left demonstrations',
      help: 'The probability that a demonstration passes on the left. At 1 there is only one mode.',
    },
    trainSteps: {
      kind: 'number',
      default: 1500,
      min: 200,
      max: 4000,
      step: 100,
      integer: true,
      label: 'Training steps',
      help: 'Adam updates of the network.',
    },
    probeX: {
      kind: 'number',
      default: 0.6,
      min: 0,
      max: 1.8,
      step: 0.05,
      label: 'Denoising probe x',
      help: 'Where the denoising view samples headings: the x coordinate of the probe state (the histogram stays at (0.6, 0)).',
    },
    probeY: {
      kind: 'number',
      default: 0,
      min: -0.6,
      max: 0.6,
      step: 0.05,
      label: 'Denoising probe y',
      help: 'The y coordinate of the denoising view’s probe state.',
    },
    seeds: {
      kind: 'number',
      default: 1,
      min: 1,
      max: 3,
      step: 1,
      integer: true,
      label: 'Seeds',
      help: 'Independent trainings (seed, seed + 1, …); the metrics are their means. The drawings show the first.',
    },
  },
  result: {
    metrics: ['collision', 'success', 'flips', 'probe/far', 'probe/left', 'probe/right', 'probe/straight', 'probe/mean', 'loss/final', 'seeds'],
    // ddpm and flow only: the shares of the denoising view's 64 samples ending above 25° and below −25°.
    optionalMetrics: ['denoise/left', 'denoise/right'],
    series: ['probe/histogram', 'loss/train'],
    extras: ['rollouts', 'demos', 'obstacle', 'goal', 'probe', 'denoiseProbe', 'probeSamples', 'learner', 'chunk', 'trainSteps'],
    optionalExtras: ['denoise'],
  },
});

export type ForkResult = ResultOf<typeof forkInTheRoadInfo>;
