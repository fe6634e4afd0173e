/**
 * `lane-horizon` (SCIENCE.md "Chapter: Compounding error"; SCIENCE-NOTES §2(b)/(c) Toy 2A): the page-safe half —
 * id, words and the parameter schema. No tfjs here; the run function is in lane-horizon.ts.
 */
import { defineInfo, type ResultOf } from './types';

/** Exact state visitation d_t(y), t = 0 … H, as rows of 13 lane probabilities (y = −6 … 6). */
export interface LaneVisitation {
  horizon: number;
  /** In trained mode, the grid horizon whose learned policies the heatmap shows; null for the limit policies. */
  trainedAtHorizon: number | null;
  offsets: number[];
  expert: number[][];
  bc: number[][];
  dagger: number[][];
}

export interface LaneHorizonExtras {
  /** The horizons of the grid, in order. */
  horizons: number[];
  visitation: LaneVisitation;
  /** Greedy action per lane (0 left, 1 stay, 2 right) at the largest horizon. */
  tables: { offsets: number[]; bc: number[]; dagger: number[]; expert: number[] };
}

export const laneHorizonInfo = defineInfo<LaneHorizonExtras>()({
  id: 'lane-horizon',
  title: 'Compounding error on LaneKeep: cost against horizon',
  description:
    'Exact cost J of BC, DAgger and the expert on LaneKeep as the horizon H grows: BC grows like εH², DAgger like εH.',
  params: {
    epsilon: {
      kind: 'number',
      default: 0.02,
      min: 0,
      max: 0.1,
      step: 0.005,
      label: 'Tremble ε',
      help: 'Probability that the deployed policy’s executed action is uniformly random (its per-step mistake rate).',
    },
    hMin: {
      kind: 'number',
      default: 10,
      min: 5,
      max: 200,
      step: 1,
      integer: true,
      log: true,
      label: 'Shortest horizon',
      unit: 'steps',
      help: 'The smallest H on the x-axis.',
    },
    hMax: {
      kind: 'number',
      default: 160,
      min: 5,
      max: 200,
      step: 1,
      integer: true,
      log: true,
      label: 'Longest horizon',
      unit: 'steps',
      help: 'The largest H on the x-axis (swapped with the shortest if smaller).',
    },
    nHorizons: {
      kind: 'number',
      default: 9,
      min: 2,
      max: 17,
      step: 1,
      integer: true,
      label: 'Horizons',
      help: 'How many values of H, evenly spaced on a log scale between the shortest and the longest.',
    },
    policies: {
      kind: 'choice',
      default: 'converged',
      options: [
        { value: 'converged', label: 'What they converge to (exact, instant)' },
        { value: 'trained', label: 'Train them at every H (tfjs, about a second per H)' },
      ],
      label: 'Policies',
      help:
        'Converged: BC is “stay” everywhere (all it ever sees is the centre lane) and DAgger is the expert’s table, ' +
        'which is what the MLP learns in every seed. Trained: run BC and DAgger with the MLP at each H and evaluate what it learned.',
    },
    encoding: {
      kind: 'choice',
      default: 'scalar',
      options: [
        { value: 'scalar', label: 'Scalar y/6' },
        { value: 'onehot', label: 'One-hot lane' },
      ],
      label: 'Learner input',
      help: 'What the network sees (trained policies only). With one-hot, unseen lanes keep whatever the initialisation says.',
    },
    nDemos: {
      kind: 'number',
      default: 20,
      min: 1,
      max: 100,
      step: 1,
      integer: true,
      label: 'Demonstrations',
      unit: 'episodes',
      help: 'Clean expert demonstrations of H steps each (trained policies only).',
    },
    rounds: {
      kind: 'number',
      default: 5,
      min: 0,
      max: 8,
      step: 1,
      integer: true,
      label: 'DAgger rounds',
      help: 'Roll out, label with the expert, aggregate, retrain — this many times (trained policies only).',
    },
    rolloutsPerRound: {
      kind: 'number',
      default: 20,
      min: 1,
      max: 50,
      step: 1,
      integer: true,
      label: 'Rollouts per round',
      unit: 'episodes',
      help: 'Learner episodes per DAgger round. With few rollouts and small εH, DAgger sees no off-centre lane and stays BC.',
    },
    heatmapH: {
      kind: 'number',
      default: 40,
      min: 5,
      max: 200,
      step: 1,
      integer: true,
      label: 'Heatmap horizon',
      unit: 'steps',
      help: 'The H at which the state-visitation heatmaps d_t(y) of the expert, BC and DAgger are drawn.',
    },
  },
  result: {
    metrics: ['cost/bc', 'cost/dagger', 'cost/expert', 'offCentre/bc', 'offCentre/dagger', 'offCentre/expert'],
    // Undefined where a cost is 0 (ε = 0), and the trained-policy checks only in trained mode.
    optionalMetrics: [
      'slope/bc',
      'slope/dagger',
      'slope/expert',
      'ratio/bcOverDagger',
      'trained/bcIsStay',
      'trained/daggerIsExpert',
    ],
    series: ['bc', 'dagger', 'expert', 'theory/bc', 'theory/dagger'],
    extras: ['horizons', 'visitation', 'tables'],
  },
});

export type LaneHorizonResult = ResultOf<typeof laneHorizonInfo>;
