/**
 * `cliff-road` (SCIENCE.md "Chapter: Beyond behavior cloning"; SCIENCE-NOTES-ch7 §7(b) Toy 7D): the page-safe half —
 * id, words, the parameter schema and the shape of the extras the widget draws. The run function is in cliff-road.ts.
 */
import { defineInfo, type ResultOf } from './types';

/** The learners of panel A, in the order the figure lists them. */
export const CLIFF_METHODS = ['bc', 'dagger', 'aggrevate', 'api', 'bestInClass'] as const;
export type CliffMethod = (typeof CLIFF_METHODS)[number];

/** The result's `extras`, as the widget reads them. */
export interface CliffRoadExtras {
  /** Column names of a learner's policy: the lanes (full sensor) or the zones (coarse sensor). */
  observations: string[];
  /** Each learner's reported policy: one action per observation (0 toward the cliff, 1 stay, 2 away). */
  policies: Record<CliffMethod, number[]>;
  /** The expert's action per lane 1 … 4 at t = 0. */
  expertFirstStep: number[];
  /** Which iterate of DAgger, AggreVaTe and API is reported (1-based), following `report`. */
  reportedIteration: Record<'dagger' | 'aggrevate' | 'api', number>;
  /** Time-averaged lane occupancy (fallen, lanes 1 … 4) over the H steps, per driver. */
  occupancy: Record<'expert' | CliffMethod, number[]>;
  /** Panel B's horizons. */
  horizonsB: number[];
}

export const cliffRoadInfo = defineInfo<CliffRoadExtras>()({
  id: 'cliff-road',
  title: 'Cliff road: imitating actions or imitating cost-to-go',
  description:
    'Exact BC, DAgger, AggreVaTe and policy iteration next to a cliff: cost-to-go beats a suboptimal expert and weighs rare catastrophic states; on an unrecoverable bridge every family pays H².',
  params: {
    expert: {
      kind: 'choice',
      default: 'racer',
      options: [
        { value: 'racer', label: 'Racer (hugs the cliff)' },
        { value: 'careful', label: 'Careful (optimal)' },
      ],
      label: 'Expert',
      help: 'The racer heads for the fast lane next to the cliff and stays, whatever the gusts; the careful expert is the exact optimum.',
    },
    sensor: {
      kind: 'choice',
      default: 'full',
      options: [
        { value: 'full', label: 'Full: sees the lane' },
        { value: 'coarse', label: 'Coarse: edge or inner zone' },
      ],
      label: 'Learner’s sensor',
      help: 'With the coarse sensor the learner cannot tell lane 1 (next to the cliff) from lane 2, nor lane 3 from 4: one action for both.',
    },
    gust: {
      kind: 'number',
      default: 0.2,
      min: 0,
      max: 0.4,
      step: 0.05,
      label: 'Gust probability p',
      unit: 'per step',
      help: 'After each action a gust pushes the car one lane toward the cliff or away from it, with probability p/2 each.',
    },
    horizon: {
      kind: 'number',
      default: 30,
      min: 10,
      max: 100,
      step: 1,
      integer: true,
      label: 'Horizon H',
      unit: 'steps',
      help: 'Steps per episode; a fallen car pays 1 for every step left.',
    },
    iterations: {
      kind: 'number',
      default: 8,
      min: 1,
      max: 12,
      step: 1,
      integer: true,
      label: 'Iterations',
      help: 'DAgger, AggreVaTe and policy iteration: roll in with the current policy, collect, refit — this many times (the first roll-in is the expert’s).',
    },
    report: {
      kind: 'choice',
      default: 'best',
      options: [
        { value: 'best', label: 'Best iterate' },
        { value: 'last', label: 'Last iterate' },
      ],
      label: 'Report',
      help: 'Which iterate of the interactive methods counts: the best (picked on validation, as the theory licenses) or the last one.',
    },
    panel: {
      kind: 'choice',
      default: 'road',
      options: [
        { value: 'road', label: 'Road (recoverable)' },
        { value: 'bridge', label: 'Bridge (a mistake is a fall)' },
      ],
      label: 'Panel B: LaneKeep as',
      help: 'Road: LaneKeep, where a car that drifts can steer back. Bridge: every lane but the centre is a fall, so no mistake can be undone.',
    },
    epsilon: {
      kind: 'number',
      default: 0.02,
      min: 0.005,
      max: 0.1,
      step: 0.005,
      label: 'Panel B: tremble ε',
      help: 'Probability that the deployed learner’s executed action is uniformly random, per step (panel B).',
    },
  },
  result: {
    metrics: [
      'J/expert',
      'J/bc',
      'J/dagger',
      'J/aggrevate',
      'J/api',
      'J/bestInClass',
      'epsClass',
      'ratio/aggrevateOverExpert',
      'labels/dagger',
      'labels/aggrevate',
      'slope/bc',
      'slope/onPolicy',
      'regret/bc',
      'regret/onPolicy',
    ],
    series: [
      'iter/dagger',
      'iter/aggrevate',
      'iter/api',
      'iter/expert',
      'iter/bestInClass',
      'regret/bc',
      'regret/onPolicy',
    ],
    extras: ['observations', 'policies', 'expertFirstStep', 'reportedIteration', 'occupancy', 'horizonsB'],
  },
});

export type CliffRoadResult = ResultOf<typeof cliffRoadInfo>;
