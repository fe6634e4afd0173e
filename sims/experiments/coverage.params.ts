/**
 * `coverage` (SCIENCE.md "Chapter: Beyond behavior cloning"; SCIENCE-NOTES-ch7 §7(b) Toy 7A "Long-tail skills" and
 * its panel C): the page-safe half — id, words and the parameter schema. The run function is in coverage.ts.
 */
import { defineInfo, type ResultOf } from './types';

export interface CoverageExtras {
  /** The answer lengths H of the sweep, in order. */
  horizons: number[];
  /** The Best-of-N budgets of the coverage profile, in order. */
  budgets: number[];
  /** The horizons of panel C (the rare-states MDP), in order. */
  panelHorizons: number[];
  /** Prompts ("skills") in the world, and the Zipf exponent of their frequencies. */
  prompts: number;
  zipf: number;
  /** The states of panel C actually used (S is capped at n + 1, the most rare states of mass 1/n that fit). */
  states: number;
}

export const coverageInfo = defineInfo<CoverageExtras>()({
  id: 'coverage',
  title: 'Long-tail skills: coverage against cross-entropy after next-token prediction',
  description:
    'Next-token MLE on Zipf-distributed prompts: the sequence cross-entropy grows like H while coverage and Best-of-N stay flat; panel C: the same missing mass costs H² in per-step tabular BC, H with one shared policy.',
  params: {
    nDemos: {
      kind: 'number',
      default: 1000,
      min: 100,
      max: 1_000_000,
      step: 1,
      integer: true,
      log: true,
      label: 'Demonstrations n',
      help: 'Prompt–answer pairs in the pre-training corpus, prompts drawn from the Zipf law (in panel C: expert trajectories).',
    },
    horizon: {
      kind: 'number',
      default: 32,
      min: 2,
      max: 256,
      step: 1,
      integer: true,
      log: true,
      label: 'Answer length H',
      unit: 'tokens',
      help: 'The length at which the coverage profile N ↦ P_cov,N is drawn (the curves against H sweep 2 … 256).',
    },
    N: {
      kind: 'number',
      default: 16,
      min: 1,
      max: 10_000,
      step: 1,
      integer: true,
      log: true,
      label: 'Best-of-N budget N',
      unit: 'samples',
      help: 'Coverage at level N is the mass of prompts whose answer gets less than 1/N of the model’s probability; Best-of-N draws N answers and keeps a correct one.',
    },
    smoothing: {
      kind: 'number',
      default: 0,
      min: 0,
      max: 0.1,
      step: 0.005,
      label: 'Smoothing α',
      help: 'Add-α smoothing towards the corpus’s unigram. α = 0 is the pure maximum-likelihood count model; α > 0 takes a little probability from every token of a seen answer.',
    },
    datasets: {
      kind: 'number',
      default: 50,
      min: 5,
      max: 200,
      step: 5,
      integer: true,
      label: 'Data sets',
      help: 'Independent corpora averaged at every point (the world of prompts and answers is fixed by the seed).',
    },
    states: {
      kind: 'number',
      default: 41,
      min: 2,
      max: 200,
      step: 1,
      integer: true,
      label: 'States S (panel C)',
      help: 'Panel C: one common state and S − 1 rare ones, each visited with probability 1/n per step.',
    },
    panel: {
      kind: 'choice',
      default: 'coverage',
      options: [
        { value: 'coverage', label: 'Coverage vs cross-entropy' },
        { value: 'missingMass', label: 'Panel C: the same missing mass in imitation learning' },
      ],
      label: 'Panel',
      help: 'Which view to draw; both are computed.',
    },
  },
  result: {
    metrics: [
      'kl',
      'coverageMiss',
      'passAtN',
      'missingMass',
      'slope/kl',
      'ratio/coverage',
      'gap/passVsCoverage',
      'sandwich/violations',
      'sandwich/cases',
      'slope/perStep',
      'slope/shared',
    ],
    series: [
      'kl',
      'coverageMiss',
      'passAtN',
      'missingMass',
      'profile',
      'profile/passMiss',
      'missing/perStep',
      'missing/shared',
      'missing/sharedSameStates',
      'theory/perStep',
      'theory/shared',
    ],
    extras: ['horizons', 'budgets', 'panelHorizons', 'prompts', 'zipf', 'states'],
  },
});

export type CoverageResult = ResultOf<typeof coverageInfo>;
