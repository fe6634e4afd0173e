/**
 * `bc-lane` (SCIENCE.md "Chapter: Behavior cloning"; SCIENCE-NOTES §2(b) Toy 2A): the page-safe half — id, words and
 * the parameter schema. No tfjs here; the run function is in bc-lane.ts.
 */
import { defineInfo, type ResultOf } from './types';

export interface BcLaneExtras {
  /** The lane offsets y = −6 … 6, the columns of every per-lane array below. */
  offsets: number[];
  /** The three actions' names, in action order (0 left, 1 stay, 2 right). */
  actionLabels: string[];
  /** The trained network's action probabilities per lane: number[13][3] (softmax of its logits). */
  actionProbs: number[][];
  /** The trained network's greedy action per lane. */
  bcTable: number[];
  /** The expert's action per lane (−sign(y)). */
  expertTable: number[];
  /** Demonstration pairs per lane. */
  demoCounts: number[];
  /** Whether any demonstration visits the lane. */
  inDemos: boolean[];
  /** Which of the seed's episodes the animation plays, and why that one. */
  animation: { episode: number; reason: string };
}

export const bcLaneInfo = defineInfo<BcLaneExtras>()({
  id: 'bc-lane',
  title: 'Behavior cloning on LaneKeep',
  description:
    'Train an MLP on clean expert demonstrations: it fits every demonstrated state, then drifts off the centre and never returns.',
  params: {
    nDemos: {
      kind: 'number',
      default: 20,
      min: 1,
      max: 100,
      step: 1,
      integer: true,
      label: 'Demonstrations',
      unit: 'episodes',
      help: 'Clean expert demonstrations, each as long as the horizon.',
    },
    epsilon: {
      kind: 'number',
      default: 0.02,
      min: 0,
      max: 0.2,
      step: 0.005,
      label: 'Tremble ε',
      help: 'Probability that the deployed car’s executed action is uniformly random. The demonstrations are tremble-free.',
    },
    horizon: {
      kind: 'number',
      default: 64,
      min: 5,
      max: 200,
      step: 1,
      integer: true,
      label: 'Horizon H',
      unit: 'steps',
      help: 'Steps per demonstration and per deployed episode.',
    },
    encoding: {
      kind: 'choice',
      default: 'scalar',
      options: [
        { value: 'scalar', label: 'Scalar y/6' },
        { value: 'onehot', label: 'One-hot lane' },
      ],
      label: 'Learner input',
      help: 'What the network sees of the lateral offset y.',
    },
    trainSteps: {
      kind: 'number',
      default: 150,
      min: 10,
      max: 1000,
      step: 10,
      integer: true,
      log: true,
      label: 'Training steps',
      unit: 'steps',
      help: 'Adam updates on minibatches of 128 demonstration pairs.',
    },
  },
  result: {
    metrics: [
      'accuracy/demoStates',
      'cost/bc',
      'cost/expert',
      'loss/final',
      'data/size',
      'demo/distinctStates',
      'animation/episode',
    ],
    // Undefined when the expert's cost is 0 (ε = 0); the animation's steps when its BC car never leaves the centre
    // (or, for the second, never changes lane again).
    optionalMetrics: ['ratio/bcOverExpert', 'animation/firstPush', 'animation/nextMove'],
    series: ['loss/train', 'visitation/expert', 'visitation/bc'],
    trajectories: ['expert', 'bc'],
    extras: ['offsets', 'actionLabels', 'actionProbs', 'bcTable', 'expertTable', 'demoCounts', 'inDemos', 'animation'],
  },
});

export type BcLaneResult = ResultOf<typeof bcLaneInfo>;
