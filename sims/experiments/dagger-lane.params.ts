/**
 * `dagger-lane` (SCIENCE.md "Chapter: DAgger and interactive data collection"; SCIENCE-NOTES §3(b)/(c) Toy 3A): the
 * page-safe half — id, words, the parameter schema and the names and types of its result (the per-round records a
 * widget draws among them). No tfjs here; the run function is in dagger-lane.ts.
 */
import { defineInfo, type ResultOf } from './types';

export const daggerLaneInfo = defineInfo<DaggerLaneExtras>()({
  id: 'dagger-lane',
  title: 'DAgger, BC and DART on LaneKeep, round by round',
  description:
    'Exact cost of DAgger, of BC given as many expert labels, and of DART, after each round of data collection.',
  params: {
    rounds: {
      kind: 'number',
      default: 5,
      min: 0,
      max: 8,
      step: 1,
      integer: true,
      label: 'Rounds',
      help:
        'DAgger rolls out its learner, asks the expert to label every state it visited, aggregates and retrains — this many ' +
        'times. BC and DART get the same number of new expert labels per round as extra demonstrations.',
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
      help: 'Episodes per round: DAgger’s learner rollouts, and the extra demonstrations BC and DART receive.',
    },
    beta: {
      kind: 'choice',
      default: 'firstRound',
      options: [
        { value: 'firstRound', label: 'β = 1, then 0' },
        { value: 'linear', label: 'Linear: β = 1 − i/N' },
        { value: 'exponential', label: 'Halving: β = 0.5^i' },
      ],
      label: 'DAgger β schedule',
      help:
        'β_i is the probability that the expert, not the learner, takes each action during round i’s rollouts. With ' +
        'β = 1, then 0, the learner drives from round 1 on.',
    },
    noise: {
      kind: 'number',
      default: 0.3,
      min: 0,
      max: 0.5,
      step: 0.01,
      label: 'DART noise ε_D',
      help:
        'How often the demonstrating expert’s executed action is uniformly random in DART’s demonstrations. Labels are ' +
        'always its intended action. 0 makes DART plain BC.',
    },
    epsilon: {
      kind: 'number',
      default: 0.02,
      min: 0,
      max: 0.1,
      step: 0.005,
      label: 'Tremble ε',
      help: 'Probability that a deployed learner’s executed action is uniformly random (also during DAgger’s rollouts).',
    },
    horizon: {
      kind: 'number',
      default: 40,
      min: 5,
      max: 200,
      step: 1,
      integer: true,
      label: 'Horizon H',
      unit: 'steps',
      help: 'Steps per episode: per demonstration, per DAgger rollout and in the evaluation.',
    },
    nDemos: {
      kind: 'number',
      default: 20,
      min: 1,
      max: 100,
      step: 1,
      integer: true,
      label: 'Initial demonstrations',
      unit: 'episodes',
      help: 'Expert demonstrations every method starts from (round 0): clean for DAgger and BC, noisy for DART.',
    },
  },
  result: {
    metrics: [
      'cost/dagger',
      'cost/bcEqualLabels',
      'cost/dart',
      'cost/expert',
      'labels/perMethod',
      'labels/daggerFromRollouts',
      'collection/dart',
      'dart/demonstratorCost',
      'dart/noise',
      'dart/offCentreLabels/round0',
    ],
    // Undefined where DAgger's cost is 0 (ε = 0), where no round reaches the expert's cost, with no rounds (no
    // rollouts to average over or count in), and with fewer than two rounds (no round after the first to average).
    optionalMetrics: [
      'ratio/bcOverDagger',
      'dagger/firstRoundAtExpert',
      'dart/firstRoundAtExpert',
      'collection/dagger',
      'dagger/offCentreLabels/round1',
      'dagger/offCentreLabels/laterMean',
    ],
    series: [
      'cost/dagger',
      'cost/bcEqualLabels',
      'cost/dart',
      'cost/expert',
      'labels/dagger',
      'labels/bcEqualLabels',
      'labels/dart',
      'collection/dagger',
      'collection/dart',
    ],
    extras: ['offsets', 'actionLabels', 'expertTable', 'expertCost', 'trainSteps', 'rounds'],
  },
});

/** The three ways of spending expert labels that the figure compares (keys of the per-method records). */
export const DAGGER_LANE_METHODS = ['dagger', 'bcEqualLabels', 'dart'] as const;
export type DaggerLaneMethod = (typeof DAGGER_LANE_METHODS)[number];
type PerMethod<T> = Record<DaggerLaneMethod, T>;

/** What a round stepper needs about round i: one entry of the result's `extras.rounds`. */
export interface DaggerLaneRound {
  round: number;
  /** β_i of DAgger's rollouts (1 in round 0: the demonstrations). */
  beta: number;
  /** Expert labels used so far, per method (equal by construction). */
  labels: PerMethod<number>;
  /** Expert labels added in this round, per lane (13 counts, y = −6 … 6). */
  newLabels: PerMethod<number[]>;
  /** All expert labels held after this round, per lane. */
  data: PerMethod<number[]>;
  /** The learner trained at the end of this round: greedy action per lane (0 left, 1 stay, 2 right). */
  tables: PerMethod<number[]>;
  /** Its exact cost J, deployed with the tremble ε. */
  cost: PerMethod<number>;
}

/** The result's `extras`, as the widget reads them. */
export interface DaggerLaneExtras {
  /** Lane offsets y = −6 … 6 (the columns of every per-lane array). */
  offsets: number[];
  /** Names of the actions 0, 1, 2 (left, stay, right). */
  actionLabels: string[];
  /** The expert's table, −sign(y) (0 left, 1 stay, 2 right). */
  expertTable: number[];
  /** The expert's exact cost J under the learners' tremble ε (the floor; also the metric `cost/expert`). */
  expertCost: number;
  /** Adam steps of every fit (the first and each warm-started retraining). */
  trainSteps: number;
  /** One record per round, 0 … rounds: what the round stepper shows. */
  rounds: DaggerLaneRound[];
}

export type DaggerLaneResult = ResultOf<typeof daggerLaneInfo>;
