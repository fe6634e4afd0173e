/**
 * `gail-lane` (SCIENCE.md "Additions to chapters 2–4"; SCIENCE-NOTES §3(b) Toy 3C): the page-safe half — id, words,
 * the parameter schema and the shape of the extras a widget draws. The run function is in gail-lane.ts.
 */
import { defineInfo, type ResultOf } from './types';

export const gailLaneInfo = defineInfo<GailLaneExtras>()({
  id: 'gail-lane',
  title: 'Tabular GAIL on LaneKeep: occupancy matching without expert queries',
  description:
    'Exact-occupancy GAIL learns to recover from clean demonstrations alone; with a discriminator that is uninformative off the data it keeps escaping.',
  params: {
    epsilon: {
      kind: 'number',
      default: 0.02,
      min: 0.005,
      max: 0.1,
      step: 0.005,
      label: 'Tremble ε',
      help:
        'Probability that the learner’s executed action is uniformly random, in GAIL’s rollouts and at deployment. The ' +
        'demonstrations are clean.',
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
      help: 'Steps per episode: of the occupancies GAIL matches, of its soft value iteration and of the evaluation.',
    },
    iterations: {
      kind: 'number',
      default: 60,
      min: 5,
      max: 200,
      step: 1,
      integer: true,
      label: 'GAIL iterations',
      help: 'Discriminator update, reward, soft value iteration and a damped policy update — this many times.',
    },
    temperature: {
      kind: 'number',
      default: 0.1,
      min: 0.02,
      max: 1,
      step: 0.01,
      log: true,
      label: 'Entropy temperature τ',
      help: 'Temperature of the soft value iteration (the weight of GAIL’s entropy bonus, in reward units).',
    },
  },
  result: {
    metrics: [
      'cost/pessimistic',
      'cost/uninformative',
      'cost/expert',
      'cost/bc',
      'regret/pessimistic',
      'regret/uninformative',
      'pessimistic/matchesExpert',
      'late/pessimistic/max',
      'late/uninformative/max',
      'late/uninformative/min',
      'late/uninformative/mean',
    ],
    optionalMetrics: ['pessimistic/firstIterationAtExpert'],
    series: ['cost/pessimistic', 'cost/uninformative', 'cost/expert', 'cost/bc'],
    extras: ['offsets', 'expertTable', 'tables', 'visitation', 'reward'],
  },
});

/** The two discriminator priors the figure compares (keys of the per-prior records). */
export const GAIL_PRIORS = ['pessimistic', 'uninformative'] as const;
export type GailPriorKey = (typeof GAIL_PRIORS)[number];

/** The result's `extras`, as the widget reads them. */
export interface GailLaneExtras {
  /** Lane offsets y = −6 … 6 (the columns of every per-lane array). */
  offsets: number[];
  /** The expert's table, −sign(y) (0 left, 1 stay, 2 right). */
  expertTable: number[];
  /** Each prior's final policy, greedy action per lane. */
  tables: Record<GailPriorKey, number[]>;
  /** Time-averaged visitation per lane of the expert, BC (“stay”) and each prior's final greedy policy, under the tremble. */
  visitation: Record<'expert' | 'bc' | GailPriorKey, number[]>;
  /** Each prior's reward −log(1 − D_E) in the last iteration, per action (left, stay, right) and lane. */
  reward: Record<GailPriorKey, number[][]>;
}

export type GailLaneResult = ResultOf<typeof gailLaneInfo>;
