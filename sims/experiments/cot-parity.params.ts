/**
 * `cot-parity` (SCIENCE.md "Chapter: Beyond behavior cloning"; SCIENCE-NOTES-ch7 §7(b) Toy 7C "Gate parity"): the
 * page-safe half — id, words and the parameter schema. The run function is in cot-parity.ts.
 */
import { defineInfo, type ResultOf } from './types';

export interface CotParityExtras {
  /** The chain lengths of the sample-size curves, in order. */
  lengths: number[];
  /** The n grid on which n* is searched (n* is the first n whose mean answer error is ≤ 0.05). */
  nGrid: number[];
  /** The chain lengths of the gradient-descent success curves (empty unless learner = 'gd'). */
  gdLengths: number[];
  /** The learner whose answer error the `answerError` metric reports, in words. */
  selected: string;
  /** Why the selection was read differently (answer-only supervision has one shared generator), else ''. */
  note: string;
  /** The answer error a gate that errs 5 % of the time reaches at length T: the gradient-descent success bar. */
  successBar: number;
  /** The weight norm at which the landscape is drawn: the median final norm of the 40 descents (1 unless 'gd'). */
  landscapeNorm: number;
}

export const cotParityInfo = defineInfo<CotParityExtras>()({
  id: 'cot-parity',
  title: 'Gate parity: chain-of-thought supervision against answer-only supervision',
  description:
    'The parity of T half-plane gates: with every step supervised and one generator shared across steps, the examples needed do not grow with T; with a generator per step they grow ∝ T; answer-only needs a little more data, and gradient descent on it stalls.',
  params: {
    nDemos: {
      kind: 'number',
      default: 10,
      min: 1,
      max: 512,
      step: 1,
      integer: true,
      log: true,
      label: 'Demonstrations n',
      help: 'Training examples: prompts x₁ … x_T with their chain of thought (or only their answer).',
    },
    T: {
      kind: 'number',
      default: 32,
      min: 2,
      max: 128,
      step: 1,
      integer: true,
      log: true,
      label: 'Chain length T',
      unit: 'steps',
      help: 'Gates whose parity is the answer; the chain of thought is the running parity after each gate.',
    },
    supervision: {
      kind: 'choice',
      default: 'cot',
      options: [
        { value: 'cot', label: 'Chain of thought (every step labelled)' },
        { value: 'answer', label: 'Answer only' },
      ],
      label: 'Supervision',
      help: 'What each example shows the learner: the whole chain z₁ … z_T, or only the final parity z_T.',
    },
    generator: {
      kind: 'choice',
      default: 'shared',
      options: [
        { value: 'shared', label: 'One generator for every step (time-invariant)' },
        { value: 'perStep', label: 'A separate generator per step' },
      ],
      label: 'Generator',
      help: 'Whether the same half-plane decides every gate (parameter sharing across the chain) or each step has its own. With answer-only supervision the generator is shared.',
    },
    learner: {
      kind: 'choice',
      default: 'erm',
      options: [
        { value: 'erm', label: 'Exact empirical risk minimiser' },
        { value: 'gd', label: 'Gradient descent (40 random starts)' },
      ],
      label: 'Learner',
      help: 'Exact: the half-plane agreeing with every label (a sweep over angles). Gradient descent: Adam on a smooth relaxation, which shows the optimisation landscape.',
    },
    datasets: {
      kind: 'number',
      default: 50,
      min: 10,
      max: 400,
      step: 10,
      integer: true,
      label: 'Data sets',
      help: 'Independent training sets averaged at every point of the exact curves.',
    },
  },
  result: {
    metrics: ['answerError', 'error/cotSharedAtN', 'error/cotPerStepAtN', 'error/answerOnlyAtN'],
    optionalMetrics: [
      'nStar/cotShared',
      'nStar/answerOnly',
      'nStar/cotPerStep',
      'ratio/cotShared',
      'ratio/cotPerStep',
      'gd/success',
      'gd/successAnswerLongest',
      'gd/successCotMin',
    ],
    series: [
      'nStar/cotShared',
      'nStar/cotPerStep',
      'nStar/answerOnly',
      'error/cotShared',
      'error/cotPerStep',
      'error/answerOnly',
      'landscape',
      'gd/starts',
      'gd/ends',
      'gdSuccess/answer',
      'gdSuccess/cot',
    ],
    trajectories: ['gd/angles'],
    extras: ['lengths', 'nGrid', 'gdLengths', 'selected', 'note', 'successBar', 'landscapeNorm'],
  },
});

export type CotParityResult = ResultOf<typeof cotParityInfo>;
