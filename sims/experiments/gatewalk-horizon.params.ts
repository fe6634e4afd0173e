/**
 * `gatewalk-horizon` (SCIENCE.md "Chapter: Behavior cloning"; SCIENCE-NOTES §1(b)/(c) Toy 1A): the page-safe half —
 * id, words and the parameter schema. No tfjs here; the run function is in gatewalk-horizon.ts.
 */
import { defineInfo, type ResultOf } from './types';

export interface GatewalkHorizonExtras {
  /** The horizons of the grid, in order (hMin, doublings, hMax). */
  horizons: number[];
  /** The learner of the shared curves. */
  learner: 'exact' | 'logistic';
  /** Data sets behind each shared point (`logisticDatasets` for the logistic learner, else `datasets`). */
  datasets: number;
  /** Expert trajectories per data set. */
  n: number;
  /** The hidden gust's flip probability p. */
  gust: number;
}

export const gatewalkHorizonInfo = defineInfo<GatewalkHorizonExtras>()({
  id: 'gatewalk-horizon',
  title: 'Gate-walk: BC’s regret against horizon, with and without parameter sharing',
  description:
    'Regret of maximum-likelihood BC from n expert trajectories as H grows: flat (sparse) or linear (dense) with one policy shared across steps, ×H more without sharing.',
  params: {
    nDemos: {
      kind: 'number',
      default: 20,
      min: 1,
      max: 100,
      step: 1,
      integer: true,
      label: 'Demonstrations n',
      help: 'Expert trajectories in each data set, each H gates long. Every shared curve scales like 1/n.',
    },
    hMin: {
      kind: 'number',
      default: 4,
      min: 1,
      max: 64,
      step: 1,
      integer: true,
      log: true,
      label: 'Shortest horizon',
      unit: 'steps',
      help: 'The smallest H on the x-axis; the others double from it up to the longest.',
    },
    hMax: {
      kind: 'number',
      default: 128,
      min: 4,
      max: 256,
      step: 1,
      integer: true,
      log: true,
      label: 'Longest horizon',
      unit: 'steps',
      help: 'The largest H on the x-axis (added to the doublings if it is not one of them).',
    },
    curves: {
      kind: 'choice',
      default: 'all',
      options: [
        { value: 'all', label: 'All four' },
        { value: 'sparse', label: 'Sparse reward only' },
        { value: 'dense', label: 'Dense reward only' },
        { value: 'shared', label: 'Sharing on only' },
        { value: 'perStep', label: 'Sharing off only' },
      ],
      label: 'Curves',
      help:
        'Sharing on: one policy for every step, fit on all nH pairs; off: a policy per step, fit on its n pairs. ' +
        'Sparse reward (R = 1): lose 1 if the walker falls; dense (R = H): lose 1 per step spent fallen.',
    },
    learner: {
      kind: 'choice',
      default: 'exact',
      options: [
        { value: 'exact', label: 'Exact MLE (instant)' },
        { value: 'logistic', label: 'Logistic, tfjs (seconds)' },
      ],
      label: 'Learner',
      help:
        'Exact: the middle of the arc of angles that agree with every label. Logistic (shared class only): a ' +
        'zero-initialised linear softmax trained by Adam; under-trained, its error falls more slowly than 1/(nH) and ' +
        'the shared regret grows with H.',
    },
    gust: {
      kind: 'number',
      default: 0,
      min: 0,
      max: 0.2,
      step: 0.005,
      label: 'Hidden gust p',
      help:
        'A gust the learner cannot see flips the correct side of a gate with probability p; the expert sees it and never ' +
        'falls. The expert is then outside the learner’s class (misspecified), and regret grows with H even with sharing.',
    },
    datasets: {
      kind: 'number',
      default: 400,
      min: 20,
      max: 1000,
      step: 10,
      integer: true,
      log: true,
      label: 'Data sets per point',
      help:
        'Independent data sets behind each point: the curve is their mean, the band a 95% bootstrap interval. ' +
        'Slower with a hidden gust (each fit searches its data).',
    },
    logisticDatasets: {
      kind: 'number',
      default: 3,
      min: 1,
      max: 8,
      step: 1,
      integer: true,
      label: 'Trained data sets',
      help: 'Logistic learner only: data sets (one tfjs training run each) behind each shared point.',
    },
    logisticSteps: {
      kind: 'number',
      default: 100,
      min: 10,
      max: 1000,
      step: 10,
      integer: true,
      log: true,
      label: 'Training steps',
      unit: 'steps',
      help: 'Logistic learner only: full-batch Adam updates (learning rate 0.05). The notes’ prototype used 500.',
    },
  },
  result: {
    // Every metric depends on which curves are drawn (`curves`, `learner`), and slopes and ratios are undefined where
    // a regret is 0: all are left out when undefined.
    metrics: [],
    optionalMetrics: [
      'regret/sharedSparse',
      'regret/perStepSparse',
      'regret/sharedDense',
      'regret/perStepDense',
      'regret/exactSharedSparse',
      'regret/exactSharedDense',
      'slope/sharedSparse',
      'slope/perStepSparse',
      'slope/sharedDense',
      'slope/perStepDense',
      'slope/exactSharedSparse',
      'slope/exactSharedDense',
      'ratio/sharedSparse',
      'ratio/perStepSparse',
      'ratio/perStepSparse4x',
      'slope/perStepDenseShort',
      'ratio/perStepOverShared',
      'error/shared',
      'error/perStep',
      'rate/shared',
      'mean/sharedSparse',
      'min/sharedSparse',
      'max/sharedSparse',
    ],
    // Curves not selected by `curves` are empty; exact/… are empty unless the learner is logistic.
    series: ['sharedSparse', 'perStepSparse', 'sharedDense', 'perStepDense', 'exact/sharedSparse', 'exact/sharedDense'],
    extras: ['horizons', 'learner', 'datasets', 'n', 'gust'],
  },
});

export type GatewalkHorizonResult = ResultOf<typeof gatewalkHorizonInfo>;
