/**
 * `exposure-bias` (SCIENCE.md "Chapter: Compounding error"; SCIENCE-NOTES §2(b)/(c) Toy 2B): the page-safe half —
 * id, words and the parameter schema. No tfjs here; the run function is in exposure-bias.ts.
 */
import { defineInfo, type ResultOf } from './types';

/** One generated string as the page draws it. */
export interface GeneratedString {
  text: string;
  /** Positions (0-based) of the invalid tokens: the depth after them is outside [0, B]. */
  invalid: number[];
  /** Depth after each token. */
  depths: number[];
}

/** Strings one student wrote at the deployment temperature. */
export interface StudentStrings {
  /** The first few sampled strings, as they came. */
  samples: GeneratedString[];
  /** The first few sampled strings that contain at least one invalid token (as many as `samples` at most). */
  withErrors: GeneratedString[];
  /** How many strings were sampled to find them. */
  nSampled: number;
  /** How many of those contain an invalid token. */
  nWithErrors: number;
}

/** A table student as plain JSON (sims/envs/dyck.ts: `DyckTablePolicy` with a plain array). */
export interface StudentTable {
  kind: 'depth' | 'window';
  depthCap: number;
  windowK: number;
  /** P("(") in each context, at temperature 1. */
  probOpen: number[];
}

export type DyckStudent = 'bc' | 'onPolicy';

export interface ExposureBiasExtras {
  /** The four horizons the slopes are fitted over: maxH/8, maxH/4, maxH/2, maxH. */
  horizons: number[];
  /** The temperature the strings were sampled at. */
  tau: number;
  /** The length of the sampled strings and of the curves. */
  maxH: number;
  /** Strings each student wrote. */
  strings: Record<DyckStudent, StudentStrings>;
  /** The fitted tables, and the teacher's, so a page can sample more strings (sims/envs/dyck.ts). */
  students: Record<DyckStudent | 'teacher', StudentTable>;
  /** The depth of each depth context (the depth student's columns). */
  depthLabels: number[];
}

export const exposureBiasInfo = defineInfo<ExposureBiasExtras>()({
  id: 'exposure-bias',
  title: 'Exposure bias: a bracket language model writes its own prefixes',
  description:
    'Teacher forcing (BC) vs on-policy distillation on a depth-capped bracket language: invalid tokens compound for BC, not the chance a whole string is valid.',
  params: {
    tau: {
      kind: 'number',
      default: 1.5,
      min: 0.5,
      max: 2,
      step: 0.05,
      label: 'Temperature τ',
      help:
        'Sampling temperature at deployment (p^(1/τ), renormalised). Above 1 the students make more per-token mistakes; ' +
        'the on-policy student also writes its training strings at this temperature.',
    },
    depthCap: {
      kind: 'number',
      default: 3,
      min: 1,
      max: 8,
      step: 1,
      integer: true,
      label: 'Depth cap B',
      help: 'A string is valid while its depth (open minus closed brackets) stays in [0, B].',
    },
    student: {
      kind: 'choice',
      default: 'depth',
      options: [
        { value: 'depth', label: 'Depth (realisable)' },
        { value: 'window', label: 'Last k tokens' },
      ],
      label: 'Student',
      help:
        'What the student sees of its prefix: the current depth (the teacher depends on nothing else), or only the last k ' +
        'tokens, from which the depth cannot be known — interaction does not fix that.',
    },
    windowK: {
      kind: 'number',
      default: 2,
      min: 1,
      max: 8,
      step: 1,
      integer: true,
      label: 'Window k',
      unit: 'tokens',
      help: 'How many recent tokens the window student sees (window student only).',
    },
    nStrings: {
      kind: 'number',
      default: 800,
      min: 20,
      max: 3200,
      step: 1,
      integer: true,
      log: true,
      label: 'Labelled strings',
      unit: 'strings',
      help:
        'The label budget, equal for both students: BC gets this many teacher strings; on-policy distillation gets the ' +
        'same number split evenly between the first teacher strings and its own strings of each round.',
    },
    rounds: {
      kind: 'number',
      default: 3,
      min: 1,
      max: 7,
      step: 1,
      integer: true,
      label: 'On-policy rounds',
      help: 'Write strings with the current student, let the teacher label every prefix, aggregate, refit — this many times.',
    },
    stringLength: {
      kind: 'number',
      default: 64,
      min: 8,
      max: 256,
      step: 1,
      integer: true,
      log: true,
      label: 'Training string length',
      unit: 'tokens',
      help: 'Length of every training string (teacher or student).',
    },
    hMax: {
      kind: 'number',
      default: 128,
      min: 16,
      max: 256,
      step: 1,
      integer: true,
      log: true,
      label: 'Longest generated string H',
      unit: 'tokens',
      help: 'The curves run from H = 1 to this length; slopes are fitted over H/8, H/4, H/2, H.',
    },
    metric: {
      kind: 'choice',
      default: 'dense',
      options: [
        { value: 'dense', label: 'Dense: invalid tokens' },
        { value: 'sparse', label: 'Sparse: P(valid)' },
      ],
      label: 'Metric shown',
      help: 'Which metric the main chart shows (both are computed). Whether errors compound depends on this choice.',
    },
  },
  result: {
    metrics: [
      'invalid/bc',
      'invalid/onPolicy',
      'invalidFraction/bc',
      'invalidFraction/onPolicy',
      'pValid/bc',
      'pValid/onPolicy',
      'pValid/maxGap',
      'tokenError/bc',
      'randomWalk/invalid/bc',
      'labels/bc',
      'labels/onPolicy',
      'sampled/errorFraction/bc',
      'sampled/errorFraction/onPolicy',
    ],
    // Undefined where a count they divide by or take the log of is 0.
    optionalMetrics: [
      'slope/invalid/bc',
      'slope/invalid/onPolicy',
      'slope/failure/bc',
      'slope/failure/onPolicy',
      'ratio/invalid',
      'invalidPerFailure/bc',
      'invalidPerFailure/onPolicy',
    ],
    series: ['invalid/bc', 'invalid/onPolicy', 'pValid/bc', 'pValid/onPolicy', 'failure/bc', 'failure/onPolicy'],
    extras: ['horizons', 'tau', 'maxH', 'strings', 'students', 'depthLabels'],
  },
});

export type ExposureBiasResult = ResultOf<typeof exposureBiasInfo>;
